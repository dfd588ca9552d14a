"""A corpus rule's state as the result cache keeps it, its :class:`~lint.checks.api.Mapped` parts in files of their own.

entry-copy's state holds an index of every shingle's holders (about 12 MB on 2,000 files)
that a run after an edit looks a few thousand shingles up in. Pickled with the state, it
was read whole and written again on every run, and held in memory beside the run's
summaries. Here a :class:`Mapped` part is written once, to a file named by a digest of its
bytes beside the state (``NAME.m``); the state's pickle holds only that name and its size.
Reading the state opens the file (:class:`Part`): only the slices a look-up asks for are read.

A part whose file is missing, of another size, cannot be opened or whose bytes are not the
digest its name says comes back with no data (``Mapped(None)``): the rule makes it again. The
digest is worked out once for a file (``NAME.m.checked``, :mod:`lint.checkedfile`, says it
passed until the file changes), so a later run reads only the slices it asks for. The file
is never written in place (a new one is written whole and renamed,
:func:`lint.atomic.write_atomic`), and a :class:`Part` keeps the file it opened, so a run
that reads a part never sees another run's writing. The parts no longer named by the state
written last are removed (:func:`prune`), with their stamps.
"""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path
from typing import Any

from lint.cachekeys import digest
from lint.checks.api import Mapped

SUFFIX = ".m"


def dumps(value: Any, folder: str) -> tuple[bytes, set[str]]:
    """``value`` pickled, each :class:`Mapped` part in it written to ``folder`` if its file is not
    there; and the names of the parts it holds."""
    from lint.atomic import write_atomic

    names: set[str] = set()

    def persistent_id(obj: Any) -> Any:
        if type(obj) is not Mapped or obj.data is None:
            return None
        data = obj.data
        if obj.name is None:  # (made whole here if it is not yet bytes: see Mapped)
            data = bytes(data)
            obj.name = digest(data)
        file = os.path.join(folder, obj.name + SUFFIX)
        if not os.path.exists(file) or os.path.getsize(file) != len(data):
            os.makedirs(folder, exist_ok=True)
            write_atomic(file, bytes(data))
        names.add(obj.name)
        return ("mapped", obj.name, len(data))

    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = persistent_id  # type: ignore[method-assign]
    pickler.dump(value)
    return out.getvalue(), names


def loads(blob: bytes, folder: str) -> Any:
    """What :func:`dumps` wrote, each :class:`Mapped` part a :class:`Part` of its file (no data if it cannot be)."""

    def persistent_load(pid: Any) -> Any:
        if not (isinstance(pid, tuple) and len(pid) == 3 and pid[0] == "mapped" and isinstance(pid[1], str)):
            raise pickle.UnpicklingError("not a mapped part")
        _, name, size = pid
        file = os.path.join(folder, name + SUFFIX)
        try:
            part = Part(file)
        except OSError:
            return Mapped(None, name)
        if len(part) != size or size == 0:
            return Mapped(None, name)  # (written again by the next state that holds it)
        if not part.holds(name):
            _remove(file)  # damaged: written again by the next state that holds it
            return Mapped(None, name)
        return Mapped(part, name)

    unpickler = pickle.Unpickler(io.BytesIO(blob))
    unpickler.persistent_load = persistent_load  # type: ignore[method-assign]
    return unpickler.load()


class Part:
    """A kept part's file, read a slice at a time (``part[start:end]``: its bytes, read with one
    ``pread``): a reader that looks a few thousand things up in it reads kilobytes, where a
    mapping of it was made resident almost whole (the kernel maps the pages around each one
    read). The file is opened once: one written in its place later is not seen."""

    __slots__ = ("_fd", "_file", "_size")

    def __init__(self, file: str) -> None:
        self._file = file
        self._fd = os.open(file, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self._size = os.fstat(self._fd).st_size

    def holds(self, name: str) -> bool:
        """Whether the file's bytes are those its ``name`` is the digest of (summed once: see the module docs)."""
        from lint import checkedfile

        stat = os.fstat(self._fd)
        if checkedfile.trusted(Path(self._file), stat):
            return True
        try:
            if digest(self[:]) != name:
                return False
        except (OSError, ValueError):
            return False
        checkedfile.mark(Path(self._file), stat)
        return True

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, cut: slice) -> bytes:
        start, stop, step = cut.indices(self._size)
        if step != 1:
            raise ValueError("a part is read in slices of one step")
        data = os.pread(self._fd, max(0, stop - start), start)
        if len(data) != max(0, stop - start):
            raise ValueError("a part cut short since it was opened")
        return data

    def __bytes__(self) -> bytes:
        return self[:]

    def __del__(self) -> None:
        try:
            os.close(self._fd)
        except (OSError, AttributeError):
            pass


def prune(folder: str, names: set[str]) -> None:
    """Remove the parts in ``folder`` other than ``names`` (and their stamps)."""
    try:
        found = os.listdir(folder)
    except OSError:
        return
    from lint.checkedfile import stamp_path

    stamp = stamp_path(Path(SUFFIX))  # a part's stamp: NAME.m.checked
    for file in found:
        name = file[: -len(SUFFIX)] if file.endswith(SUFFIX) else file[: -len(stamp)] if file.endswith(stamp) else None
        if name is not None and name not in names:
            _remove(os.path.join(folder, file))


def _remove(file: str) -> None:
    try:
        os.unlink(file)
    except OSError:
        pass
