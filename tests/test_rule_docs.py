"""Every rule documents itself, and its documented examples are true:
the failing example triggers the rule and the passing one does not."""

from __future__ import annotations

import pytest

from contentlint import lint_text
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


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_failing_example_fails(rule) -> None:
    findings = lint_text(rule.doc.fail_example, "example.md", select=[rule.code])
    assert [f for f in findings if f.code == rule.code], f"{rule.code}: documented failing example passes"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_passing_example_passes(rule) -> None:
    findings = lint_text(rule.doc.pass_example, "example.md", select=[rule.code])
    assert [f for f in findings if f.code == rule.code] == [], f"{rule.code}: documented passing example fails"
