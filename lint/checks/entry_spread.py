"""entry-copy's matching spread over worker processes: the same matches, in the same order.

:func:`lint.checks.entry_copy.find_matches` takes the run's paragraphs in order, adding each
to a shingle index and matching it against its candidates. What a paragraph's matching reads
is the index of the paragraphs before it and the earlier paragraphs with its canonical text,
both built in order, and nothing that another paragraph's matching does. So the paragraphs are
cut into consecutive chunks, handed out in order to forked worker processes, and each worker
brings its own index up to a chunk's start by registering the paragraphs before it
(:meth:`~lint.checks.shingles.ShingleIndex.register`: the index :meth:`add` leaves, at a
quarter of the cost), then matches the chunk as ``find_matches`` does. The index is exact
however the chunks fall, the bucket cap (``max-bucket``) included: it is the same code, run
on the same paragraphs in the same order. A worker makes its chunk's findings from its matches
(a paragraph's finding reads only that paragraph's matches), and chunks come back in order, so
the findings are those of a single process, in its order. The workers are forked after the
run's summaries are read, and share them copy-on-write: no summary is pickled, and the calling
process lets them go once the workers are started (on the 2,000-file corpus they are 177 MiB,
which it held beside the other corpus rules' summaries while the workers matched).

On the 2,000-file benchmark corpus the index and the matching are nearly all of the rule's
corpus stage (the slowest stage of a cold run after the per-document one, and serial), and
about a third of the index's work is counting holders that no registration needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import chain
from typing import Any

from lint.checks import workers
from lint.checks.api import Context, Finding
from lint.checks.entry_copy import (
    MAX_CANDIDATES,
    MIN_SHARED,
    Match,
    findings,
    match_paragraph,
    same_paragraph,
    settings,
)
from lint.checks.entry_paragraphs import Paragraphs
from lint.checks.shingles import ShingleIndex
from lint.errors import WorkerError

MIN_SPREAD = 8192  # paragraphs: a smaller run is matched in the calling process (forking costs more than it saves)
# chunks a worker, handed out in order to whichever worker is free (a queue): more chunks balance a run
# whose cost is uneven, but a worker registers the paragraphs of every chunk before its last that it did
# not match. The cost is front-loaded (later, most of a paragraph's shingles are stock phrases, which
# count nothing): on the 2,000-file corpus the first half of the paragraphs takes two thirds of the
# matching, so with equal halves one worker did 8.6 s of CPU while the other did 5.6 s and then waited.
# The CPU of each 64th of the paragraphs, matched and registered in one process, and the queue played
# over it for 2 jobs: 1 chunk a job 8.55 s wall (14.1 s CPU), 2: 8.07 (14.7), 4: 7.62 (15.0), 8: 7.62 (15.1)
CHUNKS_PER_JOB = 4

# the run being matched (paragraphs, threshold, max-bucket, same-figures, the rule's context when the
# workers make the findings too, and the texts of more than one paragraph), set before the workers are forked
_RUN: tuple[Paragraphs, float, int, bool, Context | None, frozenset[bytes]] | None = None


def can_spread(paragraphs: Paragraphs, jobs: int) -> bool:
    """Whether :func:`spread_findings` would use more than the calling process."""
    if jobs < 2 or len(paragraphs) < MIN_SPREAD:
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def spread_findings(paragraphs: Paragraphs, context: Context, jobs: int, chunks: int = 0) -> Iterator[Finding]:
    """:func:`~lint.checks.entry_copy.check_corpus`'s findings, made in ``jobs`` forked processes,
    ``chunks`` consecutive chunks of paragraphs (``CHUNKS_PER_JOB`` a job when 0), each chunk's
    matches made into its findings where they were found (a paragraph's finding reads only its own
    matches). The workers are forked and given the chunks now, before the first finding is asked
    for, and this process keeps nothing of the run: the caller may let the summaries go, and do
    other work, while they match."""
    threshold, max_bucket, same_figures = settings(context)
    return chain.from_iterable(_start(_find, (paragraphs, threshold, max_bucket, same_figures, context), jobs, chunks))


def spread_matches(
    paragraphs: Paragraphs, threshold: float, max_bucket: int, same_figures: bool, jobs: int, chunks: int = 0
) -> Iterator[Match]:
    """:func:`~lint.checks.entry_copy.find_matches` (its default ``min_shared`` and
    ``max_candidates``) in ``jobs`` forked processes, as :func:`spread_findings` does."""
    for found in _start(_match, (paragraphs, threshold, max_bucket, same_figures, None), jobs, chunks):
        for later, sentence, earlier, source, score in found:
            yield Match(later, sentence, earlier, source, score)


def _start(work: Callable[[tuple[int, int]], list[Any]], run: Any, jobs: int, chunks: int) -> Iterator[list[Any]]:
    """``work`` of each chunk of ``run``'s paragraphs, in order, from forked workers started now."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _RUN, _WALK
    count = len(run[0])
    size = max(1, -(-count // (chunks or jobs * CHUNKS_PER_JOB)))
    bounds = [(start, min(start + size, count)) for start in range(0, count, size)]
    # (the repeated texts worked out here once, shared with the workers it forks)
    _RUN, _WALK = (*run, run[0].repeated_digests()), None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    workers.started(partial(pool.shutdown, cancel_futures=True))  # (the run may end before it reads them)
    try:
        found = pool.map(work, bounds)  # (with fork, the first task forks every worker: they hold the run)
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    finally:
        _RUN = None
    return _gathered(pool, found)


def _gathered(pool: Any, chunks: Iterator[list[Any]]) -> Iterator[list[Any]]:
    """What each chunk gave, in order, as the workers give it; the pool shut down after the last,
    or when the caller stops reading (the chunks not begun are cancelled)."""
    from concurrent.futures import BrokenExecutor

    try:
        yield from chunks
    except BrokenExecutor as exc:
        raise WorkerError(
            "entry-copy: a worker process matching paragraphs ended before it gave back its matches "
            "(killed, or out of memory?); --jobs 1 matches them in this process"
        ) from exc
    finally:
        pool.shutdown(cancel_futures=True)


class _Walk:
    """A worker's index and canonical texts, of the paragraphs before :attr:`next`."""

    __slots__ = ("first", "index", "next", "other")

    def __init__(self, max_bucket: int) -> None:
        self.index = ShingleIndex(max_bucket=max_bucket)
        self.first: dict[bytes, int] = {}
        self.other: dict[bytes, int] = {}
        self.next = 0


_WALK: _Walk | None = None  # (in a worker) its walk through the run


def _match(bounds: tuple[int, int]) -> list[tuple[Any, ...]]:
    """(In a worker) the matches of the paragraphs ``start`` to ``stop - 1``, as tuples."""
    return [(m.later, m.sentence, m.earlier, m.source, m.score) for m in _matches(bounds)]


def _find(bounds: tuple[int, int]) -> list[Finding]:
    """(In a worker) the findings of the paragraphs ``start`` to ``stop - 1``."""
    assert _RUN is not None and _RUN[4] is not None, "no run to find in"
    return list(findings(_RUN[0], _matches(bounds), _RUN[4]))


def _matches(bounds: tuple[int, int]) -> list[Match]:
    """(In a worker) the matches of the paragraphs ``start`` to ``stop - 1``, in order."""
    global _WALK
    assert _RUN is not None, "no run to match"
    paragraphs, threshold, max_bucket, same_figures, _, repeated = _RUN
    start, stop = bounds
    if _WALK is None or _WALK.next > start:  # (chunks come in order: a fresh worker only)
        _WALK = _Walk(max_bucket)
    walk = _WALK
    for i in range(walk.next, start):  # the paragraphs other workers matched
        walk.index.register(paragraphs.grams(i))
        same_paragraph(paragraphs, i, walk.first, walk.other, repeated)
    found: list[Match] = []
    for i in range(start, stop):
        shared = walk.index.add(paragraphs.grams(i), MIN_SHARED)
        same = same_paragraph(paragraphs, i, walk.first, walk.other, repeated)
        found.extend(match_paragraph(paragraphs, i, shared, same, threshold, MAX_CANDIDATES, same_figures))
    walk.next = stop
    return found
