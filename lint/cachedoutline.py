"""A cached document's outline whose entries stay pickled until something reads them.

A warm run after one file of 2,000 changed takes every other document's result from the
result cache, and reads the entries of next to none of them: the report writes again only
the documents whose findings changed (:mod:`lint.pieces`), a corpus rule's finding needs
its document's entries only to name its entry and phase, and the pass that folds a
republished answer reads what it needs of each page's entries from a small summary kept
beside them (:class:`lint.republished.Summarised`). Yet unpickling every entry and phase
(named tuples, a call each) was most of the time spent reading the cache.

So the result cache stores an outline's entries as :class:`LazyEntries`: each entry's
pickle and span, their count and their :func:`lint.republished.answers`. A damaged cache
entry is a miss when it is read (:mod:`lint.resultcache`: its file's CRC covers them), never
an error later in the run; pickled anywhere else (a shard file, a worker's result) they carry
a checksum of their own, checked when they are unpickled (:func:`unchecked`). Each entry is
unpickled when first read, and the entries are then the ones the reader gave (equal, and
read the same way: as a tuple, or as columns for a large document). The answers too stay
pickled (under the checksum) until read: a run whose documents are all of one layout folds
nothing and reads none (0.05 s of unpickling for 2,000 documents).
"""

from __future__ import annotations

import itertools
import pickle
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast, overload

from lint.model import Columns, Document, Entry, Link
from lint.republished import Answers, Summarised, answers
from lint.spans import Stab


class LazyEntries(Summarised, Sequence[Entry]):
    """A document's entries, each unpickled when first read (see the module docs).

    Entries the reader gave as a tuple are pickled one by one, with each one's span beside
    them, so finding the entry at an offset (:meth:`lint.model.Document.phase_at`: a corpus
    finding's entry and phase) reads that entry alone; a large document's columns
    (:mod:`lint.readers.columns`) are pickled whole and read whole."""

    __slots__ = ("_again", "_answers", "_apart", "_blob", "_bounds", "_count", "_entries", "_made", "_read", "_spans")

    def __init__(
        self,
        blob: bytes | None,
        count: int,
        answered: Answers | bytes,
        bounds: array[int] | None,
        spans: array[int] | None,
        apart: int | None = None,
    ) -> None:
        self._blob = blob  # None: kept apart (the result cache's), read when first needed (_held)
        self._apart = apart  # the CRC-32 of the blob kept apart
        self._read: Callable[[], bytes | None] | None = None  # reads the blob kept apart (None: it cannot)
        self._again: Callable[[], Sequence[Entry]] | None = None  # the entries made again, when it cannot
        self._count = count
        self._answers = answered  # bytes: pickled, unpickled when first read
        self._bounds = bounds  # where each entry's pickle ends in the blob (None: columns, pickled whole)
        self._spans = spans  # each entry's span, start and end (None: columns)
        self._entries: Sequence[Entry] | None = None  # all of them, once read whole
        self._made: dict[int, Entry] = {}

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> LazyEntries:
        """``entries`` kept pickled (the ones the reader gave, a tuple or columns)."""
        if isinstance(entries, LazyEntries):
            return entries
        answered = answers(entries)
        if not isinstance(entries, tuple):
            return cls(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL), len(entries), answered, None, None)
        each = [pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL) for entry in entries]
        bounds = array("q", itertools.accumulate(map(len, each)))
        spans = array("q", [offset for entry in entries for offset in entry.span])
        return cls(b"".join(each), len(entries), answered, bounds, spans)

    def apart(self) -> tuple[bytes, LazyEntries]:
        """The entries' pickle, and these entries without it, as the result cache keeps them: the pickle in a
        file of its own, read only when an entry is (most documents of a warm run have none read)."""
        blob = self._held()
        if blob is None:
            return LazyEntries.of(cast(Sequence[Entry], self._entries)).apart()
        return blob, LazyEntries(None, self._count, self._answers, self._bounds, self._spans, zlib.crc32(blob))

    def read_apart(self, read: Callable[[], bytes | None], again: Callable[[], Sequence[Entry]]) -> None:
        """How to read the pickle kept apart (``read``: None when it cannot be), and, when it cannot be
        read or is not the one kept (its CRC), how to make the entries again (from the document)."""
        self._read, self._again = read, again

    def _held(self) -> bytes | None:
        """The entries' pickle, read when kept apart; None when it could not be read and the entries were
        made again instead (``_entries``)."""
        blob = self._blob
        if blob is None and self._entries is None:
            got = self._read() if self._read is not None else None
            if got is not None and zlib.crc32(got) == self._apart:
                blob = self._blob = got
            elif self._again is not None:
                self._entries, self._made = self._again(), {}
            else:
                raise LookupError("entries kept apart, with no way to read them")
        return blob

    def _entry(self, index: int) -> Entry:
        """Entry ``index`` (0 <= index < len), unpickled alone when the entries are a tuple."""
        if self._entries is not None:
            return self._entries[index]
        bounds = self._bounds
        if bounds is None:
            return self._all()[index]
        entry = self._made.get(index)
        if entry is None:
            blob = self._held()
            if blob is None:
                return cast(Sequence[Entry], self._entries)[index]
            start = bounds[index - 1] if index else 0
            entry = self._made[index] = pickle.loads(memoryview(blob)[start : bounds[index]])
        return entry

    def _all(self) -> Sequence[Entry]:
        """Every entry: the reader's tuple, or its columns."""
        entries = self._entries
        if entries is None:
            blob = self._held()
            if blob is None:
                return cast(Sequence[Entry], self._entries)
            if self._bounds is None:
                entries = cast("Sequence[Entry]", pickle.loads(blob))
            else:
                entries = tuple(map(self._entry, range(self._count)))
            self._entries, self._made = entries, {}
        return entries

    def answers(self) -> Answers:
        answered = self._answers
        if isinstance(answered, bytes):
            answered = self._answers = pickle.loads(answered)
        return answered

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(index, slice):
            return self._all()[index]
        return self._entry(range(self._count)[index])  # IndexError out of range, as a tuple's

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._all())

    # -- what a document asks of entries that are not a tuple (lint.model.Columns) -------------

    def entry_index(self) -> Stab:
        spans = self._spans
        if spans is not None:
            return Stab.of_offsets(spans[0::2], spans[1::2])  # as Stab.of the entries' spans, none read
        return cast(Columns, self._all()).entry_index()

    def without_prose(self) -> Sequence[Entry]:
        """The entries of an outline have no prose already (the cache keeps outlines only)."""
        entries = self._all()
        return entries if isinstance(entries, tuple) else cast(Columns, entries).without_prose()

    def links(self, head: tuple[Link, ...]) -> Sequence[Link]:
        entries = self._all()
        if isinstance(entries, tuple):
            return head + tuple(link for entry in entries for link in entry.links)
        return cast(Columns, entries).links(head)

    # -- a value like the entries it holds ------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyEntries):
            other = other._all()
        if not isinstance(other, Sequence):
            return NotImplemented
        return bool(self._all() == other)

    def __hash__(self) -> int:
        return hash(self._all())  # a tuple's hash; columns have none, as before

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        answered = self._answers
        if not isinstance(answered, bytes):
            answered = pickle.dumps(answered, protocol=pickle.HIGHEST_PROTOCOL)
        if self._blob is None and self._read is None and self._again is None and self._entries is None:
            check = _check(b"", answered, self._bounds, self._spans)  # (apart: the result cache's, its pickle beside)
            return (_unpickled_apart, (self._apart, check, self._count, answered, self._bounds, self._spans))
        blob = self._held()
        if blob is None:  # made again: pickled as they are now
            return LazyEntries.of(cast(Sequence[Entry], self._entries)).__reduce__()
        state = (blob, _check(blob, answered, self._bounds, self._spans), self._count, answered)
        return (_unpickled, (*state, self._bounds, self._spans))


