"""The registry survives broken rule modules and names them."""

from __future__ import annotations

from pathlib import Path

import pytest

import contentlint.checks
from contentlint.registry import build_registry


def test_a_broken_builtin_module_is_reported_and_the_rest_still_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "zz_broken.py").write_text("raise RuntimeError('boom at import')\n", encoding="utf-8")
    monkeypatch.setattr(contentlint.checks, "__path__", [*contentlint.checks.__path__, str(tmp_path)])
    registry = build_registry(plugins=False)
    assert registry.errors == [
        "built-in rule module contentlint.checks.zz_broken failed to load: RuntimeError: boom at import"
    ]
    assert "ST401" in registry.rules and "CL100" in registry.rules


def test_balanced_groups() -> None:
    from contentlint.kinds.existence import balanced

    assert balanced(r"a(b|c)d") and balanced(r"\(x") and balanced("[(]") and balanced("[]()]")
    assert not balanced("a)|(b") and not balanced("(a") and not balanced("[a")


def test_a_whole_line_rule_with_a_part_that_only_works_combined_is_still_an_error(tmp_path: Path) -> None:
    from contentlint.kinds import PackError
    from contentlint.packs import load_pack

    pack = tmp_path / "p.yml"
    pack.write_text(
        "rules:\n"
        "  - {code: XX101, name: odd, kind: existence, scope: line, anchor: whole,\n"
        "     patterns: ['a)|(?:b', 'c']}\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"p\.yml: rule XX101: invalid pattern 'a\)\|\(\?:b'"):
        load_pack(pack)
