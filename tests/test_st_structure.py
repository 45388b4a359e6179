"""ST001 empty-article and ST002 heading-only-article."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentlint import lint_paths, lint_text


def spots(text: str, code: str, filename: str = "article.md") -> list[tuple[int, int, int, int]]:
    return [(f.line, f.column, f.end_line, f.end_column)
            for f in lint_text(text, filename, select=[code]) if f.code == code]


# -- ST001 empty-article ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "where"), [
    ("", (1, 1, 1, 1)),
    ("   \n\n", (1, 1, 1, 4)),
    ("![A person sleeping](sleep.jpg)\n", (1, 1, 1, 32)),
    ("<!-- draft -->\n", (1, 1, 1, 15)),
    ("```\nprint('hi')\n```\n", (1, 1, 1, 4)),
    ("<div class=\"hero\"></div>\n", (1, 1, 1, 25)),
])
def test_a_file_without_words_is_an_empty_article(text: str, where: tuple[int, int, int, int]) -> None:
    assert spots(text, "ST001") == [where]
    assert lint_text(text, "a.md", select=["ST001"])[0].message == "The article has no text"


def test_an_empty_text_file_is_an_empty_article() -> None:
    assert spots("\n", "ST001", "notes.txt") == [(1, 1, 1, 1)]
    assert spots("Sleep.\n", "ST001", "notes.txt") == []


@pytest.mark.parametrize("text", ["Sleep.\n", "# Sleep\n", "- sleep\n", "| Sleep |\n| --- |\n| rest |\n"])
def test_one_word_of_prose_is_enough(text: str) -> None:
    assert spots(text, "ST001") == []


@pytest.mark.parametrize("text", ["---\ntitle: Services\n---\n", "---\ntitle: x\n---\n\n{{< card-list >}}\n",
                                  "+++\ntitle = 'x'\n+++\n"])
def test_front_matter_only_pages_are_left_to_the_site_generator_by_default(text: str, tmp_path: Path) -> None:
    assert spots(text, "ST001") == []
    config = tmp_path / "contentlint.toml"
    config.write_text("[rules.empty-article]\nfront-matter-only = true\n", encoding="utf-8")
    found = lint_text(text, "a.md", select=["ST001"], config=config)
    assert [(f.line, f.column, f.message) for f in found] == [(1, 1, "The article has front matter but no text")]


def test_empty_file_on_disk_fails_the_run(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "full.md").write_text("Sleep matters.\n", encoding="utf-8")
    report = lint_paths([tmp_path], select=["ST001"])
    assert [(Path(f.path).name, f.line, f.column, f.code) for f in report.findings] == [("empty.md", 1, 1, "ST001")]
    assert report.exit_code == 1


# -- ST002 heading-only-article ------------------------------------------------------------

def test_an_unwritten_outline_is_reported_at_its_first_heading() -> None:
    text = "# Better sleep\n\n## Why sleep matters\n\n## Tips for tonight\n"
    assert spots(text, "ST002") == [(1, 3, 1, 15)]
    assert lint_text(text, "a.md", select=["ST002"])[0].message == \
        "The article is only 3 headings with no text under them"


def test_headings_after_front_matter_setext_headings_rules_and_comments_are_still_an_outline() -> None:
    text = "---\ntitle: Sleep\n---\n\nBetter sleep\n============\n\n<!-- todo -->\n\n---\n\n### Tips\n"
    assert spots(text, "ST002") == [(5, 1, 5, 13)]
    assert lint_text(text, "a.md", select=["ST002"])[0].message.startswith("The article is only 2 headings")


@pytest.mark.parametrize("body", [
    "Sleep lets the body repair itself.\n",
    "- Keep a regular bedtime.\n",
    "| Hours | Age |\n| --- | --- |\n| 7 | adult |\n",
    "![Chart of sleep hours](chart.png)\n",
    "{{< sleep-calculator >}}\n",
    "```\nsleep 8h\n```\n",
    "<div class=\"map\"></div>\n",
])
def test_headings_with_anything_under_them_are_not_an_outline(body: str) -> None:
    text = f"# Better sleep\n\n## Tips\n\n{body}"
    assert spots(text, "ST002") == []


def test_an_empty_file_is_empty_not_heading_only() -> None:
    assert spots("", "ST002") == []
    assert spots("", "ST001") == [(1, 1, 1, 1)]
