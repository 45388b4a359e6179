"""HC: the document screen (may_be_on_health). A document in which no health
term of any lexicon occurs is skipped at once by every HC rule but HC104's
citations; the screen must never skip a document with a sentence on health,
so the findings are the same with it and without it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import contentlint.checks._claims as claims
from contentlint import lint_text
from contentlint.checks.hc104_unverifiable_citation import closing_year_pattern
from contentlint.markdown import parse_markdown


@pytest.fixture
def screen_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claims, "SCREEN_AFTER_DOCUMENTS", 0)


def screened(text: str) -> bool:
    return claims.may_be_on_health(parse_markdown(text, "x.md"))


def sentences_on_health(text: str) -> list[int]:
    """The sentences on health, worked out without the screen."""
    saved = claims.SCREEN_AFTER_DOCUMENTS
    claims.SCREEN_AFTER_DOCUMENTS = 10**9
    try:
        document = parse_markdown(text, "x.md")
        return [i for i in range(len(document.sentences)) if claims.sentence_on_health(document, i)]
    finally:
        claims.SCREEN_AFTER_DOCUMENTS = saved


def findings(text: str, screen: bool) -> list[tuple[int, int, str, str]]:
    saved = claims.SCREEN_AFTER_DOCUMENTS
    claims.SCREEN_AFTER_DOCUMENTS = 0 if screen else 10**9
    try:
        return [(f.line, f.column, f.code, f.message) for f in lint_text(text, "x.md", select=["HC"])]
    finally:
        claims.SCREEN_AFTER_DOCUMENTS = saved


@pytest.mark.usefixtures("screen_on")
@pytest.mark.parametrize("text", [
    "Our agency launched a new website.\n\nThe team rewrote every page in plain language.\n",
    "Analytics help teams improve their pages.\n",  # "anal…" is no health term
    "Studies show that plain language reduces calls to the help desk.\n",
])
def test_document_with_no_health_term_is_screened_out(text: str) -> None:
    assert screened(text) is False
    assert sentences_on_health(text) == []


@pytest.mark.usefixtures("screen_on")
@pytest.mark.parametrize("text", [
    "Yoga reduces anxiety.\n",
    "He caught the flu last winter.\n",  # a phrase anchored on a later word
    "Arthritis is common.\n",  # a disease by its form, at the start of the document
    "Cases of C. difficile rose.\n",  # a clinical entry with punctuation
    "The ANXIETY went away.\n",  # capitals
    "Living with post-traumatic stress disorder is hard.\n",
])
def test_document_with_a_health_term_is_kept(text: str) -> None:
    assert screened(text) is True
    assert sentences_on_health(text) != []


def test_screen_waits_for_enough_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    # A one-file run never compiles the screen: every document may be on health.
    monkeypatch.setattr(claims, "SCREEN_AFTER_DOCUMENTS", 10**9)
    assert screened("Our agency launched a new website.\n") is True


def test_screened_document_still_gets_citation_findings() -> None:
    text = "The redesign doubled page views (Smith et al., 2020).\n"
    assert findings(text, screen=True) == findings(text, screen=False)
    assert [code for _, _, code, _ in findings(text, screen=True)] == ["HC104"]


# Pieces of text: health terms of each lexicon (and their look-alikes), cue
# words of every HC rule, plain words, and what joins them.
PIECES = [
    "anxiety", "Anxiety", "ANXIETY", "cancer", "cancers", "arthritis", "academia", "diploma", "heart attack",
    "heart-attack", "heart", "attack", "the flu", "flu", "C. difficile", "c difficile", "covid-19", "insomnia", "sleep", "stress",
    "blood pressure", "analytics", "design", "website", "plain language", "pain", "spain", "painting", "yoga",
    "meditation", "therapy", "reduces", "cures", "prevents", "improves", "studies show", "experts agree",
    "must", "should", "clinically proven", "guaranteed", "(Smith et al., 2020)", "a study by Dr. Lee found",
    "patients", "anyone with diabetes", "may help", "is", "the", "and", "we", "you", "it", "café", "naïve",
    "Kelvin \u212a", "İstanbul", "(Lee 20\u0662\u0660)", "Smith and Jones (2018)", "(Smith, 2019a; Lee & Park, 2020)",
    "2020)", "(March 2012)", "Dr. Lee said", "researchers at Stanford", "have to", "needs to", "someone", "metadata",
    "professor", "prof",
]
JOINS = [" ", " ", " ", "-", "_", "’", "'", "é", "", ". ", ", ", ".\n\n", "\n\n- ", "\n\n# ", ": "]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(JOINS)), min_size=1, max_size=14))
    return "".join(piece + join for piece, join in parts) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_screen_never_hides_a_sentence_on_health(text: str) -> None:
    saved = claims.SCREEN_AFTER_DOCUMENTS
    claims.SCREEN_AFTER_DOCUMENTS = 0
    try:
        kept = screened(text)
    finally:
        claims.SCREEN_AFTER_DOCUMENTS = saved
    if not kept:
        assert sentences_on_health(text) == []
    assert findings(text, screen=True) == findings(text, screen=False)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_every_citation_ends_with_a_closing_year(text: str) -> None:
    # HC104 searches for citations only in blocks with a closing year ("2020)").
    spans = list(claims.ascii_spans(closing_year_pattern(), text))
    for citation in claims.find_citations(text, 0, len(text)):
        assert any(citation.start <= a and b <= citation.end for a, b in spans)


# Entries of the cue lexicons (phrases looked up by their first word or by a
# later anchor), their words apart, and look-alikes, for the cheap first checks.
LEXICON_NAMES = ("causal-verbs", "disease-verbs", "research-appeals", "absolute", "hedges")
ENTRY_PIECES = sorted({entry for name in LEXICON_NAMES for entry in claims.read_word_file(name)
                       if " " in entry})[::7]
ENTRY_PIECES += ["help", "with", "helps with", "help  with", "help\nwith", "help-with", "Help With", "HELP WITH",
                 "is", "good", "for", "is good for", "is very good for", "studies", "show", "one study", "one"]


@st.composite
def entry_texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(ENTRY_PIECES + PIECES), st.sampled_from(JOINS)),
                          min_size=1, max_size=12))
    return "".join(piece + join for piece, join in parts)


def lexicon_spans(text: str, cheap_first: bool) -> list[list[tuple[int, int]]]:
    saved = claims.CHEAP_FIRST
    claims.CHEAP_FIRST = cheap_first
    claims._INDEXES.clear()  # matches are kept per piece of text
    try:
        lexicons = [claims.lexicon(name) for name in LEXICON_NAMES] + [claims.health_terms()]
        return [lexicon.spans(text) for lexicon in lexicons]
    finally:
        claims.CHEAP_FIRST = saved
        claims._INDEXES.clear()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry_texts())
def test_cheap_first_checks_change_no_match(text: str) -> None:
    assert lexicon_spans(text, cheap_first=True) == lexicon_spans(text, cheap_first=False)


def test_cheap_first_checks_keep_phrases_apart_by_any_white_space() -> None:
    spans = lexicon_spans("Yoga helps with anxiety. Tai chi helps\twith stress.", cheap_first=True)
    assert spans == lexicon_spans("Yoga helps with anxiety. Tai chi helps\twith stress.", cheap_first=False)
    assert spans[0]  # causal-verbs found the phrases
