"""JUnit XML: one failing test case per finding, one passing test case per clean file.

CI systems (GitLab, Jenkins, Azure) count test cases, so the counts in
<testsuite> are the numbers of <testcase>, <failure> and <error> elements.
An error (a file that could not be read) is a test case with an <error>.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree


def render(report: Any, rules: Mapping[str, Any], **_: object) -> str:
    suite = ElementTree.Element("testsuite", name="contentlint")
    with_findings = {finding.path for finding in report.findings}
    cases = 0
    for f in report.findings:
        case = ElementTree.SubElement(suite, "testcase", name=f"{f.code} {f.name} ({f.line}:{f.column})",
                                      classname=f.path, file=f.path)
        failure = ElementTree.SubElement(case, "failure", message=f"{f.code} {f.message}", type=f.severity.label)
        failure.text = f"{f.path}:{f.line}:{f.column}: {f.code} {f.message} [{f.name}]"
        cases += 1
    for path in sorted(set(getattr(report, "paths", ())) - with_findings):
        ElementTree.SubElement(suite, "testcase", name="contentlint", classname=path, file=path)
        cases += 1
    for message in report.errors:
        case = ElementTree.SubElement(suite, "testcase", name="contentlint", classname=message.split(":", 1)[0])
        error = ElementTree.SubElement(case, "error", message=message)
        error.text = message
        cases += 1
    suite.set("tests", str(cases))
    suite.set("failures", str(len(report.findings)))
    suite.set("errors", str(len(report.errors)))
    root = ElementTree.Element("testsuites", name="contentlint", tests=str(cases),
                               failures=str(len(report.findings)), errors=str(len(report.errors)))
    root.append(suite)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
