"""RP103 restated-paragraph: a conclusion that repeats the introduction, and near-duplicate paragraphs."""

from __future__ import annotations

import pytest

from contentlint import lint_text
from contentlint.checks._repetition import prose_units
from contentlint.checks.rp_restated_paragraph import RestatedParagraph
from contentlint.markdown import parse_markdown

INTRO = ("Good sleep supports memory, mood, immune defence and heart health, and adults who sleep seven hours "
         "each night recover faster from illness and manage daily stress better.")


def rp103(text: str):
    return [f for f in lint_text(text, "a.md", select=["RP103"]) if f.code == "RP103"]


def test_summing_up_paragraph_that_restates_the_introduction() -> None:
    text = (
        f"{INTRO}\n\n"
        "Keep the bedroom dark, cool and quiet, and put phones in another room an hour before bed.\n\n"
        "In conclusion, sleeping seven hours each night protects memory and mood, strengthens the heart and helps "
        "adults handle stress and shake off illness sooner.\n"
    )
    findings = rp103(text)
    assert [(f.line, f.column, f.end_line) for f in findings] == [(5, 1, 5)]
    assert findings[0].message.startswith("Paragraph restates the introduction at line 1 (")
    assert findings[0].severity.label == "info"


def test_first_paragraph_under_a_summary_heading_counts_as_summing_up() -> None:
    text = (
        f"# Sleep\n\n{INTRO}\n\n"
        "Keep the bedroom dark, cool and quiet, and put phones in another room an hour before bed.\n\n"
        "## Summary\n\n"
        "Sleeping seven hours each night protects memory and mood, strengthens the heart and helps adults "
        "handle stress and shake off illness sooner.\n"
    )
    assert [(f.line, f.column) for f in rp103(text)] == [(9, 1)]


def test_late_paragraph_restating_the_introduction_without_a_marker() -> None:
    middle = [
        "Caffeine late in the day delays sleep by blocking adenosine, so keep coffee and strong tea to the "
        "morning hours and switch to water after lunch.",
        "A warm shower an hour before bed lowers core temperature afterwards, which signals the body that "
        "night has come and makes drowsiness arrive sooner.",
        "Screens emit blue light that suppresses melatonin; dim them or use a night mode during the last "
        "hour, and read a paper book instead of scrolling.",
    ]
    ending = ("Sleep each night shapes how adults feel, and seven hours of it brings better memory and mood, "
              "stronger heart health, faster recovery from illness and less daily stress.")
    text = "\n\n".join([INTRO, *middle, ending]) + "\n"
    findings = rp103(text)
    assert [(f.line, f.column) for f in findings] == [(9, 1)]
    assert "introduction at line 1" in findings[0].message


def test_near_duplicate_paragraph_anywhere() -> None:
    first = ("Wash your hands with soap and warm water for at least twenty seconds before cooking, after using "
             "the toilet and after touching animals or their food, then dry them on a clean towel.")
    second = ("Before cooking, after touching animals or their food and after using the toilet, wash hands with "
              "soap and warm water for twenty seconds or more and dry them on a clean towel.")
    text = f"{first}\n\nTeach children to sing a short song while they scrub.\n\n{second}\n"
    findings = rp103(text)
    assert [(f.line, f.column, f.end_line) for f in findings] == [(5, 1, 5)]
    assert findings[0].message.startswith("Paragraph repeats the one at line 1 (content words ")


def test_scraped_text_with_one_paragraph_per_line_is_read_line_by_line() -> None:
    lines = [
        INTRO,
        "Keep the bedroom dark, cool and quiet, and put phones in another room an hour before bed.",
        "In summary, sleeping seven hours each night protects memory and mood, strengthens the heart and "
        "helps adults handle stress and shake off illness sooner.",
    ]
    text = "\n".join(lines) + "\n"  # no blank lines: Markdown sees one paragraph
    document = parse_markdown(text)
    assert len([b for b in document.blocks if b.kind == "paragraph"]) == 1
    assert len(prose_units(document)) == 3
    assert [(f.line, f.column) for f in rp103(text)] == [(3, 1)]


def test_hard_wrapped_paragraph_stays_whole() -> None:
    text = "Sleep matters for\nmemory and mood. Adults need\nseven hours.\n"
    assert [(u.start, u.end) for u in prose_units(parse_markdown(text))] == [(0, len(text) - 1)]


@pytest.mark.parametrize(
    "text",
    [
        # a conclusion that adds something new
        f"{INTRO}\n\nKeep the bedroom dark and quiet.\n\n"
        "In conclusion, talk with a doctor if snoring, gasping or daytime sleepiness continue for more than "
        "a few weeks, because these can be signs of sleep apnoea that needs treatment.\n",
        # parallel paragraphs of a short page (adults vs children)
        "Most health plans must cover a set of preventive services like shots and screening tests for adults "
        "at no cost to you when you use a provider in the plan network.\n\n"
        "Most health plans must also cover preventive services like vision checks and hearing screening tests "
        "for children at no cost when delivered by a provider in the network.\n",
        # list items with parallel structure
        "- Adults who sleep seven hours each night recover faster from illness and manage daily stress better "
        "than adults who sleep five hours.\n"
        "- Children who sleep ten hours each night recover faster from illness and manage daily stress better "
        "than children who sleep seven hours.\n",
        # quotations and short paragraphs
        f"> {INTRO}\n\n> {INTRO}\n\nSleep well. Sleep well.\n",
    ],
)
def test_quiet(text: str) -> None:
    assert rp103(text) == []


def test_threshold_options() -> None:
    text = (f"{INTRO}\n\nKeep the bedroom dark, cool and quiet at night.\n\n"
            "In conclusion, sleeping seven hours each night protects memory and mood, strengthens the heart and "
            "helps adults handle stress and shake off illness sooner.\n")
    document = parse_markdown(text)
    rule = RestatedParagraph()
    options = rule.default_options()
    assert len(list(rule.check(document, options))) == 1
    assert list(rule.check(document, {**options, "summary-threshold": 0.9})) == []
    assert list(rule.check(document, {**options, "summary-shared": 50})) == []
    assert list(rule.check(document, {**options, "min-words": 40})) == []
