"""GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from contentlint.violation import Severity

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(finding: Any, occurrence: int) -> str:
    """Unique in the report and stable when lines move, so GitLab can tell new issues from old ones.

    The finding's own fingerprint (its text) is the same for the same problem
    in two files, or twice in one file: the path and the occurrence tell them apart.
    """
    what = finding.fingerprint or f"{finding.line}:{finding.column}:{finding.message}"
    key = f"{finding.path}\x1f{finding.code}\x1f{what}\x1f{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def render(report: Any, rules: Mapping[str, Any], **_: object) -> str:
    issues = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for f in report.findings:
        seen[(f.path, f.code, f.fingerprint)] += 1
        issues.append({
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.message}",
            "categories": ["Style"],
            "severity": SEVERITIES[f.severity],
            "fingerprint": fingerprint(f, seen[(f.path, f.code, f.fingerprint)]),
            "location": {"path": f.path, "positions": {"begin": {"line": f.line, "column": f.column},
                                                        "end": {"line": f.end_line, "column": f.end_column}}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
