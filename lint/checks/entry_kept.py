"""What entry-copy keeps of a run's paragraphs and findings, so that the next run after an edit reads few summaries.

:mod:`lint.checks.entry_copy_again` compares again only the paragraphs a change can reach,
but it numbered every paragraph of the run (:class:`~lint.checks.entry_paragraphs.Paragraphs`)
and made every finding again, and so read every document's summary: 170 MB on 2,000 files,
about half of a run after one word changed. Both are kept here instead:

- the *numbering*: where each document's paragraphs start, each paragraph's document and number
  in it in run order and the inverse, each paragraph's entry key (as a table and a number a
  paragraph), the run's organisation keys and every paragraph's digest. The numbering depends
  only on the documents' paths in order and each paragraph's period order. So a run whose
  documents are the last run's, in the same order, and whose changed documents have the paragraphs
  they had, each in the period it was in, and the organisations they had, is numbered as the last
  was (:func:`paragraphs`): only the changed documents' entry keys and digests are read again,
  from their summaries. Any other run numbers its paragraphs from every summary, as before.
- the *findings*, each with its paragraph, the paragraphs of its related places, and where each
  of those began in its document. A paragraph not compared again, in a document that did not
  change and whose matches' earlier paragraphs are not in one either, has the finding it had
  (:func:`findings`): the same matches, texts, names and spans, but for where its paragraphs now
  begin in their documents (an edit that left the summary as it was may have moved them), by
  which its spans are moved. The others' findings are made again from their matches.

Each summary is read only when asked for: a run after one word changed reads those of the
changed document and of the paragraphs it compares again and their candidates.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import groupby
from operator import attrgetter
from typing import Any

from lint.checks.api import Anchored, Context, Finding, Mapped, Summaries
from lint.checks.entry_copy import Match, placed_findings
from lint.checks.entry_paragraphs import Paragraphs
from lint.checks.entry_summary import DIGEST, DIGESTS, ENTRIES, OWNERS, PATH, PHASES, TEXT_AT
from lint.model import Span

_VERSION = 1
Placed = tuple[int, tuple[int, ...], Finding]  # a finding with its paragraph and its related places' (placed_findings)
# what is kept of a finding: its paragraph, the finding, where that paragraph began, its related places'
# paragraphs and where they began
Record = tuple[int, Finding | None, int, tuple[int, ...], tuple[int, ...]]


class _Columns:
    """Each document's summary (the columns :class:`Paragraphs` reads), read when first asked for."""

    __slots__ = ("_got", "_summaries")

    def __init__(self, summaries: Sequence[Anchored]) -> None:
        self._summaries = summaries
        self._got: list[Any] = [None] * len(summaries)

    def __len__(self) -> int:
        return len(self._got)

    def __getitem__(self, d: int) -> tuple[Any, ...]:
        got = self._got[d]
        if got is None:
            got = self._got[d] = self._summaries[d].summary[1]
        return got

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return (self[d] for d in range(len(self)))


class _Anchors:
    """Each document's anchors, without reading its summary where the summaries can say them."""

    __slots__ = ("_summaries",)

    def __init__(self, summaries: Sequence[Anchored]) -> None:
        self._summaries = summaries

    def __getitem__(self, d: int) -> tuple[int, ...]:
        summaries = self._summaries
        return summaries.anchors(d) if isinstance(summaries, Summaries) else summaries[d].anchors


def paths_of(summaries: Sequence[Anchored]) -> list[str]:
    """The documents' paths in run order (from the summaries only where they cannot say them)."""
    if isinstance(summaries, Summaries):
        return [summaries.path(d) for d in range(len(summaries))]
    return [str(anchored.summary[1][PATH]) for anchored in summaries]


def kept(
    paragraphs: Paragraphs, matches: Iterable[Match], placed: Sequence[Placed | Record], layout: Any = None
) -> tuple[Any, ...]:
    """What to keep of a run: its numbering (``layout``, when :func:`paragraphs` gave it; else
    made from ``paragraphs``) and its findings (``placed``, or records from :func:`findings`), a
    record for each paragraph with ``matches`` (its finding None when it has none: all exempt)."""
    if layout is None:
        table: dict[str, int] = {}
        key_at = array("l", [table.setdefault(key, len(table)) for key in paragraphs.keys])
        numbering = paragraphs.numbering()
        layout = (_columns(*numbering, key_at), (len(numbering[0]), len(key_at)), tuple(table), paragraphs.names)
        layout = (*layout, paragraphs.digests())
    anchor = paragraphs.anchor
    records: list[Record] = [
        item if len(item) == 5 else (item[0], item[2], anchor(item[0]), item[1], tuple(map(anchor, item[1])))
        for item in placed
    ]
    held = {record[0] for record in records}
    records.extend((i, None, 0, (), ()) for i in sorted({match.later for match in matches} - held))
    return (_VERSION, *layout, records)


def finding_of(item: Placed | Record) -> Finding | None:
    """The finding of what :func:`findings` gives (None: a paragraph whose matches make none)."""
    return item[1] if len(item) == 5 else item[2]


def _count(summary: tuple[Any, ...]) -> int:
    return len(summary[TEXT_AT]) - 1


def _orders(summary: tuple[Any, ...]) -> list[Any]:
    phases, owners = summary[PHASES], summary[OWNERS]
    return [phases[owners[2 * k + 1]][1] for k in range(_count(summary))]


