"""A cache file whose checksum was verified once: a stamp beside it says so until the file changes.

A cache file that carries a checksum of its whole (the spelling word file, the regex cache) is
read and summed by every run that uses it; most runs meet a file that has not changed since the
last one summed it. When a file passes, :func:`mark` writes its size, modification and change
times (nanoseconds), inode and device to ``NAME.checked``; :func:`trusted` finds them unchanged,
and the caller does not sum it again. Any write to the file sets its change time (which no
program can set back), and a file replaced by a rename (as :func:`lint.atomic.write_atomic` does)
has another inode, so a changed file is summed again. A file that changed within
:data:`RACY_NS` of being summed is not marked: a file system's clock is coarse, and a second write
in the same tick would leave the stamp unchanged (the "racy git" rule). What this does not catch
is a file damaged below the file system (a bad disk), which Python's own ``.pyc`` files, trusted
by size and time alone, do not catch either.
"""

from __future__ import annotations

import os
from pathlib import Path

RACY_NS = 2_000_000_000  # a file changed this recently may change again within the clock's tick


def _identity(stat: os.stat_result) -> str:
    """What changes whenever a file is written or replaced (its times, which a write sets; its inode)."""
    return f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} {stat.st_ino} {stat.st_dev}"


def stamp_path(path: Path) -> str:
    """Where the stamp of ``path`` is kept (remove it with the file)."""
    return f"{path}.checked"


def trusted(path: Path, stat: os.stat_result) -> bool:
    """Whether ``path``, as ``stat`` finds it, passed its checksum before (and is unchanged since)."""
    try:
        with open(stamp_path(path), encoding="ascii") as handle:
            return handle.read() == _identity(stat)
    except (OSError, ValueError):
        return False


def mark(path: Path, stat: os.stat_result) -> None:
    """Note that ``path`` passed its checksum, unless it changed too recently to tell a later change."""
    import time

    if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) < RACY_NS:
        return
    from lint.atomic import write_atomic

    try:
        write_atomic(Path(stamp_path(path)), _identity(stat).encode("ascii"), prefix=path.stem, mode=0o644)
    except OSError:
        pass  # checked again next time
