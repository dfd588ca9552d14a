"""entry-copy's holder index: each shingle of a run with its first holders in run order, kept between runs.

:mod:`lint.checks.entry_copy_again` compares again only the paragraphs a change can reach.
It finds them from the holders of a few shingles: those of the changed paragraphs, then
those of the paragraphs compared again, each shingle's holders in the run's order up to the
first ``max(2, max-bucket)`` unchanged ones. A walk of every paragraph's shingles finds
them too, but costs about 0.3 s a walk on 2,000 files (5.4 M shingles, each made a Python
int); this index answers by look-up:

- ``keys``: the shingles, sorted (searched with bisect); shingle ``n``'s first holders, at
  most ``cap``, are ``holders[starts[n]:starts[n + 1]]``, in the order of the run the index
  was made from (its *base*), each a paragraph number of that run: ``documents`` and
  ``numbers`` give its document's place among ``paths`` and its number there. A shingle
  with ``cap`` holders may have more: its list is only their start.
- ``overlay``: the documents changed since the base. Their holders in the index are left out
  at a look-up and this run's paragraphs of theirs are read from their summaries instead.
  Past OVERLAY_MOST documents the index is made again, from the run.

A whole run makes it from the :class:`~lint.checks.shingles.ShingleIndex` it fills anyway
(its stock phrases, of which that keeps the first ``max-bucket`` holders, walked on for
SLACK more); else it is made from a walk of the run's paragraphs (keeping SLACK more too).
A look-up gives a shingle's holders in this run as far as they are certain: a list cut short
is certain up to its last holder, and one left with fewer than it needs by the overlay is
walked on from its last kept for the rest
(a walk that stops once it has them, most often a few paragraphs on). A caller that still
needs more has the index made again (:class:`Unsure`). The index is a
:class:`~lint.checks.api.Mapped` part of entry-copy's state (:mod:`lint.keptfiles`); one
that does not fit the run raises ValueError (made again from a walk).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lint.checks.api import Mapped
from lint.checks.entry_paragraphs import Paragraphs
from lint.checks.shingles import ShingleIndex

SLACK = 16  # holders kept past those that can count, so a few changed documents leave a list certain
OVERLAY_MOST = 64  # documents changed since the base the index follows (else it is made again)
_VERSION = 1


class Unsure(Exception):
    """A shingle's holders that can count are not all known for certain from the index."""


def whole_index(max_bucket: int) -> ShingleIndex:
    """The index a whole run fills, keeping what :func:`from_whole` reads of it."""
    return ShingleIndex(max_bucket=max_bucket, keep_stock=True)


def _flat(held: dict[int, Any], cap: int) -> list[array[int]]:
    keys = array("q", sorted(held))
    starts, holders = array("i", [0]), array("i")
    for gram in keys:
        found = held[gram]
        if type(found) is int:
            holders.append(found)
        else:
            holders.extend(found[:cap])
        starts.append(len(holders))
    return [keys, starts, holders]


def _kept(paragraphs: Paragraphs, paths: Sequence[str], cap: int, flat: list[array[int]]) -> tuple[Any, ...]:
    """The index as a state's part, from :func:`_flat`'s arrays: not joined until the state is written
    (:class:`Joined`), when the run's summaries are let go (joined here, with them and the arrays, it
    was the whole run's peak of memory)."""
    flat.extend(array("i", column) for column in paragraphs.order())
    return (_VERSION, cap, (len(flat[0]), len(flat[2]), len(flat[3])), Mapped(Joined(flat)), tuple(paths), ())


class Joined:
    """The bytes of arrays one after another, as :class:`Mapped` data: ``len``, ``[start:end]`` (bytes)
    and ``bytes()`` (all of them, made then)."""

    __slots__ = ("_parts", "_size")

    def __init__(self, parts: Sequence[array[Any]]) -> None:
        self._parts = [memoryview(part).cast("B") for part in parts]
        self._size = sum(len(part) for part in self._parts)

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, cut: slice) -> bytes:
        start, stop, step = cut.indices(self._size)
        if step != 1:
            raise ValueError("joined arrays are read in slices of one step")
        pieces = []
        at = 0
        for part in self._parts:
            end = at + len(part)
            if start < end and stop > at:
                pieces.append(part[max(start - at, 0) : min(stop, end) - at])
            at = end
        return b"".join(pieces)

    def __bytes__(self) -> bytes:
        return b"".join(self._parts)


