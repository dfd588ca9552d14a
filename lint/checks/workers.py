"""How many processes a corpus check may spread its work over: the run's ``--jobs`` while the
pipeline runs the corpus rules, else 1 (the calling process only); and how to stop that work.

A corpus check is a pure function of its summaries and its options; the cores a run was given
are the run's, not a rule option, so they are set here around the corpus stage rather than
put in the rule's :class:`~lint.checks.api.Context` (which the result cache keys by). The
editor server, tests and other in-process callers of :func:`lint.engine.run` leave it at 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

_jobs = 1
_started: list[Callable[[], None]] = []  # how to stop the work corpus checks handed to worker processes


def jobs() -> int:
    """The processes a corpus check may use now (1: only the calling one)."""
    return _jobs


@contextmanager
def allowed(count: int) -> Iterator[None]:
    """While inside, corpus checks may use ``count`` processes (the previous count comes back after)."""
    global _jobs
    before = _jobs
    _jobs = max(1, count)
    try:
        yield
    finally:
        _jobs = before
        stop()


def started(stop_it: Callable[[], None]) -> None:
    """Remember how to stop work a corpus check handed to worker processes (for :func:`stop`)."""
    _started.append(stop_it)


def stop() -> None:
    """Stop the work corpus checks handed to workers and that was not read (a run that fails or
    starts over; also on leaving :func:`allowed`): what was not begun is cancelled, the workers end."""
    while _started:
        _started.pop()()
