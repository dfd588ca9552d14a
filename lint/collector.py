"""Pause Python's cyclic garbage collector while a run builds and checks its documents.

A run keeps every document until the checks are done, and the checks build many
small, acyclic objects (the copy index alone holds hundreds of thousands of tuples
and sets on a large run). With the collector on, each of its passes walks all of
them again: a third of the reading time and a fifth of the copy checks' time on
the benchmark corpus. Reference counting still frees everything; the collector
comes back on at the end, also after an error, and is left alone when it was
already off. ``check`` keeps it paused until its report is written: switched back on
before the report, its first passes walked every object of the run again (most of
the report stage's time on the benchmark corpus). Coming back on, it does not walk
what was made while it was off (:func:`gc.freeze` then :func:`gc.unfreeze` put it in the
oldest generation): that walk came at the end of every large run, after the report.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        # what was made while it was off goes to the oldest generation, and the counts start again:
        # else its first pass walked every object the run still held (~0.3 s at the end of a warm
        # 2,000-file run, for nothing). Cycles among them are found by its next full pass.
        gc.freeze()
        gc.unfreeze()
        gc.enable()
