"""Helpers shared by the RP (repetition) rules.

The rules look at the same things: the words of the prose (with their
offsets, lower-cased forms and content stems), the prose paragraphs, and
similar pairs among sets of stems. Computing the words once per document
keeps the family fast; finding similar pairs with prefix filtering keeps a
long article from costing a comparison of every sentence with every other.
"""

from __future__ import annotations

import math
import re
import sys
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, chain, repeat
from operator import add
from typing import NamedTuple

from contentlint.document import HTML, PARAGRAPH, Document, Sentence
from contentlint.textutil import STOPWORDS, declared_language, stem

# Blocks whose text is running prose. List items, table cells, headings and
# quotes are left out: their repetition is usually parallel structure or
# someone else's words.
PROSE_KINDS = frozenset({PARAGRAPH, HTML})

_TERMINAL = re.compile(r"[.!?…:][\"'”’)\]]*[ \t]*$")
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Words:
    """The words of a document's prose, in order, as parallel lists."""

    starts: list[int]
    lower: list[str]  # lower-cased, with ’ as '
    keys: list[str]  # what content() compares: the stem, the number itself, or "" for a stop word
    english: bool = True  # enough English stop words for stop-word-based comparisons
    # The words as written, kept only when lower-casing changed the length of one of them.
    written: list[str] | None = None

    @cached_property
    def ends(self) -> list[int]:
        """Where each word ends (made when first asked for: only findings need it)."""
        return list(map(add, self.starts, map(len, self._sized)))

    @property
    def _sized(self) -> list[str]:
        """The words with the length they have in the text."""
        return self.lower if self.written is None else self.written

    @cached_property
    def stems(self) -> list[str]:
        """The stem of each word, "" for stop words and numbers (made when first asked for:
        only RP104's rare close look needs it)."""
        return ["" if word.isdigit() else key for word, key in zip(self.lower, self.keys)]

    def span(self, start: int, end: int) -> range:
        """Indexes of the words that lie within [start, end)."""
        return self.spans((start,), (end,))[0]

    def spans(self, starts: Sequence[int], ends: Sequence[int]) -> list[range]:
        """span(start, end) for each start and end: the bisections are made by map() in C."""
        word_starts, sized = self.starts, self._sized
        firsts = map(bisect_left, repeat(word_starts), starts)
        lasts = map(bisect_left, repeat(word_starts), ends)
        found = []
        for first, last, end in zip(firsts, lasts, ends):
            while last > first and word_starts[last - 1] + len(sized[last - 1]) > end:
                last -= 1  # that word starts before end but runs past it
            found.append(range(first, last))
        return found

    def content(self, start: int, end: int) -> list[str]:
        """The content stems and the numbers within [start, end), in order.

        Numbers count: "as of 1 pm: 190,622" and "as of 3 pm: 182,574" are
        different statements."""
        span = self.span(start, end)
        return list(filter(None, self.keys[span.start:span.stop]))


# textutil.WORD, with the word captured: split() then returns [gap, word, gap, word, ..., gap].
# Written so that re's search skips the gaps fast: a word's first character is first
# matched against a plain range (an ASCII letter or digit, or any non-ASCII character)
# and only then checked to be a letter or digit ([^\W_], a Unicode lookup, which WORD
# makes for every character of the gaps: blanked code and URLs are long runs of
# spaces). Its ASCII letters and digits are taken by the plain range too. A test holds
# it to WORD on any text. From Python 3.11 its loops are possessive: each part of a word
# always matches as far as it can and nothing after it can fail, so nothing is ever given
# back, and re then skips the bookkeeping that giving back would need (a tenth of the split).
# _LOWERED_SPLIT is the same for lower-cased text with ’ as ' (no A-Z, no ’): its first
# range is the complement of the ASCII characters that are neither a-z nor 0-9, which re
# tests in fewer steps per character of the gaps. _ASCII_SPLIT is the same for lower-cased
# ASCII text, where a letter or digit is a-z or 0-9 (no Unicode lookups). Tests hold both
# to WORD.
if sys.version_info >= (3, 11):
    _WORD_SPLIT = re.compile(r"([A-Za-z0-9\x80-\U0010ffff](?<![\W_])[A-Za-z0-9]*+[^\W_]*+(?:['’][^\W_]++)*+)")
    _LOWERED_SPLIT = re.compile(r"([^\x00-/:-`{-\x7f](?<![\W_])[a-z0-9]*+[^\W_]*+(?:'[^\W_]++)*+)")
    _ASCII_SPLIT = re.compile(r"([^\x00-/:-`{-\x7f][a-z0-9]*+(?:'[a-z0-9]++)*+)")
