"""cross-page-drift again after a few documents changed: only the answers the change touched are compared.

A whole run goes through every placed phase of every page (tens of thousands on a large
run), and must read every page's summary. But a finding of cross-page-drift is about one
key, ``(organisation, action, phase)``: the first page holding it in run order and each
later one of the other layout with other text. So with the organisations' keys unchanged
(they depend on every organisation name of the run), the findings on the keys no changed
page holds, before or after, are the last run's, each moved as its pages' anchors moved;
those on the keys a changed page holds (*touched*) are worked out again from the pages
holding them now, the only summaries read (:class:`lint.checks.api.Summaries` hands them
one by one). The state kept between runs: the options, the pages' paths in run order,
each page's organisation names, the organisations' keys, the places of the pages holding
each key, and the findings with their keys and the numbers of the phases they are on.
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate, chain
from typing import Any

from lint.checks.api import Anchored, Context, Finding, Summaries
from lint.checks.cross_page_drift import Drift, Key, drifts, keys_held, limit_of
from lint.checks.identity import keys_of
from lint.model import Span

_VERSION = 2


def check_corpus_again(
    state: Any, before: Mapping[str, Any], summaries: Sequence[Anchored], context: Context
) -> tuple[list[Finding], Any]:
    """cross-page-drift's findings on ``summaries``, from its last run's ``state`` when it can
    (see the module docs), and the state for the next run."""
    options = (limit_of(context), bool(context["ignore-case"]))
    anchors: Callable[[int], tuple[int, ...]]
    if isinstance(summaries, Summaries):  # paths and anchors without reading the summaries
        paths, anchors = [summaries.path(i) for i in range(len(summaries))], summaries.anchors
    else:
        paths, anchors = [anchored.summary.path for anchored in summaries], lambda i: summaries[i].anchors

    done = None
    if state is not None:
        try:
            done = _again(state, options, before, summaries, paths, anchors)
        except (ValueError, TypeError, IndexError, KeyError):
            done = None  # a state this code did not write: the whole run again
    if done is None:
        done = _whole(options, summaries, paths)
    found, state = done
    return [drift[-1] for drift in found], state


def _state(
    options: tuple[int, bool],
    paths: Sequence[str],
    organisations: _Names,
    keys: dict[str, str],
    holders: _Holders,
    found: list[Drift],
) -> tuple[Any, ...]:
    kept = [(n, other_n, key, finding) for _, n, other_n, key, finding in found]
    return (_VERSION, options, tuple(paths), organisations, keys, holders, kept)


# each page's organisation names: the names met, how many each page has, and their numbers one page
# after another (25,000 names as tuples took 8 ms to write and 4 ms to read each run)
_Names = tuple[tuple[str, ...], "array[int]", "array[int]"]


def _packed(organisations: list[tuple[str, ...]]) -> _Names:
    number: dict[str, int] = {}
    numbers = array("l", [number.setdefault(name, len(number)) for names in organisations for name in names])
    return tuple(number), array("l", map(len, organisations)), numbers


def _unpacked(packed: _Names) -> list[tuple[str, ...]]:
    names, counts, numbers = packed
    starts = list(accumulate(counts, initial=0))
    return [tuple(names[k] for k in numbers[starts[i] : starts[i + 1]]) for i in range(len(counts))]


def _name(key: Key) -> int:
    """A key as a number, its CRC-32 (two keys may give one: then the places of the pages holding
    either are kept for it, which only reads a page more)."""
    return zlib.crc32("\0".join(key).encode("utf-8", "surrogatepass"))


# the places of the pages holding each key: the keys' names sorted, how many pages hold each, and
# their places one key after another (three arrays: a state of 56,000 keys loads in a millisecond)
_Holders = tuple["array[int]", "array[int]", "array[int]"]


def _whole(options: tuple[int, bool], summaries: Sequence[Anchored], paths: list[str]) -> tuple[list[Drift], Any]:
    """A whole run: every summary read."""
    pages = [(i, summaries[i]) for i in range(len(summaries))]
    organisations = [anchored.summary.organisations for _, anchored in pages]
    keys = keys_of(name for names in organisations for name in names)
    found = list(drifts(pages, keys, options[0]))
    holding: dict[Key, list[int]] = {}
    for i, anchored in pages:
        for key in keys_held(anchored.summary, keys):
            held = holding.setdefault(key, [])
            if not held or held[-1] != i:
                held.append(i)
    named: dict[int, list[int]] = {}
    for key, held in holding.items():
        name = _name(key)
        named[name] = sorted({*named[name], *held}) if name in named else held
    names = array("L", sorted(named))
    holders = (
        names,
        array("l", [len(named[n]) for n in names]),
        array("l", chain.from_iterable(named[n] for n in names)),
    )
    return found, _state(options, paths, _packed(organisations), keys, holders, found)


def _spliced(holders: _Holders, changes: dict[int, list[int]]) -> _Holders:
    """``holders`` with the places of each key of ``changes`` replaced (none: the key gone), the
    other keys' copied in slices."""
    names, counts, places = holders
    starts = list(accumulate(counts, initial=0))
    new_names, new_counts, new_places = array("L"), array("l"), array("l")
    done = 0  # the keys of ``names`` copied or replaced so far
    for name in sorted(changes):
        at = bisect_left(names, name, done)
        new_names += names[done:at]
        new_counts += counts[done:at]
        new_places += places[starts[done] : starts[at]]
        done = at + (at < len(names) and names[at] == name)
        if changes[name]:
            new_names.append(name)
            new_counts.append(len(changes[name]))
            new_places.extend(changes[name])
    new_names += names[done:]
    new_counts += counts[done:]
    new_places += places[starts[done] :]
    return new_names, new_counts, new_places


