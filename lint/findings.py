"""A document's diagnostics held in columns while its checks run, made into Diagnostic objects when read.

A :class:`lint.model.Diagnostic` takes 112 bytes, and with the span a check made for it (a tuple and two ints)
240: a file with a finding on every line held one per line while its full document (every paragraph) was still
alive, the peak of the run. :class:`Findings` keeps the same diagnostics in columns, 8 to 44 bytes each: offsets
in arrays, and once for each run of findings of one rule and severity that say the same message, entry and phase,
their rule and severity code and the three texts (the engine stores each repeated string once), and the rarer
fields (related places, a fix, fingerprint text) only for the findings that have them. Reading it (by index or in
order) gives equal Diagnostic objects; it pickles as its columns, for worker processes, the result cache and
shard files (the rarer fields packed, but the related places' paths, unpickled when a finding is made).
"""

from __future__ import annotations

import itertools
import operator
from abc import abstractmethod
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

from lint.model import Diagnostic, Fix, Related, Severity, Span
from lint.sharedtext import Shared as Shared  # (where the engine imports it from)

T = TypeVar("T")

_SEVERITIES = {int(severity): severity for severity in Severity}
Extras = tuple[tuple[Related, ...], Fix | None, str | None]  # a finding's related places, fix and fingerprint text


class Lazy(Sequence[T]):
    """A sequence whose items are made when read, from columns a subclass keeps: the indexing
    (negative indexes, slices as lists) that :class:`Findings`, :class:`Chosen` and
    :class:`lint.report.Items` share. A subclass gives ``__len__`` and ``_make``."""

    __slots__ = ()

    @abstractmethod
    def _make(self, index: int) -> T:
        """A new item from the columns at ``index`` (0 <= index < len)."""

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(len(self))[index]]
        return self._make(range(len(self))[index])  # IndexError out of range, as a list's


