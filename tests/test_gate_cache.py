"""The results cache and parallel runs.

A cached run must be indistinguishable from a fresh one: these tests count
the documents parsed (a spy on the parser) to see the cache at work, change
each thing the results depend on to see it invalidated, break entries to see
them rebuilt, and run several processes on one cache folder at once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MARKERS_PACK, PACK_SETTING, write

# RP105 (the corpus phase) compares paragraphs across files: this one is in
# several articles below, so cached corpus summaries are exercised too.
SHARED = ("Our clinic offers free blood pressure checks every Tuesday morning from nine until noon, and no "
          "appointment is needed for adults of any age who live or work in the county.")


def article(index: int) -> str:
    """Varied articles: markers, hashtags, doubled words, a shared paragraph in some."""
    parts = [f"# Article {index}\n", f"Paragraph {index} says something about sleep and walking.\n"]
    if index % 3 == 0:
        parts.append("A TODO left in.\n")
    if index % 4 == 1:
        parts.append("It is is fine.\n")
    if index % 3 == 2:
        parts.append(SHARED + "\n")
    if index % 7 == 3:
        parts.append("#sleep #health\n")
    return "\n".join(parts)


@pytest.fixture
def project(isolated_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    write(isolated_dir / ".contentlint.toml", PACK_SETTING + 'select = ["TS901", "TS902", "RP101", "RP105"]\n')
    for index in range(6):
        write(isolated_dir / "docs" / f"{index}.md", article(index))
    return isolated_dir


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the documents parsed (not served from the cache), in this process."""
    import contentlint.runner as runner

    seen: list[str] = []
    original = runner.parse_document

    def spy(source):
        seen.append(source.path)
        return original(source)

    monkeypatch.setattr(runner, "parse_document", spy)
    return seen


