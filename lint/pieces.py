"""A report's findings cut into one piece per document, and the text a format wrote for each, kept between runs.

In a warm run after one file of 2,000 changed, nearly every document's findings are the
ones the last run reported, and writing them again (each made a Diagnostic and an item,
each document's line index built, their positions worked out) was most of the run. A
format whose text is one block per document, in the report's order, with nothing in a
block that depends on the others (``json``), writes each block once: the last run's
blocks are kept in the namespace (``NAMESPACE/pieces/``, by the key of each: see below)
and a run writes again only the blocks whose key it does not find.

A piece's key (:func:`cut`) says everything its text depends on besides the namespace
(the tool's code, the config and the rules): the document's path and content hash, each
of its findings in order (a finding of the document's own checks by its place among
them: they are a pure function of the path and the content; another, of the corpus
rules, the suppressions or the folding of republished answers, by its whole value), and
the content hash of each document its related places point into (their lines and
excerpts are worked out from those texts). A document whose content hash is not known
has no key, and is written as before.

The texts are kept in a data file that only grows (``FORMAT.TOKEN.d``), and an index
(``FORMAT``) names it and says where each piece's text is in it: a run appends the pieces it
made and writes the index again (a few dozen bytes a piece), leaving the texts of the others
where they are, so an edit to one of 2,000 files writes kilobytes, not the 26 MB of the whole
report (written and then put in place of the old file, that was a fifth of the run's time). When
more than a fifth of the data file is texts no index points to any longer, the next run that
makes a piece writes a new data file with only the pieces of its report, and the files no index
points to are removed (but for the last run's, which a run started before may still be reading).

The index is written whole or not at all (a temporary file, then one rename) and ends with a
CRC-32 of itself; each piece's record holds a CRC-32 of its text. The index is read only when its
CRC holds and every record parses, and a piece only when its text's CRC holds: a damaged,
foreign or half-written file is never trusted, and any piece whose key is not in it, or whose
text is damaged or missing, is written again. (A CRC, not a cryptographic digest: it guards
against damage, not forgery.) A piece kept from the last run is neither encoded nor checked
again; a report written to a file takes its bytes as they are (:mod:`lint.utf8out`), so a kept
piece is never decoded.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from lint.findings import Chosen, Findings
from lint.utf8out import Place

if TYPE_CHECKING:
    from lint.model import Diagnostic

_MAGIC = b"response-lint pieces 4\n"
_TOKEN = 16  # after the magic: the token naming the data file (FILE.TOKEN-IN-HEX.d)
# key, counts (error, warning, info), offset and length of the text (UTF-8) in the data file, its CRC-32
_RECORD = struct.Struct("<16s3iqQI")
_CHECK = struct.Struct("<I")  # the CRC-32 of the index (not the texts: each has its own)
_DATA = re.compile(r"[^.]+\.[0-9a-f]{32}\.d")

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
    """The pieces one format wrote in the last run (read once, when first asked), and this run's, kept
    as the format makes them (:meth:`add`) and indexed by :meth:`close` in place of the last run's."""

    __slots__ = (
        "_begun",
        "_file",
        "_fresh",
        "_handle",
        "_index",
        "_live",
        "_made",
        "_old",
        "_previous",
        "_records",
        "_token",
    )

    def __init__(self, file: Path) -> None:
        self._file = file  # the index; the texts are in the data file it names (_data)
        self._old: memoryview | None = None  # the last run's data file, mapped (or read) whole
        self._index: dict[bytes, tuple[Counts, int, int, int]] | None = None
        self._live = 0  # the length of the texts the last run's index points to
        self._previous = b""  # the last run's data file (its token)
        self._token = b""  # this run's: the last run's, or a new one when _fresh
        self._fresh = self._begun = False
        self._handle: int | None = None
        self._records: list[bytes] = []
        self._made = 0

    def _data(self, token: bytes) -> str:
        return f"{self._file}.{token.hex()}.d"

    def _read(self) -> dict[bytes, tuple[Counts, int, int, int]]:
        if self._index is None:
            self._index = {}
            try:
                with open(self._file, "rb") as handle:
                    token, index = _parse(handle.read())
                with open(self._data(token), "rb") as handle:
                    data = _whole(handle)
                self._index, self._old, self._token = index, data, token
                self._previous = token
                self._live = sum(length for _, _, length, _ in index.values())
            except (OSError, ValueError, struct.error):
                self._index, self._old = {}, None
        return self._index

    def get(self, key: bytes) -> tuple[str, Counts] | None:
        """The text and counts the last run kept for ``key``, or None (also when it is not UTF-8: its
        CRC held, but it is not what this code writes). For a stream that takes only text."""
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
        if len(text) != length or zlib.crc32(text) != check:
            return None  # damaged: made and written again
        return text, counts

    def add(self, key: bytes, text: str | bytes | memoryview, counts: Counts, made: bool) -> Place | None:
        """Keep a piece of this run (``made``: written in this run, not found in the last run's:
        else it stays where it is in the data file, ``text`` being what :meth:`get` or :meth:`raw`
        read of it, its CRC checked); ``text`` as text or in UTF-8. Gives where its bytes now lie
        (None: not written), which no later run changes (:data:`lint.utf8out.Place`)."""
        self._made += made
        found = None if made else self._read().get(key)
        if not self._begun:
            self._start()
        if found is not None and not self._fresh:
            _, offset, length, check = found  # where the last run's index had it
        else:
            if found is not None and self._old is not None:
                _, offset, length, check = found
                data: bytes | memoryview = self._old[offset : offset + length]
            else:
                data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
                check = zlib.crc32(data)
            offset, length = self._append(data), len(data)
        self._records.append(_RECORD.pack(key, *counts, offset, length, check))
        return (self._data(self._token), offset, check) if offset >= 0 else None

    def _start(self) -> None:
        """Append to the last run's data file, or begin a new one: when there is none, or when more
        than a fifth of it is texts no index points to any longer (the old file is then left alone)."""
        self._read()
        self._begun = True
        self._fresh = self._old is None or len(self._old) > self._live + self._live // 4
        if self._fresh:
            self._token = os.urandom(16)

    def _append(self, data: bytes | memoryview) -> int:
        """Write ``data`` at the end of this run's data file; where it begins (-1: not written)."""
        try:
            if self._handle is None:
                self._file.parent.mkdir(parents=True, exist_ok=True)
                flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if self._fresh else os.O_APPEND)
                self._handle = os.open(self._data(self._token), flags, 0o666)
            if self._handle < 0:
                return -1
            _write(self._handle, data)  # (O_APPEND: another run's texts may come before, never within)
            return os.lseek(self._handle, 0, os.SEEK_CUR) - len(data)
        except OSError:
            self._handle = -1  # a cache that cannot be written only costs speed: this run's index is not kept
            return -1

    def close(self, keep: bool = True) -> None:
        """This run's index in place of the last run's, when some pieces were made in it or a new data
        file begun (``keep``); else it is thrown away (and a data file begun in this run with it)."""
        handle, self._handle = self._handle, None
        if handle is not None and handle >= 0:
            try:
                os.close(handle)
            except OSError:
                handle = -1
        records, self._records = self._records, []
        if keep and (self._made or self._fresh) and handle != -1:
            try:
                from lint.atomic import write_atomic

                head = _MAGIC + self._token + b"".join(records)
                write_atomic(self._file, head + _CHECK.pack(zlib.crc32(head)))
            except OSError:
                keep = False
            else:
                if self._fresh:
                    self._prune()
                return
        if self._fresh and handle is not None:
            try:
                os.unlink(self._data(self._token))
            except OSError:
                pass

    def _prune(self) -> None:
        """Data files no index points to: all but this run's and the one the last run's index named
        (a run started before this one may still be reading it)."""
        folder, name = self._file.parent, self._file.name
        kept = {os.path.basename(self._data(token)) for token in (self._token, self._previous) if token}
        try:
            found = [n for n in os.listdir(folder) if _DATA.fullmatch(n) and n.startswith(f"{name}.")]
        except OSError:
            return
        for other in found:
            if other not in kept:
                try:
                    os.unlink(folder / other)
                except OSError:
                    pass


