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

So when the organisations' keys are unchanged, only the paragraphs that differ in anything
entry-copy reads (all of a document's when it has more or fewer than before) are *changed*.
A paragraph that is not keeps its matches unless

- it holds a shingle whose holders changed (one a changed paragraph gained or lost, or any
  of one that moved, came or went), is among its first ``max(2, max-bucket)`` unchanged
  holders (past those, the shingle is a stock phrase for it either way), and comes after the
  shingle's first changed holder in this run's order or in the last run's (before both, the
  holders counted for it are the ones they were);
- or it holds, after a changed paragraph that stayed at its place, at least ``MIN_SHARED``
  of the shingles that paragraph kept, among their first holders: the changed paragraph may
  be one of its candidates, whose sentences changed;
- or its canonical text is one a changed paragraph had or has.

Those paragraphs, and the changed ones, are compared again, each from the holders of its
shingles found in one pass over the run (its candidates as the index would give them);
every other match is kept from the last run. The findings are made from the matches as a
whole run makes them, so they equal a whole run's. The state kept between runs: the
options, the documents' paths in run order, and the matches as arrays of numbers.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from lint.checks import entry_kept
from lint.checks.api import Anchored, Context, Finding, Summaries
from lint.checks.entry_copy import MAX_CANDIDATES, Match, find_matches, match_paragraph, placed_findings, settings
from lint.checks.entry_holders import from_whole, whole_index
from lint.checks.entry_paragraphs import Paragraphs
from lint.checks.entry_reached import Reach
from lint.checks.entry_summary import (
    BOUNDS,
    CANONICAL_AT,
    CANONICALS,
    DIGEST,
    DIGESTS,
    ENTRIES,
    GRAM_AT,
    GRAMS,
    OWNERS,
    PHASES,
    SENTENCE_AT,
    TEXT_AT,
    TEXTS,
    sentence_grams,
)
from lint.checks.identity import keys_of
from lint.spool import give_back

WHOLE_PAST = 0.25  # a change reaching more of the run's documents or paragraphs than this is worked out whole
_FIELDS = 9  # arrays of a state's matches: later (document, number), sentence (start, end), earlier ..., score


def check_corpus_again(
    state: Any, before: Mapping[str, Any], summaries: Sequence[Anchored], context: Context
) -> tuple[list[Finding], Any]:
    """entry-copy's findings on ``summaries``, from its last run's ``state`` when it can
    (see the module docs), and the state for the next run."""
    options = settings(context)
    paths = entry_kept.paths_of(summaries)
    numbered = None  # this run's paragraphs numbered as the last run's, and that numbering
    if state is not None and len(state) == 6 and state[5] is not None:
        try:
            numbered = entry_kept.paragraphs(state[5], before, summaries, paths) if state[1] == tuple(paths) else None
        except (ValueError, TypeError, IndexError, KeyError):
            numbered = None
    paragraphs = Paragraphs(summaries) if numbered is None else numbered[0]
    followed: tuple[Iterable[Match], Any, set[int]] | None = None
    if state is not None and len(paragraphs) >= 2:
        try:
            followed = _again(state, before, summaries, paragraphs, options, paths, numbered is not None)
        except (ValueError, TypeError, IndexError, KeyError):
            followed = None  # a state this code did not write: the whole run again
    if followed is None:
        if numbered is not None:
            paragraphs, numbered = Paragraphs(summaries), None  # (every summary read once, not one at a time)
        threshold, max_bucket, same_figures = options
        apart = _set_apart(paragraphs, summaries)
        index = whole_index(max_bucket)  # read afterwards: the holder index for the next run
        columns = Matched(find_matches(paragraphs, threshold, max_bucket, same_figures=same_figures, index=index))
        walked = partial(_matched, paragraphs) if apart else None
        followed = columns, from_whole(index, paragraphs, paths, max(2, max_bucket), walked), set()
    try:
        return _findings(state, before, paragraphs, followed, numbered, paths, options, context)
    finally:
        paragraphs.close()


APART_FROM = 8 << 20  # bytes of paragraph texts from which a whole run sets them apart while it matches


