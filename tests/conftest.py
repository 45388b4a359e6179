"""Shared helpers for the engine tests: lint a string, run the real CLI."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from contentlint import lint_text

FIXTURES = Path(__file__).parent / "fixtures"
# Test-only rules TS901 test-marker (TODO anywhere in prose) and TS902
# test-hashtags (a line of hashtags): stable, whatever the content rules become.
MARKERS_CONFIG = FIXTURES / "engine" / "markers.toml"
MARKERS_PACK = FIXTURES / "engine" / "packs"
PACK_SETTING = f'rule-packs = ["{MARKERS_PACK.as_posix()}"]\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(text: str, filename: str = "x.md", select: list[str] | None = None):
    """lint_text with the test markers loaded (and no other configuration)."""
    return lint_text(text, filename, select=select or ["TS"], config=MARKERS_CONFIG)


def spots(text: str, code: str = "TS901", filename: str = "x.md") -> list[tuple[int, int, int, int]]:
    """(line, column, end_line, end_column) of each finding of one rule, run alone."""
    return [(f.line, f.column, f.end_line, f.end_column) for f in lint(text, filename, select=[code])
            if f.code == code]


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run `contentlint ARGS` in-process (the real argument parser and exit codes).

    `cwd` is the folder to run in; `stdin` is bytes for standard input.
    """
    from contentlint.cli import main

    def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def isolated_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder with a .git marker, so no configuration above it applies."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


class PatternRule:
    """Builds a test-only rule reporting each match of a Python regex in prose."""

    def __new__(cls, pattern: str, code: str = "ZZ900", name: str = "test-pattern"):
        import re

        from contentlint.rule import Rule
        from contentlint.violation import Violation

        compiled = re.compile(pattern)

        class _Rule(Rule):
            """A test rule."""

            def check(self, document, options):
                for match in compiled.finditer(document.prose):
                    yield Violation(match.start(), match.end(), f"matched {match.group()!r}")

        _Rule.code = code
        _Rule.name = name
        return _Rule()


def run_rules(text: str, *rules, filename: str = "x.md"):
    """Findings of the given rules alone on one text, through the engine (suppressions included)."""
    from contentlint.config import Config
    from contentlint.engine import Overrides, build_selection, lint_document, parse_document
    from contentlint.registry import Registry
    from contentlint.source import source_from_text

    registry = Registry()
    for rule in rules:
        registry.add(rule)
    selection = build_selection(Config(), Overrides(), registry)
    document = parse_document(source_from_text(text, filename))
    return lint_document(document, selection).findings


def interrupt_when(args: list[str], cwd: Path, ready: Callable[[], bool],
                   env: dict[str, str] | None = None) -> tuple[bool, bytes]:
    """Run `contentlint ARGS` in a process of its own and press Ctrl-C (SIGINT to
    its whole process group, as a terminal does) once ready() is true.

    Returns whether it was still running then, and its standard error. An
    interrupted run must exit 130 with "interrupted" as its last words.
    """
    import os
    import signal
    import subprocess
    import time

    process = subprocess.Popen([sys.executable, "-m", "contentlint", *args], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not ready():
        time.sleep(0.01)
    still_running = process.poll() is None
    if still_running:
        os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    if still_running:
        assert process.returncode == 130, err.decode()
        assert err.decode().endswith("contentlint: error: interrupted\n")
    return still_running, err
