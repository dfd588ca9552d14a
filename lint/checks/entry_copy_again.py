"""entry-copy again after a few documents changed: only the paragraphs the change can reach are compared.

A whole entry-copy run takes each compared paragraph in order and finds its candidates in
an index of the shingles before it (:func:`lint.checks.entry_copy.find_matches`), so the
run costs seconds to minutes on thousands of files. After an edit to one file, almost
every paragraph's candidates are what they were. A paragraph's candidates depend only on

- the earlier paragraphs that share a *live* shingle with it: a shingle is live for the
  ``m``-th paragraph holding it (from 0) when ``1 <= m <= max(1, max-bucket - 1)``, and
  then its first ``m`` holders count (:class:`lint.checks.shingles.ShingleIndex`);
- the earlier paragraphs with the same canonical text;
- the entry keys of the paragraphs (from the organisations of the whole run).

So when the organisations' keys are unchanged, a paragraph of an unchanged document
keeps its matches unless one of its shingles is held by a changed document (before or
after the change) and it is among the first ``max(2, max-bucket)`` unchanged paragraphs
holding it (past those, the shingle is a stock phrase for it either way), or its
canonical text is one a changed document had or has. Those paragraphs, and the changed
documents' own, are compared again, each from the holders of its shingles found in one
pass over the run (its candidates as the index would give them); every other match is
kept from the last run. The findings are made from the matches as a whole run makes them,
so they equal a whole run's. The state kept between runs: the options, the documents'
paths in run order, and the matches as arrays of numbers.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from lint.checks.api import Anchored, Context, Finding
from lint.checks.entry_copy import Match, find_matches, findings, match_paragraph, same_paragraph, settings
from lint.checks.entry_summary import DIGEST, DIGESTS, GRAMS, PATH, Paragraphs
from lint.checks.identity import keys_of

MIN_SHARED = 3  # as find_matches
MAX_CANDIDATES = 16  # as find_matches
_FIELDS = 9  # arrays of a state's matches: later (document, number), sentence (start, end), earlier ..., score


def check_corpus_again(
    state: Any, before: Mapping[str, Any], summaries: Sequence[Anchored], context: Context
) -> tuple[list[Finding], Any]:
    """entry-copy's findings on ``summaries``, from its last run's ``state`` when it can
    (see the module docs), and the state for the next run."""
    paragraphs = Paragraphs(summaries)
    options = settings(context)
    matches = None
    if state is not None and len(paragraphs) >= 2:
        try:
            matches = _again(state, before, summaries, paragraphs, options)
        except (ValueError, TypeError, IndexError, KeyError):
            matches = None  # a state this code did not write: the whole run again
    if matches is None:
        threshold, max_bucket, same_figures = options
        matches = find_matches(paragraphs, threshold, max_bucket, same_figures=same_figures)
    found = list(findings(paragraphs, matches, context)) if len(paragraphs) >= 2 else []
    return found, _state(options, summaries, paragraphs, matches)


def _path(anchored: Anchored) -> str:
    return str(anchored.summary[1][PATH])


def _state(
    options: tuple[Any, ...], summaries: Sequence[Anchored], paragraphs: Paragraphs, matches: list[Match]
) -> Any:
    columns = [array("l") for _ in range(_FIELDS - 1)]
    scores = array("d")
    for match in matches:
        values = (
            *paragraphs.where(match.later),
            match.sentence[0],
            match.sentence[1],
            *paragraphs.where(match.earlier),
            match.source[0],
            match.source[1],
        )
        for column, value in zip(columns, values, strict=True):
            column.append(value)
        scores.append(match.score)
    return (options, tuple(_path(s) for s in summaries), tuple(columns), scores)


def _organisations(summaries: Sequence[Anchored | None]) -> dict[str, str]:
    return keys_of(name for anchored in summaries if anchored is not None for name in anchored.summary[0])


def _again(
    state: Any,
    before: Mapping[str, Any],
    summaries: Sequence[Anchored],
    paragraphs: Paragraphs,
    options: tuple[float, int, bool],
) -> list[Match] | None:
    """The run's matches from the last run's (``state``), or None when they cannot be followed."""
    old_options, old_paths, columns, scores = state
    if tuple(old_options) != options or len(columns) != _FIELDS - 1:
        return None
    paths = [_path(s) for s in summaries]
    changed = set(before)
    if [p for p in old_paths if p not in changed] != [p for p in paths if p not in changed]:
        return None  # files reordered, or a document changed that the caller did not say
    now = dict(zip(paths, summaries, strict=True))
    old_summaries = [before[p] if p in changed else now[p] for p in old_paths]
    if _organisations(old_summaries) != _organisations(summaries):
        return None  # entry keys may differ anywhere
    changed_docs = {d for d, p in enumerate(paths) if p in changed}
    reach: set[int] = set()  # shingles of the changed documents, before and after
    digests: set[bytes] = set()
    for anchored in [*(before[p] for p in changed), *(summaries[d] for d in changed_docs)]:
        if anchored is None:
            continue
        summary = anchored.summary[1]
        reach.update(summary[GRAMS])
        blob = summary[DIGESTS]
        digests.update(blob[k : k + DIGEST] for k in range(0, len(blob), DIGEST))
    threshold, max_bucket, same_figures = options
    holders = max(2, max_bucket)  # the holders of a shingle that may count for a later paragraph
    again, same = _reached(paragraphs, changed_docs, reach, digests, holders)
    kept = _kept(paragraphs, paths, old_paths, changed, columns, scores, again)
    if kept is None:
        return None
    shared = _shared(paragraphs, sorted(again), holders)
    redone = [
        match
        for i in sorted(again)
        for match in match_paragraph(paragraphs, i, shared[i], same[i], threshold, MAX_CANDIDATES, same_figures)
    ]
    return sorted([*kept, *redone], key=lambda m: m.later)  # stable: a paragraph's in sentence order


def _reached(
    paragraphs: Paragraphs, changed_docs: set[int], reach: set[int], digests: set[bytes], holders: int
) -> tuple[set[int], dict[int, int | None]]:
    """The paragraphs to compare again (see the module docs), and each one's earlier paragraph
    of another entry with the same canonical text, as a whole run finds it."""
    again: set[int] = set()
    same: dict[int, int | None] = {}
    seen: Counter[int] = Counter()  # shingle -> unchanged paragraphs holding it so far
    first_with: dict[bytes, int] = {}
    other_with: dict[bytes, int] = {}
    reach_set = frozenset(reach)
    for i in range(len(paragraphs)):
        found = same_paragraph(paragraphs, i, first_with, other_with)
        if paragraphs.where(i)[0] in changed_docs:
            again.add(i)
        else:
            grams = paragraphs.grams(i)
            if not reach_set.isdisjoint(grams):
                for gram in reach_set.intersection(grams):
                    if seen[gram] < holders:
                        again.add(i)
                    seen[gram] += 1
            if paragraphs.digest(i) in digests:
                again.add(i)
        if i in again:
            same[i] = found
    return again, same


def _shared(paragraphs: Paragraphs, again: list[int], holders: int) -> dict[int, dict[int, int]]:
    """For each paragraph of ``again``: the earlier paragraphs sharing at least MIN_SHARED live
    shingles with it, and how many (what :meth:`ShingleIndex.add` gives it in a whole run)."""
    wanted = frozenset().union(*(paragraphs.grams(i) for i in again))
    owners: dict[int, list[int]] = {}  # shingle -> its first holders, in order
    last = again[-1] if again else -1
    for i in range(last + 1):
        grams = paragraphs.grams(i)
        if wanted.isdisjoint(grams):
            continue
        for gram in wanted.intersection(grams):
            held = owners.setdefault(gram, [])
            if len(held) < holders:
                held.append(i)
    shared: dict[int, dict[int, int]] = {}
    for i in again:
        counts: Counter[int] = Counter()
        for gram in paragraphs.grams(i):
            held = owners.get(gram, [])
            if i in held:
                m = held.index(i)
                counts.update(held[:m])  # m == 0: the shingle's first holder, nothing shared
        shared[i] = {j: n for j, n in counts.items() if n >= MIN_SHARED}
    return shared


def _kept(
    paragraphs: Paragraphs,
    paths: list[str],
    old_paths: Sequence[str],
    changed: set[str],
    columns: Sequence[array[int]],
    scores: array[float],
    again: set[int],
) -> list[Match] | None:
    """The last run's matches of the paragraphs not compared again, numbered as in this run."""
    number = {(paths[d], k): i for i in range(len(paragraphs)) for d, k in (paragraphs.where(i),)}
    later_d, later_k, start, end, earlier_d, earlier_k, source_start, source_end = columns
    kept = []
    for m in range(len(scores)):
        later_path, earlier_path = old_paths[later_d[m]], old_paths[earlier_d[m]]
        if later_path in changed:
            continue
        later = number[(later_path, later_k[m])]
        if later in again:
            continue
        if earlier_path in changed:
            return None  # cannot be: its later paragraph would be compared again
        earlier = number[(earlier_path, earlier_k[m])]
        kept.append(Match(later, (start[m], end[m]), earlier, (source_start[m], source_end[m]), scores[m]))
    return kept
