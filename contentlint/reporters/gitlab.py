"""GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from contentlint.violation import Severity

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(finding: Any) -> str:
    if finding.fingerprint:
        return finding.fingerprint
    key = f"{finding.path}:{finding.code}:{finding.line}:{finding.column}:{finding.message}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def render(report: Any, rules: Mapping[str, Any], **_: object) -> str:
    issues = []
    for f in report.findings:
        issues.append({
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.message}",
            "categories": ["Style"],
            "severity": SEVERITIES[f.severity],
            "fingerprint": fingerprint(f),
            "location": {"path": f.path, "positions": {"begin": {"line": f.line, "column": f.column},
                                                        "end": {"line": f.end_line, "column": f.end_column}}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
