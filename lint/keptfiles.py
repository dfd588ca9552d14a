"""A corpus rule's state as the result cache keeps it, its :class:`~lint.checks.api.Mapped` parts in files of their own.

entry-copy's state holds an index of every shingle's holders (about 12 MB on 2,000 files)
that a run after an edit looks a few thousand shingles up in. Pickled with the state, it
was read whole and written again on every run, and held in memory beside the run's
summaries. Here a :class:`Mapped` part is written once, to a file named by a digest of its
bytes beside the state (``NAME.m``); the state's pickle holds only that name, its size and a
CRC-32 of each block of :data:`BLOCK` bytes of it (under the state file's own CRC). Reading
the state opens the file (:class:`Part`): only the slices a look-up asks for are read, and
the blocks they lie in are checked against their CRCs as they are read. A warm run after one
word changed of 2,000 files reads 1,260 slices (6.5 MB) of its 13.7 MB of parts: 4.6 ms of CPU
checked, 0.8 ms unchecked. Summing every part whole each run would cost ~10 ms; trusting a part
summed once while its file's stat is unchanged (as before) costs nothing, but believes a byte
changed below the file system.

A part whose file is missing, of another size or cannot be opened comes back with no data
(``Mapped(None)``): the rule makes it again. A block whose CRC does not hold raises
:class:`DamagedPart` when it is read, and the file is removed: the rule is then worked out
without its state (:func:`lint.gathered.again`), and the next state writes the part again. The
file is never written in place (a new one is written whole and renamed,
:func:`lint.atomic.write_atomic`), and a :class:`Part` keeps the file it opened, so a run that
reads a part never sees another run's writing. The parts no longer named by the state written
last are removed (:func:`prune`).
"""

from __future__ import annotations

import copyreg
import functools
import io
import os
import pickle
import zlib
from array import array
from typing import Any

from lint.cachekeys import digest
from lint.checks.api import Mapped

SUFFIX = ".m"
BLOCK = 4096  # bytes of a part under one CRC-32: a look-up of a few hundred bytes checks one or two


class DamagedPart(ValueError):
    """A block of a kept part whose CRC-32 does not hold: the rule works its findings out without its state."""


def _crcs(data: Any) -> bytes:
    """The CRC-32 of each :data:`BLOCK` of ``data`` (bytes-like), as the bytes of an ``array("I")``."""
    view = memoryview(data)
    return array("I", [zlib.crc32(view[at : at + BLOCK]) for at in range(0, len(view), BLOCK)]).tobytes()


def dumps(value: Any, folder: str) -> tuple[bytes, set[str]]:
    """``value`` pickled, each :class:`Mapped` part in it written to ``folder`` if its file is not
    there; and the names of the parts it holds. (A part is pickled through the pickler's dispatch table,
    looked up in C for each object: a ``persistent_id`` was a Python call for each of entry-copy's
    86,000 objects, 40% of pickling its state after each edit.)"""
    from lint.atomic import write_atomic

    names: set[str] = set()

    def reduced(obj: Mapped) -> tuple[Any, ...]:
        data = obj.data
        if data is None:
            return obj.__reduce__()
        if obj.name is None or not isinstance(data, (bytes, Part)):  # (made whole here: see Mapped)
            data = bytes(data)
            obj.name = obj.name or digest(data)
        file = os.path.join(folder, obj.name + SUFFIX)
        if not os.path.exists(file) or os.path.getsize(file) != len(data):
            os.makedirs(folder, exist_ok=True)
            try:
                write_atomic(file, bytes(data))
            except DamagedPart:
                pass  # (a part read from its file, damaged: named without a file, made again next run)
        names.add(obj.name)
        return (_part, (obj.name, len(data), data.crcs if isinstance(data, Part) else _crcs(data)))

    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, Mapped: reduced}
    pickler.dump(value)
    return out.getvalue(), names


