"""Readability counts and textstat's formulas, computed once per block.

The RD rules and ``contentlint scores`` share this module. It reproduces
textstat 0.7.13's English counts exactly (``tests/test_rd_textstat.py``
compares every formula with textstat's own functions) without importing
textstat, NLTK or touching the network:

- words: textstat's ``list_words`` — punctuation removed except the
  apostrophe of an English contraction, then split on white space;
- syllables: the stress digits of the first pronunciation in the CMU
  Pronouncing Dictionary, else Pyphen's en_US hyphenation points + 1 —
  textstat's rule. Both come pre-computed in data files shipped here
  (``rd_syllables.bin``, ``rd_hyphenation.txt``, written by
  ``tools/build_syllables.py``), so a process pays a few milliseconds, not
  the ~300 ms of parsing the dictionary and building a Pyphen;
- sentences: textstat's regex ``\\b[^.!?]+[.!?]*``, ignoring fragments of two
  words or fewer;
- letters (word characters), characters (non-space), raw tokens, and the
  "difficult" words of the Gunning fog and Dale–Chall formulas (not in the
  Dale–Chall easy-word list that textstat ships).

textstat calls ``nltk.download('cmudict')`` the first time it needs a
syllable; here the dictionary's counts ship with the package, so scoring
never needs a network or an NLTK data folder.

What is scored: the prose of the blocks a reader reads as running text
(paragraphs, list items, block quotes, HTML blocks) — not headings or table
cells. A block is a unit of reading, so a block whose last word is not
followed by ``.``, ``!`` or ``?`` (a list item, a line of HTML) is scored as if
it ended with a full stop. With that, textstat's counts add up across blocks,
so each block is counted once and the document's counts are the sum.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from dataclasses import dataclass, fields
from collections import Counter
from functools import lru_cache
from pathlib import Path

from contentlint.document import HTML, LIST_ITEM, PARAGRAPH, QUOTE, Block, Document
from contentlint.textutil import declared_language

SCORED_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE, HTML})

# textstat 0.7.13 (backend/utils/constants.py, transformations, counts).
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_WORD_CHAR = re.compile(r"\w")
# count_text's one-pass equivalents (see there): textstat's punctuation except
# the sentence stops; a run of three or more words between two stops; the
# start of a white-space token holding a word character. (The look-behinds
# let a match start only where a word or token starts, and the classes after
# it are disjoint, so a failed attempt gives back little: no possessive
# quantifiers needed, which Python 3.10 lacks.)
_PUNCTUATION_BUT_STOPS = re.compile(r"[^\w\s'.!?]")
_THREE_WORDS = re.compile(r"(?<![\w'])[\w']+(?:\s+[\w']+){2,}")
_WORD_TOKEN = re.compile(r"(?<!\S)[^\w\s]*\w")

# The formulas textstat computes, by textstat's function name. The first six
# are the usual "six formulas"; all but Flesch reading ease are US grades
# (Dale–Chall is a score with its own grade table).
METRICS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "gunning_fog",
    "dale_chall_readability_score",
)
GRADE_METRICS = METRICS[1:]
METRIC_LABELS = {
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch–Kincaid",
    "smog_index": "SMOG index",
    "coleman_liau_index": "Coleman–Liau index",
    "automated_readability_index": "Automated readability index",
    "gunning_fog": "Gunning fog index",
    "dale_chall_readability_score": "Dale–Chall score",
}


@dataclass(frozen=True)
class Counts:
    """textstat's counts for one text; counts of blocks add up to the document's."""

    length: int = 0  # characters (only whether it is 0 matters: an empty text has no sentence)
    words: int = 0  # textstat count_words
    tokens: int = 0  # white-space separated tokens (the ARI's words)
    sentences: int = 0  # sentences of three words or more (textstat ignores shorter ones)
    syllables: int = 0
    polysyllables: int = 0  # words of three syllables or more
    letters: int = 0  # word characters
    characters: int = 0  # non-space characters
    hard_words: int = 0  # not easy, three syllables or more (Gunning fog)
    unfamiliar_words: int = 0  # not in the easy-word list (Dale–Chall)

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)))

    @property
    def sentence_count(self) -> int:
        """textstat's count_sentences: 0 for an empty text, otherwise at least 1."""
        return 0 if self.length == 0 else max(1, self.sentences)


