"""Documents: what is prose, where blocks and sentences are, and exact line:column.

Positions are checked through a real YAML rule (the test pack's TS901,
which matches TODO anywhere in prose) and on the Document itself.
"""

from __future__ import annotations

import pytest

from contentlint.document import HEADING, HTML, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_CELL, Document
from contentlint.lines import LineIndex
from contentlint.markdown import parse_markdown
from contentlint.plaintext import parse_text
from contentlint.source import decode

from conftest import spots


def blocks_of(doc: Document) -> list[tuple[str, str]]:
    return [(block.kind, doc.text[block.start:block.end]) for block in doc.blocks]


def sentences_of(doc: Document) -> list[str]:
    return [doc.prose[s.start:s.end] for s in doc.sentences]


# -- exact positions through a rule -------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("---\ntitle: TODO in front matter\ntags: [TODO]\n---\n# Heading\n\nBody has a TODO here.\n",
                     [(7, 12, 7, 16)], id="yaml-front-matter"),
        pytest.param('+++\ntitle = "TODO"\n+++\n\nA TODO after TOML.\n', [(5, 3, 5, 7)], id="toml-front-matter"),
        pytest.param("---\r\ntitle: TODO\r\n---\r\nA TODO.\r\n", [(4, 3, 4, 7)], id="crlf-front-matter"),
        pytest.param("---\rtitle: TODO\r---\rA TODO.\r", [(4, 3, 4, 7)], id="cr-front-matter"),
        pytest.param("Intro.\n\n```python\n# TODO in code\n```\n\n~~~\nTODO\n~~~\n\nAfter TODO.\n",
                     [(11, 7, 11, 11)], id="fenced-code"),
        pytest.param("Intro.\n\n    TODO in indented code\n\nAfter TODO.\n", [(5, 7, 5, 11)], id="indented-code"),
        pytest.param("Use `TODO` or ``a ` TODO`` but not TODO.\n", [(1, 36, 1, 40)], id="inline-code"),
        pytest.param('<div class="TODO">\n<p>Call us. TODO: check the number.</p>\n<script>var TODO = 1;</script>\n'
                     "<style>.TODO {}</style>\n<!-- TODO -->\n</div>\n", [(2, 13, 2, 17)], id="html-block"),
        pytest.param("<script>\nvar TODO;\n\nTODO after a blank line, still script\n</script>\n\nAfter TODO.\n",
                     [(7, 7, 7, 11)], id="script-block"),
        pytest.param("| Drug | Dose |\n| --- | --- |\n| TODO | 5 mg TODO |\n| a `TODO` | b |\n",
                     [(3, 3, 3, 7), (3, 15, 3, 19)], id="table"),
        pytest.param("- first TODO\n  - nested TODO\n    1. deep TODO\n- [ ] task TODO\n",
                     [(1, 9, 1, 13), (2, 12, 2, 16), (3, 13, 3, 17), (4, 12, 4, 16)], id="lists"),
        pytest.param("> quoted TODO\n> > nested TODO\n", [(1, 10, 1, 14), (2, 12, 2, 16)], id="block-quotes"),
        pytest.param("See [the TODO guide](https://example.com/TODO) and ![TODO](TODO.png) and "
                     "<https://x.org/TODO> and https://x.org/TODO and www.TODO.com and me@TODO.org.\n",
                     [(1, 10, 1, 14)], id="links-images-urls"),
        pytest.param("[TODO]: https://example.com/TODO\n\nText TODO.\n", [(3, 6, 3, 10)], id="link-reference-definition"),
        pytest.param("Line one\r\nLine TODO two\r\n\r\nThird TODO\r\n", [(2, 6, 2, 10), (4, 7, 4, 11)], id="crlf"),
        pytest.param("Line one\rLine TODO two\r\rThird TODO\r", [(2, 6, 2, 10), (4, 7, 4, 11)], id="lone-cr"),
        pytest.param("\ufeffTODO first\nsecond TODO\n", [(1, 1, 1, 5), (2, 8, 2, 12)], id="bom"),
        pytest.param("😀😀 TODO and é TODO\n", [(1, 4, 1, 8), (1, 15, 1, 19)], id="emoji-code-points"),
        pytest.param("Café naïve TODO\n", [(1, 12, 1, 16)], id="accents"),
        pytest.param("Title TODO\n==========\n\nSub TODO\n--------\n", [(1, 7, 1, 11), (4, 5, 4, 9)], id="setext"),
        pytest.param("## TODO closed ##\n", [(1, 4, 1, 8)], id="atx-closed"),
    ],
)
def test_markdown_positions(text: str, expected: list[tuple[int, int, int, int]]) -> None:
    assert spots(text) == expected


