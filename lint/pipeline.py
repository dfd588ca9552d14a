"""Check a run's files: each through the result cache, the misses in this process or in workers.

Per file the work is pure (:func:`lint.engine.check_document`: config, rules and the
document give findings and a summary), so it may run anywhere: here (``--jobs 1``),
in worker processes (``--jobs N``, default one per core), or not at all when the
result cache holds it. Results are gathered in run order whatever ran them, and the
corpus rules and suppressions then run once on them (:func:`lint.engine.finish`), so
the output is the same, in the same order, however the work was spread. Shards
(:mod:`lint.shards`) stop after :func:`results` and write them to a file instead.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from lint import engine, source
from lint.budget import OverBudget, time_budget
from lint.collector import collector_paused
from lint.files import read_regular, to_display
from lint.model import Diagnostic, Document

if TYPE_CHECKING:
    from lint.config import Config
    from lint.progress import RunProgress
    from lint.resultcache import ResultCache
    from lint.timings import Timings

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


def _read_bytes(path: str, config: Config) -> bytes | None:
    try:
        return read_regular(path, config.max_file_size + 1)
    except OSError:
        return None  # source.load makes the diagnostic (a FIFO, a device: skipped, never read)


def _check_one(plan: engine.Plan, cache: ResultCache | None, path: str, data: bytes | None) -> engine.DocumentResult:
    result = engine.check_document(plan, read_document(path, plan.config, data))
    if cache is not None and data is not None:
        from lint.resultcache import digest

        # a document's text is its bytes decoded (source.parse_bytes), or empty when it was not
        # read: the entry need not hold it, a hit decodes the bytes it just hashed again
        left_out = bool(result.outline.text)
        stored = result._replace(outline=replace(result.outline, text="")) if left_out else result
        cache.put(result.path, digest(data), stored, left_out)
    return result


_STATE: tuple[engine.Plan, ResultCache | None] | None = None


def _start_worker(plan: engine.Plan, cache: ResultCache | None) -> None:
    global _STATE
    _STATE = (plan, cache)


def _work(tasks: list[tuple[str, bytes | None]]) -> list[engine.DocumentResult]:
    assert _STATE is not None, "worker not started"
    plan, cache = _STATE
    with collector_paused():
        return [_check_one(plan, cache, path, data) for path, data in tasks]


def _can_fork() -> bool:
    """Whether workers can be forked. A plan holds compiled rules whose option validators are
    closures, which cannot be pickled for a spawned worker; where there is no fork (Windows), the
    documents are checked here instead, with the same output."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _in_workers(
    plan: engine.Plan,
    cache: ResultCache | None,
    tasks: list[tuple[str, bytes | None]],
    jobs: int,
    progress: RunProgress | None = None,
) -> list[engine.DocumentResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    size = max(1, min(_CHUNK, len(tasks) // (jobs * 4) or 1))
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(chunks)), mp_context=context, initializer=_start_worker, initargs=(plan, cache)
    ) as pool:
        done: list[engine.DocumentResult] = []
        for chunk in pool.map(_work, chunks):
            done.extend(chunk)
            if progress is not None:
                progress.advance(len(chunk))
        return done


def _gather(
    files: Sequence[str],
    plan: engine.Plan,
    jobs: int,
    cache: ResultCache | None,
    timings: Timings | None,
    progress: RunProgress | None,
    corpus_from: Callable[[str], list[Diagnostic] | None] | None,
) -> tuple[list[engine.DocumentResult], list[str] | None, list[Diagnostic] | None]:
    """Every file's result in the order of ``files``, the run's key (:func:`lint.resultcache.run_key`;
    None without a cache) and, when ``corpus_from`` knows that key, the corpus findings it gave.

    Cached results are read without their summaries first; the summaries are read only
    when the corpus findings are not known (or ``corpus_from`` is None: a shard needs them).
    A cached result whose summaries cannot be read is checked again.
    """
    if cache is not None:  # else not imported: pickle, shutil and hashlib are a one-file run's start-up time
        from lint.resultcache import digest

    clock = time.perf_counter
    found: list[engine.DocumentResult | None] = [None] * len(files)
    keys: list[str] = []
    tasks: list[tuple[str, bytes | None]] = []
    where: list[int] = []
    hits: list[int] = []
    started = clock()
    for i, path in enumerate(files):
        data = _read_bytes(path, plan.config) if cache is not None else None
        shown = to_display(path)
        if cache is not None and data is not None:
            content = digest(data)
            keys.append(f"{shown}\0{content}")
            hit = cache.get(shown, content)
            if hit is not None:
                result, left_out = hit
                outline = replace(result.outline, text=source.decode(data)[0]) if left_out else result.outline
                found[i] = result._replace(outline=outline, times={})  # no rule ran for it in this run
                hits.append(i)
                continue
        else:
            keys.append(f"{shown}\0")
        tasks.append((path, data))
        where.append(i)
    corpus = corpus_from(run_key(keys)) if cache is not None and corpus_from is not None else None
    if cache is not None and corpus is None:
        for i in hits:
            light = found[i]
            assert light is not None
            summaries = cache.summaries(light.path, keys[i].rpartition("\0")[2])
            if summaries is not None:
                found[i] = light._replace(summaries=summaries)
                continue
            data = _read_bytes(files[i], plan.config)  # checked again, from what the file holds now
            keys[i] = f"{light.path}\0{digest(data) if data is not None else ''}"
            tasks.append((files[i], data))
            where.append(i)
    if timings is not None and cache is not None:
        timings.add_stage("cache", clock() - started)
    started = clock()
    if jobs > 1 and len(tasks) >= _MIN_FOR_WORKERS and _can_fork():
        checked = _in_workers(plan, cache, tasks, jobs, progress)
    else:
        with collector_paused():
            checked = []
            for path, data in tasks:
                checked.append(_check_one(plan, cache, path, data))
                if progress is not None:
                    progress.advance()
    if timings is not None:
        timings.add_stage("check", clock() - started)
    for i, result in zip(where, checked, strict=True):
        found[i] = result
    gathered = [result for result in found if result is not None]
    return gathered, (keys if cache is not None else None), corpus


def run_key(keys: Sequence[str]) -> str:
    from lint.resultcache import run_key as key_of

    return key_of(keys)


def results(
    files: Sequence[str],
    plan: engine.Plan,
    jobs: int,
    cache: ResultCache | None = None,
    timings: Timings | None = None,
    progress: RunProgress | None = None,
) -> list[engine.DocumentResult]:
    """Every file's result, summaries included, in the order of ``files``: from the cache, else
    checked (and stored).

    ``progress`` (issue 15: a bar for long runs on a terminal) counts the files checked.
    """
    return _gather(files, plan, jobs, cache, timings, progress, None)[0]


def check_files(
    files: Sequence[str],
    plan: engine.Plan,
    jobs: int,
    cache: ResultCache | None = None,
    timings: Timings | None = None,
    progress: RunProgress | None = None,
) -> tuple[list[Document], list[Diagnostic], list[str | None]]:
    """The run's documents (outlines: no paragraphs), its diagnostics, sorted, and the content
    hash of each file as it was read (None: without a cache, or not read).

    With a cache, the corpus rules' findings of a run with the same files and contents are
    reused (the corpus rules are a pure function of the summaries); else they are computed
    and kept for the next run.
    """
    corpus_from = cache.corpus if cache is not None else None
    gathered, keys, corpus = _gather(files, plan, jobs, cache, timings, progress, corpus_from)
    with collector_paused():
        if cache is not None and keys is not None and corpus is None:
            corpus = engine.corpus_findings(plan, gathered, timings)
            cache.put_corpus(run_key(keys), corpus)
        elif timings is not None:
            timings.add_stage("corpus rules", 0.0)
        diagnostics = engine.finish(plan, gathered, timings, corpus)
    contents: list[str | None] = [None] * len(files)
    if keys is not None:
        contents = [key.rpartition("\0")[2] or None for key in keys]
    return [result.outline for result in gathered], diagnostics, contents