def _again(
    state: Any,
    options: tuple[int, bool],
    before: Mapping[str, Any],
    summaries: Sequence[Anchored],
    paths: list[str],
    anchors: Callable[[int], tuple[int, ...]],
) -> tuple[list[Drift], Any] | None:
    """The run's findings and state from the last run's, or None when they cannot be followed."""
    version, old_options, old_paths, old_organisations, keys, holders, old_found = state
    if version != _VERSION or tuple(old_options) != options:
        return None
    changed = set(before)
    if [p for p in old_paths if p not in changed] != [p for p in paths if p not in changed]:
        return None  # files reordered, or a document changed that the caller did not say
    place = {p: i for i, p in enumerate(paths)}
    was = {p: j for j, p in enumerate(old_paths)}
    if any((old is None) != (p not in was) for p, old in before.items()):
        return None  # "added" but there before, or changed but not there
    now = {p: summaries[place[p]] for p in changed if p in place}  # the changed pages' summaries
    names, counts, numbers = organisations = old_organisations
    starts = list(accumulate(counts, initial=0))
    if tuple(paths) != tuple(old_paths) or any(
        now[p].summary.organisations != tuple(names[k] for k in numbers[starts[was[p]] : starts[was[p] + 1]])
        for p in now
    ):
        old = _unpacked(old_organisations)
        every = [now[p].summary.organisations if p in now else old[was[p]] for p in paths]
        if keys_of(name for names in every for name in names) != keys:
            return None  # the organisations' keys changed: any answer's key may have
        organisations = _packed(every)
    touched: set[Key] = set()
    for p in changed:
        if before[p] is not None:
            touched.update(keys_held(before[p].summary, keys))
    holding = {p: list(keys_held(anchored.summary, keys)) for p, anchored in now.items()}
    for held_now in holding.values():
        touched.update(held_now)
    # the places of the pages holding each touched key now (the others' as they were, moved)
    names, counts, places = holders
    if tuple(paths) != tuple(old_paths):
        moved = [place.get(p, -1) for p in old_paths]
        places = array("l", map(moved.__getitem__, places))
    starts = list(accumulate(counts, initial=0))
    gone = {place[p] for p in changed if p in was and p in place} | {-1}
    reach: dict[int, set[int]] = {}
    for name in {_name(key) for key in touched}:
        at = bisect_left(names, name)
        held = places[starts[at] : starts[at + 1]] if at < len(names) and names[at] == name else ()
        reach[name] = set(held).difference(gone)
    for p, held_now in holding.items():
        for key in held_now:
            reach[_name(key)].add(place[p])
    holders = _spliced((names, counts, places), {name: sorted(held) for name, held in reach.items()})
    read = sorted(set().union(*reach.values()))
    found = list(drifts(((i, summaries[i]) for i in read), keys, options[0], touched))
    for n, other_n, key, finding in old_found:
        if key not in touched:
            found.append(_moved(n, other_n, key, finding, place, anchors))
    found.sort(key=lambda drift: (drift[0], drift[1]))
    return found, _state(options, paths, organisations, keys, holders, found)


def _moved(
    n: int, other_n: int, key: Key, finding: Finding, place: Mapping[str, int], anchors: Callable[[int], Sequence[int]]
) -> Drift:
    """A finding of the last run on pages that did not change, at its phases' anchors in this run."""
    (related,) = finding.related
    i = place[finding.path or ""]
    at, other_at = anchors(i)[n], anchors(place[related.path or ""])[other_n]
    if at != finding.span.start or other_at != related.span.start:
        span, other = finding.span, related.span
        related = related._replace(span=Span(other_at, other_at + other.end - other.start))
        finding = finding._replace(span=Span(at, at + span.end - span.start), related=(related,))
    return (i, n, other_n, key, finding)
