"""What checks work out from a paragraph's text: once per document, or once across documents.

``readability``, the copy checks and ``plain-english`` each need a paragraph's sentences;
a function wrapped in :func:`per_document` computes them once and every check reads the
same answer. The engine empties every memo after each document (:func:`forget`), so a
memo holds one document's paragraphs at most and a run's memory does not grow with it
(a cache of another shape is emptied by the function it gives :func:`also_forget`);
a check called outside the engine (a test, a bench) gets the same answers, and a memo
that grows past a bound is emptied. The answers are shared, so they are immutable
(tuples).

:class:`Remembered` keeps what one check works out from a paragraph's text alone (under
its settings) across documents: the editor server re-checks a document after each change,
and every paragraph but the one edited comes back as it was (issue 11 (e)). It is bounded
by the characters of text it keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import update_wrapper
from typing import Generic, TypeVar

T = TypeVar("T")
_BOUND = 1 << 14  # texts per memo when nothing forgets (a check run outside the engine)
_MEMOS: list[dict[str, object]] = []
_FORGETTERS: list[Callable[[], object]] = []


def per_document(function: Callable[[str], T]) -> Callable[[str], T]:
    """``function`` of a text, remembered until the engine moves to the next document."""
    memo: dict[str, T] = {}
    _MEMOS.append(memo)  # type: ignore[arg-type]
    missing = object()  # (no answer is it: a KeyError raised and caught for each first ask cost a microsecond)

    def remembered(text: str) -> T:
        found = memo.get(text, missing)
        if found is missing:
            if len(memo) >= _BOUND:
                memo.clear()
            found = memo[text] = function(text)
        return found  # type: ignore[return-value]

    return update_wrapper(remembered, function)


def also_forget(clear: Callable[[], object]) -> None:
    """Have :func:`forget` call ``clear`` too (it empties a cache of its own of the document's)."""
    _FORGETTERS.append(clear)


def forget() -> None:
    """Empty every memo (the engine, after each document)."""
    for memo in _MEMOS:
        memo.clear()
    for clear in _FORGETTERS:
        clear()


_KEPT_MAX = 1 << 20  # characters of text a Remembered keeps (an entry counts its text and _ENTRY more) ...
_ENTRY = 64
_LONGEST = 1 << 13  # ... and texts longer than this are not kept (one would take the place of hundreds)


class Remembered(Generic[T]):
    """A check's answers about paragraph texts, by its settings, kept across documents.

    The answer must be a function of the text and the settings alone (``settings``: a hashable
    value made from the rule's options), and immutable: it is shared by every document that
    has the same paragraph. When what it keeps passes the bound, it is emptied.
    """

    __slots__ = ("_kept", "_memos")

    def __init__(self) -> None:
        self._memos: dict[Hashable, dict[str, T]] = {}
        self._kept = 0

    def under(self, settings: Hashable) -> dict[str, T]:
        """The answers kept under ``settings``, by text (read them; add with :meth:`keep`)."""
        memo = self._memos.get(settings)
        if memo is None:
            memo = self._memos[settings] = {}
            self._kept += _ENTRY
        return memo

    def keep(self, memo: dict[str, T], text: str, answer: T) -> T:
        """``answer`` for ``text``, kept in ``memo`` (from :meth:`under`) while the bound allows."""
        if len(text) > _LONGEST:
            return answer
        self._kept += len(text) + _ENTRY
        if self._kept > _KEPT_MAX:  # start again: ``memo`` is no longer kept either
            self.clear()
            memo.clear()
        memo[text] = answer
        return answer

    def clear(self) -> None:
        """Forget every answer."""
        self._memos.clear()
        self._kept = 0