def entries(folder: Path) -> list[Path]:
    """The cache entries (not the .gitignore and prune marker beside them)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in (".gitignore", ".last-pruned"))


def test_second_run_is_served_from_the_cache(project: Path, cli, parsed: list[str]) -> None:
    first = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert sorted(parsed) == [f"docs/{i}.md" for i in range(6)]
    parsed.clear()
    second = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert parsed == []
    assert (second.code, second.out, second.err) == (first.code, first.out, first.err)
    assert {f["code"] for f in json.loads(first.out)} == {"TS901", "TS902", "RP101", "RP105"}
    cache = project / ".contentlint_cache"
    assert (cache / ".gitignore").read_text() == "# created by contentlint\n*\n"
    assert entries(cache)


def test_only_the_changed_file_is_linted_again(project: Path, cli, parsed: list[str]) -> None:
    first = cli("check", "docs", "--jobs", "1", "--format", "json")
    parsed.clear()
    write(project / "docs" / "1.md", article(1).replace("It is is fine.", "It is fine. TODO"))
    second = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert parsed == ["docs/1.md"]
    changed = [(f["path"], f["code"]) for f in json.loads(second.out) if f["path"] == "docs/1.md"]
    assert changed == [("docs/1.md", "TS901")]
    # The other files' findings, the corpus ones (RP105) included, are unchanged.
    assert [f for f in json.loads(first.out) if f["path"] != "docs/1.md"] == [
        f for f in json.loads(second.out) if f["path"] != "docs/1.md"]


def test_the_corpus_phase_sees_every_file_when_served_from_the_cache(project: Path, cli, parsed: list[str]) -> None:
    cli("check", "docs", "--jobs", "1")
    write(project / "docs" / "new.md", "# New\n\n" + SHARED + "\n")
    result = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert parsed[-1:] == ["docs/new.md"]
    duplicates = [f for f in json.loads(result.out) if f["code"] == "RP105"]
    assert [f["path"] for f in duplicates] == ["docs/5.md", "docs/new.md"]  # 2.md holds the first copy


PACK = 'rule-packs = ["packs"]\n'
SELECT = 'select = ["TS901", "TS902", "RP101", "RP105"]\n'


def change_select(project: Path) -> None:
    write(project / ".contentlint.toml", PACK + 'select = ["TS901", "RP101", "RP105"]\n')


def change_severity(project: Path) -> None:
    write(project / ".contentlint.toml", PACK + SELECT + '[rules.TS901]\nseverity = "info"\n')


def change_option(project: Path) -> None:
    write(project / ".contentlint.toml", PACK + SELECT + '[rules.RP105]\nmin-words = 200\n')


def change_per_file_ignores(project: Path) -> None:
    write(project / ".contentlint.toml", PACK + SELECT + '[per-file-ignores]\n"docs/0.md" = ["TS901"]\n')


def change_pack(project: Path) -> None:
    pack = project / "packs" / "markers.yml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("Marker: '{match}'", "Marker found: '{match}'"),
                    encoding="utf-8")


@pytest.mark.parametrize("change", [change_select, change_severity, change_option, change_per_file_ignores,
                                    change_pack])
def test_a_change_of_configuration_or_pack_invalidates(project: Path, cli, parsed: list[str], change) -> None:
    shutil.copytree(MARKERS_PACK, project / "packs")
    write(project / ".contentlint.toml", PACK + SELECT)
    first = cli("check", "docs", "--jobs", "1", "--format", "json")
    parsed.clear()
    assert cli("check", "docs", "--jobs", "1", "--format", "json").out == first.out
    assert parsed == []
    change(project)
    second = cli("check", "docs", "--jobs", "1", "--format", "json")
    # Every file is linted again; a per-file ignore changes only the key of the files it names.
    assert sorted(parsed) == (["docs/0.md"] if change is change_per_file_ignores else
                              [f"docs/{i}.md" for i in range(6)])
    uncached = cli("check", "docs", "--jobs", "1", "--format", "json", "--no-cache")
    assert second.out == uncached.out  # what the new settings give
    assert second.out != first.out


def test_command_line_selection_invalidates(project: Path, cli, parsed: list[str]) -> None:
    wide = cli("check", "docs", "--jobs", "1", "--select", "TS901,TS902")
    parsed.clear()
    narrow = cli("check", "docs", "--jobs", "1", "--select", "TS901")
    assert len(parsed) == 6
    assert "TS902" in wide.out and "TS902" not in narrow.out
    parsed.clear()
    assert cli("check", "docs", "--jobs", "1", "--ignore", "TS902").out != wide.out


def test_the_file_format_is_part_of_the_key(project: Path, cli, parsed: list[str]) -> None:
    text = "Some `TODO` in code.\n"
    write(project / "x.md", text)
    assert cli("check", "x.md", "--jobs", "1").code == 0  # a code span in Markdown
    write(project / "x.txt", text)
    parsed.clear()
    assert cli("check", "x.txt", "--jobs", "1").code == 1  # plain text: the marker counts
    assert parsed == ["x.txt"]


def test_no_cache_neither_reads_nor_writes(project: Path, cli, parsed: list[str]) -> None:
    first = cli("check", "docs", "--jobs", "1", "--no-cache")
    second = cli("check", "docs", "--jobs", "1", "--no-cache")
    assert first.out == second.out
    assert len(parsed) == 12
    assert not (project / ".contentlint_cache").exists()
    cli("check", "docs", "--jobs", "1")  # fill the cache...
    parsed.clear()
    cli("check", "docs", "--jobs", "1", "--no-cache")
    assert len(parsed) == 6  # ...which --no-cache does not read


def test_cache_dir_option_environment_and_configuration(project: Path, cli, parsed: list[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cli("check", "docs", "--jobs", "1", "--cache-dir", "elsewhere")
    assert entries(project / "elsewhere") and not (project / ".contentlint_cache").exists()
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", str(project / "from-env"))
    cli("check", "docs", "--jobs", "1")
    assert entries(project / "from-env")
    parsed.clear()
    cli("check", "docs", "--jobs", "1", "--cache-dir", "elsewhere")  # the option wins over the variable
    assert parsed == []
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR")
    write(project / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\ncache-dir = "configured"\n')
    cli("check", "docs", "--jobs", "1")
    assert entries(project / "configured")
    assert not (project / ".contentlint_cache").exists()


@pytest.mark.parametrize("damage", [b"", b"{", b"not json at all", b"[]", b'{"findings": 3}',
                                    b'{"findings": [{"severity": 5}], "directives": [], "summaries": {}}',
                                    b'{"findings": [], "directives": [7], "summaries": {}}',
                                    b"\x80\x04\x95 pickle-like bytes", b"\xff\xfe\x00\x00"])
def test_a_corrupt_entry_is_rebuilt_never_a_crash(project: Path, cli, parsed: list[str], damage: bytes) -> None:
    first = cli("check", "docs", "--jobs", "1", "--format", "json")
    cache = project / ".contentlint_cache"
    for entry in entries(cache):
        entry.write_bytes(damage)
    parsed.clear()
    second = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert (second.code, second.out, second.err) == (first.code, first.out, first.err)
    assert len(parsed) == 6
    for entry in entries(cache):  # rewritten whole
        assert isinstance(json.loads(entry.read_text(encoding="utf-8")), dict)
    parsed.clear()
    assert cli("check", "docs", "--jobs", "1", "--format", "json").out == first.out
    assert parsed == []


def test_an_unusable_cache_folder_only_costs_speed(project: Path, cli) -> None:
    write(project / "a-file", "not a folder")
    expected = cli("check", "docs", "--jobs", "1", "--no-cache")
    result = cli("check", "docs", "--jobs", "1", "--cache-dir", "a-file")
    assert (result.code, result.out, result.err) == (expected.code, expected.out, expected.err)
    read_only = project / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    try:
        result = cli("check", "docs", "--jobs", "1", "--cache-dir", "read-only")
        assert (result.code, result.out, result.err) == (expected.code, expected.out, expected.err)
    finally:
        read_only.chmod(0o755)


def test_entries_are_json_never_pickle(project: Path, cli) -> None:
    cli("check", "docs", "--jobs", "1")
    found = entries(project / ".contentlint_cache")
    assert found
    for entry in found:
        data = entry.read_bytes()
        assert not data.startswith(b"\x80")
        json.loads(data.decode("utf-8"))
    assert not list((project / ".contentlint_cache").rglob(".tmp-*"))


def run(project: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CONTENTLINT_CACHE_DIR", None)
    return subprocess.Popen([sys.executable, "-m", "contentlint", "check", *args], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_processes_sharing_a_cache_folder(project: Path) -> None:
    """Four processes at once (pre-commit runs hooks in parallel) on the same files."""
    for index in range(6, 30):
        write(project / "docs" / f"{index}.md", article(index))
    expected = run(project, "docs", "--no-cache", "--jobs", "1", "--format", "json").communicate(timeout=300)
    for round_ in range(2):  # a cold cache, then a warm one
        processes = [run(project, "docs", "--jobs", "1", "--format", "json", "--cache-dir", "shared")
                     for _ in range(4)]
        outputs = [process.communicate(timeout=300) for process in processes]
        assert [process.returncode for process in processes] == [1] * 4
        assert all(output == expected for output in outputs), round_
    found = entries(project / "shared")
    for entry in found:
        assert isinstance(json.loads(entry.read_text(encoding="utf-8")), dict)
    assert not list((project / "shared").rglob(".tmp-*"))


# -- parallel runs --------------------------------------------------------------------------

@pytest.fixture
def many(project: Path) -> Path:
    for index in range(6, 48):
        write(project / "docs" / f"{index}.md", article(index))
    (project / "docs" / "broken.md").write_bytes(b"caf\xe9\n")  # an error among them
    return project


def test_parallel_and_serial_runs_give_identical_output_in_every_format(many: Path) -> None:
    from contentlint.engine import Overrides
    from contentlint.reporters import FORMATS, render
    from contentlint.runner import Linter, RunOptions

    def report(jobs: int):
        linter = Linter(Overrides(), options=RunOptions(jobs=jobs))
        return linter, linter.run(["docs"])

    serial_linter, serial = report(1)
    parallel_linter, parallel = report(2)
    assert serial.files_checked == 48 and serial.errors and serial.findings
    for name in FORMATS:
        assert render(name, parallel, parallel_linter.rules()) == render(name, serial, serial_linter.rules()), name
    assert (parallel.exit_code, parallel.failing) == (serial.exit_code, serial.failing)


def test_jobs_option_through_real_processes(many: Path) -> None:
    outputs = []
    for jobs in ("1", "2", "0"):
        process = run(many, "docs", "--no-cache", "--jobs", jobs, "--format", "sarif")
        out, err = process.communicate(timeout=300)
        outputs.append((process.returncode, out, err))
    assert outputs[0][0] == 2  # broken.md
    assert outputs[0] == outputs[1] == outputs[2]


def test_parallel_workers_share_the_cache(many: Path, cli, parsed: list[str]) -> None:
    first = cli("check", "docs", "--jobs", "2", "--format", "json")
    assert parsed == []  # the documents were parsed in the workers
    assert len(entries(many / ".contentlint_cache")) >= 48
    second = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert parsed == []  # and this process found every one in the cache
    assert second.out == first.out


def test_jobs_must_be_a_whole_number(project: Path, cli) -> None:
    for value in ("two", "-1"):
        with pytest.raises(SystemExit) as error:
            cli("check", "docs", "--jobs", value)
        assert error.value.code == 2


# -- a whole run served from the cache ---------------------------------------------------

@pytest.fixture
def selections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A note each time a run builds a rule selection (loads rules for a configuration)."""
    from contentlint.runner import Linter

    built: list[str] = []
    original = Linter.selection_for

    def spy(self, config):
        built.append(str(config.path))
        return original(self, config)

    monkeypatch.setattr(Linter, "selection_for", spy)
    return built


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "gitlab", "junit"])
def test_a_warm_run_loads_no_rule_and_reports_the_same(project: Path, cli, parsed: list[str],
                                                       selections: list[str], fmt: str) -> None:
    fresh = cli("check", "docs", "--jobs", "1", "--format", fmt, "--no-cache")
    cli("check", "docs", "--jobs", "1", "--format", fmt)
    parsed.clear()
    selections.clear()
    warm = cli("check", "docs", "--jobs", "1", "--format", fmt)
    assert (warm.code, warm.out, warm.err) == (fresh.code, fresh.out, fresh.err)
    assert parsed == []
    # Only SARIF describes the rules, so only SARIF loads them.
    assert bool(selections) == (fmt == "sarif")


