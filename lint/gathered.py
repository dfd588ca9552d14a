"""What a run gathered per file (:class:`Run`), and a corpus rule's summaries read back from it.

:mod:`lint.pipeline` fills a :class:`Run` from the result cache and from the checks (here,
or in workers); :func:`summaries` reads one corpus rule's summaries of the run's documents
from where they were kept (the run's spool, or the cache), so a rule's summaries are in
memory only while it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lint.engine import DocumentResult
    from lint.resultcache import ResultCache
    from lint.spool import Handle, Keep


class Run:
    """What a run gathered, in the order of its files: each document's path as reported, its
    result (in memory: a cache hit, or every result once :meth:`load` ran) or the handle of the
    result a check kept (:mod:`lint.spool`), the handles of its summaries, its file's content
    hash (None: not cached), the digests of its summaries and the anchors of its anchored ones
    (:meth:`lint.resultcache.ResultCache.put`)."""

    __slots__ = ("anchors", "contents", "digests", "files", "kept", "paths", "results", "summaries")

    def __init__(self, files: Sequence[str]) -> None:
        self.files = files
        self.paths: list[str | None] = [None] * len(files)
        self.results: list[DocumentResult | None] = [None] * len(files)
        self.kept: list[Handle | None] = [None] * len(files)
        self.summaries: list[dict[str, Handle]] = [{} for _ in files]
        self.contents: list[str | None] = [None] * len(files)
        self.digests: list[dict[str, str]] = [{} for _ in files]
        self.anchors: list[dict[str, tuple[int, ...]]] = [{} for _ in files]

    def summarised(self, rule: str) -> list[tuple[str, str]]:
        """``(path, digest)`` of each document ``rule`` summarised, in run order."""
        return [(p, self.digests[i][rule]) for i, p in enumerate(self.paths) if p and rule in self.digests[i]]

    def load(self, keep: Keep) -> None:
        """Every result kept by a check, read back (its summaries are read by :func:`summaries`)."""
        for i, handle in enumerate(self.kept):
            if handle is not None:
                self.results[i], self.kept[i] = keep.get(handle), None

    def done(self) -> list[DocumentResult]:
        """The results in run order (after :meth:`load`)."""
        return [result for result in self.results if result is not None]


def summaries(
    cache: ResultCache | None, keep: Keep, run: Run, rule: str, recheck: Callable[[list[int]], None]
) -> dict[int, Any] | None:
    """``rule``'s summaries of the run's documents, by place in the run: kept by a document
    checked in this run, else read from the cache. The documents whose summary cannot be read
    are checked again (``recheck``: their places in the run; it puts what it finds in ``run``),
    and None returned when that changed what they hold (a file edited during the run): their
    digests changed, so the caller starts over."""
    found: dict[int, Any] = {}
    missing: list[int] = []
    for i, path in enumerate(run.paths):
        if path is None:
            continue
        handle = run.summaries[i].get(rule)
        if handle is not None:
            found[i] = keep.get(handle)
            continue
        content = run.contents[i]
        if cache is None or rule not in run.digests[i] or content is None:
            continue
        stored = cache.summary(path, content, rule, run.digests[i][rule])
        if stored is not None:
            found[i] = stored[0]
        else:
            missing.append(i)
    if missing:
        before = [run.digests[i] for i in missing]
        recheck(missing)
        if [run.digests[i] for i in missing] != before:
            return None
        for i in missing:
            found[i] = keep.get(run.summaries[i][rule])
    return {i: found[i] for i in sorted(found)}
