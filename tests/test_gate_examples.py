"""The copyable CI configurations in examples/ci/: valid YAML, and every
contentlint command in them is one the command line accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from contentlint.cli import _parser

CI = Path(__file__).resolve().parent.parent / "examples" / "ci"


def load(name: str) -> dict:
    return yaml.safe_load((CI / name).read_text(encoding="utf-8"))


def commands(script: str) -> list[list[str]]:
    """The `contentlint ...` commands of a shell script, CI expressions replaced by a word."""
    script = re.sub(r"\$\{\{[^}]*\}\}", "VALUE", script)
    script = re.sub(r"\$\{?[A-Z_]+\}?", "VALUE", script)
    found = []
    for line in script.splitlines():
        line = line.strip()
        if line.startswith("contentlint "):
            found.append(shlex.split(line)[1:])
    return found


def parse(arguments: list[str]):
    return _parser().parse_args(arguments)


def test_github_workflow() -> None:
    workflow = load("github-actions.yml")
    steps = workflow["jobs"]["contentlint"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert workflow["permissions"]["security-events"] == "write"
    runs = [arguments for step in steps for arguments in commands(step.get("run", ""))]
    parsed = [parse(arguments) for arguments in runs]
    sarif = next(args for args in parsed if args.format == "sarif")
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"] == "always()"
    assert upload["with"]["sarif_file"] == str(sarif.output)
    assert steps.index(upload) > next(i for i, step in enumerate(steps) if "--format sarif" in step.get("run", ""))
    gate = next(step for step in steps if "--format github" in step.get("run", ""))
    assert "--diff-base \"origin/${{ github.base_ref }}\"" in gate["run"]
    assert next(args for args in parsed if args.format == "github").diff_base == "origin/VALUE"


def test_gitlab_job() -> None:
    job = load("gitlab-ci.yml")["contentlint"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    runs = [arguments for line in job["script"] for arguments in commands(line)]
    parsed = [parse(arguments) for arguments in runs]
    outputs = {args.format: str(args.output) for args in parsed if args.output is not None}
    assert job["artifacts"]["reports"] == {"codequality": outputs["gitlab"], "junit": outputs["junit"]}
    assert job["artifacts"]["when"] == "always"
    assert [args.diff_base for args in parsed if args.diff_base] == ["VALUE"]
    assert [str(args.baseline) for args in parsed if args.baseline] == [".contentlint-baseline.json"]


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_files_are_not_linted_as_articles(name: str) -> None:
    from contentlint.runner import Linter, Report

    linter = Linter(cwd=CI.parent.parent)
    files = linter.collect([str(CI.parent)], Report())
    assert files and all(path.suffix in (".md", ".txt") for path in files)
    assert CI / name not in files
