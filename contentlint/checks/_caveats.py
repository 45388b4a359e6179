"""Shared detection for the CV family: sensitive topics, help caveats, crisis resources.

Everything here is driven by word lists (``rules/words/cv-*.txt``) so users
extend it without Python. Topics are found in ``document.prose`` only (code,
URLs and front matter never count); caveats are found in the prose too, which
includes link text and the text of raw HTML blocks, and crisis resources also
in link targets (``tel:`` numbers and known web addresses).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from contentlint.document import Document
from contentlint.kinds import prose_bytes
from contentlint.patterns import compile_pattern, finditer_words, is_word_char, token_pattern

REGEX_PREFIX = "re:"
EXCEPTION_PREFIX = "!"

# Between an action ("talk to") and a professional ("doctor"): a few words
# such as "your", "a qualified", "your family".
_GAP = r"\s+(?:[\w'’-]+\s+){0,3}?"
# "your pharmacist can advise you": a professional, a modal, a helping verb.
_MODAL_HELP = (
    r"\s+(?:can|could|may|might|will|would|should|is able to|are able to)\s+(?:also\s+|usually\s+|often\s+)?"
    r"(?:help|advise|recommend|suggest|explain|discuss|prescribe|refer|support|guide|assess|diagnose|"
    r"check|adjust|answer|work out|talk)\b"
)
# Words that may stand between a negation and the caveat it negates
# ("you don't really need to see a doctor").
_FILLER = r"(?:to|you|really|even|ever|actually|necessarily|go|and|bother|bothering|need|needs|have|has|a|an|the|" \
          r"your|any|first|i|we|they)"
# "Never stop your medication without talking to your doctor": after a
# prohibition, "without" introduces the advice, not a dismissal of it.
_PROHIBITION = re.compile(r"\b(?:never|don'?t|don’t|do not|should not|shouldn'?t|shouldn’t|must not|mustn'?t|"
                          r"mustn’t|not)\b", re.IGNORECASE)
_WITHOUT_AT_END = re.compile(r"\bwithout\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
_TEL = re.compile(r"\btel:\s*([+0-9().\-\s]{3,30})", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\d(?:[\s.\-()]*\d)*")
_NUMBER_SEPARATORS = "-.,/"
_DIAL_WORDS = re.compile(r"^(?:(?:call|dial|ring|phone|text|or)\s+)+", re.IGNORECASE)
# A tel: link may carry a country code before the local number.
_COUNTRY_CODES = ("", "1", "44", "353", "61", "64", "0", "00", "001", "0044")


class WordListError(ValueError):
    """A word-list entry that cannot be compiled; the message names the entry."""


@dataclass(frozen=True)
class Entries:
    """A word list split into literal terms and RE2 patterns, kept or excepted."""

    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    not_terms: tuple[str, ...] = ()
    not_patterns: tuple[str, ...] = ()


def split_entries(lines: Iterable[str]) -> Entries:
    """Read the ``term`` / ``re:PATTERN`` / ``!term`` / ``!re:PATTERN`` syntax."""
    terms: list[str] = []
    patterns: list[str] = []
    not_terms: list[str] = []
    not_patterns: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negative = line.startswith(EXCEPTION_PREFIX)
        if negative:
            line = line[1:].strip()
        if line.startswith(REGEX_PREFIX):
            (not_patterns if negative else patterns).append(line[len(REGEX_PREFIX):].strip())
        elif line:
            (not_terms if negative else terms).append(line)
    return Entries(tuple(terms), tuple(patterns), tuple(not_terms), tuple(not_patterns))


def _compile(pattern: str, where: str) -> Any:
    from contentlint.patterns import PatternError

    try:
        return compile_pattern(pattern, ignore_case=True)
    except PatternError as error:
        shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
        raise WordListError(f"{where}: invalid pattern {shown!r}: {error}") from None


def compile_matchers(terms: Sequence[str], patterns: Sequence[str], where: str) -> list[Any]:
    """One alternation for the literal terms plus one matcher per pattern."""
    compiled = []
    if terms:
        compiled.append(_compile(token_pattern(terms), where))
    compiled.extend(_compile(pattern, where) for pattern in patterns)
    return compiled


Match = tuple[int, int, int, int]  # start, end, and the mention in it (mention_span), in characters


def prose_matches(compiled: Any, document: Document) -> list[Match]:
    """The matches of finditer_words(compiled, document.prose), searched in
    the prose's UTF-8 bytes: encoded once per document (prose_bytes) where
    the binding would encode the text again for every search. The same
    pattern finds the same matches in the same bytes; their offsets are
    turned into characters (see _character_offsets)."""
    prose = document.prose
    offsets = _character_offsets(document)
    found = []
    groups = compiled.groups
    for match in compiled.finditer(prose_bytes(document)):
        a, b = match.span()
        if a == b:  # the search goes on one byte on, not one character: take the text's own
            return [(*m.span(), *mention_span(m)) for m in finditer_words(compiled, prose)]
        a, b = offsets(a), offsets(b)
        if a > 0 and is_word_char(prose[a - 1]) and is_word_char(prose[a]):
            continue
        if b < len(prose) and is_word_char(prose[b]) and is_word_char(prose[b - 1]):
            continue
        mention = (a, b)
        if groups and match.start(1) >= 0:
            mention = offsets(match.start(1)), offsets(match.end(1))
        found.append((a, b, *mention))
    return found


def _character_offsets(document: Document) -> Any:
    """A function from an offset in prose_bytes(document) (at a character's
    start) to the offset of that character in the prose."""
    return document.memo("caveat.character-offsets", _offsets_function)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _offsets_function(document: Document) -> Any:
    ends: list[int] = []  # the byte offset just after each character that is not ASCII
    extra: list[int] = []  # the bytes beyond one a character, in all the characters up to there
    total = 0
    for match in _NOT_ASCII.finditer(document.prose):
        total += len(match.group().encode("utf-8")) - 1
        ends.append(match.end() + total)
        extra.append(total)
    if not ends:
        return _same

    def offset(at: int) -> int:
        index = bisect_right(ends, at)
        return at - extra[index - 1] if index else at

    return offset


def _same(at: int) -> int:
    return at


def mention_span(match: Any) -> tuple[int, int]:
    """The match, or its first capturing group when the pattern has one."""
    try:
        if match.re.groups and match.group(1) is not None:
            return match.start(1), match.end(1)
    except (AttributeError, IndexError):
        pass
    return match.start(), match.end()


def any_matcher(sources: Iterable[str], where: str) -> Any:
    """One pattern that finds a candidate mention of any of the lexicons (their
    lexicon_sources): most articles mention none, and one pass over them is
    cheaper than one per term list."""
    return _compile("|".join(sources), where)


def lexicon_sources(entries: Entries) -> list[str]:
    """The patterns a Lexicon of these entries looks for, each one a group."""
    sources = [token_pattern(entries.terms)] if entries.terms else []
    return sources + [f"(?:{pattern})" for pattern in entries.patterns]


class Lexicon:
    """The terms of one topic and their incidental uses ("trauma surgeon")."""

    def __init__(self, entries: Entries, where: str) -> None:
        self.matchers = compile_matchers(entries.terms, entries.patterns, where)
        self.sources = lexicon_sources(entries)
        self._entries = entries
        self._where = where
        self._exceptions: list[Any] | None = None

    @property
    def exceptions(self) -> list[Any]:
        """The incidental uses, compiled when a term is first found (most texts mention none)."""
        if self._exceptions is None:
            self._exceptions = compile_matchers(self._entries.not_terms, self._entries.not_patterns, self._where)
        return self._exceptions

    def mentions(self, prose: str) -> list[tuple[int, int]]:
        """Every mention of the topic in the prose, in order, incidental uses left out."""
        found = [mention_span(match) for matcher in self.matchers for match in finditer_words(matcher, prose)]
        if not found:
            return []
        excluded = sorted(m.span() for matcher in self.exceptions for m in finditer_words(matcher, prose))
        return sorted({span for span in found if not _inside_any(span, excluded)})

    def mentions_in(self, document: Document) -> list[tuple[int, int]]:
        """mentions(document.prose), found by prose_matches."""
        found = [(a, b) for matcher in self.matchers for _, _, a, b in prose_matches(matcher, document)]
        if not found:
            return []
        excluded = sorted((a, b) for matcher in self.exceptions for a, b, _, _ in prose_matches(matcher, document))
        return sorted({span for span in found if not _inside_any(span, excluded)})

    def mentioned_in(self, text: str) -> bool:
        """Whether a piece of text outside the prose (a title) mentions the topic."""
        return bool(self.mentions(text))


def _inside_any(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """True if the mention overlaps an incidental use ("reduce medication" in
    "reduce medication errors", "trauma" in "trauma surgeon")."""
    start, end = span
    return any(a < end and start < b for a, b in spans)


@dataclass(frozen=True)
class HelpLists:
    """The word lists of a professional-help caveat."""

    actions: tuple[str, ...]
    professionals: tuple[str, ...]
    phrases: tuple[str, ...]
    negations: tuple[str, ...]


class HelpDetector:
    """Finds an affirmative professional-help caveat ("talk to your doctor").

    A caveat is an action followed by a professional, a professional followed
    by "can help" and the like, or a stand-alone phrase. A negated or
    dismissive mention ("you don't need a therapist", "instead of seeing a
    doctor", "a therapist won't help") is not a caveat.
    """

    def __init__(self, lists: HelpLists, extra: Sequence[str] = (), where: str = "professional-help") -> None:
        professionals = token_pattern(lists.professionals)
        self.matchers = [
            _compile(token_pattern(lists.actions) + _GAP + professionals, where),
            _compile(r"\b(?:a|an|your|the|our)\s+(?:[\w'’-]+\s+){0,2}?" + professionals + _MODAL_HELP, where),
        ]
        phrases = split_entries([*lists.phrases, *extra])
        self.matchers += compile_matchers(phrases.terms, phrases.patterns, where)
        before, after = [], []
        for line in lists.negations:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("after:"):
                after.append(line[len("after:"):].strip())
            elif line.startswith("before:"):
                before.append(line[len("before:"):].strip())
            else:
                raise WordListError(f"{where}: negation entries start with 'before:' or 'after:', not {line!r}")
        self.before = [_compile(f"(?:{p})\\s+(?:{_FILLER}\\s+){{0,3}}$", where) for p in before]
        self.after = [_compile(p, where) for p in after]

    def matches(self, document: Document) -> list[tuple[int, int]]:
        """Spans of the affirmative caveats in the document."""
        found = []
        for matcher in self.matchers:
            for start, end, _, _ in prose_matches(matcher, document):
                if not self.negated(document, start, end):
                    found.append((start, end))
        return sorted(found)

    def found(self, document: Document) -> bool:
        for matcher in self.matchers:
            for start, end, _, _ in prose_matches(matcher, document):
                if not self.negated(document, start, end):
                    return True
        return False

    def negated(self, document: Document, start: int, end: int) -> bool:
        sentence_start, sentence_end = sentence_bounds(document, start)
        before = " ".join(document.prose[max(sentence_start, start - 120):start].split()) + " "
        after = " ".join(document.prose[end:min(sentence_end, end + 120)].split())
        for matcher in self.before:
            if matcher.search(before):
                if _WITHOUT_AT_END.search(before):
                    head = before[:_WITHOUT_AT_END.search(before).start()]
                    if _PROHIBITION.search(head):
                        continue  # "never stop … without talking to your doctor" is the advice itself
                return True
        return any(matcher.search(after) for matcher in self.after)


def sentence_bounds(document: Document, offset: int) -> tuple[int, int]:
    """The sentence containing offset, or the block, or the line."""
    sentences = document.sentences
    starts = _sentence_starts(document)
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index].end:
        return sentences[index].start, sentences[index].end
    line, _ = document.position(offset)
    return document.lines.line_start(line), document.lines.line_end(line)


def _sentence_starts(document: Document) -> list[int]:
    cached = document.__dict__.get("_cv_sentence_starts")
    if cached is None:
        cached = [sentence.start for sentence in document.sentences]
        document.__dict__["_cv_sentence_starts"] = cached
    return cached


def digits_of(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def is_domain(entry: str) -> bool:
    return "." in entry and " " not in entry and any(char.isalpha() for char in entry)


def resource_pattern(entry: str) -> str:
    """A crisis-resource entry as a pattern: digits may be split by spaces, dots or hyphens."""
    parts = []
    position = 0
    for run in _DIGIT_RUN.finditer(entry):
        parts.append(_literal(entry[position:run.start()]))
        parts.append(r"[\s.\-]?".join(digits_of(run.group())))
        position = run.end()
    parts.append(_literal(entry[position:]))
    return r"\b" + "".join(parts) + r"\b"


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split(" ")) if text else ""


class ResourceDetector:
    """Finds a crisis resource: a named service, a phone number, a web address."""

    def __init__(self, entries: Sequence[str], where: str = "crisis-resources") -> None:
        phrases = []
        self.domains: list[str] = []
        self.numbers: set[str] = set()
        for raw in entries:
            entry = " ".join(raw.split())
            if not entry or entry.startswith("#"):
                continue
            if is_domain(entry):
                self.domains.append(entry.lower())
                continue
            phrases.append(resource_pattern(entry))
            number = _DIAL_WORDS.sub("", entry)
            if len(digits_of(number)) >= 3 and not any(char.isalpha() for char in number):
                self.numbers.add(digits_of(number))
        # One alternation, longest first, so a long name wins over its number.
        phrases = sorted(set(phrases), key=lambda p: (-len(p), p))
        self.matcher = _compile("(?:" + "|".join(phrases) + ")", where) if phrases else None

    def found(self, document: Document) -> bool:
        prose = document.prose
        if self.matcher is not None:
            for start, end, _, _ in prose_matches(self.matcher, document):
                if _stands_alone(prose, start, end):
                    return True
        text = document.text.lower()
        for domain in self.domains:
            index = text.find(domain)
            while index >= 0:
                if index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "-"):
                    return True
                index = text.find(domain, index + 1)
        if self.numbers and "tel:" in text:
            for match in _TEL.finditer(text):
                dialled = digits_of(match.group(1))
                if any(dialled == code + number for number in self.numbers for code in _COUNTRY_CODES):
                    return True
        return False


def _stands_alone(text: str, start: int, end: int) -> bool:
    """False for a number that is part of a longer one ("1-800-988-1234", "$1,000")."""
    if text[start].isdigit() and start >= 2 and text[start - 1] in _NUMBER_SEPARATORS and text[start - 2].isdigit():
        return False
    if text[end - 1].isdigit() and end + 1 < len(text) and text[end] in _NUMBER_SEPARATORS and text[end + 1].isdigit():
        return False
    return True


def region_of(locale: str) -> str:
    """'en-GB' -> 'GB', 'en_us' -> 'US', 'UK' -> 'GB', 'en' -> ''."""
    parts = re.split(r"[-_]", locale.strip())
    region = parts[-1].upper() if len(parts) > 1 else (parts[0].upper() if len(parts[0]) == 2 and parts[0].isupper()
                                                         else "")
    return "GB" if region == "UK" else region
