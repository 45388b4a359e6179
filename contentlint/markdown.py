"""Markdown adapter: text → Document.

markdown-it-py finds the blocks (its block parser only: inline parsing would
give no offsets, so inline markup is blanked by ``inline.scan_inline`` on the
original text). Front matter, code, HTML tags, URLs and markup are blanked in
``prose``; the text inside raw HTML blocks stays prose, because professional
health pages often put their crisis-line box in HTML.

Parsing is a good part of a run, so it takes the cheap way where that gives
the same result (tests/test_markdown_equivalence.py keeps the plain way to
compare): markdown-it reads only the text after the front matter; its block
loop (_BlockRules.tokenize) calls, at each line, only the rules that can
match a line starting with that character (the reference rule only where a
"]:" follows, the hr rule only after two of its marks); paragraphs and setext
headings are found by one rule that makes fewer tokens, ATX headings by one
that makes no inline token; prose is the text blanked once with the kept
regions, less the markup, pasted over it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

from contentlint.document import HEADING, HTML, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_CELL, Block, Document
from contentlint.inline import Edits, iter_nonblank, scan_html, scan_inline
from contentlint.lines import LineIndex
from contentlint.sentences import strip_span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?[ \t]*)*")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?")
_ATX_OPEN = re.compile(r"#{1,6}(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$|^#+[ \t]*$")  # the look-behind keeps long spaces linear
# Front matter: an opening line, then everything up to the first closing line.
# Lines may end in CRLF, CR or LF, like every other line. A closing line is
# found from the line break before it: a search that starts on a character
# runs much faster than one that starts with a look-behind.
_FRONT_MATTER_FENCES = (
    ("yaml", re.compile(r"---[ \t]*(?:\r\n|\r|\n)"), re.compile(r"[\r\n](?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)")),
    ("toml", re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n)"), re.compile(r"[\r\n]\+\+\+[ \t]*(?=[\r\n]|\Z)")),
)
_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\[\]\s]+\]:")
_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*", re.IGNORECASE)
_NOT_NEWLINE_RUN = re.compile(r"[^\r\n]+")  # what blank() replaces


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    # markdown-it skips whatever is nested deeper than maxNesting (20: about ten
    # lists in lists), which would hide that text from every rule. 100 keeps any
    # real document whole and stays far from Python's recursion limit.
    parser.options["maxNesting"] = 100
    ruler = parser.block.ruler
    ruler.disable("lheading")
    functions = {rule.name: rule.fn for rule in ruler.__rules__ if rule.enabled}
    functions["heading"] = _atx_heading
    functions["hr"] = _with_two_marks(functions["hr"])
    functions["reference"] = _with_definition_mark(functions["reference"])
    rules = _BlockRules(functions)
    # markdown-it's own list, quote and reference rules ask the ruler which
    # rules may end them: those chains get the screened rules.
    for rule in ruler.__rules__:
        if rule.name in _FIRST_CHARACTERS:
            screened = _screened(functions[rule.name], _FIRST_CHARACTERS[rule.name])
            ruler.at(rule.name, screened, {"alt": rule.alt})
        elif rule.name == "code":
            ruler.at(rule.name, _indented_only(rule.fn), {"alt": rule.alt})
    ruler.at("paragraph", rules.text_block)
    # Nested blocks (list items, quotes) are parsed by state.md.block.tokenize: ours too.
    parser.block.tokenize = rules.tokenize  # type: ignore[method-assign]
    return parser


# Block rules that fail at once unless the line's first non-blank character is
# one of these: each checks that character before anything else. Screening it
# saves most calls of those rules (and the debug log each writes on entry),
# which are tried on every line of every paragraph.
_FIRST_CHARACTERS = {
    "fence": frozenset("`~"),
    "blockquote": frozenset(">"),
    "hr": frozenset("*-_"),
    "list": frozenset("*-+0123456789"),
    "reference": frozenset("["),
    "html_block": frozenset("<"),
    "heading": frozenset("#"),
}
# markdown-it's CommonMark block rules, in its order, as _BlockRules expects them.
_BLOCK_RULES = ("table", "code", "fence", "blockquote", "hr", "list", "reference", "html_block", "heading",
                "paragraph")
# The rules that may interrupt a paragraph, in markdown-it's order (their "alt" names "paragraph").
_INTERRUPTING = ("table", "fence", "blockquote", "hr", "list", "html_block", "heading")
_TABLE_DELIMITERS = frozenset("|-:")  # what a table's second line starts with


def _screened(rule: Callable[..., bool], first_characters: frozenset[str]) -> Callable[..., bool]:
    """The block rule, called only for lines that start with one of first_characters."""

    def screened_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        position = state.bMarks[start_line] + state.tShift[start_line]
        if position < len(state.src) and state.src[position] in first_characters:
            return rule(state, start_line, end_line, silent)
        return False

    return screened_rule


def _indented_only(rule: Callable[..., bool]) -> Callable[..., bool]:
    """The (indented) code rule, called only for lines indented like code: what it checks first."""

    def screened_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.sCount[start_line] - state.blkIndent >= 4:
            return rule(state, start_line, end_line, silent)
        return False

    return screened_rule


_ATX_MARKS = re.compile(r"#{1,6}(?![^ \t])")  # then a space, a tab or the line's end


def _atx_heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's heading rule ("# Title"), without the inline token.

    An opening and a closing token, as markdown-it makes them; the inline
    token between them holds the trimmed title, which parse_markdown never
    reads (it takes the heading's line from the map).
    """
    if state.is_code_block(start_line):
        return False
    marks = _ATX_MARKS.match(state.src, state.bMarks[start_line] + state.tShift[start_line], state.eMarks[start_line])
    if marks is None:
        return False
    if silent:
        return True
    state.line = start_line + 1
    tag, markup = f"h{len(marks.group())}", marks.group()
    token = state.push("heading_open", tag, 1)
    token.markup, token.map = markup, [start_line, state.line]
    state.push("heading_close", tag, -1).markup = markup
    return True


