"""Content hashes of files unchanged since they were hashed, known from their stat alone.

A warm re-run needs every file's content hash (the result cache and the replayed report,
:mod:`lint.replay`, are keyed by it), and reading and hashing 40 MB costs more than the
rest of such a run. Like git's index, this keeps for each file the stat it had when its
bytes were hashed (size, modification and change times in ns, inode, device) with the
hash; a file whose stat is the same now is taken to hold the same bytes, any other is read
and hashed again. The hash stays the key of everything cached: this only saves reading.

Racy entries (git's term): a file changed twice within one tick of the file system's
clock (2 s on FAT, a jiffy on ext4) keeps its size and times. So an entry is kept only
for a file whose change time (ctime, which no program can set back; ``touch -d`` and
``cp -p`` set it to now) and modification time were at least :data:`SETTLED_NS` before
it was read, and whose stat was the same before and after the read: any later change gives
it a later ctime. A file changed more recently is hashed on every run until it has settled.
The margin also covers a file system's clock running behind this machine's (a network
share) by less than it.

The index is one marshal file in the result cache's folder (loading it can never run
code), with a checksum: written whole (a temporary file, then a rename), and if it is
damaged or of another layout it is treated as empty. It holds facts that stay true
("a file with this stat holds bytes with this hash"), so runs that write it at once only
lose each other's additions.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import time
from pathlib import Path

from lint.cachekeys import digest
from lint.files import read_regular

SETTLED_NS = 5_000_000_000  # a file changed less than this before it was read is hashed again next time
_LAYOUT = 1
_KEPT_AT_LEAST = 10_000  # entries of files not in the run kept, besides those of the run (4x the run's)

# abspath -> (size, mtime_ns, ctime_ns, inode, device, bytes read at most, content hash)
Entry = tuple[int, int, int, int, int, int, str]


def _stamp(info: os.stat_result, limit: int) -> tuple[int, int, int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev, limit)


class StatIndex:
    """The index kept in one file (see the module docs); :meth:`save` writes what this run learnt."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._old: dict[str, Entry] = {}
        self._new: dict[str, Entry] = {}
        self._changed = False
        self._cwd = os.getcwd()
        try:
            with open(path, "rb") as handle:
                blob = handle.read()
            if blob[:16] == hashlib.blake2b(blob[16:], digest_size=16).digest():
                loaded = marshal.loads(blob[16:])
                if isinstance(loaded, tuple) and loaded[:1] == (_LAYOUT,) and isinstance(loaded[1], dict):
                    self._old = loaded[1]
        except (OSError, EOFError, ValueError, TypeError, IndexError):
            pass  # missing or damaged: every file is hashed, and the index written again

    def digest(self, path: str, limit: int) -> str | None:
        """The content hash of the first ``limit`` bytes of ``path``; None when it cannot be read
        (or is not a regular file)."""
        key = os.path.normpath(os.path.join(self._cwd, path))  # abspath without a getcwd() per file
        try:
            now = os.stat(path)
        except OSError:
            return None
        known = self._new.get(key) or self._old.get(key)
        if known is not None and known[:6] == _stamp(now, limit) and stat.S_ISREG(now.st_mode):
            self._new[key] = known
            return known[6]
        started = time.time_ns()
        seen: list[os.stat_result] = []
        try:
            data = read_regular(path, limit, seen)  # (NotRegular is an OSError)
        except OSError:
            return None
        before, after = seen
        return self._learn(key, data, before, after, started, limit)

    def read(self, path: str, limit: int) -> tuple[bytes, str]:
        """The first ``limit`` bytes of ``path`` and their content hash: the one the index holds when
        the file's stat was the same before and after this read as when it was hashed (a file read
        whole anyway, its text being decoded, need not be hashed again), else worked out and kept
        as :meth:`digest` keeps it. Raises as :func:`lint.files.read_regular` (OSError, NotRegular)."""
        key = os.path.normpath(os.path.join(self._cwd, path))
        started = time.time_ns()
        seen: list[os.stat_result] = []
        data = read_regular(path, limit, seen)
        before, after = seen
        known = self._new.get(key) or self._old.get(key)
        if known is not None and known[:6] == _stamp(before, limit) == _stamp(after, limit):
            self._new[key] = known
            return data, known[6]
        return data, self._learn(key, data, before, after, started, limit)

    def _learn(
        self, key: str, data: bytes, before: os.stat_result, after: os.stat_result, started: int, limit: int
    ) -> str:
        """The hash of ``data`` (read at ``started``, with these stats), kept if the file had settled."""
        content = digest(data)
        stamp = _stamp(before, limit)
        settled = max(before.st_mtime_ns, before.st_ctime_ns) <= started - SETTLED_NS
        if settled and stamp == _stamp(after, limit):
            self._new[key] = (*stamp, content)
            self._changed = True
        else:
            self._new.pop(key, None)
            self._changed |= self._old.pop(key, None) is not None
        return content

    def save(self) -> None:
        """Write the index if this run added to it (a cache that cannot be written only costs speed)."""
        if not self._changed:
            return
        keep = max(_KEPT_AT_LEAST, 4 * len(self._new))
        others = [(key, entry) for key, entry in self._old.items() if key not in self._new]
        entries = dict(others[max(0, len(others) + len(self._new) - keep) :])
        entries.update(self._new)  # this run's last: the oldest go first
        body = marshal.dumps((_LAYOUT, entries))
        from lint.atomic import write_atomic

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, hashlib.blake2b(body, digest_size=16).digest() + body)
        except OSError:
            pass
        self._changed = False
