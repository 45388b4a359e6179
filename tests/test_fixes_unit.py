"""Applying fix edits and writing files atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from contentlint.fixes import WriteError, apply_edits, unified_diff, write_atomically
from contentlint.violation import Edit, Finding, Fix, Severity


def finding(start: int, end: int, replacement: str, safe: bool = True, code: str = "RP101") -> Finding:
    return Finding(path="a.md", line=1, column=start + 1, end_line=1, end_column=end + 1, code=code, name="x",
                   severity=Severity.WARNING, message="m", start=start, end=end,
                   fix=Fix((Edit(start, end, replacement),), "d", safe))


def test_edits_apply_right_to_left_so_offsets_stay_valid() -> None:
    text = "aa bb cc"
    fixed, count = apply_edits(text, [finding(0, 2, "A"), finding(6, 8, "CCC")])
    assert (fixed, count) == ("A bb CCC", 2)


def test_overlapping_edits_keep_the_first_only() -> None:
    text = "the the the end"
    fixed, count = apply_edits(text, [finding(3, 7, ""), finding(7, 11, ""), finding(5, 9, "")])
    assert count == 2
    assert fixed == "the end"


def test_unsafe_fixes_are_not_applied() -> None:
    assert apply_edits("abc", [finding(0, 1, "X", safe=False)]) == ("abc", 0)


def test_two_insertions_at_one_place_are_not_both_applied() -> None:
    fixed, count = apply_edits("ab", [finding(1, 1, "X"), finding(1, 1, "Y")])
    assert count == 1 and fixed in ("aXb", "aYb")


def test_unified_diff_names_both_sides_and_marks_missing_newline() -> None:
    diff = unified_diff("doc.md", "one\ntwo", "one\n")
    assert diff.startswith("--- a/doc.md\n+++ b/doc.md\n")
    assert "-two\n\\ No newline at end of file\n" in diff


def test_write_atomically_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"old\r\n")
    os.chmod(path, 0o640)
    write_atomically(path, b"new\r\n", expected=b"old\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"edited by someone else")
    with pytest.raises(WriteError, match="changed while linting"):
        write_atomically(path, b"new", expected=b"old")
    assert path.read_bytes() == b"edited by someone else"


def test_write_refuses_a_deleted_file(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="deleted while linting"):
        write_atomically(tmp_path / "gone.md", b"new", expected=b"old")
    assert not (tmp_path / "gone.md").exists()


def test_write_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    os.chmod(path, 0o444)
    with pytest.raises(WriteError, match="read-only"):
        write_atomically(path, b"new", expected=b"old")
    assert path.read_bytes() == b"old"
