"""A document's diagnostics held in columns while its checks run, made into Diagnostic objects when read.

A :class:`lint.model.Diagnostic` takes 112 bytes, and with the span a check made for it (a
tuple and two ints) 240: a file with a finding on every line held one per line while its full
document (every paragraph) was still alive, the peak of the run. :class:`Findings` keeps the
same diagnostics in columns, about 50 bytes each: offsets and rule and severity codes in
arrays, the message, entry and phase as references (the engine stores each repeated string
once), and the rarer fields (related places, a fix, fingerprint text) only for the findings
that have them. Reading it (by index or in order) gives equal Diagnostic objects; it pickles
as its columns, for worker processes, the result cache and shard files.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import Any, overload

from lint.model import Diagnostic, Fix, Related, Severity, Span

_SEVERITIES = {int(severity): severity for severity in Severity}


class Findings(Sequence[Diagnostic]):
    """The diagnostics of one document (``path``), in the order they were added."""

    __slots__ = ("_codes", "_ends", "_extras", "_names", "_rules", "_starts", "_texts", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self._starts = array("q")
        self._ends = array("q")
        self._codes = array("q")  # rule index x 4 + severity
        self._texts: list[str | None] = []  # message, entry, phase: three a finding
        self._extras: dict[int, tuple[tuple[Related, ...], Fix | None, str | None]] = {}
        self._rules: list[str] = []
        self._names: dict[str, int] = {}

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
        code = self._names.get(rule)
        if code is None:
            code = self._names[rule] = len(self._rules)
            self._rules.append(rule)
        if related or fix is not None or fingerprint_text is not None:
            self._extras[len(self._starts)] = (related, fix, fingerprint_text)
        self._starts.append(span.start)
        self._ends.append(span.end)
        self._codes.append(code * 4 + int(severity))
        self._texts += (message, entry, phase)

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
        names = self._rules
        return [names[code >> 2] for code in self._codes]

    def _make(self, i: int) -> Diagnostic:
        code, texts = self._codes[i], self._texts
        related, fix, fingerprint = self._extras.get(i, ((), None, None))
        return Diagnostic(
            path=self.path,
            span=Span(self._starts[i], self._ends[i]),
            rule=self._rules[code >> 2],
            severity=_SEVERITIES[code & 3],
            message=texts[3 * i],  # type: ignore[arg-type]  # always a str: add() takes one
            entry=texts[3 * i + 1],
            phase=texts[3 * i + 2],
            related=related,
            fix=fix,
            fingerprint_text=fingerprint,
        )

    @overload
    def __getitem__(self, index: int) -> Diagnostic: ...
    @overload
    def __getitem__(self, index: slice) -> list[Diagnostic]: ...
    def __getitem__(self, index: int | slice) -> Diagnostic | list[Diagnostic]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("finding index out of range")
        return self._make(index)

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
        return (self.path, self._starts, self._ends, self._codes, self._texts, self._extras, self._rules)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.path, self._starts, self._ends, self._codes, self._texts, self._extras, self._rules = state
        self._names = {rule: i for i, rule in enumerate(self._rules)}
