"""Small text helpers shared by rules: words, content words, stems, word lists.

Rules should use these rather than their own tokenizers, so that "a word"
means the same thing in every finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contentlint.document import Document

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just let me more most my myself
    no nor not now of off on once only or other our ours ourselves out over own same she should so some such
    than that the their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours yourself
    yourselves s t don can't won't it's that's there's""".split()
)


def words(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word in text[start:end]; offsets into text."""
    for match in WORD.finditer(text, start, len(text) if end is None else end):
        yield match.start(), match.end(), match.group()


SUFFIXES = ("ational", "ization", "fulness", "iveness", "ations", "ingly", "ities", "ation", "ments",
            "ness", "ment", "ings", "ies", "ing", "ity", "ive", "ed", "ly", "es", "al", "er", "y", "s")
# SUFFIXES by length, longest first. A word ends in at most one suffix of each length,
# so trying each length in turn finds the first of SUFFIXES that stem() may strip.
_SUFFIXES_BY_LENGTH = tuple((length, frozenset(suffix for suffix in SUFFIXES if len(suffix) == length))
                            for length in sorted({len(suffix) for suffix in SUFFIXES}, reverse=True))


def stem(word: str) -> str:
    """A light, deterministic suffix stripper (enough to match 'recover'/'recovery'): the
    first of SUFFIXES the word ends in, if at least three letters are left."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    size = len(word)
    for length, suffixes in _SUFFIXES_BY_LENGTH:
        if size - length >= 3 and word[-length:] in suffixes:
            return word[:-length]
    return word


def content_words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Lower-cased stems of the words that are not stop words."""
    return [stem(w) for _, _, w in words(text, start, end) if w.lower() not in STOPWORDS and not w.isdigit()]


@lru_cache(maxsize=64)
def load_word_list(path: str) -> tuple[str, ...]:
    """A word list file: one entry per line, blank lines and # comments skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


LANGUAGE_KEYS = ("lang", "language", "locale")


def declared_language(document: Document) -> str | None:
    """The language the front matter declares, lower-cased and without region ("en"
    for "en-US"): the first of lang, language and locale that is a non-blank string.
    None when it declares none. Found once per document (the RD and RP rules both ask)."""
    return document.memo("textutil.language", _declared_language)


def _declared_language(document: Document) -> str | None:
    source = document.front_matter_source
    # Parsing YAML costs ~0.4 ms a file. None of the keys can be in it unless their
    # letters are, or an escape spells them (which takes a backslash).
    if not source or ("lang" not in source and "locale" not in source and "\\" not in source):
        return None
    matter = document.front_matter or {}
    for key in LANGUAGE_KEYS:
        value = matter.get(key)
        if isinstance(value, str) and value.strip():
            return re.split(r"[-_]", value.strip().lower())[0]
    return None
