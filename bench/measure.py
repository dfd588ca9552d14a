"""How the benchmarks measure, in one place: the best of N timed runs, and peak memory.

Figures are taken on a shared machine, so a time is the fastest of N runs (the least
disturbed one). Peak memory is the kernel's peak resident set (``ru_maxrss``): of this
process (:func:`peak_rss_bytes`), or of a child run to the end together with the
processes it waited for, its workers (:func:`run_child`). Standard library only.
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple


def best_of(repeat: int, run: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds, by ``clock`` (wall by default; ``time.process_time`` for CPU), of the fastest of
    ``repeat`` calls of ``run`` (at least one)."""
    best = float("inf")
    for _ in range(max(repeat, 1)):
        started = clock()
        run()
        best = min(best, clock() - started)
    return best


def peak_rss_bytes() -> int:
    """The peak resident set of this process so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class Child(NamedTuple):
    """A child process run to the end: wall seconds, peak RSS in KiB, exit code, output."""

    wall: float
    peak_rss_kib: int
    code: int
    stdout: str
    stderr: str


def run_child(argv: Sequence[str], cwd: str | Path | None = None, env: Mapping[str, str] | None = None) -> Child:
    """Run ``argv`` to the end. Its peak RSS is that of the largest of it and the processes it
    waited for (``wait4``), so a run's worker processes count; output goes through files, so
    a large report cannot block it."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, env=dict(env) if env is not None else None, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Child(wall, usage.ru_maxrss, proc.returncode, out.read(), err.read())