def _set_apart(paragraphs: Paragraphs, summaries: Sequence[Anchored]) -> bool:
    """A whole run's memory at its peak made smaller (issue 11 (g)): when the caller can read its
    summaries again (:class:`Summaries`: it lets them go, and ``paragraphs`` holds the only copy) and
    their texts are large, the texts are set apart in a file while the run matches
    (:meth:`Paragraphs.set_texts_apart`), and the memory freed handed back. Whether they were."""
    if not isinstance(summaries, Summaries) or paragraphs.text_bytes() < APART_FROM:
        return False
    summaries.let_go()
    if not paragraphs.set_texts_apart():
        return False
    give_back()
    return True


def _matched(paragraphs: Paragraphs) -> None:
    """Once the whole run's matches are made and its paragraphs' shingles read: the columns only matching
    reads let go, before the holder index's arrays are made (with them, the run's peak of memory)."""
    paragraphs.let_go_matching()
    give_back()


def _findings(
    state: Any,
    before: Mapping[str, Any],
    paragraphs: Paragraphs,
    followed: tuple[Iterable[Match], Any, set[int]],
    numbered: Any,
    paths: list[str],
    options: tuple[float, int, bool],
    context: Context,
) -> tuple[list[Finding], Any]:
    matches, holders, again = followed
    found: list[Any] = []
    if len(paragraphs) >= 2 and numbered is not None:
        place = {path: d for d, path in enumerate(paths)}
        changed = {place[path] for path in before}
        found = entry_kept.findings(state[5], paragraphs, matches, again, changed, context)
    elif len(paragraphs) >= 2:
        found = list(placed_findings(paragraphs, matches, context))
    kept = entry_kept.kept(paragraphs, matches, found, None if numbered is None else numbered[1])
    state = (*_state(options, paths, paragraphs, matches), holders, kept)
    return [finding for finding in map(entry_kept.finding_of, found) if finding is not None], state


class Matched:
    """A whole run's matches, in order, kept as columns of numbers (a Match with its tuples took about
    240 bytes, these 56: 20 MB on 2,000 files, at the run's peak of memory); each read as a Match."""

    __slots__ = ("_columns",)

    def __init__(self, matches: Iterable[Match]) -> None:
        # later, its sentence's start and end, earlier, its sentence's start and end; the score
        self._columns: tuple[array[Any], ...] = (*(array("l") for _ in range(6)), array("d"))
        later, start, end, earlier, source_start, source_end, scores = self._columns
        for match in matches:
            later.append(match.later)
            start.append(match.sentence[0])
            end.append(match.sentence[1])
            earlier.append(match.earlier)
            source_start.append(match.source[0])
            source_end.append(match.source[1])
            scores.append(match.score)

    def __iter__(self) -> Iterator[Match]:
        for later, start, end, earlier, source_start, source_end, score in zip(*self._columns, strict=True):
            yield Match(later, (start, end), earlier, (source_start, source_end), score)


def _state(options: tuple[Any, ...], paths: Sequence[str], paragraphs: Paragraphs, matches: Iterable[Match]) -> Any:
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
    return (options, tuple(paths), tuple(columns), scores)


def _organisations(summaries: Sequence[Anchored | None]) -> dict[str, str]:
    return keys_of(name for anchored in summaries if anchored is not None for name in anchored.summary[0])


