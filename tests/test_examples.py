"""The examples a newcomer runs first (`contentlint check examples/`) do what
the README and examples/README.md say: the failing articles fail with the
findings shown, the passing ones are clean, and examples/.contentlint.toml
is the configuration in force."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FAILING = sorted(p.relative_to(ROOT).as_posix() for p in (EXAMPLES / "failing").iterdir())
PASSING = sorted(p.relative_to(ROOT).as_posix() for folder in ("passing", "guides")
                 for p in (EXAMPLES / folder).iterdir())

# The structure (ST) findings the failing examples must produce, exactly.
# Other families (HC, CV, RP, RD) add their own findings to these files.
ST_FINDINGS = {
    ("examples/failing/cold-showers-cure-anxiety.md", 12, 1, "ST201", "error"),
    ("examples/failing/cold-showers-cure-anxiety.md", 14, 6, "ST401", "error"),
    ("examples/failing/how-i-stopped-self-harming.md", 13, 1, "ST201", "error"),
    ("examples/failing/scraped-sleep-tips.md", 27, 1, "ST201", "error"),
    ("examples/failing/walking-draft.md", 5, 62, "ST401", "error"),
    ("examples/failing/walking-draft.md", 8, 21, "ST401", "error"),
    ("examples/failing/walking-draft.md", 9, 3, "ST401", "error"),
}


def contentlint(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "contentlint", *arguments], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def findings(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return json.loads(result.stdout)


def test_readme_command_fails_on_the_failing_examples_only() -> None:
    result = contentlint("check", "examples/", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    found = findings(result)
    assert {f["path"] for f in found} == set(FAILING)
    known = {f["code"] for f in found} & {"ST201", "ST401"}
    assert {(f["path"], f["line"], f["column"], f["code"], f["severity"]) for f in found
            if f["code"] in known} == ST_FINDINGS


# What each failing example is written to show, as a code prefix.
SHOWS = {
    "examples/failing/cold-showers-cure-anxiety.md": "HC",  # unsourced health claims
    "examples/failing/how-i-stopped-self-harming.md": "CV",  # no crisis resource, no caveat
    "examples/failing/scraped-sleep-tips.md": "ST1",  # scraped site chrome
    "examples/failing/walking-draft.md": "ST3",  # a prompt and chatbot text left in
}


@pytest.mark.parametrize("path", sorted(SHOWS))
def test_each_failing_example_shows_what_it_is_written_for(path: str) -> None:
    listed = contentlint("rules", "--format", "json")
    if not any(rule["code"].startswith(SHOWS[path]) for rule in json.loads(listed.stdout)):
        pytest.skip(f"no {SHOWS[path]} rules yet")
    result = contentlint("check", path, "--format", "json", "--select", SHOWS[path])
    assert result.returncode == 1, result.stderr
    assert {f["code"][: len(SHOWS[path])] for f in findings(result)} == {SHOWS[path]}


def test_text_output_names_path_line_and_column() -> None:
    result = contentlint("check", "examples/")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "examples/failing/cold-showers-cure-anxiety.md:12:1: ST201 [*] Hashtag line: " \
           "'#wellness #selfcare #mentalhealth' [hashtag-line]" in lines
    assert "examples/failing/walking-draft.md:8:21: ST401 Placeholder text: '[insert number]' " \
           "[placeholder-text]" in lines
    assert lines[-1].startswith("Found ")
    assert "of 8 checked" in lines[-1]  # README.md is excluded by the example configuration


@pytest.mark.parametrize("path", FAILING)
def test_each_failing_example_fails_alone(path: str) -> None:
    result = contentlint("check", path, "--format", "json")
    assert result.returncode == 1, result.stderr
    assert findings(result)


@pytest.mark.parametrize("path", PASSING)
def test_each_passing_example_has_no_findings_from_any_family(path: str) -> None:
    result = contentlint("check", path, "--format", "json")
    assert (result.returncode, result.stderr) == (0, "")
    assert findings(result) == []


def test_per_file_ignores_is_what_keeps_the_checklist_quiet() -> None:
    result = contentlint("check", "examples/guides/", "--isolated", "--format", "json", "--select", "ST401")
    assert result.returncode == 1
    assert [(f["line"], f["column"], f["code"]) for f in findings(result)] == [
        (5, 25, "ST401"), (5, 31, "ST401"), (5, 39, "ST401"), (6, 12, "ST401")]


def test_per_rule_severity_comes_from_the_example_configuration() -> None:
    path = "examples/failing/scraped-sleep-tips.md"
    configured = contentlint("check", path, "--format", "json", "--select", "ST201")
    isolated = contentlint("check", path, "--isolated", "--format", "json", "--select", "ST201")
    assert [(f["code"], f["severity"]) for f in findings(configured)] == [("ST201", "error")]
    assert [(f["code"], f["severity"]) for f in findings(isolated)] == [("ST201", "warning")]


def test_example_configuration_comments_every_key() -> None:
    lines = (EXAMPLES / ".contentlint.toml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line and not line.startswith("#"):
            assert number > 0 and lines[number - 1].startswith("#"), f"line {number + 1} has no comment: {line}"
