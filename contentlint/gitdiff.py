"""Changed lines since a git revision, for `check --diff-base REV`.

A finding counts when it starts on a line added or changed since REV (since
its merge base with HEAD, as in a pull request; uncommitted changes count).
Findings about the whole document (a missing caveat, the grade level) count
when the document changed at all — their cause may be anywhere in it.
Files git does not track at REV are new: every line counts.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(Exception):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False,
                                   encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise GitError("git is not installed (needed by --diff-base)") from None
    if completed.returncode != 0:
        raise GitError(completed.stderr.strip() or f"git {' '.join(args)} failed")
    return completed.stdout


_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _unquote(name: str) -> str:
    """A path as git prints it after +++: C-quoted when it has odd characters, tab-ended when it has spaces."""
    if not name.startswith('"'):
        return name[:-1] if name.endswith("\t") else name
    out = bytearray()
    index = 1
    while index < len(name) and name[index] != '"':
        char = name[index]
        if char == "\\" and index + 1 < len(name):
            following = name[index + 1]
            if following in "01234567":
                out.append(int(name[index + 1:index + 4], 8))
                index += 4
                continue
            out.append(_ESCAPES.get(following, ord(following)))
            index += 2
            continue
        out.extend(char.encode("utf-8", "surrogateescape"))
        index += 1
    return out.decode("utf-8", "surrogateescape")


@dataclass
class ChangedLines:
    root: Path
    lines: dict[Path, set[int]]  # resolved path -> changed line numbers (1-based)
    new_files: set[Path]

    def changed(self, path: Path) -> bool:
        resolved = path.resolve()
        return resolved in self.new_files or bool(self.lines.get(resolved))

    def covers(self, path: Path, line: int) -> bool:
        resolved = path.resolve()
        return resolved in self.new_files or line in self.lines.get(resolved, ())


def changed_lines(revision: str, cwd: Path) -> ChangedLines:
    try:
        root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except GitError:
        raise GitError(f"--diff-base needs a git repository, and {cwd} is not inside one") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    except GitError:
        raise GitError(f"--diff-base: unknown revision '{revision}'") from None
    # Compare with the merge base, as a pull request does: commits that reached
    # REV after the branch was made are not the branch's changes.
    try:
        base = _git(["merge-base", revision, "HEAD"], root).strip()
    except GitError:
        base = revision
    # Fixed prefixes, no text conversion and unquoted names, whatever the user's git configuration says.
    diff = _git(["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
                 "--src-prefix=a/", "--dst-prefix=b/", "--unified=0", "--diff-filter=AMR", base, "--"], root)
    lines: dict[Path, set[int]] = {}
    current: Path | None = None
    in_header = False  # between "diff --git" and the first hunk: an added line "++ x" is not a file name
    for raw in diff.split("\n"):
        if raw.startswith("diff --git "):
            in_header, current = True, None
            continue
        if in_header and raw.startswith("+++ "):
            in_header = False
            name = _unquote(raw[4:])
            current = None if name == "/dev/null" else (root / name[2:] if name.startswith("b/") else root / name)
            if current is not None:
                current = current.resolve()
                lines.setdefault(current, set())
            continue
        match = _HUNK.match(raw)
        if match and current is not None:
            start = int(match.group(1))
            count = int(match.group(2)) if match.group(2) is not None else 1
            lines[current].update(range(start, start + count))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    new_files = {(root / name).resolve() for name in untracked.split("\0") if name}
    return ChangedLines(root, lines, new_files)
