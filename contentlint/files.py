"""Which files a run lints: folders are walked recursively, honouring
``include``, ``exclude``/``extend-exclude`` and .gitignore files."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


_GLOB_CHARACTERS = frozenset("*?[]!/\\#")


def matches_any(relative: str, patterns: list[str] | tuple[str, ...], is_dir: bool = False) -> bool:
    """gitignore-style match of a path relative to the patterns' folder."""
    if not patterns:
        return False
    return matcher(tuple(patterns))(relative, is_dir)


@lru_cache(maxsize=256)
def matcher(patterns: tuple[str, ...]) -> Callable[[str, bool], bool]:
    """matches_any(relative, patterns, is_dir) as a function of (relative, is_dir): made once
    for the entries of a folder, which a walk tests one by one."""
    if not patterns:
        return _nothing
    names = _plain_names(patterns)
    if names is not None:
        # Plain names (the default excludes) match any component of the path;
        # no need to load pathspec for them.
        return lambda relative, is_dir: not names.isdisjoint(relative.split("/"))
    return lambda relative, is_dir: _spec(patterns).match_file(relative + ("/" if is_dir else ""))


def _nothing(relative: str, is_dir: bool) -> bool:
    return False


@lru_cache(maxsize=256)
def _plain_names(patterns: tuple[str, ...]) -> frozenset[str] | None:
    """The patterns as a set when each is a plain name (no glob character), else None."""
    if all(pattern and not _GLOB_CHARACTERS & set(pattern) for pattern in patterns):
        return frozenset(patterns)
    return None


