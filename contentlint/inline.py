"""Find the non-prose parts of a run of inline Markdown or HTML text.

Both adapters build ``prose`` the same way: copy the prose region, then blank
what these scanners report. Working on offsets of the original text (instead
of rendering) is what keeps every finding's column exact.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache

from contentlint.document import Comment
from contentlint.sentences import strip_span

# Order matters: earlier alternatives win, so a URL inside a code span is
# blanked as code and a comment inside a link is still a comment.
# Every alternative stops at the next place the same construct could start
# ("[^<>]", "(?:(?!<!--).)*?" …): an unclosed "[" or "<!--" repeated along a
# line must cost linear time, not a rescan to the end from each one.
# The common ones are written so that re's loop runs over a character class
# (link text, link destination, shortcode): "[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*"
# is "(?:[^\[\]]|\[[^\[\]]*\])*" (the same strings, tried in the same order,
# longest first), and a shortcode's body is spelled out as the characters
# that neither start "{{" nor its end, which is what the lazy
# "(?:(?!\{\{).)*?" stops at when nothing follows it in the pattern.
# Each alternative comes with the characters it can start with.
_INLINE_ALTERNATIVES = (
    ("`", r"(?P<code>(?P<ticks>`+)[^`].*?(?P=ticks)(?!`))"),
    ("<", r"(?P<comment><!--(?:(?!<!--).)*?-->)"),
    ("<", r"""(?P<raw><(?P<raw_name>script|style|pre|textarea|code|template|svg|math)\b[^<>]*>
              (?:(?!<(?P=raw_name)\b).)*?</(?P=raw_name)\s*>)"""),
    ("<", r"(?P<autolink><(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>)"),
    ("<", r"""(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s(?:[^<>"']|"[^"]{0,2000}"|'[^']{0,2000}')*)?/?>)"""),
    ("!", r"(?P<image>!\[(?:[^\[\]]|\[[^\[\]]*\])*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])?)"),
    ("[", r"(?P<link_open>\[)(?=[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\](?:\(|\[))"),
    ("[", r"(?P<shortcut>\[)(?!\^)(?=(?P<label>[^\[\]]{1,999})\](?![(\[:]))"),
    ("]", r"""(?P<link_dest>\]\(\s*(?:<[^<>]*>|\{\{[<%](?:(?!\{\{).)*?[%>]\}\}|[^()\s]*(?:\([^()]*\)[^()\s]*)*)
              (?:\s+(?:"[^"]{0,500}"|'[^']{0,500}'|\([^)]{0,500}\)))?\s*\))"""),
    ("]", r"(?P<link_ref>\]\[[^\]]*\])"),
    ("[", r"(?P<footnote>\[\^[^\[\]\s]+\])"),
    ("{", r"""(?P<shortcode>\{\{[<%][^{%>]*(?:(?:\{(?!\{)|[%>](?!\}\}))[^{%>]*)*[%>]\}\}
              |\{%[^{%]*(?:(?:\{(?!%)|%(?!\}))[^{%]*)*%\}
              |\{\{[^{}]*(?:(?:\{(?!\{)|\}(?!\}))[^{}]*)*\}\})"""),
    ("&", r"(?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"),
    ("\\", r"(?P<escape>\\(?:[!-/:-@\[-`{-~]|(?=[\r\n])|$))"),
    ("*_~", r"(?P<emphasis>\*+|_+|~~)"),
)
_INLINE_FLAGS = re.VERBOSE | re.DOTALL | re.IGNORECASE
# A pattern per character: the alternatives that can start with it, in order.
# At a position holding that character it finds what all of them joined would,
# sooner.
_INLINE_AT = {
    character: re.compile("|".join(pattern for starts, pattern in _INLINE_ALTERNATIVES if character in starts),
                          _INLINE_FLAGS)
    for starts, _ in _INLINE_ALTERNATIVES for character in starts
}
# The characters every inline alternative starts with: only these
# positions are tried, which is what keeps scanning prose fast.
_INLINE_START = re.compile("[" + re.escape("".join(_INLINE_AT)) + "]")
# URLs and e-mail addresses may start on any letter, so trying every
# position is slow: they are found from their "://", "www." and "@" instead.
_URL = re.compile(r"""(?:https?://|ftp://|www\.)[^\s<>()\[\]"'`]*[^\s<>()\[\]"'`.,;:!?]""", re.IGNORECASE)
_WW = frozenset({"ww", "wW", "Ww", "WW"})  # what comes before the "w." of a "www."
_SCHEMES = ("https", "http", "ftp")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Tags whose whole content is not prose.
_RAW_CONTENT = re.compile(
    r"<(script|style|pre|textarea|code|template|svg|math)\b[^<>]*>(?:(?!<\1\b).)*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_HTML_PIECE = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    # Attribute values may hold "<" and ">" (href="{{< ref "x.md" >}}"): quoted parts are skipped whole.
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:\s(?:[^<>\"']|\"[^\"]{0,2000}\"|'[^']{0,2000}')*)?/?>"
    r"|<![^<>]*>|<\?(?:[^?<]|\?(?!>))*\?>)"
    r"|(?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<url>https?://[^\s<>\"']*[^\s<>\"'.,;:!?])"
    r"|(?P<shortcode>\{\{[<%](?:(?!\{\{).)*?[%>]\}\}|\{%(?:(?!\{%).)*?%\})",  # Hugo and Liquid tags
    re.DOTALL,
)

# HTML elements that start a new block of prose (sentences never run across them).
BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p section summary table tbody td tfoot th thead
    tr ul""".split()
)


# A few entities ("&amp;", "&nbsp;", "&#8217;") make most of them: each is decoded once.
_unescape = lru_cache(maxsize=512)(html.unescape)


class Edits:
    """Changes to make to a copy of the text to turn it into prose."""

    def __init__(self) -> None:
        self.blanks: list[tuple[int, int]] = []
        self.replacements: list[tuple[int, int, str]] = []
        self.comments: list[Comment] = []

    def blank(self, start: int, end: int) -> None:
        if end > start:
            self.blanks.append((start, end))

    def entity(self, start: int, end: int, source: str) -> None:
        """Replace an HTML entity by its character, padded to keep the length."""
        decoded = _unescape(source)
        # A decoded line break would move a newline in prose: &#10; stays blank.
        if len(decoded) == 1 and decoded != source and decoded not in "\r\n":
            self.replacements.append((start, end, decoded + " " * (end - start - 1)))
        else:
            self.blank(start, end)


def find_links(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of URLs (scheme or www.) and e-mail addresses in text[start:end]: leftmost first, not overlapping."""
    candidates: list[tuple[int, int]] = []  # (position, 0 for a URL or 1 for an e-mail): URLs win a tie
    index = text.find("://", start, end)
    while index != -1:
        before = text[max(start, index - 5):index].lower()
        for scheme in _SCHEMES:
            if before.endswith(scheme):
                candidates.append((index - len(scheme), 0))
                break
        index = text.find("://", index + 3, end)
    # Every "www." (any case) ends in "w." or "W.": plain searches for those and a look
    # at the two characters before are much faster than a pattern's scan (no two overlap).
    for ending in ("w.", "W."):
        index = text.find(ending, start + 2, end)
        while index != -1:
            if text[index - 2:index] in _WW:
                candidates.append((index - 2, 0))
            index = text.find(ending, index + 2, end)
    index = text.find("@", start, end)
    while index != -1:
        local = index
        while local > start and _in_address(text[local - 1]):
            local -= 1
        if local < index and not (local == start and local > 0 and _in_address(text[local - 1])):
            candidates.append((local, 1))
        index = text.find("@", index + 1, end)
    if not candidates:
        return []
    spans: list[tuple[int, int]] = []
    for position, kind in sorted(candidates):
        if spans and position < spans[-1][1]:
            continue
        match = (_URL if kind == 0 else _EMAIL).match(text, position, end)
        if match:
            spans.append(match.span())
    return spans


def _in_address(char: str) -> bool:
    """A character of the local part of an e-mail address (\\w, '.', '+' or '-')."""
    return char.isalnum() or char in "_.+-"


def _intraword(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has word characters on both sides."""
    return start > 0 and end < len(text) and _is_word(text[start - 1]) and _is_word(text[end])


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def normalize_label(label: str) -> str:
    """A link label as markdown-it keys its references (case and white space folded)."""
    return " ".join(label.split()).lower().upper()


def scan_inline(text: str, start: int, end: int, edits: Edits, labels: frozenset[str] = frozenset()) -> None:
    """Record the markup inside text[start:end] (Markdown inline syntax).

    ``labels`` are the document's link reference definitions: "[label]" alone
    is a link only when one defines it, and then its brackets are markup.
    """
    blanks = edits.blanks
    links = find_links(text, start, end)
    blanks.extend(links)  # matches, never empty
    # The leftmost matches, not overlapping, trying only the positions where
    # an alternative can start and only the alternatives that can start there.
    position = start
    while (candidate := _INLINE_START.search(text, position, end)) is not None:
        match_start = candidate.start()
        match = _INLINE_AT[candidate.group()].match(text, match_start, end)
        if match is None:
            position = match_start + 1
            continue
        match_end = position = match.end()  # never empty
        kind = match.lastgroup
        # The common kinds first; a kind not named is blanked whole.
        if kind == "emphasis":
            if text[match_start] == "_" and _intraword(text, match_start, match_end):
                continue  # snake_case_word: underscores inside a word are text
        elif kind == "shortcut" or kind == "label":  # "label": the group in the look-ahead of `shortcut`
            label = match.group("label")
            if not labels or normalize_label(label) not in labels:
                continue
            close = match_end + len(label)
            blanks.append((match_start, match_end))
            match_start, match_end = close, close + 1
        elif kind == "entity":
            if not any(a <= match_start < b for a, b in links):  # "&amp;" inside a URL stays blank
                edits.entity(match_start, match_end, match.group())
            continue
        elif kind == "comment":
            edits.comments.append(Comment(match_start, match_end, match.group()[4:-3]))
        elif kind == "escape":  # the backslash is markup; the character it escapes is text
            match_end = match_start + 1
        blanks.append((match_start, match_end))


def scan_html(text: str, start: int, end: int, edits: Edits) -> list[tuple[int, int, str]]:
    """Record the markup inside a raw HTML region; return its prose segments.

    Each segment is (start, end, tag) where tag is the block-level element
    that opened it ("" if none), so headings written in HTML stay headings.
    """
    raw_spans: list[tuple[int, int]] = []
    for match in _RAW_CONTENT.finditer(text, start, end):
        raw_spans.append((match.start(), match.end()))
    segments: list[tuple[int, int, str]] = []
    segment_start = start
    current_tag = ""
    raw_index = 0
    position = start
    while position < end:
        if raw_index < len(raw_spans) and raw_spans[raw_index][0] <= position:
            raw_start, raw_end = raw_spans[raw_index]
            raw_index += 1
            if raw_end <= position:
                continue
            segments.append((segment_start, raw_start, current_tag))
            edits.blank(raw_start, raw_end)
            position = segment_start = raw_end
            continue
        limit = raw_spans[raw_index][0] if raw_index < len(raw_spans) else end
        match = _HTML_PIECE.search(text, position, limit)
        if not match:
            position = limit
            continue
        kind = match.lastgroup
        if kind == "comment":
            edits.blank(match.start(), match.end())
            body = match.group()[4:]
            edits.comments.append(Comment(match.start(), match.end(), body[:-3] if body.endswith("-->") else body))
        elif kind == "entity":
            edits.entity(match.start(), match.end(), match.group())
        elif kind == "url":
            edits.blank(match.start(), match.end())
        else:
            edits.blank(match.start(), match.end())
            name = (match.group("name") or "").lower()
            if name in BLOCK_TAGS:
                segments.append((segment_start, match.start(), current_tag))
                segment_start = match.end()
                closing = match.group().startswith("</")
                current_tag = "" if closing else name
        position = match.end()
    segments.append((segment_start, end, current_tag))
    return [segment for segment in segments if segment[1] > segment[0]]


def iter_nonblank(prose: str, segments: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """Segments trimmed of white space, dropping the empty ones."""
    for segment_start, segment_end, tag in segments:
        start, end = strip_span(prose, segment_start, segment_end)
        if end > start:
            yield start, end, tag