def test_bom_from_bytes_never_shifts_a_column() -> None:
    source = decode(b"\xef\xbb\xbfTODO one\n", "x.md")
    assert source.bom and source.text == "TODO one\n"
    assert spots(source.text) == [(1, 1, 1, 5)]


def test_plain_text_positions_and_urls() -> None:
    text = "Intro line.\r\nVisit https://example.com/TODO or mail me@TODO.org.\r\nA TODO here <!-- TODO -->\r\n"
    assert spots(text, filename="notes.txt") == [(3, 3, 3, 7)]


def test_shortcut_reference_link_brackets_are_markup_only_when_defined() -> None:
    doc = parse_markdown("Call [insert number] today.\n\nSee [the link] for more.\n\n[The  Link]: https://example.com\n")
    assert sentences_of(doc) == ["Call [insert number] today.", "See  the link  for more."]


# -- prose ----------------------------------------------------------------------

def test_prose_blanks_markup_but_keeps_words_and_newlines() -> None:
    doc = parse_markdown("# Title *here*\n\nSome **bold** and `code` and [a link](http://x.org \"t\").\n")
    assert doc.prose == "  Title  here \n\nSome   bold   and        and  a link" + " " * 19 + ".\n"


def test_front_matter_is_parsed_and_blank_in_prose() -> None:
    doc = parse_markdown("---\ntitle: Sleep well\ntags: [sleep]\n---\nBody.\n")
    assert doc.front_matter == {"title": "Sleep well", "tags": ["sleep"]}
    assert doc.title == "Sleep well"
    assert doc.prose == "   \n" + " " * 17 + "\n" + " " * 13 + "\n   \nBody.\n"
    assert blocks_of(doc) == [(PARAGRAPH, "Body.")]


def test_toml_front_matter_is_parsed() -> None:
    doc = parse_markdown('+++\r\ntitle = "Sleep"\r\ntags = ["rest"]\r\n+++\r\nBody.\r\n')
    assert doc.front_matter == {"title": "Sleep", "tags": ["rest"]}
    assert doc.title == "Sleep"
    assert blocks_of(doc) == [(PARAGRAPH, "Body.")]
    assert parse_markdown("+++\ntitle = not toml\n+++\nBody.\n").front_matter is None


def test_yaml_front_matter_that_is_not_a_mapping_or_broken() -> None:
    assert parse_markdown("---\n- a list\n---\nBody.\n").front_matter is None
    assert parse_markdown("---\ntitle: [unclosed\n---\nBody.\n").front_matter is None


def test_crlf_front_matter_is_front_matter() -> None:
    doc = parse_markdown("---\r\ntitle: Sleep\r\n---\r\nBody.\r\n")
    assert doc.front_matter == {"title": "Sleep"}
    assert blocks_of(doc) == [(PARAGRAPH, "Body.")]


def test_thematic_break_at_start_without_closing_is_not_front_matter() -> None:
    doc = parse_markdown("---\n\nJust text.\n")
    assert doc.front_matter is None
    assert blocks_of(doc) == [(PARAGRAPH, "Just text.")]


def test_html_text_is_prose_but_tags_attributes_script_and_style_are_not() -> None:
    doc = parse_markdown('<div class="note" title="Not prose">\n<p>Call <b>988</b> now.</p>\n'
                         "<script>alert('no')</script>\n<style>p { color: red }</style>\n</div>\n")
    assert "Not prose" not in doc.prose and "alert" not in doc.prose and "color" not in doc.prose
    assert "class" not in doc.prose
    assert sentences_of(doc) == ["Call    988     now."]
    assert [block.kind for block in doc.blocks] == [HTML]


