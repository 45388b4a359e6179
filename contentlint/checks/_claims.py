"""Shared claim analysis for the HC (health claims) family.

Everything a health-claim rule needs, computed once per document and shared:

- lexicons: the word lists in ``rules/words/hc-*.txt``, each built once
  (lazily) into a dict from an entry's first word (or anchor) to its
  entries; a text is tried only where such a word occurs (``str.find`` in a
  sentence, one RE2 pass in a long text), and a piece of text is searched
  once per lexicon;
- sentences on health: one RE2 search of the whole prose (the health
  screen) names the few sentences that may name a health term
  (candidate_sentences). In a document that is not on health as a whole,
  the rules read the cue lexicons in those sentences alone
  (Lexicon.spans_in), since no claim, appeal or directive counts
  elsewhere; the lexicons confirm that a sentence is on health
  (sentence_on_health) only where a cue is;
- clauses: a sentence cut at clause boundaries (";", ", which", ", but" …),
  the scope in which a hedge or a negation governs a causal phrase;
- sources: which blocks carry a link, footnote or numbered citation, and the
  entries of a References / Sources section, for author–year matching;
- causal claims: "<something> <causal phrase> <health outcome>" in one clause,
  with no hedge, not a purpose ("to reduce"), not a definition; in a clause
  that names something clinical, also a verb of change with any direct
  object ("reduced IPV"), an efficacy predicate ("was effective") and a
  passive with its cause ("affected by bruxism"). A negated claim ("did not
  reduce") is kept, marked as a claim of no effect;
- construction claims (CONSTRUCTIONS): "the effect of X on Y was
  significant", "patients receiving X had fewer Y", "X plays a key role in
  Y" — a claim stated by its grammar rather than by a causal verb.

Each step is a plain rule a writer can check by reading the sentence: a
finding names the phrase that triggered it and what would silence it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from contentlint.document import HEADING, QUOTE, Document, Sentence
from contentlint.packs import builtin_pack_dir

# ---------------------------------------------------------------------------
# Lexicons


def words_dir() -> Path:
    return builtin_pack_dir() / "words"


# A lexicon is matched token by token: a word (letters and digits, with
# inner apostrophes) or one punctuation mark; hyphens and white space are
# the gaps between tokens. Looking each token up in a dict is one cheap pass
# per lexicon, and a list of thousands of entries costs no compile time.
TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s\-‐]")
WILDCARD = "*"


def _is_caps(entry: str) -> bool:
    """An entry written in capitals ("AIDS", "CHIP") matches only in capitals."""
    return entry.isupper() and sum(c.isalpha() for c in entry) >= 2


def _entry_items(entry: str) -> tuple[tuple[str, str], ...]:
    """An entry as (gap before, token) pairs: gap " " is white space, "" no
    gap, anything else that text (a hyphen); token "*" stands for up to two
    words. Apostrophes are straight."""
    items: list[tuple[str, str]] = []
    for chunk in entry.replace("’", "'").split():
        if chunk.isalnum():  # most entries: plain words
            items.append((" ", chunk))
            continue
        if chunk == WILDCARD:
            items.append((" ", WILDCARD))
            continue
        at = 0
        for index, match in enumerate(TOKEN.finditer(chunk)):
            gap = chunk[at:match.start()]
            items.append((" " if index == 0 else gap, match.group()))
            at = match.end()
    return tuple(items)


def _has_space(text: str) -> bool:
    return any(c.isspace() for c in text)


SPACE_RUN = re.compile(r"\s+")
# Checks that only skip entries that cannot match, before Tokens are read:
# off in the tests that prove they change no match.
CHEAP_FIRST = True

# How far from its first token an entry's tokens are read (Tokens): each
# word of a match lies within this many characters of its start.
TOKENS_REACH = 300
# How far before its anchor a phrase looked up by its anchor may start.
ANCHOR_BACK = 80


class Tokens:
    """A few tokens of a text from one offset on: their offsets, and their
    text lower-cased and as written, both with straight apostrophes."""

    __slots__ = ("text", "starts", "ends", "low", "raw")

    def __init__(self, text: str, low: str, at: int, count: int) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.low: list[str] = []
        for match in TOKEN.finditer(low, at, min(len(low), at + TOKENS_REACH)):
            self.starts.append(match.start())
            self.ends.append(match.end())
            self.low.append(match.group())
            if len(self.low) >= count:
                break
        self.raw = [text[a:b].replace("’", "'") for a, b in zip(self.starts, self.ends)]

    def gap(self, index: int) -> str:
        """The text between token index-1 and token index."""
        return self.text[self.ends[index - 1]:self.starts[index]]


class TextIndex:
    """A piece of a text (text[start:end]) lower-cased (same length, straight
    apostrophes), and each lexicon's matches in it, found once."""

    __slots__ = ("source", "offset", "text", "low", "_words", "found", "_trigger_hits")

    def __init__(self, source: str, start: int, end: int) -> None:
        self.source = source
        self.offset = start
        self.text = text = source[start:end]
        self.low = lowered(text)
        self._words: frozenset[str] | None = None
        self.found: dict[Lexicon, list[tuple[int, int]]] = {}
        self._trigger_hits: dict[tuple[Any, int, int], list[tuple[int, str]]] = {}

    @property
    def words(self) -> frozenset[str]:
        """The piece's tokens, lower-cased."""
        if self._words is None:
            self._words = frozenset(TOKEN.findall(self.low))
        return self._words

    def trigger_hits(self, pattern: Any, start: int, end: int) -> list[tuple[int, str]]:
        """The hits of a word_trigger pattern whose word lies in low[start:end]
        (found once for each such part): RE2 sees the text around the part,
        so its word boundaries there are the whole piece's."""
        key = (pattern, start, end)
        found = self._trigger_hits.get(key)
        if found is None:
            found = self._trigger_hits[key] = _trigger_hits(pattern, self.low, start, end)
        return found

    def token_starts(self, word: str) -> list[int]:
        """Where the token `word` (lower-cased) starts in the piece."""
        low = self.low
        found = []
        at = low.find(word)
        size = len(word)
        while at >= 0:
            end = at + size
            if (at == 0 or not _inside_word(low, at)) and (end == len(low) or not _inside_word(low, end)):
                found.append(at)
            at = low.find(word, at + 1)
        return found


def lowered(text: str) -> str:
    """The text lower-cased, the same length, with straight apostrophes."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ") stays as it is
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.replace("’", "'")


def _inside_word(low: str, at: int) -> bool:
    """Whether offset `at` falls between two characters of one word token."""
    before, after = low[at - 1], low[at]
    if before.isalnum() and after.isalnum():
        return True
    # "don't": an apostrophe between letters is inside the word.
    return (before == "'" and after.isalnum() and at >= 2 and low[at - 2].isalnum()) or (
        after == "'" and before.isalnum() and at + 1 < len(low) and low[at + 1].isalnum())


# Pieces indexed lately: the rules of the family look up the same sentence
# and clause in several lexicons.
_INDEXES: dict[tuple[int, int, int], TextIndex] = {}


def text_index(text: str, start: int = 0, end: int | None = None) -> TextIndex:
    end = len(text) if end is None else end
    key = (id(text), start, end)
    found = _INDEXES.get(key)
    if found is not None and found.source is text:
        return found
    index = TextIndex(text, start, end)
    if len(_INDEXES) >= 1024:
        _INDEXES.clear()
    _INDEXES[key] = index
    return index


def ascii_pattern(pattern: str) -> Any:
    """An RE2 pattern (case-insensitive) compiled to search bytes: see ascii_spans."""
    import re2

    from contentlint.patterns import MAX_PATTERN_MEMORY, compile_pattern

    try:
        return re2.compile(pattern.encode("ascii"), options=_ascii_options(MAX_PATTERN_MEMORY, ignore_case=True))
    except re2.error:
        compile_pattern(pattern, ignore_case=True)  # a clear error for a bad pattern
        raise


def _ascii_options(max_mem: int, ignore_case: bool = False) -> Any:
    """RE2 options for a pattern that searches the bytes of ascii_spans. Those
    are ASCII, so Latin-1 matches as UTF-8 would; it compiles faster (a
    class such as [^a-z] is one byte, not every UTF-8 sequence)."""
    import re2

    options = re2.Options()
    options.log_errors = False
    options.max_mem = max_mem
    options.case_sensitive = not ignore_case
    options.encoding = re2.Options.Encoding.LATIN1
    return options


def ascii_spans(compiled: Any, text: str) -> Iterator[tuple[int, int]]:
    """Spans of an ascii_pattern in text, searched as ASCII bytes with each
    other character as "?": offsets in bytes are offsets in characters, and
    the RE2 binding need not convert them for every match (which costs as
    much as the text is long)."""
    return (match.span() for match in compiled.finditer(ascii_bytes(text)))


# Texts encoded lately: a document's prose is searched by several patterns.
_ENCODED: dict[int, tuple[str, bytes]] = {}


def ascii_bytes(text: str) -> bytes:
    """Text as ASCII bytes, each other character as "?" (see ascii_spans)."""
    found = _ENCODED.get(id(text))
    if found is not None and found[0] is text:
        return found[1]
    data = text.encode("ascii", "replace")
    if len(_ENCODED) >= 8:
        _ENCODED.clear()
    _ENCODED[id(text)] = (text, data)
    return data


# Longer pieces than this are searched for a lexicon's first words with one
# RE2 pattern (compiled once, on first need) instead of word by word.
LONG_PIECE = 3000


# Words too common to look a phrase up by ("is * effective", "has * effect
# on"): such a phrase is looked up by its first rarer word, its anchor.
COMMON_WORDS = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "having", "a",
                          "an", "the", "to", "of", "in", "on", "it", "its", "there", "this", "that", "and", "or",
                          "can", "will", "do", "does", "did", "not", "no", "for", "with", "by", "as", "at"})

Entry = tuple[tuple[tuple[str, str], ...], bool, tuple[str, ...], int]  # items, exact, later words, length


def _plain_word(word: str) -> bool:
    """Whether the word is ASCII lower-case letters and digits only ([a-z0-9]+)."""
    return word.isascii() and word.isalnum() and word.lower() == word


def _kept(best: dict[int, tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    """The matches kept from the candidates (start → (entry length, end)):
    from left to right, each that starts after the last one kept ends."""
    found: list[tuple[int, int]] = []
    done = -1
    for start in sorted(best):
        if start >= done:
            done = best[start][1]
            found.append((offset + start, offset + done))
    return found


def _merged(ranges: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Ranges (in order) joined where fewer than `gap` characters part them."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start - merged[-1][1] < gap:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=64)
def word_trigger(words: frozenset[str], disease_form: bool = False) -> Any:
    """One RE2 pattern (for ascii_spans) that finds the words, whole, and
    with `disease_form` any word that names a disease by its form."""
    alternatives = sorted({re.escape(word) for word in words}, key=lambda w: (-len(w), w))
    if disease_form:
        alternatives.append(r"[a-z]{3,}(?:itis|osis|emia|aemia|oma|omas|pathy|pathies)")
    return ascii_pattern(r"\b(?:" + "|".join(alternatives) + r")\b")


def _trigger_hits(pattern: Any, low: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(offset, word) for each match of a word_trigger pattern in a lower-cased
    text (in low[start:end]) that is a token of it (RE2's word boundaries know ASCII only)."""
    hits = []
    for a, b in (match.span() for match in pattern.finditer(ascii_bytes(low), start, len(low) if end is None else end)):
        if not (a and _inside_word(low, a)) and not (b < len(low) and _inside_word(low, b)):
            hits.append((a, low[a:b]))
    return hits


# The lexicons the rules read in the sentences on health alone (spans_in):
# their first words are found in one RE2 pass over a document. Their words
# are plain, so each match is a whole word whatever else the pattern holds.
SHARED_TRIGGER = ("causal-verbs", "disease-verbs", "research-appeals", "absolute")


@lru_cache(maxsize=1)
def shared_trigger() -> tuple[frozenset[str], Any, int]:
    """The first words of the SHARED_TRIGGER lexicons, their word_trigger and the longest's length."""
    words = frozenset().union(*(lexicon(name).first_words for name in SHARED_TRIGGER))
    return words, word_trigger(words), max(map(len, words))


