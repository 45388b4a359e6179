"""The results cache and parallel runs.

A cached run must be indistinguishable from a fresh one: these tests count
the documents parsed (a spy on the parser) to see the cache at work, change
each thing the results depend on to see it invalidated, break entries and the
database to see them rebuilt, lock it, make it read-only, interrupt runs, and
run several processes on one cache folder at once. They read and alter the
SQLite database directly, as another process (or a hostile commit) would.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MARKERS_PACK, PACK_SETTING, interrupt_when, write

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


def database(folder: Path) -> Path:
    from contentlint.cache import CACHE_FORMAT, DATABASE

    return folder / f"v{CACHE_FORMAT}" / DATABASE


def connect(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(database(folder), isolation_level=None, timeout=30)


def stored(folder: Path) -> dict[str, tuple[object, object]]:
    """The entries of a cache folder: key -> (value, last use), as stored."""
    if not database(folder).is_file():
        return {}
    connection = connect(folder)
    try:
        return {key: (value, used) for key, value, used in connection.execute("SELECT key, value, used FROM entries")}
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):  # created by a process this very moment
            return {}
        raise
    finally:
        connection.close()


def alter(folder: Path, statement: str, *parameters: object) -> None:
    connection = connect(folder)
    try:
        connection.execute(statement, parameters)
    finally:
        connection.close()


def healthy(folder: Path) -> bool:
    """The database passes SQLite's own check, and every value is a JSON object."""
    connection = connect(folder)
    try:
        if connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            return False
        values = [value for (value,) in connection.execute("SELECT value FROM entries")]
    finally:
        connection.close()
    return all(isinstance(value, str) and isinstance(json.loads(value), dict) for value in values)


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
    assert len(stored(cache)) == 7  # the 6 texts and the run
    # One database for the folder, not a file per entry (SQLite's journals beside it).
    name = database(cache).relative_to(cache).as_posix()
    files = {p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file()}
    assert {".gitignore", ".last-pruned", name} <= files <= {".gitignore", ".last-pruned", name, f"{name}-wal",
                                                             f"{name}-shm"}


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
    assert stored(project / "elsewhere") and not (project / ".contentlint_cache").exists()
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", str(project / "from-env"))
    cli("check", "docs", "--jobs", "1")
    assert stored(project / "from-env")
    parsed.clear()
    cli("check", "docs", "--jobs", "1", "--cache-dir", "elsewhere")  # the option wins over the variable
    assert parsed == []
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR")
    write(project / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\ncache-dir = "configured"\n')
    cli("check", "docs", "--jobs", "1")
    assert stored(project / "configured")
    assert not (project / ".contentlint_cache").exists()


@pytest.mark.parametrize("damage", [b"", b"{", b"not json at all", b"[]", b'{"findings": 3}',
                                    b'{"findings": [{"severity": 5}], "directives": [], "summaries": {}}',
                                    b'{"findings": [], "directives": [7], "summaries": {}}',
                                    b"\x80\x04\x95 pickle-like bytes", b"\xff\xfe\x00\x00"])
@pytest.mark.parametrize("as_type", ["TEXT", "BLOB"])
def test_a_corrupt_entry_is_rebuilt_never_a_crash(project: Path, cli, parsed: list[str], damage: bytes,
                                                  as_type: str) -> None:
    first = cli("check", "docs", "--jobs", "1", "--format", "json")
    cache = project / ".contentlint_cache"
    # Every value replaced (as text, which may not even be UTF-8, or as bytes), and every use mark.
    alter(cache, f"UPDATE entries SET value = CAST(? AS {as_type}), used = 'soon'", damage)
    parsed.clear()
    second = cli("check", "docs", "--jobs", "1", "--format", "json")
    assert (second.code, second.out, second.err) == (first.code, first.out, first.err)
    assert len(parsed) == 6
    assert len(stored(cache)) == 7 and healthy(cache)  # rewritten whole
    parsed.clear()
    assert cli("check", "docs", "--jobs", "1", "--format", "json").out == first.out
    assert parsed == []


def garbage(path: Path) -> None:
    path.write_bytes(b"this is not an SQLite database\n" * 300)


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])


