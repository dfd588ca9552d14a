"""The check stage of a run: each document read and checked, here or in worker processes.

Per file the work is pure (:func:`lint.engine.check_document`: config, rules and the
document give findings and a summary), so it may run anywhere: here (``--jobs 1``), or in
forked worker processes (``--jobs N``, default one per core), each given chunks of files.
What a document gives is stored in the result cache and kept for the run (:mod:`lint.spool`),
and handed back in run order whatever ran it (:func:`check`). A worker that ends before it
gives back its chunk (killed, out of memory) ends the run with one line naming this stage
(:class:`lint.errors.WorkerError`, exit 2), never a traceback nor workers left behind.
:mod:`lint.pipeline` runs this stage on the files the cache does not hold, then the corpus rules.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from lint import engine, source, spool
from lint.budget import OverBudget, time_budget
from lint.collector import collector_paused
from lint.errors import WorkerError
from lint.files import read_regular, to_display
from lint.model import Document
from lint.tuples import NamedTuple

if TYPE_CHECKING:
    from lint import gathered
    from lint.config import Config
    from lint.progress import RunProgress
    from lint.resultcache import Marks, ResultCache
    from lint.spool import Handle, Keep
    from lint.statindex import StatIndex

_CHUNK = 16  # files per task sent to a worker: large enough to amortise the hand-over
_MIN_FOR_WORKERS = 8  # fewer files than this are checked here: starting workers costs more


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def read_document(path: str, config: Config, data: bytes | None = None) -> Document:
    """The Document of ``path`` (from ``data`` when the caller has read its bytes already)."""
    fmt = config.format_of(path)
    try:
        with time_budget(config.time_budget):
            if data is None:
                return source.load(to_display(path), config.reader, fmt, config.max_file_size)
            return source.parse_bytes(to_display(path), data, config.reader, fmt, config.max_file_size)
    except OverBudget:
        return source.unreadable(
            to_display(path),
            f"reading was stopped after {config.time_budget:g} s (time-budget): a phase-heading or furniture "
            "pattern of the config may backtrack without end",
        )


def read_bytes(path: str, config: Config) -> bytes | None:
    try:
        return read_regular(path, config.max_file_size + 1)
    except OSError:
        return None  # source.load makes the diagnostic (a FIFO, a device: skipped, never read)


def read_hashed(path: str, config: Config, index: StatIndex) -> tuple[bytes | None, str | None]:
    """:func:`read_bytes` and the content hash of the bytes read (:meth:`lint.statindex.StatIndex.read`)."""
    try:
        return index.read(path, config.max_file_size + 1)
    except OSError:
        return None, None


class _Done(NamedTuple):
    """What checking one document hands back to the run: its display path, its result without
    its summaries and each summary, kept (:mod:`lint.spool`), and its summaries' marks (the
    digest of each, and the anchors of each anchored one: :meth:`lint.resultcache.ResultCache.put`)."""

    path: str
    result: Handle
    summaries: dict[str, Handle]
    marks: Marks


def check_one(plan: engine.Plan, cache: ResultCache | None, keep: Keep, path: str, data: bytes | None) -> _Done:
    """Check one document, store its result in the cache, and keep its parts (``keep``)."""
    result = engine.check_document(plan, read_document(path, plan.config, data))
    marks: Marks = ({}, {})
    if cache is not None and data is not None:
        from lint.cachekeys import digest

        # a document's text is its bytes decoded (source.parse_bytes), or empty when it was not
        # read: the entry need not hold it, a hit decodes the bytes it just hashed again
        left_out = bool(result.outline.text)
        stored = result._replace(outline=result.outline._replace(text="")) if left_out else result
        marks = cache.put(result.path, digest(data), stored, left_out)
    summaries = {name: keep.put(summary) for name, summary in result.summaries.items()}
    if len(result.outline.text) >= GIVE_BACK_AFTER:
        # reading and checking a large document leave holes in the heap the size of its text
        # (its bytes, the text being split, the checks' working sets), which would stay resident
        # under the corpus rules' memory: handed back (1.4 MB of a 0.9 MB file's run's peak)
        spool.give_back()
    return _Done(result.path, keep.put(result._replace(summaries={})), summaries, marks)


GIVE_BACK_AFTER = 1 << 19  # characters: a document from which checking it is followed by spool.give_back()

_STATE: tuple[engine.Plan, ResultCache | None, Keep] | None = None


def _start_worker(plan: engine.Plan, cache: ResultCache | None, keep: Keep) -> None:
    global _STATE
    _STATE = (plan, cache, keep)


def _work(tasks: list[tuple[str, bytes | None]]) -> list[_Done]:
    assert _STATE is not None, "worker not started"
    plan, cache, keep = _STATE
    with collector_paused():
        return [check_one(plan, cache, keep, path, data) for path, data in tasks]


def _can_fork() -> bool:
    """Whether workers can be forked. A plan holds compiled rules whose option validators are
    closures, which cannot be pickled for a spawned worker; where there is no fork (Windows), the
    documents are checked here instead, with the same output."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _in_workers(
    plan: engine.Plan,
    cache: ResultCache | None,
    keep: Keep,
    tasks: list[tuple[str, bytes | None]],
    jobs: int,
    progress: RunProgress | None = None,
) -> list[_Done]:
    import multiprocessing
    from concurrent.futures import BrokenExecutor, ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    size = max(1, min(_CHUNK, len(tasks) // (jobs * 4) or 1))
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(chunks)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(plan, cache, keep),
    )
    processes = getattr(pool, "_processes", None)  # (CPython's: each worker's Process, to tell how one ended)
    try:
        with pool:  # (shut down on leaving, every worker waited for)
            done: list[_Done] = []
            for chunk in pool.map(_work, chunks):
                done.extend(chunk)
                if progress is not None:
                    progress.advance(len(chunk))
            return done
    except BrokenExecutor as exc:
        raise WorkerError(f"checking files: {_how_ended(processes)}; --jobs 1 checks them in this process") from exc


def _how_ended(processes: object) -> str:
    """What happened to the worker that ended before it gave back its files' results (the pool
    stops the others with SIGTERM once one has gone): its exit code or signal, when known."""
    import signal

    codes = [p.exitcode for p in processes.values()] if isinstance(processes, dict) else []
    ended = [code for code in codes if code not in (None, 0, -signal.SIGTERM)] or [
        code for code in codes if code == -signal.SIGTERM
    ]
    if not ended:
        return "a worker process ended before it gave back its files' results (killed, or out of memory?)"
    code = ended[0]
    if code > 0:
        return f"a worker process exited with code {code} before it gave back its files' results"
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = "unknown"
    hint = ": out of memory?" if -code == signal.SIGKILL else ""
    return f"a worker process was killed by signal {-code} ({name}{hint}) before it gave back its files' results"


def check(
    plan: engine.Plan,
    cache: ResultCache | None,
    keep: Keep,
    run: gathered.Run,
    tasks: list[tuple[str, bytes | None]],
    where: list[int],
    jobs: int = 1,
    progress: RunProgress | None = None,
) -> None:
    """Check the files of ``tasks`` (at ``where`` in the run) and put what they give in ``run``."""
    if jobs > 1 and len(tasks) >= _MIN_FOR_WORKERS and _can_fork():
        checked = _in_workers(plan, cache, keep, tasks, jobs, progress)
    else:
        with collector_paused():
            checked = []
            for path, data in tasks:
                checked.append(check_one(plan, cache, keep, path, data))
                if progress is not None:
                    progress.advance()
    for i, done in zip(where, checked, strict=True):
        run.paths[i], run.results[i], run.kept[i], run.summaries[i] = done.path, None, done.result, done.summaries
        run.digests[i], run.anchors[i] = done.marks