def _again(
    state: Any,
    before: Mapping[str, Any],
    summaries: Sequence[Anchored],
    paragraphs: Paragraphs,
    options: tuple[float, int, bool],
    paths: list[str],
    numbered: bool,
) -> tuple[list[Match], Any, set[int]] | None:
    """The run's matches from the last run's (``state``), the holder index for the next run
    (:mod:`lint.checks.entry_holders`) and the paragraphs compared again, or None when they
    cannot be followed. ``numbered``: ``paragraphs`` are numbered as the last run's were."""
    old_options, old_paths, columns, scores, kept_index = state[:5]
    if tuple(old_options) != options or len(columns) != _FIELDS - 1:
        return None
    changed = set(before)
    if [p for p in old_paths if p not in changed] != [p for p in paths if p not in changed]:
        return None  # files reordered, or a document changed that the caller did not say
    now = _ByPath(paths, summaries)  # (each summary read when asked for: a changed document's)
    if tuple(old_paths) != tuple(paths) or any(
        before[p] is None or before[p].summary[0] != now[p].summary[0] for p in changed
    ):  # (else the run's organisations are the ones they were, in the same order)
        old_summaries = [before[p] if p in changed else now[p] for p in old_paths]
        if _organisations(old_summaries) != _organisations(summaries):
            return None  # entry keys may differ anywhere
    place = {p: d for d, p in enumerate(old_paths)}  # each document's place in the last run
    gone: set[tuple[str, int]] = set()  # the last run's paragraphs that changed: (path, number)
    fresh: set[tuple[int, int]] = set()  # this run's that did: (document, number)
    reach: set[int] = set()  # their shingles whose holders may have changed
    common: set[int] = set()  # the shingles a changed paragraph kept, at its place
    digests: set[bytes] = set()  # their canonical texts
    first_before: dict[int, tuple[Any, int, int]] = {}  # shingle -> its first changed holder in the last run
    for d, path in [*((d, p) for d, p in enumerate(paths) if p in changed), *((-1, p) for p in changed - set(paths))]:
        old, new = before[path], now.get(path)
        old_numbers, new_numbers = _differing(old, new)
        gone.update((path, k) for k in old_numbers)
        fresh.update((d, k) for k in new_numbers)
        held: dict[tuple[bool, int], array[int]] = {}
        for anchored, numbers, last_run in ((old, old_numbers, True), (new, new_numbers, False)):
            if anchored is None:
                continue
            summary = anchored.summary[1]
            for k in numbers:
                held[last_run, k] = grams = summary[GRAMS][summary[GRAM_AT][k] : summary[GRAM_AT][k + 1]]
                digests.add(summary[DIGESTS][k * DIGEST : (k + 1) * DIGEST])
                if last_run:
                    key = (_order(summary, k), place[path], k)
                    for gram in grams:
                        if gram not in first_before or key < first_before[gram]:
                            first_before[gram] = key
        alike = _alike(old, new, set(old_numbers) & set(new_numbers))
        for k in old_numbers:
            if k in alike:  # one paragraph changed at its place: the holders of the shingles it kept are as they were
                before_grams, after_grams = set(held[True, k]), set(held[False, k])
                reach.update(before_grams ^ after_grams)
                common.update(before_grams & after_grams)
            else:
                reach.update(held[True, k])
        for k in new_numbers:
            if k not in alike:
                reach.update(held[False, k])
    threshold, max_bucket, same_figures = options
    holders = max(2, max_bucket)  # the holders of a shingle that may count for a later paragraph
    if len(changed) > WHOLE_PAST * len(summaries):
        return None  # much of the run changed: cheaper whole
    if numbered:  # the last run's order is this run's numbering (entry_kept): compared as numbers, no summary read
        first_before = {gram: (0, paragraphs.number(d, k), 0) for gram, (_, d, k) in first_before.items()}
        key_of: Callable[[int], tuple[Any, int, int]] = _numbered
    else:
        key_of = _keys(paragraphs, summaries, [place.get(p, -1) for p in paths])
    found = Reach(kept_index, changed, paragraphs, paths, holders)
    fresh_at = frozenset(paragraphs.number(d, k) for d, k in fresh)
    again, same = found.reached(fresh_at, (reach, common - reach), digests, first_before, key_of)
    if len(again) > WHOLE_PAST * len(paragraphs):
        return None  # the change reaches much of the run: cheaper whole
    kept = _kept(paragraphs, paths, old_paths, gone, columns, scores, again)
    if kept is None:
        return None
    shared = found.shared(sorted(again))
    redone = [
        match
        for i in sorted(again)
        for match in match_paragraph(paragraphs, i, shared[i], same[i], threshold, MAX_CANDIDATES, same_figures)
    ]
    return sorted([*kept, *redone], key=lambda m: m.later), found.kept, again  # stable: a paragraph's in sentence order


class _ByPath:
    """The run's summaries by path, each read when asked for."""

    def __init__(self, paths: Sequence[str], summaries: Sequence[Anchored]) -> None:
        self._place = {path: d for d, path in enumerate(paths)}
        self._summaries = summaries

    def __getitem__(self, path: str) -> Anchored:
        return self._summaries[self._place[path]]

    def get(self, path: str) -> Anchored | None:
        return self[path] if path in self._place else None


