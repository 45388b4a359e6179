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

Entries are keyed by content, so old ones would pile up forever: once a day
at most, a run that linted files removes, when it ends (after its own reads),
the entries nobody used for MAX_AGE (see Cache.prune). An entry's
modification time is its last use: a read refreshes it when it is more than a
day old.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from _thread import get_ident
from pathlib import Path
from typing import Any

from contentlint import __version__

CACHE_FOLDER = ".contentlint_cache"
# Bump when the layout of cached values changes.
CACHE_FORMAT = 1
# Entries not read or written for this long are removed.
MAX_AGE = 30 * 24 * 3600
# A cache is pruned at most this often; an entry read is marked used when its mark is older than this.
PRUNE_EVERY = 24 * 3600
# A temporary file this old was left by a process that was killed while writing it.
TEMPORARY_AGE = 3600
PRUNED_MARKER = ".last-pruned"
_FORMAT_FOLDER = re.compile(r"v\d+")


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
        path = self._path(key)
        try:
            with open(path, encoding="utf-8") as stream:
                value = json.load(stream)
                used = os.fstat(stream.fileno()).st_mtime
        except FileNotFoundError:
            return None
        except (OSError, ValueError):  # corrupt, truncated, unreadable: a miss
            return None
        if used < time.time() - PRUNE_EVERY:
            try:
                os.utime(path)  # used today: not pruned for another MAX_AGE
            except OSError:
                pass
        return value

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

    def maybe_prune(self, now: float | None = None) -> None:
        """Prune if no process did in the last PRUNE_EVERY seconds.

        The marker is touched before pruning, so the processes that look after
        this one leave it alone; two that look at the same moment both prune,
        which is harmless (removing a removed file is not an error here).
        """
        now = time.time() if now is None else now
        marker = os.path.join(self.root, PRUNED_MARKER)
        try:
            if now - os.stat(marker).st_mtime < PRUNE_EVERY:
                return
        except FileNotFoundError:
            pass
        except OSError:
            return
        try:
            with open(marker, "w", encoding="utf-8") as stream:
                stream.write("contentlint prunes this cache when this file is a day old\n")
            os.utime(marker, (now, now))
        except OSError:
            return
        self.prune(now)

    def prune(self, now: float | None = None, max_age: float = MAX_AGE) -> int:
        """Remove the entries (of any cache format) not used for `max_age` seconds,
        and temporary files left by killed processes; return how many went.

        Safe while other processes use the cache: a reader that opened an entry
        still reads it whole, and an entry removed just as it is used again is
        only a miss. Folders are kept: another process may be about to write in one.
        """
        now = time.time() if now is None else now
        removed = 0
        try:
            formats = [entry.path for entry in os.scandir(self.root)
                       if _FORMAT_FOLDER.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)]
        except OSError:
            return 0
        for folder in formats:
            try:
                buckets = [entry.path for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
            except OSError:
                continue
            for bucket in buckets:
                try:
                    entries = list(os.scandir(bucket))
                except OSError:
                    continue
                for entry in entries:
                    try:
                        if not entry.is_file(follow_symlinks=False):
                            continue
                        limit = TEMPORARY_AGE if entry.name.startswith(".tmp-") else max_age
                        if now - entry.stat(follow_symlinks=False).st_mtime > limit:
                            os.unlink(entry.path)
                            removed += 1
                    except OSError:  # gone already (another process pruning), or not ours to remove
                        continue
        return removed
