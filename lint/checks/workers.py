"""How many processes a corpus check may spread its work over: the run's ``--jobs`` while the
pipeline runs the corpus rules, else 1 (the calling process only).

A corpus check is a pure function of its summaries and its options; the cores a run was given
are the run's, not a rule option, so they are set here around the corpus stage rather than
put in the rule's :class:`~lint.checks.api.Context` (which the result cache keys by). The
editor server, tests and other in-process callers of :func:`lint.engine.run` leave it at 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

_jobs = 1


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
