"""Which paragraphs entry-copy compares again after an edit, and the earlier paragraphs sharing shingles with each.

:mod:`lint.checks.entry_copy_again` says which paragraphs a change can reach; this module
finds them, and for each the earlier paragraphs sharing at least MIN_SHARED live shingles
with it (what :meth:`~lint.checks.shingles.ShingleIndex.add` gives it in a whole run). Both
need only the holders, in run order, of a few shingles: those of the changed paragraphs,
then those of the paragraphs compared again. :class:`Reach` looks them up in the holder
index kept from the last run (:mod:`lint.checks.entry_holders`); when that index is
missing, does not fit the run, or cannot tell some holders for certain, it is made again
from a walk of the run, and when even that cannot tell, the holders are found by walking
every paragraph's shingles (``walked_reach``, ``walked_shared``: about 0.3 s each on 2,000
files, where the look-ups take milliseconds). Every way gives the same answer.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lint.checks.entry_copy import MIN_SHARED
from lint.checks.entry_holders import Holders, Unsure, followed, from_walk
from lint.checks.entry_paragraphs import Paragraphs


class Reach:
    """The paragraphs to compare again and their candidates' shared shingles, for a run
    (``paragraphs`` of the documents ``paths``) after the documents ``changed`` changed, from
    the last run's holder index (``kept``, None: none) when it serves. :attr:`kept` is the
    index for the next run (None: none to keep)."""

    def __init__(
        self, kept: Any, changed: Iterable[str], paragraphs: Paragraphs, paths: Sequence[str], holders: int
    ) -> None:
        self.paragraphs, self.paths, self.holders = paragraphs, paths, holders
        self.kept = None if kept is None else followed(kept, changed)
        self._remade = False  # made from this run: what it cannot tell, no index can
        self._index: Holders | None = None
        self._walk = False

    def _holders(self) -> Holders | None:
        if self._index is None and not self._walk:
            if self.kept is not None:
                try:
                    self._index = Holders(self.kept, self.paragraphs, self.paths, self.holders)
                except (ValueError, TypeError, IndexError, KeyError):
                    self.kept = None  # not this code's, or of other documents: made again
            if self._index is None:
                self._remake()
        return self._index

    def _remake(self) -> None:
        self._index = None
        if self._remade:
            self._walk = True  # made from this run and still unsure: the passes walk the run
            return
        self._remade = True
        self.kept = from_walk(self.paragraphs, self.paths, self.holders)
        self._index = Holders(self.kept, self.paragraphs, self.paths, self.holders)

    def reached(
        self,
        fresh: frozenset[int],
        shingles: tuple[set[int], set[int]],
        digests: set[bytes],
        first_before: dict[int, tuple[Any, int, int]],
        key_of: Callable[[int], tuple[Any, int, int]],
    ) -> tuple[set[int], dict[int, int | None]]:
        """The paragraphs to compare again (the changed ones, ``fresh``, and those the module docs of
        :mod:`lint.checks.entry_copy_again` say), and each one's earlier paragraph of another entry
        with the same canonical text, as a whole run finds it. ``shingles``: those whose holders
        changed, and those a changed paragraph kept at its place; ``digests``: the canonical texts
        changed paragraphs had or have; ``first_before``: the key in the last run's order of each
        shingle's first changed holder then, compared with ``key_of`` of a paragraph."""
        again = None
        while again is None and (index := self._holders()) is not None:
            try:
                again = looked_reach(
                    index.find(shingles[0] | shingles[1]), fresh, shingles, self.holders, first_before, key_of
                )
            except Unsure:
                self._remake()
        if again is None:
            again = walked_reach(self.paragraphs, fresh, shingles, self.holders, first_before, key_of)
        for alike in self.paragraphs.with_digests(digests).values():
            again.update(alike)  # a canonical text a changed paragraph had or has
        return again, same(self.paragraphs, again)

    def shared(self, again: list[int]) -> dict[int, dict[int, int]]:
        """For each paragraph of ``again`` (in order): the earlier paragraphs sharing at least
        MIN_SHARED live shingles with it, and how many (what :meth:`ShingleIndex.add` gives it in a
        whole run)."""
        while (index := self._holders()) is not None:
            wanted = {gram for i in again for gram in self.paragraphs.grams(i)}
            try:
                return looked_shared(self.paragraphs, index.find(wanted), again, self.holders)
            except Unsure:
                self._remake()
        return walked_shared(self.paragraphs, again, self.holders)


def looked_reach(
    found: dict[int, tuple[array[int], bool]],
    fresh: frozenset[int],
    shingles: tuple[set[int], set[int]],
    holders: int,
    first_before: dict[int, tuple[Any, int, int]],
    key_of: Callable[[int], tuple[Any, int, int]],
) -> set[int]:
    """:func:`walked_reach` from each shingle's holders (``found``: :meth:`Holders.find`)."""
    again = set(fresh)
    hits: Counter[int] = Counter()  # paragraph -> kept shingles it holds after a changed holder of theirs
    reach, kept = shingles
    for gram in (*reach, *kept):  # (disjoint)
        held, whole = found[gram]
        changed = gram in reach
        before = False  # a changed paragraph holds it before this one
        counted = 0  # unchanged paragraphs holding it so far
        for i in held:
            if i in fresh:
                before = True
                continue
            if changed:
                if before or (gram in first_before and key_of(i) > first_before[gram]):
                    again.add(i)
            elif before:
                hits[i] += 1
            counted += 1
            if counted == holders:
                break  # a stock phrase for every later holder, before and after
        else:
            if not whole:
                raise Unsure
    again.update(i for i, n in hits.items() if n >= MIN_SHARED)  # a changed paragraph may be its candidate
    return again


