"""Reading a file's bytes: one open, its size taken from the open file."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentlint.source import SourceError, read_bytes, read_source


def test_read_bytes_returns_every_byte(tmp_path: Path) -> None:
    data = bytes(range(256)) * 300  # larger than one read buffer
    (tmp_path / "a.md").write_bytes(data)
    assert read_bytes(tmp_path / "a.md") == data
    (tmp_path / "empty.md").write_bytes(b"")
    assert read_bytes(tmp_path / "empty.md") == b""


@pytest.mark.parametrize("name, make, reason", [
    ("missing.md", lambda path: None, "no such file"),
    ("folder.md", lambda path: path.mkdir(), "is a directory"),
    ("big.md", lambda path: path.write_bytes(b"x" * 11), "file is too large (11 bytes; the limit is 10, "
                                                         "set max-file-size to raise it)"),
])
def test_read_bytes_names_the_reason(tmp_path: Path, name: str, make, reason: str) -> None:
    make(tmp_path / name)
    with pytest.raises(SourceError) as error:
        read_bytes(tmp_path / name, f"docs/{name}", max_bytes=10)
    assert (error.value.path, error.value.reason) == (f"docs/{name}", reason)


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf" + b"x" * 7)
    assert read_source(tmp_path / "a.md", max_bytes=10).text == "x" * 7
