"""Check a run's files: each through the result cache, the misses in this process or in workers.

Per file the work is pure (:func:`lint.engine.check_document`: config, rules and the
document give findings and a summary), so it may run anywhere: here (``--jobs 1``),
in worker processes (``--jobs N``, default one per core), or not at all when the
result cache holds it. Results are gathered in run order whatever ran them, and the
corpus rules and suppressions then run once on them (:func:`lint.engine.finish`), so
the output is the same, in the same order, however the work was spread. With the cache,
each corpus rule's findings are reused when its summaries are the ones it last ran on
(:func:`_corpus`), so a changed file makes only the rules whose summary of it changed
run again, on summaries read from the cache. Shards (:mod:`lint.shards`) stop after
:func:`results` and write them to a file instead.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lint import corpusorder, engine, gathered, source, spool
from lint.budget import OverBudget, time_budget
from lint.checks import workers
from lint.collector import collector_paused
from lint.files import read_regular, to_display
from lint.model import Diagnostic, Document
from lint.tuples import NamedTuple

if TYPE_CHECKING:
    from lint.checks.api import Finding
    from lint.config import Config
    from lint.progress import RunProgress
    from lint.resultcache import Marks, ResultCache
    from lint.rules import Rule
    from lint.spool import Handle, Keep
    from lint.statindex import StatIndex
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


def _read_hashed(path: str, config: Config, index: StatIndex) -> tuple[bytes | None, str | None]:
    """:func:`_read_bytes` and the content hash of the bytes read (:meth:`lint.statindex.StatIndex.read`)."""
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


def _check_one(plan: engine.Plan, cache: ResultCache | None, keep: Keep, path: str, data: bytes | None) -> _Done:
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
        return [_check_one(plan, cache, keep, path, data) for path, data in tasks]


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
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    size = max(1, min(_CHUNK, len(tasks) // (jobs * 4) or 1))
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(chunks)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(plan, cache, keep),
    ) as pool:
        done: list[_Done] = []
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
    keep: Keep,
    timings: Timings | None,
    progress: RunProgress | None,
) -> gathered.Run:
    """Every file's result in the order of ``files``: from the cache (without summaries:
    :func:`_summaries` reads those a corpus rule needs), else checked (stored, and kept)."""
    index = None
    if cache is not None:  # else not imported: pickle, shutil and hashlib are a one-file run's start-up time
        from lint.statindex import StatIndex

        # a file whose stat is the one it was hashed with is read (its text is decoded) but not hashed again
        index = StatIndex(cache.stat_file())

    clock = time.perf_counter
    run = gathered.Run(files)
    tasks: list[tuple[str, bytes | None]] = []
    where: list[int] = []
    started = clock()
    for i, path in enumerate(files):
        data, content = _read_hashed(path, plan.config, index) if index is not None else (None, None)
        if cache is not None and data is not None and content is not None:
            shown = to_display(path)
            run.contents[i] = content
            hit = cache.get(shown, content, lambda p=path, d=data: read_document(p, plan.config, d).entries)  # type: ignore[misc]
            if hit is not None:
                result, left_out, (run.digests[i], run.anchors[i]) = hit
                if left_out:  # its text (stored empty): its bytes decoded if a later stage reads it (most do not)
                    # (the outline just unpickled is this run's own object; an entry keeps no rule times)
                    result.outline.text_later(lambda data=data: source.decode(data)[0])  # type: ignore[misc]
                run.results[i] = result
                run.paths[i] = result.path
                continue
        tasks.append((path, data))
        where.append(i)
    if index is not None:
        index.save()
    if timings is not None and cache is not None:
        timings.add_stage("cache", clock() - started)
    started = clock()
    _check(plan, cache, keep, run, tasks, where, jobs, progress)
    if timings is not None:
        timings.add_stage("check", clock() - started)
    return run


def _check(
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
                checked.append(_check_one(plan, cache, keep, path, data))
                if progress is not None:
                    progress.advance()
    for i, done in zip(where, checked, strict=True):
        run.paths[i], run.results[i], run.kept[i], run.summaries[i] = done.path, None, done.result, done.summaries
        run.digests[i], run.anchors[i] = done.marks


def _summaries(
    plan: engine.Plan, cache: ResultCache | None, keep: Keep, run: gathered.Run, rule: str, jobs: int
) -> dict[int, Any] | None:
    """``rule``'s summaries of the run's documents (:func:`lint.gathered.summaries`), those that
    cannot be read checked again."""

    def recheck(missing: list[int]) -> None:  # (only with a cache: a summary it could not read)
        from lint.cachekeys import digest

        tasks = [(run.files[i], _read_bytes(run.files[i], plan.config)) for i in missing]
        for i, (_, data) in zip(missing, tasks, strict=True):  # read again: perhaps edited since
            if data is not None:
                run.contents[i] = digest(data)
        _check(plan, cache, keep, run, tasks, missing, jobs)

    return gathered.summaries(cache, keep, run, rule, recheck)


def _corpus(
    plan: engine.Plan, cache: ResultCache | None, keep: Keep, run: gathered.Run, jobs: int, timings: Timings | None
) -> list[Diagnostic]:
    """The corpus rules' findings. With a cache, each rule's are reused when it holds its findings
    on the same summaries (:func:`lint.cachekeys.rule_key`), else computed and kept. One rule's
    summaries are read at a time and let go once it has run, and the documents' outlines and
    findings are read back only after the last: a run never holds them all at once."""
    if cache is not None:
        from lint.cachekeys import rule_key
        from lint.resultcache import placed

    clock = time.perf_counter
    started = clock()
    contents = run.hashed()
    while True:
        found: dict[int, tuple[Rule, list[Finding]]] = {}  # by place in the plan's order
        kept: list[tuple[int, str, dict[str, tuple[int, ...]]]] = []  # (place in found, key, anchors) to store
        later = corpusorder.Later()  # with jobs: rules started in workers, read once the others ran
        for at, rule, check_corpus, starts in corpusorder.order(plan, jobs):
            rule_started = clock()
            name = rule.name
            findings = None
            if cache is not None:
                key = rule_key(name, run.summarised(name))
                anchors = {p: run.anchors[i][name] for i, p in enumerate(run.paths) if p and name in run.anchors[i]}
                stored = cache.corpus(key)
                findings = placed(*stored[:2], anchors) if stored is not None else None
                if stored is not None and findings is not None:
                    findings = gathered.named(findings, stored[2], contents)  # phase_at need not read entries
            reused, unread = findings is not None, False
            if findings is None and cache is not None:
                try:  # each summary read when the rule asks for it
                    findings = gathered.again(plan, cache, run, rule, gathered.Lazy(cache, keep, run, name))
                except gathered.Unread:
                    unread = True  # one it needs cannot be read: all read as below, that file checked again
            if findings is None:
                summaries = _summaries(plan, cache, keep, run, name, 1 if later else jobs)  # (no fork beside them)
                if summaries is None:
                    later.stop()
                    break  # a file changed during the run: every rule again, on what it holds now
                if unread and cache is not None:
                    findings = gathered.again(plan, cache, run, rule, list(summaries.values()))
                if findings is None:
                    findings = later.run(at, plan, rule, check_corpus, list(summaries.values()), starts)
                del summaries
            if cache is not None and not reused:
                kept.append((at, key, anchors))  # once made into diagnostics: with their names
            for held in run.summaries:
                held.pop(name, None)
            if isinstance(keep, spool.Spool):
                spool.give_back()  # the rule's summaries and work: the next stage is not counted on top
            if findings is not None:  # (else started: read below)
                found[at] = (rule, findings)
                if timings is not None:
                    timings.add_rule(name, clock() - rule_started)
        else:
            later.read(found, timings)
            break
    run.load(keep)
    outlines = {result.path: result.outline for result in run.done()}
    made = [engine.corpus_diagnostics(plan, *found[at], outlines) for at in range(len(found))]
    if cache is not None:
        for at, key, anchors in kept:
            cache.put_corpus(key, found[at][1], anchors, gathered.names_of(found[at][1], made[at], contents))
    diagnostics = [d for of_rule in made for d in of_rule]
    if timings is not None:
        timings.add_stage("corpus rules", clock() - started)
    return diagnostics


def _every_summary(
    plan: engine.Plan, cache: ResultCache | None, keep: Keep, run: gathered.Run, jobs: int
) -> dict[str, dict[int, Any]]:
    """Every corpus rule's summaries (rule -> place in the run -> summary); all read again when a
    file changed while they were read (:func:`_summaries` gave None)."""
    while True:
        every: dict[str, dict[int, Any]] = {}
        for rule, _ in engine.corpus_rules(plan):
            found = _summaries(plan, cache, keep, run, rule.name, jobs)
            if found is None:
                break
            every[rule.name] = found
        else:
            return every


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
    keep = spool.for_run(len(files))
    try:
        run = _gather(files, plan, jobs, cache, keep, timings, progress)
        every = _every_summary(plan, cache, keep, run, jobs)
        run.load(keep)
    finally:
        keep.close()
    # each result with its summaries, as a run without a cache has them
    for i, result in enumerate(run.results):
        if result is not None:
            run.results[i] = result._replace(summaries={name: got[i] for name, got in every.items() if i in got})
    return run.done()


def check_files(
    files: Sequence[str],
    plan: engine.Plan,
    jobs: int,
    cache: ResultCache | None = None,
    timings: Timings | None = None,
    progress: RunProgress | None = None,
) -> tuple[list[Document], Sequence[Diagnostic], list[str | None]]:
    """The run's documents (outlines: no paragraphs), its diagnostics, sorted, and the content
    hash of each file as it was read (None: without a cache, or not read).

    With a cache, each corpus rule's findings on the same summaries are reused (a corpus
    rule is a pure function of its summaries); else they are computed and kept. The results'
    summaries are let go as the corpus rules finish with them.
    """
    keep = spool.for_run(len(files))
    try:
        run = _gather(files, plan, jobs, cache, keep, timings, progress)
        with collector_paused(), workers.allowed(jobs):  # a corpus rule may spread its work too (stopped on leaving)
            corpus = _corpus(plan, cache, keep, run, jobs, timings)
    finally:
        keep.close()
    done = run.done()
    with collector_paused():
        diagnostics = engine.finish_lazy(plan, done, timings, corpus)
    return [result.outline for result in done], diagnostics, list(run.contents)