def test_warm_run_statistics_and_fail_on(project: Path, cli, selections: list[str]) -> None:
    fresh = cli("check", "docs", "--jobs", "1", "--statistics", "--no-cache")
    cli("check", "docs", "--jobs", "1", "--statistics")
    assert cli("check", "docs", "--jobs", "1", "--statistics").out == fresh.out
    assert "     2  TS901   test-marker\n" in fresh.out
    assert cli("check", "docs", "--jobs", "1", "--fail-on", "error", "--select", "TS902").code == 0
    assert cli("check", "docs", "--jobs", "1", "--fail-on", "warning", "--select", "TS902").code == 1


def test_adding_or_removing_a_file_is_not_served_stale(project: Path, cli) -> None:
    cli("check", "docs", "--jobs", "1")
    write(project / "docs" / "extra.md", "TODO extra\n")
    assert "docs/extra.md:1:1: TS901" in cli("check", "docs", "--jobs", "1").out
    (project / "docs" / "extra.md").unlink()
    result = cli("check", "docs", "--jobs", "1")
    assert "extra.md" not in result.out
    assert result.out == cli("check", "docs", "--jobs", "1", "--no-cache").out


def test_a_file_rewritten_with_its_old_size_and_times_is_read_again(project: Path, cli) -> None:
    path = project / "docs" / "0.md"
    cli("check", "docs", "--jobs", "1")
    before = path.stat()
    path.write_text(path.read_text().replace("A TODO left in.", "A tODO left in."))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same modification time
    assert path.stat().st_size == before.st_size
    result = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert ("docs/0.md", "TS901") not in {(f["path"], f["code"]) for f in json.loads(result.out)}


