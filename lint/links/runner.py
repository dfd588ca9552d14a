"""The online phase of a run: link targets in, one :class:`LinkResults` out.

Distinct targets are parsed; those the ``exclude`` list names are set aside; URLs
are deduplicated (``page#a`` and ``page#b`` are one request); fresh cached answers are
reused; the rest are asked by :class:`lint.links.client.Client` with a progress bar on
a terminal; new answers go to the cache and to the failure history
(:mod:`lint.links.history`); each target is judged with its history; a line of
counts goes to stderr.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine, Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from lint.escape import for_terminal, say
from lint.links import history
from lint.links.cache import Cache, default_path
from lint.links.progress import Bar, wanted
from lint.links.results import BROKEN, EXCLUDED, MOVED, OK, UNRELIABLE, Counts, LinkResult, LinkResults, Probe
from lint.links.settings import Settings
from lint.links.urls import Target, checkable_fragment, parse_target
from lint.links.verdict import excluded, judge, observation, works

FLUSH_EVERY = 500  # answers written to the cache in one transaction


def _run_coroutine(factory: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run a coroutine to completion, also when called from inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(factory())
        return
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, factory()).result()


def check_all(
    targets: Iterable[str],
    settings: Settings,
    *,
    stderr: TextIO | None = None,
    hosts: Mapping[str, str] | None = None,
    warn: Callable[[str], None] | None = None,
) -> LinkResults:
    """Check every distinct http(s) target in ``targets``; other targets are left out of the result.

    ``hosts`` maps host names to fixed addresses (for tests); ``warn`` receives
    warnings (default: printed to ``stderr``).
    """
    stream = stderr if stderr is not None else sys.stderr

    def to_stream(message: str) -> None:
        say(message, stream=stream)

    warn = warn or to_stream
    parsed: list[Target] = []
    for raw in dict.fromkeys(targets):
        target = parse_target(raw)
        if target is not None:
            parsed.append(target)
    results: dict[str, LinkResult] = {}
    fragments: dict[str, set[str]] = {}
    host_of: dict[str, tuple[str, str, int]] = {}
    active: list[Target] = []
    for target in parsed:
        if any(p.search(target.url) or p.search(target.raw) for p in settings.exclude):
            results[target.raw] = excluded(target)
            continue
        active.append(target)
        host_of.setdefault(target.url, target.host_key)
        wanted_here = fragments.setdefault(target.url, set())
        if settings.check_fragments and checkable_fragment(target.fragment):
            assert target.fragment is not None
            wanted_here.add(target.fragment)

    cache = Cache.open(settings.cache_path, settings.cache_ttl, warn) if settings.cache and active else None
    probes: dict[str, Probe] = {}
    if cache is not None:
        for url, probe in cache.get_many(host_of).items():
            if fragments[url] and probe.anchors is None and works(probe, settings):
                continue  # cached without its page's anchors: ask again for them
            probes[url] = probe
    from lint.links.client import Client, Request

    requests = [Request(url, host_of[url], frozenset(fragments[url])) for url in host_of if url not in probes]
    pending: list[Probe] = []

    try:
        with Bar(len(requests), stream, wanted(settings.progress, stream)) as bar:

            def on_result(probe: Probe) -> None:
                failed = not works(probe, settings)
                bar.advance(failed)
                if cache is not None and probe.cacheable:
                    pending.append(probe)
                    if len(pending) >= FLUSH_EVERY:
                        cache.put_many(pending)
                        pending.clear()

            async def ask() -> None:
                async with Client(settings, hosts=hosts, on_result=on_result, warn=warn) as client:
                    probes.update(await client.run(requests))

            try:
                if requests:
                    _run_coroutine(ask)
            finally:
                if cache is not None:
                    cache.put_many(pending)
                    cache.prune()
        at = history.now()
        records = _record_history(probes, settings, at, warn, cache)
    finally:
        if cache is not None:
            cache.close()
    for target in active:
        answer = probes.get(target.url)
        if answer is not None:
            results[target.raw] = judge(target, answer, settings, records.get(target.url), at)
    counts = count(results.values())
    print(f"response-lint: {for_terminal(counts.line())}", file=stream)
    return LinkResults(results)


def history_location(settings: Settings) -> tuple[Path, bool] | None:
    """Where the history is kept, and whether that is a portable file of its own.

    ``--link-history FILE`` (``link-check.history``) names a portable file; otherwise
    the history is a table of the link cache, and kept only when the cache is.
    """
    if settings.history_path is not None:
        return settings.history_path, True
    if not settings.cache:
        return None
    path = settings.cache_path or default_path()
    return (path, False) if path is not None else None


def _record_history(
    probes: Mapping[str, Probe], settings: Settings, at: float, warn: Callable[[str], None], cache: Cache | None
) -> dict[str, history.Record]:
    """Add this run's new answers to the history; returns the records of every URL asked.

    A history kept in the link cache goes through the cache's open connection: the
    file is opened once a run.
    """
    where = history_location(settings)
    if where is None or not probes:
        return {}
    path, portable = where
    shared = cache.connection if cache is not None and not portable and cache.path == path else None
    if shared is not None:
        store = history.History.within_cache(shared, path, warn=warn)
    else:
        store = history.History.open(path, portable=portable, warn=warn)
    if store is None:
        return {}
    try:
        seen = [o for o in (observation(p, settings) for p in probes.values()) if o is not None]
        records = store.record_run(seen, at)  # reads and writes the observed URLs' rows in one go
        records.update(store.records(url for url in probes if url not in records))  # cached answers
        store.prune(at - max(settings.cache_ttl, settings.broken_after) - 30 * 86400)
    finally:
        store.close()
    return records


def count(results: Iterable[LinkResult]) -> Counts:
    """Counts by state, for the line at the end of a run."""
    tally = {OK: 0, BROKEN: 0, MOVED: 0, EXCLUDED: 0, UNRELIABLE: 0}
    cached = 0
    for result in results:
        state = BROKEN if result.fragment is not None and result.state == OK else result.state
        tally[state] += 1
        cached += result.cached
    return Counts(
        ok=tally[OK],
        broken=tally[BROKEN],
        moved=tally[MOVED],
        excluded=tally[EXCLUDED],
        cached=cached,
        unreliable=tally[UNRELIABLE],
    )
