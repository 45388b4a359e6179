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
