"""Applying fixes: non-overlapping edits, written atomically.

Fixes are applied in passes (re-linting in between, like ruff) until nothing
changes, so a second `--fix` run has nothing left to do. Only safe fixes are
applied; the text keeps its newline style and BOM because edits are made on
the original text and encoded the way the file was read.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from contentlint.violation import Edit, Finding

MAX_PASSES = 10


def apply_edits(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """The text with every safe fix applied that does not overlap an earlier one."""
    chosen: list[tuple[Edit, ...]] = []
    taken: list[tuple[int, int]] = []
    ordered = sorted((f for f in findings if f.fix is not None and f.fix.safe),
                     key=lambda f: (min(e.start for e in f.fix.edits), f.code))  # type: ignore[union-attr]
    for finding in ordered:
        edits = finding.fix.edits  # type: ignore[union-attr]
        if any(e.start < end and start < e.end or (e.start == e.end == start) for e in edits
               for start, end in taken):
            continue
        chosen.append(edits)
        taken.extend((e.start, e.end) for e in edits)
    all_edits = sorted((e for edits in chosen for e in edits), key=lambda e: e.start, reverse=True)
    for edit in all_edits:
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text, len(chosen)


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


class WriteError(Exception):
    pass


def write_atomically(path: Path, data: bytes, expected: bytes) -> None:
    """Replace the file's content, unless it changed since it was read or is read-only.

    The new content goes to a temporary file in the same folder, which is then
    renamed over the original: an interruption leaves the old file intact.
    """
    try:
        current = path.read_bytes()
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        raise WriteError(f"{path}: deleted while linting; not fixed") from None
    except OSError as error:
        raise WriteError(f"{path}: cannot read: {error.strerror or error}; not fixed") from None
    if current != expected:
        raise WriteError(f"{path}: changed while linting; not fixed (run again)")
    if not os.access(path, os.W_OK) or not mode & stat.S_IWUSR:
        raise WriteError(f"{path}: file is read-only; not fixed")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".contentlint-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteError(f"{path}: cannot write: {error.strerror or error}; not fixed") from None
        raise
