"""CV rules: topic detection, caveats (negated ones too), crisis resources by
locale, options, the caveat kind in a user's pack, and the safe-messaging fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.checks._caveats import region_of
from contentlint.kinds import PackError
from contentlint.packs import load_pack

HEADING = "# Living with depression\n\n"


def cv(text: str, config: str | None = None, tmp_path: Path | None = None, select: str = "CV") -> list[tuple]:
    path = None
    if config is not None:
        assert tmp_path is not None
        path = tmp_path / ".contentlint.toml"
        path.write_text(config, encoding="utf-8")
    return [(f.code, f.line, f.column) for f in lint_text(text, "x.md", select=[select], config=path)]


# -- caveats: affirmative ones silence CV101, negated or dismissive ones do not --

@pytest.mark.parametrize("caveat", [
    "Talk to your doctor if low mood lasts more than two weeks.",
    "Speak with a GP about how you feel.",
    "Ask your pharmacist before you change anything.",
    "Seek medical advice if it gets worse.",
    "Get professional help if you need it.",
    "A counsellor can help you work through it.",
    "Book an appointment with your family doctor.",
    "Don't hesitate to contact a mental health professional.",
    "Don't be afraid to talk to your doctor.",
    "Never stop treatment without talking to your doctor first.",
    "This article is not a substitute for professional medical advice.",
    "If it does not get better, see a doctor.",
    "Call the helpline for confidential support.",
    "If it lasts, see a professional.",
])
def test_affirmative_caveat_silences_cv101(caveat: str) -> None:
    assert cv(HEADING + "Depression is common.\n\n" + caveat + "\n", select="CV101") == []


@pytest.mark.parametrize("dismissal", [
    "You don't need a therapist for this.",
    "There is no need to see a doctor.",
    "Instead of seeing a doctor, go for a run.",
    "You can stop treatment without talking to your doctor.",
    "A therapist won't help you the way nature can.",
    "Seeing a doctor is unnecessary.",
    "Skip the doctor and trust your body.",
    "You don’t really need to see a psychiatrist.",
])
def test_negated_caveat_does_not_silence_cv101(dismissal: str) -> None:
    assert cv(HEADING + "Depression is common.\n\n" + dismissal + "\n", select="CV101") == [("CV101", 1, 15)]


@pytest.mark.parametrize("not_a_caveat", [
    "Seek help when you need it.",
    "Get a professional massage.",
    "Talk to someone you trust.",
    "Doctors disagree about this.",
])
def test_vague_or_unrelated_wording_is_not_a_caveat(not_a_caveat: str) -> None:
    assert cv(HEADING + "Depression is common.\n\n" + not_a_caveat + "\n", select="CV101") == [("CV101", 1, 15)]


# -- topics: incidental uses never count; qualified terms do --

@pytest.mark.parametrize("sentence", [
    "The trauma surgeon works at the trauma center.",
    "I bought it at the drug store.",
    "It is a killer app.",
    "We are dying to try it.",
    "I shot myself in the foot.",
    "I overdosed on chocolate at the party.",
    "The Great Depression changed banking.",
    "A tropical depression is forming.",
    "Tax anxiety peaks in April.",
    "That was career suicide.",
    "The Substance Abuse and Mental Health Services Administration funds it.",
    "Our app addiction is real.",
    "The National Institute of Drug Abuse funds addiction research.",
    "Fraud, waste and abuse cost billions.",
    "The nurse checked for blunt force trauma.",
    "Take a healthy dose of skepticism.",
    "They use a bipolar scale in the survey.",
])
def test_incidental_use_is_not_a_topic(sentence: str, tmp_path: Path) -> None:
    # min-mentions = 1: even a single mention would count if it were the topic
    config = "[rules.CV101]\nmin-mentions = 1\n[rules.CV102]\nmin-mentions = 1\n"
    assert cv(f"{sentence}\n\n{sentence}\n", config, tmp_path) == []


@pytest.mark.parametrize(("sentence", "column"), [
    ("She was diagnosed with anxiety last year.", 24),
    ("He stopped taking his medication.", 4),
    ("Double the dose if pain persists.", 1),
    ("My friend took his own life.", 11),
    ("Binge eating disorder is treatable.", 1),
    ("Years of alcohol abuse damaged his liver.", 10),
    ("She was sexually abused as a child.", 9),
    ("Combat veterans may develop PTSD.", 29),
])
def test_single_mention_counts_with_min_mentions_1(sentence: str, column: int, tmp_path: Path) -> None:
    findings = cv(sentence + "\n", "[rules.CV101]\nmin-mentions = 1\n", tmp_path, select="CV101")
    assert findings == [("CV101", 1, column)]


def test_a_passing_mention_is_not_a_discussion() -> None:
    text = "Our data covers road injuries, cancer, and suicide.\n\nThe API returns JSON.\n"
    assert cv(text) == []


def test_two_sentences_or_a_heading_make_a_discussion() -> None:
    two = "Depression is common.\n\nDepression can be treated.\n"
    assert cv(two, select="CV101") == [("CV101", 1, 1)]
    heading = "# Depression\n\nIt is common.\n"
    assert cv(heading, select="CV101") == [("CV101", 1, 3)]


def test_one_finding_per_topic_at_its_first_mention() -> None:
    text = ("Depression and PTSD often go together.\n\n"
            "PTSD can follow a frightening event.\n\n"
            "Depression is treatable.\n")
    assert cv(text, select="CV101") == [("CV101", 1, 1), ("CV101", 1, 16)]


def test_topics_in_code_urls_and_front_matter_do_not_count() -> None:
    text = ("---\ntags: [suicide, depression]\n---\n\n"
            "Run `suicide --check` twice. Run `suicide` again.\n\n"
            "See https://example.org/suicide and https://example.org/depression.\n")
    assert cv(text) == []


# -- crisis resources --

SUICIDE = "# Suicidal thoughts\n\nSuicidal thoughts are common.\n\n"


@pytest.mark.parametrize("resource", [
    "Call or text 988.",
    "Call [988](tel:988) any time.",
    '<p><a href="tel:+1-988">Call the Lifeline</a></p>',
    "[Get help now](https://988lifeline.org/chat)",
    "Call Samaritans on 116-123.",
    "In Australia, call Lifeline on 13 11 14.",
    "In Canada, call or text 9-8-8.",
    "Call 911 or go to the nearest emergency room.",
    "Call the National Suicide Prevention Lifeline.",
    "Text HOME to 741741.",
])
def test_crisis_resource_silences_cv102(resource: str) -> None:
    assert cv(SUICIDE + resource + "\n", select="CV102") == []


@pytest.mark.parametrize("not_a_resource", [
    "Seek help if you need it.",
    "Talk to your doctor.",
    "Call 1-800-988-1234 for billing questions.",
    "It was founded in 1988.",
    "Membership costs $1,000 a year.",
    "Call 555-0988 to book.",
])
def test_not_a_crisis_resource(not_a_resource: str) -> None:
    assert cv(SUICIDE + not_a_resource + "\n", select="CV102") == [("CV102", 1, 3)]


def test_locale_limits_which_resources_count(tmp_path: Path) -> None:
    text = SUICIDE + "Call or text 988.\n"
    assert cv(text, 'locale = ["en-GB"]\n', tmp_path, select="CV102") == [("CV102", 1, 3)]
    assert cv(text, 'locale = ["en-US"]\n', tmp_path, select="CV102") == []
    assert cv(text, 'locale = ["en-GB", "en-US"]\n', tmp_path, select="CV102") == []
    # generic emergency numbers count in every locale
    assert cv(SUICIDE + "Call 999 now.\n", 'locale = ["en-AU"]\n', tmp_path, select="CV102") == []


def test_locale_names_the_right_example(tmp_path: Path) -> None:
    (tmp_path / ".contentlint.toml").write_text('locale = ["en-AU"]\n', encoding="utf-8")
    [finding] = lint_text(SUICIDE, "x.md", select=["CV102"], config=tmp_path / ".contentlint.toml")
    assert "Lifeline on 13 11 14" in finding.message
    assert "988" not in finding.message


def test_extra_resources_and_extra_caveats_options(tmp_path: Path) -> None:
    text = SUICIDE + "Phone the Harbour Line whenever you need to. Visit the Quiet Room drop-in.\n"
    assert cv(text, None, None) == [("CV101", 1, 3), ("CV102", 1, 3)]
    config = ('[rules.CV102]\nextra-resources = ["Harbour Line"]\n'
              '[rules.CV101]\nextra-caveats = ["re:\\\\bQuiet Room drop-in\\\\b"]\n')
    assert cv(text, config, tmp_path) == []


def test_ignore_topics_option(tmp_path: Path) -> None:
    text = "# Stopping your medication\n\nStop taking your pills only when told.\n"
    assert cv(text, select="CV101") == [("CV101", 1, 3)]
    assert cv(text, '[rules.CV101]\nignore-topics = ["medication"]\n', tmp_path, select="CV101") == []


def test_unknown_option_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="extra-resource"):
        cv(SUICIDE, '[rules.CV102]\nextra-resource = ["x"]\n', tmp_path)


@pytest.mark.parametrize(("locale", "region"), [
    ("en-GB", "GB"), ("en_us", "US"), ("UK", "GB"), ("en-UK", "GB"), ("en", ""), ("fr-CA", "CA"),
])
def test_region_of(locale: str, region: str) -> None:
    assert region_of(locale) == region


# -- CV103: safe-messaging language, with a fix --

@pytest.mark.parametrize(("before", "after"), [
    ("He committed suicide.", "He died by suicide."),
    ("Committed suicide is a phrase to avoid.", "Died by suicide is a phrase to avoid."),
    ("She made a failed suicide attempt.", "She made a suicide attempt."),
    ("It was an unsuccessful suicide attempt.", "It was a suicide attempt."),
    ("They tried to commit suicide.", "They attempted suicide."),
    ("Reports of a successful suicide attempt upset readers.", "Reports of a suicide upset readers."),
    ("A suicide epidemic, said the paper.", "A rising suicide rates, said the paper."),
])
def test_cv103_fix(before: str, after: str) -> None:
    [finding] = lint_text(before + "\n", "x.md", select=["CV103"])
    assert finding.fix is not None and finding.fix.safe
    edit = finding.fix.edits[0]
    text = before + "\n"
    assert text[:edit.start] + edit.replacement + text[edit.end:] == after + "\n"


def test_cv103_leaves_recommended_wording_alone() -> None:
    assert cv("He died by suicide after a suicide attempt.\n", select="CV103") == []


# -- the caveat kind in a user's own pack --

PACK = """\
rules:
  - code: XCV201
    name: pregnancy-needs-midwife
    kind: caveat
    summary: Pregnancy advice with no midwife or doctor.
    what: Pregnancy.
    why: Safety.
    silenced-by: A midwife.
    example:
      fail: "# Pregnancy\\n\\nPregnancy is long.\\n"
      pass: "# Pregnancy\\n\\nAsk your midwife.\\n"
    missing: midwife caveat
    topics:
      pregnancy:
        label: pregnancy
        tokens: [pregnancy, pregnant, "!pregnant pause"]
    caveat-tokens: [midwife, "re:\\\\bmaternity (?:team|unit)\\\\b"]
