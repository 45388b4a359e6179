"""HC family: whole articles, the shared claim analysis, and properties that hold for any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.checks import _claims
from contentlint.markdown import parse_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "hc"


def hc(text: str, select: str = "HC") -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in lint_text(text, "article.md", select=[select])]


def test_unsourced_article_findings_exact() -> None:
    text = (FIXTURES / "unsourced-wellness.md").read_text(encoding="utf-8")
    assert hc(text) == [
        (7, 1, "HC103"),   # Studies show
        (7, 32, "HC101"),  # cure anxiety
        (8, 14, "HC102"),  # boost your immune system
        (10, 13, "HC102"),  # list item: lowers blood pressure (the hedged item on line 11 is quiet)
        (15, 15, "HC102"),  # table cell: reduces stress
        (17, 14, "HC101"),  # block quote with no attribution: eliminates migraines
        (20, 34, "HC101"),  # HTML block: prevents diabetes
        (23, 13, "HC105"),  # clinically proven (first absolute phrase of the sentence)
        (25, 1, "HC106"),  # Everyone with depression must
        (27, 36, "HC104"),  # (Smith et al., 2020) with no reference list
        (29, 1, "HC104"),  # A study by Dr. Lee
    ]


def test_sourced_article_is_quiet() -> None:
    """Links, footnotes, numbered citations, a matching reference list, hedges,
    professional framing, questions, topic headings, definitions, attributed
    quotes and sourced negations: nothing to report."""
    text = (FIXTURES / "sourced-agency.md").read_text(encoding="utf-8")
    assert hc(text) == []


def test_messages_name_the_cue_and_the_fix() -> None:
    text = (FIXTURES / "unsourced-wellness.md").read_text(encoding="utf-8")
    messages: dict[str, str] = {}
    for finding in lint_text(text, "a.md", select=["HC"]):
        messages.setdefault(finding.code, finding.message)
    assert "'cure anxiety'" in messages["HC101"] and "add a source" in messages["HC101"]
    assert "'boost your immune system'" in messages["HC102"] and "'may help'" in messages["HC102"]
    assert "'Studies show'" in messages["HC103"]
    assert "'clinically proven'" in messages["HC105"]
    assert "talk to your doctor" in messages["HC106"]


def test_severities() -> None:
    text = (FIXTURES / "unsourced-wellness.md").read_text(encoding="utf-8")
    severities = {f.code: f.severity.label for f in lint_text(text, "a.md", select=["HC"])}
    assert severities["HC101"] == "error"
    assert {severities[c] for c in ("HC102", "HC103", "HC104", "HC105", "HC106")} == {"warning"}


# --- the shared analysis -------------------------------------------------


def test_lexicon_is_one_pattern_with_caps_apostrophes_and_wildcards() -> None:
    lex = _claims.Lexicon("t", ["AIDS", "Alzheimer's", "has a * effect on"])
    text = "It aids digestion. Alzheimer’s and AIDS. It has a strong protective effect on mood."
    found = [text[a:b] for a, b in lex.finditer(text)]
    assert found == ["Alzheimer’s", "AIDS", "has a strong protective effect on"]


def test_lexicon_phrase_starting_with_a_common_word_is_found_by_its_anchor() -> None:
    lex = _claims.Lexicon("t", ["has * effect on", "is effective", "effective"])
    assert "effect" in lex.by_anchor and "has" not in lex.by_first
    text = "It is what it is. Yoga has a calming effect on mood; it is effective, and effective."
    found = [text[a:b] for a, b in lex.spans(text)]
    assert found == ["has a calming effect on", "is effective", "effective"]


def test_lexicon_finds_the_same_in_a_long_text_with_its_re2_trigger() -> None:
    # Over LONG_PIECE characters the first words are found by one RE2 pass
    # over the text as ASCII bytes ("é", "’" become "?"): the offsets must stay
    # those of the characters, and words with accents must not match inside.
    lex = _claims.Lexicon("t", ["cure", "don't", "has * effect on", "heart attack"])
    unit = "Café écure cure. I don’t know. It has no effect on a heart  attack. "
    text = unit * (_claims.LONG_PIECE // len(unit) + 2)
    assert len(text) > _claims.LONG_PIECE
    found = lex.spans(text)
    assert [text[a:b] for a, b in found[:4]] == ["cure", "don’t", "has no effect on", "heart  attack"]
    assert len(found) == 4 * text.count(unit)
    short = lex.spans(unit)
    assert [(a, b) for a, b in found[:4]] == short


def test_phrase_set_matches_words_phrases_caps_and_apostrophes() -> None:
    words = _claims.PhraseSet(["heart attack", "AIDS", "covid-19", "alzheimer's", "bone"])
    text = "İ A Heart  attack, aids, AIDS; COVID-19, Alzheimer’s; heart, attack; bones, bone-marrow, rebone."
    assert [text[a:b] for a, b in words.spans(text)] == ["Heart  attack", "AIDS", "COVID-19", "Alzheimer’s", "bone"]
    start = text.index("aids")
    assert [text[a:b] for a, b in words.spans(text, start, start + 12)] == ["AIDS"]


def test_clinical_terms_put_a_sentence_on_health() -> None:
    document = parse_markdown("The implant failed because of bruxism.\n\nThe exhibit opened on time.\n")
    assert _claims.health_sentences(document) == {0}
    assert _claims.clinical(document, 0, 38, _claims.Extras())
    named = parse_markdown("Testing in Bone Hall helped.\n")  # a capitalised word before another: a name
    assert not _claims.clinical(named, 0, 28, _claims.Extras())


def test_lexicon_respects_unicode_word_boundaries() -> None:
    lex = _claims.Lexicon("t", ["cure"])
    assert lex.spans("écure cure curé") == [(6, 10)]


def test_clause_bounds_split_at_subordinate_clauses() -> None:
    prose = "This can be useful, as it reduces anxiety."
    start = prose.index("reduces")
    a, b = _claims.clause_bounds(prose, 0, len(prose), start)
    assert prose[a:b] == "as it reduces anxiety."


def test_author_year_citations_parsed() -> None:
    text = "See (Smith et al., 2020; Lee & Park 2019) and Chen and Wu (2018) found, not (March 2012)."
    citations = _claims.find_citations(text, 0, len(text))
    assert [c.pairs for c in citations] == [(("smith", "2020"), ("lee", "2019")), (("chen", "2018"),)]


def test_reference_section_and_footnotes_are_sources() -> None:
    document = parse_markdown("Text (Smith, 2020).\n\nReferences\n==========\n\n- Smith, J. (2020). A.\n\n"
                              "[^1]: Lee, K. (2019). B.\n")
    sources = _claims.find_sources(document)
    assert sources.matches_reference("Smith", "2020")
    assert sources.matches_reference("Lee", "2019")
    assert not sources.matches_reference("Smith", "2021")


# --- properties ----------------------------------------------------------

SUBJECTS = st.sampled_from(["Yoga", "Turmeric", "Cold water", "This supplement", "Walking", "Magnesium"])
VERBS = st.sampled_from(["reduces", "lowers", "improves", "boosts", "relieves"])
OUTCOMES = st.sampled_from(["anxiety", "blood pressure", "sleep quality", "inflammation", "chronic pain", "stress"])
HEDGES = st.sampled_from(["may", "might", "could", "can help", "often"])


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(subject=SUBJECTS, verb=VERBS, outcome=OUTCOMES)
def test_plain_claim_flagged_at_its_verb(subject: str, verb: str, outcome: str) -> None:
    text = f"{subject} {verb} {outcome}.\n"
    assert hc(text, "HC102") == [(1, len(subject) + 2, "HC102")]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(subject=SUBJECTS, verb=VERBS, outcome=OUTCOMES, hedge=HEDGES)
def test_hedged_claim_is_quiet(subject: str, verb: str, outcome: str, hedge: str) -> None:
    base = verb[:-2] if verb.endswith("es") and verb[:-2].endswith(("ss", "x")) else verb[:-1]
    base = "relieve" if verb == "relieves" else "reduce" if verb == "reduces" else base
    text = f"{subject} {hedge} {base} {outcome}.\n"
    assert hc(text) == []


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(subject=SUBJECTS, verb=VERBS, outcome=OUTCOMES,
       source=st.sampled_from([" ([NIH](https://www.nih.gov/))", "[^1]", " <https://example.org/a>", " [3]",
                               ' <a href="https://example.org">study</a>', " https://example.org/x"]))
def test_any_source_in_the_paragraph_silences(subject: str, verb: str, outcome: str, source: str) -> None:
    text = f"{subject} {verb} {outcome}{source}.\n"
    assert hc(text) == []


CLINICAL_SUBJECTS = st.sampled_from(["Metformin therapy", "The surgery", "Nutrition training", "Daily aspirin",
                                     "The vaccine"])
CHANGE_VERBS = st.sampled_from(["reduced", "improved", "decreased", "increased", "attenuated", "prevented"])
# Objects no lexicon knows: a marker ("IL6"), or a made-up measure (not a real word: "zq…").
UNKNOWN_OBJECTS = st.from_regex(r"[A-Z]{2,3}[1-9]|zq[a-z]{3,7} scores", fullmatch=True)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(subject=CLINICAL_SUBJECTS, verb=CHANGE_VERBS, thing=UNKNOWN_OBJECTS)
def test_verb_of_change_after_a_clinical_subject_is_a_claim_whatever_its_object(subject: str, verb: str,
                                                                                 thing: str) -> None:
    text = f"{subject} {verb} {thing} in adults.\n"
    findings = lint_text(text, "a.md", select=["HC101", "HC102"])
    assert [(f.line, f.column) for f in findings] == [(1, len(subject) + 2)]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(subject=CLINICAL_SUBJECTS, verb=CHANGE_VERBS, thing=UNKNOWN_OBJECTS,
       hedge=st.sampled_from(["may have", "might have", "appears to have", "probably"]))
def test_hedged_verb_of_change_is_quiet(subject: str, verb: str, thing: str, hedge: str) -> None:
    assert hc(f"{subject} {hedge} {verb} {thing} in adults.\n") == []


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(subject=st.sampled_from(["The redesign", "Our new form", "The team", "Plain language"]), verb=CHANGE_VERBS,
       thing=UNKNOWN_OBJECTS)
def test_verb_of_change_with_nothing_clinical_is_quiet(subject: str, verb: str, thing: str) -> None:
    assert hc(f"{subject} {verb} {thing} for health websites.\n") == []


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_is_safe_and_findings_are_in_bounds(text: str) -> None:
    for finding in lint_text(text, "random.md", select=["HC"]):
        assert 1 <= finding.line <= text.count("\n") + 2
        assert 0 <= finding.start <= finding.end <= len(text.lstrip("\ufeff"))


@pytest.mark.parametrize("text", [
    "Preventive care helps you stay healthy.",
    "Marketplace plans cover preventive services like flu shots.",
    "You must enroll in a health plan by March 31.",
    "A discount that lowers the amount you pay for deductibles.",
])
def test_professional_insurance_content_is_quiet(text: str) -> None:
    assert hc(text) == []
