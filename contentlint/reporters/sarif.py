"""SARIF 2.1.0, as GitHub code scanning and other tools read it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from contentlint import __version__
from contentlint.violation import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFORMATION_URI = "https://pypi.org/project/contentlint/"


def rule_descriptor(rule: Any) -> dict[str, Any]:
    doc = rule.doc
    text = "\n\n".join(part for part in (doc.what, doc.why) if part) or doc.summary
    markdown = "\n\n".join(
        part for part in (
            doc.what and f"**What it does.** {doc.what}",
            doc.why and f"**Why it matters.** {doc.why}",
            doc.silenced_by and f"**Silenced by.** {doc.silenced_by}",
        ) if part
    ) or doc.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"family": rule.family, "tags": [rule.family]},
    }


def artifact_location(path: str) -> dict[str, str]:
    """A URI reference for a reported path: relative to the checkout, or file:// when absolute.

    Spaces, '%' and '#' must be percent-encoded, or the URI means another file.
    """
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).is_absolute():
        return {"uri": PureWindowsPath(path).as_uri() if PureWindowsPath(path).drive else "file://" + quote(posix)}
    return {"uri": quote(posix), "uriBaseId": "%SRCROOT%"}


def render(report: Any, rules: Mapping[str, Any], **_: object) -> str:
    used = sorted({finding.code for finding in report.findings})
    descriptors = [rule_descriptor(rules[code]) for code in used if code in rules]
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    results = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": artifact_location(f.path),
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }
            }],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.fingerprint:
            result["partialFingerprints"] = {"contentlint/v1": f.fingerprint}
        results.append(result)
    notifications = [{"level": "error", "message": {"text": error}} for error in report.errors]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "contentlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": descriptors}},
        "results": results,
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not report.errors,
                         "toolExecutionNotifications": notifications}],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n"
