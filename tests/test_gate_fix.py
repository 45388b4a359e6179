"""`check --fix` and `--diff`: the safe fixes, written atomically, encoding and newlines kept.

The real command line on real files. The fixes are those of the built-in
rules the issue names: RP101 doubled words, ST201 hashtag lines, ST101
scraped navigation lines, CV103 safe-messaging wording.
"""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import interrupt_when, write

FIXABLE = ("# Sleep\n\nSleep matters. It is is important for everyone.\n\nShare this:\n\n"
           "Her brother committed suicide in 2019. If you are struggling, call 988.\n\n#sleep #health #wellness\n")
FIXED = ("# Sleep\n\nSleep matters. It is important for everyone.\n\n"
         "Her brother died by suicide in 2019. If you are struggling, call 988.\n")  # no blank line left at the end
SELECT = ("--select", "RP101,ST101,ST201,CV103,TS901")


@pytest.fixture
def project(isolated_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from conftest import PACK_SETTING

    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    write(isolated_dir / ".contentlint.toml", PACK_SETTING)
    return isolated_dir


def test_fix_applies_each_safe_fix(project: Path, cli) -> None:
    path = write(project / "a.md", FIXABLE)
    before = cli("check", "a.md", *SELECT)
    assert [line.split(" ")[1] for line in before.out.splitlines()[:-1]] == ["RP101", "ST101", "CV103", "ST201"]
    result = cli("check", "a.md", "--fix", *SELECT)
    assert (result.code, result.err) == (0, "")
    assert result.out == "Fixed 4 problems.\nAll checks passed (1 file checked).\n"
    assert path.read_text(encoding="utf-8") == FIXED


def test_second_fix_changes_nothing_and_exits_by_what_remains(project: Path, cli) -> None:
    path = write(project / "a.md", FIXABLE + "\nA TODO that no fix removes.\n")
    first = cli("check", "a.md", "--fix", *SELECT)
    assert first.code == 1  # TS901 has no fix: it still fails the run
    assert first.out.splitlines() == ["a.md:7:3: TS901 Marker: 'TODO' [test-marker]", "Fixed 4 problems.",
                                      "Found 1 problem (1 error) in 1 file of 1 checked."]
    fixed = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    second = cli("check", "a.md", "--fix", *SELECT)
    assert second.code == 1
    assert "Fixed" not in second.out
    assert path.read_bytes() == fixed
    assert path.stat().st_mtime_ns == mtime  # not even rewritten


def test_fixes_that_overlap_are_applied_in_passes(project: Path, cli) -> None:
    path = write(project / "a.md", "It is is is is fine.\n")
    assert cli("check", "a.md", "--fix", "--select", "RP101").code == 0
    assert path.read_text() == "It is fine.\n"


def test_diff_previews_and_writes_nothing(project: Path, cli) -> None:
    path = write(project / "a.md", FIXABLE)
    result = cli("check", "a.md", "--diff", *SELECT)
    assert result.code == 1
    assert path.read_text(encoding="utf-8") == FIXABLE
    assert result.out == (
        "--- a/a.md\n+++ b/a.md\n@@ -1,9 +1,5 @@\n # Sleep\n \n"
        "-Sleep matters. It is is important for everyone.\n+Sleep matters. It is important for everyone.\n \n"
        "-Share this:\n-\n-Her brother committed suicide in 2019. If you are struggling, call 988.\n-\n"
        "-#sleep #health #wellness\n+Her brother died by suicide in 2019. If you are struggling, call 988.\n")
    assert result.err == "4 fixes would be applied to 1 file.\n"
    # Nothing to fix: no diff, exit 0.
    clean = cli("check", "a.md", "--diff", "--select", "TS901")
    assert (clean.code, clean.out) == (0, "")


def test_fix_and_diff_together_is_a_usage_error(project: Path, cli) -> None:
    write(project / "a.md", FIXABLE)
    result = cli("check", "a.md", "--fix", "--diff")
    assert result.code == 2
    assert "--fix and --diff cannot be used together" in result.err


@pytest.mark.parametrize(("name", "encode", "newline"), [
    ("crlf.md", lambda text: text.encode("utf-8"), "\r\n"),
    ("bom.md", lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "\r\n"),
    ("le.md", lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "\n"),
    ("be.md", lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "\r\n"),
    ("cr.txt", lambda text: text.encode("utf-8"), "\r"),
])
def test_fix_keeps_encoding_bom_and_newlines(project: Path, cli, name: str, encode, newline: str) -> None:
    text = "# Title\n\nIt was was fine.\n\n#a #b #c\n\nThe end.\n".replace("\n", newline)
    path = project / name
    path.write_bytes(encode(text))
    result = cli("check", name, "--fix", "--select", "RP101,ST201")
    assert result.code == 0, result.out + result.err
    assert path.read_bytes() == encode("# Title\n\nIt was fine.\n\nThe end.\n".replace("\n", newline))


def test_fix_keeps_the_file_mode(project: Path, cli) -> None:
    path = write(project / "a.md", "It is is fine.\n")
    path.chmod(0o640)
    assert cli("check", "a.md", "--fix", "--select", "RP101").code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_read_only_file_is_left_alone(project: Path, cli) -> None:
    path = write(project / "a.md", "It is is fine.\n")
    other = write(project / "b.md", "It is is fine too.\n")
    path.chmod(0o444)
    try:
        result = cli("check", "a.md", "b.md", "--fix", "--select", "RP101")
        assert result.code == 2
        assert result.err == "contentlint: error: " + str(path) + ": file is read-only; not fixed\n"
        assert path.read_text() == "It is is fine.\n"
        assert other.read_text() == "It is fine too.\n"  # the other file is still fixed
        assert "a.md:1:4: RP101" in result.out  # and the finding is still reported
    finally:
        path.chmod(0o644)


def test_file_changed_between_reading_and_writing_is_not_overwritten(project: Path, cli,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import contentlint.runner as runner

    path = write(project / "a.md", "It is is fine.\n")
    original = runner.apply_edits

    def editor_saves_meanwhile(text, findings):
        path.write_text("The writer's new text, is is.\n")
        return original(text, findings)

    monkeypatch.setattr(runner, "apply_edits", editor_saves_meanwhile)
    result = cli("check", "a.md", "--fix", "--select", "RP101", "--no-cache")
    assert result.code == 2
    assert result.err == f"contentlint: error: {path}: changed while linting; not fixed (run again)\n"
    assert path.read_text() == "The writer's new text, is is.\n"


def test_file_deleted_before_writing_is_not_recreated(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import contentlint.runner as runner

    path = write(project / "a.md", "It is is fine.\n")
    original = runner.apply_edits

    def deleted_meanwhile(text, findings):
        path.unlink(missing_ok=True)
        return original(text, findings)

    monkeypatch.setattr(runner, "apply_edits", deleted_meanwhile)
    result = cli("check", "a.md", "--fix", "--select", "RP101", "--no-cache")
    assert result.code == 2
    assert result.err == f"contentlint: error: {path}: deleted while linting; not fixed\n"
    assert not path.exists()
    assert [p.name for p in project.iterdir() if "contentlint-tmp" in p.name] == []


def test_standard_input_cannot_be_fixed_in_place(project: Path, cli) -> None:
    result = cli("check", "-", "--stdin-filename", "a.md", "--fix", "--select", "RP101", stdin=b"It is is fine.\n")
    assert result.code == 2
    assert result.err == "contentlint: error: a.md: standard input cannot be fixed in place; use --diff\n"
    preview = cli("check", "-", "--stdin-filename", "a.md", "--diff", "--select", "RP101", stdin=b"It is is fine.\n")
    assert preview.code == 1
    assert preview.out == "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-It is is fine.\n+It is fine.\n"


def test_fix_in_parallel_workers(project: Path) -> None:
    """Enough files for two worker processes: each file is fixed once, exactly."""
    for index in range(40):
        write(project / "many" / f"{index:02}.md", f"Article {index}. It is is fine.\n\n#a #b\n")
    done = subprocess.run([sys.executable, "-m", "contentlint", "check", "many", "--fix", "--jobs", "2",
                           "--select", "RP101,ST201", "--no-cache"], cwd=project, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Fixed 80 problems.\nAll checks passed (40 files checked).\n"
    for index in range(40):
        # The hashtag line goes, and with it the blank line before it, at the end of the file.
        assert (project / "many" / f"{index:02}.md").read_text() == f"Article {index}. It is fine.\n"


# -- interruption -------------------------------------------------------------------------

def cache_values(cache: Path) -> list[str] | None:
    """The values in a cache folder's database (None if it has none yet)."""
    import sqlite3

    from contentlint.cache import CACHE_FORMAT, DATABASE

    path = cache / f"v{CACHE_FORMAT}" / DATABASE
    if not path.is_file():
        return None
    connection = sqlite3.connect(path, timeout=30)
    try:
        if connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise AssertionError(f"{path} is damaged")
        return [value for (value,) in connection.execute("SELECT value FROM entries")]
    except sqlite3.OperationalError:  # created, its table not yet
        return None
    finally:
        connection.close()


def has_entry(cache: Path) -> bool:
    return bool(cache_values(cache))


def test_interrupted_fix_leaves_whole_files_and_a_valid_cache(project: Path) -> None:
    """Ctrl-C in the middle of `--fix`: every file is either untouched or fully
    fixed, no temporary file is left, and every cache entry is valid JSON."""
    import json

    count = 400
    body = "".join(f"Paragraph {n} about sleep and rest. It is is fine.\n\n" for n in range(30))
    for index in range(count):
        write(project / "many" / f"{index:03}.md", f"# Article {index}\n\n{body}#a #b\n")
    original = {index: (project / "many" / f"{index:03}.md").read_text() for index in range(count)}
    cache = project / "cache"
    # Ctrl-C once it is writing (a cache entry exists).
    still_running, _err = interrupt_when(["check", "many", "--fix", "--cache-dir", str(cache), "--select",
                                          "RP101,ST201,HC,RD,CV"], project, lambda: has_entry(cache))
    leftovers = [p for p in project.rglob("*") if p.name.endswith((".contentlint-tmp", ".tmp"))
                 or p.name.startswith(".tmp-")]
    assert leftovers == []
    fixed_body = body.replace("is is", "is")
    whole = 0
    for index in range(count):
        text = (project / "many" / f"{index:03}.md").read_text()
        # Untouched, or fixed whole (the hashtag line and the blank line above it gone).
        assert text in (original[index], f"# Article {index}\n\n{fixed_body}".rstrip("\n") + "\n")
        whole += text != original[index]
    print(f"interrupted: {still_running}; files fixed before the interruption: {whole} of {count}")
    for value in cache_values(cache) or []:  # the database is whole (checked), every entry complete
        json.loads(value)
    # Running again finishes the job.
    again = subprocess.run([sys.executable, "-m", "contentlint", "check", "many", "--fix", "--cache-dir", str(cache),
                            "--select", "RP101,ST201"], cwd=project, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert all("is is" not in (project / "many" / f"{index:03}.md").read_text() for index in range(count))


# -- property: any article, any fixable lines anywhere ----------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Lines the fixes delete whole, and sentences with a doubled word (fixed in place).
DELETED = ["#sleep #health #wellness", "Share this:", "Related posts", "#mindfulness #selfcare #wellbeing"]
DOUBLED = {"It is is good to rest.": "It is good to rest.", "Walk a a little each day.": "Walk a little each day."}
KEPT = ["Sleep helps the body repair itself.", "## Rest", "Drink water through the day.",
        "- Go to bed at the same time", "Ask your doctor about changes to your sleep."]
block = st.sampled_from(DELETED + list(DOUBLED) + KEPT)


def fix_in_place(path: Path) -> int:
    from contentlint.engine import Overrides
    from contentlint.runner import Linter, RunOptions

    linter = Linter(Overrides(select=("RP101", "ST101", "ST201")), cwd=path.parent, isolated=True,
                    options=RunOptions(fix=True))
    report = linter.run([str(path)])
    assert report.errors == []
    return report.fixed


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(block, min_size=1, max_size=8), newline=st.sampled_from(["\n", "\r\n"]),
       final_newline=st.booleans())
def test_fix_leaves_what_a_person_would_write_and_a_second_fix_changes_nothing(
        tmp_path: Path, blocks: list[str], newline: str, final_newline: bool) -> None:
    text = (newline * 2).join(blocks) + (newline if final_newline else "")
    path = tmp_path / "article.md"
    path.write_bytes(text.encode("utf-8"))
    fix_in_place(path)
    fixed = path.read_bytes()
    result = fixed.decode("utf-8")
    # The kept blocks, doubled words mended, in their order, one blank line apart.
    kept = [DOUBLED.get(b, b) for b in blocks if b not in DELETED]
    expected = (newline * 2).join(kept) + (newline if final_newline and kept else "")
    assert result == expected
    # A second --fix finds nothing to do and does not touch the file.
    assert fix_in_place(path) == 0
    assert path.read_bytes() == fixed


# -- faults while writing ------------------------------------------------------------------------

def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".contentlint-tmp") or ".tmp" in p.name)


def test_a_folder_where_no_file_can_be_created(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixed text goes to a temporary file beside the original: a folder that
    refuses new files (read-only, full) leaves the file as it was."""
    import tempfile

    path = write(project / "a.md", "It is is fine.\n")

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = cli("check", "a.md", "--fix", "--select", "RP101", "--no-cache")
    assert result.code == 2
    assert result.err == f"contentlint: error: {path}: cannot write: Permission denied; not fixed\n"
    assert result.out.startswith("a.md:1:4: RP101 ")
    assert path.read_text() == "It is is fine.\n"


def test_ctrl_c_while_a_fixed_file_is_written(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted between writing the new text and renaming it into place:
    the file keeps its old text whole, the temporary file is removed, exit 130."""
    path = write(project / "a.md", "It is is fine.\n")

    def interrupted(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    result = cli("check", "a.md", "--fix", "--select", "RP101", "--no-cache")
    assert (result.code, result.out, result.err) == (130, "", "contentlint: error: interrupted\n")
    assert path.read_text() == "It is is fine.\n"
    assert temporary_files(project) == []
