"""`check --diff-base REV`: only findings on lines added or changed since REV.

Real git repositories made in a temporary folder. Line findings use the test
markers (TS901: the word TODO); the document-level rule is CV101 (a mental
health topic with no professional-help caveat anywhere), reported at the
topic's first mention, which counts whenever the file changed at all.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PACK_SETTING, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# CV101: 'depression' in two sentences and no caveat: one finding, at line 3.
CAVEAT_MISSING = ("# Low days\n\nDepression is common.\n\nMany people live with depression for years.\n\n"
                  "Walks can help some people.\n")


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root / ".contentlint.toml", PACK_SETTING + 'select = ["TS901", "CV101"]\n')
    write(root / ".gitignore", ".contentlint_cache/\n")
    write(root / "a.md", "Line one has a TODO.\n\nLine three.\n\nLine five.\n")
    write(root / "b.md", "Another TODO here.\n")
    commit(root, "start")
    return root


def findings(out: str) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["code"]) for f in json.loads(out)]


def test_only_changed_lines_are_reported(repo: Path, cli) -> None:
    write(repo / "a.md", "Line one has a TODO.\n\nLine three, now with a TODO.\n\nLine five.\n")
    result = cli("check", ".", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert result.code == 1
    assert findings(result.out) == [("a.md", 3, "TS901")]  # not line 1 of a.md, nor b.md
    # Without the option every finding is reported.
    assert findings(cli("check", ".", "--format", "json", cwd=repo).out) == [
        ("a.md", 1, "TS901"), ("a.md", 3, "TS901"), ("b.md", 1, "TS901")]


def test_nothing_changed_passes(repo: Path, cli) -> None:
    result = cli("check", ".", "--diff-base", "HEAD", cwd=repo)
    assert (result.code, result.out) == (0, "All checks passed (2 files checked).\n")


def test_committed_staged_and_unstaged_changes_all_count(repo: Path, cli) -> None:
    write(repo / "a.md", "Line one has a TODO.\n\nCommitted TODO.\n\nLine five.\n")
    commit(repo)
    write(repo / "b.md", "Another TODO here.\nStaged TODO.\n")
    git(repo, "add", "b.md")
    write(repo / "a.md", "Line one has a TODO.\n\nCommitted TODO.\n\nUnstaged TODO.\n")
    result = cli("check", ".", "--diff-base", "HEAD~1", "--format", "json", cwd=repo)
    assert findings(result.out) == [("a.md", 3, "TS901"), ("a.md", 5, "TS901"), ("b.md", 2, "TS901")]


def test_a_new_untracked_file_counts_whole(repo: Path, cli) -> None:
    write(repo / "new" / "c.md", "TODO first.\n\nTODO second.\n")
    result = cli("check", ".", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert findings(result.out) == [("new/c.md", 1, "TS901"), ("new/c.md", 3, "TS901")]


def test_deleted_lines_report_nothing(repo: Path, cli) -> None:
    write(repo / "a.md", "Line one has a TODO.\n\nLine five.\n")
    assert cli("check", ".", "--diff-base", "HEAD", cwd=repo).code == 0


def test_the_merge_base_is_the_reference(repo: Path, cli) -> None:
    """Changes made on main after the branch started are not the branch's."""
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo / "b.md", "Another TODO here.\n\nFeature adds a TODO.\n")
    commit(repo, "feature work")
    git(repo, "checkout", "-q", "main")
    write(repo / "a.md", "Line five.\n")  # main drops the old TODO line of a.md
    commit(repo, "main moves on")
    git(repo, "checkout", "-q", "feature")
    result = cli("check", ".", "--diff-base", "main", "--format", "json", cwd=repo)
    # Compared with main itself, a.md's line 1 would look added by the branch.
    assert findings(result.out) == [("b.md", 3, "TS901")]


