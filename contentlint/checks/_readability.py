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
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from contentlint.document import HTML, LIST_ITEM, PARAGRAPH, QUOTE, Block, Document
from contentlint.textutil import declared_language

SCORED_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE, HTML})

# textstat 0.7.13 (backend/utils/constants.py, transformations, counts).
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_WORD_CHAR = re.compile(r"\w")
# count_words: the start of a white-space token holding a word character.
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
        needle = b"\n" + key + b"\t"
        # Search the bucket in place (bytes.find with bounds): no copy of it per lookup.
        found = self._data.find(needle, self._offsets[index], self._offsets[index + 1])
        if found < 0:
            return None
        return self._data[found + len(needle)] - 48  # the count's one byte: 48 + count


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


# Liang's values at the word's places, kept for a bit-parallel max: a value v
# (a digit) is coded as v one bits (2**v - 1) in a field of _VALUE_BITS bits per
# place, so OR-ing two codes keeps the larger value at every place. A value is
# odd when its field has one more bit set at even offsets than at odd ones; the
# width is even, so a field's even offsets are even bit positions.
_VALUE_BITS = 10
_FIELD = (1 << _VALUE_BITS) - 1


def _hyphenation_code(word: str) -> int:
    """The code of Pyphen 0.18's values (Liang's algorithm on its en_US patterns) at
    each place of ".word." (lower-cased): field i is the value before pointed[i]."""
    patterns = _hyphenation_patterns()
    pointed = f".{word.lower()}."
    code = 0
    # The only one-letter patterns are ligatures (ﬀ, ﬁ, ﬂ; tools/build_syllables.py checks):
    # in ASCII, start from two-letter pieces (if pointed[i] begins no pattern, neither
    # does pointed[i:i + 2]).
    shortest = 2 if pointed.isascii() else 1
    end = len(pointed) + 1
    for i in range(end - 2):
        j = i + shortest
        pattern = patterns.get(pointed[i:j])
        # Until no pattern starts with pointed[i:j], so none with a longer piece. (A while
        # loop: most pieces are short, and a range per place costs more than its steps.)
        while pattern is not None:
            if pattern != "-":
                code |= (_PATTERN_CODES.get(pattern) or _pattern_code(pattern)) << i * _VALUE_BITS
            j += 1
            if j == end:
                break
            pattern = patterns.get(pointed[i:j])
    return code


def hyphenation_points(word: str) -> list[int]:
    """Pyphen(lang="en_US").positions(word): the places, two letters or more from
    either end (Pyphen's defaults), whose value is odd."""
    if len(word) < 4:  # no place is two letters from both ends
        return []
    code = _hyphenation_code(word)
    return [i - 1 for i in range(3, len(word))
            if (code >> i * _VALUE_BITS & _FIELD).bit_count() % 2]


def hyphenation_count(word: str) -> int:
    """len(hyphenation_points(word)), counted on the code's bits in C."""
    if len(word) < 4:
        return 0
    places = len(word) - 3  # places 3 .. len(word) - 1 of the pointed word
    width = places * _VALUE_BITS
    window = _hyphenation_code(word) >> 3 * _VALUE_BITS & (1 << width) - 1
    even = ((1 << width) - 1) // 3  # every even bit below width (width is even)
    return (window & even).bit_count() - (window & even << 1).bit_count()


# A pattern's "start:values" -> its code at place 0, made once per process when the
# pattern first matches (a few thousand of the 11,000 ever do).
_PATTERN_CODES: dict[str, int] = {}


