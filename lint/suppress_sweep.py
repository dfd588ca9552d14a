"""Which suppressed region covers each finding: one sweep over regions and findings together.

The findings are taken in the order of their offsets; the regions that have begun wait
in one heap per kind of region (the same rules, the same exceptions), latest directive
first, and leave it once they have ended. Asking every region about every finding took
time in the product of their numbers (20,000 suppressions and as many findings: minutes);
this takes ``(regions + findings) x log`` plus one look per kind of region and finding.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

R = TypeVar("R", bound=Any)
Key = tuple[tuple[str, ...] | None, frozenset[str]]
# (rule, the region's rules (None: every rule), its exceptions, explicit only) -> matching patterns, or None
Verdict = Callable[[str, tuple[str, ...] | None, frozenset[str], bool], list[str] | None]


def covering(
    queries: Sequence[tuple[int, str, bool]], regions: Sequence[R], verdict: Verdict
) -> list[tuple[R, list[str]] | None]:
    """For each ``(offset, rule, explicit_only)``: the latest region holding the offset that
    suppresses the rule (``verdict`` says which do, and with which of their patterns), or None.

    A region has ``start``, ``end``, ``rules``, ``excepted`` and ``directive.comment.span``;
    it holds ``start <= offset < max(end, start + 1)``; "latest" is the directive written
    last, and of two regions of one directive the later in ``regions``.
    """
    order = sorted(range(len(queries)), key=lambda i: queries[i][0])
    starts = sorted(range(len(regions)), key=lambda i: regions[i].start)
    heaps: dict[Key, list[tuple[int, int]]] = {}
    verdicts: dict[tuple[Key, str, bool], list[str] | None] = {}
    result: list[tuple[R, list[str]] | None] = [None] * len(queries)
    following = 0
    for qi in order:
        offset, rule, explicit_only = queries[qi]
        while following < len(starts) and regions[starts[following]].start <= offset:
            index = starts[following]
            region = regions[index]
            heapq.heappush(
                heaps.setdefault((region.rules, region.excepted), []), (-region.directive.comment.span.start, -index)
            )
            following += 1
        best: tuple[int, int] | None = None
        hit: list[str] = []
        for key, heap in heaps.items():
            while heap and not offset < max(regions[-heap[0][1]].end, regions[-heap[0][1]].start + 1):
                heapq.heappop(heap)  # ended before this offset, so before every later one too
            if not heap:
                continue
            asked = (key, rule, explicit_only)
            if asked not in verdicts:
                verdicts[asked] = verdict(rule, key[0], key[1], explicit_only)
            patterns = verdicts[asked]
            if patterns is not None and (best is None or heap[0] < best):
                best, hit = heap[0], patterns
        if best is not None:
            result[qi] = (regions[-best[1]], list(hit))
    return result