def _whole(handle: BinaryIO) -> memoryview:
    """The bytes of a data file: mapped, not read (a 2,000-file report's 26 MB copied into the process was
    a tenth of a warm run's report). A data file is only ever appended to or removed, never cut short (so
    the pages mapped stay); where removing a mapped file may fail (Windows), it is read."""
    if os.name == "posix":
        import mmap

        size = os.fstat(handle.fileno()).st_size
        if size:
            return memoryview(mmap.mmap(handle.fileno(), size, access=mmap.ACCESS_READ))
    return memoryview(handle.read())


def _write(handle: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _parse(data: bytes) -> tuple[bytes, dict[bytes, tuple[Counts, int, int, int]]]:
    """The data file's token, and each piece's key -> its counts, and the offset, length and CRC-32 of
    its text in that file; ValueError when ``data`` is not a whole index (its CRC does not hold)."""
    start = len(_MAGIC) + _TOKEN
    if (
        not data.startswith(_MAGIC)
        or len(data) < start + _CHECK.size
        or (len(data) - start) % _RECORD.size != _CHECK.size
    ):
        raise ValueError("not a pieces index")
    if _CHECK.pack(zlib.crc32(memoryview(data)[: len(data) - _CHECK.size])) != data[len(data) - _CHECK.size :]:
        raise ValueError("damaged")
    index: dict[bytes, tuple[Counts, int, int, int]] = {}
    for key, error, warning, info, offset, length, check in _RECORD.iter_unpack(
        memoryview(data)[start : len(data) - _CHECK.size]
    ):
        index[key] = ((error, warning, info), offset, length, check)
    return data[len(_MAGIC) : start], index


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
