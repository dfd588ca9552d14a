"""The failure history of link targets across runs: what lets a passing outage be told
apart from a dead page.

One row per URL: when it first and last failed, in how many consecutive runs, when it
last worked, and what it last answered. A run records what it asked (cached answers
add nothing: they were recorded when they were new); a success clears the failure
columns. The history is a ``history`` table in an SQLite file: the link cache by
default, or the portable file given with ``--link-history`` (``link-check.history``),
kept in rollback-journal mode so that it is always one self-contained file a CI
cache step can save and restore. Every update is one ``BEGIN IMMEDIATE``
transaction that reads and writes the rows together, so concurrent runs add up and
never corrupt it. A file that is not a usable database is set aside (renamed
``FILE.corrupt``) with a warning and a new history started; it is never trusted.

Standard library only. :func:`now` is the time source (tests replace it).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from lint.cachedir import move_aside
from lint.escape import say
from lint.links.db import is_corrupt, when_free

BUSY_TIMEOUT_S = 30.0
SCHEMA = 1
_COLUMNS = (
    "url",
    "first_failure",
    "last_failure",
    "failing_runs",
    "last_success",
    "last_status",
    "last_code",
    "transient",
    "elapsed",
    "updated_at",
)
_CREATE = f"""
CREATE TABLE IF NOT EXISTS history (
    url TEXT PRIMARY KEY, first_failure REAL, last_failure REAL, failing_runs INTEGER NOT NULL,
    last_success REAL, last_status TEXT NOT NULL, last_code TEXT NOT NULL, transient INTEGER NOT NULL,
    elapsed REAL, updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS history_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO history_meta (key, value) VALUES ('schema', '{SCHEMA}');
"""


def now() -> float:
    """The time source of the history (seconds since the epoch); tests set their own."""
    return time.time()


@dataclass(frozen=True, slots=True)
class Record:
    """The history of one URL. ``failing_runs`` counts consecutive failing runs (0: working)."""

    url: str
    first_failure: float | None = None
    last_failure: float | None = None
    failing_runs: int = 0
    last_success: float | None = None
    last_status: str = ""
    last_code: str = ""
    transient: bool = False
    elapsed: float | None = None
    updated_at: float = 0.0

    @property
    def failing(self) -> bool:
        return self.failing_runs > 0


@dataclass(frozen=True, slots=True)
class Observation:
    """What one run found for a URL: ``ok`` or not, the cause in words and for machines."""

    url: str
    ok: bool
    status: str
    code: str
    transient: bool = False
    elapsed: float | None = None


def advance(record: Record | None, seen: Observation, when: float) -> Record:
    """The record after one more run that found ``seen``."""
    if seen.ok:
        return Record(
            seen.url,
            last_success=when,
            last_status=seen.status,
            last_code=seen.code,
            elapsed=seen.elapsed,
            updated_at=when,
        )
    old = record if record is not None and record.failing else Record(seen.url)
    last_success = record.last_success if record is not None else None
    return replace(
        old,
        first_failure=old.first_failure if old.first_failure is not None else when,
        last_failure=when,
        failing_runs=old.failing_runs + 1,
        last_success=last_success,
        last_status=seen.status,
        last_code=seen.code,
        transient=seen.transient,
        elapsed=seen.elapsed if seen.elapsed is not None else old.elapsed,
        updated_at=when,
    )


def describe(record: Record) -> str:
    """``failing since 2026-11-20, 4 runs``: the history in words, for messages."""
    if record.first_failure is None:
        return ""
    day = time.strftime("%Y-%m-%d", time.gmtime(record.first_failure))
    runs = record.failing_runs
    return f"failing since {day}, {runs} run{'s' if runs != 1 else ''}"


class History:
    """An open history file; :meth:`open` never raises for a bad file."""

    def __init__(
        self,
        path: Path,
        db: sqlite3.Connection,
        warn: Callable[[str], None],
        portable: bool = False,
        owned: bool = True,
    ) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = db
        self._warn = warn
        self._portable = portable
        self._owned = owned  # False: the connection is the link cache's, closed by the cache

    @classmethod
    def open(
        cls, path: Path, *, portable: bool, warn: Callable[[str], None] | None = None, create: bool = True
    ) -> History | None:
        """The history in ``path``; ``portable`` keeps the file self-contained (no WAL).

        A portable file that is not a usable database is renamed ``FILE.corrupt`` and
        a new one started; the link cache's own file is left to the cache to rebuild.
        """
        warn = warn or say
        if not create and not path.exists():
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            warn(f"link history folder {path.parent} cannot be created ({exc.strerror or exc}); running without it")
            return None
        for attempt in range(2):
            try:
                return cls(path, _connect(path, portable), warn, portable)
            except sqlite3.DatabaseError as exc:
                if not is_corrupt(exc) or attempt or not portable:
                    warn(f"link history {path} cannot be used ({exc}); running without it")
                    return None
                gone = _set_aside(path)
                if gone is None:
                    warn(f"link history {path} is corrupt ({exc}) and cannot be set aside; running without it")
                    return None
                warn(f"link history {path} is corrupt ({exc}); {gone} and started afresh")
        return None

    @classmethod
    def within_cache(
        cls, db: sqlite3.Connection, path: Path, warn: Callable[[str], None] | None = None
    ) -> History | None:
        """The history table of the link cache at ``path``, through the cache's own open
        connection ``db`` (so a run opens that file once); closing the history leaves
        ``db`` open. A damaged file is left to the cache to rebuild."""
        warn = warn or say
        try:
            _prepare(db, portable=False)
        except sqlite3.DatabaseError as exc:
            if db.in_transaction:
                db.rollback()
            warn(f"link history {path} cannot be used ({exc}); running without it")
            return None
        return cls(path, db, warn, portable=False, owned=False)

    def records(self, urls: Iterable[str] | None = None) -> dict[str, Record]:
        """The records of ``urls`` (all when None)."""
        if self._db is None:
            return {}
        try:
            if urls is None:
                rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM history").fetchall()
            else:
                rows = _select(self._db, urls)
        except sqlite3.DatabaseError as exc:
            self._give_up(exc, "read")
            return {}
        return {row[0]: _record(row) for row in rows}

    def record_run(self, seen: Iterable[Observation], when: float) -> dict[str, Record]:
        """Add one run's observations in one transaction; returns the new records.

        The rows are read inside the write transaction, so two runs at once each add
        their run to what the other wrote instead of overwriting it.
        """
        observations = {o.url: o for o in seen}
        if self._db is None or not observations:
            return {}
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                current = {row[0]: _record(row) for row in _select(db, observations)}
                updated = {url: advance(current.get(url), o, when) for url, o in observations.items()}
                db.executemany(
                    f"INSERT OR REPLACE INTO history ({', '.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})",
                    [_row(r) for r in updated.values()],
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            self._give_up(exc, "written")
            return {}
        return updated

    def prune(self, older_than: float) -> None:
        """Forget working targets not seen since ``older_than`` (failing ones are kept)."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("DELETE FROM history WHERE failing_runs = 0 AND updated_at < ?", (older_than,))
        except sqlite3.DatabaseError as exc:
            self._give_up(exc, "pruned")

    def _give_up(self, exc: sqlite3.DatabaseError, doing: str) -> None:
        self.close()
        if self._portable and is_corrupt(exc):
            where = _set_aside(self.path) or "it cannot be set aside"
            self._warn(f"link history {self.path} is corrupt ({exc}); {where}, this run's history is lost")
        else:
            self._warn(f"link history {self.path} could not be {doing} ({exc}); this run's history is not kept")

    def close(self) -> None:
        if self._db is not None and self._owned:
            self._db.close()
        self._db = None


def _select(db: sqlite3.Connection, urls: Iterable[str]) -> list[tuple[object, ...]]:
    """The rows of ``urls``, asked 500 at a time (under SQLite's limit on parameters)."""
    wanted = list(dict.fromkeys(urls))
    rows: list[tuple[object, ...]] = []
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        rows += db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM history WHERE url IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
    return rows


def _connect(path: Path, portable: bool) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    try:
        _prepare(db, portable)
    except BaseException:
        db.close()
        raise
    return db


def _prepare(db: sqlite3.Connection, portable: bool) -> None:
    """Create the tables if need be and check the file is a history of ours (raises if not)."""
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    if portable:  # switching modes does not wait on the busy timeout
        when_free(lambda: db.execute("PRAGMA journal_mode = DELETE").fetchone(), attempts=40)
    when_free(lambda: db.executescript("BEGIN IMMEDIATE;" + _CREATE + "COMMIT;"), attempts=40)
    row = db.execute("SELECT value FROM history_meta WHERE key = 'schema'").fetchone()
    if row is None or row[0] != str(SCHEMA):
        raise sqlite3.DatabaseError(f"history schema {row[0] if row else 'missing'}, expected {SCHEMA}")
    db.execute("SELECT count(*) FROM history WHERE url = ''").fetchone()
    if portable:  # a file from elsewhere (a CI cache): check every page before trusting it
        check = db.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({check[0] if check else 'no answer'})")


def _set_aside(path: Path) -> str | None:
    """Move a corrupt history out of the way, numbered if need be (the history is the user's,
    so earlier ones are kept); what was done, in words, or None when it can be neither moved
    nor removed."""
    try:
        aside = move_aside(path, keep_earlier=True)
    except OSError:
        return None
    return f"set aside as {aside}" if aside is not None else "removed it"


def _row(record: Record) -> tuple[object, ...]:
    return (
        record.url,
        record.first_failure,
        record.last_failure,
        record.failing_runs,
        record.last_success,
        record.last_status,
        record.last_code,
        int(record.transient),
        record.elapsed,
        record.updated_at,
    )


def _record(row: tuple[object, ...] | sqlite3.Row) -> Record:
    url, first, last, runs, success, status, code, transient, elapsed, updated = tuple(row)
    return Record(
        str(url),
        _float(first),
        _float(last),
        int(runs),
        _float(success),
        str(status),
        str(code),
        bool(transient),
        _float(elapsed),
        float(updated),
    )


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def past_thresholds(record: Record, broken_after_runs: int, broken_after: float, at: float) -> bool:
    """Whether a transient failure has lasted long enough, in runs and in time, to be called broken."""
    if not record.failing or record.first_failure is None:
        return False
    return record.failing_runs >= broken_after_runs and at - record.first_failure >= broken_after