def unchecked(entries: LazyEntries) -> tuple[Any, tuple[Any, ...]]:
    """How ``entries`` are pickled into a file whose own checksum covers them (the result cache's,
    :func:`lint.resultcache.sealed`): as :meth:`LazyEntries.__reduce__` does, without a checksum of
    their own (summing their bytes twice was half the cost of checking a warm run's entries); kept
    apart (:meth:`LazyEntries.apart`), with the CRC-32 of their pickle."""
    made, (first, _check_value, count, answered, bounds, spans) = entries.__reduce__()
    if made is _unpickled_apart:
        return (_kept_apart, (first, count, answered, bounds, spans))
    return (_kept, (first, count, answered, bounds, spans))


def _unpickled(
    blob: bytes, check: int, count: int, answered: bytes, bounds: array[int] | None, spans: array[int] | None
) -> LazyEntries:
    """:class:`LazyEntries` read back from a pickle; ValueError when their pickle, their answers' or
    where each entry lies in it is damaged (the result cache then reads its entry as a miss)."""
    if not isinstance(answered, bytes) or _check(blob, answered, bounds, spans) != check:
        raise ValueError("damaged entries")
    return _kept(blob, count, answered, bounds, spans)


def _kept(blob: bytes, count: int, answered: bytes, bounds: array[int] | None, spans: array[int] | None) -> LazyEntries:
    """:class:`LazyEntries` read back from a pickle whose bytes were checked (:func:`unchecked`), or
    from :func:`_unpickled`; ValueError when where each entry lies does not fit their count."""
    whole = bounds is None and spans is None
    placed = bounds is not None and spans is not None and len(bounds) == count and len(spans) == 2 * count
    if not isinstance(blob, bytes) or not isinstance(answered, bytes) or not (whole or placed):
        raise ValueError("damaged entries")
    return LazyEntries(blob, count, answered, bounds, spans)


def _unpickled_apart(
    apart: int, check: int, count: int, answered: bytes, bounds: array[int] | None, spans: array[int] | None
) -> LazyEntries:
    """:func:`_unpickled` of entries whose pickle is kept apart (:meth:`LazyEntries.apart`), ``apart`` its CRC-32."""
    if not isinstance(answered, bytes) or _check(b"", answered, bounds, spans) != check:
        raise ValueError("damaged entries")
    return _kept_apart(apart, count, answered, bounds, spans)


def _kept_apart(
    apart: int, count: int, answered: bytes, bounds: array[int] | None, spans: array[int] | None
) -> LazyEntries:
    """:func:`_kept` of entries whose pickle is kept apart, ``apart`` its CRC-32."""
    entries = _kept(b"", count, answered, bounds, spans)
    if not isinstance(apart, int):
        raise ValueError("damaged entries")
    entries._blob, entries._apart = None, apart
    return entries


def _check(blob: bytes, answered: bytes, bounds: array[int] | None, spans: array[int] | None) -> int:
    """The checksum of the entries' pickle, of their answers' and of where each entry lies in it."""
    check = zlib.crc32(answered, zlib.crc32(blob))
    for offsets in (bounds, spans):
        if offsets is not None:
            check = zlib.crc32(offsets, check)
    return check


def packed(outline: Document) -> Document:
    """``outline`` with its entries kept pickled until read (:class:`LazyEntries`), as the result
    cache stores it."""
    if isinstance(outline.entries, LazyEntries):
        return outline
    return outline._replace(entries=LazyEntries.of(outline.entries))
