"""The fast paths of the Markdown adapter give exactly what the plain way gives.

parse_markdown chooses markdown-it's block rules per line and replaces a few
of them, normalizes line ends itself, merges prose regions as sorted spans
and skips work where a block holds no markup; its inline patterns are
written to loop over character classes. Here the straightforward version each of those replaced
(markdown-it as configured before, a sweep over every region edge, a scan of
every block) is kept as a reference, and Documents are compared whole on
open-ended Markdown.
"""

from __future__ import annotations

import html
import os
import re
from functools import lru_cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from contentlint.document import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_CELL, Block, Comment
from contentlint.inline import _INLINE_AT, Edits, find_links, normalize_label, scan_html, scan_inline
from contentlint.lines import LineIndex
from contentlint.markdown import _block_tokens, _front_matter, apply_edits, html_blocks, parse_markdown
from contentlint.sentences import strip_span

SETTINGS = settings(max_examples=int(os.environ.get("CONTENTLINT_EXAMPLES", "200")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Block structure above all: containers, list markers, fences, tables, HTML
# blocks, setext underlines, reference definitions; then inline markup.
PIECES = [
    "# ", "## ", "###### ", "####### ", "#", " #", "Title", "\n", "\n", "\n", "\n\n", "\r\n", "\r", "- ", "* ", "+ ",
    "-", "1. ", "2) ", "10. ", "1234567890. ", "- [ ] ", "- [x] ", "> ", ">", "> > ", "  ", "   ", "    ", "\t", " \t",
    "```", "~~~", "```python\n", "---", "***", "___", "* * *", "===", "=", "| a | b |\n", "|---|---|\n", "|:-|-:|\n",
    "| c |", "|", "a | b\n", "-|-\n", "<div>", "</div>", "<p>", "</p>", "<h2>", "</h2>", "<li>", "<td>", "<!--", "-->",
    "<!-- note -->", "<script>", "</script>", "<pre>", "</pre>", "<?php ", "?>", "<![CDATA[", "]]>", "<!X ", "<search>",
    "[x]: /u\n", "[x]: <a b>\n", '[y]:\n/u "t"\n', "[x]", "[X]", "[ x ]", "[y][x]", "[^1]: ", "[^1]", "[!NOTE] ",
    "[!tip]", "word", "text. ", "Sleep well", "&amp;", "&#10;", "&#x1F600;", "&nbsp;", "\\", "*", "**", "_", "__",
    "~~", "`", "``", "[", "]", "](", ")", "![", "http://x.org/a_b", "HTTPS://X.org", "www.x.com", "wWw.y.org",
    "me@x.org", "a@b", "{{< x >}}", "{{", "}}", "{%", "%}", "\x00", "é", "Ω", "😀", "\u00a0", "\x0c", "snake_case",
]
markdownish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
# Whole lines, so that blocks meet: a paragraph interrupted (or not) by a table,
# a list, a heading, a fence; lazy lines in quotes and lists; indents around 4.
INDENTS = ["", "", " ", "  ", "   ", "    ", "     ", "\t", " \t"]
PREFIXES = ["", "", "", "> ", ">", "> > ", "- ", "* ", "1. ", "2) ", "- > ", "> - ", "10. "]
CONTENTS = [
    "text", "more text", "", "", "| a | b |", "|---|---|", "a | b", "-|-", "|:-:|", "---", "***", "- - -", "___", "===", "-",
    "```", "~~~", "```js", "# h", "###### h #", "#x", "<div>", "</div>", "<!-- x", "-->", "<pre>", "</pre>",
    "<b>inline</b>", "[x]: /u", "[x]:", "/u 't'", "[x]", "- x", "+ x", "1. x", "2. x", "1) x", "0. x", "*", "* x",
    "[!NOTE]", "[^1]: note",
]
line = st.tuples(st.sampled_from(INDENTS), st.sampled_from(PREFIXES), st.sampled_from(CONTENTS)).map("".join)
markdown_lines = st.lists(line, max_size=14).map("\n".join)
FRONT_MATTER = st.sampled_from(["", "---\ntitle: x\n---\n", "---\r\na: [\r\n---\r\n", "+++\ntitle = 'x'\n+++\n",
                                "---\nx: 1\n...\n", "---\n---\n"])
documents = st.one_of(st.tuples(FRONT_MATTER, st.one_of(markdownish, markdown_lines)).map("".join),
                      markdown_lines, st.text(max_size=200))


@lru_cache(maxsize=1)
def stock_parser() -> MarkdownIt:
    """markdown-it as parse_markdown configured it before its rules were screened."""
    parser = MarkdownIt("commonmark").enable("table")
    parser.options["maxNesting"] = 100
    parser.core.ruler.disable(["inline", "text_join"])
    return parser


def token_fields(tokens: list) -> list[tuple]:
    """All of every token, but a paragraph is one token (as parse_markdown's paragraph rule makes
    it), inline tokens are left out, and so are the hidden flags of tight lists' paragraphs."""
    fields = []
    for t in tokens:
        if t.type in ("inline", "paragraph_close"):
            continue
        if t.type == "paragraph_open":
            fields.append(("paragraph", t.tag, 0, t.map, t.level))
        else:
            fields.append((t.type, t.tag, t.nesting, t.map, t.markup, t.info, t.content, t.level, t.block, t.attrs,
                           t.meta))
    return fields


def our_token_fields(tokens: list) -> list[tuple]:
    return [(t.type, t.tag, 0, t.map, t.level) if t.type == "paragraph" else
            (t.type, t.tag, t.nesting, t.map, t.markup, t.info, t.content, t.level, t.block, t.attrs, t.meta)
            for t in tokens if t.type != "inline"]


@SETTINGS
@given(documents)
@example("> " * 120 + "deep")
@example("- " * 60 + "deep")
@example("para\n\n> quote\n2. item")
@example("a\r\nb\rc\x00\n- d\r\n")
@example("[a](b) text\n[x]\n\n[x]: /u 't'\n[y]:\n/v\n")  # links first, definitions after
@example("- - -\n- a\n* * *\n**b**\n__c__\n_ _ _\n-- x\n")  # thematic breaks among list items and emphasis
@example("####### x\n#x\n# a #\npara\n## b\n   ### c\n    # code\n")  # headings and what is not one
@example("> a\n> - b\n>   | a | b |\n>   |---|---|\n\n- x\n  | c |\n  |-|\n")  # tables inside containers
def test_block_tokens_are_markdown_its(text: str) -> None:
    tokens, labels = _block_tokens(text)
    env: dict = {}
    expected = stock_parser().parse(text, env)
    assert our_token_fields(tokens) == token_fields(expected)
    assert labels == frozenset(env.get("references", {}))


@SETTINGS
@given(documents)
@example("---\ntitle: x\n---\n# H\n\n- a\n  b\n\n> q\n> [!NOTE] n\n\n| a | b |\n|---|---|\n| c | d |\n")
@example("[x]: /u\n\nsee [x] and [x][] and [ x ].\n")
@example("> " * 120 + "deep")
@example("# Title #\r\n\r\nText ##\r\n===\r\n> # Quoted #\r")  # a line ends before its CR
@example("a &amp; http://x.org/?a&amp;b <!-- c --> `code` *e* snake_case\n")
def test_parse_markdown_matches_the_reference(text: str) -> None:
    document = parse_markdown(text)
    assert (document.text, document.prose, document.blocks, document.comments, document.front_matter_source,
            document.front_matter_format) == reference_parse(text)


@SETTINGS
@given(st.lists(st.sampled_from(["---", "+++", "...", "--", "-", "+", ".", "\n", "\r", "\r\n", " ", "\t", "x", ":"]),
                max_size=30).map("".join))
@example("---\n---\n")
@example("---\r\nx\r\n...")
@example("+++\n---\n+++ \t")
def test_front_matter_matches_the_reference(text: str) -> None:
    assert _front_matter(text) == reference_front_matter(text)


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.data())
def test_scan_inline_matches_the_reference(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    labels = frozenset(data.draw(st.lists(st.sampled_from(["X", "Y", "A | B", "1"]), max_size=2)))
    edits, expected = Edits(), Edits()
    scan_inline(text, start, end, edits, labels)
    reference_scan_inline(text, start, end, expected, labels)
    assert sorted(edits.blanks) == sorted(expected.blanks)
    assert (edits.replacements, edits.comments) == (expected.replacements, expected.comments)


# Link texts with brackets in them, destinations with parentheses, shortcodes
# with stray "%", ">", "{" and "}": what the character-class loops of the
# link and shortcode patterns must read exactly as the plain patterns did.
BRACKET_PIECES = ["[", "]", "(", ")", "](", "][", "[^", "{", "}", "{{", "}}", "{{<", "{{%", ">}}", "%}}", "{%", "%}",
                  "%", ">", "<", "x", "X", " ", "\n", '"t"', "'t'", "(t)", "<u>", "!", ":", "\\"]


@SETTINGS
@given(st.lists(st.sampled_from(BRACKET_PIECES), max_size=30).map("".join), st.data())
@example("[a [b] c](u(v)w) [x]", None)
@example("{{< a > b %}} {{% c >}} {{ d }x}} {% e %} {{{{ f }}", None)
@example("](  {{< a >}} x >}}) ](<u> 't')", None)
def test_inline_patterns_match_the_reference(text: str, data: st.DataObject | None) -> None:
    end = data.draw(st.integers(0, len(text))) if data else len(text)
    for position, char in enumerate(text[:end]):
        if char in _INLINE_AT:
            match = _INLINE_AT[char].match(text, position, end)
            assert match_fields(match) == match_fields(_INLINE.match(text, position, end)), position
    edits, expected_edits = Edits(), Edits()
    scan_inline(text, 0, end, edits, frozenset({"X"}))
    reference_scan_inline(text, 0, end, expected_edits, frozenset({"X"}))
    assert sorted(edits.blanks) == sorted(expected_edits.blanks)


def match_fields(match: re.Match[str] | None) -> tuple | None:
    """Where a match is, which alternative made it, and the groups it set."""
    if match is None:
        return None
    return match.span(), match.lastgroup, {name: value for name, value in match.groupdict().items() if value is not None}


@SETTINGS
@given(st.text(alphabet="ab \n\r\t&", max_size=30), st.data())
def test_apply_edits_matches_the_reference(text: str, data: st.DataObject) -> None:
    """Any spans: empty, reversed, overlapping; replacements overlapping or sharing a start."""
    size = len(text)

    def span() -> tuple[int, int]:
        return data.draw(st.integers(0, size)), data.draw(st.integers(0, size))

    keep = [span() for _ in range(data.draw(st.integers(0, 5)))]
    edits = Edits()
    edits.blanks = [span() for _ in range(data.draw(st.integers(0, 5)))]
    for _ in range(data.draw(st.integers(0, 4))):
        start, end = span()
        length = data.draw(st.sampled_from([end - start, max(0, end - start), 1]))
        edits.replacements.append((start, end, "X" * length))
    assert apply_edits(text, keep, edits) == reference_apply_edits(text, keep, edits)


# The reference: parse_markdown and its helpers as they were before the fast paths.

_INLINE = re.compile(
    r"""
    (?P<code>(?P<ticks>`+)[^`].*?(?P=ticks)(?!`))
  | (?P<comment><!--(?:(?!<!--).)*?-->)
  | (?P<raw><(?P<raw_name>script|style|pre|textarea|code|template|svg|math)\b[^<>]*>
      (?:(?!<(?P=raw_name)\b).)*?</(?P=raw_name)\s*>)
  | (?P<autolink><(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>)
  | (?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s(?:[^<>"']|"[^"]{0,2000}"|'[^']{0,2000}')*)?/?>)
  | (?P<image>!\[(?:[^\[\]]|\[[^\[\]]*\])*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])?)
  | (?P<link_open>\[)(?=(?:[^\[\]]|\[[^\[\]]*\])*\](?:\(|\[))
  | (?P<shortcut>\[)(?!\^)(?=(?P<label>[^\[\]]{1,999})\](?![(\[:]))
  | (?P<link_dest>\]\(\s*(?:<[^<>]*>|\{\{[<%](?:(?!\{\{).)*?[%>]\}\}|(?:[^()\s]|\([^()]*\))*)(?:\s+(?:"[^"]{0,500}"|'[^']{0,500}'|\([^)]{0,500}\)))?\s*\))
  | (?P<link_ref>\]\[[^\]]*\])
  | (?P<footnote>\[\^[^\[\]\s]+\])
  | (?P<shortcode>\{\{[<%](?:(?!\{\{).)*?[%>]\}\}|\{%(?:(?!\{%).)*?%\}|\{\{(?:(?!\{\{).)*?\}\})
  | (?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
  | (?P<escape>\\(?:[!-/:-@\[-`{-~]|(?=[\r\n])|$))
  | (?P<emphasis>\*+|_+|~~)
    """,
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)
_INLINE_START = re.compile(r"[`<!\[\]{&\\*_~]")
_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?[ \t]*)*")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?")
_ATX_OPEN = re.compile(r"#{1,6}(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$|^#+[ \t]*$")
_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\[\]\s]+\]:")
_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*", re.IGNORECASE)
_URL = re.compile(r"""(?:https?://|ftp://|www\.)[^\s<>()\[\]"'`]*[^\s<>()\[\]"'`.,;:!?]""", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WWW = re.compile(r"[wW][wW][wW]\.")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*(?:\r\n|\r|\n)(.*?)(?<=[\r\n])\+\+\+[ \t]*(?=[\r\n]|\Z)", re.DOTALL)
_YAML_FRONT_MATTER = re.compile(
    r"\A---[ \t]*(?:\r\n|\r|\n)(.*?)(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)", re.DOTALL
)


def reference_front_matter(text: str) -> tuple[int, str | None, str]:
    match = _YAML_FRONT_MATTER.match(text)
    if match:
        return match.end(), match.group(1), "yaml"
    match = _TOML_FRONT_MATTER.match(text)
    if match:
        return match.end(), match.group(1), "toml"
    return 0, None, "yaml"


def reference_parse(text: str) -> tuple:
    lines = LineIndex(text)
    front_matter_end, front_matter_source, front_matter_format = reference_front_matter(text)
    parse_text = text
    if front_matter_end:
        parse_text = re.sub(r"[^\r\n]", "", text[:front_matter_end]) + text[front_matter_end:]
    env: dict = {}
    tokens = stock_parser().parse(parse_text, env)
    labels = frozenset(env.get("references", {}))
    keep: list[tuple[int, int]] = []
    edits = Edits()
    blocks: list[Block] = []
    containers: list[str] = []
    item_lines: list[int] = []

    def markers_on(line_number: int) -> int:
        count = item_lines.count(line_number)
        item_lines.clear()
        return count

    def line_content(line_number: int, markers: int = 0) -> tuple[int, int]:
        start = lines.line_start(line_number + 1)
        end = lines.line_end(line_number + 1)
        start = _CONTAINER_PREFIX.match(text, start, end).end()
        for _ in range(markers):
            marker = _LIST_MARKER.match(text, start, end)
            if not marker:
                break
            start = _CONTAINER_PREFIX.match(text, marker.end(), end).end()
        return start, end

    def add_inline(kind: str, first: int, last: int, level: int = 0) -> None:
        region_start = None
        region_end = 0
        markers = markers_on(first)
        for number in range(first, last):
            start, end = line_content(number, markers if number == first else 0)
            if kind == HEADING:
                opener = _ATX_OPEN.match(text, start, end)
                if opener:
                    start = opener.end()
                closer = _ATX_CLOSE.search(text, start, end)
                if closer:
                    end = closer.start()
            elif number == first:
                footnote = _FOOTNOTE_DEFINITION.match(text, start, end)
                if footnote:
                    edits.blank(start, footnote.end())
                alert = _ALERT.match(text, start, end) if kind == QUOTE else None
                if alert:
                    edits.blank(start, alert.end())
            keep.append((start, end))
            if region_start is None:
                region_start = start
            region_end = max(region_end, end)
        if region_start is not None and region_end > region_start:
            reference_scan_inline(text, region_start, region_end, edits, labels)
            blocks.append(Block(kind, region_start, region_end, level))

    def add_table_row(start: int, end: int) -> None:
        row = text[start:end]
        cursor = 0
        for match in _CELL_SPLIT.finditer(row + "|"):
            cell_start, cell_end = start + cursor, start + match.start()
            cursor = match.end()
            while cell_start < cell_end and text[cell_start] in " \t":
                cell_start += 1
            while cell_end > cell_start and text[cell_end - 1] in " \t":
                cell_end -= 1
            if cell_end > cell_start:
                keep.append((cell_start, cell_end))
                reference_scan_inline(text, cell_start, cell_end, edits, labels)
                blocks.append(Block(TABLE_CELL, cell_start, cell_end))

    html_segments: list[tuple[int, int, str]] = []
    table_first, table_markers = -1, 0
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            continue
        if kind == "list_item_open":
            containers.append(LIST_ITEM)
            if token.map is not None:
                item_lines.append(token.map[0])
            continue
        if kind == "blockquote_open":
            containers.append(QUOTE)
            continue
        if kind in ("list_item_close", "blockquote_close"):
            if containers:
                containers.pop()
            continue
        if token.map is None:
            continue
        first, last = token.map
        if kind == "heading_open":
            level = int(token.tag[1])
            if token.markup in ("=", "-"):
                last -= 1
            add_inline(HEADING, first, last, level)
        elif kind == "paragraph_open":
            add_inline(containers[-1] if containers else PARAGRAPH, first, last)
        elif kind == "table_open":
            table_first, table_markers = first, markers_on(first)
        elif kind == "tr_open":
            add_table_row(*line_content(first, table_markers if first == table_first else 0))
        elif kind == "html_block":
            markers = markers_on(first)
            for number in range(first, last):
                start, end = line_content(number, markers if number == first else 0) if containers else (
                    lines.line_start(number + 1), lines.line_end(number + 1))
                keep.append((start, end))
            html_segments.extend(scan_html(text, lines.line_start(first + 1), lines.line_end(last), edits))
        elif kind in ("fence", "code_block", "hr"):
            markers_on(first)

    prose = reference_apply_edits(text, keep, edits)
    trimmed = []
    for block in blocks:
        start, end = strip_span(prose, block.start, block.end)
        if end > start:
            trimmed.append(Block(block.kind, start, end, block.level))
    trimmed.extend(html_blocks(prose, html_segments))
    trimmed.sort(key=lambda block: block.start)
    return text, prose, trimmed, edits.comments, front_matter_source, front_matter_format


def reference_blank(text: str) -> str:
    return re.sub(r"[^\r\n]", " ", text)


def reference_apply_edits(text: str, keep: list[tuple[int, int]], edits: Edits) -> str:
    """A sweep over the sorted edges of every region."""
    size = len(text)
    replaced = {start: (end, rep) for start, end, rep in edits.replacements if end > start and len(rep) == end - start}
    points = sorted({0, size, *(p for span in keep for p in span), *(p for span in edits.blanks for p in span),
                     *(p for start, (end, _) in replaced.items() for p in (start, end))})
    where = {point: index for index, point in enumerate(points)}
    kept = [0] * len(points)
    blanked = [0] * len(points)
    for counts, spans in ((kept, keep), (blanked, edits.blanks)):
        for start, end in spans:
            if end > start:
                counts[where[start]] += 1
                counts[where[end]] -= 1
    parts: list[str] = []
    in_kept = in_blank = 0
    skip_until = 0
    for index in range(len(points) - 1):
        in_kept += kept[index]
        in_blank += blanked[index]
        start, end = points[index], points[index + 1]
        if start < skip_until:
            continue
        if start in replaced:
            skip_until, replacement = replaced[start]
            parts.append(replacement)
            continue
        piece = text[start:end]
        parts.append(piece if in_kept > 0 and in_blank == 0 else reference_blank(piece))
    return "".join(parts)


def reference_find_links(text: str, start: int, end: int) -> list[tuple[int, int]]:
    candidates: list[tuple[int, int]] = []
    index = text.find("://", start, end)
    while index != -1:
        before = text[max(start, index - 5):index].lower()
        scheme = next((s for s in ("https", "http", "ftp") if before.endswith(s)), None)
        if scheme:
            candidates.append((index - len(scheme), 0))
        index = text.find("://", index + 3, end)
    candidates.extend((match.start(), 0) for match in _WWW.finditer(text, start, end))
    index = text.find("@", start, end)
    while index != -1:
        local = index
        while local > start and (text[local - 1].isalnum() or text[local - 1] in "_.+-"):
            local -= 1
        if local < index and not (local == start and local > 0 and (text[local - 1].isalnum()
                                                                       or text[local - 1] in "_.+-")):
            candidates.append((local, 1))
        index = text.find("@", index + 1, end)
    spans: list[tuple[int, int]] = []
    for position, kind in sorted(candidates):
        if spans and position < spans[-1][1]:
            continue
        match = (_URL if kind == 0 else _EMAIL).match(text, position, end)
        if match:
            spans.append(match.span())
    return spans


def reference_scan_inline(text: str, start: int, end: int, edits: Edits, labels: frozenset[str]) -> None:
    """Every position where _INLINE could start is tried, every kind handled on its own."""
    links = reference_find_links(text, start, end)
    for link_start, link_end in links:
        edits.blank(link_start, link_end)
    position = start
    while (candidate := _INLINE_START.search(text, position, end)) is not None:
        match = _INLINE.match(text, candidate.start(), end)
        if match is None:
            position = candidate.start() + 1
            continue
        position = max(match.end(), candidate.start() + 1)
        kind = {"ticks": "code", "label": "shortcut"}.get(match.lastgroup, match.lastgroup)
        if kind == "shortcut":
            label = match.group("label")
            if normalize_label(label) in labels:
                edits.blank(match.start(), match.end())
                close = match.end() + len(label)
                edits.blank(close, close + 1)
        elif kind == "comment":
            edits.blank(match.start(), match.end())
            edits.comments.append(Comment(match.start(), match.end(), match.group()[4:-3]))
        elif kind == "entity":
            if not any(a <= match.start() < b for a, b in links):
                decoded = html.unescape(match.group())
                if len(decoded) == 1 and decoded != match.group() and decoded not in "\r\n":
                    edits.replacements.append((match.start(), match.end(), decoded.ljust(len(match.group()))))
                else:
                    edits.blank(match.start(), match.end())
        elif kind == "emphasis" and match.group()[0] == "_" and _between_word_characters(text, *match.span()):
            continue
        elif kind == "escape":
            edits.blank(match.start(), match.start() + 1)
        else:
            edits.blank(match.start(), match.end())


def _between_word_characters(text: str, start: int, end: int) -> bool:
    def word(char: str) -> bool:
        return char.isalnum() or char == "_"

    return start > 0 and end < len(text) and word(text[start - 1]) and word(text[end])


@SETTINGS
@given(st.lists(st.sampled_from(["w", "W", "ww", "wW", ".", "www.", "WwW.", "http://", "HTTPS://", "ftp://", "@",
                                 "a@b.org", "x", " ", "/", "(", "é"]), max_size=20).map("".join), st.data())
@example("wwww. wWw.x Www.y ww.z w. www.", None)
def test_find_links_matches_the_reference(text: str, data: st.DataObject | None) -> None:
    start = data.draw(st.integers(0, len(text))) if data else 0
    end = data.draw(st.integers(start, len(text))) if data else len(text)
    assert find_links(text, start, end) == reference_find_links(text, start, end)


def test_the_reference_finds_links_as_find_links_does() -> None:
    text = "see www.x.com, WwW.y.org, http://a.b/c and me@x.org or a@b."
    assert reference_find_links(text, 0, len(text)) == find_links(text, 0, len(text)) != []