class Findings(Lazy[Diagnostic]):
    """The diagnostics of one document (``path``), in the order they were added."""

    __slots__ = (
        "_codes",
        "_ends",
        "_extras",
        "_names",
        "_order",
        "_ordered",
        "_rules",
        "_runs",
        "_starts",
        "_texts",
        "path",
    )

    def __init__(self, path: str) -> None:
        self.path = path
        self._starts = array("i")  # 4 bytes an offset; 8 (_wide) past 2 GiB
        self._ends = array("i")
        # runs of findings of one rule and severity saying the same message, entry and phase (a
        # file of placeholders in one phase is one run: 8 bytes a finding in all, not 48): the
        # first finding of each run, its rule index x 4 + severity, and its three texts
        self._runs = array("i")
        self._codes = array("i")
        self._texts: list[str | None] = []
        self._extras: dict[int, Extras] | tuple[dict[int, tuple[str, ...]], bytes] = {}  # packed: __getstate__
        self._rules: list[str] = []
        self._names: dict[str, int] | None = {}  # rule -> its index in _rules (None: not made yet)
        self._ordered: bool | None = None  # whether the findings are in order (None: not asked yet)
        self._order: Sequence[int] | None = None  # their indexes in order (None: not worked out yet)

    def add(
        self,
        span: Span,
        rule: str,
        severity: Severity,
        message: str,
        entry: str | None = None,
        phase: str | None = None,
        related: tuple[Related, ...] = (),
        fix: Fix | None = None,
        fingerprint_text: str | None = None,
    ) -> None:
        """One more diagnostic of this document (the fields of :class:`lint.model.Diagnostic` but its path)."""
        self._ordered = self._order = None
        names = self._names
        if names is None:  # unpickled: made when first added to (a cached result seldom is)
            names = self._names = {name: i for i, name in enumerate(self._rules)}
        code = names.get(rule)
        if code is None:
            code = names[rule] = len(self._rules)
            self._rules.append(rule)
        if related or fix is not None or fingerprint_text is not None:
            self._unpacked()[len(self._starts)] = (related, fix, fingerprint_text)
        try:
            self._starts.append(span.start)
            self._ends.append(span.end)
        except OverflowError:
            self._wide()
            self._starts.append(span.start)
            self._ends.append(span.end)
        code = code * 4 + int(severity)
        texts = self._texts
        if (
            not texts
            or self._codes[-1] != code
            or texts[-3] is not message
            or texts[-2] is not entry
            or texts[-1] is not phase
        ):
            self._runs.append(len(self._ends) - 1)
            self._codes.append(code)
            texts += (message, entry, phase)

    def _wide(self) -> None:
        """Offsets in 8 bytes each: a finding past 2 GiB."""
        del self._starts[len(self._ends) :]
        self._starts, self._ends = array("q", self._starts), array("q", self._ends)

    def append(self, diagnostic: Diagnostic) -> None:
        """Add ``diagnostic`` (of this document)."""
        d = diagnostic
        self.add(d.span, d.rule, d.severity, d.message, d.entry, d.phase, d.related, d.fix, d.fingerprint_text)

    def __len__(self) -> int:
        return len(self._starts)

    @property
    def starts(self) -> Sequence[int]:
        """Where each finding starts (its span's start), without making the diagnostics."""
        return self._starts

    def rules(self) -> list[str]:
        """The rule of each finding, without making the diagnostics."""
        names, runs = self._rules, self._runs
        stops = itertools.chain(itertools.islice(runs, 1, None), (len(self),))
        each = zip(self._codes, runs, stops, strict=True)
        return [names[code >> 2] for code, first, stop in each for _ in range(first, stop)]

    def _make(self, i: int) -> Diagnostic:
        run = bisect_right(self._runs, i) - 1
        code, texts, at = self._codes[run], self._texts, 3 * run
        related, fix, fingerprint = self._unpacked().get(i, ((), None, None))
        return Diagnostic(
            path=self.path,
            span=Span(self._starts[i], self._ends[i]),
            rule=self._rules[code >> 2],
            severity=_SEVERITIES[code & 3],
            message=texts[at],  # type: ignore[arg-type]  # always a str: add() takes one
            entry=texts[at + 1],
            phase=texts[at + 2],
            related=related,
            fix=fix,
            fingerprint_text=fingerprint,
        )

    def __iter__(self) -> Iterator[Diagnostic]:
        return map(self._make, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Findings):
            return self.path == other.path and list(self) == list(other)
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Findings({self.path!r}, {list(self)!r})"

    def __getstate__(self) -> tuple[Any, ...]:
        import pickle  # here: a one-file run does not import it. Rarer fields apart, but related paths (pieces.cut)

        extras = (
            self._extras if isinstance(self._extras, tuple) else (self.related_paths(), pickle.dumps(self._extras, 5))
        )
        columns = (self._starts, self._ends, self._runs, self._codes, self._texts, extras, self._rules)
        return (self.path, *columns, self.order())  # sorted once: a cached document's, when it was checked

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.path, self._starts, self._ends, self._runs, self._codes, self._texts, self._extras, self._rules = state[:8]
        self._names = None
        self._order = state[8] if len(state) > 8 else None
        self._ordered = None

    def related(self) -> dict[int, tuple[Related, ...]]:
        """The related places of each finding that has some, by index, without making them."""
        return {i: extras[0] for i, extras in self._unpacked().items() if extras[0]}

    def related_paths(self) -> dict[int, tuple[str, ...]]:
        """The path of each related place of each finding that has some, by index (what a report piece's
        key reads of them: :func:`lint.pieces.cut`), without unpacking the rarer fields (:meth:`__getstate__`)."""
        if isinstance(self._extras, tuple):
            return dict(self._extras[0])
        return {i: tuple(place.path for place in extras[0]) for i, extras in self._extras.items() if extras[0]}

    def _unpacked(self) -> dict[int, Extras]:
        """The rarer fields of the findings that have some, unpickled when first read (see :meth:`__getstate__`)."""
        extras = self._extras
        if isinstance(extras, tuple):
            import pickle

            extras = self._extras = pickle.loads(extras[1])
        return extras

    def in_order(self) -> bool:
        """Whether the findings are in order (by :meth:`key`), asked of their offsets in C: only
        findings that start where the one before starts have a key made."""
        if self._ordered is None:
            starts = self._starts
            if all(map(operator.le, starts, itertools.islice(starts, 1, None))):
                equal = map(operator.eq, starts, itertools.islice(starts, 1, None))
                ties = itertools.compress(range(1, len(starts)), equal)
                self._ordered = all(self.key(j - 1) <= self.key(j) for j in ties)
            else:
                self._ordered = False
        return self._ordered

    def order(self) -> Sequence[int]:
        """The indexes of the findings in order: a stable sort by :meth:`key`, worked out once."""
        if self._order is None:
            count = len(self)
            if self.in_order():
                self._order = range(count)
            else:
                self._order = array("H" if count <= 1 << 16 else "i", sorted(range(count), key=self.key))
        return self._order

    def key(self, i: int) -> tuple[int, int, str]:
        """The order of finding ``i`` in its document (its span, then its rule), without making it."""
        return (self._starts[i], self._ends[i], self._rules[self._codes[bisect_right(self._runs, i) - 1] >> 2])


def group_code(groups: int) -> str:
    """The array type code for the group numbers of :class:`Chosen` over ``groups`` groups: a
    byte each for a run of few documents (a file of 32,000 findings is one group)."""
    return "B" if groups <= 1 << 8 else "H" if groups <= 1 << 16 else "i"


