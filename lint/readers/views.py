"""Sequences whose items are made from columns of offsets when read, as the large documents keep them.

:class:`ColumnView` is what the entries (:class:`~lint.readers.columns.Entries`), the read issues
(:class:`~lint.readers.records.Issues`) and a long run of paragraphs (:class:`Paragraphs`) share.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar, overload

from lint.model import Paragraph

if TYPE_CHECKING:
    from lint.readers.columns import Entries

T = TypeVar("T")


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


class Paragraphs(ColumnView[Paragraph]):
    """A run of paragraphs kept in the columns of an :class:`Entries`, each made when read.

    Equal to the tuple of the same paragraphs, hashed as it, and pickled as it."""

    __slots__ = ("_first", "_stop", "_store")

    def __init__(self, store: Entries, first: int, stop: int) -> None:
        self._store = store
        self._first = first
        self._stop = stop

    def __len__(self) -> int:
        return self._stop - self._first

    def _make(self, index: int) -> Paragraph:
        return self._store._paragraph(self._first + index)

    def __hash__(self) -> int:  # type: ignore[override]  # as the equal tuple's
        return hash(tuple(self))

    def __reduce__(self) -> tuple[object, ...]:
        return (tuple, (tuple(self),))

    def run_of(self, store: Entries) -> tuple[int, int] | None:
        """``(first, stop)`` of the run in ``store``'s columns, or None when kept elsewhere."""
        return (self._first, self._stop) if self._store is store else None
