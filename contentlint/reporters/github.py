"""GitHub Actions workflow commands: each finding becomes an annotation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contentlint.violation import Severity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Any, rules: Mapping[str, Any], **_: object) -> str:
    lines = []
    for f in report.findings:
        properties = ",".join([
            f"file={escape_property(f.path)}",
            f"line={f.line}", f"col={f.column}", f"endLine={f.end_line}", f"endColumn={f.end_column}",
            f"title={escape_property(f'{f.code} {f.name}')}",
        ])
        lines.append(f"::{LEVELS[f.severity]} {properties}::{escape_data(f'{f.code} {f.message}')}")
    return "\n".join(lines) + ("\n" if lines else "")
