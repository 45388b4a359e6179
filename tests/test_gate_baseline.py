"""`contentlint baseline` and `check --baseline FILE`: only new findings fail the gate.

Real files in a temporary folder, the real command line (in process), the
test-marker rules (TS901: the word TODO; TS902: a hashtag line) so the
findings do not move when the content rules change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.baseline import FORMAT_VERSION, fingerprint
from contentlint.violation import Finding, Severity

from conftest import PACK_SETTING, write

ARTICLE = "# Notes\n\nFirst paragraph with a TODO in it.\n\nSecond paragraph, fine.\n\n#a #b #c\n"


@pytest.fixture
def project(isolated_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    write(isolated_dir / ".contentlint.toml", PACK_SETTING + 'select = ["TS901", "TS902"]\n')
    write(isolated_dir / "docs" / "a.md", ARTICLE)
    write(isolated_dir / "docs" / "b.md", "Nothing to see.\n")
    return isolated_dir


def lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if not line.startswith(("Found ", "All checks"))]


def test_baseline_records_every_finding_and_check_then_passes(project: Path, cli) -> None:
    made = cli("baseline", "docs")
    assert made.code == 0
    assert made.out == "Wrote 2 findings from 2 files to .contentlint-baseline.json\n"
    data = json.loads((project / ".contentlint-baseline.json").read_text(encoding="utf-8"))
    assert data["contentlint-baseline"] == FORMAT_VERSION
    assert [(e["path"], e["code"], e["line"]) for e in data["findings"]] == [
        ("docs/a.md", "TS901", 3), ("docs/a.md", "TS902", 7)]
    assert all(len(e["fingerprint"]) == 20 for e in data["findings"])

    plain = cli("check", "docs")
    assert plain.code == 1  # without the baseline the old findings still count
    gated = cli("check", "docs", "--baseline", ".contentlint-baseline.json")
    assert (gated.code, gated.out, gated.err) == (0, "All checks passed (2 files checked).\n", "")


def test_lines_moving_do_not_resurrect_a_finding(project: Path, cli) -> None:
    cli("baseline", "docs", "-o", "base.json")
    # Text inserted above both findings, and the file's other lines edited.
    write(project / "docs" / "a.md", "---\ntitle: Notes\n---\n\nA new introduction.\n\n" + ARTICLE.replace(
        "Second paragraph, fine.", "Second paragraph, rewritten entirely."))
    result = cli("check", "docs", "--baseline", "base.json")
    assert (result.code, result.err) == (0, "")
    # The white space of the line does not matter either.
    write(project / "docs" / "a.md", ARTICLE.replace("with a TODO in", "with   a TODO\tin"))
    assert cli("check", "docs", "--baseline", "base.json").code == 0


def test_a_second_copy_of_a_known_problem_is_new(project: Path, cli) -> None:
    cli("baseline", "docs", "-o", "base.json")
    write(project / "docs" / "a.md", ARTICLE + "\nFirst paragraph with a TODO in it.\n")
    result = cli("check", "docs", "--baseline", "base.json")
    assert result.code == 1
    assert lines(result.out) == ["docs/a.md:9:24: TS901 Marker: 'TODO' [test-marker]"]
    # The same problem in another file is new too: entries are per file.
    write(project / "docs" / "a.md", ARTICLE)
    write(project / "docs" / "b.md", "First paragraph with a TODO in it.\n")
    result = cli("check", "docs", "--baseline", "base.json")
    assert lines(result.out) == ["docs/b.md:1:24: TS901 Marker: 'TODO' [test-marker]"]


def test_a_changed_line_is_a_new_finding(project: Path, cli) -> None:
    cli("baseline", "docs", "-o", "base.json")
    write(project / "docs" / "a.md", ARTICLE.replace("First paragraph with a TODO", "Now another TODO"))
    result = cli("check", "docs", "--baseline", "base.json")
    assert lines(result.out) == ["docs/a.md:3:13: TS901 Marker: 'TODO' [test-marker]"]
    # ...and the entry it replaced is stale.
    assert "contentlint: 1 baseline entry no longer match any finding" in result.err
    assert "stale: docs/a.md: TS901 (line 3 when recorded)" in result.err


def test_stale_entries_are_reported_and_baseline_prunes_them(project: Path, cli) -> None:
    cli("baseline", "docs", "-o", "base.json")
    write(project / "docs" / "a.md", "# Notes\n\nAll fixed.\n")
    result = cli("check", "docs", "--baseline", "base.json")
    assert result.code == 0
    assert result.out == "All checks passed (2 files checked).\n"
    assert result.err.splitlines() == [
        "contentlint: 2 baseline entries no longer match any finding (fixed or changed); "
        "run `contentlint baseline` to prune them",
        "contentlint:   stale: docs/a.md: TS901 (line 3 when recorded)",
        "contentlint:   stale: docs/a.md: TS902 (line 7 when recorded)",
    ]
    assert cli("check", "docs", "--baseline", "base.json", "--quiet").err == ""
    cli("baseline", "docs", "-o", "base.json")
    assert json.loads((project / "base.json").read_text(encoding="utf-8"))["findings"] == []
    assert cli("check", "docs", "--baseline", "base.json").err == ""


def test_baseline_paths_are_relative_to_the_baseline_file(project: Path, cli) -> None:
    cli("baseline", "docs", "-o", "base.json")
    # From a subfolder, the reported paths differ ("a.md"), the entries still match.
    result = cli("check", ".", "--baseline", "../base.json", cwd=project / "docs")
    assert (result.code, result.err) == (0, "")
    # A baseline written from the subfolder is read from the top as well.
    cli("baseline", ".", "-o", "../base2.json", cwd=project / "docs")
    assert [e["path"] for e in json.loads((project / "base2.json").read_text())["findings"]] == ["docs/a.md"] * 2
    assert cli("check", "docs", "--baseline", "base2.json", cwd=project).code == 0


def test_baseline_with_other_options(project: Path, cli) -> None:
    cli("baseline", "docs", "-o", "base.json")
    write(project / "docs" / "c.md", "TODO\n")
    result = cli("check", "docs", "--baseline", "base.json", "--format", "json")
    assert [(f["path"], f["line"], f["code"]) for f in json.loads(result.out)] == [("docs/c.md", 1, "TS901")]
    assert cli("check", "docs", "--baseline", "base.json", "--exit-zero").code == 0
    assert cli("check", "docs", "--baseline", "base.json", "--select", "TS902").code == 0


def test_baseline_command_refuses_to_write_after_errors(project: Path, cli) -> None:
    (project / "docs" / "bad.md").write_bytes(b"caf\xe9\n")
    result = cli("baseline", "docs", "-o", "base.json")
    assert result.code == 2
    assert "docs/bad.md: not valid UTF-8" in result.err
    assert "base.json: not written, because some files could not be linted" in result.err
    assert not (project / "base.json").exists()


@pytest.mark.parametrize(("content", "expected"), [
    ('{"contentlint-baseline": 99, "findings": []}',
     "base.json: baseline format 99 is not supported by contentlint"),
    ('{"contentlint-baseline": 1, "findings": [', "base.json: not a valid baseline: invalid JSON at line 1, column"),
    ("", "base.json: not a valid baseline: invalid JSON at line 1, column 1"),
    ('[1, 2]', "base.json: not a contentlint baseline file"),
    ('{"results": []}', "base.json: not a contentlint baseline file"),
    ('{"contentlint-baseline": 1, "findings": {}}', "base.json: 'findings' must be a list"),
    ('{"contentlint-baseline": 1, "findings": [{"path": "a.md", "code": "TS901"}]}',
     "base.json: entry 1 needs string 'path', 'code' and 'fingerprint'"),
])
def test_broken_baseline_files_exit_2_naming_the_file(project: Path, cli, content: str, expected: str) -> None:
    write(project / "base.json", content)
    result = cli("check", "docs", "--baseline", "base.json")
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(f"contentlint: error: {expected}")


def test_missing_or_unreadable_baseline(project: Path, cli) -> None:
    result = cli("check", "docs", "--baseline", "nope.json")
    assert result.code == 2
    assert result.err == ("contentlint: error: nope.json: baseline file not found "
                          "(create it with `contentlint baseline`)\n")
    (project / "latin1.json").write_bytes(b'{"contentlint-baseline": 1, "x": "\xe9"}')
    result = cli("check", "docs", "--baseline", "latin1.json")
    assert result.code == 2
    assert result.err.startswith("contentlint: error: latin1.json: cannot read baseline:")


def test_the_baseline_file_is_written_atomically(project: Path, cli) -> None:
    write(project / "base.json", "old content")
    (project / "docs" / "bad.md").write_bytes(b"\xff\xfe\x00")  # an error: nothing is written
    assert cli("baseline", "docs", "-o", "base.json").code == 2
    assert (project / "base.json").read_text() == "old content"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".base")) == []


# -- the fingerprint itself -------------------------------------------------------------

def finding_at(text: str, start: int, end: int, code: str = "TS901") -> Finding:
    return Finding(path="a.md", line=1, column=1, end_line=1, end_column=1, code=code, name="x",
                   severity=Severity.WARNING, message="m", start=start, end=end)


line_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(above=st.lists(line_text, max_size=5), below=st.lists(line_text, max_size=5))
def test_fingerprint_does_not_depend_on_the_lines_around(above: list[str], below: list[str]) -> None:
    line = "Some words with a TODO in them."
    before = "\n".join(above) + ("\n" if above else "")
    text = before + line + ("\n" + "\n".join(below) if below else "")
    start = len(before) + line.index("TODO")
    assert fingerprint(finding_at(text, start, start + 4), text) == fingerprint(
        finding_at(line, line.index("TODO"), line.index("TODO") + 4), line)


def test_fingerprint_depends_on_the_code_the_span_and_the_line() -> None:
    text = "a TODO b TODO c\n"
    first = fingerprint(finding_at(text, 2, 6), text)
    assert fingerprint(finding_at(text, 2, 6, code="TS902"), text) != first
    assert fingerprint(finding_at(text, 2, 4), text) != first  # another span
    other = "a TODO b TODO d\n"
    assert fingerprint(finding_at(other, 2, 6), other) != first  # the line changed


# -- --fix with a baseline: only new findings are fixed ---------------------------------------

def test_fix_with_a_baseline_fixes_only_new_findings(project: Path, cli) -> None:
    """What the baseline accepts is left as it is: the team decided to keep it
    for now, and a gate must not rewrite lines a pull request did not touch."""
    old = "# Notes\n\nIt is is an old sentence.\n\n#old #tags\n\nA TODO.\n"
    path = write(project / "docs" / "a.md", old)
    select = ("--select", "RP101,TS902,TS901")
    assert cli("baseline", "docs", "-o", "base.json", *select).out == "Wrote 3 findings from 2 files to base.json\n"
    new = old + "\nWalk a a little.\n\n#new #tags\n"
    write(project / "docs" / "a.md", new)
    result = cli("check", "docs", "--baseline", "base.json", "--fix", *select)
    assert (result.code, result.err) == (0, "")
    assert result.out == "Fixed 2 problems.\nAll checks passed (2 files checked).\n"
    assert path.read_text() == "# Notes\n\nIt is is an old sentence.\n\n#old #tags\n\nA TODO.\n\nWalk a little.\n"
    # Nothing new is left: a second run fixes nothing.
    again = cli("check", "docs", "--baseline", "base.json", "--fix", *select)
    assert (again.code, again.out) == (0, "All checks passed (2 files checked).\n")
    # Without the baseline every safe fix is applied.
    assert cli("check", "docs", "--fix", *select).code == 1  # the TODO has no fix
    assert path.read_text() == "# Notes\n\nIt is an old sentence.\n\nA TODO.\n\nWalk a little.\n"


def test_diff_with_a_baseline_shows_only_the_new_fixes(project: Path, cli) -> None:
    write(project / "docs" / "a.md", "It is is old.\n")
    cli("baseline", "docs", "-o", "base.json", "--select", "RP101")
    write(project / "docs" / "a.md", "It is is old.\nThis is is new.\n")
    result = cli("check", "docs", "--baseline", "base.json", "--diff", "--select", "RP101")
    assert result.code == 1
    assert result.out == ("--- a/docs/a.md\n+++ b/docs/a.md\n@@ -1,2 +1,2 @@\n It is is old.\n"
                          "-This is is new.\n+This is new.\n")
    assert result.err == "1 fix would be applied to 1 file.\n"


def test_a_second_copy_of_a_baselined_line_is_fixed_once(project: Path, cli) -> None:
    """Identical fingerprints are counted: the baseline accepts one copy, the other is new."""
    path = write(project / "docs" / "a.md", "Text.\n\n#a #b\n\nMore text.\n")
    cli("baseline", "docs", "-o", "base.json", "--select", "TS902")
    write(project / "docs" / "a.md", "Text.\n\n#a #b\n\nMore text.\n\n#a #b\n")
    result = cli("check", "docs", "--baseline", "base.json", "--fix", "--select", "TS902")
    assert (result.code, result.out) == (0, "Fixed 1 problem.\nAll checks passed (2 files checked).\n")
    assert path.read_text() == "Text.\n\n#a #b\n\nMore text.\n"


# -- faults: other versions, odd files, interruption ---------------------------------------------

def test_a_baseline_written_by_another_version_in_the_same_format_is_read(project: Path, cli) -> None:
    cli("baseline", "docs", "-o", "base.json")
    data = json.loads((project / "base.json").read_text(encoding="utf-8"))
    data["tool-version"] = "0.0.1"
    write(project / "base.json", json.dumps(data))
    result = cli("check", "docs", "--baseline", "base.json")
    assert (result.code, result.out, result.err) == (0, "All checks passed (2 files checked).\n", "")


def test_a_baseline_of_a_newer_format_names_both_formats(project: Path, cli) -> None:
    from contentlint import __version__

    write(project / "base.json", '{"contentlint-baseline": 2, "tool-version": "9.0", "findings": []}')
    result = cli("check", "docs", "--baseline", "base.json")
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"contentlint: error: base.json: baseline format 2 is not supported by contentlint "
                          f"{__version__} (format {FORMAT_VERSION}); regenerate it with `contentlint baseline`\n")


def test_hand_edited_invalid_json_names_line_and_column(project: Path, cli) -> None:
    cli("baseline", "docs", "-o", "base.json")
    text = (project / "base.json").read_text(encoding="utf-8")
    write(project / "base.json", text.replace('"code": "TS902",', '"code": "TS902"', 1))  # a comma lost
    line = text[:text.index('"code": "TS902"')].count("\n") + 2
    result = cli("check", "docs", "--baseline", "base.json")
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"contentlint: error: base.json: not a valid baseline: invalid JSON at line {line}, "
                          "column 4: Expecting ',' delimiter\n")


def test_a_folder_given_as_baseline(project: Path, cli) -> None:
    result = cli("check", "docs", "--baseline", "docs")
    assert (result.code, result.out) == (2, "")
    assert result.err == "contentlint: error: docs: cannot read baseline: [Errno 21] Is a directory: 'docs'\n"


def test_baseline_that_cannot_be_written(project: Path, cli) -> None:
    result = cli("baseline", "docs", "-o", "missing/base.json")
    assert (result.code, result.out) == (2, "")
    assert result.err == "contentlint: error: missing/base.json: cannot write baseline: No such file or directory\n"


def test_ctrl_c_while_the_baseline_is_written(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    write(project / "base.json", "the old baseline")

    def interrupted(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    result = cli("baseline", "docs", "-o", "base.json", "--no-cache")
    assert (result.code, result.out, result.err) == (130, "", "contentlint: error: interrupted\n")
    assert (project / "base.json").read_text() == "the old baseline"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".base")) == []
