"""The CV test articles: each tests/fixtures/cv/NAME.md comes out exactly as
NAME.expected says.

NAME.expected has one line per expected finding, ``CODE LINE:COLUMN TEXT``,
where TEXT must appear in the finding's message (it names the topic or what
is missing); an empty file means the article must pass. An optional
NAME.toml is the configuration the article is linted with (e.g. a locale).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contentlint import lint_text

FIXTURES = Path(__file__).parent / "fixtures" / "cv"
ARTICLES = sorted(FIXTURES.glob("*.md"))


def expected(article: Path) -> list[tuple[str, int, int, str]]:
    rows = []
    for line in article.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        code, place, text = line.split(" ", 2)
        row, column = place.split(":")
        rows.append((code, int(row), int(column), text))
    return rows


def test_there_are_enough_articles() -> None:
    assert len(ARTICLES) >= 12
    for article in ARTICLES:
        assert article.with_suffix(".expected").exists(), article.name


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.stem)
def test_article(article: Path, tmp_path: Path) -> None:
    config = None
    toml = article.with_suffix(".toml")
    if toml.exists():
        config = tmp_path / ".contentlint.toml"
        config.write_text(toml.read_text(encoding="utf-8"), encoding="utf-8")
    findings = lint_text(article.read_text(encoding="utf-8"), article.name, select=["CV"], config=config)
    want = expected(article)
    assert [(f.code, f.line, f.column) for f in findings] == [(code, line, col) for code, line, col, _ in want]
    for finding, (_, _, _, text) in zip(findings, want):
        assert text in finding.message, (finding.message, text)
