"""Sentence spans in prose.

A light rule-based splitter: a sentence ends at . ! or ? (with any closing
quotes or brackets) followed by white space and something that does not look
like the middle of a sentence. Common abbreviations ("Dr.", "e.g.", "et al.")
and initials do not end a sentence. Good enough for article prose and fast;
every rule shares its output, so improving it improves them all.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms prof st sr jr vs etc al e.g i.e fig figs no nos inc ltd co corp
    approx dept est vol pp ed eds u.s u.k mt ft jan feb mar apr jun jul aug sep sept
    oct nov dec mon tue wed thu fri sat sun gen gov rev hon sgt capt lt col
    cf viz ca resp
    """.split()
)

# A candidate end: terminal punctuation, optional closers, then white space.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(prose: str, end: int) -> bool:
    """Whether the period ending at `end` belongs to an abbreviation or initial."""
    match = _WORD_BEFORE.search(prose, max(0, end - 12), end)
    if not match:
        return False
    word = match.group(1).rstrip(".")
    if word.lower() in ABBREVIATIONS:
        return True
    # A single capital ("J. Smith") is an initial.
    return len(word) == 1 and word.isupper()


def split_spans(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within prose[start:end], trimmed of white space."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(prose, start, end):
        stop = match.end()
        if prose[match.start()] == "." and match.end() - match.start() == 1 and _is_abbreviation(prose, match.start()):
            continue
        # The next sentence should not start lower-case ("e.g. the" is not a break).
        following = prose[stop:end].lstrip()
        if following and following[0].islower():
            continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    trimmed: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        while span_start < span_end and prose[span_start].isspace():
            span_start += 1
        while span_end > span_start and prose[span_end - 1].isspace():
            span_end -= 1
        if span_end > span_start:
            trimmed.append((span_start, span_end))
    return trimmed
