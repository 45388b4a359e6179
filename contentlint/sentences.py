"""Sentence spans in prose.

A light rule-based splitter: a sentence ends at . ! or ? (with any closing
quotes or brackets) followed by white space and something that does not look
like the middle of a sentence. Common abbreviations ("Dr.", "e.g.", "et al.")
and initials do not end a sentence. Good enough for article prose and fast;
every rule shares its output, so improving it improves them all.
"""

from __future__ import annotations

import re

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

# A candidate end: terminal punctuation, optional closers, then white space.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]*(\w+)")
_NEXT_CHAR = re.compile(r"\S")


def _starts_sentence(word: str) -> bool:
    """A capitalised function word ("The", "It", "This"): what usually begins a sentence."""
    return len(word) > 1 and word[0].isupper() and word.lower() in STOPWORDS


def _is_abbreviation(prose: str, end: int, limit: int) -> bool:
    """Whether the period at `end` belongs to an abbreviation or initial (so is no sentence end)."""
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
    first = _NEXT_CHAR.search(prose, start, end)
    if first is None:
        return []
    spans: list[tuple[int, int]] = []
    cursor = first.start()  # where the current sentence starts (not white space)
    for match in _END.finditer(prose, cursor, end):
        stop = match.end()
        if match.group() == "." and _is_abbreviation(prose, match.start(), end):
            continue
        # The next sentence should not start lower-case ("e.g. the" is not a break).
        following = _NEXT_CHAR.search(prose, stop, end)
        if following is None:  # only white space left: this sentence is the last
            spans.append((cursor, stop))
            return spans
        if following.group().islower():
            continue
        spans.append((cursor, stop))
        cursor = following.start()
    spans.append((cursor, cursor + len(prose[cursor:end].rstrip())))
    return spans


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without white space at either edge, as offsets (start == end if nothing is left).

    str.strip does the scanning: blanked markup makes long runs of spaces,
    too slow to walk a character at a time.
    """
    piece = text[start:end]
    left = piece.lstrip()
    if not left:
        return start, start
    return start + len(piece) - len(left), start + len(left.rstrip()) + len(piece) - len(left)
