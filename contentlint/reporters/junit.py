"""JUnit XML: one test case per linted file with findings, one failure per finding."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree


def render(report: Any, rules: Mapping[str, Any], **_: object) -> str:
    by_file: dict[str, list[Any]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.path].append(finding)
    suite = ElementTree.Element("testsuite", name="contentlint", tests=str(max(report.files_checked, len(by_file))),
                                failures=str(len(report.findings)), errors=str(len(report.errors)))
    for path in sorted(by_file):
        case = ElementTree.SubElement(suite, "testcase", name=path, classname="contentlint")
        for f in by_file[path]:
            failure = ElementTree.SubElement(case, "failure", message=f"{f.code} {f.message}",
                                             type=f"{f.code} {f.name}")
            failure.text = f"{f.path}:{f.line}:{f.column}: {f.code} {f.message} [{f.severity.label}]"
    for message in report.errors:
        case = ElementTree.SubElement(suite, "testcase", name=message.split(":", 1)[0], classname="contentlint")
        error = ElementTree.SubElement(case, "error", message=message)
        error.text = message
    passed = report.files_checked - len(by_file)
    if passed > 0 and not by_file and not report.errors:
        ElementTree.SubElement(suite, "testcase", name="all files", classname="contentlint")
    root = ElementTree.Element("testsuites")
    root.append(suite)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
