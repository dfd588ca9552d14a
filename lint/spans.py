"""Positions in a document's text: spans, the line index, and the index that finds the span holding an offset.

Imports nothing of ours but :mod:`lint.tuples`; :mod:`lint.model` builds its records on these.
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from lint.tuples import NamedTuple


class Span(NamedTuple):
    """Half-open range ``[start, end)`` of code-point offsets into a document's text.

    The small value types of the model (:mod:`lint.model`) are named tuples, not dataclasses: they are
    immutable and compare by value all the same, but a reader creates hundreds per
    file and a named tuple is made at C speed (and its class in a tenth of the
    time, which a one-file pre-commit run notices). ``len()`` is the tuple's, so
    the width of a span is :attr:`length`.
    """

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


class LineIndex:
    """Maps offsets to 1-based line and column numbers (columns count code points)."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        # an array: 4 bytes a line (8 past 2 GiB) where a list of ints takes about 40, and a run
        # keeps the index of every document with a finding until its report is written
        starts = array("i" if len(text) < 1 << 31 else "q", [0])
        if "\r" in text:
            starts.extend(m.end() for m in re.finditer(r"\r\n?|\n", text))  # (compiled only when needed)
        else:  # the common case, at C speed
            find = text.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
        self._starts = starts

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self._starts[line - 1] + 1

    def line_span(self, line: int) -> Span:
        """The span of line ``line`` (1-based) without its line ending."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        while end > start and self._text[end - 1] in "\r\n":
            end -= 1
        return Span(start, end)

    def line_text(self, line: int) -> str:
        return self.line_span(line).slice(self._text)

    @property
    def line_count(self) -> int:
        return len(self._starts)


def holds(span: Span, offset: int) -> bool:
    return span.start <= offset < max(span.end, span.start + 1)


class Stab(NamedTuple):
    """Spans in order of their starts, with the running maximum of their ends: the first span
    holding an offset is then found by two binary searches, also when spans overlap (an
    unclosed div's entry runs into the next). Scanning them all per finding took minutes.
    Kept as arrays of offsets, 8 bytes each, with no span tuple held."""

    starts: array[int]
    ends: array[int]
    reach: array[int] | None  # reach[i]: the furthest end (at least start + 1) of spans 0..i; None:
    # the starts are not in order, so the spans are walked

    @staticmethod
    def of(spans: list[Span]) -> Stab:
        return Stab.of_offsets(array("q", [span.start for span in spans]), array("q", [span.end for span in spans]))

    @staticmethod
    def of_offsets(starts: array[int], ends: array[int]) -> Stab:
        """The index of the spans ``starts[i]..ends[i]``."""
        if any(a > b for a, b in itertools.pairwise(starts)):
            return Stab(starts, ends, None)
        reach = array("q")
        furthest = -1
        for start, end in zip(starts, ends, strict=True):
            furthest = max(furthest, end, start + 1)
            reach.append(furthest)
        return Stab(starts, ends, reach)

    def first(self, offset: int) -> int:
        """Index of the first span holding ``offset``, or -1."""
        if self.reach is None:
            return next(
                (i for i, (s, e) in enumerate(zip(self.starts, self.ends, strict=True)) if s <= offset < max(e, s + 1)),
                -1,
            )
        begun = bisect.bisect_right(self.starts, offset)  # spans 0..begun-1 start at or before it
        first = bisect.bisect_right(self.reach, offset)  # the first whose reach passes it: it ends after it
        return first if first < begun else -1


_set = object.__setattr__
_V = TypeVar("_V")


class Indexed:
    """What a document (:class:`lint.model.Document`, its one subclass) works out from its text and
    entries when first asked: the line index, the index of its entries' and phases' spans, its links.

    Slots of a base class, so they are none of the document's fields (not compared, hashed, shown
    or pickled), set even on an immutable one.
    """

    __slots__ = ("_entries_stab", "_fields_from", "_lines", "_links", "_phases_stab", "_text_from")
    _lines: LineIndex | None
    _entries_stab: Stab | None
    _phases_stab: dict[int, Stab] | None
    _links: tuple[Any, ...] | None  # lint.model.Document.links
    _text_from: Callable[[], str] | None  # what gives the text, not read yet (:meth:`text_later`)
    _fields_from: Callable[[], dict[str, Any]] | None  # what gives the fields not set yet (lint.cachedresult)
    text: str
    entries: Any  # a tuple of entries, or columns that make their own index (``entry_index()``)

    def _unworked(self) -> None:
        """Nothing worked out yet (the subclass's ``__init__``)."""
        for name in Indexed.__slots__:
            self._keep(name, None)

    def text_later(self, load: Callable[[], str]) -> None:
        """Leave the text to ``load``, called when it is first read (on a document just made). A
        warm run takes 2,000 outlines from the result cache and, after one file changed, reads
        the text of next to none (the report keeps the others' pieces): each is decoded from its
        file's bytes only when a later stage reads it. Everything that reads the fields (equality,
        pickling, ``_replace``) reads it too, so a document is the same either way."""
        object.__delattr__(self, "text")  # (an immutable document's slot: read again by __getattr__)
        self._keep("_text_from", load)

    def text_unread(self) -> None:
        """Undo :meth:`text_later` while the text is not read yet: the text empty again, as a cache entry
        stores it (so the document pickles without its text, to be given it again later)."""
        if getattr(self, "_text_from", None) is not None:
            self._keep("_text_from", None)
            self._keep("text", "")

    if not TYPE_CHECKING:  # (for the type checker, a document has no attribute it does not declare)

        def __getattr__(self, name: str) -> Any:
            """Only for an attribute that is not set: the text left to :meth:`text_later`, or a field of a
            cache hit's outline, whose fields but a few are unpickled when one of them is first read
            (:mod:`lint.cachedresult`)."""
            if name not in Indexed.__slots__:  # (a slot of ours unset: a document being made)
                load = self._text_from if name == "text" else None
                if load is not None:
                    self._keep("_text_from", None)
                    return self._keep("text", load())
                fields = self._fields_from if name in self.__slots__ else None  # (a field: Document's slots)
                if fields is not None:
                    for field, value in fields().items():
                        self._keep(field, value)
                    self._keep("_fields_from", None)
                    return getattr(self, name)
            raise AttributeError(f"{self.__class__.__qualname__!r} object has no attribute {name!r}")

    def _keep(self, name: str, value: _V) -> _V:
        """``value``, kept in slot ``name`` (worked out once): the one way these slots are set, also
        on an immutable document."""
        _set(self, name, value)
        return value

    @property
    def lines(self) -> LineIndex:
        lines = self._lines
        if lines is None:
            lines = self._keep("_lines", LineIndex(self.text))
        return lines

    @property
    def _entry_index(self) -> Stab:
        stab = self._entries_stab
        if stab is None:
            entries = self.entries
            stab = self._keep(
                "_entries_stab",
                entries.entry_index() if not isinstance(entries, tuple) else Stab.of([e.span for e in entries]),
            )
        return stab

    @property
    def _phase_index(self) -> dict[int, Stab]:
        """The phase index of each entry with more than a few phases (by the entry's index), made
        when first asked for; an entry with few is walked. A Stab for every entry took 300 bytes
        an entry, most of them for one phase."""
        found = self._phases_stab
        if found is None:
            found = self._keep("_phases_stab", {})
        return found
