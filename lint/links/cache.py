"""The link cache: what servers answered, in SQLite, keyed by URL, reused within a TTL.

Only facts are stored (:class:`~lint.links.results.Probe`: status, error, redirects,
anchors), never a verdict, so changing ``accept`` or ``exclude`` takes effect at
once. Successes and permanent failures are stored; transient failures are not.
Several runs may share the file at once (pre-commit runs hooks in parallel): the
database is in WAL mode with a busy timeout and every write is one short
transaction. A file that is not a usable database is set aside (``FILE.corrupt``)
and rebuilt, with a warning; a cache that cannot be opened at all is skipped, with
a warning.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from lint.cachedir import move_aside
from lint.escape import say
from lint.links.db import is_corrupt, when_free
from lint.links.results import Probe

SCHEMA_VERSION = 1
FILE_NAME = "links.sqlite3"
BUSY_TIMEOUT_MS = 30_000

_COLUMNS = ("url", "checked_at", "status", "reason", "error", "detail", "final_url", "moved_to", "hops", "anchors")
_CREATE = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS probes (
    url TEXT PRIMARY KEY, checked_at REAL NOT NULL, status INTEGER, reason TEXT NOT NULL,
    error TEXT, detail TEXT NOT NULL, final_url TEXT, moved_to TEXT, hops INTEGER NOT NULL,
    anchors TEXT
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '{SCHEMA_VERSION}');
"""


def default_path() -> Path | None:
    """``links.sqlite3`` in the user cache folder (None when caching is turned off)."""
    from lint.cachedir import cache_dir

    folder = cache_dir()
    return folder / FILE_NAME if folder is not None else None