def test_attribute_values_may_hold_angle_brackets() -> None:
    doc = parse_markdown('<p>Read the <a href="{{< ref "/guides/x.md" >}}">guide</a> first.</p>\n\n'
                         'See <a title="T" href="{{< ref "x.md" >}}" rel="nofollow">the webinar</a> now.\n')
    assert doc.prose.split() == ["Read", "the", "guide", "first.", "See", "the", "webinar", "now."]


def test_html_headings_list_items_and_cells_keep_their_kind() -> None:
    doc = parse_markdown("<h2>Get help</h2>\n<ul><li>Call 988</li><li>Text HOME</li></ul>\n"
                         "<table><tr><td>Cell</td></tr></table>\n")
    assert blocks_of(doc) == [(HEADING, "Get help"), (LIST_ITEM, "Call 988"), (LIST_ITEM, "Text HOME"),
                              (TABLE_CELL, "Cell")]
    assert doc.blocks[0].level == 2


def test_entities_become_their_character_padded() -> None:
    doc = parse_markdown("AT&amp;T &copy; 2024 &#10; end\n")
    assert doc.prose == "AT&    T ©      2024       end\n"


def test_inline_html_code_and_script_are_not_prose() -> None:
    doc = parse_markdown("Run <code>rm -rf</code> and <script>x()</script> then rest.\n")
    assert doc.prose == "Run " + " " * len("<code>rm -rf</code>") + " and " + " " * len("<script>x()</script>") + " then rest.\n"


def test_hard_break_backslash_and_escapes() -> None:
    doc = parse_markdown("One\\\ntwo \\*not emphasis\\*\n")
    assert doc.prose == "One \ntwo  *not emphasis *\n"


def test_footnote_reference_and_definition_labels_are_not_prose() -> None:
    doc = parse_markdown("Sleep matters[^1].\n\n[^1]: Walker, 2017.\n")
    assert sentences_of(doc) == ["Sleep matters    .", "Walker, 2017."]


def test_inline_markup_across_lines() -> None:
    doc = parse_markdown('See the [Digital Analytics\nProgram](\n  https://example.gov/dap "DAP: the program")\n'
                         "and `a code\nspan` too.\n")
    destination = '  https://example.gov/dap "DAP: the program")'
    assert sentences_of(doc) == ["See the  Digital Analytics\nProgram  \n" + " " * len(destination)
                                 + "\nand" + " " * len(" `a code") + "\n" + " " * len("span`") + " too."]


def test_hugo_shortcodes_and_liquid_tags_are_not_prose() -> None:
    text = ('Before.\n{{< button href="https://x.gov/idea"\n   text="Submit an idea" >}}\n'
            "After {{% note %}} and {% include card.html %} end.\n")
    doc = parse_markdown(text)
    assert "button" not in doc.prose and "Submit" not in doc.prose and "note" not in doc.prose
    assert "include" not in doc.prose and "{" not in doc.prose
    assert doc.prose.split() == ["Before.", "After", "and", "end."]


def test_shortcode_as_link_destination_and_inside_html() -> None:
    doc = parse_markdown('Part of the [Analytics Program]({{< link "/dap/" >}} "DAP: Program") (DAP).\n\n'
                         '<br/>\n{{< button href="https://x.gov" text="Submit" >}}\n<br/>\n')
    assert doc.prose.split() == ["Part", "of", "the", "Analytics", "Program", "(DAP)."]


def test_github_alert_label_is_markup() -> None:
    doc = parse_markdown("> [!NOTE]\n> Call 988 any time.\n")
    assert sentences_of(doc) == ["Call 988 any time."]


def test_multi_line_comment_inside_a_paragraph() -> None:
    doc = parse_markdown("Text <!-- contentlint-disable-line\nST401 --> more.\n")
    assert [c.body for c in doc.comments] == [" contentlint-disable-line\nST401 "]
    assert doc.prose.split() == ["Text", "more."]


# -- blocks ---------------------------------------------------------------------

