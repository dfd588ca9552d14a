"""A run's output recorded as it is written (for :mod:`lint.replay`): the bytes, the order of the writes,
and where a piece of it already lies in a file that is never changed in place.

A :class:`Tee` stream writes to the real stream and records the same text in a :class:`Sink`: a
temporary file of the bytes beside the recordings, and the list of writes, each a target (the
stream or file written) and a length. Bytes given with their *place* (:data:`lint.utf8out.Place`:
a file only ever appended to, where they begin in it, and their CRC-32; the JSON report's kept
pieces, :mod:`lint.pieces`) are recorded as that place instead of a copy: the recording of a
2,000-file report is a few kilobytes, not 26 MB again. Playing it reads them back from there, and
a place that no longer holds them (its file gone, its CRC not holding) makes the recording a miss.
"""

from __future__ import annotations

import io
import os
import zlib
from pathlib import Path
from typing import TextIO

from lint.utf8out import Place, Put, bytes_writer

# a write: (target, length) of bytes in the recording's own file, or (target, length, file, offset,
# CRC-32) of bytes at ``offset`` in the file numbered ``file`` among the recording's places
Write = tuple[int, ...]


class Sink:
    """The recorded bytes, in a temporary file beside the recordings, the order of the writes and the
    files their places are in (by path from the recordings' folder)."""

    def __init__(self, folder: Path) -> None:
        from lint.atomic import temporary_beside

        folder.mkdir(parents=True, exist_ok=True)
        self.folder = os.path.abspath(folder)
        fd, self.path = temporary_beside(str(folder))
        self.file = os.fdopen(fd, "wb")
        self.check = 0  # zlib.crc32 of the bytes: 5x faster than a hash to check, and this is no defence
        self.size = 0
        self.writes: list[Write] = []
        self.places: list[str] = []
        self._numbers: dict[str, int] = {}  # a place's file by its name (from the folder)
        self._given: dict[str, int] = {}  # ... by the path it was given as
        self.broken = False

    def add(self, target: int, text: str) -> None:
        if not self.broken:
            self.add_bytes(target, text.encode("utf-8", "surrogatepass"))

    def add_bytes(self, target: int, data: bytes | memoryview) -> None:
        if self.broken:
            return
        try:
            self.file.write(data)
        except OSError:
            self.broken = True
            return
        self.check = zlib.crc32(data, self.check)
        self.size += len(data)
        last = self.writes[-1] if self.writes else None
        if last is not None and len(last) == 2 and last[0] == target and data:
            self.writes[-1] = (target, last[1] + len(data))
        else:
            self.writes.append((target, len(data)))

    def refer(self, target: int, length: int, place: Place) -> None:
        """``length`` bytes written to ``target``, which lie at ``place``."""
        path, offset, check = place
        number = self._given.get(path)  # (the same path for each piece of a file: its name worked out once)
        if number is None:
            name = os.path.relpath(os.path.abspath(path), self.folder)
            number = self._numbers.get(name)
            if number is None:
                number = self._numbers[name] = len(self.places)
                self.places.append(name)
            self._given[path] = number
        self.writes.append((target, length, number, offset, check))

    def close(self, path: Path) -> tuple[int, int]:
        self.file.close()
        os.replace(self.path, path)
        return self.size, self.check

    def discard(self) -> None:
        self.file.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass


class Tee(io.TextIOBase):
    """A text stream that writes to another and records what it wrote."""

    def __init__(self, real: TextIO, sink: Sink, target: int) -> None:
        super().__init__()
        self._real = real
        self._sink = sink
        self._target = target

    def write(self, text: str) -> int:
        written = self._real.write(text)
        self._sink.add(self._target, text)
        return written

    def bytes_writer(self) -> Put | None:
        """:func:`lint.utf8out.bytes_writer` of the stream written to, the bytes (or their place) recorded too."""
        real = bytes_writer(self._real)
        if real is None:
            return None
        sink, target = self._sink, self._target

        def put(data: bytes | memoryview, place: Place | None = None) -> None:
            real(data)
            if place is not None:
                sink.refer(target, len(data), place)
            else:
                sink.add_bytes(target, data)

        return put

    def flush(self) -> None:
        self._real.flush()

    def isatty(self) -> bool:
        return self._real.isatty()

    def fileno(self) -> int:
        return self._real.fileno()


def resolve(folder: Path, writes: list[Write], data: memoryview, places: list[str]) -> list[tuple[int, memoryview]]:
    """Each write of a recording (in ``folder``, ``data`` its own bytes) with its bytes, those at a
    place read back from there; ValueError when they cannot be (a file gone, a CRC that does not hold)."""
    chunks: list[tuple[int, memoryview]] = []
    files: dict[int, memoryview] = {}
    at = 0
    for write in writes:
        target, length = int(write[0]), int(write[1])
        if len(write) == 2:
            chunk = data[at : at + length]
            at += length
        else:
            number, offset, check = int(write[2]), int(write[3]), int(write[4])
            source = files.get(number)
            if source is None:
                try:
                    with open(folder / places[number], "rb") as handle:
                        source = files[number] = memoryview(handle.read())
                except (OSError, IndexError) as exc:
                    raise ValueError("a place gone") from exc
            chunk = source[offset : offset + length] if offset >= 0 else source[:0]
            if len(chunk) != length or zlib.crc32(chunk) != check:
                raise ValueError("a place that does not hold its bytes")
        chunks.append((target, chunk))
    if at != len(data):
        raise ValueError("damaged")
    return chunks