class Cache:
    """An open link cache; use :meth:`open` to get one (it never raises for a bad file)."""

    def __init__(self, path: Path, connection: sqlite3.Connection, ttl: float, warn: Callable[[str], None]) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = connection
        self.ttl = ttl
        self._warn = warn

    @classmethod
    def open(cls, path: Path | None, ttl: float, warn: Callable[[str], None] | None = None) -> Cache | None:
        """The cache at ``path`` (default: the user cache folder), or None if it cannot be used."""
        warn = warn or say
        path = path or default_path()
        if path is None:
            return None  # RESPONSE_LINT_CACHE_DIR is empty: caching is off
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            warn(f"link cache folder {path.parent} cannot be created ({exc.strerror or exc}); running without cache")
            return None
        try:
            return cls(path, _connect_when_free(path), ttl, warn)
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):
                warn(f"link cache {path} cannot be opened ({exc}); running without cache")
                return None
            db = _rebuilt(path, exc, warn)
        return cls(path, db, ttl, warn) if db is not None else None

    @property
    def connection(self) -> sqlite3.Connection | None:
        """The open connection to the file (None once given up), for the history kept in it."""
        return self._db

    def _failed(self, exc: sqlite3.DatabaseError, doing: str) -> None:
        """Rebuild a cache found corrupt while in use; give up on it for other errors."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if is_corrupt(exc):
            self._db = _rebuilt(self.path, exc, self._warn)
        else:
            self._warn(f"link cache {self.path} could not be {doing} ({exc}); running without cache")

    def get_many(self, urls: Iterable[str], now: float | None = None) -> dict[str, Probe]:
        """Fresh cached probes for ``urls`` (entries older than the TTL are ignored)."""
        now = time.time() if now is None else now
        oldest = now - self.ttl
        found: dict[str, Probe] = {}
        bad: list[Any] = []
        pending = list(dict.fromkeys(urls))
        if self._db is None:
            return found
        try:
            for i in range(0, len(pending), 500):
                chunk = pending[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT {', '.join(_COLUMNS)} FROM probes WHERE checked_at >= ? AND url IN ({marks})",
                    (oldest, *chunk),
                ).fetchall()
                for row in rows:
                    probe = _from_row(row)
                    if probe is None:
                        bad.append(row[0])
                    else:
                        found[probe.url] = probe
            if bad:  # rows no run of ours wrote: dropped, and their links asked again
                with self._db:
                    self._db.executemany("DELETE FROM probes WHERE url = ?", [(url,) for url in bad])
                self._warn(f"link cache {self.path}: {len(bad)} unreadable row(s) removed; those links are asked again")
        except sqlite3.DatabaseError as exc:
            self._failed(exc, "read")
            return {}
        return found

    def put_many(self, probes: Iterable[Probe]) -> int:
        """Store the cacheable ``probes`` in one short transaction; returns how many."""
        rows = [_to_row(p) for p in probes if p.cacheable and not p.from_cache]
        if not rows or self._db is None:
            return 0
        marks = ",".join("?" * len(_COLUMNS))
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO probes ({', '.join(_COLUMNS)}) VALUES ({marks})", rows)
        except sqlite3.DatabaseError as exc:
            self._failed(exc, "written")
            return 0
        return len(rows)

    def prune(self, now: float | None = None) -> None:
        """Forget entries older than a week past the TTL (keeps the file small)."""
        now = time.time() if now is None else now
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("DELETE FROM probes WHERE checked_at < ?", (now - self.ttl - 7 * 86400,))
        except sqlite3.DatabaseError as exc:
            self._failed(exc, "pruned")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level="DEFERRED", check_same_thread=False)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None:
            raise sqlite3.DatabaseError("cannot set the journal mode")
        db.execute("PRAGMA synchronous = NORMAL")
        db.executescript("BEGIN IMMEDIATE;" + _CREATE + "COMMIT;")
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None or row[0] != str(SCHEMA_VERSION):
            with db:
                db.execute("DELETE FROM probes")
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        db.execute("SELECT count(*) FROM probes WHERE url = ''").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def _rebuilt(path: Path, exc: sqlite3.DatabaseError, warn: Callable[[str], None]) -> sqlite3.Connection | None:
    """A new, empty cache in place of the corrupt one at ``path`` (set aside first), or None; warns once."""
    try:
        aside = move_aside(path)
        db = _connect(path)
    except (sqlite3.DatabaseError, OSError) as again:
        warn(f"link cache {path} is corrupt ({exc}) and cannot be rebuilt ({again}); running without cache")
        return None
    where = f"set aside as {aside.name} and " if aside is not None else ""
    warn(f"link cache {path} is corrupt ({exc}); {where}rebuilt it empty")
    return db


def _connect_when_free(path: Path) -> sqlite3.Connection:
    """:func:`_connect`, tried again for a second at most while another run creates the file."""
    return when_free(lambda: _connect(path), attempts=20)


def _to_row(probe: Probe) -> tuple[object, ...]:
    anchors = json.dumps(sorted(probe.anchors), ensure_ascii=False) if probe.anchors is not None else None
    return (
        probe.url,
        probe.checked_at or time.time(),
        probe.status,
        probe.reason,
        probe.error,
        probe.detail,
        probe.final_url,
        probe.moved_to,
        probe.hops,
        anchors,
    )


def _from_row(row: Sequence[Any]) -> Probe | None:
    """The probe a row holds, or None for a row of the wrong shape (a damaged or foreign cache)."""
    try:
        url, checked_at, status, reason, error, detail, final_url, moved_to, hops, anchors = row
        texts = (reason, error, detail, final_url, moved_to)
        if (
            not isinstance(url, str)
            or not isinstance(checked_at, int | float)
            or not (status is None or (isinstance(status, int) and 100 <= status <= 999))
            or not all(t is None or isinstance(t, str) for t in texts)
            or not isinstance(hops, int)
        ):
            return None
        if anchors is not None:
            names = json.loads(anchors)
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                return None
    except (ValueError, TypeError):
        return None
    return Probe(
        url=url,
        status=status,
        reason=reason,
        error=error,
        detail=detail,
        final_url=final_url,
        moved_to=moved_to,
        hops=hops,
        anchors=frozenset(json.loads(anchors)) if anchors is not None else None,
        checked_at=checked_at,
        from_cache=True,
    )
