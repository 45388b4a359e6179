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


# -- deleting whole lines: what is left is what a person would write -----------------------

def delete(start: int, end: int, code: str = "ST201") -> Finding:
    return finding(start, end, "", code=code)


def delete_lines(text: str, *lines: str) -> str:
    """apply_edits with one whole-line deletion (newline included) per line given."""
    findings = []
    for line in lines:
        start = text.index(line)
        end = start + len(line)
        end += 2 if text[end:end + 2] == "\r\n" else 1 if text[end:end + 1] in ("\n", "\r") else 0
        findings.append(delete(start, end))
    return apply_edits(text, findings)[0]


@pytest.mark.parametrize(("text", "expected"), [
    # The last line goes: the blank line above it goes too; the final newline stays.
    ("Text.\n\n#a #b\n", "Text.\n"),
    ("Text.\n#a #b\n", "Text.\n"),
    ("Text.\n\n\n#a #b\n", "Text.\n"),
    # ...and when the file had no final newline, it still has none.
    ("Text.\n\n#a #b", "Text."),
    ("Text.\n#a #b", "Text."),
    # Trailing blank lines after the deleted line go as well.
    ("Text.\n\n#a #b\n\n\n", "Text.\n"),
    # Other newline styles are kept.
    ("Text.\r\n\r\n#a #b\r\n", "Text.\r\n"),
    ("Text.\r\n\r\n#a #b", "Text."),
    ("Text.\r\r#a #b\r", "Text.\r"),
    # Trailing spaces of the last line kept are the user's (a Markdown hard break).
    ("Text.  \n\n#a #b\n", "Text.  \n"),
    # The only line: nothing is left.
    ("#a #b\n", ""),
])
def test_deleting_the_last_line_leaves_no_blank_line(text: str, expected: str) -> None:
    assert delete_lines(text, "#a #b") == expected


def test_deleting_two_last_paragraphs_leaves_no_blank_line() -> None:
    text = "Text.\n\nShare this:\n\n#a #b\n"
    assert delete_lines(text, "Share this:", "#a #b") == "Text.\n"


@pytest.mark.parametrize(("text", "expected"), [
    # A line between blank lines: one blank line goes with it, one gap is left.
    ("One.\n\n#a #b\n\nTwo.\n", "One.\n\nTwo.\n"),
    ("One.\r\n\r\n#a #b\r\n\r\nTwo.\r\n", "One.\r\n\r\nTwo.\r\n"),
    # At the top: the blank line after it goes (a file does not start with a gap).
    ("#a #b\n\nTwo.\n", "Two.\n"),
    # Inside a run of lines: only the line.
    ("One.\n#a #b\nTwo.\n", "One.\nTwo.\n"),
    ("One.\n\n#a #b\nTwo.\n", "One.\n\nTwo.\n"),
])
def test_deleting_a_line_in_the_middle_leaves_one_gap(text: str, expected: str) -> None:
    assert delete_lines(text, "#a #b") == expected


def test_two_deleted_lines_in_a_row_leave_one_gap() -> None:
    text = "One.\n\n#a #b\n#c #d\n\nTwo.\n"
    assert delete_lines(text, "#a #b", "#c #d") == "One.\n\nTwo.\n"


def test_a_widened_deletion_never_reaches_into_another_edit() -> None:
    text = "One one.\n\n#a #b\n"
    doubled = finding(3, 7, "")  # " one" of "One one."
    fixed, count = apply_edits(text, [doubled, delete(10, len(text))])
    assert (fixed, count) == ("One.\n", 2)


def test_deletions_inside_a_line_are_not_widened() -> None:
    text = "Keep this.\n\nIt is is fine.\n"
    start = text.index(" is fine")
    assert apply_edits(text, [finding(start, start + 3, "")]) == ("Keep this.\n\nIt is fine.\n", 1)


def test_a_folder_where_no_file_can_be_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    path = tmp_path / "a.md"
    path.write_bytes(b"old")

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(WriteError, match=r"a\.md: cannot write: Permission denied; not fixed"):
        write_atomically(path, b"new", expected=b"old")
    assert path.read_bytes() == b"old"


def test_two_deleted_paragraphs_in_the_middle_leave_one_gap() -> None:
    text = "One.\n\nShare this:\n\n#a #b\n\nTwo.\n"
    assert delete_lines(text, "Share this:", "#a #b") == "One.\n\nTwo.\n"