def pages_overwritten(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:] = bytes(range(256)) * ((len(data) - 4096) // 256) + b"\x00" * ((len(data) - 4096) % 256)
    path.write_bytes(bytes(data))


def header_overwritten(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def a_folder(path: Path) -> None:
    path.unlink()
    write(path / "inside", "a folder where the database should be")


@pytest.mark.parametrize("damage", [garbage, truncated, pages_overwritten, header_overwritten, a_folder])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_corrupt_database_is_rebuilt_never_a_crash(many: Path, cli, damage, jobs: str) -> None:
    cache = many / "cache"
    first = cli("check", "docs", "--jobs", jobs, "--format", "json", "--cache-dir", "cache")
    # Everything in the database file itself (not in its write-ahead log), then damaged.
    alter(cache, "PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{database(cache)}{suffix}").unlink(missing_ok=True)
    assert database(cache).stat().st_size > 8192
    damage(database(cache))
    second = cli("check", "docs", "--jobs", jobs, "--format", "json", "--cache-dir", "cache")
    assert (second.code, second.out, second.err) == (first.code, first.out, first.err)
    assert healthy(cache) and stored(cache)  # rebuilt
    third = cli("check", "docs", "--jobs", jobs, "--format", "json", "--cache-dir", "cache")
    assert (third.code, third.out, third.err) == (first.code, first.out, first.err)


def test_a_cache_folder_that_is_a_file_only_costs_speed(project: Path, cli) -> None:
    write(project / "a-file", "not a folder")
    expected = cli("check", "docs", "--jobs", "1", "--no-cache")
    result = cli("check", "docs", "--jobs", "1", "--cache-dir", "a-file")
    assert (result.code, result.out, result.err) == (expected.code, expected.out, expected.err)
    assert (project / "a-file").read_text() == "not a folder"


def permissions_bind() -> list[str]:
    """A command prefix under which permission bits bind: root ignores them unless it drops these capabilities."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: no folder can be read-only")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def test_a_read_only_cache_only_costs_speed(project: Path) -> None:
    prefix = permissions_bind()
    filled, empty = project / "filled", project / "empty"
    assert run(project, "docs", "--jobs", "1", "--cache-dir", "filled").wait(timeout=300) == 1
    write(project / "docs" / "1.md", article(1) + "\nA new TODO.\n")  # something to write
    expected = run(project, "docs", "--no-cache", "--jobs", "1", "--format", "json").communicate(timeout=300)
    before = stored(filled)
    empty.mkdir()
    made_read_only = [empty, filled, *filled.rglob("*")]
    for path in made_read_only:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        for folder in ("filled", "empty"):
            process = run(project, "docs", "--jobs", "1", "--format", "json", "--cache-dir", folder, prefix=prefix)
            assert process.communicate(timeout=300) == expected, folder
            assert process.returncode == 1
        assert list(empty.iterdir()) == []
    finally:
        for path in made_read_only:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert stored(filled) == before


def test_a_locked_database_only_costs_speed_and_reads_never_wait(project: Path, cli, parsed: list[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holding the write lock: reads go on, writes give up (no wait at all here)."""
    import contentlint.cache

    monkeypatch.setattr(contentlint.cache, "BUSY_TIMEOUT", 0.0)
    cache = project / ".contentlint_cache"
    first = cli("check", "docs", "--jobs", "1", "--format", "json")
    holder = connect(cache)
    holder.execute("BEGIN EXCLUSIVE")  # in WAL mode readers still read (in the old journal modes they would wait)
    holder.execute("INSERT INTO entries (key, value, used) VALUES ('other', '{}', 0)")
    try:
        parsed.clear()
        assert cli("check", "docs", "--jobs", "1", "--format", "json").out == first.out
        assert parsed == []  # read while another process writes, without waiting
        write(project / "docs" / "1.md", article(1) + "\nA new TODO.\n")
        expected = cli("check", "docs", "--jobs", "1", "--format", "json", "--no-cache")
        parsed.clear()
        locked = cli("check", "docs", "--jobs", "1", "--format", "json")
        assert parsed == ["docs/1.md"]
        assert (locked.code, locked.out, locked.err) == (expected.code, expected.out, expected.err)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "other" not in stored(cache)
    parsed.clear()
    cli("check", "docs", "--jobs", "1", "--format", "json")
    assert parsed == ["docs/1.md"]  # its entry could not be written by the locked run
    parsed.clear()
    assert cli("check", "docs", "--jobs", "1", "--format", "json").out == expected.out
    assert parsed == []


def test_entries_are_written_in_one_transaction_per_batch(project: Path, cli,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from contentlint.cache import Cache

    statements: list[str] = []
    original = Cache._open

    def traced(self):
        connection = original(self)
        if connection is not None:
            connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(Cache, "_open", traced)
    cli("check", "docs", "--jobs", "1")
    writes = [s.split()[0] for s in statements if s.split()[0] in ("BEGIN", "INSERT", "COMMIT")]
    # The six texts' entries at the end of the files, then the run's entry.
    assert writes == ["BEGIN"] + ["INSERT"] * 6 + ["COMMIT", "BEGIN", "INSERT", "COMMIT"]


def test_entries_are_json_never_pickle(project: Path, cli) -> None:
    cli("check", "docs", "--jobs", "1")
    cache = project / ".contentlint_cache"
    connection = connect(cache)
    try:
        kinds = {kind for (kind,) in connection.execute("SELECT typeof(value) FROM entries")}
    finally:
        connection.close()
    assert kinds == {"text"}
    assert len(stored(cache)) == 7 and healthy(cache)


def run(project: Path, *args: str, prefix: list[str] | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CONTENTLINT_CACHE_DIR", None)
    return subprocess.Popen([*(prefix or []), sys.executable, "-m", "contentlint", "check", *args], cwd=project,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_processes_sharing_a_cache_folder(project: Path, jobs: str) -> None:
    """Four processes at once (pre-commit runs hooks in parallel) on the same files, each
    with its workers: every write waits its turn, none is lost, the output is unchanged."""
    for index in range(6, 40):
        write(project / "docs" / f"{index}.md", article(index))
    expected = run(project, "docs", "--no-cache", "--jobs", "1", "--format", "json").communicate(timeout=300)
    for round_ in range(2):  # a cold cache, then a warm one
        processes = [run(project, "docs", "--jobs", jobs, "--format", "json", "--cache-dir", "shared")
                     for _ in range(4)]
        outputs = [process.communicate(timeout=300) for process in processes]
        assert [process.returncode for process in processes] == [1] * 4
        assert all(output == expected for output in outputs), round_
    assert healthy(project / "shared")
    assert len(stored(project / "shared")) == 41  # the 40 texts and the run
    connection = connect(project / "shared")
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        connection.close()


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
    assert len(stored(many / ".contentlint_cache")) == 48  # each text's entry (an error leaves no run entry)
    assert healthy(many / ".contentlint_cache")
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
    import contentlint.runner as runner

    path = project / "docs" / "0.md"
    frozen: dict[int, tuple[int, ...]] = {}

    def signature(found: os.stat_result) -> tuple[int, ...]:  # a file system whose stat never changes
        return frozen.setdefault(found.st_ino, (1, int(stamp), int(stamp), 1, 1))

    monkeypatch.setattr(runner, "signature_of", signature)
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
    then = time.time() - seconds
    for path in paths:
        os.utime(path, (then, then))


def age_entries(cache: Path, seconds: float) -> None:
    alter(cache, "UPDATE entries SET used = ?", int(time.time() - seconds))


def test_entries_not_used_for_a_month_are_pruned(project: Path, cli, parsed: list[str]) -> None:
    cache = project / ".contentlint_cache"
    cli("check", "docs", "--jobs", "1")
    original = (project / "docs" / "0.md").read_text()
    write(project / "docs" / "0.md", original + "\nEdited.\n")
    cli("check", "docs", "--jobs", "1")
    assert len(stored(cache)) == 8  # 6 files, the first text of 0.md, and the run
    # A month and more later: nothing was used since, the last pruning was two days ago.
    age_entries(cache, 40 * DAY)
    age([cache / ".last-pruned"], 2 * DAY)
    # An older cache format's files (one entry per file): removed when as old, as before.
    old = [write(cache / "v1" / "cd" / "cdef", "{}"), write(cache / "v1" / "ab" / ".tmp-1-2-abcd", "{\"half\": ")]
    age(old[:1], 40 * DAY)
    age(old[1:], 2 * 3600)  # a temporary file a killed process left
    recent = [write(cache / "v1" / "ab" / "abcd", "{}"), write(cache / "v1" / "ab" / ".tmp-3-4-abcd", "{\"be")]
    write(project / "docs" / "1.md", article(1) + "\nEdited too.\n")
    parsed.clear()
    cli("check", "docs", "--jobs", "1")
    assert parsed == ["docs/1.md"]
    # What this run used stays (and is marked used); the first texts of 0.md and 1.md went.
    kept = stored(cache)
    assert len(kept) == 7  # 6 files and the run
    assert all(time.time() - used < DAY for _value, used in kept.values())
    assert [path.exists() for path in old + recent] == [False, False, True, True]
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
    assert (cache / ".last-pruned").is_file()  # the first run prunes (nothing to do) and marks the day
    old = set(stored(cache))
    age_entries(cache, 40 * DAY)
    age([cache / ".last-pruned"], DAY - 600)  # pruned yesterday, less than a day ago
    write(project / "docs" / "0.md", "Edited.\n")
    cli("check", "docs", "--jobs", "1")
    assert old < set(stored(cache))  # nothing removed, the new entry added


def test_a_warm_run_marks_its_entry_used(project: Path, cli, parsed: list[str]) -> None:
    """A run served whole from its entry reads nothing else: that entry alone is marked."""
    cache = project / ".contentlint_cache"
    cli("check", "docs", "--jobs", "1")
    age_entries(cache, 40 * DAY)
    age([cache / ".last-pruned"], DAY - 600)
    cli("check", "docs", "--jobs", "1")
    fresh = [key for key, (_value, used) in stored(cache).items() if time.time() - used < DAY]
    assert len(fresh) == 1  # the run's entry
    age([cache / ".last-pruned"], 2 * DAY)
    write(project / "docs" / "0.md", "Edited.\n")  # a run that lints, and so prunes
    parsed.clear()
    cli("check", "docs", "--jobs", "1")
    assert parsed == ["docs/0.md"]  # the others came from their entries, read before the pruning
    assert len(stored(cache)) == 7


KEY = "ab" + "0" * 38


def test_a_read_marks_an_entry_used_at_most_once_a_day_in_the_next_batch(tmp_path: Path) -> None:
    from contentlint.cache import Cache

    root = tmp_path / "c"
    cache = Cache(root)
    cache.put(KEY, {"x": 1})
    assert cache.get(KEY) == {"x": 1}  # buffered, already readable
    assert stored(root) == {}
    cache.flush()
    mark = int(time.time() - DAY + 600)
    alter(root, "UPDATE entries SET used = ?", mark)
    assert cache.get(KEY) == {"x": 1}
    cache.flush()
    assert stored(root)[KEY][1] == mark  # read less than a day after its mark: no write
    mark = int(time.time() - DAY - 600)
    alter(root, "UPDATE entries SET used = ?", mark)
    assert cache.get(KEY) == {"x": 1}
    assert stored(root)[KEY][1] == mark  # marked with the next batch, not on each read
    cache.flush()
    assert time.time() - stored(root)[KEY][1] < 60


def test_prune_removes_old_entries_and_old_files_of_other_formats(tmp_path: Path) -> None:
    from contentlint.cache import CACHE_FORMAT, MAX_AGE, Cache

    root = tmp_path / "c"
    cache = Cache(root)
    for key in ("fresh", "old1", "old2"):
        cache.put(key, {"key": key})
    cache.flush()
    alter(root, "UPDATE entries SET used = ? WHERE key != 'fresh'", int(time.time() - MAX_AGE - 60))
    fresh = [write(root / "v1" / "aa" / "aa1", "{}"), write(root / "v1" / "aa" / ".tmp-9-9-aa2", "{")]
    old = [write(root / "v1" / "aa" / "aa3", "{}"), write(root / "v1" / "bb" / "bb1", "{}"),
           write(root / "v7" / "cache.sqlite", "x"), write(root / "v1" / "aa" / ".tmp-8-8-aa4", "{")]
    age(old[:3], MAX_AGE + 60)
    age(old[3:], 3 * 3600)
    others = [write(root / ".gitignore", "*\n"), write(root / "notes" / "n1", "x"),
              write(root / f"v{CACHE_FORMAT}" / "notes.txt", "x")]
    age(others, MAX_AGE + 60)  # not cache entries of another format: never removed
    assert Cache(root).prune() == 6
    assert list(stored(root)) == ["fresh"]
    assert [p.exists() for p in fresh + old + others] == [True, True, False, False, False, False, True, True, True]
    assert (root / "v1" / "bb").is_dir()  # folders stay: another version may be writing in one
    assert Cache(root).prune() == 0
    assert Cache(tmp_path / "missing").prune() == 0
    assert not (tmp_path / "missing").exists()  # no database made to be pruned


def test_processes_pruning_and_writing_at_once(project: Path) -> None:
    """Four processes find the cache due for pruning at the same moment."""
    for index in range(6, 30):
        write(project / "docs" / f"{index}.md", article(index))
    shared = project / "shared"
    assert run(project, "docs", "--jobs", "1", "--cache-dir", "shared").wait(timeout=300) == 1
    age_entries(shared, 40 * DAY)
    age([shared / ".last-pruned"], 2 * DAY)
    for index in range(0, 30, 3):
        write(project / "docs" / f"{index}.md", article(index) + "\nEdited.\n")
    expected = run(project, "docs", "--no-cache", "--jobs", "1", "--format", "json").communicate(timeout=300)
    processes = [run(project, "docs", "--jobs", "1", "--format", "json", "--cache-dir", "shared") for _ in range(4)]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [1] * 4
    assert all(output == expected for output in outputs)
    assert healthy(shared)
    # Whatever entries the race removed, a run now is complete and right.
    assert run(project, "docs", "--jobs", "1", "--format", "json", "--cache-dir", "shared").communicate(
        timeout=300) == expected


# -- faults: interruption, files changing under the run ---------------------------------------

WRITER = """
import sys
from pathlib import Path

from contentlint.cache import Cache

cache = Cache(Path(sys.argv[1]))
batch = 0
while True:  # batches of 200 entries, each flushed in one transaction, until interrupted
    for n in range(200):
        cache.put(f"{batch}-{n}", {"batch": batch, "n": n, "padding": "x" * 1000})
    cache.flush()
    batch += 1
"""


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_write_keeps_whole_batches_only(tmp_path: Path, signal_number: int) -> None:
    """Ctrl-C (or a kill) lands anywhere in a process writing batches: each batch is all there or absent."""
    root = tmp_path / "c"
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(root)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(stored(root)) < 2000:
        time.sleep(0.01)
    process.send_signal(signal_number)
    _out, err = process.communicate(timeout=60)
    if signal_number == signal.SIGINT:
        assert err.decode().rstrip().endswith("KeyboardInterrupt"), err.decode()
    assert healthy(root)
    batches: dict[int, int] = {}
    for key, (value, _used) in stored(root).items():
        data = json.loads(value)
        assert key == f"{data['batch']}-{data['n']}"
        batches[data["batch"]] = batches.get(data["batch"], 0) + 1
    assert len(batches) >= 10
    assert set(batches.values()) == {200}
    assert sorted(batches) == list(range(len(batches)))
    from contentlint.cache import Cache

    cache = Cache(root)  # and it is usable
    assert cache.get("0-0") == {"batch": 0, "n": 0, "padding": "x" * 1000}
    cache.put("after", {"ok": True})
    cache.flush()
    assert Cache(root).get("after") == {"ok": True}


def test_ctrl_c_in_a_parallel_run_leaves_a_usable_cache(isolated_dir: Path) -> None:
    """Ctrl-C while workers write their batches: the run stops with 130, the database
    is whole, the batches written are kept, and the next run is right."""
    body = "".join(f"Paragraph {n} about sleep and rest. It is is fine.\n\n" for n in range(30))
    for index in range(400):
        write(isolated_dir / "many" / f"{index:03}.md", f"# Article {index}\n\n{body}")
    options = ("many", "--select", "RP101,ST201,HC,RD,CV", "--jobs", "2", "--format", "json")
    cache = isolated_dir / "cache"
    env = {**os.environ, "NO_COLOR": "1"}
    still_running, _err = interrupt_when(["check", *options, "--cache-dir", str(cache)], isolated_dir,
                                         lambda: bool(stored(cache)), env)
    print(f"interrupted: {still_running}; entries written before: {len(stored(cache))} of 400")
    assert healthy(cache)
    kept = set(stored(cache))
    expected = subprocess.run([sys.executable, "-m", "contentlint", "check", *options, "--no-cache"],
                              cwd=isolated_dir, env=env, capture_output=True, timeout=600)
    again = subprocess.run([sys.executable, "-m", "contentlint", "check", *options, "--cache-dir", str(cache)],
                           cwd=isolated_dir, env=env, capture_output=True, timeout=600)
    assert (again.returncode, again.stdout, again.stderr) == (expected.returncode, expected.stdout, expected.stderr)
    assert kept <= set(stored(cache)) and len(stored(cache)) == 401 and healthy(cache)


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


def test_a_cached_finding_keeps_every_field_and_reads_back_equal() -> None:
    import json as json_module
    from dataclasses import asdict, fields

    from contentlint.runner import finding_from_json, finding_to_json
    from contentlint.violation import Edit, Finding, Fix, Severity

    fixed = Finding("a.md", 1, 2, 3, 4, "RP101", "doubled-word", Severity.parse("warning"), "m", 5, 6,
                    Fix((Edit(1, 2, "x"), Edit(3, 3, "")), "delete", True), "fp")
    plain = Finding("a.md", 7, 1, 7, 9, "HC102", "unsourced-efficacy-claim", Severity.parse("info"), "n")
    for finding in (fixed, plain):
        data = finding_to_json(finding)
        assert set(data) == {field.name for field in fields(Finding)} - {"path"}
        expected = asdict(finding) | {"severity": finding.severity.label}
        del expected["path"]
        assert json_module.dumps(data, sort_keys=True) == json_module.dumps(expected, sort_keys=True)
        assert finding_from_json(json_module.loads(json_module.dumps(data)), "a.md") == finding
        assert finding_from_json(data, "a.md").fix == finding.fix
