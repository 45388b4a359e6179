"""Results cache, keyed by file content and everything that affects results.

One SQLite database per cache folder and cache format
(`<cache-dir>/v2/cache.sqlite`): a table of JSON texts by key, with the time
each was last used. JSON, not pickle: a cache committed by a hostile pull
request must not be able to run code in CI.

Two kinds of entries share the table: one per linted text (its findings,
suppression comments and corpus summaries), and one per run (the whole
report, keyed by the files and settings; see runner.RunEntry).

Writes are buffered and committed in one transaction per batch (a worker's
chunk of files, or the end of a run; see Cache.flush): creating a file per
entry cost more than a cold run's whole cache. In a parallel run the parent
writes every batch (the workers hand theirs over with their results; see
take_writes): one writer, while the workers lint, instead of workers taking
turns at the lock and paying for the commits and checkpoints themselves.
Several processes share the database (pre-commit runs hooks in parallel): it
is in WAL mode, so readers never wait for a writer, and a writer waits a few
seconds for another. A write that still fails (locked, read-only, disk full)
only costs speed; a database SQLite finds corrupt, or a folder where it should
be, is removed and rebuilt; an interrupted run loses only its uncommitted
batches.

Each process opens its own connection, when it first uses the cache (SQLite
connections must not cross a fork: a worker forked with its parent's opens
another).

Entries are keyed by content, so old ones would pile up forever: once a day
at most, a run that linted files removes, when it ends (after its own reads),
the entries nobody used for MAX_AGE (see Cache.prune), and the files of other
cache formats not touched for as long. A database just made counts as pruned
(its first day has nothing to remove). A read marks an entry used when its
mark is more than a day old (written with the next batch).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentlint import __version__

if TYPE_CHECKING:  # imported when a cache is first used: a --no-cache run never loads SQLite
    import sqlite3

CACHE_FOLDER = ".contentlint_cache"
# Bump when the layout of cached values or of the database changes.
CACHE_FORMAT = 2
DATABASE = "cache.sqlite"
# Entries not read or written for this long are removed.
MAX_AGE = 30 * 24 * 3600
# A cache is pruned at most this often; an entry read is marked used when its mark is older than this.
PRUNE_EVERY = 24 * 3600
# A temporary file of an older cache format this old was left by a process killed while writing it.
TEMPORARY_AGE = 3600
# Seconds a write waits for another process's transaction before giving up (its entries are then not kept).
BUSY_TIMEOUT = 5.0
# Entries buffered before they are written, whatever the caller's batches (a long serial run).
BATCH = 256
PRUNED_MARKER = ".last-pruned"
_FORMAT_FOLDER = re.compile(r"v\d+")
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL, used INTEGER NOT NULL)"
# SQLite's result codes for a file that is not a database, or a damaged one.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
# Keys looked up per query (SQLite before 3.32 takes at most 999 parameters).
_KEYS_PER_QUERY = 500
# Connections opened by a parent process before a fork: a child keeps them
# referenced, unused, so that it never closes them (closing one there could
# checkpoint or unlock the parent's database).
_INHERITED: list[object] = []


def _marks(count: int) -> str:
    """The placeholders of an IN list of `count` values."""
    return ",".join("?" * count)


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


def _corrupt(error: Exception) -> bool:
    """Whether SQLite found the file damaged or not a database at all (not busy, read-only or full)."""
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    return type(error).__name__ == "DatabaseError"  # what the sqlite3 module raises for both


class Cache:
    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / f"v{CACHE_FORMAT}"
        self.path = self.folder / DATABASE
        self._connection: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._unusable = False  # this process could neither open nor create the database
        self._pending: dict[str, str] = {}  # entries put, not yet written
        self._touched: set[str] = set()  # entries read whose use mark is old
        # Whether the table held no entry when this process (or its parent, before forking it) first
        # looked, and this process has written none since; None: not looked yet. See get_many.
        self._empty: bool | None = None
        self._lock = threading.RLock()  # editors may lint from several threads

    # -- reading and writing ---------------------------------------------------
    def get(self, key: str) -> Any | None:
        """The value stored under key, or None (none, unreadable or not JSON: a miss)."""
        return self.get_many([key]).get(key)

    def get_many(self, keys: Sequence[str]) -> dict[str, Any]:
        """The values stored under keys, by key; a key with none (or unreadable, or not JSON) is left out.

        One query for them all: a batch's lookups, most of them misses in a cold run. In a
        cache that was empty when this process first looked (a cold run: its workers inherit
        what the parent saw), and that it has not written to since, only the entries it put
        are looked at: those other processes write meanwhile are missed, which costs only the
        time to lint their texts again, where a query per batch cost more (each read after
        another process's commit re-reads the pages it changed).
        """
        found: dict[str, Any] = {}
        with self._lock:
            self._own()
            texts = {key: self._pending[key] for key in keys if key in self._pending}
            wanted = [key for key in dict.fromkeys(keys) if key not in texts]
            if wanted and not self._known_empty():
                old = time.time() - PRUNE_EVERY
                for key, text, used in self._select(wanted):
                    texts[key] = text
                    if not isinstance(used, int) or used < old:
                        self._touched.add(key)  # used today: not pruned for another MAX_AGE
        for key, text in texts.items():
            try:
                found[key] = json.loads(text)
            except (TypeError, ValueError):  # corrupt or hand-edited: a miss, replaced by the next put
                continue
        return found

    def put(self, key: str, value: Any, default: Callable[[Any], Any] | None = None) -> None:
        """Store value (written with the next flush; a value JSON cannot hold is not stored).
        `default` is json.dumps's: what to write for an object JSON has no form for."""
        try:
            # ASCII: a text with lone surrogates (undecodable bytes) still makes valid UTF-8 for SQLite.
            text = json.dumps(value, separators=(",", ":"), default=default)
        except (TypeError, ValueError):
            return
        with self._lock:
            self._own()
            self._pending[key] = text
            if len(self._pending) >= BATCH:
                self.flush()

    def take_writes(self) -> tuple[dict[str, str], set[str]]:
        """The entries put (as JSON text) and the use marks due, not written yet, handed over:
        a worker process hands them to its parent, which writes them (add_writes)."""
        with self._lock:
            self._own()
            pending, touched = self._pending, self._touched
            self._pending, self._touched = {}, set()
        return pending, touched

    def add_writes(self, pending: dict[str, str], touched: set[str]) -> None:
        """Entries and use marks taken from another process's Cache (take_writes), written with the next flush."""
        with self._lock:
            self._own()
            self._pending.update(pending)
            self._touched.update(touched)

    def flush(self) -> None:
        """Write the entries put and the use marks of entries read, in one transaction.

        A write that fails (another process holding the lock past the busy
        timeout, a read-only folder, a full disk) drops them: only speed is lost.
        """
        with self._lock:
            self._own()
            if not self._pending and not self._touched:
                return
            pending, touched = self._pending, self._touched
            self._pending, self._touched = {}, set()
            connection = self._connect()
            if connection is None:
                return
            import sqlite3

            now = int(time.time())
            try:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    connection.executemany("INSERT OR REPLACE INTO entries (key, value, used) VALUES (?, ?, ?)",
                                           [(key, text, now) for key, text in pending.items()])
                    connection.executemany("UPDATE entries SET used = ? WHERE key = ?",
                                           [(now, key) for key in touched if key not in pending])
                    connection.execute("COMMIT")
                    if pending:
                        self._empty = False  # it holds this process's entries now
                except BaseException:  # Ctrl-C included: nothing of the batch is kept
                    try:
                        connection.rollback()
                    except sqlite3.Error:
                        pass
                    raise
            except sqlite3.Error as error:
                self._failed(error)

    def _known_empty(self) -> bool:
        """Whether the table is empty for this process's lookups (see get_many); looked at once."""
        if self._empty is None:
            connection = self._connect()
            if connection is None:
                return True  # no database to read: every lookup misses
            import sqlite3

            try:
                self._empty = connection.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is None
            except sqlite3.Error as error:
                self._failed(error)
                return False  # not known: each lookup tries (and misses) as before
        return self._empty

    def _select(self, keys: list[str]) -> list[tuple[Any, Any, Any]]:
        """The rows (key, value, used) of those keys that have one."""
        connection = self._connect()
        if connection is None:
            return []
        import sqlite3

        rows = []
        try:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                part = keys[start:start + _KEYS_PER_QUERY]
                rows += connection.execute(f"SELECT key, value, used FROM entries WHERE key IN ({_marks(len(part))})",
                                           part).fetchall()
        except sqlite3.Error as error:  # corrupt, locked past the timeout, undecodable text: a miss
            self._failed(error)
            return []
        return rows

    # -- the connection --------------------------------------------------------
    def _own(self) -> None:
        """Forget what a parent process left in this object (a forked worker): its
        connection is not this process's, and its buffered entries are its to write."""
        if self._pid != os.getpid():
            if self._connection is not None:
                _INHERITED.append(self._connection)
            self._connection, self._unusable = None, False
            self._pending, self._touched = {}, set()  # (what the parent saw of the table stays true: _empty)
            self._pid = os.getpid()

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None and not self._unusable:
            self._connection = self._open()
            self._unusable = self._connection is None
        return self._connection

    def _open(self) -> sqlite3.Connection | None:
        """Open (creating it if need be) the database; None if it cannot be had.

        A file that is not a database, or a damaged one, or a folder in its
        place, is removed and the database created afresh, once.
        """
        import sqlite3

        for attempt in range(2):
            connection = None
            try:
                os.makedirs(self.folder, exist_ok=True)
                created = not os.path.exists(self.path)
                connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None,
                                             check_same_thread=False)
                # WAL: readers never wait for a writer; it persists in the file, so it is set once.
                if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    connection.execute("PRAGMA journal_mode=WAL")
                # Durable across a crash of the process; only a power cut may lose the last batches.
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute(_SCHEMA)
            except (sqlite3.Error, OSError) as error:
                if connection is not None:
                    connection.close()
                if attempt == 0 and (os.path.isdir(self.path) or
                                     (isinstance(error, sqlite3.Error) and _corrupt(error))):
                    if self._discard():
                        continue
                return None
            self._write_gitignore()
            if created and not os.path.exists(os.path.join(self.root, PRUNED_MARKER)):
                self._mark_pruned(time.time())  # a database made now has nothing to prune for a day
            return connection
        return None

    def _failed(self, error: Exception) -> None:
        """After an error: a corrupt database is removed (the next use creates it afresh)."""
        if not _corrupt(error):
            return
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # noqa: BLE001 - a damaged database may fail to close too
                pass
        self._connection, self._unusable, self._empty = None, False, None
        self._discard()

    def _discard(self) -> bool:
        """Remove the database (whatever is at its path) and its journals; False if it cannot be."""
        try:
            if os.path.isdir(self.path) and not os.path.islink(self.path):
                shutil.rmtree(self.path)
            else:
                os.unlink(self.path)
        except FileNotFoundError:
            pass
        except OSError:
            return False
        for suffix in ("-wal", "-shm", "-journal"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except OSError:
                pass
        return True

    def _write_gitignore(self) -> None:
        gitignore = self.root / ".gitignore"
        if not gitignore.exists():
            try:
                gitignore.write_text("# created by contentlint\n*\n", encoding="utf-8")
            except OSError:
                pass

    # -- pruning ---------------------------------------------------------------
    def maybe_prune(self, now: float | None = None) -> None:
        """Prune if no process did in the last PRUNE_EVERY seconds (writing what is buffered first).

        The marker is touched before pruning, so the processes that look after
        this one leave it alone; two that look at the same moment both prune,
        which is harmless.
        """
        self.flush()
        now = time.time() if now is None else now
        marker = os.path.join(self.root, PRUNED_MARKER)
        try:
            if now - os.stat(marker).st_mtime < PRUNE_EVERY:
                return
        except FileNotFoundError:
            pass
        except OSError:
            return
        if self._mark_pruned(now):
            self.prune(now)

    def _mark_pruned(self, now: float) -> bool:
        """Touch the marker of the last pruning (False if it cannot be written)."""
        marker = os.path.join(self.root, PRUNED_MARKER)
        try:
            with open(marker, "w", encoding="utf-8") as stream:
                stream.write("contentlint prunes this cache when this file is a day old\n")
            os.utime(marker, (now, now))
        except OSError:
            return False
        return True

    def prune(self, now: float | None = None, max_age: float = MAX_AGE) -> int:
        """Remove the entries not used for `max_age` seconds, and the files of
        other cache formats not modified for as long (their temporary files after
        TEMPORARY_AGE); return how many went.

        Safe while other processes use the cache: the deletion is one
        transaction, and an entry removed just as it is used again is only a miss.
        """
        now = time.time() if now is None else now
        removed = 0
        if os.path.isfile(self.path):  # never create a database to prune it
            with self._lock:
                self._own()
                connection = self._connect()
                if connection is not None:
                    import sqlite3

                    try:
                        removed += connection.execute("DELETE FROM entries WHERE used < ?",
                                                      (int(now - max_age),)).rowcount
                    except sqlite3.Error as error:
                        self._failed(error)
        try:
            formats = [entry.path for entry in os.scandir(self.root)
                       if _FORMAT_FOLDER.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)
                       and entry.name != self.folder.name]
        except OSError:
            return removed
        for folder in formats:
            removed += _prune_files(folder, now, max_age)
        return removed


def _prune_files(folder: str, now: float, max_age: float) -> int:
    """Remove the files under an old format's folder not modified for max_age
    (temporary ones for TEMPORARY_AGE). Folders are kept: a process of another
    version may be about to write in one."""
    removed = 0
    for root, _folders, names in os.walk(folder):  # symbolic links to folders are not followed
        for name in names:
            path = os.path.join(root, name)
            try:
                limit = TEMPORARY_AGE if name.startswith(".tmp-") else max_age
                if not os.path.islink(path) and now - os.stat(path).st_mtime > limit:
                    os.unlink(path)
                    removed += 1
            except OSError:  # gone already (another process pruning), or not ours to remove
                continue
    return removed