def test_document_level_finding_counts_when_the_file_changed_anywhere(repo: Path, cli) -> None:
    write(repo / "mood.md", CAVEAT_MISSING)
    write(repo / "other.md", CAVEAT_MISSING)
    commit(repo)
    assert cli("check", ".", "--diff-base", "HEAD", cwd=repo).code == 0  # nothing changed
    # An edit at the end of mood.md, far from the topic's first mention (line 3).
    write(repo / "mood.md", CAVEAT_MISSING.replace("Walks can help some people.", "Walks help."))
    result = cli("check", ".", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert findings(result.out) == [("mood.md", 3, "CV101")]  # other.md did not change
    # A line finding on an unchanged line of the same file stays out.
    write(repo / "mood.md", "TODO\n" + CAVEAT_MISSING)
    commit(repo)
    write(repo / "mood.md", "TODO\n" + CAVEAT_MISSING + "\nOne more line.\n")
    assert findings(cli("check", ".", "--diff-base", "HEAD", "--format", "json", cwd=repo).out) == [
        ("mood.md", 4, "CV101")]


def test_document_level_rules_are_marked() -> None:
    from contentlint.registry import build_registry

    rules = build_registry([]).rules
    marked = {code for code, rule in rules.items() if rule.document_level}
    assert {"CV101", "CV102", "RD101", "ST001", "ST002"} <= marked
    assert not {"CV103", "RP101", "ST201", "HC101"} & marked  # these point at a line of their own


def test_file_names_with_spaces_and_accents(repo: Path, cli) -> None:
    write(repo / "my notes.md", "Fine.\n")
    write(repo / "café.md", "Fine.\n")
    commit(repo)
    write(repo / "my notes.md", "Fine.\nA TODO.\n")
    write(repo / "café.md", "Fine.\nA TODO.\n")
    result = cli("check", ".", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert findings(result.out) == [("café.md", 2, "TS901"), ("my notes.md", 2, "TS901")]


def test_an_added_line_that_looks_like_a_diff_header(repo: Path, cli) -> None:
    # The added line "++ x" is "+++ x" in the diff: it is not a file name.
    write(repo / "a.md", "Line one has a TODO.\n++ TODO plus\n\nLine three.\n\nLine five.\nTODO at the end.\n")
    result = cli("check", "a.md", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert findings(result.out) == [("a.md", 2, "TS901"), ("a.md", 7, "TS901")]


@pytest.mark.parametrize("setting", [("diff.noprefix", "true"), ("diff.mnemonicPrefix", "true"),
                                     ("core.quotePath", "true"), ("color.diff", "always"), ("diff.relative", "true")])
def test_the_users_git_configuration_does_not_change_the_result(repo: Path, cli, setting: tuple[str, str]) -> None:
    git(repo, "config", *setting)
    write(repo / "b" / "d.md", "Fine.\n")  # a folder named b: "b/d.md" without a prefix
    commit(repo)
    write(repo / "b" / "d.md", "Fine.\nTODO\n")
    result = cli("check", ".", "--diff-base", "HEAD", "--format", "json", cwd=repo / "b")
    assert findings(result.out) == [("d.md", 2, "TS901")]


def test_run_from_a_subfolder(repo: Path, cli) -> None:
    write(repo / "docs" / "e.md", "Fine.\n")
    commit(repo)
    write(repo / "docs" / "e.md", "Fine.\nTODO\n")
    write(repo / "a.md", "TODO changed.\n")
    result = cli("check", ".", "--diff-base", "HEAD", "--format", "json", cwd=repo / "docs")
    assert findings(result.out) == [("e.md", 2, "TS901")]


def test_unknown_revision_exits_2(repo: Path, cli) -> None:
    result = cli("check", ".", "--diff-base", "no-such-branch", cwd=repo)
    assert result.code == 2
    assert result.out == ""
    assert result.err == (f"contentlint: error: --diff-base: unknown revision 'no-such-branch' in the git repository "
                          f"{repo.resolve()}\n")


def test_outside_a_git_repository_exits_2(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    folder = tmp_path / "plain"
    write(folder / "a.md", "TODO\n")
    result = cli("check", ".", "--diff-base", "HEAD", cwd=folder)
    assert (result.code, result.out) == (2, "")
    assert result.err == ("contentlint: error: --diff-base compares with a git revision, and a.md is not in a git "
                          "repository\n")
    # A file named outside any repository fails before anything is linted.
    named = cli("check", str(folder / "a.md"), "--diff-base", "HEAD", cwd=tmp_path)
    assert (named.code, named.out) == (2, "")
    assert named.err == (f"contentlint: error: --diff-base compares with a git revision, and {folder / 'a.md'} is "
                         "not in a git repository\n")


def test_diff_base_through_a_real_process(repo: Path) -> None:
    import sys

    write(repo / "b.md", "Another TODO here.\nAnd a TODO.\n")
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "contentlint", "check", "--diff-base", "HEAD"], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == "b.md:2:7: TS901 Marker: 'TODO' [test-marker]"


# -- each file in the repository that contains it ---------------------------------------------

@pytest.fixture
def other(repo: Path) -> Path:
    """A second repository beside the first, with a history of its own."""
    root = repo.parent / "other"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root / ".contentlint.toml", PACK_SETTING + 'select = ["TS901", "CV101"]\n')
    write(root / "c.md", "Old TODO.\n")
    commit(root, "start")
    write(root / "c.md", "Old TODO.\n\nSecond TODO.\n")
    commit(root, "second")
    return root


def test_run_from_outside_the_repository_with_absolute_paths(repo: Path, cli) -> None:
    write(repo / "a.md", "Line one has a TODO.\n\nLine three, now with a TODO.\n\nLine five.\n")
    outside = repo.parent / "elsewhere"
    outside.mkdir()
    result = cli("check", str(repo / "a.md"), str(repo / "b.md"), "--diff-base", "HEAD", "--format", "json",
                 cwd=outside)
    assert result.code == 1
    assert findings(result.out) == [(str(repo / "a.md"), 3, "TS901")]
    # A folder: the same.
    result = cli("check", str(repo), "--diff-base", "HEAD", "--format", "json", cwd=outside)
    assert findings(result.out) == [(str(repo / "a.md"), 3, "TS901")]
    # From the folder that holds the repository (not a repository itself).
    result = cli("check", "repo", "--diff-base", "HEAD", "--format", "json", cwd=repo.parent)
    assert findings(result.out) == [("repo/a.md", 3, "TS901")]


def test_files_of_two_repositories_each_compared_in_its_own(repo: Path, other: Path, cli) -> None:
    write(repo / "b.md", "Another TODO here.\nA new TODO.\n")
    write(other / "c.md", "Old TODO.\n\nSecond TODO.\n\nThird TODO.\n")
    result = cli("check", ".", "../other", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert result.code == 1
    assert findings(result.out) == [(str(other / "c.md"), 5, "TS901"), ("b.md", 2, "TS901")]
    # HEAD~1 is the other repository's first commit; it has none in the first.
    result = cli("check", str(other), "--diff-base", "HEAD~1", "--format", "json", cwd=repo.parent)
    assert findings(result.out) == [("other/c.md", 3, "TS901"), ("other/c.md", 5, "TS901")]
    missing = cli("check", ".", "../other", "--diff-base", "HEAD~1", cwd=repo)
    assert (missing.code, missing.out) == (2, "")
    assert missing.err == (f"contentlint: error: --diff-base: unknown revision 'HEAD~1' in the git repository "
                           f"{repo.resolve()}\n")


def test_a_repository_inside_a_folder_of_another(repo: Path, cli) -> None:
    """A nested repository (a vendored or sub-module checkout): its files are compared in it."""
    nested = repo / "vendor" / "guides"
    nested.mkdir(parents=True)
    git(nested, "init", "-q", "-b", "main")
    write(nested / "g.md", "Guide TODO.\n")
    commit(nested, "guides")
    write(repo / ".gitignore", ".contentlint_cache/\nvendor/\n")
    commit(repo, "ignore vendor")
    write(nested / "g.md", "Guide TODO.\nNew guide TODO.\n")
    result = cli("check", "vendor/guides/g.md", "a.md", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert findings(result.out) == [("vendor/guides/g.md", 2, "TS901")]


def test_a_folder_outside_any_repository_with_a_file_outside_too(repo: Path, cli) -> None:
    """Folders are walked first: a file outside every repository is named after the run."""
    write(repo.parent / "loose.md", "A loose TODO.\n")
    result = cli("check", ".", "--diff-base", "HEAD", cwd=repo.parent)
    assert (result.code, result.out) == (2, "")
    assert result.err == ("contentlint: error: --diff-base compares with a git revision, and loose.md is not in a "
                          "git repository\n")


def test_git_not_installed_exits_2(repo: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-programs-here"))
    result = cli("check", ".", "--diff-base", "HEAD", cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == "contentlint: error: git is not installed (needed by --diff-base)\n"


def test_fix_with_a_diff_base_fixes_only_changed_lines(repo: Path, cli) -> None:
    write(repo / "c.md", "We went to the the shop.\n\nLine three.\n")
    commit(repo, "old doubled word")
    write(repo / "c.md", "We went to the the shop.\n\nLine three.\n\nThen and and again.\n")
    result = cli("check", "c.md", "--select", "RP101", "--diff-base", "HEAD", "--fix", cwd=repo)
    assert (repo / "c.md").read_text() == "We went to the the shop.\n\nLine three.\n\nThen and again.\n"
    assert result.code == 0  # what is left is on a line the change did not touch
    # --diff previews the same thing, and without --diff-base both lines are fixed.
    write(repo / "c.md", "We went to the the shop.\n\nLine three.\n\nThen and and again.\n")
    preview = cli("check", "c.md", "--select", "RP101", "--diff-base", "HEAD", "--diff", cwd=repo)
    assert "-Then and and again." in preview.out and "-We went to the the shop." not in preview.out
    cli("check", "c.md", "--select", "RP101", "--fix", cwd=repo)
    assert (repo / "c.md").read_text() == "We went to the shop.\n\nLine three.\n\nThen and again.\n"


def test_fix_with_a_diff_base_fixes_every_line_of_a_new_file(repo: Path, cli) -> None:
    write(repo / "new.md", "It is is new.\n\nAll of of it.\n")
    cli("check", "new.md", "--select", "RP101", "--diff-base", "HEAD", "--fix", cwd=repo)
    assert (repo / "new.md").read_text() == "It is new.\n\nAll of it.\n"


def test_lines_after_fixes_follow_the_lines_a_fix_moved() -> None:
    from contentlint.gitdiff import lines_after_fixes

    original = "#tag\nkeep\nold\nnew line\n"
    # Line 1 (changed) was deleted by a fix; line 4 (changed) moved up to line 3.
    assert lines_after_fixes(original, "keep\nold\nnew line\n", {1, 4}) == {3}
    # A line a fix rewrote counts as changed; CRLF and CR end lines as LF does.
    assert lines_after_fixes("a a\r\nb\rc\n", "a\r\nb\rc\n", {1}) == {1}
    assert lines_after_fixes("x\ny\n", "x\ny\n", set()) == set()