# -- dictionaries, loaded once per process ---------------------------------

class _SyllableTable:
    """textstat's syllable count of every CMU dictionary word, read from rd_syllables.bin.

    The file (written by tools/build_syllables.py) keeps the words in hash
    buckets: loading reads the file and a 128 KB header, and a lookup scans
    one bucket of a few words, so no 126,000-entry dict is built per process.
    """

    def __init__(self, data: bytes) -> None:
        buckets = int.from_bytes(data[:4], "little")
        offsets = array("I")
        offsets.frombytes(data[4:8 + 4 * buckets])
        if sys.byteorder == "big":
            offsets.byteswap()
        self._buckets = buckets
        self._offsets = offsets
        self._data = data[8 + 4 * buckets:]  # bytes, not a view: bytes.find searches a range without copying

    def get(self, word: str) -> int | None:
        key = word.encode("utf-8")
        index = zlib.crc32(key) % self._buckets
        bucket_end = self._offsets[index + 1]
        needle = b"\n" + key + b"\t"
        # Search the bucket in place (bytes.find with bounds): no copy of it per lookup.
        found = self._data.find(needle, self._offsets[index], bucket_end)
        if found < 0:
            return None
        start = found + len(needle)
        end = self._data.find(b"\n", start, bucket_end)
        return int(self._data[start:bucket_end if end < 0 else end])


@lru_cache(maxsize=1)
def _syllable_table() -> _SyllableTable:
    return _SyllableTable(Path(__file__).with_name("rd_syllables.bin").read_bytes())


@lru_cache(maxsize=1)
def _hyphenation_patterns() -> dict[str, str]:
    """Pyphen's en_US patterns: letters -> "start:values" (values as digits); and
    every shorter beginning of a pattern's letters -> "-" (no pattern, but one may
    follow).

    Pre-computed by tools/build_syllables.py: parsing Pyphen's own .dic file
    costs ~75 ms a process, this ~3 ms. Values stay strings until a pattern
    matches, which few do. The beginnings let hyphenation_points stop
    extending a substring as soon as no pattern can start with it, instead
    of trying every length up to the longest pattern's (28 letters).
    """
    parts = Path(__file__).with_name("rd_hyphenation.txt").read_text(encoding="utf-8").split()
    return dict(zip(parts[0::2], parts[1::2]))


def hyphenation_points(word: str) -> list[int]:
    """Pyphen(lang="en_US").positions(word): Pyphen 0.18's algorithm (Liang's) on its patterns."""
    patterns = _hyphenation_patterns()
    pointed = f".{word.lower()}."
    references = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        for j in range(i + 1, len(pointed) + 1):
            pattern = patterns.get(pointed[i:j])
            if pattern is None:
                break  # no pattern starts with pointed[i:j], so none with a longer piece
            if pattern != "-":
                offset, values = _pattern_values(pattern)
                start = i + offset
                for k, value in enumerate(values, start):
                    if value > references[k]:
                        references[k] = value
    right = len(word) - 2  # Pyphen's defaults: left=2, right=2
    return [i - 1 for i, value in enumerate(references) if value % 2 and 2 <= i - 1 <= right]


# A pattern's "start:values" -> (start, values as ints): parsed once per process,
# when the pattern first matches (a few thousand of the 11,000 ever do).
_PATTERN_VALUES: dict[str, tuple[int, tuple[int, ...]]] = {}


