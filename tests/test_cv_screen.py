"""CV: a caveat rule skips a document in which no topic may be mentioned,
and searches the prose's UTF-8 bytes rather than its text.

The caveat kind screens a document with its topics' patterns; the rules of
the caveats pack that screen the prose (CV101, CV102 and CV103) are screened
together, in one RE2 Set search (kinds.PackScreen). The screen must answer
as the topics' own pattern (any_topic) searched alone, and must never hide
a finding. Topics, caveats and crisis resources are searched in the bytes
the pack rules share (prose_matches): the same matches, at the same
character offsets, as a search of the text. A rule with several topics
searches only those its RE2 Set of topics finds (topics_in): every topic
mentioned is among them, and the findings are the same."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.checks._caveats import mention_span, prose_matches
from contentlint.kinds import prose_bytes
from contentlint.patterns import finditer_words
from contentlint.markdown import parse_markdown
from contentlint.packs import builtin_pack_dir, load_pack

CAVEATS = [rule for rule in load_pack(builtin_pack_dir() / "caveats.yml", validate=False)]
CAVEAT_RULES = [rule for rule in CAVEATS if rule.code in ("CV101", "CV102")]

# Topic terms and their incidental uses, caveats, crisis resources, unsafe
# wording, look-alikes and plain words.
PIECES = [
    "suicide", "Suicidal thoughts", "self-harm", "self harm", "kill myself", "committed suicide", "career suicide",
    "depression", "clinical depression", "the Great Depression", "anxiety disorder", "bipolar disorder",
    "psychosis", "PTSD", "trauma", "trauma surgeon", "sexual assault", "domestic abuse", "drug abuse",
    "anorexia", "bulimia", "eating disorder", "substance use disorder", "opioid overdose", "alcohol addiction",
    "stop taking your medication", "double your dose", "take 50 mg", "radiation dose", "medication errors",
    "talk to your doctor", "see a GP", "you don't need a therapist", "call 988", "Samaritans", "116 123",
    "a counsellor can help", "website", "design", "plain language", "the team", "café", "naïve", "’",
    "Ünïcödé", "😀", "—", "\u00a0", "ΣΑΣ", "İstanbul", "\u212a", "1-800-273-8255", "text HOME to 741741",
]
JOINS = [" ", " ", ". ", ", ", "\n\n", "\n\n# ", "\n\n- ", "-", "", "\u00a0", "’", "é"]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(JOINS)), min_size=1, max_size=14))
    return "".join(piece + join for piece, join in parts) + "\n"


def test_the_caveat_rules_are_screened_together() -> None:
    screens = {rule.code: rule.screen_slot for rule in CAVEATS}
    assert {code for code, slot in screens.items() if slot is not None} == {"CV101", "CV102", "CV103"}
    assert len({slot[0] for slot in screens.values() if slot is not None}) == 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_the_screen_answers_as_the_topics_own_pattern(text: str) -> None:
    document = parse_markdown(text, "x.md")
    for rule in CAVEAT_RULES:
        expected = rule.any_topic.search(prose_bytes(document)) is not None
        assert rule.screened(document) is expected, rule.code
        assert rule.screened_together(document) is expected, rule.code


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_a_screened_out_document_has_no_caveat_finding(text: str) -> None:
    document = parse_markdown(text, "x.md")
    found = {f.code for f in lint_text(text, "x.md", select=["CV101", "CV102"])}
    for rule in CAVEAT_RULES:
        if not rule.screened(document):
            assert rule.code not in found


def test_a_topic_in_an_article_is_still_reported() -> None:
    text = "# Living with depression\n\nDepression can make every day feel heavy. Keep a routine.\n"
    assert [f.code for f in lint_text(text, "x.md", select=["CV"])] == ["CV101"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_prose_matches_are_the_texts_own_matches(text: str) -> None:
    document = parse_markdown(text, "x.md")
    rule = CAVEAT_RULES[0]
    matchers = [matcher for topic in rule.topics for matcher in rule.lexicon(topic).matchers]
    crisis = CAVEAT_RULES[1]
    matchers += rule.help_detector([]).matchers + [crisis.resource_detector(crisis.active_regions([]), []).matcher]
    for matcher in matchers:
        expected = [(*m.span(), *mention_span(m)) for m in finditer_words(matcher, document.prose)]
        assert prose_matches(matcher, document) == expected, matcher.pattern[:60]


def test_a_pattern_that_matches_nothing_at_all_is_searched_in_the_text() -> None:
    # An empty match: the text's own search goes on a character on, not a byte.
    from contentlint.patterns import compile_pattern

    document = parse_markdown("Ünïcödé café—naïve suicide café\n", "x.md")
    for pattern in ("(?:café)?", "é*", r"\bcafé\b"):
        matcher = compile_pattern(pattern)
        expected = [(*m.span(), *mention_span(m)) for m in finditer_words(matcher, document.prose)]
        assert prose_matches(matcher, document) == expected
    assert prose_matches(compile_pattern("café"), document) == [(8, 12, 8, 12), (27, 31, 27, 31)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_the_topic_set_names_every_topic_mentioned(text: str) -> None:
    document = parse_markdown(text, "x.md")
    rule = CAVEAT_RULES[0]
    present = rule.topics_in(document)
    assert present is not None  # CV101 has seven topics: the Set tells
    assert {topic for topic in rule.topics if rule.lexicon(topic).mentions_in(document)} <= present
    assert CAVEAT_RULES[1].topics_in(document) is None  # CV102 has one topic: no Set


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_findings_are_the_same_without_the_topic_set(text: str) -> None:
    document = parse_markdown(text, "x.md")
    for rule in CAVEAT_RULES:
        options = {option.name: option.default for option in rule.options}
        with_set = [(v.start, v.end, v.message) for v in rule.check(document, options)]
        saved, rule._topic_set = rule._topic_set, None  # None: every topic is searched
        try:
            assert [(v.start, v.end, v.message) for v in rule.check(document, options)] == with_set, rule.code
        finally:
            rule._topic_set = saved
