"""`contentlint scores`: readability scores per file, for editors who want the numbers.

The scores are textstat 0.7.13's formulas over the prose the RD rules read
(paragraphs, list items, block quotes, HTML blocks — not headings, tables,
code or front matter), counted once per file. Printed as a table or JSON.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from contentlint.checks import _readability as readability
from contentlint.document import Document

COLUMNS = (  # (metric, table heading)
    ("flesch_reading_ease", "FRE"),
    ("flesch_kincaid_grade", "FK"),
    ("smog_index", "SMOG"),
    ("coleman_liau_index", "CLI"),
    ("automated_readability_index", "ARI"),
    ("gunning_fog", "Fog"),
    ("dale_chall_readability_score", "DC"),
)


@dataclass(frozen=True)
class FileScores:
    path: str
    words: int
    sentences: int
    language: str | None  # as declared in the front matter; the formulas are English ones
    scores: dict[str, float]

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "words": self.words, "sentences": self.sentences, "language": self.language,
                "scores": self.scores}


def document_scores(document: Document) -> FileScores:
    counts = readability.document_counts(document)
    matter = document.front_matter or {}
    language = next((str(matter[key]).strip() for key in ("lang", "language", "locale") if matter.get(key)), None)
    return FileScores(document.path, counts.words, counts.sentence_count, language, readability.scores(counts))


def render_json(rows: list[FileScores]) -> str:
    return json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False) + "\n"


def render_table(rows: list[FileScores]) -> str:
    if not rows:
        return "No files scored.\n"
    width = max(len("path"), *(len(row.path) for row in rows))
    header = f"{'path':<{width}}  {'words':>6}  {'sent.':>5}" + "".join(f"  {title:>6}" for _, title in COLUMNS)
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = "".join(f"  {row.scores[metric]:>6.1f}" for metric, _ in COLUMNS)
        note = f"  (lang: {row.language})" if row.language and not row.language.lower().startswith("en") else ""
        lines.append(f"{row.path:<{width}}  {row.words:>6}  {row.sentences:>5}{cells}{note}")
    grades = [row.scores["flesch_kincaid_grade"] for row in rows if row.words]
    lines.append("")
    if grades:
        lines.append(f"{len(rows)} file{'s' if len(rows) != 1 else ''}; median Flesch–Kincaid grade "
                     f"{statistics.median(grades):.1f}")
    lines.append("FRE Flesch reading ease (higher is easier) · FK Flesch–Kincaid grade · SMOG · CLI Coleman–Liau · "
                 "ARI automated readability · Fog Gunning fog · DC Dale–Chall (textstat's formulas)")
    return "\n".join(lines) + "\n"


def score_paths(paths: list[str], config_path: Path | None = None, isolated: bool = False
                ) -> tuple[list[FileScores], list[str]]:
    """Scores of every file the paths name (folders searched as `check` does) and the errors."""
    from contentlint.config import ConfigError
    from contentlint.engine import Overrides, parse_document
    from contentlint.runner import Linter, Report
    from contentlint.source import SourceError, read_source

    linter = Linter(Overrides(), config_path, isolated=isolated)
    report = Report()
    rows: list[FileScores] = []
    for path in linter.collect(paths, report):
        config = linter.config_for(path.parent)
        if isinstance(config, ConfigError):
            if str(config) not in report.errors:
                report.errors.append(str(config))
            continue
        try:
            source = read_source(path, linter.display(path), config.max_file_size)
        except SourceError as error:
            report.errors.append(str(error))
            continue
        rows.append(document_scores(parse_document(source)))
    return rows, report.errors