def _part(name: str, size: int, crcs: bytes, folder: str | None = None) -> Mapped:
    """A kept part as :func:`loads` reads it back: a :class:`Part` of its file in ``folder`` (no data if it
    cannot be). Unpickled anywhere else (no folder), an error: never a part of some other folder."""
    if folder is None or not isinstance(name, str) or not isinstance(size, int) or not isinstance(crcs, bytes):
        raise pickle.UnpicklingError("not a mapped part, or read without its folder")
    if len(crcs) != 4 * -(-size // BLOCK):
        raise pickle.UnpicklingError("not a mapped part")
    try:
        part = Part(os.path.join(folder, name + SUFFIX), crcs)
    except OSError:
        return Mapped(None, name)
    if len(part) != size or size == 0:
        return Mapped(None, name)  # (written again by the next state that holds it)
    return Mapped(part, name)


class _Loader(pickle.Unpickler):
    """Reads what :func:`dumps` wrote, its parts in ``folder``."""

    def __init__(self, blob: bytes, folder: str) -> None:
        super().__init__(io.BytesIO(blob))
        self._folder = folder

    def find_class(self, module: str, name: str) -> Any:  # (once a pickle: the pickler memoizes it)
        if module == __name__ and name == "_part":
            return functools.partial(_part, folder=self._folder)
        return super().find_class(module, name)


def loads(blob: bytes, folder: str) -> Any:
    """What :func:`dumps` wrote, each :class:`Mapped` part a :class:`Part` of its file (no data if it cannot be)."""
    return _Loader(blob, folder).load()


class Part:
    """A kept part's file, read a slice at a time (``part[start:end]``: its bytes, read with one
    ``pread``, each block they lie in checked against its CRC-32 the first time it is read): a reader
    that looks a few thousand things up in it reads kilobytes, where a mapping of it was made resident
    almost whole (the kernel maps the pages around each one read). The file is opened once: one
    written in its place later is not seen."""

    __slots__ = ("_checked", "_crcs", "_fd", "_file", "_size", "crcs")

    def __init__(self, file: str, crcs: bytes) -> None:
        self._file = file
        self.crcs = crcs  # (kept as read: the next state names the part with them)
        self._crcs = array("I")
        self._crcs.frombytes(crcs)
        self._checked = bytearray(len(self._crcs))  # 1: the block was read and its CRC held
        self._fd = os.open(file, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self._size = os.fstat(self._fd).st_size

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, cut: slice) -> bytes:
        start, stop, step = cut.indices(self._size)
        if step != 1:
            raise ValueError("a part is read in slices of one step")
        if stop <= start:
            return b""
        first, base = start // BLOCK, start // BLOCK * BLOCK
        end = min(self._size, -(-stop // BLOCK) * BLOCK)
        data = os.pread(self._fd, end - base, base)
        if len(data) != end - base:
            raise ValueError("a part cut short since it was opened")
        view, checked, crcs = memoryview(data), self._checked, self._crcs
        for k in range(first, first + -(-(end - base) // BLOCK)):
            if not checked[k]:
                at = (k - first) * BLOCK
                if zlib.crc32(view[at : at + BLOCK]) != crcs[k]:
                    _remove(self._file)  # (written again by the next state that holds it)
                    raise DamagedPart(f"{self._file}: block {k} damaged")
                checked[k] = 1
        return data if (base, end) == (start, stop) else data[start - base : stop - base]

    def __bytes__(self) -> bytes:
        return self[:]

    def __del__(self) -> None:
        try:
            os.close(self._fd)
        except (OSError, AttributeError):
            pass


def prune(folder: str, names: set[str]) -> None:
    """Remove the parts in ``folder`` other than ``names``."""
    try:
        found = os.listdir(folder)
    except OSError:
        return
    for file in found:
        if file.endswith(SUFFIX) and file[: -len(SUFFIX)] not in names:
            _remove(os.path.join(folder, file))


def _remove(file: str) -> None:
    try:
        os.unlink(file)
    except OSError:
        pass
