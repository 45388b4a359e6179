"""The cache's fast paths give what the general ones gave.

A cold run writes an entry per file: its JSON is written in one pass (bytes
through json.dumps's default, not a converted copy of the summaries), its key
hashes the bytes read once (not the text encoded again), a batch of files is
looked up in one query (none in a cache that was empty), a worker's entries
are written by its parent, and a file's stat comes from the file opened to
read it. Each is pinned here against the way it was done before.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.cache import Cache, content_key
from contentlint.config import Config
from contentlint.engine import Overrides
from contentlint.runner import Linter, Task, from_plain, plain_bytes, signature_of, stat_signature
from contentlint.source import decode, read_bytes_and_stat


def to_plain(value: Any) -> Any:
    """The conversion the cache used before: bytes became {"$b64": ...}, tuples lists, recursively."""
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    return value


def dumped(value: Any, **options: Any) -> str | None:
    """The cache's JSON text of a value, or None where it is not stored."""
    try:
        return json.dumps(value, separators=(",", ":"), **options)
    except (TypeError, ValueError):
        return None


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8) | \
    st.binary(max_size=12)
summaries = st.recursive(
    scalars | st.frozensets(st.integers(), max_size=2),  # a set: JSON cannot hold it either way
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
    | st.dictionaries(st.text(max_size=4) | st.integers() | st.binary(max_size=2), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(summaries)
def test_summaries_are_written_as_the_recursive_conversion_wrote_them(value: Any) -> None:
    assert dumped(value, default=plain_bytes) == dumped(to_plain(value))


def test_summary_bytes_read_back() -> None:
    value = {"RP105": ((1, 2, b"\x00\xffab"), (3, 4, b""))}
    assert from_plain(json.loads(dumped(value, default=plain_bytes) or "")) == value


def linter_and_task(tmp_path: Path, data: bytes) -> tuple[Linter, Task]:
    from contentlint.runner import RunOptions

    linter = Linter(Overrides(), cwd=tmp_path, isolated=True, options=RunOptions(use_cache=True, cache_dir=tmp_path))
    config = Config(root=tmp_path)
    selection = linter.selection_for(config)
    assert not isinstance(selection, Exception)
    return linter, Task(decode(data, "a.md"), config, selection, frozenset())


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
       bom=st.booleans())
def test_the_key_of_utf8_text_from_the_bytes_read(tmp_path_factory: pytest.TempPathFactory, text: str,
                                                   bom: bool) -> None:
    """UTF-8 text decodes from exactly the bytes text_key hashes, BOM included: their digest is the same."""
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    linter, task = linter_and_task(tmp_path_factory.mktemp("k"), data)
    assert task.source.encoding == "utf-8"
    task.digest = content_key(data)
    with_digest = linter.text_key(task)
    task.digest = ""
    assert with_digest == linter.text_key(task)


def test_utf16_text_is_keyed_by_its_text(tmp_path: Path) -> None:
    """UTF-16 bytes are not what text_key hashes: the same text read as UTF-8 and as UTF-16 has one entry."""
    import sqlite3

    from contentlint.runner import RunOptions

    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf# Title\n\nIt is is fine.\n")
    (tmp_path / "b.md").write_bytes("# Title\n\nIt is is fine.\n".encode("utf-16"))
    linter = Linter(Overrides(), cwd=tmp_path, isolated=True,
                    options=RunOptions(use_cache=True, cache_dir=tmp_path / "cache"))
    report = linter.run([str(tmp_path / "a.md"), str(tmp_path / "b.md")])
    assert report.errors == []
    assert [(f.line, f.code) for f in report.findings if f.path == "a.md"] == \
        [(f.line, f.code) for f in report.findings if f.path == "b.md"] != []
    connection = sqlite3.connect(tmp_path / "cache" / "v2" / "cache.sqlite")
    try:
        assert connection.execute("SELECT count(*) FROM entries").fetchone()[0] == 2  # the text's and the run's
    finally:
        connection.close()


def test_get_many_answers_as_get_does(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    keys = [f"k{index}" for index in range(1203)]  # more than one query's worth
    for key in keys[::2]:
        cache.put(key, {"v": key})
    cache.flush()
    cache.put("pending", [1, 2])  # buffered, not written yet
    import sqlite3

    connection = sqlite3.connect(tmp_path / "v2" / "cache.sqlite")
    connection.execute("INSERT INTO entries VALUES ('broken', '{not json', 0)")
    connection.commit()
    connection.close()
    asked = [*keys, "pending", "broken", "missing", "k0", "k0"]
    one_by_one = {key: cache.get(key) for key in asked}
    assert cache.get_many(asked) == {key: value for key, value in one_by_one.items() if value is not None}
    assert cache.get_many([]) == {}


def test_a_read_signature_is_the_stat_of_its_path(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Text.\n")
    link = tmp_path / "link.md"
    os.symlink(path, link)
    for name in (path, link):
        data, stat = read_bytes_and_stat(name)
        assert data == b"Text.\n"
        assert signature_of(stat) == stat_signature(name)


def traced_statements(cache: Cache) -> list[str]:
    """The SQL statements a Cache runs from now on (its connection opened first)."""
    statements: list[str] = []
    connection = cache._connect()
    assert connection is not None
    connection.set_trace_callback(statements.append)
    return statements


def test_a_cache_empty_at_first_look_is_not_queried_until_this_process_writes(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    assert cache.get_many(["a", "b"]) == {}  # looks once: the table is empty
    statements = traced_statements(cache)
    cache.put("a", {"v": 1})
    assert cache.get_many(["a", "b"]) == {"a": {"v": 1}}  # what it put, from memory
    other = Cache(tmp_path)  # another process writes meanwhile: missed, which only costs speed
    other.put("b", {"v": 2})
    other.flush()
    assert cache.get_many(["b"]) == {}
    assert [s for s in statements if s.startswith("SELECT")] == []
    cache.flush()  # once it has written, it reads the table again
    assert cache.get_many(["a", "b"]) == {"a": {"v": 1}, "b": {"v": 2}}
    assert any(s.startswith("SELECT") for s in statements)


def test_a_cache_with_entries_is_queried(tmp_path: Path) -> None:
    first = Cache(tmp_path)
    first.put("a", {"v": 1})
    first.flush()
    cache = Cache(tmp_path)
    assert cache.get_many(["a", "b"]) == {"a": {"v": 1}}
    other = Cache(tmp_path)
    other.put("b", {"v": 2})
    other.flush()
    assert cache.get_many(["b"]) == {"b": {"v": 2}}  # written by another process meanwhile: found


def test_writes_handed_to_another_cache_are_written_as_they_would_have_been(tmp_path: Path) -> None:
    """A worker's entries and use marks, written by its parent (take_writes, add_writes)."""
    import sqlite3

    source = Cache(tmp_path)
    source.put("old", {"v": 0})
    source.flush()
    connection = sqlite3.connect(tmp_path / "v2" / "cache.sqlite")
    connection.execute("UPDATE entries SET used = 5")
    connection.commit()
    worker = Cache(tmp_path)
    assert worker.get("old") == {"v": 0}  # its use mark is old: due to be written
    worker.put("new", {"v": 1, "b": b"\x00"}, default=plain_bytes)
    pending, touched = worker.take_writes()
    assert worker.take_writes() == ({}, set())  # handed over once
    assert worker.get("new") is None  # no longer its own to find
    parent = Cache(tmp_path)
    parent.add_writes(pending, touched)
    parent.flush()
    rows = dict(connection.execute("SELECT key, used FROM entries"))
    connection.close()
    assert set(rows) == {"old", "new"} and rows["old"] > 5 and rows["new"] > 5
    assert Cache(tmp_path).get_many(["old", "new"]) == {"old": {"v": 0}, "new": {"v": 1, "b": {"$b64": "AA=="}}}


def test_a_new_database_counts_as_pruned_an_old_one_is_pruned(tmp_path: Path) -> None:
    from contentlint.cache import PRUNED_MARKER

    cache = Cache(tmp_path)
    cache.get("x")
    marker = tmp_path / PRUNED_MARKER
    assert marker.is_file()  # made with the database: the first day has nothing to prune
    os.utime(marker, (0, 0))
    cache.get("x")
    assert os.stat(marker).st_mtime == 0  # an existing database does not touch it
    cache.maybe_prune()
    assert os.stat(marker).st_mtime > 0  # and is pruned when the day is over