class Chosen(Lazy[Diagnostic]):
    """Some of the diagnostics of several groups (each a :class:`Findings` or a list of
    Diagnostic objects), in an order of their own: two array items a finding, each made
    into a Diagnostic object when read.

    What :func:`lint.engine.finish` gives the report stage: a file of 30,000 findings made
    as many objects of 240 bytes (and their sort keys) to hand them to a formatter that
    writes them one at a time.
    """

    __slots__ = ("_firsts", "_groups", "_index", "_which")

    def __init__(
        self, groups: Sequence[Sequence[Diagnostic]], which: array[int] | None, index: array[int] | None
    ) -> None:
        self._groups = groups
        self._which = which  # the group of each diagnostic (None: each of each group, group after group)
        self._index = index  # its index in that group
        # with no columns: where each group's diagnostics start, and where the last one's end
        self._firsts = list(itertools.accumulate(map(len, groups), initial=0)) if which is None else []

    @classmethod
    def every(cls, groups: Sequence[Sequence[Diagnostic]]) -> Chosen:
        """All the diagnostics of ``groups``, group after group (no array item for each)."""
        return cls(groups, None, None)

    def __len__(self) -> int:
        return len(self._which) if self._which is not None else self._firsts[-1]

    def _make(self, at: int) -> Diagnostic:
        if self._which is not None and self._index is not None:
            return self._groups[self._which[at]][self._index[at]]
        w = bisect_right(self._firsts, at) - 1
        return self._groups[w][at - self._firsts[w]]

    def _pairs(self) -> Iterator[tuple[int, int]]:
        """The group of each diagnostic and its index in that group, in order."""
        if self._which is not None and self._index is not None:
            return zip(self._which, self._index, strict=True)
        return ((w, i) for w, group in enumerate(self._groups) for i in range(len(group)))

    def origins(self) -> Iterator[tuple[Sequence[Diagnostic], int]]:
        """Where each diagnostic is read from, in order, without making it: its group (a
        :class:`Findings` or a list, through any Chosen among the groups) and its index there."""
        groups = self._groups
        inner: dict[int, list[tuple[Sequence[Diagnostic], int]]] = {}
        for w, i in self._pairs():
            group = groups[w]
            if isinstance(group, Chosen):
                found = inner.get(w)
                if found is None:
                    found = inner[w] = list(group.origins())
                yield found[i]
            else:
                yield group, i

    def _columns(self) -> Chosen:
        """The same diagnostics with a group and an index for each."""
        if self._which is not None:
            return self
        which, index = array(group_code(len(self._groups))), array("i")
        for w, group in enumerate(self._groups):
            which.extend(itertools.repeat(w, len(group)))
            index.extend(range(len(group)))
        return Chosen(self._groups, which, index)

    def __iter__(self) -> Iterator[Diagnostic]:
        groups = self._groups
        if self._which is None:
            return itertools.chain.from_iterable(groups)
        return (groups[w][i] for w, i in self._pairs())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Chosen({list(self)!r})"

    def where(self, keep: Iterable[object]) -> Chosen:
        """The diagnostics for which ``keep`` (one truth value each, in order) is true (this
        one, not a copy, when it is true of each: ``--changed-since`` on a new file)."""
        which, index = array(group_code(len(self._groups))), array("i")
        judged = zip(self._pairs(), keep, strict=True)
        for at, (_, kept) in enumerate(judged):
            if not kept:  # the first left out: those before it are kept
                for w, i in itertools.islice(self._pairs(), at):
                    which.append(w)
                    index.append(i)
                break
        else:
            return self
        for (w, i), kept in judged:
            if kept:
                which.append(w)
                index.append(i)
        return Chosen(self._groups, which, index)

    def sorted(self) -> Chosen:
        """The same diagnostics by path and position (:meth:`lint.model.Diagnostic.sort_key`), as a
        stable sort of them would put them, made one document at a time: a document's findings
        that are in order already (one rule's) are left so without a key each, and this one is
        given back, not a copy, when all of them are (:mod:`lint.findings_order`)."""
        from lint import findings_order

        if self._which is None:
            if findings_order.every_in_order(self._groups):
                return self
            return self._columns().sorted()
        assert self._index is not None
        found = findings_order.in_order(self._groups, self._which, self._index)
        return self if found is None else Chosen(self._groups, *found)

    def segments(self) -> Iterator[tuple[Sequence[Diagnostic], Sequence[int]]]:
        """The diagnostics in order as runs read from one group: the group, and the index there of
        each diagnostic of the run (made one run at a time, not one diagnostic at a time)."""
        groups = self._groups
        if self._which is None or self._index is None:
            return ((group, range(len(group))) for group in groups if len(group))
        from lint.findings_order import runs

        index = self._index
        return ((groups[w], index[first:stop]) for w, first, stop in runs(self._which))


def select(diagnostics: Sequence[Diagnostic], keep: Iterable[object]) -> Sequence[Diagnostic]:
    """The diagnostics for which ``keep`` (one truth value each, in order) is true: a
    :class:`Chosen` of a Chosen (no object kept for each), else a list."""
    if isinstance(diagnostics, Chosen):
        return diagnostics.where(keep)
    return list(itertools.compress(diagnostics, keep))


def at_least(diagnostics: Sequence[Diagnostic], level: Severity) -> Sequence[Diagnostic]:
    """The diagnostics of ``level`` or above (all of them, as they are, when none can be below)."""
    if level <= min(Severity):
        return diagnostics
    return select(diagnostics, (d.severity >= level for d in diagnostics))
