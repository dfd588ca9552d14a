"""A report's findings cut into one piece per document, and the text a format wrote for each, kept between runs.

In a warm run after one file of 2,000 changed, nearly every document's findings are the
ones the last run reported, and writing them again (each made a Diagnostic and an item,
each document's line index built, their positions worked out) was most of the run. A
format whose text is one block per document, in the report's order, with nothing in a
block that depends on the others (``json``), writes each block once: the last run's
blocks are kept in one file of the namespace (``NAMESPACE/pieces/FORMAT``, by the
key of each) and a run writes again only the blocks whose key it does not find.

A piece's key (:func:`cut`) says everything its text depends on besides the namespace
(the tool's code, the config and the rules): the document's path and content hash, each
of its findings in order (a finding of the document's own checks by its place among
them: they are a pure function of the path and the content; another, of the corpus
rules, the suppressions or the folding of republished answers, by its whole value), and
the content hash of each document its related places point into (their lines and
excerpts are worked out from those texts). A document whose content hash is not known
has no key, and is written as before.

The file is written whole or not at all (a temporary file, then one rename). Each piece's
record holds a CRC-32 of its text, and the file ends with a CRC-32 of its records; it is read
back only when that CRC holds and every record parses, and a piece only when its text's CRC
holds: a damaged, foreign or half-written file is never trusted, and any piece whose key is
not in it, or whose text is damaged, is written again. (A CRC, not a cryptographic digest: it
guards against damage, not forgery, and costs a sixth of one over the 26 MB of a 2,000-file
report.) A piece kept from the last run is copied as the bytes it was, with its CRC: neither
encoded nor checked again; a report written to a file takes those bytes as they are too
(:mod:`lint.utf8out`), so a kept piece is never decoded.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lint.findings import Chosen, Findings

if TYPE_CHECKING:
    from lint.model import Diagnostic

_MAGIC = b"response-lint pieces 3\n"
_RECORD = struct.Struct("<16s3iQI")  # key, counts (error, warning, info), length of the text in UTF-8, its CRC-32
_CHECK = struct.Struct("<I")  # the CRC-32 of the magic and the records (not the texts: each has its own)

# a piece: its key (None: not kept), its first finding and the one after its last, in the report's order
Run = tuple[bytes | None, int, int]
Counts = tuple[int, int, int]  # findings of the piece per severity: error, warning, info


def cut(diagnostics: Sequence[Diagnostic], contents: Mapping[str, str | None]) -> list[Run] | None:
    """The report's findings in pieces, a run of one document's each, with their keys (see the
    module docs); None when they are not a :class:`lint.findings.Chosen` (nothing to read them by).
    ``contents``: the content hash of each document of the run, by path (None: not known).

    Read a run of one group at a time (:meth:`lint.findings.Chosen.segments`): a document's
    own findings are one run, its members their indexes, without a step for each finding."""
    if not isinstance(diagnostics, Chosen):
        return None
    runs: list[Run] = []
    path: str | None = None
    start = at = 0
    members: list[bytes] = []  # each run of the document's own findings, and each other finding
    related: set[str] = set()
    known: dict[int, dict[int, tuple[str, ...]]] = {}  # the related places' paths of each Findings met, by id
    for group, indexes in _segments(diagnostics):
        if isinstance(group, Findings):
            if group.path != path:
                if path is not None:
                    runs.append((_key(path, members, related, contents), start, at))
                path, start, members, related = group.path, at, [], set()
            places_of = known.get(id(group))
            if places_of is None:
                places_of = known[id(group)] = group.related_paths()
            members.append(_numbers(indexes))
            if places_of:
                wanted = places_of.keys() & set(indexes) if len(places_of) < len(indexes) else indexes
                related.update([path for i in wanted for path in places_of.get(i, ())])
            at += len(indexes)
            continue
        for i in indexes:
            found = group[i]
            if found.path != path:
                if path is not None:
                    runs.append((_key(path, members, related, contents), start, at))
                path, start, members, related = found.path, at, [], set()
            members.append(_other(found))
            related.update(place.path for place in found.related)
            at += 1
    if path is not None:
        runs.append((_key(path, members, related, contents), start, at))
    return runs


def _segments(diagnostics: Chosen) -> Iterator[tuple[Sequence[Diagnostic], Sequence[int]]]:
    """:meth:`lint.findings.Chosen.segments`, each diagnostic of a Chosen among the groups (the
    folding of republished answers) a run of its own, read through to where it is read from."""
    for group, indexes in diagnostics.segments():
        if isinstance(group, Chosen):
            origins = list(group.origins())
            for i in indexes:
                inner, j = origins[i]
                yield inner, (j,)
        else:
            yield group, indexes


# In a key, each finding of a document's own checks is its index among them (8 bytes, not negative),
# and each other finding the mark -1, the length of its repr and its repr: the same bytes however
# the findings were read (a run at a time, or one at a time)
_MARK = (-1).to_bytes(8, "little", signed=True)


def _numbers(indexes: Sequence[int]) -> bytes:
    """A run of a document's own findings in a key."""
    return array("q", indexes).tobytes()


def _other(found: Diagnostic) -> bytes:
    """Another finding (a corpus rule's, a suppression's, a folded one) in a key."""
    described = repr(found).encode("utf-8", "surrogatepass")
    return _MARK + len(described).to_bytes(8, "little") + described


def _key(path: str, members: list[bytes], related: set[str], contents: Mapping[str, str | None]) -> bytes | None:
    content = contents.get(path)
    if content is None:
        return None
    texts = []
    for other in sorted(related):
        if other not in contents:
            texts.append((other, "-"))  # not a document of the run: the place is left out of the report
            continue
        known = contents[other]
        if known is None:
            return None
        texts.append((other, known))
    key = hashlib.blake2b(repr((path, content, texts)).encode("utf-8", "surrogatepass"), digest_size=16)
    for member in members:
        key.update(member)
    return key.digest()


