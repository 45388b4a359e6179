"""Property tests: the document invariants every rule relies on, for any input."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contentlint.document import HEADING, Document
from contentlint.inline import Edits, find_links
from contentlint.lines import LineIndex
from contentlint.markdown import apply_edits, parse_markdown
from contentlint.plaintext import parse_text
from contentlint.suppression import apply_suppressions, parse_directives
from contentlint.sentences import strip_span

from conftest import PatternRule, run_rules

# CONTENTLINT_EXAMPLES=5000 searches harder (slow); the default keeps the suite fast.
SETTINGS = settings(max_examples=int(os.environ.get("CONTENTLINT_EXAMPLES", "200")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
KINDS = {"heading", "paragraph", "list_item", "table_cell", "html", "quote"}

# Pieces of Markdown (and of things that look like it), joined at random.
PIECES = [
    "# ", "## ", "###### ", "#", "- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "> ", "    ", "  ", "\t", "```", "~~~",
    "```python\n", "`", "``", "*", "_", "**", "__", "~~", "[", "]", "(", ")", "![", "](", "][", "<", ">", "<div>",
    "</div>", "<p>", "</p>", "<h2>", "</h2>", "<li>", "<td>", "<script>", "</script>", "<style>", "</style>", "<!--",
    "-->", "<!-- contentlint-disable -->", "<!-- contentlint-enable TS901 -->",
    "<!-- contentlint-disable-next-line -->", "&amp;", "&#10;", "&#13;", "&#x1F600;", "&nbsp;", "&", ";", "|",
    "| a | b |\n|---|---|\n", "---", "+++", "===", "***", "\n", "\n", "\n\n", "\r\n", "\r", " ", " ", "TODO",
    "word", "Sleep", "Dr.", ". ", "? ", "! ", "e.g. ", "U.S. ", "é", "😀", "http://x.org/a_b", "https://x.org/(p)",
    "www.x.com", "me@x.org", "\\", "{{", "}}", "{%", "%}", "[^1]", "[^1]: ", "[x]: http://x", "[x]", "\u00a0",
    "\u2028", "\x0c",
]
markdownish = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), markdownish)


def check_document(document: Document) -> None:
    text, prose = document.text, document.prose
    assert len(prose) == len(text)
    for index, (original, kept) in enumerate(zip(text, prose)):
        if original in "\r\n":
            assert kept == original, index  # newlines stay where they are
        else:
            assert kept not in "\r\n", index  # and no new ones appear
    previous_end = 0
    for block in document.blocks:
        assert block.kind in KINDS
        assert 0 <= previous_end <= block.start < block.end <= len(text), block  # sorted, not overlapping
        assert not prose[block.start].isspace() and not prose[block.end - 1].isspace(), block  # trimmed
        assert (1 <= block.level <= 6) if block.kind == HEADING else block.level == 0
        previous_end = block.end
    previous_end = 0
    for sentence in document.sentences:
        block = document.blocks[sentence.block]
        assert block.start <= sentence.start < sentence.end <= block.end, sentence
        assert previous_end <= sentence.start, sentence
        previous_end = sentence.end
    for comment in document.comments:
        assert text[comment.start:comment.start + 4] == "<!--"
    for offset in (0, len(text) // 2, len(text)):
        block = document.block_at(offset)
        assert block is None or block.start <= offset < block.end


@SETTINGS
@given(any_text)
@example("- " * 30 + "TODO")
@example("---\r\na: [\r\n---\r\nx")
@example("&#10;&#13;")
def test_markdown_invariants(text: str) -> None:
    check_document(parse_markdown(text))


@SETTINGS
@given(any_text)
def test_plain_text_invariants(text: str) -> None:
    check_document(parse_text(text))


def naive_positions(text: str) -> list[tuple[int, int]]:
    """(line, column) of every offset 0..len(text), walking the text one character at a time."""
    positions = []
    line, column = 1, 1
    index = 0
    while index < len(text):
        positions.append((line, column))
        if text[index] == "\r" and index + 1 < len(text) and text[index + 1] == "\n":
            positions.append((line, column + 1))
            index += 2
            line, column = line + 1, 1
        elif text[index] in "\r\n":
            index += 1
            line, column = line + 1, 1
        else:
            index += 1
            column += 1
    positions.append((line, column))
    return positions


@SETTINGS
@given(st.lists(st.sampled_from(["a", "é", "😀", "\r", "\n", "\r\n", " ", "\t", "\u2028", "\x0c"]), max_size=40).map("".join))
def test_line_index_agrees_with_a_naive_walk(text: str) -> None:
    index = LineIndex(text)
    expected = naive_positions(text)
    assert [index.position(offset) for offset in range(len(text) + 1)] == expected
    assert index.line_count == expected[-1][0]
    for line in range(1, index.line_count + 1):
        start, end = index.line_start(line), index.line_end(line)
        assert index.position(start) == (line, 1)
        assert "\r" not in text[start:end] and "\n" not in text[start:end]
        assert index.offset(line, 1) == start


# Lines of Markdown without newlines in them: joined with each newline style.
LINE_PIECES = [piece for piece in PIECES if "\n" not in piece and "\r" not in piece and piece not in ("\u2028",)]
markdown_lines = st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=8).map("".join), max_size=12)
MARKER = PatternRule(r"\bTODO\b", code="ZZ901", name="marker")
SENTENCE = PatternRule(r"Sleep[^.?!]*[.?!]", code="ZZ902", name="sleep-sentence")


@SETTINGS
@given(markdown_lines, st.sampled_from(["x.md", "x.txt"]))
def test_newline_style_never_changes_a_position(lines: list[str], filename: str) -> None:
    results = []
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(lines) + newline
        findings = run_rules(text, MARKER, SENTENCE, filename=filename)
        results.append([(f.code, f.line, f.column, f.end_line, f.end_column) for f in findings])
    assert results[0] == results[1] == results[2]


@SETTINGS
@given(markdown_lines)
def test_newline_style_never_changes_blocks_or_sentences(lines: list[str]) -> None:
    shapes = []
    for newline in ("\n", "\r\n", "\r"):
        document = parse_markdown(newline.join(lines) + newline)
        blocks = [(b.kind, b.level, document.position(b.start), document.position(b.end)) for b in document.blocks]
        sentences = [(document.position(s.start), document.position(s.end)) for s in document.sentences]
        shapes.append((blocks, sentences))
    assert shapes[0] == shapes[1] == shapes[2]


@SETTINGS
@given(markdownish)
def test_disable_file_silences_everything(text: str) -> None:
    # At the top: further down, an unclosed code fence could swallow the comment (and then it must not count).
    suppressed = "<!-- contentlint-disable-file -->\n\n" + text
    assert run_rules(suppressed, MARKER, SENTENCE) == []


@SETTINGS
@given(markdownish)
def test_suppressions_only_ever_remove_findings(text: str) -> None:
    document = parse_markdown(text)
    directives = parse_directives(document)
    for directive in directives:
        assert 1 <= directive.line <= document.lines.line_count
        assert directive.first_line <= directive.last_line or directive.action == "disable-next-line"
    plain = run_rules(re.sub(r"<!--.*?-->", lambda m: " " * len(m.group()), text, flags=re.DOTALL), MARKER)
    assert len(apply_suppressions(list(plain), directives)) <= len(plain)


# -- the fast helpers against their plain definitions ---------------------------------------------

LINKS = re.compile(
    r"""(?:https?://|ftp://|www\.)[^\s<>()\[\]"'`]*[^\s<>()\[\]"'`.,;:!?]
      | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+""",
    re.VERBOSE | re.IGNORECASE,
)
LINK_PIECES = ["http://", "https://", "HTTPS://", "ftp://", "www.", "WWW.", "@", ".", "a", "b.c", " ", "x@y.org",
               "-", "+", "/", "(", ")", ":", "é", "_", "s://", "ttp", "w", "😀"]


@SETTINGS
@given(st.lists(st.sampled_from(LINK_PIECES), max_size=14).map("".join), st.data())
def test_find_links_is_the_leftmost_regex_match(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [match.span() for match in LINKS.finditer(text, start, end)]
    assert find_links(text, start, end) == expected


def naive_apply(text: str, keep: list[tuple[int, int]], edits: Edits) -> str:
    blanked = re.sub(r"[^\r\n]", " ", text)
    chars = list(blanked)
    for start, end in keep:
        chars[start:end] = text[start:end]
    for start, end in edits.blanks:
        chars[start:end] = blanked[start:end]
    for start, end, replacement in edits.replacements:
        chars[start:end] = replacement
    return "".join(chars)


@SETTINGS
@given(st.text(alphabet="ab \n\r&", max_size=30), st.data())
def test_apply_edits_matches_its_definition(text: str, data: st.DataObject) -> None:
    size = len(text)

    def span() -> tuple[int, int]:
        start = data.draw(st.integers(0, size))
        return start, data.draw(st.integers(start, size))

    keep = [span() for _ in range(data.draw(st.integers(0, 4)))]
    edits = Edits()
    edits.blanks = [span() for _ in range(data.draw(st.integers(0, 4)))]
    position = 0
    for _ in range(data.draw(st.integers(0, 3))):  # entity replacements never overlap
        if position >= size:
            break
        start = data.draw(st.integers(position, size - 1))
        end = data.draw(st.integers(start + 1, min(size, start + 4)))
        edits.replacements.append((start, end, "X" + " " * (end - start - 1)))
        position = end
    assert apply_edits(text, keep, edits) == naive_apply(text, keep, edits)


@SETTINGS
@given(st.text(alphabet=" a\n\r\t\u00a0\u2028b"), st.integers(0, 40), st.integers(0, 40))
def test_strip_span_agrees_with_walking_over_white_space(text: str, start: int, end: int) -> None:
    start = min(start, len(text))
    end = max(start, min(end, len(text)))
    expected_start, expected_end = start, end
    while expected_start < expected_end and text[expected_start].isspace():
        expected_start += 1
    while expected_end > expected_start and text[expected_end - 1].isspace():
        expected_end -= 1
    stripped = strip_span(text, start, end)
    if expected_end > expected_start:
        assert stripped == (expected_start, expected_end)
    else:
        assert stripped[0] == stripped[1]