def _pattern_values(pattern: str) -> tuple[int, tuple[int, ...]]:
    parsed = _PATTERN_VALUES.get(pattern)
    if parsed is None:
        start, digits = pattern.split(":")
        parsed = _PATTERN_VALUES[pattern] = (int(start), tuple(map(int, digits)))
    return parsed


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    path = Path(__file__).with_name("rd_easy_words.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if not line.startswith("#"))


# Per-process memos, emptied when they grow past this many words (a long run
# over odd text must not grow them without bound).
_MEMO_LIMIT = 200_000
_SYLLABLES: dict[str, int] = {}


def syllables(word: str) -> int:
    """Syllables of one lower-case word, by textstat's rule (cached per process)."""
    count = _SYLLABLES.get(word)
    if count is None:
        count = _syllable_table().get(word)
        if count is None:  # not in the CMU dictionary
            count = len(hyphenation_points(word)) + 1
        if len(_SYLLABLES) >= _MEMO_LIMIT:
            _SYLLABLES.clear()
        _SYLLABLES[word] = count
    return count


# A word as written -> 2 * its syllables + 1 if it is an easy word: all that
# count_text needs of a word, so that each occurrence costs one dict lookup
# (made in C by map) instead of lower-casing and two lookups.
# Put between the words of two blocks counted together (see _ScoredText):
# removing textstat's punctuation leaves no NUL in a text, so each is ours.
# Its class counts nothing (no syllables, an easy word).
_MARK = "\x00"


class _WordClasses(dict[str, int]):
    """Word as written -> its class; a missing word is computed when looked up (dict's
    own lookup calls __missing__), so the lookups of a text's words run in one map()."""

    def __missing__(self, word: str) -> int:
        if len(self) >= _MEMO_LIMIT:  # a long run over odd text must not grow it without bound
            self.clear()
            self[_MARK] = 1
        lower = word.lower()
        word_class = 2 * syllables(lower) + (lower in easy_words())
        self[word] = word_class
        return word_class


_WORD_CLASS = _WordClasses({_MARK: 1})


def _class_counts(words: list[str]) -> tuple[int, int, int, int]:
    """Syllables, polysyllables, hard and unfamiliar words among words."""
    total = poly = hard = unfamiliar = 0
    # How many words of each class: a handful of classes, counted in C.
    for word_class, times in Counter(map(_WORD_CLASS.__getitem__, words)).items():
        count, familiar = divmod(word_class, 2)
        total += count * times
        if count >= 3:
            poly += times
            hard += 0 if familiar else times
        unfamiliar += 0 if familiar else times
    return total, poly, hard, unfamiliar


# -- counting -----------------------------------------------------------------

def list_words(text: str) -> list[str]:
    """textstat's list_words with its defaults."""
    text = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", text).split()


def count_words(text: str) -> int:
    """len(list_words(text)), without building the list.

    Removing punctuation never splits or joins white-space tokens, and a token
    keeps a character only if it has a word character: the apostrophes textstat
    keeps are those followed by t, s, d, ve, ll or re, in the same token."""
    return len(_WORD_TOKEN.findall(text))


def count_text(text: str) -> Counts:
    """All of textstat's counts for one text, from a few passes over it made in C.

    textstat counts a sentence (regex ``\\b[^.!?]+[.!?]*``) when list_words
    finds three words or more in it. Such a match runs from the first word
    character after a run of stops to the end of the next run of stops, so
    its words are the tokens between two stops that hold a word character.
    With textstat's punctuation removed except the stops, those are the
    runs of word characters and kept apostrophes between two stops:
    _THREE_WORDS finds each stretch with three or more in one pass.
    tests/test_rd_counts.py checks this against the per-sentence count.
    """
    return _ScoredText([text]).total() if text else Counts()


# Joins the texts of a document's blocks so that they are counted together:
# white space to every count, like the blank line between blocks.
_SEPARATOR = "\x1e"


class _ScoredText:
    """Texts (a document's blocks) put through textstat's transformations together.

    The texts are joined by _SEPARATOR, so the regexes and splits run once
    over the whole document, not once per block; _MARK is put between the
    texts' words and _SEPARATOR stays between their stripped texts, so each
    text's own counts can still be read off (texts_counts). A text holding
    _SEPARATOR itself is counted on its own.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.joined = _SEPARATOR.join(texts)
        self.separate = self.joined.count(_SEPARATOR) != len(texts) - 1  # a text holds the separator
        # The apostrophe look-ahead sees _SEPARATOR where a text ends, as it would see
        # the end of the text; the punctuation is removed character by character.
        self.with_stops = _PUNCTUATION_BUT_STOPS.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", self.joined))
        without_stops = self.with_stops.replace(".", "").replace("!", "").replace("?", "")
        self.marks = 0 if self.separate else len(texts) - 1
        if self.marks:
            without_stops = without_stops.replace(_SEPARATOR, f" {_MARK} ")
        self.words = without_stops.split()  # list_words of each text, _MARK between two texts

    def total(self) -> Counts:
        """The counts of the texts' words, as if the texts were joined by blank lines
        (scoring_text): only the length differs by the separators' length."""
        present = [len(text) for text in self.texts if text]
        length = sum(present) + 2 * (len(present) - 1) if present else 0
        return self._counts(self.joined, self.words, length, self.marks, 0, len(self.with_stops))

    def texts_counts(self, min_words: int = 0) -> list[Counts | None]:
        """count_text of each text, read off the passes made over them together; None
        for a text of fewer than min_words words (not counted further)."""
        if self.separate:
            return [counts if counts.words >= min_words else None for counts in map(count_text, self.texts)]
        found: list[Counts | None] = []
        word = stop = 0  # where the current text starts in self.words and in self.with_stops
        for text in self.texts:
            word_end = _index(self.words, _MARK, word)
            stop_end = _find(self.with_stops, _SEPARATOR, stop)
            if word_end - word < min_words:
                found.append(None)
            else:
                found.append(self._counts(text, self.words[word:word_end], len(text), 0, stop, stop_end)
                             if text else Counts())
            word, stop = word_end + 1, stop_end + 1
        return found

    def _counts(self, text: str, words: list[str], length: int, marks: int, start: int, end: int) -> Counts:
        """The counts of text, whose words (with marks _MARKs among them) are words and
        whose transformed text is self.with_stops[start:end]."""
        syllable_count, poly, hard, unfamiliar = _class_counts(words)
        joined = "".join(words)  # every word character of text, the apostrophes kept, and the marks
        tokens = text.split()  # str.split and regex \s agree on what white space is
        return Counts(
            length=length,
            words=len(words) - marks,
            tokens=len(tokens),
            # pos and endpos: the look-behind sees a separator as it would the start of a text.
            sentences=len(_THREE_WORDS.findall(self.with_stops, start, end)),
            syllables=syllable_count,
            polysyllables=poly,
            letters=len(joined) - joined.count("'") - marks,
            characters=sum(map(len, tokens)),
            hard_words=hard,
            unfamiliar_words=unfamiliar,
        )


def _index(items: list[str], item: str, start: int) -> int:
    """items.index(item, start), or len(items) when it is not there."""
    try:
        return items.index(item, start)
    except ValueError:
        return len(items)


def _find(text: str, part: str, start: int) -> int:
    """text.find(part, start), or len(text) when it is not there."""
    found = text.find(part, start)
    return len(text) if found < 0 else found


def block_text(document: Document, block: Block) -> str:
    """The text scored for a block: its prose, ended as a sentence."""
    text = document.prose[block.start:block.end].strip()
    last_stop = max(text.rfind("."), text.rfind("!"), text.rfind("?"))
    if _WORD_CHAR.search(text, last_stop + 1):  # a word after the last stop: the block ends a sentence
        text += "."
    return text


def is_english(document: Document) -> bool:
    """False when the front matter declares another language (lang, language or locale)."""
    return declared_language(document) in (None, "en")


def scored_blocks(document: Document) -> list[Block]:
    return [block for block in document.blocks if block.kind in SCORED_KINDS]


def scoring_text(document: Document) -> str:
    """The whole text the document's scores are textstat's scores of."""
    return "\n\n".join(filter(None, (block_text(document, block) for block in scored_blocks(document))))


@dataclass(frozen=True)
class BlockCounts:
    block: Block
    counts: Counts


def _scored_text(document: Document) -> _ScoredText:
    """The scored blocks' texts, transformed once per document (document_counts and
    block_counts share it)."""
    return document.memo("readability.text", _transform_blocks)


def _transform_blocks(document: Document) -> _ScoredText:
    return _ScoredText([block_text(document, block) for block in scored_blocks(document)])


def block_counts(document: Document) -> list[BlockCounts]:
    """Counts of every scored block, computed once per document and shared by the RD rules."""
    return document.memo("readability.blocks", _count_blocks)


def _count_blocks(document: Document) -> list[BlockCounts]:
    return long_block_counts(document, 0)


def long_block_counts(document: Document, min_words: int) -> list[BlockCounts]:
    """Counts of the scored blocks with at least min_words words, in order.

    A block's words are found by the document's one pass; only the blocks
    with enough of them are counted further (most list items and short
    paragraphs are not)."""
    counts = _scored_text(document).texts_counts(min_words)
    return [BlockCounts(block, count) for block, count in zip(scored_blocks(document), counts) if count is not None]


def document_counts(document: Document) -> Counts:
    """The counts of scoring_text(document), computed once per document.

    Every block's text ends a sentence, so these are also the sums of the
    blocks' counts (tests/test_rd_textstat.py); block_counts, read off the
    same transformed text, is needed only to find the hardest block of a
    document RD101 reports."""
    return document.memo("readability.document", _count_document)


def _count_document(document: Document) -> Counts:
    return _scored_text(document).total()


# -- formulas (textstat 0.7.13, English; same operations in the same order) ---

def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def words_per_sentence(c: Counts) -> float:
    return _ratio(c.words, c.sentence_count)


def syllables_per_word(c: Counts) -> float:
    return _ratio(c.syllables, c.words)


def flesch_reading_ease(c: Counts) -> float:
    sentence_length, per_word = words_per_sentence(c), syllables_per_word(c)
    if sentence_length == 0 or per_word == 0:
        return 0.0
    return 206.835 - 1.015 * sentence_length - 84.6 * per_word


def flesch_kincaid_grade(c: Counts) -> float:
    sentence_length, per_word = words_per_sentence(c), syllables_per_word(c)
    if sentence_length == 0 or per_word == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * per_word) - 15.59


