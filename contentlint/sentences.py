"""Sentence spans in prose.

A light rule-based splitter: a sentence ends at . ! or ? (with any closing
quotes or brackets) followed by white space and something that does not look
like the middle of a sentence. Common abbreviations ("Dr.", "e.g.", "et al.")
and initials do not end a sentence. Good enough for article prose and fast;
every rule shares its output, so improving it improves them all.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from contentlint.textutil import STOPWORDS

# Abbreviations a sentence never ends with ("Dr. Lee", "e.g. aspirin").
ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms prof st mt ft gen gov rev hon sgt capt lt col vs e.g i.e cf viz ca resp approx dept est
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    """.split()
)
# Abbreviations that may end a sentence ("made in the U.S. The next …") but
# mostly do not ("U.S. Army"): a break only before a word that starts sentences.
FINAL_ABBREVIATIONS = frozenset("inc ltd co corp jr sr u.s u.k u.n".split())
# Abbreviations that stand before a number ("No. 5", "p. 12"); elsewhere "no." is a word.
NUMBER_ABBREVIATIONS = frozenset("no nos fig figs vol vols p pp ch sec eq art ref ed eds".split())
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS | FINAL_ABBREVIATIONS | NUMBER_ABBREVIATIONS))

# A candidate end: terminal punctuation, optional closers, then white space.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_MARKS = ".!?…"  # what _END starts with
# _END, and the first character after the white space that follows it (None at the end).
_END_AND_NEXT = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+(\S)?)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]*(\w+)")
_NEXT_CHAR = re.compile(r"\S")


def _starts_sentence(word: str) -> bool:
    """A capitalised function word ("The", "It", "This"): what usually begins a sentence."""
    return len(word) > 1 and word[0].isupper() and word.lower() in STOPWORDS


def _is_abbreviation(prose: str, end: int, limit: int) -> bool:
    """Whether the period at `end` belongs to an abbreviation or initial (so is no sentence end)."""
    if end > _LONGEST_ABBREVIATION and prose[end - _LONGEST_ABBREVIATION - 1:end].isalpha():
        return False  # most periods: the word before is longer than any abbreviation (letters are \w)
    match = _WORD_BEFORE.search(prose, max(0, end - 12), end)
    if not match:
        return False
    word = match.group(1).rstrip(".")
    lower = word.lower()
    if lower in ABBREVIATIONS:
        return True
    single_capital = len(word) == 1 and word.isupper()
    if not (single_capital or lower in NUMBER_ABBREVIATIONS or lower in FINAL_ABBREVIATIONS):
        return False  # most periods: a word that is no abbreviation, whatever follows
    following = _NEXT_WORD.match(prose, end + 1, limit)
    next_word = following.group(1) if following else ""
    if lower in NUMBER_ABBREVIATIONS:
        return next_word[:1].isdigit()
    if lower in FINAL_ABBREVIATIONS:
        return not _starts_sentence(next_word)
    # A single capital ("J. Smith") is an initial, unless a sentence plainly
    # starts after it ("Take vitamin D. It helps.").
    return not _starts_sentence(next_word)


def split_spans(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within prose[start:end], trimmed of white space.

    Trimmed as they are found: a sentence ends with its punctuation (never white
    space), and the next one starts at the first character after it that is not
    white space — the character the lower-case test looks at anyway.
    """
    found: list[tuple[int, int, int]] = []
    _split(prose, start, end, mark_positions(prose, start, end), 0, 0, found)
    return [(span_start, span_end) for span_start, span_end, _ in found]


def split_blocks(prose: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The sentence spans of each block (start, end) of prose, with the block's index:
    what split_spans finds in each, with the punctuation looked for once for all."""
    marks = mark_positions(prose, 0, len(prose))
    found: list[tuple[int, int, int]] = []
    for index, (start, end) in enumerate(blocks):
        _split(prose, start, end, marks, bisect_left(marks, start), index, found)
    return found


def mark_positions(prose: str, start: int, end: int) -> list[int]:
    """Where a sentence may end in prose[start:end] (a character _END starts with), in order.

    str.find jumps from one to the next many times faster than a regex scans
    every character for them.
    """
    positions: list[int] = []
    for mark in _MARKS:
        index = prose.find(mark, start, end)
        while index != -1:
            positions.append(index)
            index = prose.find(mark, index + 1, end)
    positions.sort()
    return positions


def _split(prose: str, start: int, end: int, marks: list[int], index: int, block: int,
           found: list[tuple[int, int, int]]) -> None:
    """Add to found the (start, end, block) of each sentence in prose[start:end], as split_spans
    finds them, given the positions of the marks (sorted; marks[index:] those from start on).

    A match of _END starts on a mark: trying each mark in turn from where the
    last match ended finds what _END.finditer finds.
    """
    if start >= end:
        return
    cursor = start  # where the current sentence starts (not white space)
    if prose[start].isspace():
        first = _NEXT_CHAR.search(prose, start, end)
        if first is None:
            return
        cursor = first.start()
    reach = cursor  # where the last match ended
    count = len(marks)
    while index < count:
        position = marks[index]
        index += 1
        if position >= end:
            break
        if position < reach:
            continue
        match = _END_AND_NEXT.match(prose, position, end)
        if match is None:
            continue
        reach = match.end()
        if match.group() == "." and _is_abbreviation(prose, position, end):
            continue
        # The next sentence should not start lower-case ("e.g. the" is not a break).
        following = match.group(1)
        if following is None:  # only white space left: this sentence is the last
            found.append((cursor, reach, block))
            return
        if following.islower():
            continue
        found.append((cursor, reach, block))
        cursor = match.start(1)
    if prose[end - 1].isspace():  # else nothing to trim (what rstrip strips is what isspace says)
        end = cursor + len(prose[cursor:end].rstrip())
    found.append((cursor, end, block))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without white space at either edge, as offsets (start == end if nothing is left).

    str.strip does the scanning: blanked markup makes long runs of spaces,
    too slow to walk a character at a time.
    """
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        return start, end  # most blocks and sentences: nothing to strip, and no copy made
    piece = text[start:end]
    left = piece.lstrip()
    if not left:
        return start, start
    return start + len(piece) - len(left), start + len(left.rstrip()) + len(piece) - len(left)
