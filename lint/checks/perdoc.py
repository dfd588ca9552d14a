"""What several checks work out from the same paragraph text, worked out once per document.

``readability``, the copy checks and ``plain-english`` each need a paragraph's sentences;
a function wrapped in :func:`per_document` computes them once and every check reads the
same answer. The engine empties every memo after each document (:func:`forget`), so a
memo holds one document's paragraphs at most and a run's memory does not grow with it
(a cache of another shape is emptied by the function it gives :func:`also_forget`);
a check called outside the engine (a test, a bench) gets the same answers, and a memo
that grows past a bound is emptied. The answers are shared, so they are immutable
(tuples).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import TypeVar

T = TypeVar("T")
_BOUND = 1 << 14  # texts per memo when nothing forgets (a check run outside the engine)
_MEMOS: list[dict[str, object]] = []
_FORGETTERS: list[Callable[[], object]] = []


def per_document(function: Callable[[str], T]) -> Callable[[str], T]:
    """``function`` of a text, remembered until the engine moves to the next document."""
    memo: dict[str, T] = {}
    _MEMOS.append(memo)  # type: ignore[arg-type]

    def remembered(text: str) -> T:
        try:
            return memo[text]
        except KeyError:
            pass
        if len(memo) >= _BOUND:
            memo.clear()
        found = memo[text] = function(text)
        return found

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
