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
import weakref
import zlib
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from contentlint.document import HTML, PARAGRAPH, Document
from contentlint.textutil import STOPWORDS, WORD, stem

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
    ends: list[int]
    lower: list[str]
    stems: list[str]  # "" for stop words and numbers
    english: bool = True  # enough English stop words for stop-word-based comparisons

    def span(self, start: int, end: int) -> range:
        """Indexes of the words that lie within [start, end)."""
        first = bisect_left(self.starts, start)
        last = bisect_left(self.starts, end, first)
        while last > first and self.ends[last - 1] > end:
            last -= 1
        return range(first, last)

    def content(self, start: int, end: int) -> list[str]:
        """The content stems and the numbers within [start, end), in order.

        Numbers count: "as of 1 pm: 190,622" and "as of 3 pm: 182,574" are
        different statements."""
        return [self.stems[i] or self.lower[i] for i in self.span(start, end)
                if self.stems[i] or self.lower[i].isdigit()]


_stem_cache: dict[str, str] = {}
# One document at a time goes through the rules, so one slot is enough to let
# every RP rule share the word list of the current document.
_last: tuple[weakref.ref[Document], Words] | None = None


def _stem_of(lower: str) -> str:
    cached = _stem_cache.get(lower)
    if cached is None:
        cached = "" if lower in STOPWORDS or lower.isdigit() else stem(lower)
        if len(_stem_cache) < 200_000:
            _stem_cache[lower] = cached
    return cached


def document_words(document: Document) -> Words:
    """The words of document.prose (computed once per document)."""
    global _last
    if _last is not None and _last[0]() is document:
        return _last[1]
    # List comprehensions and findall keep the per-word work in C where they can:
    # this runs over every word of every article.
    prose = document.prose
    spans = [match.span() for match in WORD.finditer(prose)]
    starts = [start for start, _ in spans]
    ends = [end for _, end in spans]
    lower = [word.lower().replace("’", "'") for word in WORD.findall(prose)]
    cache = _stem_cache
    stems = [cache[word] if word in cache else _stem_of(word) for word in lower]
    english = _declared_english(document)
    if english is None:
        # English prose is about 40% stop words; Spanish or French prose has few of ours.
        function_words = sum(1 for word in lower if word in STOPWORDS)
        english = len(lower) < 40 or function_words >= 0.2 * len(lower)
    words = Words(starts, ends, lower, stems, english)
    _last = (weakref.ref(document), words)
    return words


def _declared_english(document: Document) -> bool | None:
    """What the front matter says (lang, language or locale), if it says anything."""
    if not document.front_matter_source:
        return None
    matter = document.front_matter or {}
    for key in ("lang", "language", "locale"):
        value = matter.get(key)
        if isinstance(value, str) and value.strip():
            return re.split(r"[-_]", value.strip().lower())[0] == "en"
    return None


@dataclass(frozen=True)
class Unit:
    """A paragraph of prose: [start, end) in the document."""

    start: int
    end: int


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


def earlier_similar(sets: Sequence[frozenset[str]], threshold: float) -> dict[int, list[tuple[int, float]]]:
    """For each set, the earlier sets whose Jaccard similarity with it is at least threshold.

    Prefix filtering (Chaudhuri et al., 2006): order each set's tokens from
    rarest to commonest; two sets with Jaccard >= t must share a token among
    the first |x| - ceil(t|x|) + 1 of either. Only those prefix tokens are
    indexed and probed, so common words never build long candidate lists.
    """
    frequency = Counter(token for tokens in sets for token in tokens)
    index: dict[str, list[int]] = defaultdict(list)
    found: dict[int, list[tuple[int, float]]] = {}
    for position, tokens in enumerate(sets):
        if not tokens:
            continue
        ordered = sorted(tokens, key=lambda token: (frequency[token], token))
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered) - 1e-9) + 1]
        candidates: set[int] = set()
        for token in prefix:
            candidates.update(index[token])
        matches = []
        for candidate in sorted(candidates):
            similarity = jaccard(tokens, sets[candidate])
            if similarity >= threshold - 1e-9:
                matches.append((candidate, similarity))
        if matches:
            found[position] = matches
        for token in prefix:
            index[token].append(position)
    return found


def snippet(text: str, limit: int = 60) -> str:
    """A one-line excerpt of text for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


SHINGLE = 3  # words per shingle for comparing paragraphs across files


def shingle_hashes(lowered: Sequence[str]) -> bytes:
    """The sorted, distinct 32-bit hashes of a paragraph's three-word shingles, packed.

    CRC-32 rather than hash(): the summary must mean the same in every
    process (str hashes are salted per process).
    """
    count = max(1, len(lowered) - SHINGLE + 1)
    hashes = {zlib.crc32(" ".join(lowered[i:i + SHINGLE]).encode("utf-8")) for i in range(count)}
    return array("I", sorted(hashes)).tobytes()


# MinHash with LSH banding: 64 hash functions in 16 bands of 4 rows. Two
# paragraphs land in a common bucket with probability 1 - (1 - J^4)^16:
# about 0.99 at Jaccard 0.7 and 0.5 at 0.5, so the threshold check after it
# (on the exact shingle sets) loses almost nothing above 0.7.
BANDS = 16
ROWS = 4
_CHUNK = 1 << 15  # shingles per numpy step (keeps each array near 16 MB)


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
            hashed = (values[None, :] * multipliers[:, None] + offsets[:, None]) >> np.uint64(32)
            signature = np.minimum.reduceat(hashed, starts, axis=1)  # (permutations, paragraphs)
            rows = signature.reshape(BANDS, ROWS, -1)
            combined = (rows * mixers[None, :, None]).sum(axis=1, dtype=np.uint64)  # (BANDS, paragraphs)
        keys.extend(combined.T.tolist())
        start = stop
    return keys
