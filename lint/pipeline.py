"""Check a run's files: each through the result cache, the misses checked (:mod:`lint.checking`), then the corpus rules.

Per file the work is pure (:func:`lint.engine.check_document`), so it may run anywhere:
here, in worker processes (:mod:`lint.checking`), or not at all when the result cache
holds it. Results are gathered in run order whatever ran them, and the corpus rules and
suppressions then run once on them (:func:`lint.engine.finish`), so the output is the
same, in the same order, however the work was spread. With the cache, each corpus rule's
findings are reused when its summaries are the ones it last ran on (:func:`_corpus`), so a
changed file makes only the rules whose summary of it changed run again, on summaries read
from the cache. Shards (:mod:`lint.shards`) stop after :func:`results` and write them to a
file instead.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lint import checking, corpusorder, engine, gathered, spool
from lint.checking import default_jobs as default_jobs  # (the callers' names for these)
from lint.checking import read_document as read_document
from lint.checks import workers
from lint.collector import collector_paused
from lint.files import to_display
from lint.model import Diagnostic, Document

if TYPE_CHECKING:
    from lint.checks.api import Finding
    from lint.progress import RunProgress
    from lint.resultcache import ResultCache
    from lint.rules import Rule
    from lint.spool import Keep
    from lint.timings import Timings


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
    left: dict[int, bytes] = {}  # the bytes of each hit whose entry left its text out
    where: list[int] = []
    started = clock()
    for i, path in enumerate(files):
        data, content = checking.read_hashed(path, plan.config, index) if index is not None else (None, None)
        if cache is not None and data is not None and content is not None:
            shown = to_display(path)
            run.contents[i] = content
            hit = cache.get(shown, content, lambda p=path, d=data: read_document(p, plan.config, d).entries)  # type: ignore[misc]
            if hit is not None:
                result, left_out, (run.digests[i], run.anchors[i]) = hit
                run.results[i], run.paths[i] = result, result.path
                if left_out:  # its text (stored empty): its bytes decoded if a later stage reads it (most do not)
                    left[i] = data
                continue
        tasks.append((path, data))
        where.append(i)
    if index is not None:
        index.save()
    if len(files) > len(tasks) > gathered.AGAIN_MOST and isinstance(keep, spool.Spool):  # may run whole
        run.set_aside(keep, left)  # (the hits, until the report: not under every summary at once)
        spool.give_back()
    else:
        run.texts_later(left)
    del left
    if timings is not None and cache is not None:
        timings.add_stage("cache", clock() - started)
    started = clock()
    checking.check(plan, cache, keep, run, tasks, where, jobs, progress)
    if timings is not None:
        timings.add_stage("check", clock() - started)
    return run


def _summaries(
    plan: engine.Plan, cache: ResultCache | None, keep: Keep, run: gathered.Run, rule: str, jobs: int
) -> dict[int, Any] | None:
    """``rule``'s summaries of the run's documents (:func:`lint.gathered.summaries`), those that
    cannot be read checked again."""

    def recheck(missing: list[int]) -> None:  # (only with a cache: a summary it could not read)
        from lint.cachekeys import digest

        tasks = [(run.files[i], checking.read_bytes(run.files[i], plan.config)) for i in missing]
        for i, (_, data) in zip(missing, tasks, strict=True):  # read again: perhaps edited since
            if data is not None:
                run.contents[i] = digest(data)
        checking.check(plan, cache, keep, run, tasks, missing, jobs)

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

    def whole() -> None:  # a rule about to read every summary: the hits not under them (see check_files)
        if isinstance(keep, spool.Spool) and run.left:
            run.set_aside_late(keep)
            spool.give_back()

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
            light = reused  # the rule read few summaries: little memory to hand back (see below)
            if findings is None and cache is not None:
                lazy = gathered.Lazy(cache, keep, run, name)
                try:  # each summary read when the rule asks for it
                    findings = gathered.again(plan, cache, run, rule, lazy, whole)
                except gathered.Unread:
                    unread = True  # one it needs cannot be read: all read as below, that file checked again
                light = findings is not None and lazy.reads * 4 <= len(lazy)
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
            if isinstance(keep, spool.Spool) and not light:
                # the rule's summaries and work: the next stage is not counted on top. Not after a rule
                # that read few (its findings reused, or worked out again after an edit): the memory it
                # freed is used again by the next stages, where handing it back and faulting it in again
                # was 0.04 s of a warm run after one word changed (it peaks at 182 MiB, 161 with it)
                spool.give_back()
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