def from_whole(
    index: ShingleIndex,
    paragraphs: Paragraphs,
    paths: Sequence[str],
    count: int,
    walked: Callable[[], None] | None = None,
) -> tuple[Any, ...]:
    """The index of a run (``paths``, in order) from the :class:`ShingleIndex` (of :func:`whole_index`)
    filled with its paragraphs in order; ``count``: the holders of a shingle that can count. The stock
    phrases, which it keeps the first ``max-bucket`` holders of, get SLACK more from a walk on from
    their last (one walk of the run at most, about a tenth of the rule's time in a whole run).
    ``walked``, if given, is called once the paragraphs' shingles are read, before the index's arrays are made."""
    held: dict[int, Any] = index._held  # shingle -> its one holder, its holders, or () (a stock phrase)
    stock = index.stock if index.stock is not None else {}
    if index.max_bucket != count or len(stock) != sum(1 for value in held.values() if value == ()):
        return from_walk(paragraphs, paths, count, walked)  # (a stock phrase made one from its second holder on)
    cap = count + SLACK
    wanted = set(stock) if SLACK else set()
    after = {gram: holders[-1] for gram, holders in stock.items()}
    start = min(after.values(), default=0) + 1
    for i, grams in enumerate(paragraphs.each_grams(), 0) if wanted else ():
        if i < start:
            continue
        for gram in wanted.intersection(grams):
            if i > after[gram]:
                holders = stock[gram]
                holders.append(i)
                if len(holders) >= cap:
                    wanted.discard(gram)
        if not wanted:
            break
    if walked is not None:
        walked()
    held.update(stock)
    flat = _flat(held, cap)
    # the ShingleIndex is let go before the blob is made (it is several times the blob's size): the
    # whole run's peak of memory was here, with both
    held.clear()
    stock.clear()
    return _kept(paragraphs, paths, cap, flat)


def from_walk(
    paragraphs: Paragraphs, paths: Sequence[str], count: int, walked: Callable[[], None] | None = None
) -> tuple[Any, ...]:
    """The index of a run (``paths``, in order) from a walk of its paragraphs' shingles (``walked``:
    as :func:`from_whole`)."""
    cap = count + SLACK
    held: dict[int, Any] = {}
    for i, grams in enumerate(paragraphs.each_grams()):
        for gram in grams:
            found = held.get(gram)
            if found is None:
                held[gram] = i
            elif type(found) is int:
                held[gram] = [found, i]
            elif len(found) < cap:
                found.append(i)
    if walked is not None:
        walked()
    return _kept(paragraphs, paths, cap, _flat(held, cap))


def followed(kept: Any, changed: Iterable[str]) -> tuple[Any, ...] | None:
    """The index for the next run, after one that changed the documents ``changed``: the same base,
    a larger overlay; None past OVERLAY_MOST documents (the next run makes it again)."""
    overlay = tuple(sorted({*kept[-1], *changed}))
    return None if len(overlay) > OVERLAY_MOST else (*kept[:-1], overlay)


