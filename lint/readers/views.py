"""Sequences whose items are made from columns of offsets when read, as the large documents keep them.

:class:`ColumnView` is what the entries (:class:`~lint.readers.columns.Entries`), the read issues
(:class:`~lint.readers.records.Issues`) and a long run of paragraphs (:class:`Paragraphs`, of the
:class:`ParagraphColumns` the entries keep their paragraphs in) share.
"""

from __future__ import annotations

from abc import abstractmethod
from array import array
from collections.abc import Iterable, Iterator, Sequence
from sys import intern
from typing import TypeVar, overload

from lint.model import Link, Paragraph, Span

T = TypeVar("T")
new_tuple = tuple.__new__
_PLAIN: tuple[None, tuple[()], tuple[()]] = (None, (), ())  # a paragraph's text (cut), links, pieces: most
_SHORT = 24  # characters: a paragraph this short, made from the text, is interned


class ColumnView(Sequence[T]):
    """A sequence whose items are made from columns when asked for: the indexing, iteration,
    equality (with another view of its kind or a tuple) and repr that :class:`Entries` and
    :class:`~lint.readers.records.Issues` share. A subclass gives ``__len__`` and ``_make``
    (a new item from its columns), and may give ``_get`` (the item for an index or a walk:
    :class:`Entries` keeps the last one made)."""

    __slots__ = ()

    @abstractmethod
    def _make(self, index: int) -> T:
        """A new item from the columns at ``index`` (0 <= index < len)."""

    def _get(self, index: int) -> T:
        return self._make(index)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(map(self._make, range(*index.indices(len(self)))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._get(index)

    def __iter__(self) -> Iterator[T]:
        return map(self._get, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (type(self), tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self)} as columns>"


class ParagraphColumns:
    """The paragraphs of a document's entries as columns (:mod:`lint.readers.columns`), apart
    from the entries: a :class:`Paragraphs` view an entry holds then holds no entries (which
    keep the entry last made: a cycle kept the columns alive until the collector ran).

    A plain paragraph (its text is its span of the document's text, no links, no piece table)
    takes 13 bytes: its offsets, a byte for its kind, and -1 for the rest; another, an index
    into the lists of its text (None: cut), links and pieces."""

    __slots__ = ("kind", "kinds", "links", "more", "off", "pieces", "text", "texts")

    def __init__(self, text: str) -> None:
        self.text = text  # the document's text: a paragraph that is a slice of it is cut again when read
        self.off = array("i" if len(text) < 1 << 31 else "q")  # start, end
        self.kind = array("B")  # an index into kinds
        self.kinds: list[str] = []
        self.more = array("i")
        self.texts: list[str | None] = []
        self.links: list[tuple[Link, ...]] = []
        self.pieces: list[tuple[tuple[int, int], ...]] = []

    def __len__(self) -> int:
        return len(self.more)

    def add(self, paragraph: Paragraph) -> None:
        text, span, kind, links, pieces = paragraph
        start, end = span
        cut = end - start == len(text) and self.text.startswith(text, start)
        if kind not in self.kinds:
            self.kinds.append(kind)
        self.kind.append(self.kinds.index(kind))
        if cut and not links and not pieces:
            self.more.append(-1)
        else:
            self.more.append(len(self.texts))
            self.texts.append(None if cut else text)
            self.links.append(links if links else ())
            self.pieces.append(pieces if pieces else ())
        self.off.extend(span)

    def add_run(self, paragraphs: Iterable[Paragraph]) -> tuple[int, int]:
        """Append ``paragraphs``: ``(first, stop)`` of the run."""
        first = len(self.more)
        for paragraph in paragraphs:
            self.add(paragraph)
        return first, len(self.more)

    def paragraph(self, k: int) -> Paragraph:
        """Paragraph ``k``, made."""
        start, end = self.off[2 * k], self.off[2 * k + 1]
        more = self.more[k]
        text, links, pieces = _PLAIN if more < 0 else (self.texts[more], self.links[more], self.pieces[more])
        if text is None:
            text = self.text[start:end]
            if end - start <= _SHORT:  # "TBC", "N/A": one copy of each, however many paragraphs say it
                text = intern(text)
        span = new_tuple(Span, (start, end))
        return new_tuple(Paragraph, (text, span, self.kinds[self.kind[k]], links, pieces))


class Paragraphs(ColumnView[Paragraph]):
    """A run of paragraphs kept in :class:`ParagraphColumns`, each made when read.

    Equal to the tuple of the same paragraphs, hashed as it, and pickled as it."""

    __slots__ = ("_first", "_stop", "_store")

    def __init__(self, store: ParagraphColumns, first: int, stop: int) -> None:
        self._store = store
        self._first = first
        self._stop = stop

    def __len__(self) -> int:
        return self._stop - self._first

    def _make(self, index: int) -> Paragraph:
        return self._store.paragraph(self._first + index)

    def __hash__(self) -> int:  # type: ignore[override]  # as the equal tuple's
        return hash(tuple(self))

    def __reduce__(self) -> tuple[object, ...]:
        return (tuple, (tuple(self),))

    def run_of(self, store: ParagraphColumns) -> tuple[int, int] | None:
        """``(first, stop)`` of the run in ``store``'s columns, or None when kept elsewhere."""
        return (self._first, self._stop) if self._store is store else None