def test_block_kinds_and_spans() -> None:
    text = ("# Title\n\nA paragraph\nover two lines.\n\n- item one\n- item two\n\n> quoted\n\n"
            "| a | b |\n|---|---|\n| c | d |\n\nSetext\n------\n")
    doc = parse_markdown(text)
    assert blocks_of(doc) == [
        (HEADING, "Title"), (PARAGRAPH, "A paragraph\nover two lines."), (LIST_ITEM, "item one"),
        (LIST_ITEM, "item two"), (QUOTE, "quoted"), (TABLE_CELL, "a"), (TABLE_CELL, "b"), (TABLE_CELL, "c"),
        (TABLE_CELL, "d"), (HEADING, "Setext"),
    ]
    assert [b.level for b in doc.blocks if b.kind == HEADING] == [1, 2]


def test_multi_line_setext_heading() -> None:
    doc = parse_markdown("Two line\nheading\n===\n\nText.\n")
    assert blocks_of(doc) == [(HEADING, "Two line\nheading"), (PARAGRAPH, "Text.")]
    assert doc.blocks[0].level == 1 and "=" not in doc.prose


def test_nested_list_markers_on_one_line_are_all_markup() -> None:
    doc = parse_markdown("- - first\n- 1. second\n- > third\n> - fourth\n- [x] done\n")
    assert blocks_of(doc) == [(LIST_ITEM, "first"), (LIST_ITEM, "second"), (QUOTE, "third"),
                              (LIST_ITEM, "fourth"), (LIST_ITEM, "done")]
    assert "-" not in doc.prose and ">" not in doc.prose and "1." not in doc.prose


def test_html_block_inside_list_and_quote_has_no_markers_in_prose() -> None:
    doc = parse_markdown("- <div>Item text</div>\n\n> <p>Quoted\n> text</p>\n")
    assert [doc.prose[b.start:b.end] for b in doc.blocks] == ["Item text", "Quoted\n  text"]


def test_list_item_with_several_paragraphs_and_lazy_lines() -> None:
    doc = parse_markdown("1. First para\nlazy line.\n\n   Second para.\n2. Next.\n")
    assert blocks_of(doc) == [(LIST_ITEM, "First para\nlazy line."), (LIST_ITEM, "Second para."),
                              (LIST_ITEM, "Next.")]


def test_table_cells_in_a_block_quote() -> None:
    doc = parse_markdown("> | a | b |\n> |---|---|\n> | c | d |\n")
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["a", "b", "c", "d"]


def test_table_escaped_pipe_does_not_split_a_cell() -> None:
    doc = parse_markdown("| a \\| b | c |\n|---|---|\n")
    assert blocks_of(doc) == [(TABLE_CELL, "a \\| b"), (TABLE_CELL, "c")]


def test_block_at() -> None:
    doc = parse_markdown("# Head\n\nPara text.\n")
    head, para = doc.blocks
    assert doc.block_at(head.start) == head
    assert doc.block_at(head.end - 1) == head
    assert doc.block_at(head.end) is None  # the newline after the heading
    assert doc.block_at(para.start + 3) == para
    assert doc.block_at(0) is None  # the "#" is markup
    assert doc.block_at(len(doc.text)) is None


def test_plain_text_paragraphs() -> None:
    doc = parse_text("First para\nstill first.\n\n  \nSecond para.\r\n\r\nThird.")
    assert blocks_of(doc) == [(PARAGRAPH, "First para\nstill first."), (PARAGRAPH, "Second para."),
                              (PARAGRAPH, "Third.")]


def test_comments_are_collected_outside_code_only() -> None:
    doc = parse_markdown("<!-- one -->\n\nText <!-- two --> and `<!-- not -->`.\n\n```\n<!-- not -->\n```\n")
    assert [c.body for c in doc.comments] == [" one ", " two "]


