"""Suppressed regions held in columns, and which of them covers each finding: one sweep over both.

:class:`Regions` keeps a document's regions as arrays of numbers (an object per region, and
a list of patterns per suppressed finding, took 400 bytes a suppression comment: more than
ten times the comment). :func:`covering` takes the findings in the order of their offsets;
the regions that have begun wait in one heap per kind of region (the same rules, the same
exceptions), latest directive first, and leave it once they have ended. Asking every region
about every finding took time in the product of their numbers (20,000 suppressions and as
many findings: minutes); this takes ``(regions + findings) x log`` plus one look per kind of
region and finding.
"""

from __future__ import annotations

import heapq
import itertools
import operator
from array import array
from collections.abc import Callable, Iterator, Sequence

Key = tuple[tuple[str, ...] | None, frozenset[str]]  # a region's rules (None: every rule) and exceptions
# (rule, the region's rules (None: every rule), its exceptions, explicit only) -> matching patterns, or None
Verdict = Callable[[str, tuple[str, ...] | None, frozenset[str], bool], tuple[str, ...] | None]
_NONE: frozenset[str] = frozenset()


class Regions:
    """The suppressed regions of one document, a column per field.

    Region ``i`` holds the offsets ``start[i] <= offset < max(end[i], start[i] + 1)``;
    ``owner[i]`` is the index of its directive, ``written[i]`` where that directive's comment
    starts (the later one wins), and ``kinds[kind[i]]`` its rules and exceptions.
    """

    __slots__ = ("_ids", "end", "kind", "kinds", "owner", "start", "written")

    def __init__(self) -> None:
        self.owner = array("q")
        self.written = array("q")
        self.start = array("q")
        self.end = array("q")
        self.kind = array("q")
        self.kinds: list[Key] = []
        self._ids: dict[Key, int] = {}

    def add(
        self,
        owner: int,
        written: int,
        start: int,
        end: int,
        rules: tuple[str, ...] | None,
        excepted: frozenset[str] = _NONE,
    ) -> None:
        key = (rules, excepted or _NONE)
        kind = self._ids.get(key)
        if kind is None:
            kind = self._ids[key] = len(self.kinds)
            self.kinds.append(key)
        self.owner.append(owner)
        self.written.append(written)
        self.start.append(start)
        self.end.append(end)
        self.kind.append(kind)

    def __len__(self) -> int:
        return len(self.start)


def _ascending(values: Sequence[int]) -> bool:
    return all(map(operator.le, values, itertools.islice(values, 1, None)))


def _order(values: Sequence[int]) -> Sequence[int]:
    """The indexes of ``values`` by value (stable); no list when they are in order already."""
    indexes = range(len(values))
    return indexes if _ascending(values) else sorted(indexes, key=values.__getitem__)


def covering(
    offsets: Sequence[int],
    rules: Sequence[str],
    explicit: Sequence[int],  # non-zero: that finding is suppressed only by a region naming its rule
    regions: Regions,
    verdict: Verdict,
) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """For each finding ``q`` (at ``offsets[q]``, of rule ``rules[q]``, suppressed by a region of
    every rule only when not ``explicit[q]``) that a region suppresses: ``(q, region, patterns)``
    for the latest region holding the offset that suppresses the rule (``verdict`` says which
    do, and with which of their patterns). "Latest" is the directive written last, and of two
    regions of one directive the later added. In the order of the offsets."""
    starts, ends, written, kinds = regions.start, regions.end, regions.written, regions.kinds
    # a heap entry is one number: minus (where its directive is written, then its index), so the
    # latest directive is on top; entries below the top that have ended are dropped in bulk when
    # a heap has doubled (else a region per line, each ended, stayed in it to the end)
    stride = len(starts) + 1
    following = 0
    begun = _order(starts)
    heaps: dict[int, list[int]] = {}
    limits: dict[int, int] = {}
    verdicts: dict[tuple[int, str, bool], tuple[str, ...] | None] = {}
    for q in _order(offsets):
        offset, rule, explicit_only = offsets[q], rules[q], bool(explicit[q])
        while following < len(begun) and starts[begun[following]] <= offset:
            index = begun[following]
            kind = regions.kind[index]
            heap = heaps.setdefault(kind, [])
            heapq.heappush(heap, -(written[index] * stride + index))
            if len(heap) > limits.get(kind, 64):
                heap[:] = [e for e in heap if offset < max(ends[-e % stride], starts[-e % stride] + 1)]
                heapq.heapify(heap)
                limits[kind] = max(64, 2 * len(heap))
            following += 1
        best: int | None = None
        hit: tuple[str, ...] = ()
        for kind, heap in heaps.items():
            while heap and not offset < max(ends[-heap[0] % stride], starts[-heap[0] % stride] + 1):
                heapq.heappop(heap)  # ended before this offset, so before every later one too
            if not heap:
                continue
            asked = (kind, rule, explicit_only)
            if asked in verdicts:
                patterns = verdicts[asked]
            else:
                patterns = verdicts[asked] = verdict(rule, *kinds[kind], explicit_only)
            if patterns is not None and (best is None or heap[0] < best):
                best, hit = heap[0], patterns
        if best is not None:
            yield q, -best % stride, hit
