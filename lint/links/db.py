"""What the link cache and the link history share about their SQLite files: telling a
busy file from a damaged one, and waiting briefly while another run holds it.

A damaged file is set aside with :func:`lint.cachedir.move_aside`. Standard library only.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# words of SQLite's messages for a file that is not (or no longer) a usable database of ours
_DAMAGED = ("malformed", "not a database", "corrupt", "no such table", "no such column")


def is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    """A damaged or foreign file, as opposed to a busy or unwritable one."""
    if not isinstance(exc, sqlite3.OperationalError):
        return True
    text = str(exc).lower()
    return any(word in text for word in _DAMAGED)


def is_busy(exc: sqlite3.DatabaseError) -> bool:
    """Another connection holds the lock."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def when_free(action: Callable[[], T], attempts: int, pause: float = 0.05) -> T:
    """``action()``, tried again while another process holds the file.

    Some steps do not wait on SQLite's busy timeout (switching the journal mode, for
    one): two runs that create a file at the same moment (pre-commit starts hooks in
    parallel) get "database is locked" at once. A short, bounded wait lets the other
    run finish.
    """
    for attempt in range(attempts):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or attempt == attempts - 1:
                raise
            time.sleep(pause)
    raise AssertionError("unreachable")
