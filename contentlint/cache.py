"""Results cache, keyed by file content and everything that affects results.

One small JSON file per (settings, content) pair, written to a temporary name
and renamed into place, so several processes (pre-commit runs hooks in
parallel) can share the folder: the worst case is two processes writing the
same entry. A corrupt or unreadable entry is treated as a miss and rewritten.
JSON, not pickle: a cache folder committed by a hostile pull request must not
be able to run code in CI.

Two kinds of entries share the folder: one per linted text (its findings,
suppression comments and corpus summaries), and one per run (the whole
report, keyed by the files and settings; see runner.RunEntry).
"""

from __future__ import annotations

import hashlib
import json
import os
from _thread import get_ident
from pathlib import Path
from typing import Any

from contentlint import __version__

CACHE_FOLDER = ".contentlint_cache"
# Bump when the layout of cached values changes.
CACHE_FORMAT = 1


def default_cache_dir(root: Path) -> Path:
    env = os.environ.get("CONTENTLINT_CACHE_DIR")
    return Path(env) if env else root / CACHE_FOLDER


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def settings_key(*parts: Any) -> str:
    """A digest of the tool version and whatever settings the caller passes."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\x00{CACHE_FORMAT}".encode())
    for part in parts:
        digest.update(b"\x00")
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Cache:
    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / f"v{CACHE_FORMAT}"
        self._made = False
        self._folders: set[str] = set()  # folders known to exist

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Any | None:
        try:
            with open(self._path(key), encoding="utf-8") as stream:
                return json.load(stream)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):  # corrupt, truncated, unreadable: a miss
            return None

    def put(self, key: str, value: Any) -> None:
        folder = os.path.join(self.folder, key[:2])
        # A temporary name of this process and thread only, renamed into place when complete.
        temporary = os.path.join(folder, f".tmp-{os.getpid()}-{get_ident()}-{key}")
        try:
            data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            try:
                handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                try:
                    view = memoryview(data)
                    while view:
                        view = view[os.write(handle, view):]
                finally:
                    os.close(handle)
                os.replace(temporary, os.path.join(folder, key))
            except BaseException:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
                raise
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written (or a value JSON cannot hold) only costs speed
        if not self._made:
            self._made = True
            gitignore = self.root / ".gitignore"
            if not gitignore.exists():
                try:
                    gitignore.write_text("# created by contentlint\n*\n", encoding="utf-8")
                except OSError:
                    pass
