"""Markdown adapter: text → Document.

markdown-it-py finds the blocks (its block parser only: inline parsing would
give no offsets, so inline markup is blanked by ``inline.scan_inline`` on the
original text). Front matter, code, HTML tags, URLs and markup are blanked in
``prose``; the text inside raw HTML blocks stays prose, because professional
health pages often put their crisis-line box in HTML.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from contentlint.document import HEADING, HTML, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_CELL, Block, Document
from contentlint.inline import Edits, iter_nonblank, scan_html, scan_inline
from contentlint.lines import LineIndex
from contentlint.sentences import strip_span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?[ \t]*)*")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?")
_ATX_OPEN = re.compile(r"#{1,6}(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$|^#+[ \t]*$")  # the look-behind keeps long spaces linear
# Front matter lines may end in CRLF, CR or LF, like every other line.
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*(?:\r\n|\r|\n)(.*?)(?<=[\r\n])\+\+\+[ \t]*(?=[\r\n]|\Z)", re.DOTALL)
_YAML_FRONT_MATTER = re.compile(
    r"\A---[ \t]*(?:\r\n|\r|\n)(.*?)(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)", re.DOTALL
)
_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\[\]\s]+\]:")
_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*", re.IGNORECASE)
_NOT_NEWLINE_RUN = re.compile(r"[^\r\n]+")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    # markdown-it skips whatever is nested deeper than maxNesting (20: about ten
    # lists in lists), which would hide that text from every rule. 100 keeps any
    # real document whole and stays far from Python's recursion limit.
    parser.options["maxNesting"] = 100
    # Block structure is all we take from markdown-it; inline parsing is
    # done on offsets here, so skip its (slower) inline phase.
    parser.core.ruler.disable(["inline", "text_join"])
    return parser


def blank(text: str) -> str:
    """The text with every character but newlines replaced by a space."""
    if "\n" not in text and "\r" not in text:
        return " " * len(text)
    return _NOT_NEWLINE_RUN.sub(lambda match: " " * (match.end() - match.start()), text)


def apply_edits(text: str, keep: list[tuple[int, int]], edits: Edits) -> str:
    """Build prose: blank everything, restore the kept regions, then apply the edits.

    A replacement wins over a blank, a blank over a kept region. Built from
    slices between the edges of all the regions, so the cost is the number of
    regions plus one copy of the text (a list of every character was slow on
    large files).
    """
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
        parts.append(piece if in_kept > 0 and in_blank == 0 else blank(piece))
    return "".join(parts)


def _front_matter(text: str) -> tuple[int, str | None, str]:
    """End offset of a front-matter block (0 if none), its source, and its format ("yaml" or "toml")."""
    match = _YAML_FRONT_MATTER.match(text)
    if match:
        return match.end(), match.group(1), "yaml"
    match = _TOML_FRONT_MATTER.match(text)
    if match:
        return match.end(), match.group(1), "toml"
    return 0, None, "yaml"


def parse_markdown(text: str, path: str = "<string>") -> Document:
    lines = LineIndex(text)
    front_matter_end, front_matter_source, front_matter_format = _front_matter(text)
    parse_text = text
    if front_matter_end:
        # Give markdown-it empty lines instead, so its line numbers still match ours.
        parse_text = re.sub(r"[^\r\n]", "", text[:front_matter_end]) + text[front_matter_end:]
    env: dict = {}
    tokens = _parser().parse(parse_text, env)
    labels = frozenset(env.get("references", {}))

    keep: list[tuple[int, int]] = []
    edits = Edits()
    blocks: list[Block] = []
    containers: list[str] = []  # open list items and block quotes, innermost last
    item_lines: list[int] = []  # first lines of the list items opened since the last leaf block

    def markers_on(line_number: int) -> int:
        """How many list markers open on this line ("- 1. text" has two); resets the count."""
        count = item_lines.count(line_number)
        item_lines.clear()
        return count

    def line_content(line_number: int, markers: int = 0) -> tuple[int, int]:
        """Offsets of one line's content, without block-quote and list-item prefixes."""
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
                if footnote:  # "[^1]: text" (not CommonMark, but common): the label is markup
                    edits.blank(start, footnote.end())
                alert = _ALERT.match(text, start, end) if kind == QUOTE else None
                if alert:  # "> [!NOTE]", a GitHub alert's label
                    edits.blank(start, alert.end())
            keep.append((start, end))
            if region_start is None:
                region_start = start
            region_end = max(region_end, end)
        if region_start is not None and region_end > region_start:
            # Inline markup may run across lines (a link, a code span, a Hugo
            # shortcode): scan the block as one; the line prefixes in between
            # were never kept, so blanking over them changes nothing.
            scan_inline(text, region_start, region_end, edits, labels)
            blocks.append(Block(kind, region_start, region_end, level))

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
            if token.markup in ("=", "-"):  # setext: the underline is markup
                last -= 1
            add_inline(HEADING, first, last, level)
        elif kind == "paragraph_open":
            block_kind = containers[-1] if containers else PARAGRAPH
            add_inline(block_kind, first, last)
        elif kind == "table_open":
            table_first, table_markers = first, markers_on(first)
        elif kind == "tr_open":
            markers = table_markers if first == table_first else 0
            _add_table_row(text, line_content(first, markers), keep, edits, blocks, labels)
        elif kind == "html_block":
            markers = markers_on(first)
            for number in range(first, last):
                # Inside a list or quote, the line prefixes are Markdown, not HTML.
                start, end = line_content(number, markers if number == first else 0) if containers else (
                    lines.line_start(number + 1), lines.line_end(number + 1))
                keep.append((start, end))
            start = lines.line_start(first + 1)
            end = lines.line_end(last)
            html_segments.extend(scan_html(text, start, end, edits))
        elif kind in ("fence", "code_block", "hr"):
            markers_on(first)

    prose = apply_edits(text, keep, edits)
    blocks = [trimmed for block in blocks if (trimmed := trim(block, prose))]
    blocks.extend(html_blocks(prose, html_segments))
    blocks.sort(key=lambda block: block.start)
    document = Document(
        path=path,
        text=text,
        prose=prose,
        blocks=blocks,
        comments=edits.comments,
        front_matter_source=front_matter_source,
        front_matter_format=front_matter_format,
        format="markdown",
    )
    document.__dict__["lines"] = lines  # the cached_property, already computed here
    return document


