"""The command line, run for real: exit codes, input sources, discovery, output, commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from contentlint.config import load_config

from conftest import PACK_SETTING, write

DIRTY = "TODO one\n\n#a #b #c\n"


@pytest.fixture
def project(isolated_dir: Path) -> Path:
    write(isolated_dir / ".contentlint.toml", PACK_SETTING + 'select = ["TS901", "TS902"]\n')
    write(isolated_dir / "clean.md", "A clean article.\n")
    write(isolated_dir / "dirty.md", DIRTY)
    return isolated_dir


# -- exit codes through a real process ------------------------------------------------

def run_module(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "contentlint", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=env, timeout=120)


def test_exit_codes_of_the_real_process(project: Path) -> None:
    clean = run_module("check", "clean.md", cwd=project)
    dirty = run_module("dirty.md", cwd=project)  # `check` is the default command
    broken = run_module("check", "missing.md", "dirty.md", cwd=project)
    assert (clean.returncode, dirty.returncode, broken.returncode) == (0, 1, 2)
    assert clean.stdout == b"All checks passed (1 file checked).\n"
    assert dirty.stdout.decode().splitlines() == [
        "dirty.md:1:1: TS901 Marker: 'TODO' [test-marker]",
        "dirty.md:3:1: TS902 [*] Hashtags: '#a #b #c' [test-hashtags]",
        "Found 2 problems (1 error, 1 warning) in 1 file of 1 checked. [*] 1 fixable with --fix.",
    ]
    # The missing file is an error, and the other file is still linted and reported.
    assert broken.stderr == b"contentlint: error: missing.md: no such file or directory\n"
    assert b"dirty.md:1:1: TS901" in broken.stdout


def test_stdin_through_a_real_process(project: Path) -> None:
    result = run_module("check", "-", "--stdin-filename", "drafts/new.md", cwd=project, stdin=b"Some TODO.\n")
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[0] == "drafts/new.md:1:6: TS901 Marker: 'TODO' [test-marker]"


def test_exit_zero_and_fail_on(project: Path, cli) -> None:
    assert cli("check", "dirty.md", "--exit-zero").code == 0
    assert cli("check", "dirty.md", "--select", "TS902", "--fail-on", "error").code == 0
    assert cli("check", "dirty.md", "--select", "TS902", "--fail-on", "warning").code == 1


def test_usage_error_exits_2(project: Path, cli) -> None:
    with pytest.raises(SystemExit) as error:
        cli("check", "--format", "nope")
    assert error.value.code == 2


# -- standard input ------------------------------------------------------------------

def test_stdin_without_a_name(project: Path, cli) -> None:
    result = cli("check", "-", stdin=b"\xef\xbb\xbfTODO\r\n")
    assert result.code == 1
    assert result.out.splitlines()[0] == "-:1:1: TS901 Marker: 'TODO' [test-marker]"


def test_stdin_filename_picks_the_format(project: Path, cli) -> None:
    text = b"Code: `TODO`\n"
    assert cli("check", "-", "--stdin-filename", "a.md", stdin=text).code == 0  # code span in Markdown
    assert cli("check", "-", "--stdin-filename", "a.txt", stdin=text).code == 1  # plain text has no code


def test_stdin_and_files_together(project: Path, cli) -> None:
    result = cli("check", "clean.md", "-", "--stdin-filename", "piped.md", "--format", "json", stdin=b"TODO\n")
    assert [(f["path"], f["code"]) for f in json.loads(result.out)] == [("piped.md", "TS901")]


def test_stdin_that_is_not_utf8(project: Path, cli) -> None:
    result = cli("check", "-", "--stdin-filename", "x.md", stdin=b"caf\xe9\n")
    assert result.code == 2
    assert result.err == ("contentlint: error: x.md: not valid UTF-8: cannot decode byte 0xe9 at byte offset 3 "
                          "(line 1)\n")


# -- paths -----------------------------------------------------------------------------

def test_missing_path(project: Path, cli) -> None:
    result = cli("check", "nope/")
    assert result.code == 2
    assert result.err == "contentlint: error: nope/: no such file or directory\n"


def test_directory_with_no_lintable_files(project: Path, cli) -> None:
    write(project / "assets" / "logo.svg", "<svg/>")
    result = cli("check", "assets")
    assert result.code == 2
    assert result.err.startswith("contentlint: error: assets: no files to lint (looked for *.md, ")


def test_default_path_is_the_current_folder(project: Path, cli) -> None:
    result = cli("check", "--format", "json")
    assert result.code == 1
    assert {f["path"] for f in json.loads(result.out)} == {"dirty.md"}


def test_gitignore_is_respected(project: Path, cli) -> None:
    write(project / ".gitignore", "build-output/\n*.draft.md\n!keep.draft.md\n")
    write(project / "build-output" / "page.md", "TODO\n")
    write(project / "notes" / "x.draft.md", "TODO\n")
    write(project / "notes" / "keep.draft.md", "TODO\n")
    write(project / "notes" / ".gitignore", "local.md\n")
    write(project / "notes" / "local.md", "TODO\n")
    result = cli("check", "--format", "json", ".")
    assert sorted({f["path"] for f in json.loads(result.out)}) == ["dirty.md", "notes/keep.draft.md"]
    write(project / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\nrespect-gitignore = false\n')
    result = cli("check", "--format", "json", ".")
    assert sorted({f["path"] for f in json.loads(result.out)}) == [
        "build-output/page.md", "dirty.md", "notes/keep.draft.md", "notes/local.md", "notes/x.draft.md"]


def test_exclude_and_extend_exclude(project: Path, cli) -> None:
    write(project / "drafts" / "a.md", "TODO\n")
    write(project / "archive" / "b.md", "TODO\n")
    write(project / "node_modules" / "pkg" / "readme.md", "TODO\n")
    write(project / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\nextend-exclude = ["drafts/", "dirty.md"]\n')
    result = cli("check", "--format", "json")
    assert sorted({f["path"] for f in json.loads(result.out)}) == ["archive/b.md"]
    # `exclude` replaces the defaults, so node_modules is linted again.
    write(project / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\nexclude = ["archive"]\n')
    result = cli("check", "--format", "json")
    assert sorted({f["path"] for f in json.loads(result.out)}) == ["dirty.md", "drafts/a.md",
                                                                   "node_modules/pkg/readme.md"]


def test_nested_configuration_excludes_apply_when_walking_from_above(project: Path, cli) -> None:
    write(project / "sub" / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\nextend-exclude = ["drafts/"]\n')
    write(project / "sub" / "drafts" / "a.md", "TODO\n")
    write(project / "sub" / "final.md", "TODO\n")
    from_top = cli("check", ".", "--format", "json")
    from_sub = cli("check", "sub", "--format", "json")
    assert sorted(f["path"] for f in json.loads(from_top.out)) == ["dirty.md", "dirty.md", "sub/final.md"]
    assert [f["path"] for f in json.loads(from_sub.out)] == ["sub/final.md"]


def test_excluded_file_named_explicitly_is_skipped(project: Path, cli) -> None:
    write(project / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\nextend-exclude = ["dirty.md"]\n')
    result = cli("check", "dirty.md")
    assert result.code == 0
    assert result.out == "All checks passed (0 files checked).\n"


def test_file_named_twice_is_linted_once(project: Path, cli) -> None:
    result = cli("check", "dirty.md", "./dirty.md", str(project / "dirty.md"), "--format", "json")
    assert len(json.loads(result.out)) == 2


def test_directory_named_like_a_file(project: Path, cli) -> None:
    write(project / "odd.md" / "inside.md", "TODO\n")
    result = cli("check", "odd.md", "--format", "json")
    assert result.code == 1
    assert [f["path"] for f in json.loads(result.out)] == ["odd.md/inside.md"]


def test_symlink_is_reported_by_its_own_name(project: Path, cli) -> None:
    write(project / "shared" / "a.md", "TODO\n")
    (project / "docs").mkdir()
    os.symlink(project / "shared" / "a.md", project / "docs" / "link.md")
    result = cli("check", "docs", "--format", "json")
    assert [f["path"] for f in json.loads(result.out)] == ["docs/link.md"]


# -- output options --------------------------------------------------------------------

def test_output_file_is_written_whole_and_stdout_stays_empty(project: Path, cli) -> None:
    target = project / "reports" / "out.json"
    target.parent.mkdir()
    target.write_text("old contents")
    result = cli("check", "dirty.md", "--format", "json", "--output", str(target))
    assert result.code == 1 and result.out == ""
    assert [f["code"] for f in json.loads(target.read_text())] == ["TS901", "TS902"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.json"]  # no temporary file left


def test_output_into_a_missing_folder_is_an_error(project: Path, cli) -> None:
    result = cli("check", "dirty.md", "--output", "no/such/dir/out.txt")
    assert result.code == 2
    assert result.err.startswith("contentlint: error: no/such/dir/out.txt: cannot write report:")


def test_quiet_prints_findings_only(project: Path, cli) -> None:
    assert cli("check", "dirty.md", "--quiet").out.splitlines() == [
        "dirty.md:1:1: TS901 Marker: 'TODO' [test-marker]",
        "dirty.md:3:1: TS902 [*] Hashtags: '#a #b #c' [test-hashtags]",
    ]
    assert cli("check", "clean.md", "--quiet").out == ""


def test_statistics(project: Path, cli) -> None:
    write(project / "more.md", "TODO and TODO.\n")
    result = cli("check", "--statistics", "--quiet")
    assert result.out.splitlines() == ["     3  TS901   test-marker", "     1  TS902   test-hashtags"]


def test_color_always(project: Path, cli) -> None:
    out = cli("check", "dirty.md", "--color", "always").out
    assert "\033[31mTS901\033[0m" in out and "\033[33mTS902\033[0m" in out
    assert "\033[" not in cli("check", "dirty.md", "--color", "never").out


def test_errors_and_findings_together_in_the_summary(project: Path, cli) -> None:
    result = cli("check", "dirty.md", "gone.md")
    assert result.code == 2
    assert result.out.splitlines()[-1].endswith("Not everything was checked: 1 error on standard error.")


# -- other commands ----------------------------------------------------------------------

def test_rules_lists_every_rule(project: Path, cli) -> None:
    result = cli("rules")
    assert result.code == 0
    line = next(line for line in result.out.splitlines() if line.startswith("ST401 "))
    assert line.split()[:3] == ["ST401", "placeholder-text", "error"]
    # The configuration's rule packs are listed too.
    assert "TS901   test-marker                        error    The word TODO in prose.  (off by default)" in \
        result.out.splitlines()
    assert any(line.startswith("CL100 ") and line.endswith("(off by default)") for line in result.out.splitlines())
    listed = json.loads(cli("rules", "--format", "json").out)
    st401 = next(rule for rule in listed if rule["code"] == "ST401")
    assert set(st401) == {"code", "name", "family", "severity", "default_on", "summary", "origin"}
    assert (st401["name"], st401["family"], st401["default_on"]) == ("placeholder-text", "ST", True)
    marker = next(rule for rule in listed if rule["code"] == "TS901")
    assert marker.pop("origin").endswith("markers.yml")
    assert marker == {"code": "TS901", "name": "test-marker", "family": "TS", "severity": "error",
                      "default_on": False, "summary": "The word TODO in prose."}


def test_rule_explains_one_rule_by_code_or_name(project: Path, cli) -> None:
    by_code = cli("rule", "ST401")
    assert by_code.code == 0
    assert by_code.out.startswith("# ST401 placeholder-text\n\n")
    assert "## Example" in by_code.out and "<!-- contentlint-disable-next-line ST401 -->" in by_code.out
    assert cli("rule", "placeholder-text").out == by_code.out
    assert cli("rule", "st401").out == by_code.out


def test_rule_unknown_code_suggests(project: Path, cli) -> None:
    result = cli("rule", "ST4O1")
    assert result.code == 2 and result.out == ""
    assert result.err == ("contentlint: error: unknown rule 'ST4O1' (did you mean 'ST401'?); "
                          "`contentlint rules` lists them\n")


def test_init_writes_a_valid_starter_config_and_refuses_to_overwrite(isolated_dir: Path, cli) -> None:
    result = cli("init")
    assert (result.code, result.out) == (0, "Wrote .contentlint.toml\n")
    written = (isolated_dir / ".contentlint.toml").read_text()
    load_config(isolated_dir / ".contentlint.toml")  # the starter config is itself valid
    (isolated_dir / ".contentlint.toml").write_text(written + "# mine\n")
    again = cli("init")
    assert again.code == 2
    assert again.err == "contentlint: error: .contentlint.toml: already exists (use --force to overwrite)\n"
    assert (isolated_dir / ".contentlint.toml").read_text().endswith("# mine\n")
    assert cli("init", "--force").code == 0
    assert (isolated_dir / ".contentlint.toml").read_text() == written
    write(isolated_dir / "a.md", "[insert phone number]\n")
    assert cli("check", "a.md").code == 1  # and it runs


def test_init_pyproject_appends_and_refuses_twice(isolated_dir: Path, cli) -> None:
    pyproject = write(isolated_dir / "pyproject.toml", '[project]\nname = "site"\nversion = "1"\n')
    assert cli("init", "--pyproject").code == 0
    text = pyproject.read_text()
    assert text.startswith('[project]\nname = "site"\nversion = "1"\n\n[tool.contentlint]\n')
    config = load_config(pyproject)
    assert config.path == pyproject and config.fail_on.label == "warning"
    again = cli("init", "--pyproject")
    assert again.code == 2
    assert again.err == "contentlint: error: pyproject.toml: already has a [tool.contentlint] table\n"
    assert pyproject.read_text() == text


def test_init_pyproject_creates_the_file(isolated_dir: Path, cli) -> None:
    assert cli("init", "--pyproject").code == 0
    assert (isolated_dir / "pyproject.toml").read_text().startswith("[tool.contentlint]\n")
    load_config(isolated_dir / "pyproject.toml")


def test_version(cli) -> None:
    with pytest.raises(SystemExit) as error:
        cli("--version")
    assert error.value.code == 0


def test_a_folder_outside_the_working_directory_keeps_its_excludes_and_links(tmp_path: Path) -> None:
    """Walking a folder that is not under the configuration's root (here: no configuration,
    so the root is the working directory) still skips excluded folders, also when a link
    leads into one, and lints a linked file under its own name."""
    from contentlint import lint_paths

    corpus = tmp_path / "corpus"
    write(corpus / "a.md", "# A\n\nTODO: write this.\n")
    write(corpus / "node_modules" / "b.md", "# B\n\nTODO: write this.\n")
    write(tmp_path / "elsewhere" / "c.md", "# C\n\nTODO: write this.\n")
    (corpus / "linked").symlink_to(corpus / "node_modules", target_is_directory=True)
    (corpus / "c.md").symlink_to(tmp_path / "elsewhere" / "c.md")
    workdir = tmp_path / "work"
    workdir.mkdir()
    report = lint_paths([corpus], select=["ST401"], cwd=workdir)
    assert sorted({Path(f.path).name for f in report.findings}) == ["a.md", "c.md"]
    assert report.exit_code == 1
