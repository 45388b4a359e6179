"""contentlint: a linter for health and wellbeing articles.

Python API::

    import contentlint

    findings = contentlint.lint_text("Studies show this cures anxiety.\\n", filename="draft.md")
    for finding in findings:
        print(finding.line, finding.column, finding.code, finding.message)

    report = contentlint.lint_paths(["articles/"], select=["HC", "CV"])
    report.findings, report.errors, report.exit_code
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "lint_text", "lint_paths", "Finding", "Severity"]

if TYPE_CHECKING:
    from contentlint.runner import Report
    from contentlint.violation import Finding, Severity


def _linter(select: Iterable[str] | None, extend_select: Iterable[str] | None, ignore: Iterable[str] | None,
            config: str | Path | None, cwd: str | Path | None, isolated: bool):
    from contentlint.engine import Overrides
    from contentlint.runner import Linter

    overrides = Overrides(
        select=tuple(select) if select is not None else None,
        extend_select=tuple(extend_select or ()),
        ignore=tuple(ignore or ()),
    )
    return Linter(overrides, Path(config) if config else None, Path(cwd) if cwd else None, isolated=isolated)


def lint_text(text: str, filename: str = "<string>.md", *, select: Iterable[str] | None = None,
              extend_select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
              config: str | Path | None = None, isolated: bool = True) -> list[Finding]:
    """Lint a string and return its findings (sorted by position).

    ``filename`` picks the format (``.md`` Markdown, else plain text) and, with
    ``isolated=False``, which configuration file applies. Raises ValueError if
    the configuration or rule packs are broken.
    """
    linter = _linter(select, extend_select, ignore, config, None, isolated)
    report = linter.run([], stdin_text=text, stdin_filename=filename)
    if report.errors:
        raise ValueError("; ".join(report.errors))
    return report.findings


def lint_paths(paths: Iterable[str | Path], *, select: Iterable[str] | None = None,
               extend_select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
               config: str | Path | None = None, cwd: str | Path | None = None) -> Report:
    """Lint files and folders as `contentlint check` does; returns a Report
    with ``findings``, ``errors`` (per file, with the reason) and ``exit_code``."""
    linter = _linter(select, extend_select, ignore, config, cwd, isolated=False)
    return linter.run([str(path) for path in paths])


def __getattr__(name: str):  # lazy re-exports keep `import contentlint` cheap
    if name in ("Finding", "Severity"):
        from contentlint import violation

        return getattr(violation, name)
    raise AttributeError(name)
