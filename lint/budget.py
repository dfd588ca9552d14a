"""A time budget for work that may never end: a user's regex that backtracks on a file.

Python's ``re`` has no timeout, but it checks for signals as it matches, so a timer
signal (``SIGALRM``) can stop it: :func:`time_budget` raises :class:`OverBudget` in
the block when it runs longer than its budget. The engine gives each rule's check
of each file, and the reader each file, such a budget; running over becomes a
finding naming the rule (or the file), not a hang. Only where timer signals work
(POSIX, the main thread); elsewhere the block runs without a budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_SECONDS = 20.0


class OverBudget(Exception):
    """The block ran longer than its time budget."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` in the block if it runs longer than ``seconds`` (None or 0: no budget)."""
    import _signal as signal  # the C module signal wraps: the same calls, without making signal's enums

    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def over(signum: int, frame: object) -> None:
        raise OverBudget(f"took longer than {seconds:g} s")

    try:
        previous, timed = signal.signal(signal.SIGALRM, over), True
    except ValueError:  # not the main thread (asked so, not through threading: start-up time)
        previous, timed = None, False
    if not timed:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
