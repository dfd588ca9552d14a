"""Split decoded text into lines with exact spans, whatever the line endings."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import overload

from lint.tuples import NamedTuple

# ``_new(Line, (number, start, end, text))`` is ``Line(number, start, end, text)`` without the named
# tuple's Python-level ``__new__`` (as lint.model.new_tuple), for the one loop that makes most lines
_new = tuple.__new__


class Line(NamedTuple):
    """One line: ``text`` without its ending, ``start``/``end`` offsets of that text.

    A named tuple rather than a dataclass: a reader makes one per line of every file,
    and a tuple is several times cheaper to create.
    """

    number: int
    start: int
    end: int
    text: str


def split_lines(text: str) -> Iterator[Line]:
    """Yield every line of ``text``; ``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a line."""
    if "\r" not in text:  # the common case: split at C speed
        parts = text.split("\n")
        if parts[-1] == "":  # the text ends with a line ending (or is empty)
            parts.pop()
        start = 0
        for number, part in enumerate(parts, 1):
            end = start + len(part)
            yield Line(number, start, end, part)
            start = end + 1
        return
    n = len(text)
    start = 0
    number = 1
    find = text.find
    while start < n:
        nl = find("\n", start)
        cr = find("\r", start, nl if nl >= 0 else n)
        if cr >= 0:
            end = cr
            nxt = cr + 2 if cr + 1 < n and text[cr + 1] == "\n" else cr + 1
        elif nl >= 0:
            end = nl
            nxt = nl + 1
        else:
            end = n
            nxt = n
        yield Line(number, start, end, text[start:end])
        number += 1
        start = nxt


def line_table(text: str) -> tuple[list[str], array[int]]:
    """``(texts, starts)``: each line's text without its ending and its start offset.

    The same lines as :func:`split_lines`, built at C speed: a reader that needs no line
    numbers and looks at most lines once spares the tuple per line. The starts are an
    array, 4 bytes a line (8 past 2 GiB) where an int object takes 32.
    """
    if "\r" not in text:
        texts = text.split("\n")
        if texts[-1] == "":
            texts.pop()
        # each line starts one past the end of the line before it
        starts = array(offset_code(text), accumulate((len(line) + 1 for line in texts), initial=0))
        starts.pop()
        return texts, starts
    texts = []
    starts = array(offset_code(text))
    for line in split_lines(text):
        texts.append(line.text)
        starts.append(line.start)
    return texts, starts


# a text up to this many characters is split at C speed and its lines kept as strings; a longer
# one keeps only offsets, and each line's text is cut from it when asked for (a 64,000-line
# file held 5 MB of line strings while it was read, most of them never kept)
SPLIT_UP_TO = 1 << 16
_LONG = 4096  # characters: a line this long is kept once cut, until another long one is
_BREAK = re.compile(r"\r\n?|\n")


def offset_code(text: str) -> str:
    """The array type code for offsets into ``text``: 4 bytes each, 8 for a text past 2 GiB."""
    return "i" if len(text) < 1 << 31 else "q"


def line_offsets(text: str) -> tuple[array[int], array[int] | None]:
    """``(starts, ends)``: the offsets of each line of ``text`` (as :func:`split_lines` has them),
    with no line's text made. ``ends`` is None when every line ends with ``\n`` (or the text):
    then each ends one before the next starts (:func:`line_end`)."""
    code = offset_code(text)
    starts = array(code)
    n = len(text)
    start = 0
    if "\r" not in text:
        find = text.find
        while start < n:
            nl = find("\n", start)
            if nl < 0:
                nl = n
            starts.append(start)
            start = nl + 1
        return starts, None
    ends = array(code)
    for m in _BREAK.finditer(text):
        starts.append(start)
        ends.append(m.start())
        start = m.end()
    if start < n:
        starts.append(start)
        ends.append(n)
    return starts, ends


def line_end(text: str, starts: array[int], k: int) -> int:
    """Where line ``k`` of ``text`` ends, from the ``starts`` of its lines when each ends with ``\n``."""
    if k + 1 < len(starts):
        return starts[k + 1] - 1
    return len(text) - 1 if text.endswith("\n") else len(text)


class LineTable(Sequence[Line]):
    """The lines of a text from line ``first`` on, as :class:`Line` tuples made when asked for.

    A reader that walks every line by index (and looks one line back or ahead) holds 4 or
    8 bytes a line (and, for a short text, its lines' strings) instead of a tuple and
    three ints (170 bytes a line more: a file of 100,000 short lines took 20 MB to read).
    """

    __slots__ = ("_ends", "_first", "_last", "_starts", "_text", "_texts")

    _text: str
    _texts: list[str] | None
    _starts: array[int]
    _ends: array[int] | None  # None: each line ends one before the next starts (line_end)

    def __init__(self, text: str, first: int = 0, table: LineTable | None = None) -> None:
        if table is not None:
            self._text, self._texts, self._starts, self._ends = table._text, table._texts, table._starts, table._ends
        elif len(text) <= SPLIT_UP_TO:
            self._text = text
            self._texts, self._starts = line_table(text)
            self._ends = self._starts  # not read: each end is its start plus its text's length
        else:
            self._text, self._texts = text, None
            self._starts, self._ends = line_offsets(text)
        self._first = first
        # the long line last cut from the text: a reader asks for a line again (to build its
        # paragraph), and a second copy of a 1 MB line would double what reading it holds
        self._last: Line | None = None

    def __len__(self) -> int:
        return max(0, len(self._starts) - self._first)

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Line]: ...

    def __getitem__(self, index: int | slice) -> Line | Sequence[Line]:
        if type(index) is int and index >= 0:  # the reader's case, first
            k = self._first + index
            start = self._starts[k]  # IndexError past the end
            if self._texts is not None:
                text = self._texts[k]
                return Line(k + 1, start, start + len(text), text)
            last = self._last
            if last is not None and last.start == start:
                return last
            end = self._ends[k] if self._ends is not None else line_end(self._text, self._starts, k)
            line = Line(k + 1, start, end, self._text[start:end])
            if end - start >= _LONG:
                self._last = line
            return line
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1 or stop < len(self):
                return [self[k] for k in range(start, stop, step)]
            return self.after(start)
        if not -len(self) <= index < 0:
            raise IndexError(index)
        return self[index + len(self)]

    def at(self, indexes: Runs) -> Iterator[Line]:
        """The lines at ``indexes`` (as ``self[k]`` for each), each made as it is reached: a reader
        gives every line of its blocks this way, and a call of :meth:`__getitem__` for each cost
        twice as much as the tuple."""
        if self._texts is None:
            yield from map(self.__getitem__, indexes)
            return
        texts, starts, first = self._texts, self._starts, self._first
        for run in indexes.runs():
            for k in range(first + run.start, first + run.stop):
                text = texts[k]
                start = starts[k]
                yield _new(Line, (k + 1, start, start + len(text), text))

    def after(self, first: int) -> LineTable:
        """The lines from ``first`` on (``self[first:]``), with the same numbers and offsets."""
        return LineTable("", self._first + first, self)

    def text(self, index: int) -> str:
        """The text of line ``index`` (as ``self[index].text``, with no tuple made)."""
        k = self._first + index
        if self._texts is not None:
            return self._texts[k]
        end = self._ends[k] if self._ends is not None else line_end(self._text, self._starts, k)
        return self._text[self._starts[k] : end]

    def texts(self) -> Iterable[str]:
        """The text of each line in order: the strings kept, or each cut as it is reached."""
        if self._texts is not None:
            return self._texts[self._first :] if self._first else self._texts
        return map(self.text, range(len(self)))

    def start(self, index: int) -> int:
        """The offset line ``index`` starts at."""
        return self._starts[self._first + index]


class Runs:
    """Line indexes in increasing order, kept as runs of consecutive ones: 8 bytes a run where
    an array of the indexes took 4 a line (a phase of 64,000 lines is one run)."""

    __slots__ = ("_bounds",)

    def __init__(self) -> None:
        self._bounds = array("i")  # first, stop of each run

    def append(self, index: int) -> None:
        bounds = self._bounds
        if bounds and bounds[-1] == index:
            bounds[-1] = index + 1
        else:
            bounds.extend((index, index + 1))

    def extend(self, other: Runs) -> None:
        for index in other:
            self.append(index)

    def runs(self) -> Iterator[range]:
        """Each run of consecutive indexes, as a range."""
        bounds = self._bounds
        for at in range(0, len(bounds), 2):
            yield range(bounds[at], bounds[at + 1])

    def __iter__(self) -> Iterator[int]:
        for run in self.runs():
            yield from run
