"""The read issues of a large document kept as columns, each made when asked for.

A reader gathers them in an :class:`IssueList`: tuples while few, past
:data:`~lint.readers.columns.PACK_AT` columns of offsets (a tuple, a Span and two int objects
took about 200 bytes an issue: 20,000 nested unclosed divs held several times their input).
An issue message with one number in it ("… starts at line 8123 …") stores its words once and
the number in an array.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Sequence

from lint import regexcache
from lint.model import ReadIssue, Severity, Span
from lint.readers import columns, views

new_tuple = tuple.__new__
_NUMBERED = regexcache.compile(r"(\D*)(\d{1,18})(\D*)", re.DOTALL)


class Issues(views.ColumnView[ReadIssue]):
    """Read issues kept as columns: 8 bytes of offsets an issue (16 past 2 GiB), a message
    reference, a number and a byte for its (severity, code) pair (20,000 nested unclosed divs
    say the same thing); each :class:`~lint.model.ReadIssue` is made when asked for."""

    __slots__ = ("_kind", "_kinds", "_messages", "_numbers", "_off")

    def __init__(self, issues: Iterable[ReadIssue] = ()) -> None:
        self._off = array("i")
        # a message, or the words around the one number in it (the number in _numbers)
        self._messages: list[str | tuple[str, str]] = []
        self._numbers = array("i")
        self._kind = array("B")  # an index into _kinds
        self._kinds: list[tuple[Severity, str]] = []
        shared: dict[object, object] = {}
        for issue in issues:
            self.add(issue, shared)

    def add(self, issue: ReadIssue, shared: dict[object, object]) -> None:
        span, message, severity, code = issue
        if span.end >= 1 << 31 and self._off.typecode == "i":
            self._off = array("q", self._off)
        self._off.extend(span)
        numbered = _NUMBERED.fullmatch(message)
        if numbered is not None and str(int(numbered[2])) == numbered[2] and len(numbered[2]) < 10:
            # "… starts at line 8123 before …": the words once, the number in the array
            words = (numbered[1], numbered[3])
            self._messages.append(shared.setdefault(words, words))  # type: ignore[arg-type]
            self._numbers.append(int(numbered[2]))
        else:
            self._messages.append(message)
            self._numbers.append(0)
        kind = (severity, code)
        if kind not in self._kinds:
            if len(self._kinds) == 255:  # a byte each no more: any number of kinds still fits
                self._kind = array("i", self._kind)
            self._kinds.append(kind)
        self._kind.append(self._kinds.index(kind))

    def __len__(self) -> int:
        return len(self._messages)

    def _make(self, k: int) -> ReadIssue:
        severity, code = self._kinds[self._kind[k]]
        span = new_tuple(Span, (self._off[2 * k], self._off[2 * k + 1]))
        message = self._messages[k]
        if type(message) is tuple:
            message = f"{message[0]}{self._numbers[k]}{message[1]}"
        return new_tuple(ReadIssue, (span, message, severity, code))


class IssueList:
    """The issues a reader has found, in order: tuples while few, then :class:`Issues`."""

    __slots__ = ("_columns", "_shared", "_tuples")

    def __init__(self) -> None:
        self._tuples: list[ReadIssue] = []
        self._columns: Issues | None = None
        self._shared: dict[object, object] = {}

    def append(self, issue: ReadIssue) -> None:
        if self._columns is not None:
            self._columns.add(issue, self._shared)
            return
        self._tuples.append(issue)
        if len(self._tuples) > columns.PACK_AT:
            self._columns = Issues(self._tuples)
            self._tuples = []

    def __len__(self) -> int:
        return len(self._columns) if self._columns is not None else len(self._tuples)

    def finish(self) -> Sequence[ReadIssue]:
        """The issues: a tuple, or :class:`Issues` when there were many."""
        return self._columns if self._columns is not None else tuple(self._tuples)


def joined(*parts: Sequence[ReadIssue]) -> Sequence[ReadIssue]:
    """The issues of ``parts`` one after another, as a tuple or, when many, as :class:`Issues`
    (the one part that has any, as it is, when it is one of those: not a copy of 64,000)."""
    some = [part for part in parts if part]
    if (
        len(some) == 1
        and isinstance(some[0], (tuple, Issues))
        and (len(some[0]) > columns.PACK_AT) == (isinstance(some[0], Issues))
    ):
        return some[0]
    if sum(map(len, parts)) <= columns.PACK_AT:
        return tuple(issue for part in parts for issue in part)
    kept = IssueList()
    for part in parts:
        for issue in part:
            kept.append(issue)
    return kept.finish()
