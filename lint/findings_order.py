"""The report's order of a run's findings (:meth:`lint.findings.Chosen.sorted`), worked out a document at a time.

A warm run after one file changed has its 50,000 findings in order already, nearly all in
runs of one document's own findings: this finds the runs of one group in C
(:func:`runs`), asks each document's findings once whether they are in order
(:meth:`lint.findings.Findings.in_order`), and makes a key for a finding only in a
document whose findings must be sorted.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from array import array
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from lint.findings import Findings

if TYPE_CHECKING:
    from lint.model import Diagnostic


def runs(which: Sequence[int]) -> Iterator[tuple[int, int, int]]:
    """The runs of one group in ``which`` (a group number a finding): ``(group, first, stop)``."""
    at = 0
    for w, same in itertools.groupby(which):
        stop = at + len(list(same))
        yield w, at, stop
        at = stop


def every_in_order(groups: Sequence[Sequence[Diagnostic]]) -> bool:
    """Whether each group with diagnostics is of a document of its own, after the one before it by
    path, with its findings in order: sorting all of them, group after group, leaves them so."""
    found = [group for group in groups if len(group)]
    if not all(isinstance(group, Findings) for group in found):
        return False
    paths = [cast(Findings, group).path for group in found]
    return not any(a >= b for a, b in itertools.pairwise(paths)) and all(
        cast(Findings, group).in_order() for group in found
    )


def in_order(
    groups: Sequence[Sequence[Diagnostic]], which: array[int], index: array[int]
) -> tuple[array[int], array[int]] | None:
    """The group and index of each diagnostic (``which``, ``index``) as a stable sort by path and
    position would put them (:meth:`lint.model.Diagnostic.sort_key`); None when they are so already."""
    by_path: dict[str, list[tuple[int, int, int]]] = {}  # path -> runs (group, first, stop) of items
    for w, start, stop in runs(which):
        group = groups[w]
        if isinstance(group, Findings):
            by_path.setdefault(group.path, []).append((w, start, stop))
        else:
            for at in range(start, stop):
                by_path.setdefault(group[index[at]].path, []).append((w, at, at + 1))
    ordered: dict[str, array[int]] = {}  # a document of one run of Findings: the run in order
    unchanged, reached = True, 0
    for path in sorted(by_path):
        found = by_path[path]
        w, first, stop = found[0]
        group = groups[w]
        if len(found) == 1 and isinstance(group, Findings):
            run = index[first:stop]
            ordered[path] = _sorted_run(group, run)
            unchanged = unchanged and ordered[path] == run and first == reached
            reached = stop
        else:
            unchanged = False
    if unchanged:
        return None
    placed, chosen = array(which.typecode), array("i")
    for path in sorted(by_path):
        found = by_path[path]
        if path in ordered:
            run = ordered[path]
            placed.extend(itertools.repeat(found[0][0], len(run)))
            chosen.extend(run)
            continue
        members = _merged(groups, index, found)
        if members is None:
            members = [(w, index[at]) for w, first, stop in found for at in range(first, stop)]
            members.sort(key=lambda member: _key(groups[member[0]], member[1]))
        for w, i in members:
            placed.append(w)
            chosen.append(i)
    return placed, chosen


def _merged(
    groups: Sequence[Sequence[Diagnostic]], index: array[int], found: list[tuple[int, int, int]]
) -> list[tuple[int, int]] | None:
    """A document's findings (its runs ``found``) as a stable sort by position puts them, when they
    are one run of its own findings (a :class:`Findings`) and others one by one (the corpus
    rules'): its own in order (:func:`_sorted_run`), each other put among them by a binary search,
    a key made for a few of its own only. None when they are not so."""
    own = [k for k, (w, _, _) in enumerate(found) if isinstance(groups[found[k][0]], Findings)]
    if len(own) != 1 or len(found) == 1:
        return None
    r = own[0]
    w, first, stop = found[r]
    group = cast(Findings, groups[w])
    run = _sorted_run(group, index[first:stop])
    others = []  # (place among its own, key, before its own in the run, number, member)
    for k, (v, at, _) in enumerate(found):
        if k != r:
            key = _key(groups[v], index[at])
            if k < r:  # before them in the run: before those of its own of the same key
                place = bisect.bisect_left(run, key, key=group.key)
            else:
                place = bisect.bisect_right(run, key, key=group.key)
            others.append((place, key, k > r, k, (v, index[at])))
    others.sort(key=lambda other: other[:4])
    members: list[tuple[int, int]] = []
    done = 0
    for place, *_, member in others:
        members.extend((w, i) for i in run[done:place])
        members.append(member)
        done = place
    members.extend((w, i) for i in run[done:])
    return members


def _sorted_run(group: Findings, run: array[int]) -> array[int]:
    """``run`` (indexes of ``group``'s findings) as a stable sort by position puts them: from the order
    the findings keep (:meth:`lint.findings.Findings.order`) when the run is in the order they were
    added (a key for a finding only when it is not)."""
    if not all(map(operator.lt, run, itertools.islice(run, 1, None))):
        return array("i", sorted(run, key=group.key))
    if group.in_order():
        return run
    order = group.order()
    if len(run) == len(group):
        return array("i", order)
    kept = set(run)
    return array("i", [i for i in order if i in kept])


def _key(group: Sequence[Diagnostic], i: int) -> tuple[Any, ...]:
    """Finding ``i``'s order in its document: :meth:`lint.model.Diagnostic.sort_key` less the path."""
    return group.key(i) if isinstance(group, Findings) else group[i].sort_key()[1:]