else:  # pragma: no cover
    _WORD_SPLIT = re.compile(r"([A-Za-z0-9\x80-\U0010ffff](?<![\W_])[A-Za-z0-9]*[^\W_]*(?:['’][^\W_]+)*)")
    _LOWERED_SPLIT = re.compile(r"([^\x00-/:-`{-\x7f](?<![\W_])[a-z0-9]*[^\W_]*(?:'[^\W_]+)*)")
    _ASCII_SPLIT = re.compile(r"([^\x00-/:-`{-\x7f][a-z0-9]*(?:'[a-z0-9]+)*)")
# The punctuation that most often makes English prose non-ASCII, each with an ASCII
# stand-in that is likewise no letter or digit and joins words exactly when it does (’
# joins words, as ' does; ‘ does not). Prose left ASCII is lower-cased several times
# faster (and split a little faster), and the words, their offsets and their lower-case
# forms stay the same.
_STAND_INS = (("’", "'"), ("“", '"'), ("”", '"'), ("—", "-"), ("–", "-"), ("\xa0", " "), ("‘", '"'), ("…", "."))
_MEMO_LIMIT = 200_000  # words each per-process memo holds before it is emptied


class _Memo(dict[str, str]):
    """A per-process memo of one thing about a word. dict's own lookup calls
    __missing__ for a word not yet in it, so a document's words are looked up
    by map() in C and only new words run Python code."""

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> str:
        if len(self) >= _MEMO_LIMIT:  # a long run over odd text must not grow it without bound
            self.clear()
        value = self[word] = self._compute(word)
        return value


def _lower(word: str) -> str:
    """Words.lower's entry: lower-cased, ’ as '. Word by word, lower() treats a
    final sigma as it does in a whole text (a word ends where no letter follows)."""
    return word.lower().replace("’", "'")


def _key(lower: str) -> str:
    """Words.keys' entry: the number itself, "" for a stop word, else the stem."""
    if lower.isdigit():
        return lower
    return "" if lower in STOPWORDS else stem(lower)


_LOWER = _Memo(_lower)  # word as written -> lower-cased word
_KEYS = _Memo(_key)  # lower-cased word -> Words.keys entry


def document_words(document: Document) -> Words:
    """The words of document.prose (computed once per document, shared by the RP rules)."""
    return document.memo("repetition.words", _tokenize)


def _tokenize(document: Document) -> Words:
    # This runs over every word of every article, so the per-word work is done
    # by C loops (split, accumulate, map over the memo) rather than a Python loop per word.
    prose = _ascii_stand_ins(document.prose)
    lowered = prose.lower()
    if len(lowered) == len(prose) and "Σ" not in prose:
        # Each character lower-cased on its own, to a single character that is a letter
        # or digit exactly when the original is (a test checks every code point), and ’
        # is ' by now (both join words): so the lowered text splits into the same words,
        # each already as _lower() makes it. (A capital sigma lowers by its neighbours,
        # and "İ" lowers to two characters: such a text is lower-cased word by word.)
        parts = (_ASCII_SPLIT if lowered.isascii() else _LOWERED_SPLIT).split(lowered)
        lower = written = parts[1::2]
    else:
        parts = _WORD_SPLIT.split(prose)
        written = parts[1::2]
        lower = list(map(_LOWER.__getitem__, written))
    # A word starts where the one before it starts, plus that word's length and the gap's.
    steps = map(add, map(len, parts[2:-1:2]), map(len, written))
    starts = list(accumulate(steps, initial=len(parts[0]))) if written else []
    keys = list(map(_KEYS.__getitem__, lower))
    english = _declared_english(document)
    if english is None:
        # English prose is about 40% stop words; Spanish or French prose has few of ours.
        function_words = keys.count("")  # the stop words: every other word has a key
        english = len(lower) < 40 or function_words >= 0.2 * len(lower)
    changed = lower is not written and list(map(len, lower)) != list(map(len, written))
    return Words(starts, lower, keys, english, written if changed else None)


def _ascii_stand_ins(prose: str) -> str:
    """prose with _STAND_INS put in: no ’ left, and often no non-ASCII character at all."""
    for char, stand_in in _STAND_INS:
        if prose.isascii():
            break
        if char in prose:
            prose = prose.replace(char, stand_in)
    return prose


