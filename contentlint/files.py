"""Which files a run lints: folders are walked recursively, honouring
``include``, ``exclude``/``extend-exclude`` and .gitignore files."""

from __future__ import annotations

import fnmatch
import os
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
    if all(pattern and not _GLOB_CHARACTERS & set(pattern) for pattern in patterns):
        # Plain names (the default excludes) match any component of the path;
        # no need to load pathspec for them.
        return not set(relative.split("/")).isdisjoint(patterns)
    return _spec(tuple(patterns)).match_file(relative + ("/" if is_dir else ""))


def relative_to(path: Path, root: Path) -> str | None:
    """`path` relative to `root`, as written (a symlink keeps its name), else with links resolved."""
    for candidate, base in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))), (path.resolve(), root.resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return None


@dataclass
class GitIgnores:
    """The .gitignore files met while walking, applied like git does (nearest last)."""

    cache: dict[Path, list[str] | None] = field(default_factory=dict)

    def patterns(self, folder: Path) -> list[str] | None:
        if folder not in self.cache:
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
                self.cache[folder] = lines
            except OSError:
                self.cache[folder] = None
        return self.cache[folder]

    roots: dict[Path, bool] = field(default_factory=dict)  # folder -> holds a .git

    def is_repository_root(self, folder: Path) -> bool:
        if folder not in self.roots:
            self.roots[folder] = (folder / ".git").exists()
        return self.roots[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        path = Path(os.path.abspath(path))  # as git sees it: a symlink by its own name
        for folder in path.parents:
            patterns = self.patterns(folder)
            if patterns and matches_any(path.relative_to(folder).as_posix(), patterns, is_dir):
                return True
            if self.is_repository_root(folder):
                break
        return False


def wanted_file(name: str, include: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in include)


def walk(folder: Path, excluded: Any, include: Any, gitignores: GitIgnores | None) -> list[Path]:
    """Files below `folder`, sorted; `excluded(path, is_dir)` and `include(path)` decide."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        root_path = Path(root)
        kept = []
        for name in sorted(dirs):
            path = root_path / name
            if excluded(path, True) or (gitignores and gitignores.ignored(path, True)):
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = root_path / name
            if not include(path) or excluded(path, False) or (gitignores and gitignores.ignored(path, False)):
                continue
            found.append(path)
    return sorted(found)
