"""Applying fixes: non-overlapping edits, written atomically.

Fixes are applied in passes (re-linting in between, like ruff) until nothing
changes, so a second `--fix` run has nothing left to do. Only safe fixes are
applied; the text keeps its newline style and BOM because edits are made on
the original text and encoded the way the file was read.

Deleting whole lines leaves the text as a person would: no double gap where
a line stood between blank lines, and no blank line at the end when the last
lines go (the file still ends with a newline exactly when it did before).
"""

from __future__ import annotations

import difflib
import os
import re
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
    all_edits = tidy_deletions(text, [e for edits in chosen for e in edits])
    for edit in reversed(all_edits):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text, len(chosen)


_NEWLINE = re.compile(r"\r\n|\r|\n")


def _line_start(text: str, at: int) -> bool:
    """Whether a line starts at `at` (not between the two characters of a CRLF)."""
    return at == 0 or text[at - 1] == "\n" or (text[at - 1] == "\r" and text[at:at + 1] != "\n")


def _next_line(text: str, start: int) -> int:
    """The start of the line after the one starting at `start` (the end of the text on the last line)."""
    found = _NEWLINE.search(text, start)
    return found.end() if found else len(text)


def _previous_line(text: str, start: int) -> int:
    """The start of the line before the one starting at `start` (> 0)."""
    end = start - (2 if text[start - 2:start] == "\r\n" else 1)
    return max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1


def _blank(text: str, start: int) -> bool:
    return not text[start:_next_line(text, start)].strip()


def _whole_lines(text: str, edit: Edit) -> bool:
    """A deletion of whole lines (or of everything from a line's start to the end of the text)."""
    return (not edit.replacement and edit.start < edit.end and _line_start(text, edit.start)
            and (edit.end == len(text) or _line_start(text, edit.end)))


def tidy_deletions(text: str, edits: list[Edit]) -> list[Edit]:
    """The edits sorted, whole-line deletions widened so they leave no stray blank line.

    Deletions with only blank lines between them are taken as one (two
    hashtag lines in a row), and a widened deletion never reaches into another edit.
    """
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if (merged and merged[-1].end <= edit.start and not text[merged[-1].end:edit.start].strip()
                and _whole_lines(text, merged[-1]) and _whole_lines(text, edit)):
            merged[-1] = Edit(merged[-1].start, edit.end, "")
        else:
            merged.append(edit)
    tidied: list[Edit] = []
    for index, edit in enumerate(merged):
        if _whole_lines(text, edit):
            lower = tidied[-1].end if tidied else 0
            upper = merged[index + 1].start if index + 1 < len(merged) else len(text)
            edit = _widen(text, edit.start, edit.end, lower, upper)
        tidied.append(edit)
    return tidied


def _widen(text: str, start: int, end: int, lower: int, upper: int) -> Edit:
    if not text[end:].strip() and upper == len(text):
        # The last lines go: so do the blank lines above them, and the file
        # ends after the last line left, with a newline only if it had one.
        while start > lower and _previous_line(text, start) >= lower and _blank(text, _previous_line(text, start)):
            start = _previous_line(text, start)
        if start > lower and not text.endswith(("\n", "\r")):
            start -= 2 if text[start - 2:start] == "\r\n" else 1
        return Edit(start, len(text), "")
    # Between two blank lines: one of them goes too, or a double gap is left.
    blank_before = start == 0 or _blank(text, _previous_line(text, start))
    if blank_before and end < len(text) and _blank(text, end) and _next_line(text, end) <= upper:
        end = _next_line(text, end)
    return Edit(start, end, "")


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
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".contentlint-tmp")
    except OSError as error:  # a folder where no file can be created
        raise WriteError(f"{path}: cannot write: {error.strerror or error}; not fixed") from None
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
