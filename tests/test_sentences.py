"""Sentence splitting's fast paths give what the plain splitter gave.

The splitter finds the places a sentence may end with str.find, once per
document, where it ran a regex over every block; it reads the next sentence's
first character from the same match; it skips the abbreviation lookup after a
long word. Each is pinned here against the plain version, on open-ended prose.
"""

from __future__ import annotations

import os
import re
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contentlint.document import Sentence
from contentlint.markdown import parse_markdown
from contentlint import sentences
from contentlint.sentences import (
    _END, _NEXT_CHAR, _is_abbreviation, mark_positions, split_blocks, split_spans, strip_span,
)

SETTINGS = settings(max_examples=int(os.environ.get("CONTENTLINT_EXAMPLES", "300")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Ends of every kind, closers, abbreviations glued to longer words, lower-case
# continuations and white space of several kinds.
PIECES = [
    "Sleep", "helps", "the", "The", "It", "mood", "Dr.", "dr.", "e.g.", "i.e.", "U.S.", "Inc.", "No.", "no.", "5",
    "p.", "J.", "vitamin", "approximately", "Approx.", "abcdefDr.", "sleeping.", ".", "..", "...", "!", "?", "?!",
    "…", "\"", "'", "”", "’", ")", "]", "(", " ", " ", "  ", "\n", "\t", "\u00a0", "\u3000", "x", "é", "É", "A.",
    "1.", "ÉÉÉÉÉÉÉ.", "_____.",
]
prose = st.one_of(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.text(max_size=80))


def previous_is_abbreviation(prose: str, end: int, limit: int) -> bool:
    """_is_abbreviation before the shortcut for long words: with no abbreviation taken to
    be shorter than the text, the shortcut never applies and the full lookup decides."""
    with mock.patch.object(sentences, "_LONGEST_ABBREVIATION", len(prose) + 1):
        return _is_abbreviation(prose, end, limit)


def previous_split_spans(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """split_spans as it was: _END.finditer over the block, the next character searched after each end."""
    first = _NEXT_CHAR.search(prose, start, end)
    if first is None:
        return []
    spans: list[tuple[int, int]] = []
    cursor = first.start()
    for match in _END.finditer(prose, cursor, end):
        stop = match.end()
        if match.group() == "." and previous_is_abbreviation(prose, match.start(), end):
            continue
        following = _NEXT_CHAR.search(prose, stop, end)
        if following is None:
            spans.append((cursor, stop))
            return spans
        if following.group().islower():
            continue
        spans.append((cursor, stop))
        cursor = following.start()
    spans.append((cursor, cursor + len(prose[cursor:end].rstrip())))
    return spans


END_STARTS = re.compile("[.!?…]")  # the characters a match of _END starts with


def bounds(text: str, data: st.DataObject) -> tuple[int, int]:
    start = data.draw(st.integers(0, len(text)))
    return start, data.draw(st.integers(start, len(text)))


@SETTINGS
@given(prose, st.data())
@example("See Dr. Lee. It works!  Then? no.", None)
@example("Take vitamin D. It helps. ", None)
@example("   ", None)
def test_split_spans_matches_the_previous_splitter(text: str, data: st.DataObject | None) -> None:
    start, end = bounds(text, data) if data else (0, len(text))
    assert split_spans(text, start, end) == previous_split_spans(text, start, end)


@SETTINGS
@given(prose, st.data())
def test_split_blocks_is_split_spans_per_block(text: str, data: st.DataObject) -> None:
    """Any spans: overlapping, out of order, empty, at the edges."""
    offset = st.integers(0, len(text))
    blocks = data.draw(st.lists(st.tuples(offset, offset).map(sorted).map(tuple), max_size=6))
    expected = [(start, end, index) for index, (block_start, block_end) in enumerate(blocks)
                for start, end in split_spans(text, block_start, block_end)]
    assert split_blocks(text, blocks) == expected


@SETTINGS
@given(prose, st.data())
def test_mark_positions_are_where_end_may_start(text: str, data: st.DataObject) -> None:
    start, end = bounds(text, data)
    assert _END.pattern.startswith(END_STARTS.pattern + "+")
    assert mark_positions(text, start, end) == [index for index in range(start, end) if END_STARTS.match(text, index)]


@SETTINGS
@given(prose)
@example("approximately. Approx. abcdefDr. ÉÉÉÉÉÉÉ. _____. sleeping.")
def test_is_abbreviation_matches_the_previous_lookup(text: str) -> None:
    for at in [index for index, char in enumerate(text) if char == "."]:
        assert _is_abbreviation(text, at, len(text)) == previous_is_abbreviation(text, at, len(text)), at


def test_document_sentences_per_block() -> None:
    document = parse_markdown("# Sleep well\n\nDr. Lee says sleep helps. Rest!\n\n- One item. Two\n", "x.md")
    assert document.sentences == [Sentence(2, 12, 0), Sentence(14, 39, 1), Sentence(40, 45, 1),
                                  Sentence(49, 58, 2), Sentence(59, 62, 2)]
    assert [document.prose[s.start:s.end] for s in document.sentences] == [
        "Sleep well", "Dr. Lee says sleep helps.", "Rest!", "One item.", "Two"]


@SETTINGS
@given(prose, st.data())
@example(" a ", None)
@example("a", None)
def test_strip_span_is_str_strip(text: str, data: st.DataObject | None) -> None:
    start, end = bounds(text, data) if data else (0, len(text))
    stripped_start, stripped_end = strip_span(text, start, end)
    stripped = text[start:end].strip()
    assert text[stripped_start:stripped_end] == stripped
    if stripped:
        assert stripped_start == start + len(text[start:end]) - len(text[start:end].lstrip())
    else:
        assert stripped_start == stripped_end == start