class RealPaths:
    """os.path.realpath, remembering the answers: a walk asks about the same few
    folders for thousands of files, and a run asks about each file several times
    (discovery, its report path, its configuration's patterns). Keep one per run,
    as links may change between runs."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}  # every path answered (folders and files), by absolute path
        self.links: dict[str, bool] = {}  # whether a path is a symbolic link, as a folder listing said

    def real(self, path: str | os.PathLike[str]) -> str:
        return self.real_absolute(os.path.abspath(path))

    def real_absolute(self, path: str) -> str:
        """real() of a path that is already absolute and normalised (abspath is slow)."""
        found = self.folders.get(path)
        if found is None:
            found = self.folders[path] = self._resolve(path)
        return found

    def _resolve(self, path: str) -> str:
        parent, name = os.path.split(path)
        is_link = self.links.get(path)
        if not name or (os.path.islink(path) if is_link is None else is_link):
            return os.path.realpath(path)
        # A path that is not a link is its folder's real path and its name.
        return os.path.join(self.real_absolute(parent), name)

    def note(self, path: str, is_link: bool) -> None:
        """Record what a folder listing said of an absolute path (saves a system call per file)."""
        self.links[path] = is_link


def path_inside(path: str, root: str) -> str | None:
    """`path` relative to `root` (both absolute and normalised), with / between names, else None."""
    if path == root:
        return "."
    prefix = root if root.endswith(os.sep) else root + os.sep
    if path.startswith(prefix):
        return path[len(prefix):].replace(os.sep, "/")
    return None


def relative_to(path: Path, root: Path, real: RealPaths | None = None) -> str | None:
    """`path` relative to `root`, as written (a symlink keeps its name), else with links resolved."""
    return absolute_relative_to(os.path.abspath(path), os.path.abspath(root), real or RealPaths())


def absolute_relative_to(path: str, root: str, real: RealPaths) -> str | None:
    """relative_to for paths already absolute and normalised: a walk asks it for every entry."""
    inside = path_inside(path, root)
    if inside is not None:
        return inside
    return path_inside(real.real_absolute(path), real.real_absolute(root))


@dataclass
class GitIgnores:
    """The .gitignore files met while walking, applied like git does (nearest last)."""

    cache: dict[Path, list[str] | None] = field(default_factory=dict)
    # folder -> the (folder, patterns) that apply to its entries, nearest first, up to the repository's top
    chains: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)

    def patterns(self, folder: Path) -> list[str] | None:
        if folder not in self.cache:
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
                self.cache[folder] = lines
            except OSError:
                self.cache[folder] = None
        return self.cache[folder]

    def chain(self, folder: str, names: Collection[str] | None = None) -> list[tuple[str, list[str]]]:
        """The (folder, patterns) that apply in an absolute folder. `names`, when given,
        is the folder's listing: a .gitignore or .git not in it is not looked for."""
        if folder not in self.chains:
            has_file = names is None or ".gitignore" in names
            patterns = self.patterns(Path(folder)) if has_file else None
            found = [(folder, patterns)] if patterns else []
            parent = os.path.dirname(folder)
            top = (names is None or ".git" in names) and os.path.exists(os.path.join(folder, ".git"))
            if parent != folder and not top:
                found += self.chain(parent)
            self.chains[folder] = found
        return self.chains[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        absolute = os.path.abspath(path)  # as git sees it: a symlink by its own name
        for folder, patterns in self.chain(os.path.dirname(absolute)):
            if matches_any(path_inside(absolute, folder) or "", patterns, is_dir):
                return True
        return False


@lru_cache(maxsize=64)
def _include_pattern(patterns: tuple[str, ...]) -> Any:
    import re

    return re.compile("|".join(fnmatch.translate(os.path.normcase(pattern)) for pattern in patterns))


def wanted_file(name: str, include: list[str]) -> bool:
    """fnmatch against any of the patterns (one compiled expression per list of patterns)."""
    return bool(include) and _include_pattern(tuple(include)).match(os.path.normcase(name)) is not None


def wanted_test(include: list[str]) -> Callable[[str], bool]:
    """wanted_file(name, include) as a function of the name, for the entries of a folder."""
    if not include:
        return lambda name: False
    match = _include_pattern(tuple(include)).match
    if os.path.normcase("A") == "A":  # POSIX: names are compared as they are
        return lambda name: match(name) is not None
    return lambda name: match(os.path.normcase(name)) is not None


def walk(folder: str | os.PathLike[str], keep_in: Any) -> list[str]:
    """Files below `folder` (joined to it as os.walk does), sorted as paths are.

    `keep_in(root, names)` is asked once per folder reached (with the names of
    its entries) and returns the test
    `keep(name, is_dir, is_link)` for the entries of that folder: a folder that
    is not kept is not entered. Like os.walk: folders that cannot be read are
    passed over, and symbolic links to folders are never entered. The listing
    says which entries are links, so keep() need not ask the file system.
    """
    found: list[str] = []
    pending = [os.fspath(folder)]
    while pending:
        root = pending.pop()
        listed = _listing(root)
        if listed is None:
            continue
        dirs, files = listed
        keep = keep_in(root, {name for name, _ in dirs} | {name for name, _ in files})
        prefix = os.path.join(root, "")  # os.path.join(root, name) for the plain names of a listing
        kept = [(name, is_link) for name, is_link in sorted(dirs) if keep(name, True, is_link)]
        found.extend(prefix + name for name, is_link in sorted(files) if keep(name, False, is_link))
        # Depth first in name order, as os.walk goes (the stack takes the last first).
        pending.extend(prefix + name for name, is_link in reversed(kept) if not is_link)
    found.sort(key=lambda path: path.split(os.sep))  # the order of Path objects, by their parts
    return found


def _listing(root: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]] | None:
    """(folders, other entries) of a folder, each as (name, is a symbolic link); None if unreadable.

    A link to a folder counts as a folder (os.walk's rule), an entry whose type
    cannot be read as a file.
    """
    dirs: list[tuple[str, bool]] = []
    files: list[tuple[str, bool]] = []
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                try:
                    is_link = entry.is_symlink()
                except OSError:
                    is_link = False
                (dirs if is_dir else files).append((entry.name, is_link))
    except OSError:
        return None
    return dirs, files