def _pattern_code(pattern: str) -> int:
    start, digits = pattern.split(":")
    code = 0
    for place, digit in enumerate(digits, int(start)):
        code |= ((1 << int(digit)) - 1) << place * _VALUE_BITS
    _PATTERN_CODES[pattern] = code
    return code


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    path = Path(__file__).with_name("rd_easy_words.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if not line.startswith("#"))


def syllables(word: str) -> int:
    """Syllables of one lower-case word, by textstat's rule."""
    count = _syllable_table().get(word)
    if count is None:  # not in the CMU dictionary
        count = hyphenation_count(word) + 1
    return count


# What count_text sums over a text's white-space tokens, packed into one int
# per token: each count has its own field of _FIELD_BITS bits, so adding the
# ints adds every count at once (sum over a map, made in C). A field holds up
# to 2**48 - 1: no text a process can hold comes near (a count is at most a
# few per character).
_FIELD_BITS = 48
_FIELD_MASK = (1 << _FIELD_BITS) - 1
_WORD = 1
_SYLLABLE = 1 << _FIELD_BITS
_POLYSYLLABLE = 1 << 2 * _FIELD_BITS
_HARD_WORD = 1 << 3 * _FIELD_BITS
_UNFAMILIAR_WORD = 1 << 4 * _FIELD_BITS
_LETTER = 1 << 5 * _FIELD_BITS
_TOKEN = 1 << 6 * _FIELD_BITS
_CHARACTER = 1 << 7 * _FIELD_BITS

# Punctuation often found at the edges of a token ("health,", "(see", "“Yes”"):
# none is a word character or the apostrophe, so textstat removes each.
_EDGE_PUNCTUATION = "!\"#$%&()*+,-./:;<=>?@[\\]^`{|}~“”‘’—–…"


def token_counts(token: str) -> int:
    """The packed counts of one white-space token of a text (see _FIELD_BITS).

    Removing textstat's punctuation never splits or joins white-space tokens,
    so textstat's words are the tokens that keep a character; the apostrophes
    it keeps are followed by a letter, so those are the tokens holding a word
    character. The apostrophe look-ahead sees only the token's own characters
    (white space follows it in the text, the end of the string here).
    """
    # Quick: str.isalnum is regex \w but for "_", so an alphanumeric core is the word.
    word = token.strip(_EDGE_PUNCTUATION)
    if word.isalnum():
        letters = len(word)
    else:
        letters = len(_WORD_CHAR.findall(token))
        if not letters:  # textstat removes all of it: no word
            return _TOKEN + len(token) * _CHARACTER
        word = _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", token))
    return _WORD_COUNTS[word.lower()] + letters * _LETTER + _TOKEN + len(token) * _CHARACTER


def word_counts(word: str) -> int:
    """The packed counts of one lower-case word but its letters: one word, its
    syllables, and whether it is a polysyllable, a hard or an unfamiliar word."""
    count = syllables(word)
    unfamiliar = word not in easy_words()
    hard = _POLYSYLLABLE + unfamiliar * _HARD_WORD if count >= 3 else 0
    return _WORD + count * _SYLLABLE + hard + unfamiliar * _UNFAMILIAR_WORD


# Per-process memos, emptied when they grow past this many entries (a long run
# over odd text must not grow them without bound).
_MEMO_LIMIT = 200_000


class _Memo(dict[str, int]):
    """key -> compute(key), computed when first looked up (dict's own lookup calls
    __missing__), so a text's tokens are looked up in one map() made in C.

    Equal values are kept as one object: a few hundred packed ints stand for
    tens of thousands of tokens, so a text's sum reads values that stay in the
    CPU's caches, not a large int of its own per token."""

    def __init__(self, compute: Callable[[str], int]) -> None:
        super().__init__()
        self.compute = compute
        self.values: dict[int, int] = {}  # each value computed, as the one object kept

    def __missing__(self, key: str) -> int:
        if len(self) >= _MEMO_LIMIT:
            self.clear()
            self.values.clear()
        value = self.compute(key)
        value = self[key] = self.values.setdefault(value, value)
        return value


_WORD_COUNTS = _Memo(word_counts)  # by lower-case word
_TOKEN_COUNTS = _Memo(token_counts)  # by token as written


# textstat counts a sentence (regex ``\b[^.!?]+[.!?]*``) when list_words finds
# three words or more in it. Such a match runs from the first word character
# after a run of stops to the end of the next run of stops, so its words are
# the white-space pieces of that stretch between stops that hold a word
# character. This finds each stretch with three such pieces: a match may start
# only where a piece starts, at its first word character after punctuation;
# then two more pieces, each entered across white space; then the rest of the
# stretch, so that it is counted once. (If a stretch's first word piece does not
# start a match, no later piece of it can.) The three stops play the same part
# everywhere in it, so it runs on the text with "!" and "?" made full stops: the
# regex engine runs to the one character much faster than to any of three.
_SENTENCE_OF_THREE_WORDS = re.compile(
    r"(?<![^\s.])[^\s\w.]*\w"
    r"(?:[^\s.]*\s[^\w.]*\w){2}"
    r"[^.]*"
)


def _count_sentences(text: str) -> int:
    """textstat's sentences of three words or more in text."""
    return len(_SENTENCE_OF_THREE_WORDS.findall(text.replace("!", ".").replace("?", ".")))


def _unpack(packed: int, sentences: int, length: int) -> Counts:
    """Counts from a text's packed token counts, its sentences and its length."""
    return Counts(
        length=length,
        words=packed & _FIELD_MASK,
        tokens=packed >> 6 * _FIELD_BITS & _FIELD_MASK,
        sentences=sentences,
        syllables=packed >> _FIELD_BITS & _FIELD_MASK,
        polysyllables=packed >> 2 * _FIELD_BITS & _FIELD_MASK,
        letters=packed >> 5 * _FIELD_BITS & _FIELD_MASK,
        characters=packed >> 7 * _FIELD_BITS,
        hard_words=packed >> 3 * _FIELD_BITS & _FIELD_MASK,
        unfamiliar_words=packed >> 4 * _FIELD_BITS & _FIELD_MASK,
    )


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


# ASCII white space (as str.split has it) -> b" ", any other ASCII character -> b"x".
_TOKEN_MARKS = bytes(0x20 if chr(code).isspace() else 0x78 for code in range(256))


def count_tokens(text: str) -> int:
    """len(text.split()), without building the tokens when text is ASCII: a token
    starts at each non-space character that follows a space or the text's start."""
    if not text.isascii():
        return len(text.split())
    marks = text.encode("ascii").translate(_TOKEN_MARKS)
    return marks.count(b" x") + marks.startswith(b"x")


def count_text(text: str) -> Counts:
    """All of textstat's counts for one text: one split, one sum over its tokens'
    memoized counts and one regex pass for the sentences.

    tests/test_rd_counts.py checks this against textstat's per-sentence,
    per-word definitions."""
    return _ScoredText([text]).total() if text else Counts()


def ended_as_sentence(text: str) -> str:
    """text, with a full stop added if a word follows its last stop (a block is a unit of reading)."""
    last_stop = max(text.rfind("."), text.rfind("!"), text.rfind("?"))
    if _WORD_CHAR.search(text, last_stop + 1):
        text += "."
    return text


class _ScoredText:
    """A document's scored texts (its blocks' texts), each counted once.

    A text that ends a sentence (ended_as_sentence) has no word after its
    last stop, so no sentence runs from it into the next text: the counts of
    such texts joined by blank lines are the sums of their counts.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._packed: list[int] = []
        self._sentences: list[int] = []
        self._counted = False
        self._token_counts: list[int] | None = None

    def _count(self) -> None:
        """Each text's packed counts and sentences, counted the first time they are asked
        for (a text split and summed at once, while its tokens are in the CPU's caches)."""
        if not self._counted:
            self._packed = [sum(map(_TOKEN_COUNTS.__getitem__, text.split())) for text in self.texts]
            self._sentences = list(map(_count_sentences, self.texts))
            self._counted = True

    def token_counts(self) -> list[int]:
        """Each text's white-space tokens: read off its packed counts when RD101 has counted
        them, else from a split (all RD102 and RD103 need)."""
        if self._token_counts is None:
            if self._counted:
                self._token_counts = [packed >> 6 * _FIELD_BITS & _FIELD_MASK for packed in self._packed]
            else:
                self._token_counts = [len(text.split()) for text in self.texts]
        return self._token_counts

    def total(self) -> Counts:
        """The counts of the texts joined by blank lines (scoring_text)."""
        self._count()
        present = [len(text) for text in self.texts if text]
        length = sum(present) + 2 * (len(present) - 1) if present else 0
        return _unpack(sum(self._packed), sum(self._sentences), length)

    def texts_counts(self, min_words: int = 0) -> list[Counts | None]:
        """count_text of each text; None for a text of fewer than min_words words."""
        self._count()
        return [_unpack(packed, sentences, len(text)) if packed & _FIELD_MASK >= min_words else None
                for text, packed, sentences in zip(self.texts, self._packed, self._sentences)]


def block_text(document: Document, block: Block) -> str:
    """The text scored for a block: its prose, ended as a sentence."""
    return ended_as_sentence(document.prose[block.start:block.end].strip())


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
    """The scored blocks' texts, transformed once per document (document_counts,
    block_counts and block_tokens share it)."""
    return document.memo("readability.text", _transform_blocks)


def _transform_blocks(document: Document) -> _ScoredText:
    return _ScoredText([block_text(document, block) for block in scored_blocks(document)])


def block_tokens(document: Document) -> list[int | None]:
    """The number of white-space tokens in each block's scored text (None for a block
    not scored), by block index; shared by the RD rules.

    A block holds at least as many tokens as its words, and as any of its
    sentences' words (a sentence's tokens lie in distinct tokens of its block):
    RD102 and RD103 count words only where this is above their limit."""
    return document.memo("readability.block-tokens", _count_block_tokens)


def _count_block_tokens(document: Document) -> list[int | None]:
    counts = iter(_scored_text(document).token_counts())
    return [next(counts) if block.kind in SCORED_KINDS else None for block in document.blocks]


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