def paragraphs(
    state: Any, before: Mapping[str, Any], summaries: Sequence[Anchored], paths: Sequence[str]
) -> tuple[Paragraphs, tuple[Any, ...]] | None:
    """This run's paragraphs numbered as the last run's (``state``: :func:`kept`; ``before``: the last
    run's summaries of the documents changed since), and its numbering to keep; None when the
    changes may number them otherwise (or ``state`` is not one this code kept, or not of this run)."""
    version, columns, sizes, table, names, blob, _ = state
    read = _read(columns, sizes) if version == _VERSION else None
    if read is None:
        return None
    first, documents, index, numbers, key_at = read
    numbering = (first, documents, index, numbers)
    size = len(documents)
    if len(first) != len(paths) + 1 or first[-1] != size:
        return None
    if not isinstance(blob, bytes) or len(blob) != DIGEST * size or not isinstance(names, dict):
        return None
    place = {path: d for d, path in enumerate(paths)}
    keys = list(table)
    key_number = {key: n for n, key in enumerate(keys)}
    digests, keyed = bytearray(blob), key_at.tobytes()
    for path, old in before.items():
        d = place.get(path, -1)
        if old is None or d < 0:
            return None  # a document added or removed
        new = summaries[d].summary
        count = first[d + 1] - first[d]
        if old.summary[0] != new[0] or _count(old.summary[1]) != count or _count(new[1]) != count:
            return None  # other organisations (other entry keys anywhere), or other paragraphs
        if _orders(old.summary[1]) != _orders(new[1]) or len(new[1][DIGESTS]) != DIGEST * count:
            return None
        entries, owners = new[1][ENTRIES], new[1][OWNERS]
        for k in range(count):
            key, _, organisation = entries[owners[2 * k]]
            key = names.get(organisation, key) if organisation else key
            if key not in key_number:
                key_number[key] = len(keys)
                keys.append(key)
            key_at[numbers[first[d] + k]] = key_number[key]
        digests[DIGEST * first[d] : DIGEST * (first[d] + count)] = new[1][DIGESTS]
    found = Paragraphs.kept(
        _Columns(summaries), _Anchors(summaries), numbering, list(map(keys.__getitem__, key_at)), names, bytes(digests)
    )
    if key_at.tobytes() != keyed:  # (else the kept columns as they are: not written again)
        columns = _columns(*numbering, key_at)
    return found, (columns, sizes, tuple(keys), names, found.digests())


def _columns(*columns: array[int]) -> Mapped:
    """The numbering's columns (and each paragraph's key), as a part kept in a file of its own: written
    once, not again each run (:mod:`lint.keptfiles`)."""
    return Mapped(b"".join(column.tobytes() for column in columns))


def _read(columns: Any, sizes: Any) -> tuple[array[int], ...] | None:
    """The columns of :func:`_columns` (of ``sizes``: documents + 1, paragraphs); None when not read back."""
    data = columns.data if type(columns) is Mapped else None
    count, size = (int(n) for n in sizes)
    width = array("l").itemsize
    if data is None or len(data) != width * (count + 4 * size):
        return None
    whole = data[:]
    read = []
    at = 0
    for n in (count, size, size, size, size):
        column = array("l")
        column.frombytes(whole[at : at + width * n])
        read.append(column)
        at += width * n
    return tuple(read)


def findings(
    state: Any,
    paragraphs: Paragraphs,
    matches: Iterable[Match],
    again: set[int],
    changed: set[int],
    context: Context,
) -> list[Placed | Record]:
    """The run's findings (as :func:`~lint.checks.entry_copy.placed_findings` gives them, or as kept), in
    order: kept from the last run's (``state``: :func:`kept`) for each paragraph not compared again
    (``again``) whose matches' documents, its own among them, are not ``changed`` (by place in the
    run), moved as its paragraphs moved; made from the matches for the others."""
    records: dict[int, Record] = {record[0]: record for record in state[-1]}
    where = paragraphs.where
    found: list[Placed | Record] = []
    redone: list[Match] = []
    for i, of_paragraph in groupby(matches, key=attrgetter("later")):
        group = list(of_paragraph)
        record = records.get(i)
        if (
            record is None  # (none kept: a state this code did not write)
            or i in again
            or any(where(j)[0] in changed for j in (i, *(match.earlier for match in group)))
        ):
            redone.extend(group)
            found.append((i, (), Finding(Span(0, 0))))  # (a place for what placed_findings gives it, if any)
        else:
            found.append(record if record[1] is None else _moved(record, paragraphs))
    made = {item[0]: item for item in placed_findings(paragraphs, redone, context)}
    return [made[item[0]] if len(item) == 3 else item for item in found if len(item) == 5 or item[0] in made]


def _moved(record: Record, paragraphs: Paragraphs) -> Record:
    """A kept finding, its spans moved as its paragraphs moved in their documents since."""
    i, finding, at, held, held_at = record
    assert finding is not None
    anchor = paragraphs.anchor
    now, now_held = anchor(i), tuple(map(anchor, held))
    if now == at and now_held == held_at:
        return record
    related = tuple(
        place._replace(span=_by(place.span, after - before))
        for place, before, after in zip(finding.related, held_at, now_held, strict=True)
    )
    return i, finding._replace(span=_by(finding.span, now - at), related=related), now, held, now_held


def _by(span: Span, moved: int) -> Span:
    return span if not moved else Span(span.start + moved, span.end + moved)
