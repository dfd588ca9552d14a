"""Flat views of a paragraph's sentences and words: offsets in one array, each word form one string.

A paragraph of many sentences used to cost a tuple and two int objects a sentence (about
110 bytes) and a string a word (about 50): ten times the text they index. :class:`Bounds`
keeps the ``(start, end)`` offsets of the sentences one after another in one array of
32-bit numbers (8 bytes a sentence) and reads as a sequence of pairs, so the checks that
read sentences need no change; :func:`shared` makes the words that repeat one string each
(8 bytes a word in a list). Both are what the one sentence splitter
(:func:`lint.checks.sentences.split`) and readability keep.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import Any, overload

_FORMS: dict[str, str] = {}  # a word as written -> the one string kept for it
_FORMS_MAX = 1 << 16  # emptied past this: the words of any document fit, a run's words need not


class Bounds(Sequence[tuple[int, int]]):
    """The ``(start, end)`` offsets of a paragraph's sentences, kept flat: ``flat[2k]``, ``flat[2k + 1]``."""

    __slots__ = ("flat",)

    def __init__(self, flat: array[int]) -> None:
        self.flat = flat

    def __len__(self) -> int:
        return len(self.flat) >> 1

    @overload
    def __getitem__(self, k: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, k: slice) -> Sequence[tuple[int, int]]: ...

    def __getitem__(self, k: int | slice) -> Any:
        if isinstance(k, slice):
            return list(self)[k]
        n = len(self.flat) >> 1
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("sentence index out of range")
        return self.flat[2 * k], self.flat[2 * k + 1]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        pairs = iter(self.flat)
        return zip(pairs, pairs)  # noqa: B905 - an even count by construction

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Bounds):
            return self.flat == other.flat
        if isinstance(other, tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Bounds({tuple(self)!r})"


def shared(words: list[str]) -> Iterator[str]:
    """``words``, each as the one string kept for its form (a paragraph's tokens, 8 bytes each in a list)."""
    if len(_FORMS) >= _FORMS_MAX:
        _FORMS.clear()
    return map(_FORMS.setdefault, words, words)
