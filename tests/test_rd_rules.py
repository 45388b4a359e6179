"""RD101–RD103 on real text: where they report, what they say, what their options do."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.checks import _readability as readability
from contentlint.markdown import parse_markdown

PLAIN = (
    "After something scary happens, many people feel upset for a while. You may have bad dreams. "
    "You may feel on edge, or find it hard to trust people. These feelings are common. For most "
    "people they fade over a few weeks. Talk with someone you trust about how you feel. Try to keep "
    "a daily routine. Get some sleep and move your body each day. If the feelings last more than a "
    "month, talk to a doctor."
)
HARD = (
    "Individuals experiencing persistent psychological distress following traumatic experiences "
    "frequently demonstrate considerable difficulty establishing interpersonal relationships. "
    "Comprehensive therapeutic interventions incorporating evidence-based cognitive methodologies are "
    "generally recommended by professional organizations."
)
MEDIUM = (
    "Health insurance marketplaces provide comprehensive information regarding eligibility, enrollment "
    "periods and available financial assistance. Consumers should carefully compare deductibles, copayments "
    "and provider networks before selecting coverage for their families."
)


def findings(text: str, code: str, config: str | None = None, tmp_path: Path | None = None):
    if config is None:
        return [f for f in lint_text(text, "x.md", select=[code]) if f.code == code]
    assert tmp_path is not None
    (tmp_path / ".contentlint.toml").write_text(config, encoding="utf-8")
    return [f for f in lint_text(text, str(tmp_path / "x.md"), select=[code], isolated=False,
                                 config=str(tmp_path / ".contentlint.toml")) if f.code == code]


def grade(text: str) -> float:
    return readability.flesch_kincaid_grade(readability.count_text(text))


# -- RD101 grade-level -----------------------------------------------------------

def test_grade_level_is_reported_at_the_hardest_paragraph() -> None:
    text = f"---\ntitle: Coping\n---\n\n# Coping after trauma\n\n{MEDIUM}\n\n{HARD}\n\n{PLAIN}\n"
    [finding] = findings(text, "RD101")
    document_grade = grade(f"{MEDIUM}\n\n{HARD}\n\n{PLAIN}")
    assert 12 < document_grade < grade(MEDIUM) < grade(HARD)
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (9, 1, 9, len(HARD) + 1)
    assert finding.severity.label == "info"
    assert finding.message == (
        f"The document reads at grade {document_grade:.1f} (Flesch–Kincaid), above the target grade 8 "
        f"(+4 tolerance); this paragraph is the hardest, at grade {grade(HARD):.1f}"
    )


def test_plain_document_passes_and_short_document_is_not_judged() -> None:
    assert findings(f"{PLAIN}\n\n{PLAIN}\n", "RD101") == []
    assert readability.count_text(HARD).words < 100
    assert findings(f"{HARD}\n", "RD101") == []  # grade 20+, but under min-words


def test_code_front_matter_and_headings_are_not_scored() -> None:
    jargon = " ".join(["Incomprehensibility characteristically institutionalizes"] * 30)
    text = (f"---\ndescription: {jargon}\n---\n\n# {jargon}\n\n{PLAIN}\n\n```\n{jargon}.\n```\n\n"
            f"| {jargon} |\n| --- |\n| {jargon} |\n\n{PLAIN}\n")
    document = parse_markdown(text, "x.md")
    assert readability.scoring_text(document) == f"{PLAIN}\n\n{PLAIN}"
    assert findings(text, "RD101") == []


def test_documents_in_another_language_are_not_judged() -> None:
    text = f"{PLAIN}\n\n{HARD}\n\n{MEDIUM}\n"
    assert len(findings(text, "RD101")) == 1
    assert findings(f"---\nlang: es\n---\n\n{text}", "RD101") == []
    assert findings(f"---\nlang: es \n---\n\n{text}", "RD101") == []
    assert len(findings(f"---\nlanguage: en-US\n---\n\n{text}", "RD101")) == 1


def test_target_tolerance_metric_and_min_words_options(tmp_path: Path) -> None:
    text = f"{PLAIN}\n\n{PLAIN}\n"  # grade ~4
    assert findings(text, "RD101") == []
    strict = findings(text, "RD101", '[rules.RD101]\ntarget-grade = 2\ntolerance = 0\n', tmp_path)
    assert [f.message.split(";")[0] for f in strict] == [
        f"The document reads at grade {grade(PLAIN + ' ' + PLAIN):.1f} (Flesch–Kincaid), above the target "
        f"grade 2 (+0 tolerance)"
    ]
    smog = readability.smog_index(readability.count_text(f"{PLAIN}\n\n{PLAIN}"))
    [finding] = findings(text, "RD101", '[rules.RD101]\nmetric = "smog_index"\ntarget-grade = 3\ntolerance = 0\n',
                         tmp_path)
    assert finding.message.startswith(f"The document reads at grade {smog:.1f} (SMOG index), above the target grade 3")
    assert findings(text, "RD101", '[rules.RD101]\ntarget-grade = 2\ntolerance = 0\nmin-words = 200\n',
                    tmp_path) == []


def test_unknown_metric_is_an_error_that_names_the_choices(tmp_path: Path) -> None:
    (tmp_path / ".contentlint.toml").write_text('[rules.RD101]\nmetric = "flesch"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown metric 'flesch' for RD101; choose one of flesch_kincaid_grade"):
        lint_text(f"{PLAIN}\n", str(tmp_path / "x.md"), select=["RD101"], isolated=False)


def test_grade_level_can_be_suppressed() -> None:
    text = f"{PLAIN}\n\n{HARD}\n\n{MEDIUM}\n"
    assert len(findings(text, "RD101")) == 1
    text = f"{PLAIN}\n\n<!-- contentlint-disable-next-line RD101 -->\n{HARD}\n\n{MEDIUM}\n"
    assert findings(text, "RD101") == []


# -- RD102 long-sentence ---------------------------------------------------------

LONG = ("If you have been feeling sad or anxious for more than two weeks and it is getting in the way of your "
        "work, your sleep, your relationships or the things you usually enjoy doing with friends and family, it "
        "is a good idea to make an appointment with your doctor.")


def test_long_sentence_is_located_exactly() -> None:
    text = f"# Feeling low\n\nYou are not alone. {LONG} They can help.\n\n- {LONG}\n"
    result = findings(text, "RD102")
    count = len(readability.list_words(LONG))
    assert count == 50
    start = len("You are not alone. ") + 1
    assert [(f.line, f.column, f.end_line, f.end_column) for f in result] == [
        (3, start, 3, start + len(LONG)), (5, 3, 5, 3 + len(LONG))]
    assert {f.message for f in result} == {"This sentence has 50 words (more than 40); split it"}


def test_long_sentence_ignores_code_urls_and_headings(tmp_path: Path) -> None:
    words = " ".join(["word"] * 30)
    text = (f"# {words} {words}\n\nSee `{words}` and [this page](https://example.com/{'a/' * 40}) "
            f"or <https://example.com/{'b-' * 40}> for {words}.\n")
    assert findings(text, "RD102") == []  # 34 words of prose
    assert len(findings(text, "RD102", "[rules.RD102]\nmax-words = 33\n", tmp_path)) == 1


def test_sentence_split_across_lines_is_one_sentence_with_exact_end() -> None:
    text = "Intro.\n\n" + LONG.replace("work, your", "work,\nyour") + "\n"
    [finding] = findings(text, "RD102")
    assert (finding.line, finding.column, finding.end_line) == (3, 1, 4)
    assert finding.end_column == len(LONG) - LONG.index("your sleep") + 1


def test_long_sentence_of_the_fewest_characters_is_still_read() -> None:
    """RD102 skips sentences of 2 * max-words characters or fewer (too short to hold more
    words): the shortest sentence that can hold 41 words is still reported."""
    shortest = " ".join(["a"] * 41)
    assert len(shortest) == 2 * 40 + 1
    [finding] = findings(f"{shortest}\n", "RD102")
    assert (finding.column, finding.end_column) == (1, len(shortest) + 1)
    assert finding.message == "This sentence has 41 words (more than 40); split it"
    assert findings(" ".join(["a"] * 40) + "\n", "RD102") == []


# -- RD103 long-paragraph ---------------------------------------------------------

def test_long_paragraph_spans_the_paragraph() -> None:
    lines = [PLAIN, PLAIN]  # two lines with no blank line between: one Markdown paragraph
    text = "# Title\n\nShort one.\n\n" + "\n".join(lines) + "\n\nShort two.\n"
    [finding] = findings(text, "RD103")
    words = len(readability.list_words(PLAIN)) * 2
    assert words > 150
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (5, 1, 6, len(PLAIN) + 1)
    assert finding.message == f"This paragraph has {words} words (more than 150); break it up"


def test_long_paragraph_of_the_fewest_characters_is_still_read() -> None:
    """RD103 counts the words of a block only when it has more tokens than max-words: the
    shortest paragraph that can hold 151 words is still reported."""
    shortest = " ".join(["a"] * 151)
    assert len(shortest) == 2 * 150 + 1
    [finding] = findings(f"{shortest}\n", "RD103")
    assert finding.message == "This paragraph has 151 words (more than 150); break it up"
    assert findings(" ".join(["a"] * 150) + "\n", "RD103") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab.,' \n\t\u00a0\x1e\u2028")), max_size=60))
def test_a_text_holds_at_most_half_its_length_in_tokens(text: str) -> None:
    """The bound behind RD102's length screen."""
    assert len(text.split()) <= (len(text) + 1) // 2