def trim(block: Block, prose: str) -> Block | None:
    """The block without blanked or white-space edges; None if nothing is left."""
    start, end = strip_span(prose, block.start, block.end)
    if end <= start:
        return None
    return Block(block.kind, start, end, block.level)


def html_blocks(prose: str, segments: list[tuple[int, int, str]]) -> list[Block]:
    """Blocks for the prose inside raw HTML, one per block-level element."""
    found: list[Block] = []
    for start, end, tag in iter_nonblank(prose, segments):
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            found.append(Block(HEADING, start, end, int(tag[1])))
        elif tag == "li":
            found.append(Block(LIST_ITEM, start, end))
        elif tag in ("td", "th"):
            found.append(Block(TABLE_CELL, start, end))
        else:
            found.append(Block(HTML, start, end))
    return found


_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _add_table_row(
    text: str, row_span: tuple[int, int], keep: list[tuple[int, int]], edits: Edits, blocks: list[Block],
    labels: frozenset[str] = frozenset(),
) -> None:
    start, end = row_span
    row = text[start:end]
    cursor = 0
    # As in GFM, only an escaped pipe does not split cells (even inside code).
    for match in _CELL_SPLIT.finditer(row + "|"):
        cell_start, cell_end = start + cursor, start + match.start()
        cursor = match.end()
        while cell_start < cell_end and text[cell_start] in " \t":
            cell_start += 1
        while cell_end > cell_start and text[cell_end - 1] in " \t":
            cell_end -= 1
        if cell_end > cell_start:
            keep.append((cell_start, cell_end))
            scan_inline(text, cell_start, cell_end, edits, labels)
            blocks.append(Block(TABLE_CELL, cell_start, cell_end))