def _starting_in(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans (in order) that start in one of the ranges (in order, apart)."""
    starts = [start for start, _ in ranges]
    found = []
    for span in spans:
        index = bisect_right(starts, span[0]) - 1
        if index >= 0 and span[0] < ranges[index][1]:
            found.append(span)
    return found


# How far past what it reads a window of Lexicon.spans_in is taken: a word's
# edge is read one or two characters away from it.
WINDOW_MARGIN = 4
CAPITAL_SIGMA = "\u03a3"


def window_piece(text: str, start: int, end: int, longest: int) -> TextIndex | None:
    """The piece of a long text that Lexicon.spans_in reads to find the
    matches that start in text[start:end]: its trigger's hits from
    TOKENS_REACH before the range to ANCHOR_BACK and a word (`longest`)
    after it, the tokens up to TOKENS_REACH after each hit and up to
    ANCHOR_BACK before it. Lower-cased on its own, it is the whole text's
    lower case there (each character's lower case is its own), but for a
    capital sigma, whose lower case depends on the letters around it: None then."""
    first = max(0, start - TOKENS_REACH - ANCHOR_BACK - WINDOW_MARGIN)
    last = min(len(text), end + ANCHOR_BACK + longest + TOKENS_REACH + WINDOW_MARGIN)
    if text.find(CAPITAL_SIGMA, first, last) >= 0:
        return None
    return text_index(text, first, last)


class Lexicon:
    """A word list matched token by token: the longest entry wins where
    several start at one token, and matches do not overlap. Spaces in an
    entry match any white space, both apostrophes match, ``*`` stands for up
    to two words, and an entry written in capitals matches only in capitals.
    With `loose`, words of an entry may be apart by white space or a hyphen
    either way ("heart attack", "covid-19").

    A text is tried only where an entry's first word (or, for a phrase that
    starts with a common word, its anchor) occurs: a set intersection and
    ``str.find`` in a short text, one RE2 pattern of those words in a long
    one. Matches are found once per piece of text and kept."""

    def __init__(self, name: str, entries: Iterable[str], loose: bool = False,
                 token_test: Any = None) -> None:
        self.name = name
        self.loose = loose
        self.token_test = token_test  # a test on one lower-cased token ("…itis"), or None
        unique = sorted(sorted({e.strip() for e in entries} - {""}), key=len, reverse=True)
        self.entries = tuple(unique)
        self.by_first: dict[str, list[Entry]] = {}
        self.by_anchor: dict[str, list[Entry]] = {}
        longest = 1
        for entry in unique:
            if entry.isalpha() and entry.islower():  # most entries: one plain word
                self.by_first.setdefault(entry, []).append((((" ", entry),), False, (), len(entry)))
                continue
            if entry.islower() and entry.replace(" ", "").isalpha():  # plain lower-case words
                words = entry.split()
                items = tuple([(" ", word) for word in words])
                exact = False
                first, later = words[0], tuple(words[1:])
            else:
                items = _entry_items(entry)
                if not items or items[0][1] == WILDCARD:
                    continue
                exact = _is_caps(entry)
                if not exact:
                    items = tuple((gap, token.lower()) for gap, token in items)
                first = items[0][1].lower()
                later = tuple(token.lower() for _, token in items[1:] if token != WILDCARD)
            longest = max(longest, len(items))
            # A phrase that starts with a common word is looked up by its anchor, if it has one.
            anchor = next((word for word in later if word not in COMMON_WORDS and word.isalpha()),
                          None) if first in COMMON_WORDS else None
            if anchor is not None:
                self.by_anchor.setdefault(anchor, []).append((items, exact, later, len(entry)))
            else:
                self.by_first.setdefault(first, []).append((items, exact, later, len(entry)))
        self.first_words = frozenset(self.by_first) | frozenset(self.by_anchor)
        self.ascii = all(word.isascii() for word in self.first_words)
        # First words of ASCII letters and digits only, and no token test: the
        # trigger's matches are then whole words, the same whatever part of a
        # text is searched (see spans_in).
        self.plain = self.token_test is None and all(_plain_word(word) for word in self.first_words)
        # Tokens to read from a match's start: the longest entry, and what
        # two wildcards may skip.
        self.reach = longest + 8
        self._trigger_pattern: Any = None
        self._window_pattern: tuple[Any, int] | None = None

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other

    def _gap_ok(self, want: str, gap: str) -> bool:
        if self.loose and want != "":
            return gap != "" and gap.strip(" \t\r\n-‐") == ""
        if want == " ":
            return gap != "" and gap.isspace()
        return gap == want

    def _match(self, tokens: Tokens, index: int, items: tuple[tuple[str, str], ...],
               exact: bool, check_first: bool = False) -> int:
        """The index of the last token of `items` matched from token `index`, or -1."""
        words = tokens.raw if exact else tokens.low
        last = len(words)
        at = index
        for k, (gap, token) in enumerate(items):
            if token == WILDCARD:
                # Up to two chunks of text between white space, then the rest.
                rest = items[k + 1:]
                for _ in range(3):
                    found = self._match(tokens, at, rest, exact, True)
                    if found >= 0:
                        return found
                    if at >= last or not tokens.gap(at).isspace():
                        return -1
                    at += 1
                    while at < last and not _has_space(tokens.gap(at)):
                        at += 1
                return -1
            if at >= last or words[at] != token:
                return -1
            if (k or check_first) and not self._gap_ok(gap, tokens.gap(at)):
                return -1
            at += 1
        return at - 1

    def _trigger(self) -> Any:
        """One RE2 pattern for the entries' first words and anchors (and the
        token test's endings): where in a long text to try the entries."""
        if self._trigger_pattern is None:
            self._trigger_pattern = word_trigger(self.first_words, self.token_test is disease_by_form)
        return self._trigger_pattern

    def _hits(self, index: TextIndex) -> list[tuple[int, str]]:
        """(offset, word) for each first word, anchor or token-test word in the piece."""
        low = index.low
        if len(low) > LONG_PIECE and (self.token_test is None or self.token_test is disease_by_form) and self.ascii:
            return _trigger_hits(self._trigger(), low)
        words = index.words
        hits = [(at, key) for key in self.first_words & words for at in index.token_starts(key)]
        if self.token_test is not None and (self.token_test is not disease_by_form
                                            or any(end in low for end in DISEASE_CORES)):
            hits += [(at, word) for word in words if word not in self.first_words and self.token_test(word)
                     for at in index.token_starts(word)]
        return hits

    def _scan(self, index: TextIndex) -> list[tuple[int, int]]:
        """Every match in the piece, in order (offsets into the whole text)."""
        hits = self._hits(index)
        if not hits:
            return []
        return _kept(self._candidates(index, hits), index.offset)

    def _candidates(self, index: TextIndex, hits: list[tuple[int, str]]) -> dict[int, tuple[int, int]]:
        """The longest entry that matches at each start the hits lead to: start → (entry length, end)."""
        low = index.low
        best: dict[int, tuple[int, int]] = {}  # start → (entry length, end): the longest entry there

        def keep(start: int, length: int, end: int) -> None:
            if start not in best or best[start][0] < length:
                best[start] = (length, end)

        for at, word in hits:
            after = at + len(word)
            tokens = None
            for items, exact, later, length in self.by_first.get(word, ()):
                if not later and len(items) == 1 and not exact:  # one word, found whole
                    keep(at, length, after)
                    break
                # Cheap first: the entry's later words must all occur just after,
                # and a second word after white space must be the next token.
                if any(low.find(later_word, after, after + 100) < 0 for later_word in later):
                    continue
                if (CHEAP_FIRST and len(items) > 1 and not exact and not self.loose and items[1][0] == " "
                        and items[1][1] != WILDCARD):
                    space = SPACE_RUN.match(low, after)
                    if space is None or not low.startswith(items[1][1], space.end()):
                        continue
                if tokens is None:
                    tokens = Tokens(index.text, low, at, self.reach)
                matched = self._match(tokens, 0, items, exact)
                if matched >= 0:
                    keep(at, length, tokens.ends[matched])
                    break
            anchored = self.by_anchor.get(word)
            if anchored:
                # The phrase starts a few tokens before its anchor.
                back = max(0, at - ANCHOR_BACK)
                starts = [m.start() for m in TOKEN.finditer(low, back, at)][-6:]
                for items, exact, later, length in anchored:
                    for start in starts:
                        # Cheap first, as for by_first: the later words occur within reach.
                        if exact or (low.startswith(items[0][1], start) and (not CHEAP_FIRST or all(
                                low.find(word, start, start + TOKENS_REACH) >= 0 for word in later))):
                            tokens = Tokens(index.text, low, start, self.reach)
                            matched = self._match(tokens, 0, items, exact)
                            if matched >= 0 and tokens.ends[matched] > at:
                                keep(start, length, tokens.ends[matched])
            if self.token_test is not None and self.token_test(word):
                keep(at, 0, after)
        return best

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """The matches in text[start:end], as offsets into text."""
        end = len(text) if end is None else min(end, len(text))
        start = max(0, start)
        if start >= end:
            return []
        index = text_index(text, start, end)
        found = index.found.get(self)
        if found is None:
            found = index.found[self] = self._scan(index)
        return list(found)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        return iter(self.spans(text, start, end))

    def spans_in(self, text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The matches of spans(text) that start in one of `ranges` ((start,
        end) pairs, in order, apart): a rule that reports only in some
        sentences reads the text around those alone. Where that cannot tell
        (a short text, a lexicon with a token test or with first words other
        than plain letters and digits, a match from before a range that
        reaches into it), the whole text is scanned, as spans(text) does."""
        whole = _INDEXES.get((id(text), 0, len(text)))
        found = whole.found.get(self) if whole is not None and whole.source is text else None
        if found is None and len(text) > LONG_PIECE and self.plain:
            windowed = self._spans_in_windows(text, ranges)
            if windowed is not None:
                return _starting_in(windowed, ranges)
        if found is None:
            index = text_index(text)
            found = index.found.get(self)
            if found is None:
                found = index.found[self] = self._scan(index)
        return _starting_in(found, ranges)

    def _spans_in_windows(self, text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
        """spans_in for a long text, range by range, each read in the piece of
        the text around it (window_piece): the matches that start in the
        ranges, or None when that cannot tell."""
        # The first words of the cue lexicons are found by one pattern for
        # them all, around the same ranges (TextIndex.trigger_hits keeps them).
        pattern, longest = self._window_trigger()
        first_words = self.first_words
        windowed = []
        for start, end in _merged(ranges, TOKENS_REACH):
            piece = window_piece(text, start, end, longest)
            if piece is None:
                return None
            offset = piece.offset
            # The hits from TOKENS_REACH before the range to ANCHOR_BACK after it.
            near = [hit for hit in piece.trigger_hits(pattern, max(0, start - TOKENS_REACH) - offset,
                                                      min(len(text), end + ANCHOR_BACK + longest) - offset)
                    if hit[1] in first_words]
            part = self._spans_starting_in(piece, near, start - offset, end - offset) if near else []
            if part is None:
                return None
            windowed += part
        return windowed

    def _window_trigger(self) -> tuple[Any, int]:
        """The pattern that finds this lexicon's first words around ranges (the
        one shared by the cue lexicons if they are among theirs), and the
        length of the longest word it finds."""
        if self._window_pattern is None:
            words, pattern, longest = shared_trigger()
            if not self.first_words <= words:
                pattern, longest = self._trigger(), max(map(len, self.first_words), default=0)
            self._window_pattern = pattern, longest
        return self._window_pattern

    def _spans_starting_in(self, index: TextIndex, hits: list[tuple[int, str]], start: int,
                           end: int) -> list[tuple[int, int]] | None:
        """The matches of the whole text that start in [start, end) (offsets
        in the piece `index`), from its hits between TOKENS_REACH before start
        and ANCHOR_BACK after end; None when a match that starts before may
        reach in.

        Every match ends within TOKENS_REACH of its start (Tokens reads no
        further), and an anchored phrase starts within ANCHOR_BACK before its
        anchor: so these hits give every match that starts in the range and
        every one that may overlap its start. If none of the latter does, the
        matches kept in the range are those the whole text keeps there."""
        best = self._candidates(index, hits)
        if any(at < start < found[1] for at, found in best.items()):
            return None
        return _kept({at: found for at, found in best.items() if start <= at < end}, index.offset)

    def search(self, text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        found = self.spans(text, start, end)
        return found[0] if found else None


@lru_cache(maxsize=64)
def read_word_file(name: str) -> tuple[str, ...]:
    """Lines of rules/words/hc-<name>.txt, without blank lines and # comments
    (read once: several lexicons are built from one file)."""
    path = words_dir() / f"hc-{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def lexicon(name: str, extra: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon hc-<name>.txt plus the user's extra entries (built once:
    lexicon(name) and lexicon(name, ()) are one object, so a piece of text
    is searched once for both)."""
    return _lexicon(name, extra)


@lru_cache(maxsize=128)
def _lexicon(name: str, extra: tuple[str, ...]) -> Lexicon:
    return Lexicon(name, read_word_file(name) + extra)


def PhraseSet(entries: Iterable[str]) -> Lexicon:  # noqa: N802 - kept for the tests' and users' sake
    """A long word list whose phrases may be written with spaces or hyphens."""
    return Lexicon("phrases", entries, loose=True)


@lru_cache(maxsize=4)
def phrase_set(name: str) -> Lexicon:
    """The word list hc-<name>.txt, its phrases written with spaces or hyphens."""
    return Lexicon(name, read_word_file(name), loose=True)


# Disease names by form: "arthritis", "osteoporosis", "anaemia", "carcinoma", "neuropathy".
DISEASE_SUFFIXES = ("itis", "osis", "emia", "aemia", "oma", "omas", "pathy", "pathies")
DISEASE_CORES = ("itis", "osis", "emia", "oma", "path")  # one of these is in every such word
NOT_DISEASES = frozenset({"diagnosis", "prognosis", "aroma", "aromas", "diploma", "diplomas", "coma", "stoma",
                          "empathy", "sympathy", "apathy", "telepathy", "homeopathy", "naturopathy", "osteopathy",
                          "hypnosis", "symbiosis", "osmosis", "mitosis", "meiosis", "chromosome"})


def disease_by_form(word: str) -> bool:
    """A lower-cased word that names a disease by its ending (three letters or more before it)."""
    return (word.endswith(DISEASE_SUFFIXES) and word.isascii() and word.isalpha()
            and any(word.endswith(x) and len(word) - len(x) >= 3 for x in DISEASE_SUFFIXES)
            and word not in NOT_DISEASES)


@lru_cache(maxsize=16)
def disease_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """hc-diseases.txt, plus any word that names a disease by its ending."""
    return Lexicon("diseases", read_word_file("diseases") + extra, token_test=disease_by_form)


def disease_spans(text: str, start: int, end: int, extra: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    return disease_lexicon(extra).spans(text, start, end)


# ---------------------------------------------------------------------------
# Options every claim rule shares: extra lexicon entries from the configuration.


# Extras are part of the keys of a document's shared results, looked up many
# times a document: they compare by identity (hashed in C), as from_options
# gives one object for each set of options. Two equal Extras made apart only
# keep their results apart.
@dataclass(frozen=True, eq=False)
class Extras:
    """Entries a user adds to the built-in lexicons (rule options)."""

    hedges: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    diseases: tuple[str, ...] = ()
    causal: tuple[str, ...] = ()

    @classmethod
    def from_options(cls, options: Any) -> Extras:
        def get(key: str) -> tuple[str, ...]:
            return tuple(options.get(key, ()) or ())

        return _extras(get("extra-hedges"), get("extra-outcomes"), get("extra-diseases"), get("extra-causal-phrases"))


@lru_cache(maxsize=64)
def _extras(*lists: tuple[str, ...]) -> Extras:
    """One Extras for each set of options: the same object in every key."""
    return NO_EXTRAS if not any(lists) else Extras(*lists)


NO_EXTRAS = Extras()


# ---------------------------------------------------------------------------
# Clauses


# A clause ends at ; : or a dash, or before a comma + subordinator/coordinator
# ("…, which …", "…, but …"), or before "but"/"whereas"/"because" …
CLAUSE_BREAK = re.compile(
    r"[;—–]|\s-\s|\((?=\s*(?:which|who|that|but)\b)"
    r"|,\s*(?=(?:which|who|whom|whose|where|whereas|while|whilst|but|although|though|as|because|since|so"
    r"|yet|thus|therefore|however|unless|if|when|whether|nor)\b)"
    r"|\s(?=(?:but|whereas|whilst|although|though|because|unless)\s)",
    re.IGNORECASE,
)


def clause_bounds(prose: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """The clause of the sentence prose[start:end] that contains offset."""
    clause_start, clause_end = start, end
    for match in CLAUSE_BREAK.finditer(prose, start, end):
        if match.end() <= offset:
            clause_start = match.end()
        elif match.start() >= offset:
            clause_end = match.start()
            break
    return clause_start, clause_end


WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words_before(prose: str, start: int, offset: int, count: int) -> list[str]:
    """Up to `count` lower-cased words just before offset (within prose[start:offset])."""
    found = [m.group().lower() for m in WORD.finditer(prose, start, offset)]
    return found[-count:]


# ---------------------------------------------------------------------------
# Sources: links, footnotes, numbered citations, reference sections


# Anything in the raw text that points at a source: a Markdown link or
# reference link, an autolink or bare URL, a footnote reference, an HTML
# link, a numbered citation ([1], [2-4], [1, 3]) or a superscript number.
SOURCE_MARK = re.compile(
    r"(?=[\]<hHwW\[¹²³⁴⁵⁶⁷⁸⁹⁰])(?:\]\([^)\s]+|\]\[[^\]]*\]|<https?://|https?://\S|\bwww\.\w|\[\^[^\]\s]+\]|<a\s[^>]*href"
    r"|\[\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\]|<sup>\s*\[?\d|[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=[\s.,;:)]|$))",
    re.IGNORECASE,
)

REFERENCE_HEADINGS = frozenset({
    "references", "reference", "reference list", "sources", "source", "bibliography", "works cited",
    "further reading", "citations", "notes", "footnotes", "literature", "literature cited", "endnotes",
    "resources", "sources and references", "references and further reading", "studies cited",
})

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)[a-z]?\b")
# Author–year citations: (Smith, 2020), (Smith et al., 2020; Lee & Park 2019),
# Smith et al. (2020), Smith and Jones (2019).
SURNAME = r"[A-Z][A-Za-z’'\-]+(?:\s+(?:[Dd]e|[Vv]an|[Vv]on|[Dd]er|[Dd]a|[Ll]e)\s+[A-Z][A-Za-z’'\-]+)?"
AUTHORS = rf"{SURNAME}(?:\s+et\s+al\.?|\s*(?:&|and)\s*{SURNAME})?"
PAREN_CITATION = re.compile(
    rf"\((?:see\s+|e\.g\.,?\s+)?{AUTHORS},?\s+(?:1[89]\d\d|20\d\d)[a-z]?"
    rf"(?:\s*[;,]\s*{AUTHORS},?\s+(?:1[89]\d\d|20\d\d)[a-z]?)*\)"
)
# "Smith et al. (2020)", "Smith and Lee (2019)", or "Smith (2020) found/showed …".
NARRATIVE_CITATION = re.compile(
    rf"\b{SURNAME}(?:\s+et\s+al\.?|\s*(?:&|and)\s*{SURNAME})\s+\((?:1[89]\d\d|20\d\d)[a-z]?\)"
    rf"|\b{SURNAME}\s+\((?:1[89]\d\d|20\d\d)[a-z]?\)(?=\s+(?:also\s+)?(?:found|showed|shows|reported|reports"
    rf"|suggested|suggests|concluded|demonstrated|argued|argues|noted|observed|proposed|described|claimed|wrote)\b)"
)
ONE_CITATION = re.compile(rf"({AUTHORS}),?\s+\(?((?:1[89]\d\d|20\d\d))[a-z]?")


NAME = (r"(?:Dr\.?\s+|Professor\s+|Prof\.?\s+)?[A-Z][\w’'\-]+"
        r"(?:\s+(?:(?:of|for|and|on|in|the)\s+)?(?:[A-Z]\.\s*)?[A-Z][\w’'\-]+){0,5}")
# A study or expert named but not linked: "a study by Dr. Lee found", "a 2019
# study from Harvard", "researchers at Stanford", "a study published in the
# Journal of Sleep Research", "according to Dr. Patel", "Dr. Lee, a
# cardiologist, says".
# What a named study must go on to do for its sentence to cite it as evidence.
REPORTING_VERB = re.compile(
    r"\b(?:found|finds|find|showed|shows|show|shown|suggests|suggested|concluded|concludes|reported|reports"
    r"|discovered|revealed|reveals|demonstrated|demonstrates|proved|proves|confirmed|confirms|says|said"
    r"|recommends|recommended|linked|observed|noted)\b",
    re.IGNORECASE,
)
NAMED_STUDY = re.compile(
    rf"\b(?i:an?|one|the)\s+(?i:(?:recent|new|\d{{4}}|landmark|large|small|famous|groundbreaking|clinical)\s+)*"
    rf"(?i:study|trial|survey|review|paper|experiment|meta-analysis)\s+"
    rf"(?i:(?:carried\s+out|conducted|led|done|published|run|funded)\s+)?(?i:by|from|at|in)\s+(?:the\s+)?(?P<a>{NAME})"
    rf"|\b(?i:researchers|scientists|doctors|experts)\s+(?i:at|from)\s+(?:the\s+)?(?P<b>{NAME})"
    rf"|\b(?i:according\s+to)\s+(?P<c>(?:Dr\.?|Professor|Prof\.?)\s+{NAME})"
    rf"|\b(?P<d>(?:Dr\.?|Professor|Prof\.?)\s+{NAME})\s*,?\s+(?:[\w,]+\s+){{0,6}}?"
    rf"(?:found|finds|showed|shows|discovered|reported|says|said|explains|claims|believes|recommends)\b",
)


def named_study(document: Document, sentence: Sentence) -> re.Match | None:
    """A named study or expert cited as evidence in the sentence ("a study by
    Dr. Lee found …"), or None."""
    prose = document.prose
    for match in NAMED_STUDY.finditer(prose, sentence.start, sentence.end):
        if match.group("d") or REPORTING_VERB.search(prose, match.end(), sentence.end):
            return match
    return None


# Capitalised words that stand before a year without being an author: "(March 2012)".
NOT_SURNAMES = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun jul "
    "aug sep sept oct nov dec spring summer fall autumn winter fy fiscal since in by from until updated published "
    "revised accessed retrieved copyright see ed version vol issue".split()
)


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    text: str
    pairs: tuple[tuple[str, str], ...]  # (surname, year) for each cited work


def find_citations(text: str, start: int, end: int) -> list[Citation]:
    """Author–year citations in text[start:end] (raw text, not prose)."""
    found: list[Citation] = []
    for pattern in (PAREN_CITATION, NARRATIVE_CITATION):
        for match in pattern.finditer(text, start, end):
            if any(c.start <= match.start() < c.end for c in found):
                continue
            pairs = []
            for one in ONE_CITATION.finditer(match.group()):
                surname = re.split(r"\s*(?:&|\band\b|\bet\b)", one.group(1))[0].split()[-1]
                if surname.lower() not in NOT_SURNAMES:
                    pairs.append((surname.lower(), one.group(2)))
            if pairs:
                found.append(Citation(match.start(), match.end(), match.group(), tuple(pairs)))
    return sorted(found, key=lambda c: c.start)


@dataclass
class Sources:
    """Where a document points at its sources."""

    block_has_link: list[bool]
    lines_with_link: set[int]
    reference_blocks: set[int]  # blocks inside a References/Sources section
    reference_entries: list[str]  # their raw text, lower-cased

    def matches_reference(self, surname: str, year: str) -> bool:
        surname = surname.lower().replace("’", "'")
        return any(surname in entry and year in entry for entry in self.reference_entries)

    def mentions_in_references(self, name: str) -> bool:
        name = name.lower()
        return any(name in entry for entry in self.reference_entries)


def heading_text(document: Document, index: int) -> str:
    block = document.blocks[index]
    words = WORD.findall(document.prose[block.start:block.end].lower())
    return " ".join(words)


FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:[^\n]*(?:\n(?!\s*\n)[^\n]*)*", re.MULTILINE)


def find_sources(document: Document) -> Sources:
    text = document.text
    blocks = document.blocks
    block_starts = [b.start for b in blocks]
    has_link = [False] * len(blocks)
    lines: set[int] = set()
    for match in SOURCE_MARK.finditer(text):
        lines.add(document.position(match.start())[0])
        index = bisect_right(block_starts, match.start()) - 1
        if index >= 0 and match.start() < blocks[index].end:
            has_link[index] = True
    reference_blocks = reference_section(document)
    entries = [text[blocks[i].start:blocks[i].end] for i in sorted(reference_blocks)]
    entries += [match.group() for match in FOOTNOTE_DEFINITION.finditer(text)]
    return Sources(has_link, lines, reference_blocks, [e.lower().replace("’", "'") for e in entries])


def reference_section(document: Document) -> set[int]:
    """Blocks under a heading named References, Sources, Bibliography …"""
    def compute() -> set[int]:
        blocks = document.blocks
        found: set[int] = set()
        for index, block in enumerate(blocks):
            if block.kind != HEADING or heading_text(document, index) not in REFERENCE_HEADINGS:
                continue
            for later in range(index + 1, len(blocks)):
                if blocks[later].kind == HEADING and blocks[later].level <= block.level:
                    break
                found.add(later)
        return found

    return _cached(document, "reference_section", compute)


def sentence_has_source(document: Document, sources: Sources, sentence: Sentence) -> bool:
    """A link, footnote or numbered citation in the sentence's paragraph or on its lines."""
    if sources.block_has_link[sentence.block]:
        return True
    first = document.position(sentence.start)[0]
    last = document.position(max(sentence.start, sentence.end - 1))[0]
    return any(line in sources.lines_with_link for line in range(first, last + 1))


# ---------------------------------------------------------------------------
# Sentences that are not claims


WH_START = re.compile(r"^\W*(?:how|why|what|when|where|which|who|can|does|do|is|are|should|will)\b", re.IGNORECASE)
ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|explains|explained|notes|noted|writes|wrote|told|tells|according\s+to|recalls|adds|added)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"[\"“][^\"”]{3,}[\"”]")