def prose_sentences(document: Document) -> list[tuple[Sentence, range]]:
    """The sentences of the prose blocks, each with the indexes of its words (computed once
    per document: RP102 and RP104 both go through them)."""
    return document.memo("repetition.sentences", _prose_sentences)


def _prose_sentences(document: Document) -> list[tuple[Sentence, range]]:
    blocks = document.blocks
    chosen = [sentence for sentence in document.sentences if blocks[sentence.block].kind in PROSE_KINDS]
    spans = document_words(document).spans([s.start for s in chosen], [s.end for s in chosen])
    return list(zip(chosen, spans))


def _declared_english(document: Document) -> bool | None:
    """What the front matter says (lang, language or locale), if it says anything."""
    language = declared_language(document)
    return None if language is None else language == "en"


class Unit(NamedTuple):
    """A paragraph of prose: [start, end) in the document (a tuple: quicker to make
    than a frozen dataclass, and a long article has hundreds)."""

    start: int
    end: int


def paragraph_units(document: Document) -> list[Unit]:
    """prose_units(document), computed once per document (RP103 and RP105 both need them)."""
    return document.memo("repetition.units", prose_units)


def paragraph_spans(document: Document) -> list[tuple[Unit, range]]:
    """The prose paragraphs, each with the indexes of its words (computed once per document)."""
    return document.memo("repetition.unit_spans", _paragraph_spans)


def _paragraph_spans(document: Document) -> list[tuple[Unit, range]]:
    units = paragraph_units(document)
    spans = document_words(document).spans([unit.start for unit in units], [unit.end for unit in units])
    return list(zip(units, spans))


def prose_units(document: Document, kinds: Iterable[str] = PROSE_KINDS) -> list[Unit]:
    """The prose paragraphs of a document.

    Scraped articles often put one paragraph per line with no blank line in
    between, which Markdown reads as one paragraph. A block whose every line
    ends a sentence is split into its lines, so each gets compared on its
    own; a hard-wrapped paragraph (lines that end mid-sentence) stays whole.
    """
    wanted = frozenset(kinds)
    units: list[Unit] = []
    prose = document.prose
    for block in document.blocks:
        if block.kind not in wanted:
            continue
        if prose.find("\n", block.start, block.end) < 0 and prose.find("\r", block.start, block.end) < 0:
            units.append(Unit(block.start, block.end))  # one line: nothing to split (the usual case)
            continue
        lines = _line_spans(prose, block.start, block.end)
        if len(lines) > 1 and all(_TERMINAL.search(prose, start, end) for start, end in lines):
            units.extend(Unit(start, end) for start, end in lines)
        else:
            units.append(Unit(block.start, block.end))
    return units