def _paragraph(summary: tuple[Any, ...], k: int) -> tuple[Any, ...]:
    """Everything entry-copy reads of a summary's paragraph ``k`` but where it is in its document."""
    owners, first, last = summary[OWNERS], summary[SENTENCE_AT][k], summary[SENTENCE_AT][k + 1]
    return (
        summary[ENTRIES][owners[2 * k]],
        summary[PHASES][owners[2 * k + 1]],
        summary[TEXTS][summary[TEXT_AT][k] : summary[TEXT_AT][k + 1]],
        summary[DIGESTS][k * DIGEST : (k + 1) * DIGEST],
        summary[GRAMS][summary[GRAM_AT][k] : summary[GRAM_AT][k + 1]],
        summary[BOUNDS][2 * first : 2 * last],
        summary[CANONICALS][summary[CANONICAL_AT][first] : summary[CANONICAL_AT][last]],
        [a - summary[CANONICAL_AT][first] for a in summary[CANONICAL_AT][first : last + 1]],
        [sentence_grams(summary, k, m) for m in range(first, last)],
    )


def _alike(old: Anchored | None, new: Anchored | None, numbers: set[int]) -> set[int]:
    """The paragraphs of ``numbers`` in the same period before and after (so at the same place in
    the run's order: their document keeps its place)."""
    if old is None or new is None:
        return set()
    return {k for k in numbers if _order(old.summary[1], k) == _order(new.summary[1], k)}


def _count(anchored: Anchored | None) -> int:
    return 0 if anchored is None else len(anchored.summary[1][TEXT_AT]) - 1


def _differing(old: Anchored | None, new: Anchored | None) -> tuple[list[int], list[int]]:
    """The numbers of the paragraphs of a document that changed, before and after: those that
    differ in anything entry-copy reads when it has as many as before, else all of them."""
    if old is None or new is None or _count(old) != _count(new):
        return list(range(_count(old))), list(range(_count(new)))
    a, b = old.summary[1], new.summary[1]
    numbers = [k for k in range(_count(old)) if _paragraph(a, k) != _paragraph(b, k)]
    return numbers, numbers


def _order(summary: tuple[Any, ...], k: int) -> Any:
    """The period order of a summary's paragraph ``k`` (what the run's paragraphs are sorted by first)."""
    return summary[PHASES][summary[OWNERS][2 * k + 1]][1]


def _numbered(i: int) -> tuple[Any, int, int]:
    """Paragraph ``i``'s place in the last run's order, when that run was numbered as this one."""
    return (0, i, 0)


def _keys(
    paragraphs: Paragraphs, summaries: Sequence[Anchored], place: list[int]
) -> Callable[[int], tuple[Any, int, int]]:
    """Paragraph ``i``'s place in the last run's order: its period order, its document's place
    in that run (``place``, by document of this run), its number in the document."""

    def key(i: int) -> tuple[Any, int, int]:
        d, k = paragraphs.where(i)
        return (_order(summaries[d].summary[1], k), place[d], k)

    return key


def _kept(
    paragraphs: Paragraphs,
    paths: list[str],
    old_paths: Sequence[str],
    gone: set[tuple[str, int]],
    columns: Sequence[array[int]],
    scores: array[float],
    again: set[int],
) -> list[Match] | None:
    """The last run's matches of the paragraphs not compared again, numbered as in this run."""
    place = {path: d for d, path in enumerate(paths)}
    now = [place.get(path, -1) for path in old_paths]  # each document of the last run, by its place now
    later_d, later_k, start, end, earlier_d, earlier_k, source_start, source_end = columns
    kept = []
    for m in range(len(scores)):
        later_path, earlier_path = old_paths[later_d[m]], old_paths[earlier_d[m]]
        if (later_path, later_k[m]) in gone:
            continue
        later = paragraphs.number(now[later_d[m]], later_k[m])
        if later in again:
            continue
        if (earlier_path, earlier_k[m]) in gone:
            return None  # cannot be: its later paragraph would be compared again
        earlier = paragraphs.number(now[earlier_d[m]], earlier_k[m])
        kept.append(Match(later, (start[m], end[m]), earlier, (source_start[m], source_end[m]), scores[m]))
    return kept