_TWO_MARKS = re.compile(r"([-*_])[ \t]*\1")


def _with_two_marks(rule: Callable[..., bool]) -> Callable[..., bool]:
    """The hr rule, called only for lines that start with two of its marks.

    A thematic break is three or more of one mark, with only blanks between:
    a list item ("- text") fails on its second character, which is read here
    in one regex call.
    """

    def screened_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if _TWO_MARKS.match(state.src, state.bMarks[start_line] + state.tShift[start_line], state.eMarks[start_line]):
            return rule(state, start_line, end_line, silent)
        return False

    return screened_rule


def _with_definition_mark(rule: Callable[..., bool]) -> Callable[..., bool]:
    """The reference rule, called only when "]:" follows the line's start somewhere in the text.

    A definition's label ends at its first "]", which must be followed by ":"
    on the same line. Lines that start with "[" are mostly links, and most
    documents define no reference: the rule, which copies the lines it reads,
    is then never called.
    """

    def screened_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.src.find("]:", state.bMarks[start_line] + state.tShift[start_line]) != -1:
            return rule(state, start_line, end_line, silent)
        return False

    return screened_rule


def _may_be_table(state: StateBlock, line: int, end_line: int) -> bool:
    """Whether a table may start on line: its next line starts with "|", "-" or ":" (the table rule's first test)."""
    if line + 2 > end_line:
        return False
    position = state.bMarks[line + 1] + state.tShift[line + 1]
    return position < state.eMarks[line + 1] and state.src[position] in _TABLE_DELIMITERS