def test_the_stat_of_a_recently_changed_file_is_not_trusted(project: Path, cli,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Timestamps have a coarse grain: a file changed just before a run may change again
    with an identical stat. Such a file is hashed by later runs; an older one is trusted."""
    import time

    import contentlint.runner as runner

    path = project / "docs" / "0.md"
    frozen: dict[str, tuple[int, ...]] = {}

    def signature(file: Path) -> tuple[int, ...]:  # a file system whose stat never changes
        return frozen.setdefault(str(file), (1, int(stamp), int(stamp), 1, 1))

    monkeypatch.setattr(runner, "stat_signature", signature)
    stamp = time.time_ns()  # "changed just now": within the racy window of the run
    cli("check", "docs", "--jobs", "1")
    path.write_text(path.read_text().replace("A TODO left in.", "A tODO left in."))
    assert "docs/0.md:5" not in cli("check", "docs", "--jobs", "1").out  # hashed: the change is seen
    # Stamps older than the racy window are trusted without reading (the point of the stat).
    frozen.clear()
    stamp = time.time_ns() - 10 * runner.RACY_NS
    path.write_text(path.read_text().replace("A tODO left in.", "A TODO left in."))
    cli("check", "docs", "--jobs", "1")
    path.write_text(path.read_text().replace("A TODO left in.", "A tODO left in."))
    assert "docs/0.md:5:3: TS901" in cli("check", "docs", "--jobs", "1").out  # served from the stat


def test_served_report_feeds_the_baseline(project: Path, cli) -> None:
    cli("baseline", "docs", "--jobs", "1", "-o", "base.json")
    first = cli("check", "docs", "--jobs", "1", "--baseline", "base.json")
    second = cli("check", "docs", "--jobs", "1", "--baseline", "base.json")
    assert (first.code, first.out) == (second.code, second.out) == (0, "All checks passed (6 files checked).\n")


def test_standard_input_and_fixes_are_never_served_from_a_run_entry(project: Path, cli) -> None:
    cli("check", "docs", "--jobs", "1")
    write(project / "docs" / "1.md", article(1))
    result = cli("check", "docs", "--jobs", "1", "--fix", "--select", "RP101")
    assert result.out.startswith("Fixed 2 problems.")
    assert "is is" not in (project / "docs" / "1.md").read_text() + (project / "docs" / "5.md").read_text()
    piped = cli("check", "-", "--stdin-filename", "docs/0.md", "--jobs", "1", stdin=b"TODO\n")
    assert piped.out.startswith("docs/0.md:1:1: TS901")


# -- pruning: entries for old contents do not pile up forever ----------------------------------

DAY = 24 * 3600


def age(paths, seconds: float) -> None:
    import time

    then = time.time() - seconds
    for path in paths:
        os.utime(path, (then, then))


def test_entries_not_used_for_a_month_are_pruned(project: Path, cli, parsed: list[str]) -> None:
    import time

    cache = project / ".contentlint_cache"
    cli("check", "docs", "--jobs", "1")
    original = (project / "docs" / "0.md").read_text()
    write(project / "docs" / "0.md", original + "\nEdited.\n")
    cli("check", "docs", "--jobs", "1")
    assert len(entries(cache)) == 8  # 6 files, the first text of 0.md, and the run
    # A month and more later: nothing was used since, the last pruning was two days ago.
    age(entries(cache), 40 * DAY)
    age([cache / ".last-pruned"], 2 * DAY)
    write(cache / "v1" / "ab" / ".tmp-1-2-abcd", "{\"half\": ")  # a killed process's temporary file
    write(cache / "v1" / "ab" / ".tmp-3-4-abcd", "{\"being\": ")  # another process writing right now
    age([cache / "v1" / "ab" / ".tmp-1-2-abcd"], 2 * 3600)
    write(cache / "v0" / "cd" / "cdef", "{}")  # an older cache format
    age([cache / "v0" / "cd" / "cdef"], 40 * DAY)
    write(project / "docs" / "1.md", article(1) + "\nEdited too.\n")
    parsed.clear()
    cli("check", "docs", "--jobs", "1")
    assert parsed == ["docs/1.md"]
    # What this run used stays (and is marked used); the first texts of 0.md and 1.md went.
    kept = entries(cache)
    assert len(kept) == 8  # 6 files, the run, and the fresh temporary file
    assert sorted(p.name for p in kept if p.name.startswith(".tmp-")) == [".tmp-3-4-abcd"]
    assert not (cache / "v0" / "cd" / "cdef").exists()
    assert all(time.time() - p.stat().st_mtime < DAY for p in kept)
    assert time.time() - (cache / ".last-pruned").stat().st_mtime < DAY
    # Every entry left is one the next runs need (another set of files: the run's entry does not serve it)...
    parsed.clear()
    cli("check", *(f"docs/{index}.md" for index in range(1, 6)), "--jobs", "1")
    assert parsed == []
    # ...and the first text of 0.md is linted again: its entry is gone.
    write(project / "docs" / "0.md", original)
    cli("check", "docs", "--jobs", "1")
    assert parsed == ["docs/0.md"]


def test_pruning_happens_at_most_once_a_day(project: Path, cli, parsed: list[str]) -> None:
    cache = project / ".contentlint_cache"
    cli("check", "docs", "--jobs", "1")
    assert (cache / ".last-pruned").is_file()  # the first write prunes (nothing to do) and marks the day
    old = entries(cache)
    age(old, 40 * DAY)
    age([cache / ".last-pruned"], DAY - 600)  # pruned yesterday, less than a day ago
    write(project / "docs" / "0.md", "Edited.\n")
    cli("check", "docs", "--jobs", "1")
    assert set(old) < set(entries(cache))  # nothing removed, the new entry added


def test_a_read_marks_an_entry_used_at_most_once_a_day(tmp_path: Path) -> None:
    from contentlint.cache import Cache

    cache = Cache(tmp_path / "c")
    cache.put("ab" + "0" * 38, {"x": 1})
    path = tmp_path / "c" / "v1" / "ab" / ("ab" + "0" * 38)
    age([path], DAY - 600)
    before = path.stat().st_mtime_ns
    assert cache.get("ab" + "0" * 38) == {"x": 1}
    assert path.stat().st_mtime_ns == before  # read less than a day after its mark: no write
    age([path], DAY + 600)
    assert cache.get("ab" + "0" * 38) == {"x": 1}
    import time

    assert time.time() - path.stat().st_mtime < 60


def test_prune_removes_old_entries_of_every_format_and_old_temporary_files(tmp_path: Path) -> None:
    from contentlint.cache import MAX_AGE, Cache

    root = tmp_path / "c"
    fresh = [write(root / "v1" / "aa" / "aa1", "{}"), write(root / "v1" / "aa" / ".tmp-9-9-aa2", "{")]
    old = [write(root / "v1" / "aa" / "aa3", "{}"), write(root / "v1" / "bb" / "bb1", "{}"),
           write(root / "v7" / "cc" / "cc1", "{}"), write(root / "v1" / "aa" / ".tmp-8-8-aa4", "{")]
    age(old[:3], MAX_AGE + 60)
    age(old[3:], 3 * 3600)
    others = [write(root / ".gitignore", "*\n"), write(root / "notes" / "n1", "x"), write(root / "v1" / "x", "x")]
    age(others, MAX_AGE + 60)  # not cache entries: never removed
    assert Cache(root).prune() == 4
    assert [p.exists() for p in fresh + old + others] == [True, True, False, False, False, False, True, True, True]
    assert (root / "v1" / "bb").is_dir()  # folders stay: another process may be writing in one
    assert Cache(root).prune() == 0
    assert Cache(tmp_path / "missing").prune() == 0


def test_processes_pruning_and_writing_at_once(project: Path) -> None:
    """Four processes find the cache due for pruning at the same moment."""
    for index in range(6, 30):
        write(project / "docs" / f"{index}.md", article(index))
    shared = project / "shared"
    assert run(project, "docs", "--jobs", "1", "--cache-dir", "shared").wait(timeout=300) == 1
    age(entries(shared), 40 * DAY)
    age([shared / ".last-pruned"], 2 * DAY)
    for index in range(0, 30, 3):
        write(project / "docs" / f"{index}.md", article(index) + "\nEdited.\n")
    expected = run(project, "docs", "--no-cache", "--jobs", "1", "--format", "json").communicate(timeout=300)
    processes = [run(project, "docs", "--jobs", "1", "--format", "json", "--cache-dir", "shared") for _ in range(4)]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [1] * 4
    assert all(output == expected for output in outputs)
    for entry in entries(shared):
        assert isinstance(json.loads(entry.read_text(encoding="utf-8")), dict)
    # Whatever entries the race removed, a run now is complete and right.
    assert run(project, "docs", "--jobs", "1", "--format", "json", "--cache-dir", "shared").communicate(
        timeout=300) == expected


# -- faults: interruption, files changing under the run ---------------------------------------

def test_ctrl_c_while_an_entry_is_written_leaves_no_partial_entry(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from contentlint.cache import Cache

    cache = Cache(tmp_path / "c")
    key = "ab" + "1" * 38
    original = os.write

    def half_then_interrupted(handle, data):
        original(handle, bytes(data[:len(data) // 2]))
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", half_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.put(key, {"findings": list(range(100))})
    monkeypatch.setattr(os, "write", original)
    assert [p.name for p in (tmp_path / "c").rglob("*") if p.is_file()] == []  # no entry, no temporary file
    assert cache.get(key) is None
    cache.put(key, {"findings": [1]})
    assert cache.get(key) == {"findings": [1]}


def test_a_file_changed_while_it_is_linted_is_linted_again(project: Path, cli, parsed: list[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The run reports the text it read; the cache keeps that text's results
    under that text's digest, so the next run sees the new text."""
    import contentlint.runner as runner

    path = project / "docs" / "0.md"
    write(path, "Nothing to report.\n")
    spy = runner.parse_document

    def saved_meanwhile(source):
        if source.path == "docs/0.md" and "TODO" not in path.read_text():
            write(path, "A TODO saved meanwhile.\n")
        return spy(source)

    monkeypatch.setattr(runner, "parse_document", saved_meanwhile)
    first = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert "docs/0.md" not in {f["path"] for f in json.loads(first.out)}
    monkeypatch.setattr(runner, "parse_document", spy)
    parsed.clear()
    second = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert parsed == ["docs/0.md"]
    assert [(f["path"], f["line"], f["code"]) for f in json.loads(second.out) if f["path"] == "docs/0.md"] == [
        ("docs/0.md", 1, "TS901")]
    parsed.clear()
    assert cli("check", "docs", "--jobs", "1", "--format", "json").out == second.out
    assert parsed == []