def test_long_paragraph_sentence_limit(tmp_path: Path) -> None:
    text = f"{PLAIN}\n"  # 9 sentences, under 150 words
    assert findings(text, "RD103") == []
    [finding] = findings(text, "RD103", "[rules.RD103]\nmax-sentences = 8\n", tmp_path)
    assert finding.message == "This paragraph has 9 sentences (more than 8); break it up"
    [finding] = findings(text, "RD103", "[rules.RD103]\nmax-sentences = 8\nmax-words = 20\n", tmp_path)
    words = len(readability.list_words(PLAIN))
    assert finding.message == f"This paragraph has {words} words (more than 20) and 9 sentences (more than 8); break it up"


def test_rd_rules_are_quiet_on_the_passing_examples() -> None:
    examples = Path(__file__).resolve().parent.parent / "examples" / "passing"
    for path in sorted(examples.glob("*.md")):
        assert [f for f in lint_text(path.read_text(encoding="utf-8"), path.name, select=["RD"])] == [], path


def test_grade_level_without_a_long_paragraph_points_at_the_hardest_short_one() -> None:
    """No block has 20 words: every block may be the hardest, list items included."""
    items = [
        "Comprehensive psychological evaluation precedes individualized therapeutic intervention.",
        "Multidisciplinary rehabilitation substantially diminishes psychological deterioration.",
        "Pharmacological considerations accompany evidence-based cognitive methodologies.",
        "Environmental, occupational and socioeconomic circumstances influence recovery trajectories.",
        "Longitudinal investigations demonstrate considerable variability.",
        "Collaborative decision-making facilitates sustainable improvements.",
        "Organizations prioritize comprehensibility and accessibility.",
        "Interpersonal relationships necessitate reciprocity.",
        "Ask your doctor.",
        "Practitioners systematically evaluate occupational circumstances.",
        "Culturally appropriate communication strategies matter considerably.",
        "Psychoeducational components are generally recommended.",
        "Individuals experiencing persistent distress frequently demonstrate difficulty.",
    ] * 2  # over 100 words in all; of equals, the first is reported
    text = "# Recovery\n\n" + "".join(f"- {item}\n" for item in items)
    [finding] = findings(text, "RD101")
    hardest = max(range(len(items)), key=lambda i: (grade(items[i]), -i))
    assert (finding.line, finding.column, finding.end_column) == (3 + hardest, 3, 3 + len(items[hardest]))
    assert finding.message.endswith(f"this paragraph is the hardest, at grade {grade(items[hardest]):.1f}")
