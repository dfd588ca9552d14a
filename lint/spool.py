"""Where a run keeps each document's result until it needs it: in memory, or spooled to a file.

A large run checks thousands of documents, and each gives findings, an outline and one
summary per corpus rule. Held all at once, these were most of a 2,000-file run's peak
memory (issue 11 (g)). :class:`Spool` writes each part to a temporary file as it is made
(by whichever process made it: each process appends to a file of its own) and gives a
small handle instead, so the calling process reads back only what a stage needs, when it
needs it: one corpus rule's summaries at a time, then the outlines and findings for the
report. :class:`Memory` keeps the values themselves, for runs too small for that to pay
(a one-file run must not pay for a temporary folder). Both give the same values back.
"""

from __future__ import annotations

import os
from typing import Any

# a spooled value: (file name in the spool's folder, offset, length); in memory: (value,)
Handle = tuple[Any, ...]


class Memory:
    """Values kept as they are: :meth:`put` gives a handle that holds the value."""

    def put(self, value: Any) -> Handle:
        return (value,)

    def get(self, handle: Handle) -> Any:
        return handle[0]

    def close(self) -> None:
        pass


class Spool:
    """Values pickled to files in a temporary folder, one file per process writing; read back by handle.

    Made in the calling process before any worker starts (workers inherit it): a worker
    appends to a file named after its own process id, flushed before the handle is given,
    so the calling process can read the value as soon as it has the handle."""

    def __init__(self) -> None:
        import tempfile

        self.folder = tempfile.mkdtemp(prefix="response-lint-spool-")
        self._out: Any = None
        self._pid = 0
        self._readers: dict[str, Any] = {}

    def put(self, value: Any) -> Handle:
        import pickle

        if self._out is None or self._pid != os.getpid():  # the first value of this process
            self._pid = os.getpid()
            self._out = open(os.path.join(self.folder, str(self._pid)), "ab")  # noqa: SIM115 - kept for the run
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        at = self._out.tell()
        self._out.write(blob)
        self._out.flush()
        return (str(self._pid), at, len(blob))

    def get(self, handle: Handle) -> Any:
        import pickle

        name, at, size = handle
        reader = self._readers.get(name)
        if reader is None:
            reader = self._readers[name] = open(os.path.join(self.folder, name), "rb")  # noqa: SIM115
        reader.seek(at)
        return pickle.loads(reader.read(size))

    def close(self) -> None:
        import shutil

        for reader in self._readers.values():
            reader.close()
        self._readers.clear()
        if self._out is not None and self._pid == os.getpid():
            self._out.close()
        self._out = None
        shutil.rmtree(self.folder, ignore_errors=True)


Keep = Memory | Spool

_TRIM: Any = None  # glibc's malloc_trim, once looked up (False: not there)


def give_back() -> None:
    """Hand the memory freed so far back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    A corpus rule's summaries are many blocks of a few kilobytes (arrays, bytes): let go, they
    leave holes in the heap that stay resident, and the next stage's memory (the next rule's
    summaries, the outlines) would be counted on top of them. Called between the stages of a
    spooled run, and after checking a large document (:data:`lint.checking.GIVE_BACK_AFTER`):
    a small run never loads ctypes."""
    global _TRIM
    if _TRIM is None:
        try:
            import ctypes

            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


def for_run(files: int) -> Keep:
    """A :class:`Spool` for a run of many files, else :class:`Memory`."""
    return Spool() if files >= SPOOL_FROM else Memory()


SPOOL_FROM = 64  # files in a run from which its results are spooled