def is_question(prose: str, sentence: Sentence) -> bool:
    return prose[sentence.start:sentence.end].rstrip(" \"'”’)*_").endswith("?")


def is_topic_heading(document: Document, sentence: Sentence) -> bool:
    """A heading that names a topic ("How yoga reduces stress") is not a claim."""
    block = document.blocks[sentence.block]
    return block.kind == HEADING and bool(WH_START.match(document.prose[sentence.start:sentence.end]))


def in_attributed_quote(document: Document, sentence: Sentence, offset: int) -> bool:
    """The offset lies in quoted words attributed to someone ("…," she said)."""
    prose = document.prose
    block = document.blocks[sentence.block]
    for match in QUOTED.finditer(prose, block.start, block.end):
        if match.start() <= offset < match.end():
            around = prose[max(block.start, match.start() - 80):min(block.end, match.end() + 80)]
            return bool(ATTRIBUTION.search(around))
    if block.kind == QUOTE:  # a block quote with an attribution line ("— Dr. Lee")
        body = prose[block.start:block.end]
        return bool(re.search(r"(?:^|\n)\s*(?:—|--|-)\s*[A-Z]", body))
    return False


GLOSSARY_START = re.compile(r"^(?:(?:an?|the)\s+)?(?:[\w’'-]+,?\s+){0,6}?(?:that|which|who)\s", re.IGNORECASE)
APPEAL_OR_BELIEF = re.compile(r"\b(?:agree|agrees|know|knows|think|thinks|believe|believes|mean|means|prove|proves"
                              r"|indicate|indicates|show|suggest|demonstrate|confirm|reveal|establish|find|conclude"
                              r"|do|does|did|will|can|may|must|should)\b", re.IGNORECASE)