class Store:
    """The pieces one format wrote in the last run (read once, when first asked), and this run's, written
    as the format makes them (:meth:`add`) and kept by :meth:`close` in place of the last run's."""

    __slots__ = ("_crc", "_file", "_handle", "_index", "_made", "_old", "_temporary")

    def __init__(self, file: Path) -> None:
        self._file = file
        self._old: memoryview | None = None
        self._index: dict[bytes, tuple[Counts, int, int, int]] | None = None
        self._handle: int | None = None
        self._temporary = ""
        self._crc = 0
        self._made = 0

    def _read(self) -> dict[bytes, tuple[Counts, int, int, int]]:
        if self._index is None:
            self._index = {}
            try:
                with open(self._file, "rb") as handle:
                    data = handle.read()
                self._index, self._old = _parse(data), memoryview(data)
            except (OSError, ValueError, struct.error):
                self._index, self._old = {}, None
        return self._index

    def get(self, key: bytes) -> tuple[str, Counts] | None:
        """The text and counts the last run kept for ``key``, or None."""
        found = self.raw(key)
        if found is None:
            return None
        try:
            return str(found[0], "utf-8", "surrogatepass"), found[1]
        except UnicodeDecodeError:
            return None

    def raw(self, key: bytes) -> tuple[memoryview, Counts] | None:
        """The text the last run kept for ``key`` as it is kept (UTF-8, its CRC checked), and its
        counts; or None. A format writing to a stream that takes bytes writes them as they are."""
        found = self._read().get(key)
        if found is None or self._old is None:
            return None
        counts, offset, length, check = found
        text = self._old[offset : offset + length]
        if zlib.crc32(text) != check:
            return None  # damaged: made and written again
        return text, counts

    def add(self, key: bytes, text: str | bytes | memoryview, counts: Counts, made: bool) -> None:
        """Keep a piece of this run (``made``: written in this run, not found in the last run's:
        else its bytes there are copied with their CRC, ``text`` being what :meth:`get` or
        :meth:`raw` read of them, their CRC checked); ``text`` as text or in UTF-8."""
        self._made += made
        old, found = self._old, None if made or self._index is None else self._index.get(key)
        if old is not None and found is not None:
            _, offset, length, check = found
            data: bytes | memoryview = old[offset : offset + length]
        else:
            data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
            check = zlib.crc32(data)
        record = _RECORD.pack(key, *counts, len(data), check)
        try:
            if self._handle is None:
                from lint.atomic import temporary_beside

                self._file.parent.mkdir(parents=True, exist_ok=True)
                self._handle, self._temporary = temporary_beside(str(self._file.parent))
                os.write(self._handle, _MAGIC)
                self._crc = zlib.crc32(_MAGIC)
            _write(self._handle, record)
            _write(self._handle, data)
        except OSError:
            self.close(keep=False)
            self._handle = -1  # a cache that cannot be written only costs speed
            return
        self._crc = zlib.crc32(record, self._crc)

    def close(self, keep: bool = True) -> None:
        """This run's pieces in place of the last run's, when some were made in it (``keep``); else
        they are thrown away."""
        handle, self._handle = self._handle, None
        if handle is None or handle < 0:
            return
        try:
            if keep and self._made:
                _write(handle, _CHECK.pack(self._crc))
                os.close(handle)
                umask = os.umask(0)  # the mode open() gives a new file, not a temporary file's owner-only one
                os.umask(umask)
                os.chmod(self._temporary, 0o666 & ~umask)
                os.replace(self._temporary, self._file)
                return
            os.close(handle)
        except OSError:
            pass
        try:
            os.unlink(self._temporary)
        except OSError:
            pass


def _write(handle: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _parse(data: bytes) -> dict[bytes, tuple[Counts, int, int, int]]:
    """Each piece's key -> its counts, and the offset, length and CRC-32 of its text in ``data``;
    ValueError when ``data`` is not a whole pieces file (its records' CRC does not hold)."""
    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + _CHECK.size:
        raise ValueError("not a pieces file")
    body = memoryview(data)[: len(data) - _CHECK.size]
    index: dict[bytes, tuple[Counts, int, int, int]] = {}
    at, end = len(_MAGIC), len(body)
    crc = zlib.crc32(_MAGIC)
    while at < end:
        record = body[at : at + _RECORD.size]
        key, error, warning, info, length, check = _RECORD.unpack(record)
        crc = zlib.crc32(record, crc)
        at += _RECORD.size
        if at + length > end:
            raise ValueError("damaged")
        index[key] = ((error, warning, info), at, length, check)
        at += length
    if _CHECK.pack(crc) != data[len(data) - _CHECK.size :]:
        raise ValueError("damaged")
    return index


class Pieces:
    """What a format needs to write a report piece by piece: the report's pieces (:func:`cut`, worked
    out when first asked) and the store of each format (``folder/FORMAT``)."""

    __slots__ = ("_contents", "_diagnostics", "_runs", "folder")

    def __init__(self, folder: Path, diagnostics: Sequence[Diagnostic], contents: Mapping[str, str | None]) -> None:
        self.folder = folder
        self._diagnostics = diagnostics
        self._contents = contents
        self._runs: list[Run] | None = None

    def runs(self) -> list[Run] | None:
        """The report's pieces (None: it cannot be cut)."""
        if self._runs is None:
            found = cut(self._diagnostics, self._contents)
            if found is None:
                return None
            self._runs = found
        return self._runs

    def store(self, name: str) -> Store:
        return Store(self.folder / name)
