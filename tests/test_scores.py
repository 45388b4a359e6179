"""`contentlint scores`: per-file readability numbers as a table and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from contentlint.checks import _readability as readability
from contentlint.scores import COLUMNS

EASY = "The cat sat on the mat. It was warm there. The dog came in and lay down too.\n"
HARD = ("---\ntitle: Policy\n---\n\n# Heading words are not scored\n\n"
        "Comprehensive institutional accountability necessitates systematic documentation. "
        "Organizational responsibilities encompass considerable administrative complexity.\n\n"
        "```\ncode is not scored either\n```\n")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def expected(text: str) -> dict[str, float]:
    return readability.scores(readability.count_text(text))


def test_json_has_textstat_scores_of_each_files_prose(cli, isolated_dir: Path) -> None:
    write(isolated_dir, "docs/easy.md", EASY)
    write(isolated_dir, "docs/hard.md", HARD)
    result = cli("scores", "docs", "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert [row["path"] for row in rows] == ["docs/easy.md", "docs/hard.md"]
    easy, hard = rows
    assert easy == {"path": "docs/easy.md", "words": 18, "sentences": 3, "language": None,
                    "scores": expected(EASY.strip())}
    prose = ("Comprehensive institutional accountability necessitates systematic documentation. "
             "Organizational responsibilities encompass considerable administrative complexity.")
    assert hard["words"] == 12 and hard["sentences"] == 2
    assert hard["scores"] == expected(prose)
    assert hard["scores"]["flesch_kincaid_grade"] > 18 > easy["scores"]["flesch_kincaid_grade"]


def test_table_lists_each_file_and_the_median(cli, isolated_dir: Path) -> None:
    write(isolated_dir, "easy.md", EASY)
    write(isolated_dir, "hard.md", HARD)
    write(isolated_dir, "es.md", "---\nlang: es\n---\n\nEl gato se sentó en la alfombra.\n")
    result = cli("scores", ".")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["path", "words", "sent.", "FRE", "FK", "SMOG", "CLI", "ARI", "Fog", "DC"]
    easy_scores = expected(EASY.strip())
    easy_line = next(line for line in lines if line.startswith("easy.md"))
    assert easy_line.split() == ["easy.md", "18", "3"] + [f"{easy_scores[m]:.1f}" for m, _ in COLUMNS]
    assert next(line for line in lines if line.startswith("es.md")).endswith("(lang: es)")
    grades = sorted(expected(text)["flesch_kincaid_grade"] for text in (
        EASY.strip(), "El gato se sentó en la alfombra.",
        "Comprehensive institutional accountability necessitates systematic documentation. "
        "Organizational responsibilities encompass considerable administrative complexity."))
    assert f"3 files; median Flesch–Kincaid grade {grades[1]:.1f}" in lines


def test_missing_path_is_an_error_but_the_others_are_scored(cli, isolated_dir: Path) -> None:
    write(isolated_dir, "easy.md", EASY)
    result = cli("scores", "easy.md", "missing.md", "--format", "json")
    assert result.code == 2
    assert [row["path"] for row in json.loads(result.out)] == ["easy.md"]
    assert "missing.md: no such file or directory" in result.err


def test_configured_excludes_apply(cli, isolated_dir: Path) -> None:
    write(isolated_dir, ".contentlint.toml", 'exclude = ["drafts/"]\n')
    write(isolated_dir, "easy.md", EASY)
    write(isolated_dir, "drafts/hard.md", HARD)
    result = cli("scores", "--format", "json")
    assert result.code == 0, result.err
    assert [row["path"] for row in json.loads(result.out)] == ["easy.md"]
    result = cli("scores", "--format", "json", "--isolated")
    assert [row["path"] for row in json.loads(result.out)] == ["drafts/hard.md", "easy.md"]