# What shows that a relative clause goes on up to the cue: a list, a
# conjunction, another relative word, an infinitive or "help".
RELATIVE_GOES_ON = re.compile(r"[,;]|\b(?:and|or|which|who|that|to|help|helps|thereby)\b", re.IGNORECASE)
FINITE_BE = re.compile(r"\b(?:is|are|was|were|has|have|had)\b", re.IGNORECASE)


def is_definition(document: Document, sentence: Sentence, cue_start: int) -> bool:
    """'A discount that lowers …' (glossary) or 'Insulin is a hormone that lowers …'."""
    prose = document.prose
    before = prose[sentence.start:cue_start]
    # A fragment with no verb before "that": "Health care services that help
    # you …" (a glossary entry), not "Yoga helps people that …".
    glossary = GLOSSARY_START.match(before)
    if glossary and not FINITE_BE.search(before, 0, glossary.end()) and not REPORTING_VERB.search(
            before, 0, glossary.end()) and not APPEAL_OR_BELIEF.search(before, 0, glossary.end()) and not re.match(
            r"(?:this|that|these|those|it|they|he|she|we|you|i)\b", before, re.IGNORECASE) and not (
            lexicon("causal-verbs").search(before, 0, glossary.end())
            or lexicon("disease-verbs").search(before, 0, glossary.end())) and (
            len(WORD.findall(before, glossary.end())) <= 2 or RELATIVE_GOES_ON.search(before, glossary.end())):
        # (The cue is the relative clause's own verb, "services that can help
        # you keep, learn or improve"; but after a relative clause with its
        # own verb and object, "Programmes that include balance training
        # prevent falls", the cue is the main verb.)
        return True
    match = re.search(r"\b(?:is|are)\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,3}?([\w’'-]+)\s+(?:that|which)\s+(?:\w+ly\s+)?$",
                      before, re.IGNORECASE)
    if match:
        heads = {h.lower() for h in read_word_file("definition-heads")}
        return match.group(1).lower() in heads
    return False


# ---------------------------------------------------------------------------
# Causal claims


# Words before "to" that make "to reduce" a claim ("shown to reduce"), not a
# purpose ("used to reduce", "in order to reduce").
CLAIMING_TO = frozenset({"shown", "proven", "proved", "found", "known", "able", "demonstrated", "help", "helps",
                         "helped", "going", "certain", "sure", "guaranteed", "failed", "fails", "fail"})
# Words before an "-ed" form that make it an adjective ("a reduced risk").
ADJECTIVE_BEFORE = frozenset({"a", "an", "the", "with", "of", "for", "in", "by", "from", "no", "any", "this",
                              "that", "these", "those", "their", "its", "our", "his", "her", "your", "more", "less",
                              "to", "on", "at", "into", "as", "most", "least", "some", "such", "than", "newly"})
