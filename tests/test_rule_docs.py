"""Every rule documents itself, and its documented examples are true:
the failing example triggers the rule and the passing one does not."""

from __future__ import annotations

import re

import pytest

from contentlint import lint_paths, lint_text
from contentlint.registry import build_registry
from contentlint.rule import CODE, NAME, render_doc

REGISTRY = build_registry(plugins=False)
RULES = sorted(REGISTRY.rules.values(), key=lambda rule: rule.code)


def test_registry_loads_without_errors() -> None:
    assert REGISTRY.errors == []
    assert len(RULES) >= 2


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_is_documented(rule) -> None:
    assert CODE.match(rule.code)
    assert NAME.match(rule.name)
    doc = rule.doc
    assert doc.summary and doc.what and doc.why and doc.silenced_by, rule.code
    assert doc.fail_example.strip() and doc.pass_example.strip(), rule.code
    page = render_doc(rule)
    assert page.startswith(f"# {rule.code} {rule.name}")


# A corpus rule's example holds several files, each opened by a `<!-- file: NAME -->` line.
FILE_MARKER = re.compile(r"^<!-- file: (\S+) -->\n", re.MULTILINE)


def example_findings(rule, example: str, folder):
    parts = FILE_MARKER.split(example)
    if len(parts) == 1:
        return lint_text(example, "example.md", select=[rule.code])
    for name, body in zip(parts[1::2], parts[2::2]):
        (folder / name).write_text(body, encoding="utf-8")
    report = lint_paths([folder], select=[rule.code], cwd=folder)
    assert report.errors == []
    return report.findings


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_failing_example_fails(rule, tmp_path) -> None:
    findings = example_findings(rule, rule.doc.fail_example, tmp_path)
    assert [f for f in findings if f.code == rule.code], f"{rule.code}: documented failing example passes"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_passing_example_passes(rule, tmp_path) -> None:
    findings = example_findings(rule, rule.doc.pass_example, tmp_path)
    assert [f for f in findings if f.code == rule.code] == [], f"{rule.code}: documented passing example fails"