def smog_index(c: Counts) -> float:
    if c.sentence_count == 0:
        return 0.0
    return (1.043 * (30 * (c.polysyllables / c.sentence_count)) ** 0.5) + 3.1291


def coleman_liau_index(c: Counts) -> float:
    letters = _ratio(c.letters, c.words) * 100
    sentences = _ratio(c.sentence_count, c.words) * 100
    if letters == 0 or sentences == 0:
        return 0.0
    return (0.058 * letters) - (0.296 * sentences) - 15.8


def automated_readability_index(c: Counts) -> float:
    characters, sentence_length = _ratio(c.characters, c.tokens), words_per_sentence(c)
    if characters == 0 or sentence_length == 0:
        return 0.0
    return (4.71 * characters) + (0.5 * sentence_length) - 21.43


def gunning_fog(c: Counts) -> float:
    if c.words == 0:
        return 0.0
    return 0.4 * (words_per_sentence(c) + 100 * c.hard_words / c.words)


def dale_chall_readability_score(c: Counts) -> float:
    if c.words == 0:
        return 0.0
    unfamiliar = 100 * c.unfamiliar_words / c.words
    score = (0.1579 * unfamiliar) + (0.0496 * words_per_sentence(c))
    if unfamiliar > 5:
        score += 3.6365
    return score


FORMULAS = {
    "flesch_reading_ease": flesch_reading_ease,
    "flesch_kincaid_grade": flesch_kincaid_grade,
    "smog_index": smog_index,
    "coleman_liau_index": coleman_liau_index,
    "automated_readability_index": automated_readability_index,
    "gunning_fog": gunning_fog,
    "dale_chall_readability_score": dale_chall_readability_score,
}


def score(counts: Counts, metric: str) -> float:
    try:
        formula = FORMULAS[metric]
    except KeyError:
        raise ValueError(f"unknown readability metric {metric!r}; choose one of {', '.join(METRICS)}") from None
    return formula(counts)


def scores(counts: Counts) -> dict[str, float]:
    return {metric: FORMULAS[metric](counts) for metric in METRICS}