# Verbs that take "help", "support", "relief" … as a noun: "getting help for".
NOUN_BEFORE = frozenset({"get", "gets", "getting", "got", "seek", "seeks", "seeking", "find", "finding", "need",
                         "needs", "needing", "ask", "asking", "offer", "offers", "offering", "provide", "provides",
                         "providing", "give", "gives", "giving", "receive", "receives", "receiving", "without",
                         "extra", "additional", "financial", "emotional", "social", "peer", "family", "professional"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
MODAL_HELPERS = frozenset({"can", "will", "would", "does", "do", "did", "to", "also", "further", "directly",
                           "significantly", "greatly", "dramatically", "markedly", "substantially", "effectively",
                           "really", "actually", "naturally", "quickly", "rapidly"})


# Whatever these are said to cure is treated as a disease ("cures anxiety").
CURE_WORDS = frozenset({"cure", "cures", "cured"})


# How far after the verb its object's outcome may be ("reduces the risk of
# heart disease": "risk" is 1 word on) before the outcome belongs to some other phrase.
OBJECT_WORDS = 6
# Subjects that are people: "patients have increased risk" describes them.
PEOPLE = frozenset({"patients", "people", "subjects", "participants", "individuals", "women", "men", "children",
                    "adults", "those", "users", "smokers", "survivors", "infants", "mothers", "girls", "boys",
                    "adolescents", "we", "they", "i", "you"})
# Small words a title-case heading leaves in lower case.
STOP_SMALL = frozenset({"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "as", "is",
                        "are", "your", "you", "from", "but", "that"})
# What follows a verb used intransitively to describe a change or a difference.
DESCRIPTIVE_AFTER = re.compile(
    r"(?:(?:\w+ly|more|less|most|least|further|over\s+time|significantly)\s+)*"
    r"(?:in|among|amongst|over|during|across|between|than|after|from|with|compared|relative|at|to|as)\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Claim:
    """A causal claim about a health outcome, located in one sentence."""

    sentence: int  # index into document.sentences
    start: int  # the causal phrase
    end: int  # the end of the outcome
    cue: str
    outcome: str
    disease: bool  # cure/treat/prevent + a disease: the FDA's "disease claim"
    cited: bool  # an author–year citation or a named study in the sentence (HC104's business)
    statistic: str  # "by 60%", "in half" … stated with the claim, or ""
    negated: bool = False  # a claim of no effect ("did not reduce")
    text: str = ""  # the claim as written, from the causal phrase to the outcome

    @property
    def phrase(self) -> str:
        """How a message quotes the claim: as written when short, else 'cue … outcome'."""
        if self.text and len(self.text.split()) <= 8:
            return shown(self.text)
        return f"{shown(self.cue)} … {shown(self.outcome)}"


STATISTIC = re.compile(r"\b(?:by\s+)?(?:up\s+to\s+|over\s+|more\s+than\s+|nearly\s+|almost\s+)?\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b|-?fold\b|times\b|x\b)|\bby\s+(?:half|a\s+third|a\s+quarter|two-thirds)\b",
                       re.IGNORECASE)


def outcome_spans(document: Document, sentence: Sentence, start: int, end: int, extras: Extras,
                  heads: bool = True) -> list[tuple[int, int]]:
    """Health outcomes and diseases in prose[start:end]; general outcome words
    ("risk", "levels") count too (with `heads`) when the sentence is on a health topic."""
    prose = document.prose
    spans = lexicon("outcomes", extras.outcomes).spans(prose, start, end)
    spans += disease_spans(prose, start, end, extras.diseases)
    general = lexicon("outcome-heads").spans(prose, start, end) if heads else []
    if general and (spans or health_topic(document, sentence.start, sentence.end)):
        spans += general
    keep = set(drop_not_health(prose, [a for a, _ in spans], start, end))
    return sorted(span for span in spans if span[0] in keep)


def drop_not_health(prose: str, offsets: list[int], start: int, end: int) -> list[int]:
    """Offsets that do not fall inside a not-health phrase ("pain points")."""
    excluded = lexicon("not-health").spans(prose, start, end)
    if not excluded:
        return offsets
    return [o for o in offsets if not any(a <= o < b for a, b in excluded)]


def _within_words(prose: str, start: int, spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """The spans that start within `limit` words of `start` (the verb's object, not a far-off phrase)."""
    return [span for span in spans if len(WORD.findall(prose, start, span[0])) <= limit]


# What supports an idea rather than a body: "these data support …".
EVIDENCE_NOUNS = frozenset({"data", "results", "findings", "evidence", "study", "studies", "analysis", "analyses",
                            "observations", "trial", "trials", "review", "experience", "literature"})
# Verbs that state a change in what follows them: with a direct object in a
# sentence on health, that object is the outcome.
CHANGE_VERB = re.compile(
    r"(?:thereby\s+)?(?:reduc|lower|decreas|lessen|reliev|alleviat|improv|enhanc|boost|increas|rais|strengthen|restor"
    r"|normaliz|normalis|accelerat|slow|delay|worsen|aggravat|exacerbat|caus|induc|damag|impair|inhibit|suppress"
    r"|attenuat|ameliorat|mitigat|minimiz|minimis|halv|affect|influenc|promot|stimulat|activat|regulat|modulat"
    r"|prevent|eliminat|revers|eradicat|shorten|prolong|disrupt|correct|diminish|elevat|augment|abolish"
    r"|potentiat|hinder|imped|blunt|abrogat"
    r"|retard|sensiti[sz]|(?:up|down)regulat|counteract|hasten|antagoni[sz]|neutrali[sz]|heighten|weaken|avert"
    r"|dampen|evok|elicit|provok|inactivat)(?:e|es|ed|s|d|ing)?"
    r"|(?:amplif|intensif)(?:y|ies|ied)"
    r"|(?:doubl|tripl)(?:e|es|ed)|predispos(?:e|es|ed)\s+to"
    r"|(?:lead|leads|led|leading)\s+to|(?:result|results|resulted|resulting)\s+in"
    r"|(?:has|have|had|exert|exerts|exerted|shows?|showed)\s+(?:\S+\s+){0,3}(?:effects?|impact)\s+(?:on|against)"
    # "demonstrated better outcomes", "yields improved survival": a result of benefit
    r"|(?:demonstrat|show|yield|produc|achiev)(?:e|es|ed|s|n)?\s+(?:significantly\s+)?(?:better|improved|superior)"
    r"|(?:demonstrat|show|yield|produc|achiev)(?:e|es|ed|s|n)?\s+(?:\S+\s+){0,2}(?:improvements?|reductions?)\s+in"
    # "produced a marked decrease in", "induced an increase in": a change named by a noun
    r"|(?:yield|produc|achiev|induc)(?:e|es|ed|s)?\s+(?:\S+\s+){0,2}(?:de|in)creases?\s+in"
    r"|(?:yield|produc|achiev|induc)(?:e|es|ed|s)?\s+(?:\S+\s+){0,2}(?:decline|rise|fall|drop)\s+in"
    r"|brought\s+about\s+(?:\S+\s+){0,2}(?:(?:de|in)creases?|decline|rise|fall|drop)\s+in"
    # "outperformed placebo": superiority as a verb
    r"|outperform(?:s|ed)?"
)
EFFICACY_CUE = re.compile(r"(?i)\b(?:effective|efficacious|efficacy|beneficial|superior|protective|harmful|detrimental"
                          r"|successful)\b"
                          # "provided no benefit", "conferred a survival benefit": a benefit given, or not
                          r"|\b(?:provid|confer|offer|show|demonstrat|ha[sdv])\w*\s+(?:\S+\s+){0,2}(?:benefits?|protection)"
                          r"\s*$")


def following_offset(prose: str, start: int, word: str) -> int:
    """How far past `start` the next word `word` ends ("  by" → 4)."""
    match = re.match(rf"\s*{word}\b", prose[start:start + 40], re.IGNORECASE)
    return match.end() if match else 0


# Words that open a noun phrase without being its head.
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "their", "its", "his", "her", "your",
                         "our", "my", "both", "all", "some", "any", "each", "several", "many", "much", "more",
                         "less", "fewer", "further", "overall", "significant", "significantly", "substantial",
                         "marked", "greater", "lower", "higher", "better", "other"})
# Words that end a noun phrase: prepositions, conjunctions, verbs of being.
PHRASE_END = frozenset({"in", "among", "amongst", "during", "across", "between", "than", "compared", "after", "before",
                        "from", "with", "without", "at", "to", "by", "as", "when", "while", "and", "or", "but",
                        "is", "are", "was", "were", "that", "which", "who", "for", "on", "over", "via", "through",
                        "within", "up", "vs", "versus", "following", "because", "since", "if", "whereas"})


def direct_object(prose: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase right after a verb (prose[start:end]), up to four
    words from its first content word: None if a preposition, a clause
    word or nothing comes first ("decreased in women", "increased by 5%")."""
    words = list(WORD.finditer(prose, start, end))
    index = 0
    while index < len(words) and (words[index].group().lower() in DETERMINERS
                                  or words[index].group().lower().endswith("ly")):
        index += 1
    if index >= len(words):
        return None
    head = words[index]
    # People are who is affected, not the outcome ("mostly affects women").
    if head.group().lower() in PHRASE_END | NOT_OBJECTS | PEOPLE or head.group().isdigit():
        return None
    # Only spaces, determiners and adverbs between the verb and the phrase.
    if re.search(r"[^\w\s'’-]", prose[start:head.start()]):
        return None
    last = head
    for word in words[index + 1:index + 4]:
        if word.group().lower() in PHRASE_END or re.search(r"[^\w\s'’-]", prose[last.end():word.start()]):
            break
        last = word
    return head.start(), last.end()


# Objects that name no outcome: pronouns, the writer's own "improved our understanding", and
# places a link "leads to".
NOT_OBJECTS = frozenset({"it", "them", "this", "that", "us", "we", "you", "they", "understanding", "website", "site",
                         "page", "webpage", "link"})


def _claim_in_clause(document: Document, sentence: Sentence, cue: tuple[int, int], disease_cue: bool,
                     extras: Extras) -> tuple[tuple[int, int], bool, bool] | None:
    """(outcome span, disease claim?, negated?) if this cue makes a claim, else None.
    In a document on health (health_document), an efficacy predicate or a
    verb of change with a direct object is a claim whatever its object is
    called, unless the object clearly names no health outcome ("costs")."""
    prose = document.prose
    cue_start, cue_end = cue
    clause_start, clause_end = clause_bounds(prose, sentence.start, sentence.end, cue_start)
    cue_words = WORD.findall(prose[cue_start:cue_end].lower())
    first = cue_words[0] if cue_words else ""
    single = len(cue_words) == 1
    before = words_before(prose, clause_start, cue_start, 8)
    previous = before[-1] if before else ""
    following = prose[cue_end:clause_end].lstrip().lower()
    # Nothing before the verb (an imperative: "Reduce stress by …"), a verb
    # sharing a purpose or a hedge with the clause before ("…, and promote"),
    # or part of a compound ("stress-induced", "slow-wave").
    if not before or before in (["and"], ["or"]):
        return None
    # A capitalised verb mid-sentence belongs to a name ("the 21st Century
    # Cures Act"), unless the whole line is in title case.
    if prose[cue_start].isupper() and any(w[0].islower() for w in WORD.findall(prose, sentence.start, sentence.end)
                                          if w.lower() not in STOP_SMALL):
        return None
    # ("down-regulates", "up-regulated": a verb with its prefix, read as one.)
    if (prose[cue_start - 1:cue_start] in ("-", "‐") and not VERB_PREFIX.search(prose, clause_start, cue_start)) or \
            prose[cue_end:cue_end + 1] in ("-", "‐"):
        return None
    # A purpose, not a claim: "to reduce", "used to treat", "needs to be
    # strengthened", "to diagnose, manage, prevent or treat" — unless "to"
    # follows a word that makes it a claim ("shown to reduce", "helps to").
    base_form = not (first.endswith("s") or first.endswith("ed"))
    if "to" in before[-3:]:
        k = len(before) - 1 - before[::-1].index("to")
        between = before[k + 1:]
        simple = all(w.endswith("ly") or w in ("be", "further", "also", "even", "then") for w in between)
        listed = base_form and single and re.fullmatch(r"[\w\s,]*", prose[clause_start:cue_start].lower().rsplit(" to ", 1)[-1])
        if (simple or listed) and (k == 0 or before[k - 1] not in CLAIMING_TO):
            return None
    # "to attenuate muscle loss and prevent …": the second verb shares the purpose.
    if previous in ("and", "or") and "to" in before[:-1] and base_form:
        return None
    # An open question or a condition, not a finding: "whether X reduces Y",
    # "if X lowers Y", "to confirm that X relieves Y".
    if INQUIRY.search(prose, clause_start, cue_start):
        return None
    # "There is a nominal increased risk": no verb, an adjective.
    if re.search(r"\bthere\s+(?:is|are|was|were)\b", prose[clause_start:cue_start], re.IGNORECASE):
        return None
    # "seeking help with …", "getting support for …": a noun.
    if previous in NOUN_BEFORE:
        return None
    # "Women showed greater improvements than men": a difference between
    # groups of people, not the effect of something.
    if RESULT_VERB.match(first) and PEOPLE.intersection(before[-3:]):
        return None
    # "We improved the resilience of buttons": a first-person report of what
    # someone did, not a claim about an intervention.
    if previous in ("we", "i"):
        return None
    if single:
        # After a determiner or preposition: a noun or an adjective ("the
        # benefits of", "a reduced risk").
        if previous in ADJECTIVE_BEFORE and previous != "to":
            return None
        # Nothing after it ("the clear benefits, …"): a noun with no object.
        if (not following or following[0] in ",.;:)!?") and first not in BE_FORMS:
            return None
        # "people affected by cancer": a reduced relative clause, not a claim.
        if first.endswith("ed") and previous not in BE_FORMS and not previous.endswith("ly") and re.match(
                r"by\s", following):
            return None
        # "the cause of death", "support for": a noun.
        if re.match(r"(?:of|for)\s", following):
            return None
        # "decreased more rapidly in obese men", "was increased in patients":
        # a difference between groups, not an effect.
        if DESCRIPTIVE_AFTER.match(following) and first not in ("help", "helps", "helped") and not treated_with(
                document, before, first, following, (clause_start, cue_end, clause_end), extras):
            return None
        # Bare "lower" is mostly a comparative ("lower scores"); a verb after a
        # modal, or right after an intervention ("Statins lower cholesterol").
        if first == "lower" and previous not in MODAL_HELPERS | {"may", "might", "could", "should", "must", "help",
                                                                   "helps", "helped"}:
            subject = exposure_span(document, clause_start, cue_start, extras, last=True)
            if subject is None or len(WORD.findall(prose, subject[1], cue_start)) > 1 or previous in (
                    "have", "has", "had"):
                return None
        # "Patients have increased risk": a person's state, not an effect.
        if first.endswith("ed") and previous in ("have", "has", "had") and any(w in PEOPLE for w in before):
            return None
    # Negation among the three words before the verb ("did not significantly
    # reduce") or inside the phrase ("was not effective", "has no effect on"):
    # still a claim — of no effect — and reported as such.
    negated = False
    near = list(WORD.finditer(prose, clause_start, cue_start))[-5 if "to" in before[-3:] else -3:]
    for a, _ in lexicon("negations").finditer(prose, near[0].start() if near else cue_start, cue_end):
        if not prose[a:cue_end].lower().startswith("not only"):
            negated = True
    # "A reduction in HbA1c was achieved with metformin": a change named by a
    # noun, then what achieved it.
    if ACHIEVED_WITH.fullmatch(" ".join(cue_words)):
        change = CHANGE_NOUN.search(prose, clause_start, cue_start)
        if change is None:
            return None
        return (change.start(), cue_start - len(prose[change.start():cue_start]) + len(
            prose[change.start():cue_start].rstrip())), False, negated
    # "helps you sleep", "helps with anxiety": the outcome right after "help".
    reach = 2 if single and first in ("help", "helps", "helped") else OBJECT_WORDS
    # "These data support …", "our results do not support the use of …":
    # support for an idea, not for health.
    if first in ("support", "supports", "supported") and EVIDENCE_NOUNS.intersection(before[-4:]):
        return None
    # "support" and "benefit" are nouns as often as verbs: after "and"/"or"
    # the bare form is one ("critical system and support function"), and
    # after them a general word such as "function" is no outcome.
    if single and first in ("support", "benefit") and previous in ("and", "or"):
        return None
    heads = not (single and first in ("support", "supports", "benefit", "benefits"))
    after = _within_words(prose, cue_end, outcome_spans(document, sentence, cue_end, clause_end, extras, heads), reach)
    diseases = _within_words(prose, cue_end, disease_spans(prose, cue_end, clause_end, extras.diseases),
                             reach) if disease_cue else []
    if diseases:
        return diseases[0], not negated, negated
    if disease_cue and after and CURE_WORDS.intersection(cue_words):  # "cures anxiety": to cure is to claim a disease
        return after[0], not negated, negated
    if after:
        return after[0], False, negated
    # A passive with its agent: "anxiety is reduced by yoga" (without "by" it
    # describes a state: "telomere length is reduced in …").
    passive = previous in BE_FORMS or (len(before) >= 2 and before[-2] in BE_FORMS and previous.endswith("ly"))
    if passive and re.match(r"by\s", following):
        before_spans = outcome_spans(document, sentence, clause_start, cue_start, extras)
        if before_spans:
            return before_spans[0], False, negated
        # "… is affected by bruxism": the agent is an exposure or a disease,
        # or, after a verb of change, whatever noun phrase follows "by".
        agent = exposure_span(document, cue_end, min(clause_end, cue_end + 40), extras)
        if agent is None and CHANGE_VERB.fullmatch(" ".join(cue_words)):
            agent = direct_object(prose, cue_end + following_offset(prose, cue_end, "by"), clause_end)
            if agent and not (clinical(document, clause_start, cue_start, extras)
                              or clinical(document, agent[0], agent[1], extras)):
                agent = None
        if agent:
            return agent, False, negated
    agent = treated_with(document, before, first, following, (clause_start, cue_end, clause_end), extras) if single else None
    if agent:
        return agent, False, negated
    # The subject is an intervention or an exposure ("The supplement improved
    # …", "Coronary artery disease influences …"): a claim whatever the object.
    # The exposure is the subject: at most three words before the verb, no
    # comma between; and the object names something about health.
    subject = None if passive else exposure_span(document, clause_start, cue_start, extras, last=True)
    if subject is not None:
        between = prose[subject[1]:cue_start]
        if "," not in between and len(WORD.findall(between)) <= 3:
            if first in BE_FORMS:  # "The therapy was effective", "Higher doses were protective"
                return subject, False, negated
            object_end = min(clause_end, cue_end + 60)
            if health_topic(document, cue_end, object_end) or lexicon("outcome-heads").search(
                    prose, cue_end, object_end):
                return subject, False, negated
    # "X was effective", "X is superior to Y", "X has no efficacy": an
    # efficacy predicate claims an effect whatever X is, when the clause names
    # something clinical (an intervention, a disease, an outcome, a clinical
    # term), not just a health topic ("physical", "mental").
    if EFFICACY_CUE.search(prose, cue_start, cue_end):
        if clinical(document, clause_start, clause_end, extras) or (
                in_health_context(document, clause_start, cue_start, extras)
                and not not_health_object(prose, cue_end, clause_end)):
            return (cue_start, cue_end), False, negated
        return None
    # A verb of change with a direct object states an effect on that object,
    # whatever it is called ("reduced IPV", "improves HbA1c", "decreases
    # mortality"), when the subject or the object names something clinical.
    # Not "new or improved treatments" (an adjective), not the writer's own
    # work ("we expanded and improved", "how we can promote learning"), not
    # a list of purposes ("to communicate …, and increase the reach").
    if passive or not CHANGE_VERB.fullmatch(" ".join(cue_words)) or previous == "or":
        return None
    if "we" in before[-3:] or (previous == "and" and base_form and purpose_before(prose, clause_start, cue_start)):
        return None
    found = direct_object(prose, cue_end, clause_end)
    if found and (clinical(document, clause_start, cue_start, extras)
                  or clinical(document, found[0], found[1], extras)
                  or (in_health_context(document, clause_start, cue_start, extras)
                      and not not_health_object(prose, found[0], found[1]))):
        return found, False, negated
    return None


# "was achieved with", "were obtained after": the cue of a nominalised passive.
ACHIEVED_WITH = re.compile(r"(?:was|were)\s+(?:achieved|obtained)\s+(?:with|by|after|following)")
# A change named by a noun: "a reduction in", "improvements of".
CHANGE_NOUN = re.compile(r"(?i)\b(?:reductions?|improvements?|decreases?|increases?|declines?|normali[sz]ation|resolution"
                         r"|remission|relief)\s+(?:in|of)\s")
# What makes the claim after it a question or a condition: "whether", "if",
# "to confirm that", "to determine how".
INQUIRY = re.compile(r"(?i)\b(?:whether|if)\b|\bto\s+(?:\w+\s+){0,2}?(?:confirm|establish|determine|test|verify|prove"
                     r"|demonstrate|examine|investigate|assess|evaluate|clarify|explore|show|see|know|understand|learn)"
                     r"\s+(?:that|how|why)\b")
# Verbs that report a result ("showed better outcomes", "produced improvements in").
RESULT_VERB = re.compile(r"demonstrat|show|yield|produc|achiev")
# "down-" or "up-" right before a verb: "down-regulates".
VERB_PREFIX = re.compile(r"(?<![\w-])(?:down|up)[-‐]$", re.IGNORECASE)


def in_health_context(document: Document, clause_start: int, cue_start: int, extras: Extras) -> bool:
    """Whether a verb of change or an efficacy predicate at cue_start claims
    an effect on health whatever its object: the document is on health, and
    the verb follows its subject with nothing but space between ("IMT
    ameliorates", not "avoiding confounding, reverse causation": a verb
    after a comma is as often a noun or an adjective in a list)."""
    prose = document.prose
    prefix = VERB_PREFIX.search(prose, max(clause_start, cue_start - 6), cue_start)
    verb_start = prefix.start() if prefix else cue_start
    previous = list(WORD.finditer(prose, max(clause_start, verb_start - 60), verb_start))
    # ("Oral iron (100 mg daily) increased …": a parenthesis may close before the verb.)
    if not previous or not SUBJECT_GAP.fullmatch(prose, previous[-1].end(), verb_start):
        return False
    return health_document(document, extras)


# What may stand between a subject's last word and its verb: space, or a
# parenthesis closing ("Oral iron (100 mg daily) increased …").
SUBJECT_GAP = re.compile(r"\s+|[%]?\)\s+")


def direct_cue(prose: str, start: int, end: int) -> bool:
    """A verb of change ("reduces", "leads to", "had effects on") or an
    efficacy predicate ("was effective"): the cues that make a claim whatever
    their object is called."""
    phrase = " ".join(WORD.findall(prose, start, end)).lower()
    return bool(CHANGE_VERB.fullmatch(phrase) or EFFICACY_CUE.search(phrase))


def not_health_object(prose: str, start: int, end: int) -> bool:
    """Whether the object prose[start:end] (up to its first few words) names
    something that is no health outcome: costs, time, traffic, page views …
    (rules/words/hc-not-health-objects.txt)."""
    words = list(WORD.finditer(prose, start, end))[:6]
    if not words:
        return True
    return lexicon("not-health-objects").search(prose, words[0].start(), words[-1].end()) is not None



# Passive forms of the verbs of benefit: "was improved with", "were reduced after".
BENEFIT_PARTICIPLE = re.compile(r"(?:improv|reduc|decreas|lower|reliev|alleviat|attenuat|ameliorat|enhanc|prevent"
                                r"|eliminat|resolv)ed")


def treated_with(document: Document, before: list[str], verb: str, following: str, bounds: tuple[int, int, int],
                 extras: Extras) -> tuple[int, int] | None:
    """The intervention in "pain was reduced with acupuncture", "symptoms
    were improved after surgery": a passive verb of benefit whose cause is
    named right after "with", "after" or "following". ("Risk was increased
    with age" describes a difference, not an effect.)"""
    passive = bool(before) and (before[-1] in BE_FORMS or (len(before) >= 2 and before[-2] in BE_FORMS
                                                          and before[-1].endswith("ly")))
    if not (passive and BENEFIT_PARTICIPLE.fullmatch(verb)):
        return None
    prose = document.prose
    clause_start, cue_end, clause_end = bounds
    # "Symptoms were improved in the exercise group": the group a trial gave something to.
    group = TREATED_GROUP.match(following)
    if group and not NOT_TREATED_GROUP.search(group.group()):
        at = cue_end + len(prose[cue_end:clause_end]) - len(prose[cue_end:clause_end].lstrip())
        return at, at + group.end()
    if not re.match(r"(?:with|after|following)\s", following):
        return None
    found = exposure_span(document, cue_end, min(clause_end, cue_end + 40), extras)
    if found is None and health_document(document, extras):
        # In a document on health, whatever follows is the cause ("was
        # improved with the coaching app"), unless it is time or age.
        word = following.split()[0]
        found = direct_object(prose, cue_end + following_offset(prose, cue_end, word), clause_end)
        # ("Costs were reduced with …": the subject is no health outcome.)
        if found and (TIME_AGENT.match(prose, found[0]) or not_health_object(prose, clause_start, found[0])):
            found = None
    return found


# What a trial gave something to: "in the intervention group", "in the yoga arm".
TREATED_GROUP = re.compile(r"in\s+the\s+(?:[\w-]+\s+){1,3}?(?:group|arm)\b", re.IGNORECASE)
NOT_TREATED_GROUP = re.compile(r"(?i)\b(?:control|placebo|sham|usual|standard|comparison|both|each|either|other|same"
                               r"|age|older|younger|elderly|male|female)\b")
# Not a cause: "improved with age", "reduced after a year".
TIME_AGENT = re.compile(r"(?i)(?:age|ageing|aging|time|years?|months?|weeks?|days?|increasing|advancing)\b")


def purpose_before(prose: str, start: int, end: int) -> bool:
    """A purpose ("to communicate", "in order to engage") earlier in the clause."""
    for match in re.finditer(r"\bto\s+(?!(?:the|a|an|their|its|this|these|those|our|your|his|her|\d)\b)[a-z]+\b",
                             prose[start:end], re.IGNORECASE):
        head = words_before(prose, start, start + match.start(), 1)
        if not head or head[0] not in CLAIMING_TO:
            return True
    return False


def clinical(document: Document, start: int, end: int, extras: Extras) -> bool:
    """Whether prose[start:end] names an intervention, a disease, a health
    outcome or a clinical term — something more specific than a health topic."""
    prose = document.prose

    def named(spans: list[tuple[int, int]]) -> bool:
        # A capitalised word followed by another is part of a name ("Bone
        # Hall", "the Heart Institute"); an acronym ("HIV") is not.
        spans = [(a, b) for a, b in spans
                 if not (prose[a].isupper() and not prose[a:b].isupper() and NAME_NEXT.match(prose, b))]
        return bool(drop_not_health(prose, [a for a, _ in spans], start, end))

    spans = lexicon("interventions").spans(prose, start, end) + disease_spans(prose, start, end, extras.diseases)
    spans += lexicon("outcomes", extras.outcomes).spans(prose, start, end)
    # The long list of clinical terms only when the short ones name nothing.
    return named(spans) or named(phrase_set("clinical").spans(prose, start, end))


NAME_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")


def hedged(document: Document, sentence: Sentence, offset: int, extras: Extras,
           claim_end: int | None = None) -> tuple[int, int] | None:
    """The hedge in the clause of offset, if any. With `claim_end`, a hedge in
    a relative clause after the claim's outcome ("X improved the behaviours
    that may lead to …") governs that relative clause, not the claim."""
    prose = document.prose
    clause_start, clause_end = clause_bounds(prose, sentence.start, sentence.end, offset)
    if claim_end is not None and claim_end < clause_end:
        relative = RELATIVE_START.search(prose, claim_end, clause_end)
        if relative:
            clause_end = relative.start()
        # A second predicate or a comment after the claim has its own
        # modality: "X reduced Y and should be offered …", "X reduced Y,
        # suggesting a benefit".
        tail = LATER_PREDICATE.search(prose, claim_end, clause_end)
        if tail:
            clause_end = tail.start()
    for a, b in lexicon("hedges", extras.hedges).finditer(prose, clause_start, clause_end):
        # Part of a compound ("antibiotic-associated diarrhoea", "dose-related"): no hedge.
        if prose[a - 1:a] in ("-", "‐"):
            continue
        # After the claim's object and not after a verb of being, "associated
        # with" modifies that object ("reduced the complications associated
        # with surgery"); "X was associated with Y" is the correlational claim.
        if claim_end is not None and a >= claim_end and POST_MODIFIER.fullmatch(prose, a, b) and not (
                set(words_before(prose, clause_start, a, 2)) & BE_FORMS):
            continue
        # "The results suggest that X reduces Y": a report of the claim that
        # follows, which states it as fact ("research suggests" is an appeal
        # to research, not a hedge); the claim's own words decide.
        if b <= offset and REPORTING_FRAME.fullmatch(prose, a, b) and WORD.search(prose, b, offset) is not None:
            continue
        return a, b
    return None


# What starts a predicate or a comment of its own after a claim: "and
# should …", "or may …", ", suggesting …".
LATER_PREDICATE = re.compile(
    r"(?i),?\s+(?:and|or)\s+(?:\w+\s+)?(?=(?:may|might|could|should|would|can|must)\b)"
    r"|,\s*(?=(?:suggesting|indicating|implying|highlighting|supporting|underscoring|confirming|emphasi[sz]ing)\b)")
# Hedges that, right after a noun, modify it: "complications associated with surgery".
POST_MODIFIER = re.compile(r"(?i)associated(?:\s+with)?|related\s+to|linked\s+(?:to|with)|correlated")


# Reporting verbs that introduce a claim ("suggests that", "indicated that").
REPORTING_FRAME = re.compile(r"(?i:suggest|suggests|suggested|indicate|indicates|indicated)")


RELATIVE_START = re.compile(r"\s(?:that|which|who)\s", re.IGNORECASE)


def administrative(document: Document, sentence: Sentence) -> bool:
    return lexicon("administrative").search(document.prose, sentence.start, sentence.end) is not None


def administrative_claim(document: Document, claim: Claim) -> bool:
    """A claim about what a plan, a law or insurance does: an administrative
    word in the claim's clause, up to the end of its outcome ("Your plan
    covers therapy that reduces anxiety"), not later in the sentence ("…,
    which can improve X and was safe for clinical application")."""
    sentence = document.sentences[claim.sentence]
    clause_start, _ = clause_bounds(document.prose, sentence.start, sentence.end, claim.start)
    return lexicon("administrative").search(document.prose, clause_start, claim.end) is not None


def sentence_index(document: Document) -> list[int]:
    """Where each sentence starts (kept: the rules look offsets up often)."""
    return _cached(document, "sentence-starts", lambda: [s.start for s in document.sentences])


def _cached(document: Document, key: Any, compute: Any) -> Any:
    """Results derived from a document, kept on it so the HC rules share them."""
    store = document.memo("hc", _new_store)
    try:
        return store[key]
    except KeyError:
        value = store[key] = compute()
        return value


def _new_store(_: Document) -> dict[Any, Any]:
    return {}


def sources(document: Document) -> Sources:
    return _cached(document, "sources", lambda: find_sources(document))


def skip_sentence(document: Document, sentence: Sentence) -> bool:
    """Sentences that are never claims: questions, topic headings, reference entries."""
    return (
        sentence.block in reference_section(document)
        or is_question(document.prose, sentence)
        or is_topic_heading(document, sentence)
    )


def causal_claims(document: Document, extras: Extras = NO_EXTRAS) -> list[Claim]:
    return _cached(document, ("claims", extras), lambda: _find_causal_claims(document, extras))


def _find_causal_claims(document: Document, extras: Extras) -> list[Claim]:
    if not may_be_on_health(document, extras):
        return []  # every claim is in a sentence on health, or in a document on health
    prose = document.prose
    sentences = document.sentences
    starts = sentence_index(document)
    # In a document that is not on health, a cue counts only in a sentence
    # on health (checked below): the cue lexicons read the candidates alone.
    candidates = candidate_sentences(document, extras)
    if candidates is not None and not health_document(document, extras):
        ranges = sentence_ranges(document, candidates)
        causal = lexicon("causal-verbs", extras.causal).spans_in(prose, ranges)
        disease = lexicon("disease-verbs").spans_in(prose, ranges)
    else:
        causal = lexicon("causal-verbs", extras.causal).spans(prose)
        disease = lexicon("disease-verbs").spans(prose)
    # Disease phrases win over efficacy phrases that start at the same place.
    cues: dict[int, tuple[int, int, bool]] = {}
    for a, b in causal:
        cues[a] = (a, b, False)
    # The efficacy phrase a disease phrase displaced, tried when no disease
    # follows ("lowered the risk of recurrent myocardial infarction").
    fallback: dict[int, tuple[int, int, bool]] = {}
    for a, b in disease:
        if a not in cues or cues[a][1] <= b:
            if a in cues:
                fallback[a] = cues[a]
            cues[a] = (a, b, True)
    claims: list[Claim] = []
    done: set[int] = set()
    for a in sorted(cues):
        start, end, disease_cue = cues[a]
        index = bisect_right(starts, start) - 1
        if index < 0 or index in done:
            continue
        # A sentence that names nothing about health holds a claim only in a
        # document on health, and only with a verb of change or an efficacy
        # predicate ("IMT ameliorates pHDL index").
        if not sentence_on_health(document, index, extras) and not (
                direct_cue(prose, start, end) and health_document(document, extras)):
            continue
        sentence = sentences[index]
        if not (sentence.start <= start < sentence.end) or skip_sentence(document, sentence):
            continue
        found = _claim_in_clause(document, sentence, (start, end), disease_cue, extras)
        if found is None and a in fallback:
            start, end, disease_cue = fallback[a]
            found = _claim_in_clause(document, sentence, (start, end), disease_cue, extras)
        if found is None:
            continue
        (o_start, o_end), is_disease, negated = found
        if hedged(document, sentence, start, extras, max(o_end, end)):
            continue
        if is_definition(document, sentence, start) or in_attributed_quote(document, sentence, start):
            continue
        # "helps reduce": report the whole phrase
        more = re.match(r"\s+(?:to\s+)?", prose[end:end + 5])
        if more:
            nxt = cues.get(end + more.end())
            if nxt and nxt[1] <= o_start:
                end = nxt[1]
                is_disease = is_disease or (nxt[2] and bool(disease_spans(prose, end, o_end)))
        clause_start, clause_end = clause_bounds(prose, sentence.start, sentence.end, start)
        prefix = VERB_PREFIX.search(prose, max(sentence.start, start - 6), start)
        if prefix:  # "down-regulates": the verb with its prefix
            start = prefix.start()
        stat = STATISTIC.search(prose, start, clause_end)
        cited = bool(find_citations(document.text, sentence.start, sentence.end)
                     or named_study(document, sentence) is not None)
        claim_start, claim_end = min(o_start, start), max(o_end, end)
        claims.append(Claim(index, claim_start, claim_end, " ".join(prose[start:end].split()),
                            " ".join(prose[o_start:o_end].split()), is_disease, cited,
                            " ".join(stat.group().split()) if stat else "", negated,
                            prose[claim_start:claim_end]))
        done.add(index)
    claims += _construction_claims(document, extras, done)
    return sorted(claims, key=lambda claim: claim.start)


# Claims that no verb phrase of the lexicons states, each found by one
# pattern over the document:
# "the effect of X on Y was significant" (an effect named by a noun, judged)
EFFECT_JUDGED = re.compile(
    r"(?i)\b(?:effects?|impacts?|benefits?)\s+of\s+(?P<x>[^.;:?!]{1,80}?)\s+on\s+[^.;:?!]{1,80}?"
    r"\s(?:was|were|is|are|remained)\s+(?P<neg>not\s+)?(?:(?:statistically|clinically|highly|also)\s+)?"
    r"(?:significant|positive|beneficial|substantial|large|marked|considerable)\b")
# "patients receiving X had fewer Y", "women treated with X showed lower Y":
# the outcome of a group defined by what it was given.
GIVEN_GROUP_OUTCOME = re.compile(
    r"(?i)\b(?:patients|participants|subjects|women|men|children|infants|adults|individuals|people|those|mice|rats"
    r"|animals)\s+(?:who\s+(?:received|were\s+given|were\s+treated\s+with|took|underwent|were\s+randomi[sz]ed\s+to"
    r"|were\s+assigned\s+to)|receiving|treated\s+with|given|randomi[sz]ed\s+to|assigned\s+to|allocated\s+to)"
    r"\s+(?P<x>[^,;:.?!]{1,60}?)\s+(?:had|showed|experienced|achieved|developed|required|demonstrated)"
    r"\s+(?:(?:significantly|statistically|markedly|substantially|consistently)\s+)*"
    r"(?:fewer|lower|less|better|greater|higher|more|shorter|longer|reduced|improved|increased|decreased|faster"
    r"|slower|smaller|larger)\b")
# "X plays a key role in Y", "X is essential to Y", "X is a major determinant
# of Y", "X is a leading cause of Y": a part in bringing Y about, stated as
# fact (in a document on health).
ROLE_CLAIM = re.compile(
    r"(?i)(?<!\bit )(?<!\bthis )(?<!\bthat )(?<!\bthere )\b(?:"
    r"(?:plays?|played)\s+(?:an?\s+|the\s+)?(?:(?:key|major|important|critical|crucial|central|essential|pivotal"
    r"|significant|causal|protective|vital|fundamental|main|dominant|direct|decisive)\s+)+roles?\s+in"
    r"|(?:is|are|was|were)\s+(?:(?:also|therefore|thus)\s+)?(?:key|essential|critical|crucial|fundamental|central|vital"
    r"|pivotal|indispensable)\s+(?:(?:elements?|factors?|components?)\s+)?(?:to|for|in)"
    r"|(?:is|are|was|were)\s+(?:an?|the)\s+(?:(?:key|major|main|primary|principal|leading|important|critical|crucial"
    r"|independent|causal|common|frequent)\s+)*(?:determinants?|drivers?|mediators?|contributors?|causes?)\s+(?:of|to|in)"
    r"|(?:is|are|was|were)\s+one\s+of\s+the\s+(?:\w+\s+){0,2}causes\s+of"
    # "highlights the role of X in Y", "the importance of X for Y"
    r"|(?:the\s+)?(?:(?:key|major|important|critical|crucial|central|pivotal|causal)\s+)?(?:role|importance)\s+of"
    r"\s+[^.;:?!]{1,80}?\s+(?:in|for))\s")
# Verbs of inquiry: what follows them is studied, not found.
INQUIRY_VERB = re.compile(r"(?i)\b(?:examin(?:e|es|ed|ing)|investigat\w*|assess(?:es|ed|ing)?|evaluat\w*|explor\w*"
                          r"|determin(?:e|es|ed|ing)|clarif\w*|understand\w*|address(?:es|ed|ing)?|elucidat\w*"
                          r"|analy[sz](?:e|es|ed|ing)|describ\w*|discuss\w*|unknown|unclear)\b")
CONSTRUCTIONS = (EFFECT_JUDGED, ROLE_CLAIM, GIVEN_GROUP_OUTCOME)
# Where one of them may be: one RE2 pass over a document's prose finds the
# sentences the full patterns are tried on.
CONSTRUCTION_TRIGGER = (
    r"\b(?:effect|impact|benefit)s?\s+of\s"
    r"|\broles?\s+in\b|\b(?:role|importance)\s+of\s|\b(?:key|essential|critical|crucial|fundamental|central|vital|pivotal|indispensable)"
    r"\s+(?:\w+\s+)?(?:to|for|in)\s|\b(?:determinant|driver|mediator|contributor|cause)s?\s+(?:of|to|in)\s"
    r"|\b(?:receiving|treated\s+with|given|randomi[sz]ed\s+to|assigned\s+to|allocated\s+to"
    r"|who\s+(?:received|were|took|underwent))\s"
)


@lru_cache(maxsize=1)
def construction_trigger() -> Any:
    return ascii_pattern(CONSTRUCTION_TRIGGER)


def _construction_claims(document: Document, extras: Extras, done: set[int]) -> list[Claim]:
    """Claims stated by a construction rather than a causal verb (see
    CONSTRUCTIONS), in sentences that hold no other claim; the same
    silencers apply (hedge, question, heading, definition, quote)."""
    prose = document.prose
    found: list[Claim] = []
    candidates = candidate_sentences(document, extras)
    if candidates is not None and not health_document(document, extras):
        allowed: set[int] | None = set(candidates) - done  # a claim is in a sentence on health (below)
        if not allowed:
            return found
    else:
        allowed = None
    starts = sentence_index(document)
    indices = sorted({bisect_right(starts, a) - 1 for a, _ in ascii_spans(construction_trigger(), prose)})
    for index in indices:
        if allowed is not None and index not in allowed:
            continue
        for pattern in CONSTRUCTIONS:
            if index < 0 or index in done:
                break
            sentence = document.sentences[index]
            match = pattern.search(prose, sentence.start, sentence.end)
            if match is None or skip_sentence(document, sentence):
                continue
            if not (sentence_on_health(document, index, extras) or health_document(document, extras)):
                continue
            # A part played in something: only in a document on health, and
            # with a subject before it ("Sleep plays a key role in …").
            if pattern is ROLE_CLAIM and not (health_document(document, extras)
                                              and WORD.search(prose, sentence.start, match.start())):
                continue
            # "We examined the role of X in Y": a question studied, not an answer.
            if pattern is ROLE_CLAIM and INQUIRY_VERB.search(prose, sentence.start, match.start()):
                continue
            _, clause_end = clause_bounds(prose, sentence.start, sentence.end, match.start())
            end = match.end()
            if pattern is not EFFECT_JUDGED:
                more = direct_object(prose, end, clause_end)
                end = more[1] if more else end
            if end > clause_end or hedged(document, sentence, match.start(), extras, end):
                continue
            if is_definition(document, sentence, match.start()) or in_attributed_quote(document, sentence,
                                                                                         match.start()):
                continue
            text = prose[match.start():end]
            cited = bool(find_citations(document.text, sentence.start, sentence.end)
                         or named_study(document, sentence) is not None)
            negated = bool(match.groupdict().get("neg"))
            subject = match.groupdict().get("x") or text
            found.append(Claim(index, match.start(), end, shown(text), shown(subject), False, cited,
                               "", negated, text))
            done.add(index)
    return found


@lru_cache(maxsize=16)
def health_terms(outcomes: tuple[str, ...] = (), diseases: tuple[str, ...] = ()) -> Lexicon:
    """Outcomes, diseases, interventions and health topics in one pattern: one
    pass over a document finds every sentence that could hold a claim."""
    entries = read_word_file("outcomes") + outcomes + read_word_file("diseases") + diseases
    entries += read_word_file("interventions") + read_word_file("health-topics")
    return Lexicon("health-terms", entries, token_test=disease_by_form)


def sentence_on_health(document: Document, index: int, extras: Extras = NO_EXTRAS) -> bool:
    """Whether sentence `index` names a health outcome, a disease, an
    intervention, a health topic or a clinical term (hc-clinical.txt). No
    other sentence can hold a health claim. Worked out when first asked, for
    the sentences a rule's cue is in, not for the whole document."""
    store = _cached(document, ("health", extras), dict)
    if index in store:
        return store[index]
    candidates = health_candidates(document, extras)
    if candidates is not None and index not in candidates:
        return False  # most sentences of a document on health name no health term
    if index not in store:
        prose = document.prose
        sentence = document.sentences[index]
        if candidates is None and not _piece_may_be_on_health(prose, sentence.start, sentence.end, extras):
            store[index] = False
            return False
        offsets = [a for a, _ in health_terms(extras.outcomes, extras.diseases).spans(prose, sentence.start,
                                                                                         sentence.end)]
        found = bool(drop_not_health(prose, offsets, sentence.start, sentence.end))
        if not found:  # the long list of clinical terms only when needed
            offsets = [a for a, _ in phrase_set("clinical").spans(prose, sentence.start, sentence.end)]
            found = bool(drop_not_health(prose, offsets, sentence.start, sentence.end))
        store[index] = found
    return store[index]


# A document is on health when at least this share of its sentences (and
# this many of them) name a health outcome, a disease or an intervention: in
# such a document a direct causal claim is about health whatever its object
# is called ("improves conspicuity of …"); see health_document.
HEALTH_DOCUMENT_SHARE = 0.5
HEALTH_DOCUMENT_SENTENCES = 5


@lru_cache(maxsize=16)
def specific_health_terms(outcomes: tuple[str, ...] = (), diseases: tuple[str, ...] = ()) -> Lexicon:
    """Outcomes, diseases and interventions: what an article about health
    names sentence after sentence (not the general topics — "health",
    "patients", "medical" — that an article on health IT or insurance names too)."""
    entries = read_word_file("outcomes") + outcomes + read_word_file("diseases") + diseases
    entries += read_word_file("interventions")
    return Lexicon("specific-health-terms", entries, token_test=disease_by_form)


def health_document(document: Document, extras: Extras = NO_EXTRAS) -> bool:
    """Whether the document as a whole is about health: at least half of its
    sentences (and five) name a health outcome, a disease or an
    intervention. One pass of one lexicon over the whole prose, worked out
    only when a rule first asks (a verb of change whose sentence or object
    names nothing clinical)."""
    return _cached(document, ("health-document", extras), lambda: _is_health_document(document, extras))


def _is_health_document(document: Document, extras: Extras) -> bool:
    if not may_be_on_health(document, extras):
        return False
    sentences = document.sentences
    needed = max(HEALTH_DOCUMENT_SENTENCES, HEALTH_DOCUMENT_SHARE * len(sentences))
    candidates = health_candidates(document, extras)
    if len(sentences) < HEALTH_DOCUMENT_SENTENCES or (candidates is not None and len(candidates) < needed):
        # The terms below are terms of the screen too: the sentence of each
        # (as counted below) is one of health_candidates.
        return False
    prose = document.prose
    offsets = [a for a, _ in specific_health_terms(extras.outcomes, extras.diseases).spans(prose)]
    if len(offsets) < HEALTH_DOCUMENT_SHARE * len(sentences):
        return False
    starts = sentence_index(document)
    named = {bisect_right(starts, offset) - 1 for offset in drop_not_health(prose, offsets, 0, len(prose))}
    return len(named) >= needed


# ---------------------------------------------------------------------------
# A document with no health term at all
#
# Most documents a team lints (a site about web design, a policy page) name
# no health outcome, disease, intervention, health topic or clinical term
# anywhere. No sentence of such a document is on health, so no HC rule but
# the author–year citations of HC104 can report anything in it. One RE2
# search over the whole prose proves it, instead of each rule looking up its
# cue words and then the health terms of each cue's sentence.

# The screen's pattern takes ~20 ms to compile and saves ~0.5 ms on a
# document without health terms: a process builds it for its 20th document,
# so a one-file run (pre-commit) never pays for it.
SCREEN_AFTER_DOCUMENTS = 20
_screened_documents = 0

# Between two tokens of an entry: white space, a hyphen or other text (any
# character that is no ASCII letter or digit, in the searched bytes).
_SCREEN_GAP = r"[^a-z0-9]+"
# The end of a word: a character that is no ASCII letter or digit, or the end of the text.
_SCREEN_END = r"(?:[^a-z0-9]|$)"
# A disease named by its form (disease_by_form): three letters, an ending, the end of the word.
_SCREEN_FORM = r"[a-z]{3}(?:itis|osis|emia|aemia|oma|omas|pathy|pathies)" + _SCREEN_END


def _screen_literal(text: str) -> str:
    """Text as it is searched: ASCII, with any other character as "?" (see ascii_spans)."""
    if text.isascii() and text.isalnum():  # most tokens: nothing to replace or escape
        return text.lower()
    return re.escape(text.lower().encode("ascii", "replace").decode("ascii"))


def _screen_entry(items: tuple[tuple[str, str], ...]) -> str:
    """An entry's tokens up to its first wildcard, joined by gaps: a pattern
    that matches wherever the entry matches (and sometimes elsewhere)."""
    parts: list[str] = []
    for index, (gap, token) in enumerate(items):
        if token == WILDCARD:
            break
        if index and gap != "":
            parts.append(_SCREEN_GAP)
        parts.append(_screen_literal(token))
    return "".join(parts)


@lru_cache(maxsize=16)
def health_screen(outcomes: tuple[str, ...] = (), diseases: tuple[str, ...] = ()) -> Any:
    """One RE2 pattern (on the bytes of ascii_spans) that matches wherever
    health_terms or hc-clinical.txt has a match, or None if it cannot be
    compiled. An entry must start a word (a sentence starts after white
    space, so a match at its start starts a word in the document too) and a
    one-word entry must end one; a phrase anchored on a later word
    ("the flu") may start anywhere."""
    import re2

    words: set[str] = set()  # one-word entries that start a word: they must end one too
    word_start: set[str] = set()
    anywhere = {_SCREEN_FORM}
    for lexicon_ in (health_terms(outcomes, diseases), phrase_set("clinical")):
        for anchored, table in ((False, lexicon_.by_first), (True, lexicon_.by_anchor)):
            for entries in table.values():
                for items, _, _, _ in entries:
                    pattern = _screen_entry(items)
                    word = len(items) == 1 and pattern[-1:].isalnum()
                    if anchored or not pattern[:1].isalnum():
                        anywhere.add(pattern + _SCREEN_END if word else pattern)
                    else:
                        (words if word else word_start).add(pattern)
    # The one-word entries share their word end (a smaller automaton, built
    # faster, for the same language).
    if words:
        word_start.add("(?:" + "|".join(sorted(words)) + ")" + _SCREEN_END)
    pattern = "(?:^|[^a-z0-9])(?:" + "|".join(sorted(word_start)) + ")|" + "|".join(sorted(anywhere))
    try:
        # Room for the search automaton of a few thousand entries.
        return re2.compile(pattern.encode("ascii"), options=_ascii_options(32 << 20))
    except re2.error:
        return None


def screen_spans(document: Document, extras: Extras = NO_EXTRAS) -> list[tuple[int, int]] | None:
    """Where the health screen matches in the prose, in order; None when it
    is not used: before the screen is built, if it cannot be compiled, or if
    a sentence's edge is inside a word (see _sentences_at_word_edges)."""
    def compute() -> list[tuple[int, int]] | None:
        global _screened_documents
        _screened_documents += 1
        if _screened_documents < SCREEN_AFTER_DOCUMENTS:
            return None
        data = lowered_ascii(document.prose)
        screen = health_screen(extras.outcomes, extras.diseases)
        if screen is None or not _sentences_at_word_edges(document, data):
            return None
        return [match.span() for match in screen.finditer(data)]

    return _cached(document, ("screen", extras), compute)


def may_be_on_health(document: Document, extras: Extras = NO_EXTRAS) -> bool:
    """False when no sentence of the document can be on health
    (sentence_on_health): no term of health_terms or hc-clinical.txt occurs
    anywhere in its prose. True when one may (or before the screen is built)."""
    spans = screen_spans(document, extras)
    return spans is None or bool(spans)


def health_candidates(document: Document, extras: Extras = NO_EXTRAS) -> set[int] | None:
    """The sentences that may be on health, by the screen's matches in the
    whole prose; None when the screen is not used (screen_spans).

    Where the screen matches in a sentence on its own, it matches in the
    prose at the same place (a sentence starts and ends at word edges: see
    _sentences_at_word_edges): and of the matches a search finds one after
    the other, one covers every place where the pattern matches. So a
    sentence on health has a match of screen_spans in it or touching its
    start; the set holds the sentence of every offset a match covers, from
    its start to its end included (and -1 for offsets before the first sentence)."""
    def compute() -> set[int] | None:
        spans = screen_spans(document, extras)
        if not spans:
            return None if spans is None else set()
        starts = sentence_index(document)
        found: set[int] = set()
        for start, end in spans:
            found.update(range(bisect_right(starts, start) - 1, bisect_right(starts, end)))
        return found

    return _cached(document, ("candidates", extras), compute)


def candidate_sentences(document: Document, extras: Extras = NO_EXTRAS) -> list[int] | None:
    """The indices of the sentences that may be on health (health_candidates),
    in order; None when the screen is not used (a rule then goes over the
    whole document as before). Every sentence on health is among them, and
    few others: a rule reads its cues in these sentences alone, then asks
    sentence_on_health for the few sentences where a cue is (rather than
    for every one of them first)."""
    def compute() -> list[int] | None:
        candidates = health_candidates(document, extras)
        if candidates is None:
            return None
        count = len(document.sentences) if candidates else 0
        return [index for index in sorted(candidates) if 0 <= index < count]

    return _cached(document, ("candidate-sentences", extras), compute)


def sentence_ranges(document: Document, indices: Iterable[int]) -> list[tuple[int, int]]:
    """(start, end) of the sentences, for Lexicon.spans_in."""
    sentences = document.sentences
    return [(sentences[index].start, sentences[index].end) for index in indices]


def _piece_may_be_on_health(prose: str, start: int, end: int, extras: Extras) -> bool:
    """False when prose[start:end] holds no term of health_terms or
    hc-clinical.txt: the screen searched in the very piece the lexicons
    look at (so its edges are word edges for both). True when it may, or
    when this process has not built the screen yet (see may_be_on_health)."""
    if _screened_documents < SCREEN_AFTER_DOCUMENTS or start >= min(end, len(prose)):
        return True
    screen = health_screen(extras.outcomes, extras.diseases)
    if screen is None:
        return True
    low = text_index(prose, max(0, start), min(end, len(prose))).low
    return screen.search(low.encode("ascii", "replace")) is not None


# The one character that is not ASCII and lower-cases to one that is ("K" to "k").
KELVIN = "\u212a"
START = attrgetter("start")
END = attrgetter("end")
# The bytes that are no ASCII letter or digit: deleted, they leave those that are.
NOT_ALNUM = bytes(c for c in range(256) if not (chr(c).isascii() and chr(c).isalnum()))


def lowered_ascii(text: str) -> bytes:
    """ascii_bytes(text_index(text).low), the bytes the health screen
    searches, without lower-casing the whole text as a str (most documents
    have no health term, and bytes.lower() is much cheaper): a character
    that is not ASCII is "?" either way (TextIndex keeps one whose lower
    case is longer, "İ", as it is), and none but KELVIN lower-cases to an
    ASCII one."""
    if KELVIN in text:
        return ascii_bytes(text_index(text).low)
    return text.replace("’", "'").encode("ascii", "replace").lower()


def _sentences_at_word_edges(document: Document, data: bytes) -> bool:
    """Whether every sentence starts and ends at a word's edge in `data`
    (lowered_ascii of the prose), so that the screen's word edges are the
    sentences' own: a sentence starts after white space and ends before it,
    except at a block's edge: so no block may have an ASCII letter or digit
    just before it or just after it."""
    blocks = document.blocks
    before = b" " + data  # before[start] is the byte before data[start] (a space at the text's start)
    after = data + b" "  # after[end] is the byte at data[end] (a space at the text's end)
    edges = bytes(map(before.__getitem__, map(START, blocks))) + bytes(map(after.__getitem__, map(END, blocks)))
    return not edges.translate(None, NOT_ALNUM)


def health_sentences(document: Document, extras: Extras = NO_EXTRAS) -> set[int]:
    """Indices of all the sentences on health (see sentence_on_health)."""
    return {i for i in range(len(document.sentences)) if sentence_on_health(document, i, extras)}


def health_topic(document: Document, start: int, end: int) -> bool:
    """Whether prose[start:end] names a health outcome, a disease or a health topic."""
    prose = document.prose
    return bool(
        lexicon("outcomes").search(prose, start, end)
        or disease_spans(prose, start, end)
        or lexicon("health-topics").search(prose, start, end)
    )


def exposure_span(document: Document, start: int, end: int, extras: Extras,
                  last: bool = False) -> tuple[int, int] | None:
    """An intervention, exposure or disease named in prose[start:end] (a
    claim's subject or agent): the first one, or the last with `last`."""
    prose = document.prose
    spans = lexicon("interventions").spans(prose, start, end) + disease_spans(prose, start, end, extras.diseases)
    keep = set(drop_not_health(prose, [a for a, _ in spans], start, end))
    spans = sorted(span for span in spans if span[0] in keep)
    if not spans:
        return None
    return spans[-1] if last else spans[0]


def health_topic_span(document: Document, start: int, end: int) -> tuple[int, int] | None:
    prose = document.prose
    spans = lexicon("outcomes").spans(prose, start, end) + disease_spans(prose, start, end)
    spans += lexicon("health-topics").spans(prose, start, end)
    return min(spans) if spans else None


def shown(text: str) -> str:
    """A phrase for a message: one line, straight quotes."""
    return " ".join(text.replace("’", "'").split())


__all__ = [
    "Claim", "Citation", "Extras", "Lexicon", "Sources", "administrative", "administrative_claim", "causal_claims", "clause_bounds",
    "disease_spans", "find_citations", "hedged", "health_topic", "is_question", "is_topic_heading", "lexicon",
    "read_word_file", "sentence_has_source", "shown", "skip_sentence", "sources", "words_before",
]


# Options of the causal-claim rules (HC101, HC102): entries added to the lexicons.
from contentlint.rule import Option  # noqa: E402

CLAIM_OPTIONS = (
    Option("extra-hedges", [], "More hedges that silence a claim (added to rules/words/hc-hedges.txt)."),
    Option("extra-outcomes", [], "More health outcomes (added to rules/words/hc-outcomes.txt)."),
    Option("extra-diseases", [], "More diseases (added to rules/words/hc-diseases.txt)."),
    Option("extra-causal-phrases", [], "More causal phrases (added to rules/words/hc-causal-verbs.txt)."),
)


# ---------------------------------------------------------------------------
# Helpers for the phrase-based HC rules (HC103–HC106)


def sentence_of(document: Document, offset: int) -> int | None:
    """Index of the sentence containing offset, or None."""
    index = bisect_right(sentence_index(document), offset) - 1
    if index >= 0 and offset < document.sentences[index].end:
        return index
    return None


def negated_before(document: Document, sentence: Sentence, offset: int, words: int = 3) -> bool:
    """A negation among the few words before offset ("not proven", "no studies show")."""
    prose = document.prose
    near = list(WORD.finditer(prose, sentence.start, offset))[-words:]
    if not near:
        return False
    return lexicon("negations").search(prose, near[0].start(), offset) is not None


def is_health_sentence(document: Document, index: int) -> bool:
    return sentence_on_health(document, index)


def quoted_or_attributed(document: Document, sentence: Sentence, offset: int) -> bool:
    return in_attributed_quote(document, sentence, offset)


def block_mentions(document: Document, sentence: Sentence, name: str) -> bool:
    """Whether the sentence's lexicon `name` has an entry in its block (paragraph)."""
    block = document.blocks[sentence.block]
    return lexicon(name).search(document.prose, block.start, block.end) is not None


def sentences_with(document: Document, words: frozenset[str], followed: Mapping[str, Any] | None = None,
                   among: list[int] | None = None) -> list[int]:
    """Indices of the sentences whose prose has one of `words` (lower-case
    tokens), in order: a rule's cue words found with ``str.find``, so the
    rule's patterns run only on the sentences that may match. `followed`
    maps a word to a pattern that must match the prose right after it
    ("have" → " to"; the words are found in the lower-cased prose, so such a
    pattern ignores case). With `among` (indices in order), only those
    sentences are looked at, each in its own piece of the prose."""
    prose = document.prose
    followed = followed or {}
    if among is not None:
        sentences = document.sentences
        longest = max(map(len, words), default=0)
        return [i for i in among
                if _has_token(prose, sentences[i].start, sentences[i].end, words, followed, longest)]
    index = text_index(prose)
    offsets = sorted(at for word in words for at in index.token_starts(word)
                     if word not in followed or followed[word].match(prose, at + len(word)))
    found: list[int] = []
    for offset in offsets:
        sentence = sentence_of(document, offset)
        if sentence is not None and (not found or found[-1] != sentence):
            found.append(sentence)
    return found


def _has_token(prose: str, start: int, end: int, words: frozenset[str], followed: Mapping[str, Any],
               longest: int) -> bool:
    """Whether one of `words` starts in prose[start:end] as a token of the
    whole lower-cased prose (as TextIndex.token_starts finds it), with what
    `followed` asks after it. The piece read, lower-cased on its own, runs
    from two characters before the range (a word's edge) to two after the
    longest word that starts in it: it is the whole prose's lower case
    there, but for a capital sigma (see window_piece)."""
    first, last = max(0, start - 2), min(len(prose), end + longest + 2)
    if prose.find(CAPITAL_SIGMA, first, last) >= 0:
        first, low = 0, text_index(prose).low
    else:
        low = lowered(prose[first:last])
    offset = first
    total = len(prose)
    start, end = start - offset, end - offset
    for word in words:
        size = len(word)
        at = low.find(word, start, end + size)
        while 0 <= at < end:
            after = at + size
            if ((at + offset == 0 or not _inside_word(low, at))
                    and (after + offset == total or not _inside_word(low, after))
                    and (word not in followed or followed[word].match(prose, after + offset))):
                return True
            at = low.find(word, at + 1, end + size)
    return False
