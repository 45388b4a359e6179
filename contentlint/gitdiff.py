"""Changed lines since a git revision, for `check --diff-base REV`.

A finding counts when it starts on a line added or changed since REV (since
its merge base with HEAD, as in a pull request; uncommitted changes count),
in the git repository that contains the file: a run may lint files of
several repositories, or start outside the one it lints.
Findings about the whole document (a missing caveat, the grade level) count
when the document changed at all — their cause may be anywhere in it.
Files git does not track at REV are new: every line counts.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(Exception):
    pass


class GitMissing(GitError):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False,
                                   encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise GitMissing("git is not installed (needed by --diff-base)") from None
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


class ChangedLines:
    """The lines changed since `revision`, each file compared in the git repository that contains it.

    Files may come from several repositories (or a run may start outside the
    one it lints): each repository is read once, when its first file is loaded.
    """

    def __init__(self, revision: str) -> None:
        self.revision = revision
        self.lines: dict[Path, set[int]] = {}  # resolved path -> changed line numbers (1-based)
        self.new_files: set[Path] = set()
        self.roots: set[Path] = set()  # the repositories read
        self._marked: dict[str, str | None] = {}  # folder -> nearest folder holding a .git, or None
        self._tops: dict[str, Path | None] = {}  # such a folder -> the top of its repository per git

    def load_arguments(self, arguments: list[str], cwd: Path) -> None:
        """Read, before linting, the repositories of the paths named: an unknown
        revision fails at once. A named file outside any repository is an error;
        a folder outside one may still hold repositories (see load)."""
        for argument in arguments:
            path = cwd / argument
            if not path.exists():
                continue  # reported by the run
            folder = path if path.is_dir() else path.parent
            root = self.repository(folder)
            if root is not None:
                self.read(root)
            elif not path.is_dir():
                raise GitError(not_in_repository(argument))

    def load(self, paths: list[str], cwd: Path) -> None:
        """Read the repository of every file linted (paths as reported, relative to `cwd`)."""
        for name in paths:
            if name == "-":
                continue  # standard input with no file name: nothing to compare
            root = self.repository((cwd / name).parent)
            if root is None:
                raise GitError(not_in_repository(name))
            self.read(root)

    def repository(self, folder: Path) -> Path | None:
        """The top folder of the git repository holding `folder`, or None."""
        absolute = os.path.abspath(folder)
        marked = self._marked_folder(absolute)
        key = marked or absolute  # no .git above: ask git in the folder itself (GIT_DIR, odd layouts)
        if key not in self._tops:
            try:
                self._tops[key] = Path(_git(["rev-parse", "--show-toplevel"], Path(key)).strip()).resolve()
            except GitMissing:
                raise
            except GitError:
                self._tops[key] = None
        return self._tops[key]

    def _marked_folder(self, folder: str) -> str | None:
        """The nearest folder at or above `folder` with a .git entry (remembered for every folder seen)."""
        seen = []
        found: str | None = None
        current = folder
        while True:
            if current in self._marked:
                found = self._marked[current]
                break
            seen.append(current)
            if os.path.exists(os.path.join(current, ".git")):
                found = current
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for each in seen:
            self._marked[each] = found
        return found

    def read(self, root: Path) -> None:
        """Add the changed lines and new files of one repository."""
        if root in self.roots:
            return
        try:
            _git(["rev-parse", "--verify", "--quiet", f"{self.revision}^{{commit}}"], root)
        except GitError:
            raise GitError(f"--diff-base: unknown revision '{self.revision}' in the git repository {root}") from None
        self.roots.add(root)
        # Compare with the merge base, as a pull request does: commits that reached
        # REV after the branch was made are not the branch's changes.
        try:
            base = _git(["merge-base", self.revision, "HEAD"], root).strip()
        except GitError:
            base = self.revision
        # Fixed prefixes, no text conversion and unquoted names, whatever the user's git configuration says.
        diff = _git(["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
                     "--src-prefix=a/", "--dst-prefix=b/", "--unified=0", "--diff-filter=AMR", base, "--"], root)
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
                    self.lines.setdefault(current, set())
                continue
            match = _HUNK.match(raw)
            if match and current is not None:
                start = int(match.group(1))
                count = int(match.group(2)) if match.group(2) is not None else 1
                self.lines[current].update(range(start, start + count))
        untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
        self.new_files.update((root / name).resolve() for name in untracked.split("\0") if name)

    def changed(self, path: Path) -> bool:
        resolved = path.resolve()
        return resolved in self.new_files or bool(self.lines.get(resolved))

    def covers(self, path: Path, line: int) -> bool:
        resolved = path.resolve()
        return resolved in self.new_files or line in self.lines.get(resolved, ())

    def lines_of(self, path: Path) -> set[int] | None:
        """The changed lines of a file, None when every line counts (a file new since the revision)."""
        resolved = path.resolve()
        return None if resolved in self.new_files else set(self.lines.get(resolved, ()))


def lines_after_fixes(original: str, current: str, changed: set[int]) -> set[int]:
    """The lines of `current` that stand for changed lines of `original`.

    `current` is `original` after fixes were applied on changed lines only: a
    line both texts have (matched in order, as a diff does) keeps its status,
    and a line the fixes wrote counts as changed.
    """
    from difflib import SequenceMatcher

    from contentlint.lines import NEWLINE  # the line ends findings' line numbers count

    before, after = NEWLINE.split(original), NEWLINE.split(current)
    found: set[int] = set()
    for tag, first, last, new_first, new_last in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            found.update(new_first + offset + 1 for offset in range(last - first) if first + offset + 1 in changed)
        else:
            found.update(range(new_first + 1, new_last + 1))
    return found



def not_in_repository(name: str) -> str:
    return f"--diff-base compares with a git revision, and {name} is not in a git repository"
