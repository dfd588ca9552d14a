"""Text files that also take bytes already encoded as UTF-8, written in order with their text.

A report piece kept from the last run (:mod:`lint.pieces`) is UTF-8 bytes. Written through a
text stream, it was decoded to be written, and the stream encoded it again: for the JSON report
of 2,000 files, 26 MB decoded and encoded (twice more when the run is recorded, :mod:`lint.replay`).
A stream that can take the bytes as they are says so with a ``bytes_writer`` method (see
:func:`bytes_writer`); any other stream is given text, as before.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, Protocol, cast

# a file that is only ever appended to (never changed in place), where bytes begin in it, and their CRC-32
Place = tuple[str, int, int]


class Put(Protocol):
    """Writes UTF-8 bytes where the stream's next text would go; ``place``: where they also lie, if known
    (a recording of the stream may point there instead of copying them: :mod:`lint.recording`)."""

    def __call__(self, data: bytes | memoryview, place: Place | None = None, /) -> object: ...


class Utf8File(io.TextIOWrapper):
    """A file opened to write UTF-8 text with ``\\n`` line ends (as ``open(path, "w", encoding="utf-8",
    newline="\\n")``), which also takes bytes already encoded so (:meth:`bytes_writer`)."""

    def bytes_writer(self) -> Put:
        """A function writing UTF-8 bytes after the text written so far; used until the next text is."""
        self.flush()  # the text written so far goes first
        write = cast("Callable[[bytes | memoryview], object]", self.buffer.write)  # (typeshed: bytes; any buffer)

        def put(data: bytes | memoryview, place: Place | None = None, /) -> None:
            write(data)

        return put


def open_utf8(path: str) -> Utf8File:
    """``path`` opened to write as ``open(path, "w", encoding="utf-8", newline="\\n")`` opens it (line
    buffered on a terminal, as it is), a :class:`Utf8File`."""
    binary: IO[bytes] = open(path, "wb")  # noqa: SIM115 (the text file returned closes it)
    try:
        return Utf8File(binary, encoding="utf-8", newline="\n", line_buffering=binary.isatty())
    except BaseException:
        binary.close()
        raise


def bytes_writer(stream: object) -> Put | None:
    """``stream``'s writer of UTF-8 bytes (its ``bytes_writer()``), or None if it takes only text.
    Ask again after writing text to it."""
    method = getattr(stream, "bytes_writer", None)
    return method() if method is not None else None
