"""ST401 placeholder-text."""

from __future__ import annotations

import pytest

from contentlint import lint_text


def spots(text: str, filename: str = "article.md") -> list[tuple[int, int, int, int]]:
    return [(f.line, f.column, f.end_line, f.end_column)
            for f in lint_text(text, filename, select=["ST401"]) if f.code == "ST401"]


@pytest.mark.parametrize(("sentence", "match"), [
    ("Call [insert phone number] for an appointment.", "[insert phone number]"),
    ("Signed, [Your Name]", "[Your Name]"),
    ("Sleep is vital [citation needed].", "[citation needed]"),
    ("See the chart [image here].", "[image here]"),
    ("Insert image here.", "Insert image here"),
    ("TODO: add a quote from a doctor.", "TODO"),
    ("The dose is TBD.", "TBD"),
    ("FIXME check this number.", "FIXME"),
    ("Lorem ipsum dolor sit amet.", "Lorem ipsum dolor"),
])
def test_placeholders_are_reported_at_the_placeholder(sentence: str, match: str) -> None:
    column = sentence.index(match) + 1
    assert spots(f"Sleep well.\n\n{sentence}\n") == [(3, column, 3, column + len(match))]
    finding = lint_text(f"{sentence}\n", "a.md", select=["ST401"])[0]
    assert finding.message == f"Placeholder text: '{match}'"
    assert finding.fix is None


def test_lorem_ipsum_across_a_line_break() -> None:
    assert spots("Walking helps. Lorem ipsum\ndolor sit amet.\n") == [(1, 16, 2, 6)]


def test_placeholders_in_lists_tables_and_headings() -> None:
    text = "## TODO\n\n- Walk [insert number] minutes.\n\n| Dose | Time |\n| --- | --- |\n| TBD | [add time] |\n"
    assert spots(text) == [(1, 4, 1, 8), (3, 8, 3, 23), (7, 3, 7, 6), (7, 9, 7, 19)]


@pytest.mark.parametrize("text", [
    "Ask [your doctor](https://example.com/doctors) first.\n",  # a link
    "Set up alerts for news about [your agency] and data.\n",  # a template variable, not [your name]
    "Todo lo que necesita saber sobre el seguro.\n",  # Spanish "todo"
    "Designers once filled wireframes with Lorem Ipsum.\n",  # talking about it
    "> Dear [insert name], thank you for your letter.\n",  # a template quoted for readers to copy
    "```\n# TODO: update the chart\n```\n",
    "Use `TODO` comments in code only.\n",
    "<!-- TODO: add sources -->\nSleep matters.\n",
    "We added [links](https://example.com) to every source.\n",
])
def test_links_templates_code_comments_and_mentions_are_not_placeholders(text: str) -> None:
    assert spots(text) == []
