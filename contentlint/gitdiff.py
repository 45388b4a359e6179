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
    diff = _git(["diff", "--no-color", "--no-ext-diff", "--unified=0", "--diff-filter=AMR", base, "--"], root)
    lines: dict[Path, set[int]] = {}
    current: Path | None = None
    for raw in diff.splitlines():
        if raw.startswith("+++ "):
            name = raw[4:]
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