def looked_shared(
    paragraphs: Paragraphs, found: dict[int, tuple[array[int], bool]], again: list[int], holders: int
) -> dict[int, dict[int, int]]:
    """:func:`walked_shared` from each shingle's holders (``found``: :meth:`Holders.find`)."""
    shared: dict[int, dict[int, int]] = {}
    for i in again:
        counts: Counter[int] = Counter()
        for gram in paragraphs.grams(i):
            held = found[gram][0]
            m = bisect_left(held, i)
            if m < len(held) and held[m] == i:
                if m < holders:
                    counts.update(held[:m])  # m == 0: the shingle's first holder, nothing shared
            elif len(held) < holders:  # (else it is past the holders that count)
                raise Unsure  # (a list said whole without it: an index to make again)
        shared[i] = {j: n for j, n in counts.items() if n >= MIN_SHARED}
    return shared


def walked_reach(
    paragraphs: Paragraphs,
    fresh: frozenset[int],
    shingles: tuple[set[int], set[int]],
    holders: int,
    first_before: dict[int, tuple[Any, int, int]],
    key_of: Callable[[int], tuple[Any, int, int]],
) -> set[int]:
    """:meth:`Reach.reached` but for the paragraphs with a changed canonical text, from one walk
    of every paragraph's shingles (tested in C)."""
    again = set(fresh)
    seen: Counter[int] = Counter()  # shingle -> unchanged paragraphs holding it so far
    passed: set[int] = set()  # shingles whose first changed holder in this run's order is passed
    reach, kept = set(shingles[0]), set(shingles[1])  # less each shingle past its first holders
    either = reach | kept  # (disjoint): one look at each paragraph's shingles finds those holding neither
    for i, grams in enumerate(paragraphs.each_grams()):
        if i in fresh:
            passed.update(grams)
            continue
        held = either.intersection(grams)  # (one pass in C over its shingles)
        if not held:
            continue
        if not reach.isdisjoint(held):
            key = None
            for gram in reach.intersection(held):
                if i not in again:
                    if gram in passed:
                        again.add(i)
                    elif gram in first_before:
                        key = key_of(i) if key is None else key
                        if key > first_before[gram]:
                            again.add(i)
                seen[gram] += 1
                if seen[gram] == holders:
                    reach.discard(gram)  # a stock phrase for every later holder, before and after
                    either.discard(gram)
        if not kept.isdisjoint(held):
            hits = 0  # kept shingles it holds after their changed holder: shared with it, if live
            for gram in kept.intersection(held):
                hits += gram in passed
                seen[gram] += 1
                if seen[gram] == holders:
                    kept.discard(gram)
                    either.discard(gram)
            if hits >= MIN_SHARED:
                again.add(i)  # the changed paragraph may be its candidate: compared again
    return again


def same(paragraphs: Paragraphs, again: set[int]) -> dict[int, int | None]:
    """For each paragraph of ``again``, what :func:`same_paragraph` gives it in a whole run (an
    earlier paragraph of another entry with the same canonical text), from the paragraphs with
    its canonical text, not from a walk of every paragraph before it."""
    keys = paragraphs.keys
    with_digest = paragraphs.with_digests({paragraphs.digest(i) for i in again})
    same: dict[int, int | None] = {}
    for i in again:
        held = with_digest[paragraphs.digest(i)]  # in order; i among them
        head = held[0]  # the first with it
        if head == i:
            same[i] = None
        elif keys[head] != keys[i]:
            same[i] = head
        else:  # the first with it in another entry than the first's, if before this one
            other = next((j for j in held if keys[j] != keys[head]), None)
            same[i] = other if other is not None and other < i else None
    return same


def walked_shared(paragraphs: Paragraphs, again: list[int], holders: int) -> dict[int, dict[int, int]]:
    """:meth:`Reach.shared`, from one walk of the paragraphs' shingles up to the last of ``again``."""
    until: dict[int, int] = {}  # shingle -> the last paragraph of ``again`` holding it
    for i in again:  # (in order)
        until.update(dict.fromkeys(paragraphs.grams(i), i))
    wanted = set(until)  # less each shingle whose holders that can count are all found
    owners: dict[int, list[int]] = {}  # shingle -> its first holders, in order
    last = again[-1] if again else -1
    for i, grams in enumerate(paragraphs.each_grams(last + 1)):
        for gram in wanted.intersection(grams):  # (one pass in C over its shingles, held or not)
            held = owners.setdefault(gram, [])
            held.append(i)
            if len(held) == holders or i == until[gram]:  # a later holder counts for none of them
                wanted.discard(gram)
    shared: dict[int, dict[int, int]] = {}
    for i in again:
        counts: Counter[int] = Counter()
        for gram in paragraphs.grams(i):
            held = owners.get(gram, [])
            if i in held:
                m = held.index(i)
                counts.update(held[:m])  # m == 0: the shingle's first holder, nothing shared
        shared[i] = {j: n for j, n in counts.items() if n >= MIN_SHARED}
    return shared