class _BlockRules:
    """markdown-it's block loop, trying at each line only the rules that can match there.

    markdown-it tries every rule in turn at the start of each block, and every
    rule that may interrupt a paragraph on each of its lines. Most fail on the
    line's first character, the table rule on the next line's, the code rule
    on the indent: those are looked at here first, and the rules that would
    fail are not called. The rules called are called in markdown-it's order,
    so the first that matches is the one markdown-it would have used.
    """

    def __init__(self, rules: dict[str, Callable[..., bool]]) -> None:
        if tuple(rules) != _BLOCK_RULES:  # another markdown-it: the dispatch below would not be its
            raise RuntimeError(f"unexpected markdown-it block rules: {list(rules)}")
        self.table = rules["table"]
        self.code = rules["code"]
        # For each first character, the rules that may start a block there, then the text block.
        self.starting: dict[str, tuple[Callable[..., bool], ...]] = {}
        # For each first character, the rules but the table's that may interrupt a paragraph there.
        self.interrupting: dict[str, tuple[Callable[..., bool], ...]] = {}
        for character in set().union(*_FIRST_CHARACTERS.values()):
            self.starting[character] = (*(
                rules[name] for name in _BLOCK_RULES if character in _FIRST_CHARACTERS.get(name, ())
            ), self.text_block)
            self.interrupting[character] = tuple(
                rules[name] for name in _INTERRUPTING if character in _FIRST_CHARACTERS.get(name, ())
            )
        self.text_only = (self.text_block,)

    def tokenize(self, state: StateBlock, start_line: int, end_line: int) -> None:
        """markdown-it's ParserBlock.tokenize, with the rules chosen per line.

        Its loop, with isEmpty and skipEmptyLines written out: the line marks
        are read from local names (rules change their items, never the lists).
        """
        src, line_starts, line_ends, shifts, indents = state.src, state.bMarks, state.eMarks, state.tShift, state.sCount
        line = start_line
        max_nesting = state.md.options.maxNesting
        has_empty_lines = False
        while line < end_line:
            while line < state.lineMax and line_starts[line] + shifts[line] >= line_ends[line]:
                line += 1  # an empty line
            state.line = line
            if line >= end_line:
                break
            if indents[line] < state.blkIndent:  # the end of a nested block
                break
            if state.level >= max_nesting:  # markdown-it skips the rest
                state.line = end_line
                break
            # The line is not empty: its first non-blank character is in it.
            rules = self.starting.get(src[line_starts[line] + shifts[line]], self.text_only)
            if indents[line] - state.blkIndent >= 4:
                rules = (self.code, *rules)
            if _may_be_table(state, line, end_line):
                rules = (self.table, *rules)
            for rule in rules:
                if rule(state, line, end_line, False):
                    break
            if state.line <= line:  # the text block always matches, and moves on
                raise RuntimeError("block rule didn't increment state.line")
            state.tight = not has_empty_lines
            line = state.line
            # A paragraph may take the empty line after it in nested lists.
            if line - 1 < end_line and line_starts[line - 1] + shifts[line - 1] >= line_ends[line - 1]:
                has_empty_lines = True
            if line < end_line and line_starts[line] + shifts[line] >= line_ends[line]:
                has_empty_lines = True
                line += 1
                state.line = line

    def interrupts(self, state: StateBlock, line: int, end_line: int) -> bool:
        """Whether a block that may interrupt a paragraph starts on line (not empty, not indented like code)."""
        rules = self.interrupting.get(state.src[state.bMarks[line] + state.tShift[line]], ())
        if _may_be_table(state, line, end_line):
            rules = (self.table, *rules)
        for rule in rules:
            if rule(state, line, end_line, True):
                return True
        return False

    def text_block(self, state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        """markdown-it's lheading and paragraph rules in one: the lines up to a blank
        line, or a line that starts a block able to interrupt a paragraph, are a
        setext heading if one of them is an underline, else a paragraph.

        markdown-it tries lheading, which scans those lines, then paragraph, which
        scans them again; and it makes each three tokens, an opening, an inline
        token and a closing. parse_markdown reads the lines, never the content:
        a paragraph is one token here, "paragraph", a heading an opening and a
        closing. It always matches: the rule of last resort.
        """
        line_starts, line_ends, shifts, indents = state.bMarks, state.eMarks, state.tShift, state.sCount
        end_line = state.lineMax
        old_parent_type = state.parentType
        state.parentType = "paragraph"
        next_line = start_line + 1
        while next_line < end_line and line_starts[next_line] + shifts[next_line] < line_ends[next_line]:
            indent = indents[next_line] - state.blkIndent
            if indent > 3:  # indented like code: a lazy continuation, whatever it holds
                next_line += 1
                continue
            if indent >= 0:
                position = line_starts[next_line] + shifts[next_line]
                maximum = line_ends[next_line]
                marker = state.src[position] if position < maximum else ""
                if marker in ("=", "-") and state.skipSpaces(state.skipCharsStr(position, marker)) >= maximum:
                    state.line = next_line + 1
                    level = "h1" if marker == "=" else "h2"
                    token = state.push("heading_open", level, 1)
                    token.markup, token.map = marker, [start_line, state.line]
                    state.push("heading_close", level, -1).markup = marker
                    state.parentType = old_parent_type
                    return True
            # A negative indent is a block quote's lazy line: it continues the paragraph.
            if indents[next_line] >= 0 and self.interrupts(state, next_line, end_line):
                break
            next_line += 1
        state.line = next_line
        state.push("paragraph", "p", 0).map = [start_line, next_line]
        state.parentType = old_parent_type
        return True


_LINE_END = re.compile(r"\r\n?")
# The block tokens parse_markdown reads besides paragraphs; it skips all others.
_STRUCTURE = frozenset({
    "list_item_open", "list_item_close", "blockquote_open", "blockquote_close", "heading_open",
    "table_open", "tr_open", "html_block", "fence", "code_block", "hr",
})


def _block_tokens(text: str) -> tuple[list[Token], frozenset[str]]:
    """markdown-it's block tokens for text, and the labels of its link reference definitions.

    Block structure is all we take from markdown-it, so only its block parser
    runs: inline markup is found on offsets here (inline.scan_inline), and of
    its core steps only "normalize" matters, done here when the text needs it.
    """
    if "\r" in text:
        text = _LINE_END.sub("\n", text)
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    parser = _parser()
    env: dict = {}
    tokens: list[Token] = []
    parser.block.parse(text, parser, env, tokens)
    return tokens, frozenset(env.get("references", {}))


def blank(text: str) -> str:
    """The text with every character but newlines replaced by a space."""
    if "\n" not in text and "\r" not in text:
        return " " * len(text)
    if "\r" not in text:
        return "\n".join([" " * len(line) for line in text.split("\n")])
    return _NOT_NEWLINE_RUN.sub(_spaces, text)


def _spaces(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def apply_edits(text: str, keep: list[tuple[int, int]], edits: Edits) -> str:
    """Build prose: blank everything, restore the kept regions, then apply the edits.

    A replacement wins over a blank, a blank over a kept region. The text is
    blanked once, with the replacements in; the kept regions less the blanks
    and replacements are then pasted over it: a few operations per region
    plus two copies of the text.
    """
    replacements = _accepted_replacements(edits.replacements)
    blanked_parts: list[str] = []
    cursor = 0
    for start, end, replacement in replacements:
        blanked_parts += blank(text[cursor:start]), replacement
        cursor = end
    blanked_parts.append(blank(text[cursor:]))
    blanked = "".join(blanked_parts)
    hidden = _union([*edits.blanks, *((start, end) for start, end, _ in replacements)])
    parts: list[str] = []
    cursor = 0
    for start, end in _subtract(_union(keep), hidden):
        parts += blanked[cursor:start], text[start:end]
        cursor = end
    parts.append(blanked[cursor:])
    return "".join(parts)


def _accepted_replacements(replacements: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The replacements that apply, sorted: of two at one start the last, of two overlapping the first."""
    by_start = {start: (end, text) for start, end, text in replacements if end > start and len(text) == end - start}
    accepted: list[tuple[int, int, str]] = []
    reach = 0
    for start in sorted(by_start):
        if start >= reach:
            end, text = by_start[start]
            accepted.append((start, end, text))
            reach = end
    return accepted


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The non-empty spans merged: sorted, disjoint, none touching."""
    merged: list[tuple[int, int]] = []
    current_start = current_end = None
    for start, end in sorted(spans):
        if end <= start:
            continue
        if current_end is not None and start <= current_end:
            if end > current_end:
                current_end = end
            continue
        if current_end is not None:
            merged.append((current_start, current_end))
        current_start, current_end = start, end
    if current_end is not None:
        merged.append((current_start, current_end))
    return merged


def _subtract(spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of spans outside holes (both sorted and disjoint, as _union returns)."""
    result: list[tuple[int, int]] = []
    count = len(holes)
    first = 0  # the first hole that may still meet a span
    for start, end in spans:
        while first < count and holes[first][1] <= start:
            first += 1
        index = first
        while index < count:
            hole_start, hole_end = holes[index]
            if hole_start >= end:
                break
            if hole_start > start:
                result.append((start, hole_start))
            if hole_end > start:
                start = hole_end
            index += 1
        if start < end:
            result.append((start, end))
    return result


def _front_matter(text: str) -> tuple[int, str | None, str]:
    """End offset of a front-matter block (0 if none), its source, and its format ("yaml" or "toml")."""
    for front_matter_format, opening, closing in _FRONT_MATTER_FENCES:
        opened = opening.match(text)
        if opened:
            # From the opening line's own line break: the closing line may follow it at once.
            closed = closing.search(text, opened.end() - 1)
            if closed:
                return closed.end(), text[opened.end():closed.start() + 1], front_matter_format
    return 0, None, "yaml"


def parse_markdown(text: str, path: str = "<string>") -> Document:
    lines = LineIndex(text)
    front_matter_end, front_matter_source, front_matter_format = _front_matter(text)
    # markdown-it reads the text after the front matter (which ends at a line
    # break or at the end): its line 0 is our front_matter_line.
    tokens, labels = _block_tokens(text[front_matter_end:])
    front_matter_line = lines.position(front_matter_end)[0] - 1

    starts = lines.starts
    keep: list[tuple[int, int]] = []
    edits = Edits()
    found: list[tuple[str, int, int, int]] = []  # (kind, start, end, level) of each block, untrimmed
    containers: list[str] = []  # open list items and block quotes, innermost last
    item_lines: list[int] = []  # first lines of the list items opened since the last leaf block

    def markers_on(line_number: int) -> int:
        """How many list markers open on this line ("- 1. text" has two); resets the count."""
        if not item_lines:
            return 0
        count = item_lines.count(line_number)
        item_lines.clear()
        return count

    def line_span(line_number: int) -> tuple[int, int]:
        """Offsets of a (0-based) line, without its newline."""
        if line_number >= len(starts):
            return len(text), len(text)
        start = starts[line_number]
        if line_number + 1 == len(starts):
            return start, len(text)
        end = starts[line_number + 1] - 1  # the newline's last character
        if end > start and text[end] == "\n" and text[end - 1] == "\r":
            end -= 1
        return start, end

    def line_content(line_number: int, markers: int = 0) -> tuple[int, int]:
        """Offsets of one line's content, without block-quote and list-item prefixes."""
        start, end = line_span(line_number)
        if start < end and text[start] in " \t>":  # else there is no prefix to match
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
        markers = markers_on(first) if item_lines else 0
        for number in range(first, last):
            start, end = line_content(number, markers if number == first else 0)
            if kind == HEADING:
                opener = _ATX_OPEN.match(text, start, end)
                if opener:
                    start = opener.end()
                closer = _ATX_CLOSE.search(text, start, end)
                if closer:
                    end = closer.start()
            elif number == first and text.startswith("[", start, end):  # both patterns start with "["
                footnote = _FOOTNOTE_DEFINITION.match(text, start, end)
                if footnote:  # "[^1]: text" (not CommonMark, but common): the label is markup
                    edits.blank(start, footnote.end())
                alert = _ALERT.match(text, start, end) if kind == QUOTE else None
                if alert:  # "> [!NOTE]", a GitHub alert's label
                    edits.blank(start, alert.end())
            keep.append((start, end))
            if region_start is None:
                region_start = start
            if end > region_end:
                region_end = end
        if region_start is not None and region_end > region_start:
            # Inline markup may run across lines (a link, a code span, a Hugo
            # shortcode): scan the block as one; the line prefixes in between
            # were never kept, so blanking over them changes nothing.
            scan_inline(text, region_start, region_end, edits, labels)
            found.append((kind, region_start, region_end, level))

    html_segments: list[tuple[int, int, str]] = []
    table_first, table_markers = -1, 0
    for token in tokens:
        kind = token.type
        if kind == "paragraph":  # the most common, and always mapped (_BlockRules.text_block)
            add_inline(containers[-1] if containers else PARAGRAPH, front_matter_line + token.map[0],
                       front_matter_line + token.map[1])
            continue
        if kind not in _STRUCTURE:  # inline content, closing tags, list and table wrappers
            continue
        if kind == "list_item_open":
            containers.append(LIST_ITEM)
            if token.map is not None:
                item_lines.append(front_matter_line + token.map[0])
            continue
        if kind == "blockquote_open":
            containers.append(QUOTE)
            continue
        if kind == "list_item_close" or kind == "blockquote_close":
            if containers:
                containers.pop()
            continue
        if token.map is None:
            continue
        first, last = front_matter_line + token.map[0], front_matter_line + token.map[1]
        if kind == "heading_open":
            level = int(token.tag[1])
            if token.markup in ("=", "-"):  # setext: the underline is markup
                last -= 1
            add_inline(HEADING, first, last, level)
        elif kind == "tr_open":
            markers = table_markers if first == table_first else 0
            _add_table_row(text, line_content(first, markers), keep, edits, found, labels)
        elif kind == "table_open":
            table_first, table_markers = first, markers_on(first)
        elif kind == "html_block":
            markers = markers_on(first)
            for number in range(first, last):
                # Inside a list or quote, the line prefixes are Markdown, not HTML.
                keep.append(line_content(number, markers if number == first else 0) if containers else line_span(number))
            html_segments.extend(scan_html(text, line_span(first)[0], line_span(last - 1)[1], edits))
        elif kind in ("fence", "code_block", "hr"):
            markers_on(first)

    prose = apply_edits(text, keep, edits)
    blocks = []
    for kind, start, end, level in found:
        start, end = strip_span(prose, start, end)
        if end > start:
            blocks.append(Block(kind, start, end, level))
    blocks.extend(html_blocks(prose, html_segments))
    blocks.sort(key=attrgetter("start"))
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
    text: str, row_span: tuple[int, int], keep: list[tuple[int, int]], edits: Edits,
    found: list[tuple[str, int, int, int]], labels: frozenset[str] = frozenset(),
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
            found.append((TABLE_CELL, cell_start, cell_end, 0))
