"""Sequences whose items are made from columns of offsets when read, as the large documents keep them.

:class:`ColumnView` is what the entries (:class:`~lint.readers.columns.Entries`), the read issues
(:class:`~lint.readers.records.Issues`) and a long run of paragraphs (:class:`Paragraphs`, of the
:class:`ParagraphColumns` the entries keep their paragraphs in) share.
"""

from __future__ import annotations

from abc import abstractmethod
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from sys import intern
from typing import TypeVar, overload

from lint.model import Link, Paragraph, Span

T = TypeVar("T")
new_tuple = tuple.__new__
_BREAKS = frozenset(("\n", "\r"))  # a piece that is a line break reads as a space: it joins two lines
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
    into the columns of the rest: its text (None: cut from the document's, or joined again
    from its pieces), its links and its pieces. A link is six offsets, 24 bytes (its label
    and target are cut from the document's text when read), and a piece two: as tuples a
    link took about 560 bytes and a piece 110, ten times a paragraph's text of two links
    (a link whose label or target is not the text at its span is kept as it is)."""

    __slots__ = (
        "kind",
        "kinds",
        "link_at",
        "links",
        "more",
        "odd",
        "off",
        "piece_at",
        "pieces",
        "plain",
        "text",
        "texts",
    )

    def __init__(self, text: str) -> None:
        self.text = text  # the document's text: a paragraph that is a slice of it is cut again when read
        code = "i" if len(text) < 1 << 31 else "q"
        self.off = array(code)  # start, end
        self.kind = array("B")  # an index into kinds
        self.kinds: list[str] = []
        self.more = array("i")
        # per paragraph with more: its text (None: cut or joined), its first link, its first
        # piece, the length of its text when joined from its pieces (-1: not)
        self.texts: list[str | None] = []
        self.link_at = array("i")
        self.piece_at = array("i")
        self.plain = array("i")
        self.links = array(code)  # per link: start, end, label's start and end, target's (-1: none)
        self.odd: dict[int, Link] = {}  # link number -> the link, when its offsets do not give it
        self.pieces = array(code)  # per piece: its offset in the paragraph's text, and in the document's

    def __len__(self) -> int:
        return len(self.more)

    def add(self, paragraph: Paragraph) -> None:
        text, span, kind, links, pieces = paragraph
        start, end = span
        cut = end - start == len(text) and self.text.startswith(text, start)
        if kind not in self.kinds:
            self.kinds.append(kind)
        self.kind.append(self.kinds.index(kind))
        self.off.extend(span)
        if cut and not links and not pieces:
            self.more.append(-1)
            return
        self.more.append(len(self.texts))
        self.link_at.append(len(self.links) // 6)
        for link in links:
            self._add_link(link)
        first = len(self.pieces)
        self.piece_at.append(first)
        for piece in pieces:
            self.pieces.extend(piece)
        joined = not cut and bool(pieces) and self._joined(first, len(self.pieces), len(text)) == text
        self.texts.append(None if cut or joined else text)
        self.plain.append(len(text) if joined else -1)

    def add_run(self, paragraphs: Iterable[Paragraph]) -> tuple[int, int]:
        """Append ``paragraphs``: ``(first, stop)`` of the run."""
        first = len(self.more)
        for paragraph in paragraphs:
            self.add(paragraph)
        return first, len(self.more)

    def _add_link(self, link: Link) -> None:
        label, target, span, (a, b), target_span = link
        c, d = target_span if target_span is not None else (-1, -1)
        doc = self.text
        if not (
            b - a == len(label)
            and doc.startswith(label, a)
            and (target is None) == (target_span is None)
            and (target is None or (d - c == len(target) and doc.startswith(target, c)))
        ):
            self.odd[len(self.links) // 6] = link
        self.links.extend((*span, a, b, c, d))

    def _joined(self, first: int, stop: int, length: int) -> str:
        """A paragraph's text joined from its pieces ``first`` up to ``stop`` (its length
        ``length``); :meth:`add` keeps the text itself when this is not it."""
        p, doc = self.pieces, self.text
        parts = []
        for x in range(first, stop, 2):
            at, offset = p[x], p[x + 1]
            part = doc[offset : offset + (p[x + 2] if x + 2 < stop else length) - at]
            parts.append(" " if part in _BREAKS else part)  # the space that joins two lines
        return "".join(parts)

    def link(self, n: int) -> Link:
        """Link ``n``, made."""
        if n in self.odd:
            return self.odd[n]
        o, doc = self.links, self.text
        at = 6 * n
        a, b, c, d = o[at + 2], o[at + 3], o[at + 4], o[at + 5]
        span = new_tuple(Span, (o[at], o[at + 1]))
        if c < 0:
            return new_tuple(Link, (doc[a:b], None, span, new_tuple(Span, (a, b)), None))
        return new_tuple(Link, (doc[a:b], doc[c:d], span, new_tuple(Span, (a, b)), new_tuple(Span, (c, d))))

    def _link_numbers(self, more: int) -> range:
        """The numbers of the links of the paragraph whose index into the rest is ``more``."""
        stop = len(self.links) // 6 if more + 1 == len(self.texts) else self.link_at[more + 1]
        return range(self.link_at[more], stop)

    def links_of(self, first: int, stop: int) -> Iterator[Link]:
        """The links of paragraphs ``first`` up to ``stop``, in order, each made (no paragraph is)."""
        more = self.more
        for k in range(first, stop):
            if more[k] >= 0:
                yield from map(self.link, self._link_numbers(more[k]))

    def paragraph(self, k: int) -> Paragraph:
        """Paragraph ``k``, made."""
        start, end = self.off[2 * k], self.off[2 * k + 1]
        more = self.more[k]
        text: str | None = None
        links: tuple[Link, ...] = ()
        pieces: tuple[tuple[int, int], ...] = ()
        if more >= 0:
            last = more + 1 == len(self.texts)
            links = tuple(map(self.link, self._link_numbers(more)))
            first, stop = self.piece_at[more], len(self.pieces) if last else self.piece_at[more + 1]
            pieces = tuple(zip(self.pieces[first:stop:2], self.pieces[first + 1 : stop : 2]))  # noqa: B905
            text = self.texts[more]
            if text is None and self.plain[more] >= 0:
                text = self._joined(first, stop, self.plain[more])
        if text is None:
            text = self.text[start:end]
            if end - start <= _SHORT:  # "TBC", "N/A": one copy of each, however many paragraphs say it
                text = intern(text)
        span = new_tuple(Span, (start, end))
        return new_tuple(Paragraph, (text, span, self.kinds[self.kind[k]], links, pieces))


class Links(Sequence[Link]):
    """Every link of a document whose entries are kept as columns, in reading order: ``head``
    (those before its first entry), then each entry's, made each time it is walked (a tuple of
    them all, kept for each link rule, held 560 bytes a link as long as the document lived).
    ``walk`` gives the entries' links, in the order of each entry's ``links``."""

    __slots__ = ("_count", "_head", "_walk")

    def __init__(self, head: tuple[Link, ...], walk: Callable[[], Iterator[Link]]) -> None:
        self._head = head
        self._walk = walk
        self._count = -1

    def __iter__(self) -> Iterator[Link]:
        yield from self._head
        yield from self._walk()

    def __len__(self) -> int:
        if self._count < 0:
            self._count = sum(1 for _ in self)
        return self._count

    @overload
    def __getitem__(self, index: int) -> Link: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Link, ...]: ...

    def __getitem__(self, index: int | slice) -> Link | tuple[Link, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        at = index + len(self) if index < 0 else index
        if not 0 <= at < len(self):
            raise IndexError(index)
        return next(islice(self, at, None))


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