"""


def test_user_pack_with_the_caveat_kind(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "mine.yml").write_text(PACK, encoding="utf-8")
    config = 'rule-packs = ["packs"]\n'
    assert cv("# Pregnancy\n\nPregnancy is long.\n", config, tmp_path, select="XCV") == [("XCV201", 1, 3)]
    assert cv("# Pregnancy\n\nCall the maternity team.\n", config, tmp_path, select="XCV") == []
    assert cv("A pregnant pause.\n\nAnother pregnant pause.\n", config, tmp_path, select="XCV") == []


@pytest.mark.parametrize(("extra", "message"), [
    ("    caveats: [hugs]\n", "unknown caveat 'hugs'"),
    ("    topics: {}\n", "'topics' must name at least one topic"),
    ("    crisis-resources: {US: {example: x}}\n    caveats: [crisis-resource]\n", "needs 'file'"),
])
def test_bad_caveat_rule_names_the_problem(extra: str, message: str, tmp_path: Path) -> None:
    spec = "rules:\n  - code: XCV202\n    name: bad-one\n    kind: caveat\n" + extra
    if "topics" not in extra:
        spec += "    topics: {x: {tokens: [x]}}\n"
    if "caveats" not in extra:
        spec += "    caveat-tokens: [y]\n"
    path = tmp_path / "bad.yml"
    path.write_text(spec, encoding="utf-8")
    with pytest.raises(PackError, match=message) as error:
        load_pack(path)
    assert "bad.yml: rule XCV202" in str(error.value)


def test_bad_pattern_in_a_topic_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text("rules:\n  - code: XCV203\n    name: bad-pattern\n    kind: caveat\n"
                    "    topics: {x: {tokens: ['re:(?<=a)b']}}\n    caveat-tokens: [y]\n", encoding="utf-8")
    with pytest.raises(PackError, match="invalid pattern"):
        load_pack(path)


# -- properties --

SAFE_FOOTER = "\n\nTalk to your doctor.\n\nIf you are in crisis, call or text 988.\n"
prose = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=300)


@settings(max_examples=60, deadline=None)
@given(prose)
def test_caveats_in_their_own_paragraph_always_silence(body: str) -> None:
    text = "# Suicide and depression\n\n" + body.replace("<", " ").replace("`", " ") + SAFE_FOOTER
    assert [c for c in cv(text) if c[0] in ("CV101", "CV102")] == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["suicide", "depression", "PTSD", "anorexia", "heroin use", "sexual assault",
                                 "stop taking your medication", "killed himself"]), min_size=1, max_size=6),
       st.text(st.characters(codec="ascii", exclude_categories=("Cc",)), max_size=40))
def test_topics_inside_code_never_count(terms: list[str], noise: str) -> None:
    code = "\n".join(f"{term} {noise.replace('`', '')}" for term in terms)
    text = f"# Notes\n\n```\n{code}\n```\n\nInline `{terms[0]}` and `{terms[-1]}` code.\n\nMore `{terms[0]}`.\n"
    assert cv(text) == []