class Holders:
    """Look-ups in a kept index (:func:`from_whole`, :func:`followed`) for this run's
    ``paragraphs`` (of the documents ``paths``, in order), for callers that need the first
    ``count`` unchanged holders of a shingle."""

    def __init__(self, kept: Any, paragraphs: Paragraphs, paths: Sequence[str], count: int) -> None:
        version, cap, sizes, mapped, base, overlay = kept
        keys, holders, numbered = (int(size) for size in sizes)
        data = mapped.data if type(mapped) is Mapped else None
        if version != _VERSION or data is None:
            raise ValueError("an entry-copy holder index this code did not write, or not read back")
        size = len(data)
        if size != 8 * keys + 4 * (keys + 1 + holders + 2 * numbered):
            raise ValueError("an entry-copy holder index cut short")
        ends = [8 * keys, 12 * keys + 4, 12 * keys + 4 + 4 * holders, 12 * keys + 4 + 4 * holders + 4 * numbered]
        self._keys = memoryview(data[: ends[0]]).cast("q")
        self._starts = memoryview(data[ends[0] : ends[1]]).cast("i")
        # each shingle's holders read when looked up: a run looks up a few thousand of them
        self._data, self._at = data, ends[1]
        self._documents, self._numbers = (
            memoryview(data[start:end]).cast("i") for start, end in zip(ends[2:], [ends[3], size], strict=True)
        )
        if self._starts[-1] != holders:
            raise ValueError("an entry-copy holder index cut short")
        self._paragraphs, self._cap, self._count = paragraphs, cap, count
        documents = self._documents
        place = {path: d for d, path in enumerate(paths)}
        gone = set(overlay)
        # each base document's place in this run; -1: changed since (its holders are read from this run)
        self._now = array("i", [-1 if path in gone else place[path] for path in base])
        # the base numbered as this run (the same documents, each paragraph in its period): its holders are
        # this run's paragraphs, less those of the documents changed since
        order = paragraphs.order()
        same = (
            tuple(base) == tuple(paths) and array("l", documents) == order[0] and array("l", self._numbers) == order[1]
        )
        counts = Counter(documents) if not same else Counter()  # (numbered as this run: as many as this run's)
        for d, now in enumerate(self._now) if not same else ():
            if now >= 0 and counts[d] != paragraphs.count(now):  # (a document not changed since holds what it held)
                raise ValueError("an entry-copy holder index of other documents")
        known = set(base)
        if any(path not in known and path not in gone for path in paths):
            raise ValueError("an entry-copy holder index without a document of the run")
        self._changed = [place[path] for path in overlay if path in place]  # this run's documents changed since
        self._gone = (
            {paragraphs.number(d, k) for d in self._changed for k in range(paragraphs.count(d))} if same else None
        )

    def find(self, shingles: set[int]) -> dict[int, tuple[array[int], bool]]:
        """Each shingle's holders in this run, in order, as far as they are certain, and whether
        that is all of them."""
        paragraphs, now, documents, numbers = self._paragraphs, self._now, self._documents, self._numbers
        keys, starts, data, offset, cap, gone = self._keys, self._starts, self._data, self._at, self._cap, self._gone
        extra: dict[int, list[int]] = {}  # holders in documents changed since the base
        for d in self._changed:
            for k in range(paragraphs.count(d)):
                i = paragraphs.number(d, k)
                for gram in shingles.intersection(paragraphs.grams(i)):
                    extra.setdefault(gram, []).append(i)
        found: dict[int, tuple[array[int], bool]] = {}
        short: dict[int, tuple[list[int], int]] = {}  # cut short, too few kept: those kept, how many more needed
        for gram in shingles:
            n = bisect_left(keys, gram)
            found_at = n < len(keys) and keys[n] == gram
            base = memoryview(data[offset + 4 * starts[n] : offset + 4 * starts[n + 1]]).cast("i") if found_at else ()
            if gone is not None:
                mapped = list(base)  # (in C)
                if not gone.isdisjoint(mapped):
                    mapped = [b for b in mapped if b not in gone]
            else:  # (in order: documents not changed keep their order)
                mapped = [paragraphs.number(now[documents[b]], numbers[b]) for b in base if now[documents[b]] >= 0]
            if len(base) >= cap and len(mapped) < self._count:  # (else those kept are enough)
                short[gram] = (mapped, self._count - len(mapped))
                continue
            held = array("l", sorted([*mapped, *extra.get(gram, ())]))  # (8 bytes a holder, not an int's 32)
            if len(base) < cap:
                found[gram] = (held, True)
            else:  # more holders may follow the last listed: certain only up to the last
                found[gram] = (held[: bisect_left(held, max(mapped) + 1)], False)
        for gram, (more, whole) in self._more(short).items():
            held = array("l", sorted([*short[gram][0], *more, *extra.get(gram, ())]))
            found[gram] = (held, True) if whole else (held[: bisect_left(held, more[-1] + 1)], False)
        return found

    def _more(self, short: dict[int, tuple[list[int], int]]) -> dict[int, tuple[list[int], bool]]:
        """For each shingle of ``short`` (cut short, and left with too few holders by the overlay): as many
        holders after its last kept as it needs, in documents not changed since the base (those of
        the others are read from the summaries), found in a walk of the run from there that stops
        once it has them all; and whether they are all it has (the walk reached the run's end)."""
        if not short:
            return {}
        paragraphs = self._paragraphs
        after = {gram: max(kept) if kept else -1 for gram, (kept, _) in short.items()}
        need = {gram: lost for gram, (_, lost) in short.items()}
        more: dict[int, list[int]] = {gram: [] for gram in short}
        wanted = set(short)
        changed = set(self._changed)
        documents = paragraphs.order()[0]
        for i in range(min(after.values()) + 1, len(paragraphs)):
            if documents[i] in changed:
                continue
            for gram in wanted.intersection(paragraphs.grams(i)):
                if i > after[gram]:
                    more[gram].append(i)
                    need[gram] -= 1
                    if not need[gram]:
                        wanted.discard(gram)
            if not wanted:
                break
        return {gram: (more[gram], gram in wanted) for gram in short}
