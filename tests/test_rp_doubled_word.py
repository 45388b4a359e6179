"""RP101 doubled-word: positions, the safe fix, and the repetitions it must leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.checks.rp_doubled_word import DoubledWord
from contentlint.fixes import apply_edits
from contentlint.markdown import parse_markdown


def rp101(text: str, filename: str = "a.md"):
    return [f for f in lint_text(text, filename, select=["RP101"]) if f.code == "RP101"]


def test_reports_the_pair_with_line_and_column() -> None:
    findings = rp101("# Sleep\n\nMost adults need seven to to nine hours.\n")
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [(3, 24, 3, 29)]
    assert findings[0].message == "'to' is written twice in a row"
    assert findings[0].severity.label == "warning"


def test_fix_deletes_the_second_word_and_the_space() -> None:
    text = "Drink water throughout the the day.\n"
    findings = rp101(text)
    assert findings[0].fix is not None and findings[0].fix.safe
    assert apply_edits(text, findings) == ("Drink water throughout the day.\n", 1)


def test_a_word_three_times_is_one_finding_and_one_fix() -> None:
    text = "Rest is is is important.\n"
    findings = rp101(text)
    assert len(findings) == 1
    assert findings[0].message == "'is' is written 3 times in a row"
    assert (findings[0].column, findings[0].end_column) == (6, 14)
    assert apply_edits(text, findings)[0] == "Rest is important.\n"


def test_across_a_line_break_inside_a_paragraph() -> None:
    text = "Eat more vegetables and\nand fruit.\n"
    findings = rp101(text)
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [(1, 21, 2, 4)]
    assert apply_edits(text, findings)[0] == "Eat more vegetables and fruit.\n"


def test_sentence_start_and_headings_and_list_items() -> None:
    text = "# The the basics\n\n- keep keep moving\n\nThe the body heals.\n"
    findings = rp101(text)
    assert [(f.line, f.column) for f in findings] == [(1, 3), (3, 3), (5, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "What he had had for lunch did not matter.\n",
        "He said that that plan would work.\n",
        "We flew to Bora Bora and Walla Walla.\n",
        "Take 2 2 times a day.\n",
        "Write the *the* with emphasis.\n",  # markup between the two
        "Say the, the word.\n",
        "End of the\n\nthe next paragraph.\n",  # a blank line separates blocks
        "Run `the the` in a shell.\n",
        "```\nthe the\n```\n",
        "See https://example.org/the/the for details.\n",
        "---\ntitle: the the\n---\n\nBody text.\n",
        "Point x x on the graph.\n",
        "Ayuda para su hijo/a a través de Medicaid.\n",
        "Run yum install gcc gcc-c++ make.\n",
    ],
)
def test_quiet_on_legitimate_or_non_prose_doubles(text: str) -> None:
    assert rp101(text) == []


def test_allow_option_replaces_the_default_list() -> None:
    document = parse_markdown("We had had enough. The very very best.\n")
    rule = DoubledWord()
    assert [v.message for v in rule.check(document, {"allow": ["very"]})] == ["'had' is written twice in a row"]


def test_plain_text_files_are_checked_too() -> None:
    findings = rp101("Call your your doctor.\n", "notes.txt")
    assert [(f.line, f.column) for f in findings] == [(1, 6)]


WORDS = st.sampled_from(["sleep", "water", "daily", "walk", "rest", "calm", "food", "breathe", "slowly", "often"])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=2, max_size=12, unique=True), st.data())
def test_inserting_a_repeat_is_found_and_the_fix_undoes_it(words: list[str], data) -> None:
    original = " ".join(words) + ".\n"
    index = data.draw(st.integers(0, len(words) - 1))
    doubled_words = words[: index + 1] + [words[index]] + words[index + 1:]
    doubled = " ".join(doubled_words) + ".\n"
    assert rp101(original) == []
    findings = rp101(doubled)
    assert len(findings) == 1
    column = len(" ".join(words[:index])) + (1 if index else 0) + 1
    assert findings[0].column == column
    assert apply_edits(doubled, findings)[0] == original
