"""HC: the fast paths that read only the sentences on health give the same
results as reading the whole document.

- health_candidates: the screen's matches in the whole prose name every
  sentence that may be on health; candidate_sentences hold every sentence
  on health, and health_document is the same with them;
- Lexicon.spans_in: the matches that start in some ranges, found from the
  text around them, are those of the whole text;
- sentences_with(among=…) is sentences_with restricted to those sentences;
- the bytes the screen searches (lowered_ascii), and the word edges read
  in them, are those of the lower-cased text;
- so every HC finding is the same with the screen and without it, in short
  texts and in texts long enough to be read range by range.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import contentlint.checks._claims as claims
from contentlint import lint_text
from contentlint.document import Block, Document
from contentlint.markdown import parse_markdown

# Health terms, cue phrases of every HC rule, look-alikes, plain words.
PIECES = [
    "anxiety", "cancer", "arthritis", "heart attack", "the flu", "blood pressure", "stress", "sleep", "pain",
    "yoga", "therapy", "meditation", "diabetes", "insomnia", "C. difficile", "covid-19", "depression",
    "reduces", "cures", "prevents", "improves", "lowers", "helps", "helps with", "is effective for", "leads to",
    "has a positive effect on", "plays a key role in", "the effect of yoga on stress was significant",
    "patients receiving yoga had fewer", "studies show", "research suggests", "experts agree", "there is evidence",
    "clinically proven", "guaranteed", "100%", "no side effects", "miracle cure", "must", "should", "need to",
    "anyone with diabetes", "everyone", "patients", "a study by Dr. Lee found", "researchers at Stanford",
    "(Smith et al., 2020)", "may help", "might", "not", "did not reduce", "is", "the", "and", "we", "you", "it",
    "website", "design", "analytics", "plain language", "page views", "costs", "café", "naïve", "_cure",
    "don't", "people's", "studies", "show", "helps  with", "Reduces", "CURES",
    # Health words in phrases that are not about health: a candidate sentence that is not on health.
    "pain points", "system health", "the 21st Century Cures Act",
    # Letters whose lower case is special (a capital sigma's depends on its neighbours), cases, long gaps.
    "ΣΤΡΕΣ", "Σ", "İyi", "\u212aey", "HAVE TO", "Need\n\nto", "need" + " " * 400 + "to", "MUST",
]
JOINS = [" ", " ", " ", "-", "_", "’", "'", "", ". ", ", ", ": ", ".\n\n", "\n\n- ", "\n\n# ", "\n\n",
         "   " * 40, "? "]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(JOINS)), min_size=1, max_size=24))
    return "".join(piece + join for piece, join in parts) + "\n"


class Settings:
    """The module's switches for one test: the screen on or off, and how
    long a text must be for Lexicon.spans_in to read it range by range."""

    def __init__(self, screen: bool, long_piece: int | None = None) -> None:
        self.screen = screen
        self.long_piece = claims.LONG_PIECE if long_piece is None else long_piece

    def __enter__(self) -> None:
        self.saved = claims.SCREEN_AFTER_DOCUMENTS, claims.LONG_PIECE
        claims.SCREEN_AFTER_DOCUMENTS = 0 if self.screen else 10**9
        claims.LONG_PIECE = self.long_piece
        claims._INDEXES.clear()  # matches are kept per piece of text

    def __exit__(self, *_: object) -> None:
        claims.SCREEN_AFTER_DOCUMENTS, claims.LONG_PIECE = self.saved
        claims._INDEXES.clear()


def findings(text: str, screen: bool, long_piece: int | None = None) -> list[tuple[int, int, str, str]]:
    with Settings(screen, long_piece):
        return [(f.line, f.column, f.code, f.message) for f in lint_text(text, "x.md", select=["HC"])]


def health_facts(text: str, screen: bool) -> tuple[list[int], bool]:
    with Settings(screen):
        document = parse_markdown(text, "x.md")
        on_health = [i for i in range(len(document.sentences)) if claims.sentence_on_health(document, i)]
        return on_health, claims.health_document(document)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_candidate_sentences_hold_the_sentences_on_health(text: str) -> None:
    with Settings(screen=True):
        document = parse_markdown(text, "x.md")
        candidates = claims.health_candidates(document)
        listed = claims.candidate_sentences(document)
    on_health, health_document = health_facts(text, screen=False)
    if listed is not None:  # None: a sentence edge inside a word, the screen is not used
        assert candidates is not None
        assert listed == sorted(i for i in candidates if 0 <= i < len(document.sentences))
        assert set(on_health) <= set(listed)
    assert health_facts(text, screen=True) == (on_health, health_document)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_findings_are_the_same_with_and_without_the_screen(text: str) -> None:
    assert findings(text, screen=True) == findings(text, screen=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_findings_are_the_same_when_long_texts_are_read_by_ranges(text: str) -> None:
    # Every text counts as long: the cue lexicons read the sentences on health alone.
    assert findings(text, screen=True, long_piece=0) == findings(text, screen=False, long_piece=0)


def starting_in(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [span for span in spans if any(a <= span[0] < b for a, b in ranges)]


def some_ranges(text: str, data: st.DataObject) -> list[tuple[int, int]]:
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=8))))
    pairs = list(zip(cuts[::2], cuts[1::2]))
    return [(a, b) for a, b in pairs if a < b]


LEXICONS = ("causal-verbs", "disease-verbs", "research-appeals", "absolute")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts(), st.data())
def test_spans_in_ranges_are_the_whole_texts_spans(text: str, data: st.DataObject) -> None:
    ranges = some_ranges(text, data)
    for long_piece in (0, claims.LONG_PIECE):
        for name in LEXICONS:
            with Settings(screen=True, long_piece=long_piece):
                whole = claims.lexicon(name).spans(text)
            with Settings(screen=True, long_piece=long_piece):
                assert claims.lexicon(name).spans_in(text, ranges) == starting_in(whole, ranges), name


def test_a_match_that_reaches_into_a_range_is_found_from_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # "research shows" starts before the range and ends in it: the range's own
    # "shows that …" must not be read as a match of its own.
    monkeypatch.setattr(claims, "LONG_PIECE", 0)
    text = "Research\n\nshows that studies show it.\n"
    appeals = claims.lexicon("research-appeals")
    start = text.index("shows")
    claims._INDEXES.clear()
    whole = appeals.spans(text)
    claims._INDEXES.clear()
    assert appeals.spans_in(text, [(start, len(text))]) == starting_in(whole, [(start, len(text))])
    assert (text.index("studies"), text.index(" it")) in whole


def test_spans_in_a_lexicon_of_other_words_reads_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # Extra entries that are not among the cue lexicons' words: found by the lexicon's own pattern.
    monkeypatch.setattr(claims, "LONG_PIECE", 0)
    extra = claims.lexicon("absolute", ("zorvex-certain", "sure fire"))
    text = "It is zorvex-certain. It is a sure fire cure for anxiety. Sure fire.\n"
    claims._INDEXES.clear()
    whole = extra.spans(text)
    claims._INDEXES.clear()
    ranges = [(text.index("It is a"), text.index(" Sure"))]
    assert extra.spans_in(text, ranges) == starting_in(whole, ranges) != []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts(), st.data())
def test_sentences_with_among_is_sentences_with_restricted(text: str, data: st.DataObject) -> None:
    document = parse_markdown(text, "x.md")
    count = len(document.sentences)
    among = sorted(set(data.draw(st.lists(st.integers(0, max(0, count - 1)), max_size=6)))) if count else []
    words = frozenset({"must", "should", "need", "studies", "study", "anyone", "cure", "dr"})
    followed = {"need": claims.re.compile(r"\s+to\b")}
    expected = [i for i in claims.sentences_with(document, words, followed) if i in among]
    assert claims.sentences_with(document, words, followed, among=among) == expected


def long_health_text() -> Iterator[str]:
    # Over LONG_PIECE characters, on health in a few sentences only.
    yield ("Our agency launched a new website. " * 60 + "\n\nYoga reduces anxiety. Studies show that it is clinically "
           "proven. Anyone with diabetes must stop eating sugar.\n\n" + "The team rewrote every page. " * 60 + "\n")


@pytest.mark.parametrize("text", list(long_health_text()))
def test_long_text_findings_with_and_without_the_screen(text: str) -> None:
    assert len(text) > claims.LONG_PIECE
    found = findings(text, screen=True)
    assert found == findings(text, screen=False)
    assert {code for _, _, code, _ in found} == {"HC102", "HC103", "HC105", "HC106"}


# Characters whose lower case is special: the Kelvin sign lower-cases to "k",
# "İ" to two characters, "Σ" by its place in a word; and the curly apostrophe.
SPECIAL_CHARACTERS = ["\u212a", "İ", "Σ", "ς", "ß", "ﬁ", "é", "’", "'", "K", "k", "_", "?"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SPECIAL_CHARACTERS) | st.characters(), max_size=40).map("".join))
def test_lowered_ascii_is_the_ascii_bytes_of_the_lower_cased_text(text: str) -> None:
    claims._INDEXES.clear()
    assert claims.lowered_ascii(text) == claims.ascii_bytes(claims.text_index(text).low)


def word_edges_by_characters(document: Document, low: str) -> bool:
    """_sentences_at_word_edges as it was written first: block by block, on the lower-cased str."""
    for block in document.blocks:
        before = low[block.start - 1:block.start]
        after = low[block.end:block.end + 1]
        if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
            return False
    return True


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*SPECIAL_CHARACTERS, " ", "\n", "a", "7", "-"]), min_size=1, max_size=30).map("".join),
       st.data())
def test_word_edges_read_from_bytes_are_those_of_the_characters(text: str, data: st.DataObject) -> None:
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=8))))
    blocks = [Block("paragraph", a, b) for a, b in zip(cuts[::2], cuts[1::2])]
    document = Document("x.md", text, text, blocks)
    claims._INDEXES.clear()
    expected = word_edges_by_characters(document, claims.text_index(text).low)
    assert claims._sentences_at_word_edges(document, claims.lowered_ascii(text)) == expected


def test_a_lexicon_without_extra_entries_is_one_object() -> None:
    # Matches are kept per lexicon object and piece of text: the rules that
    # ask with no extra entries, and those that pass the empty tuple of the
    # default options, must share one lexicon (and its matches).
    assert claims.lexicon("outcomes") is claims.lexicon("outcomes", ())
    assert claims.lexicon("causal-verbs", ("zorvex cures",)) is not claims.lexicon("causal-verbs")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([*"az09AZ_-' ", *SPECIAL_CHARACTERS, "²", "٣", "é"]), max_size=6))
def test_a_plain_word_is_ascii_lower_case_letters_and_digits(word: str) -> None:
    assert claims._plain_word(word) is bool(claims.re.fullmatch(r"[a-z0-9]+", word))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["to", "TO", "tO", "To", " ", "\n", "\t", "\u00a0", "_", "x", "’", "'", "Σ", "İ",
                                 "\u212a", "have", "ο", "t"]), max_size=12).map("".join))
def test_the_word_after_a_duty_is_read_in_the_prose_as_in_the_lower_cased_text(text: str) -> None:
    # sentences_with matches `followed` in the prose: HC106's pattern ignores
    # case, so it matches where the case-sensitive one matched the lower-cased text.
    from contentlint.checks.hc106_prescriptive_directive import DUTY_NEXT

    low = claims.lowered(text)
    for at in range(len(text) + 1):
        expected = claims.re.compile(r"\s+to\b").match(low, at) is not None
        assert (DUTY_NEXT["have"].match(text, at) is not None) is expected


# Multi-word entries of the cue lexicons, each a list of its words.
SPREAD_ENTRIES = sorted({tuple(entry.split()) for name in ("causal-verbs", "research-appeals", "absolute")
                         for entry in claims.read_word_file(name) if " " in entry})


@st.composite
def spread_texts(draw: st.DrawFn) -> str:
    # Cue phrases whose words stand far apart: the reads of Lexicon.spans_in
    # around a range reach TOKENS_REACH after a hit and ANCHOR_BACK before it.
    gaps = st.sampled_from([" ", " ", "\n", " " * 70, " " * 79, " " * 81, " " * 99, " " * 150, " " * 220,
                            " " * 290, " " * 299, " " * 301, ". ", "\n\n"])
    parts = draw(st.lists(st.sampled_from(SPREAD_ENTRIES) | st.sampled_from(["Σ", "anxiety", "very", "we"]).map(
        lambda word: (word,)), min_size=1, max_size=5))
    return "".join(word + draw(gaps) for words in parts for word in words)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spread_texts(), st.data())
def test_spans_in_ranges_far_apart_words_are_the_whole_texts_spans(text: str, data: st.DataObject) -> None:
    ranges = some_ranges(text, data)
    for name in LEXICONS:
        with Settings(screen=True, long_piece=0):
            whole = claims.lexicon(name).spans(text)
        with Settings(screen=True, long_piece=0):
            assert claims.lexicon(name).spans_in(text, ranges) == starting_in(whole, ranges), name


Tables = dict[str, list[claims.Entry]]


def reference_tables(entries: tuple[str, ...]) -> tuple[Tables, Tables]:
    """Lexicon's tables built the general way for every entry (no plain-word
    shortcuts, the anchor looked for in every phrase)."""
    by_first: Tables = {}
    by_anchor: Tables = {}
    for entry in sorted(sorted({e.strip() for e in entries} - {""}), key=len, reverse=True):
        items = claims._entry_items(entry)
        if not items or items[0][1] == claims.WILDCARD:
            continue
        exact = claims._is_caps(entry)
        if not exact:
            items = tuple((gap, token.lower()) for gap, token in items)
        later = tuple(token.lower() for _, token in items[1:] if token != claims.WILDCARD)
        first = items[0][1].lower()
        anchor = next((word for word in later if word not in claims.COMMON_WORDS and word.isalpha()), None)
        table, key = (by_anchor, anchor) if first in claims.COMMON_WORDS and anchor is not None else (by_first, first)
        table.setdefault(key, []).append((items, exact, later, len(entry)))
    return by_first, by_anchor


@pytest.mark.parametrize("name", ["causal-verbs", "disease-verbs", "research-appeals", "absolute", "hedges",
                                  "outcomes", "diseases", "interventions", "health-topics", "clinical", "negations",
                                  "not-health", "administrative", "professional-help", "directive-groups"])
def test_a_lexicons_tables_are_those_of_the_general_way(name: str) -> None:
    entries = claims.read_word_file(name) + ("the zorvex", "is * zorvex", "CAPS WORD", "Mixed Case", "x-ray", "a1c")
    for loose in (False, True):
        lexicon = claims.Lexicon(name, entries, loose=loose)
        assert (lexicon.by_first, lexicon.by_anchor) == reference_tables(entries)