# -- sentences ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith said so. Then she left.", ["Dr. Smith said so.", "Then she left."]),
        ("Take it daily, e.g. with food. It helps.", ["Take it daily, e.g. with food.", "It helps."]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("Is it safe?! Yes. Really…  Maybe.", ["Is it safe?!", "Yes.", "Really…", "Maybe."]),
        ("Take 2.5 mg at 5 p.m. daily.", ["Take 2.5 mg at 5 p.m. daily."]),
        ("Take vitamin D. It helps bones.", ["Take vitamin D.", "It helps bones."]),
        ("Written by J. R. Smith. The end.", ["Written by J. R. Smith.", "The end."]),
        ("See fig. 2 and No. 5. Say no. Then go.", ["See fig. 2 and No. 5.", "Say no.", "Then go."]),
        ("The U.S. Food and Drug Administration agrees.", ["The U.S. Food and Drug Administration agrees."]),
        ("It was made in the U.S. The rest was not.", ["It was made in the U.S.", "The rest was not."]),
        ("Fever, cough, etc. See a doctor.", ["Fever, cough, etc.", "See a doctor."]),
        ("(An aside.) Next one.", ["(An aside.)", "Next one."]),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert sentences_of(parse_markdown(text + "\n")) == expected


def test_sentences_never_cross_blocks() -> None:
    doc = parse_markdown("# Heading without stop\n\nFirst sentence without stop\n\n- item one\n- item two.\n")
    assert sentences_of(doc) == ["Heading without stop", "First sentence without stop", "item one", "item two."]
    assert [doc.blocks[s.block].kind for s in doc.sentences] == [HEADING, PARAGRAPH, LIST_ITEM, LIST_ITEM]


def test_sentences_split_across_lines_in_a_paragraph() -> None:
    doc = parse_markdown("One sentence that\nwraps. Another\none.\n")
    assert sentences_of(doc) == ["One sentence that\nwraps.", "Another\none."]


def test_word_count_counts_prose_words_only() -> None:
    doc = parse_markdown("---\ntitle: a b c\n---\n# Two words\n\nIt's `not counted` here [link](http://x.org).\n")
    assert doc.word_count == 5  # Two, words, It's, here, link


def test_title_from_first_level_one_heading() -> None:
    assert parse_markdown("Intro\n\n## Sub\n\n# Main *title*\n").title == "Main title"
    assert parse_markdown("No heading.\n").title is None


# -- the line index -----------------------------------------------------------

def test_line_index_counts_crlf_cr_and_lf_as_one_line_break_each() -> None:
    index = LineIndex("a\r\nb\rc\nd")
    assert index.line_count == 4
    assert [index.position(o) for o in range(9)] == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (3, 1), (3, 2),
                                                    (4, 1), (4, 2)]
    assert [(index.line_start(n), index.line_end(n)) for n in (1, 2, 3, 4)] == [(0, 1), (3, 4), (5, 6), (7, 8)]
    assert index.offset(3, 2) == 6
    assert index.position(-5) == (1, 1) and index.position(99) == (4, 2)


def test_prose_length_invariant_is_enforced() -> None:
    with pytest.raises(ValueError):
        Document(path="x", text="abc", prose="ab", blocks=[])


# -- the engine places rule offsets --------------------------------------------

def test_finding_spanning_lines_has_its_end_line_and_column() -> None:
    from conftest import PatternRule, run_rules

    rule = PatternRule(r"lorem\s+ipsum")
    for text in ("Some lorem\nipsum text.\n", "Some lorem\r\nipsum text.\r\n", "Some lorem\ripsum text.\r"):
        findings = run_rules(text, rule)
        assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [(1, 6, 2, 6)], repr(text)
        end = text.index("ipsum") + len("ipsum")
        assert findings[0].message == f"matched {text[5:end]!r}"
        assert (findings[0].start, findings[0].end) == (5, end)


def test_finding_offsets_are_clamped_to_the_text() -> None:
    from contentlint.rule import Rule
    from contentlint.violation import Violation

    from conftest import run_rules

    class OutOfRange(Rule):
        """Reports past the end."""

        code = "ZZ901"
        name = "out-of-range"

        def check(self, document, options):
            yield Violation(-3, 10_000, "everything")

    findings = run_rules("ab\ncd\n", OutOfRange())
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [(1, 1, 3, 1)]
