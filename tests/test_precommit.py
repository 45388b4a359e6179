"""The pre-commit hook, run by the real pre-commit: `pre-commit try-repo`
installs this project into pre-commit's own environment (from PyPI, as a
user's machine would) and runs hook `contentlint` in a content repository.

try-repo runs the committed HEAD of a hook repository, or a shadow commit of
its modified tracked files, which leaves out new untracked ones. To test the
tree as it is — in a fresh CI clone or in a working copy with new files — the
test commits a snapshot of the working tree (tracked files plus untracked ones
that are not ignored) to a temporary repository and tries that.

Two try-repo runs, about 15 seconds each when pip's cache is warm.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

PASSING = """\
# Getting help for anxiety

Talking therapies and some medicines may help
([NIMH](https://www.nimh.nih.gov/health/topics/anxiety-disorders)).
"""

FAILING = """\
# Sleep tips

Keep a regular bedtime.

#sleep #health #wellness
"""

# pre-commit tags a LICENSE file plain-text; the hook's exclude keeps it out.
LICENSE = "TODO: choose a licence.\n"

PARALLEL_FILES = 24  # enough for pre-commit to split the list across processes


def environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GIT_", "PRE_COMMIT")) and key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update({
        "PRE_COMMIT_HOME": str(home),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
    })
    return env


def git(cwd: Path, env: dict[str, str], *arguments: str) -> str:
    result = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *arguments],
                            cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"git {' '.join(arguments)}: {result.stderr}"
    return result.stdout


def snapshot(destination: Path, env: dict[str, str]) -> Path:
    """This working tree, committed to a fresh repository."""
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if inside.stdout.strip() != "true":
        pytest.skip("the project is not a git working tree")
    listed = git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is left out
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(destination, env, "init", "-q")
    git(destination, env, "add", "-A")
    git(destination, env, "commit", "-q", "-m", "snapshot")
    return destination


def try_repo(hook_repo: Path, site: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "contentlint",
                           "--all-files"], cwd=site, env=env, capture_output=True, text=True, timeout=900)


def test_hook_passes_clean_articles_and_fails_on_findings(tmp_path: Path) -> None:
    env = environment(tmp_path / "pre-commit-home")
    hook_repo = snapshot(tmp_path / "contentlint", env)
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "articles" / "anxiety.md").write_text(PASSING, encoding="utf-8")
    (site / "LICENSE").write_text(LICENSE, encoding="utf-8")
    git(site, env, "init", "-q")
    git(site, env, "add", "-A")
    git(site, env, "commit", "-q", "-m", "passing article")

    passed = try_repo(hook_repo, site, env)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert re.search(r"^contentlint\.+Passed$", output, re.MULTILINE), output

    names = [f"articles/sleep-{number:02d}.md" for number in range(PARALLEL_FILES)]
    for name in names:
        (site / name).write_text(FAILING, encoding="utf-8")
    git(site, env, "add", "-A")
    failed = try_repo(hook_repo, site, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert re.search(r"^contentlint\.+Failed$", output, re.MULTILINE), output
    assert "- exit code: 1" in output
    # Every failing file is reported once, with path:line:col, whichever process linted it.
    for name in names:
        line = f"{name}:5:1: ST201 [*] Hashtag line: '#sleep #health #wellness' [hashtag-line]"
        assert output.count(line) == 1, output
    assert "anxiety.md" not in output
    assert "LICENSE" not in output