def _line_spans(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for match in _NEWLINE.finditer(prose, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    trimmed = []
    for span_start, span_end in spans:
        text = prose[span_start:span_end]
        stripped = text.strip()
        if stripped:
            left = span_start + len(text) - len(text.lstrip())
            trimmed.append((left, left + len(stripped)))
    return trimmed


_FIELD_LABEL = re.compile(r"(?:\*\*|__)[^*_\n]{1,60}?:(?:\*\*|__)|(?:\*\*|__)[^*_\n]{1,60}?(?:\*\*|__):")


def is_label(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is set in bold or italics as a whole, or opens with a bold
    "Label:" — the questions of an interview and the fields of a record, which
    repeat by design."""
    if "*" not in text[max(0, start - 3):start + 2] and "_" not in text[max(0, start - 3):start + 2]:
        return False  # no emphasis mark just before: the usual case, decided cheaply
    before = text[max(0, start - 3):start].rstrip()
    after = text[end:end + 3].lstrip()
    if before.endswith(("*", "_")) and after.startswith(("*", "_")):
        return True
    return bool(_FIELD_LABEL.match(text, max(0, start - 2), end))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@lru_cache(maxsize=4096)  # a few sizes and one or two thresholds: looked up per sentence
def least_overlap(size: int, threshold: float) -> int:
    """The fewest tokens a set of size tokens must share with another set for
    their Jaccard similarity to reach threshold: J = shared / union and the
    union holds the whole set, so shared >= threshold * size. At least 1 (sets
    that share nothing are never compared) and at most size. The 1e-6 absorbs
    rounding in threshold * size."""
    return min(size, max(1, math.ceil(threshold * size - 1e-6)))


def earlier_similar(sets: Sequence[frozenset[str]], threshold: float) -> dict[int, list[tuple[int, float]]]:
    """For each set, the earlier sets whose Jaccard similarity with it is at least threshold.

    Two sets that similar share least_overlap() tokens, and a shared token is
    in two sets: a set with fewer tokens found in other sets is left out (most
    sentences of an article are). The rest, when there are more than a few, are
    compared by prefix filtering (see _by_prefix); a few are compared pair by pair.
    """
    floor = threshold - 1e-9  # similarity that counts, with slack for rounding
    seen: set[str] = set()
    repeated: set[str] = set()  # tokens in two sets or more
    for tokens in sets:  # (set operators: fewer steps than the named methods)
        repeated |= seen & tokens
        seen |= tokens
    if not repeated:
        return {}  # no token in two sets, so no set shares one (a third of the articles)
    hopeful: list[tuple[int, set[str], int]] = []  # (position, its repeated tokens, tokens it must share)
    for position, tokens in enumerate(sets):
        shared = repeated & tokens
        if shared:  # a set sharing nothing needs no more looking at (it would need at least one)
            needed = least_overlap(len(tokens), floor)
            if len(shared) >= needed:
                hopeful.append((position, shared, needed))
    if len(hopeful) < 2:
        return {}
    if len(hopeful) <= _FEW:
        return _each_pair(sets, [position for position, _, _ in hopeful], floor)
    return _by_prefix(sets, hopeful, floor)


# Up to this many sets, comparing each pair (at most 120 Jaccard similarities) costs
# less than building the prefix index; most articles with any hopeful sets have a few.
_FEW = 16


def _each_pair(sets: Sequence[frozenset[str]], positions: list[int], floor: float) -> dict[int, list[tuple[int, float]]]:
    """earlier_similar among the sets at positions (in order), comparing every pair: a
    similar pair is two hopeful sets, so nothing outside them can be found."""
    found: dict[int, list[tuple[int, float]]] = {}
    for place, position in enumerate(positions):
        matches = _similar_to(sets, position, positions[:place], floor)
        if matches:
            found[position] = matches
    return found


def _similar_to(sets: Sequence[frozenset[str]], position: int, earlier: Iterable[int],
                floor: float) -> list[tuple[int, float]]:
    """The earlier sets (in the order given) at least `floor` similar to the set at position."""
    tokens = sets[position]
    matches = []
    for candidate in earlier:
        similarity = jaccard(tokens, sets[candidate])
        if similarity >= floor:
            matches.append((candidate, similarity))
    return matches


def _by_prefix(sets: Sequence[frozenset[str]], hopeful: list[tuple[int, set[str], int]],
               floor: float) -> dict[int, list[tuple[int, float]]]:
    """earlier_similar among the hopeful sets by prefix filtering (Chaudhuri et al., 2006)
    on their tokens found elsewhere: order them from rarest to commonest; two sets that
    share k of them share one among the first len - k + 1 of either. Only those prefix
    tokens are indexed and probed, so common words never build long candidate lists."""
    frequency = Counter(chain.from_iterable(shared for _, shared, _ in hopeful))
    # Each token's place from rarest to commonest, ties by the token (two stable
    # sorts), found once: ordering a set is then a sort by a dict lookup.
    by_frequency = sorted(frequency)
    by_frequency.sort(key=frequency.__getitem__)
    rank = {token: place for place, token in enumerate(by_frequency)}
    index: dict[str, list[int]] = {}  # prefix token -> the earlier sets with it in their prefix
    found: dict[int, list[tuple[int, float]]] = {}
    for position, shared, needed in hopeful:
        ordered = sorted(shared, key=rank.__getitem__)
        candidates: set[int] = set()
        for token in ordered[: len(ordered) - needed + 1]:
            earlier = index.get(token)
            if earlier is None:
                index[token] = [position]
            else:
                candidates.update(earlier)
                earlier.append(position)
        if candidates:
            matches = _similar_to(sets, position, sorted(candidates), floor)
            if matches:
                found[position] = matches
    return found


def snippet(text: str, limit: int = 60) -> str:
    """A one-line excerpt of text for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


SHINGLE = 3  # words per shingle for comparing paragraphs across files


def shingle_hashes(lowered: Sequence[str]) -> bytes:
    """The distinct 32-bit hashes of a paragraph's three-word shingles, packed.

    Every reader takes them as a set (could_match and minhash_bands sort or take
    minima themselves), so they are left in the order the set gives: the same words
    give the same bytes. CRC-32 rather than hash(): the summary must mean the same
    in every process (str hashes are salted per process).
    """
    if len(lowered) < SHINGLE:
        shingles: Iterable[str] = [" ".join(lowered)]
    else:  # each run of SHINGLE words, joined by spaces; map() keeps the per-shingle loop in C
        shingles = map(" ".join, zip(*(lowered[k:] for k in range(SHINGLE))))
    return array("I", set(map(zlib.crc32, map(str.encode, shingles)))).tobytes()


def could_match(packed: Sequence[bytes], threshold: float) -> list[bool]:
    """For each packed shingle set, whether it could reach threshold with another of them.

    A shingle that two sets share occurs in both, so a set needs
    least_overlap(size, threshold) shingles that occur in some other set: most
    paragraphs of a corpus have far fewer, and need no MinHash at all. The
    count is exact: every shingle tagged with its set's index, sorted, and the
    runs of equal shingles give the repeated ones.
    """
    import numpy as np  # only the corpus phase of a multi-file run needs it

    lengths = [len(item) // 4 for item in packed]
    tagged = np.frombuffer(b"".join(packed), dtype=np.uint32).astype(np.uint64) << np.uint64(32)
    tagged |= np.repeat(np.arange(len(packed), dtype=np.uint64), lengths)  # low 32 bits: the set's index
    tagged.sort()
    shingles = tagged >> np.uint64(32)
    same = shingles[1:] == shingles[:-1]
    repeated = np.zeros(len(tagged), dtype=bool)  # the shingle occurs in another set too
    repeated[1:] = same
    repeated[:-1] |= same
    owners = (tagged[repeated] & np.uint64(0xFFFFFFFF)).astype(np.int64)
    counts = np.bincount(owners, minlength=len(packed)).tolist()
    return [count >= least_overlap(size, threshold) for count, size in zip(counts, lengths)]


# MinHash with LSH banding: 64 hash functions in 16 bands of 4 rows. Two
# paragraphs land in a common bucket with probability 1 - (1 - J^4)^16:
# about 0.99 at Jaccard 0.7 and 0.5 at 0.5, so the threshold check after it
# (on the exact shingle sets) loses almost nothing above 0.7.
BANDS = 16
ROWS = 4
# Shingles per numpy step: its arrays (a row of them per hash function) stay near 2 MB,
# small enough to be reused from step to step rather than mapped afresh.
_CHUNK = 1 << 12


def minhash_bands(packed: Sequence[bytes]) -> list[list[int]]:
    """For each packed shingle set, its BANDS band keys (ints)."""
    import numpy as np  # only the corpus phase of a multi-file run needs it

    permutations = BANDS * ROWS
    generator = np.random.default_rng(20240517)  # fixed: band keys must not change between runs
    multipliers = generator.integers(1, 2**63, size=permutations, dtype=np.uint64) | np.uint64(1)
    offsets = generator.integers(0, 2**63, size=permutations, dtype=np.uint64)
    mixers = generator.integers(1, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)
    keys: list[list[int]] = []
    start = 0
    while start < len(packed):
        stop, size = start, 0
        while stop < len(packed) and (size == 0 or size + len(packed[stop]) // 4 <= _CHUNK):
            size += len(packed[stop]) // 4
            stop += 1
        values = np.frombuffer(b"".join(packed[start:stop]), dtype=np.uint32).astype(np.uint64)
        lengths = np.array([len(item) // 4 for item in packed[start:stop]], dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        with np.errstate(over="ignore"):
            # Multiply-shift hashing: the high 32 bits of a*x+b (mod 2^64) for each function.
            # The shift keeps the order of values, so it is made after taking the minimum.
            hashed = values[None, :] * multipliers[:, None]
            hashed += offsets[:, None]
            signature = np.minimum.reduceat(hashed, starts, axis=1) >> np.uint64(32)  # (permutations, paragraphs)
            rows = signature.reshape(BANDS, ROWS, -1)
            combined = (rows * mixers[None, :, None]).sum(axis=1, dtype=np.uint64)  # (BANDS, paragraphs)
        keys.extend(combined.T.tolist())
        start = stop
    return keys
