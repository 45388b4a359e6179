"""The RP family together on a machine-written article and on an agency page."""

from __future__ import annotations

from pathlib import Path

from contentlint import lint_text
from contentlint.fixes import apply_edits

FIXTURES = Path(__file__).parent / "fixtures" / "rp"


def findings(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, lint_text(text, name, select=["RP"])


def test_machine_written_article() -> None:
    _, found = findings("machine_article.md")
    assert [(f.line, f.column, f.code, f.message) for f in found] == [
        (9, 24, "RP104", "'can help you feel' is used 8 times (43.7 per 1,000 words); vary or cut it"),
        (13, 96, "RP101", "'the' is written twice in a row"),
        (15, 1, "RP102", "Sentence restates the one at line 11 (content words 100% alike)"),
        (17, 1, "RP103", "Paragraph repeats the one at line 7 (content words 69% alike)"),
    ]


def test_fix_removes_only_the_doubled_word() -> None:
    text, found = findings("machine_article.md")
    fixed, applied = apply_edits(text, found)
    assert applied == 1
    assert fixed == text.replace("the the soil", "the soil")
    assert [f.code for f in lint_text(fixed, "machine_article.md", select=["RP"])] == ["RP104", "RP102", "RP103"]


def test_agency_page_with_parallel_lists_tables_questions_quotes_and_code_is_quiet() -> None:
    _, found = findings("agency_page.md")
    assert found == []
