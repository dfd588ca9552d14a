"""The entries of a large document kept as columns: offsets in arrays, each node made when asked for.

A reader builds its entries one at a time (:class:`EntryList`). While a document has few
nodes they stay the named tuples of :mod:`lint.model`, as every check reads them; past
:data:`PACK_AT` nodes they are moved into an :class:`Entries` of columns: each offset 8
bytes in an array, each repeated phase description and paragraph kind stored once. A tree
of tuples took about 1.2 kB per entry of a 56-byte Markdown entry (a Span tuple and two
int objects per position), over 20 times its input; the columns take about 250 bytes.

:class:`Entries` is a sequence of :class:`~lint.model.Entry`: indexing or iterating it
makes the entry, with its phases and paragraphs, from the columns, equal to the one the
reader gave (checks key their shared memos by text, never by the node object). Walking
it costs a node made per node visited, so the small documents of every run, which the
checks walk many times, keep their tuples.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from lint.model import Entry, Link, Paragraph, Phase, Span
from lint.readers.views import ColumnView, Links, ParagraphColumns, Paragraphs
from lint.spans import Stab

# nodes (entries, phases and paragraphs) a document keeps as tuples; past this, as columns.
# A constant: what a run holds for one document beyond the columns is bounded by it.
PACK_AT = 2048
# paragraphs: a run of more (one phase's, one entry's intro) is kept as columns while the
# document is read and given as a :class:`Paragraphs` view, each made when read (a phase of
# 32,000 one-line paragraphs held 8 MB of tuples while it was read, and again while a check
# walked it); a shorter run is a tuple, as every check reads it many times
LAZY_AT = 256

new_tuple = tuple.__new__
_NO_SPAN = -1  # a phase with no heading: its heading offsets


class Entries(ColumnView[Entry]):
    """Entries as columns (see the module's docstring); built by :class:`EntryList`."""

    __slots__ = (
        "_e_actions",
        "_e_intro",
        "_e_keys",
        "_e_names",
        "_e_off",
        "_e_orgs",
        "_e_phase",
        "_last",
        "_p_first",
        "_p_info",
        "_p_off",
        "_q",
        "prose",
    )

    def __init__(self, text: str = "") -> None:
        code = "i" if len(text) < 1 << 31 else "q"  # offsets in 4 bytes each when they fit
        self._e_names: list[str] = []
        self._e_keys: list[str] = []  # kept, not worked out again from the name: an entry is made many times
        self._e_orgs: list[str | None] = []
        self._e_actions: list[str | None] = []
        self._e_off = array(code)  # start, end, name start, name end
        self._e_phase = array(code, [0])  # per entry: its first phase; then the end
        self._e_intro = array(code)  # per entry: its intro's first paragraph and the one after its last
        self._p_info: list[tuple[str, int | None, str | None, str | None, str | None, int]] = []
        self._p_off = array(code)  # start, end, body start, body end, heading start, heading end
        self._p_first = array(code)  # per phase: its first paragraph and the one after its last
        self._q = ParagraphColumns(text)  # the paragraphs: apart, for the views an entry holds
        self.prose = True  # False: an outline's, with no paragraphs in its phases
        # the entry last made, and its index: the engine asks for the entry of each finding in
        # turn (remaking an entry of 4,000 paragraphs per finding took minutes), mostly the one
        # a check walking the entries has just made (kept once, not twice)
        self._last: tuple[int, Entry] | None = None

    # -- building ----------------------------------------------------------------------------

    def add_run(self, paragraphs: Iterable[Paragraph]) -> tuple[int, int]:
        """Append ``paragraphs`` to the paragraph columns: ``(first, stop)`` of the run, which
        :meth:`add` may take (as the :class:`Paragraphs` view :meth:`view`) in place of them."""
        return self._q.add_run(paragraphs)

    def view(self, first: int, stop: int) -> Paragraphs:
        """The paragraphs ``first`` up to ``stop`` of the columns, each made when read."""
        return Paragraphs(self._q, first, stop)

    def _add_paragraphs(self, paragraphs: Sequence[Paragraph], runs: array[int]) -> None:
        run = paragraphs.run_of(self._q) if isinstance(paragraphs, Paragraphs) else None
        if run is None:
            run = self.add_run(paragraphs)
        runs.extend(run)

    def add(self, entry: Entry, shared: dict[object, object]) -> None:
        """Append ``entry`` (with its phases and paragraphs) to the columns."""
        name, key, span, name_span, phases, organisation, action, intro = entry
        self._e_names.append(name)
        self._e_keys.append(key)
        self._e_orgs.append(organisation)
        self._e_actions.append(action)
        self._e_off.extend(span)
        self._e_off.extend(name_span)
        self._add_paragraphs(intro, self._e_intro)
        for phase in phases:
            kind, year, p_span, body, heading, heading_span, canonical, paragraphs, period, month = phase
            info = (kind, year, heading, canonical, period, month)
            self._p_info.append(shared.setdefault(info, info))  # type: ignore[arg-type]
            self._p_off.extend(p_span)
            self._p_off.extend(body)
            self._p_off.extend(heading_span if heading_span is not None else (_NO_SPAN, _NO_SPAN))
            self._add_paragraphs(paragraphs, self._p_first)
        self._e_phase.append(len(self._p_info))

    # -- reading -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._e_names)

    def _paragraphs(self, first: int, stop: int) -> Sequence[Paragraph]:
        if first >= stop:
            return ()
        if stop - first > LAZY_AT:
            return Paragraphs(self._q, first, stop)
        return tuple(map(self._q.paragraph, range(first, stop)))

    def _phase(self, j: int) -> Phase:
        kind, year, heading, canonical, period, month = self._p_info[j]
        o = self._p_off
        at = 6 * j
        heading_span = new_tuple(Span, (o[at + 4], o[at + 5])) if o[at + 4] != _NO_SPAN else None
        paragraphs = self._paragraphs(self._p_first[2 * j], self._p_first[2 * j + 1]) if self.prose else ()
        span = new_tuple(Span, (o[at], o[at + 1]))
        body = new_tuple(Span, (o[at + 2], o[at + 3]))
        return new_tuple(Phase, (kind, year, span, body, heading, heading_span, canonical, paragraphs, period, month))

    def _make(self, i: int) -> Entry:
        name, key, organisation, action = self._e_names[i], self._e_keys[i], self._e_orgs[i], self._e_actions[i]
        o = self._e_off
        phases = tuple(map(self._phase, range(self._e_phase[i], self._e_phase[i + 1])))
        intro = self._paragraphs(self._e_intro[2 * i], self._e_intro[2 * i + 1])
        span = new_tuple(Span, (o[4 * i], o[4 * i + 1]))
        name_span = new_tuple(Span, (o[4 * i + 2], o[4 * i + 3]))
        return new_tuple(Entry, (name, key, span, name_span, phases, organisation, action, intro))

    def _get(self, index: int) -> Entry:
        last = self._last
        if last is not None and last[0] == index:
            return last[1]
        entry = self._make(index)
        self._last = (index, entry)
        return entry

    # -- what the document asks without making nodes -----------------------------------------

    def entry_index(self) -> Stab:
        """The index that finds the first entry holding an offset."""
        o = self._e_off
        return Stab.of_offsets(o[0::4], o[1::4])

    def phase_index(self, i: int) -> Stab:
        """The index of entry ``i``'s phases."""
        a, b = self._e_phase[i], self._e_phase[i + 1]
        o = self._p_off
        return Stab.of_offsets(o[6 * a : 6 * b : 6], o[6 * a + 1 : 6 * b : 6])

    def phase(self, i: int, j: int) -> Phase:
        """Phase ``j`` of entry ``i``, made alone."""
        return self._phase(self._e_phase[i] + j)

    def phase_count(self, i: int) -> int:
        return self._e_phase[i + 1] - self._e_phase[i]

    def without_prose(self) -> Entries:
        """The same entries with no paragraphs in their phases (:func:`lint.model.outline`; an
        entry's intro is kept): the entry and phase columns shared."""
        kept = self._copy()
        kept._q = ParagraphColumns("")  # each intro paragraph keeps its own text: the outline keeps no document text
        kept._e_intro = array(self._e_intro.typecode)
        for i in range(len(self)):
            first, stop = self._e_intro[2 * i], self._e_intro[2 * i + 1]
            kept._e_intro.extend(kept.add_run(map(self._q.paragraph, range(first, stop))))
        kept.prose = False
        return kept

    def links(self, head: tuple[Link, ...]) -> Links:
        """``head``, then every link of the entries, in order, each made when read (the document's links)."""
        return Links(head, self._links)

    def _links(self) -> Iterator[Link]:
        """Every link of the entries, in order (each entry's ``links``: its intro's, then its
        phases'), made from the paragraph columns with no entry, phase or paragraph made."""
        q = self._q
        for i in range(len(self)):
            yield from q.links_of(self._e_intro[2 * i], self._e_intro[2 * i + 1])
            if self.prose:
                for j in range(self._e_phase[i], self._e_phase[i + 1]):
                    yield from q.links_of(self._p_first[2 * j], self._p_first[2 * j + 1])

    def names(self) -> list[str]:
        """Each entry's name, in order (with no entry made)."""
        return self._e_names

    def organisations(self) -> list[str | None]:
        """Each entry's organisation, in order (with no entry made)."""
        return self._e_orgs

    def with_identity(self, organisations: list[str | None], actions: list[str | None]) -> Entries:
        """The same entries with each one's organisation and action replaced, in order."""
        if len(organisations) != len(self) or len(actions) != len(self):
            raise ValueError("one organisation and one action an entry")
        kept = self._copy()
        kept._e_orgs, kept._e_actions = organisations, actions
        return kept

    def _copy(self) -> Entries:
        kept = Entries.__new__(Entries)
        for slot in Entries.__slots__:
            setattr(kept, slot, getattr(self, slot))
        kept._last = None
        return kept

    def __getstate__(self) -> dict[str, object]:
        return {slot: getattr(self, slot) for slot in Entries.__slots__ if slot != "_last"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for slot, value in state.items():
            setattr(self, slot, value)
        self._last = None


class EntryList:
    """The entries a reader has closed, in order: tuples while few, then :class:`Entries`."""

    __slots__ = ("_columns", "_nodes", "_shared", "_store", "_text", "_tuples")

    def __init__(self, text: str) -> None:
        self._text = text  # the document's text, which every span indexes
        self._tuples: list[Entry] = []
        self._columns: Entries | None = None
        # the columns: the entries' once there are many, a long run of paragraphs' at once
        self._store = Entries(text)
        self._nodes = 0
        self._shared: dict[object, object] = {}

    def paragraphs(self, paragraphs: Iterable[Paragraph]) -> Sequence[Paragraph]:
        """``paragraphs`` (of one phase or intro, made one by one) as :meth:`append` will take
        them: a tuple, or past :data:`LAZY_AT` a :class:`Paragraphs` view of the columns they
        went into as they came (no more than :data:`LAZY_AT` of them held at once)."""
        given = iter(paragraphs)
        head = list(islice(given, LAZY_AT + 1))
        if len(head) <= LAZY_AT:
            return tuple(head)
        first, _ = self._store.add_run(head)
        del head
        _, stop = self._store.add_run(given)
        return self._store.view(first, stop)

    def append(self, entry: Entry) -> None:
        if self._columns is not None:
            self._columns.add(entry, self._shared)
            return
        self._tuples.append(entry)
        self._nodes += 1 + len(entry.intro) + sum(1 + len(p.paragraphs) for p in entry.phases)
        if self._nodes > PACK_AT:
            self._columns = self._store
            for kept in self._tuples:
                self._columns.add(kept, self._shared)
            self._tuples = []

    def __len__(self) -> int:
        return len(self._columns) if self._columns is not None else len(self._tuples)

    def sort_by_start(self) -> None:
        """Put the entries in order of their starts (a reader that closes them out of order)."""
        if self._columns is None:
            self._tuples.sort(key=lambda e: e.span.start)
            return
        starts = self._columns._e_off[0::4]
        order = sorted(range(len(starts)), key=starts.__getitem__)
        if order != list(range(len(starts))):
            old, self._columns, self._shared = self._columns, Entries(self._text), {}
            self._store = self._columns
            for i in order:
                self._columns.add(old[i], self._shared)

    def finish(self) -> Sequence[Entry]:
        """The entries: a tuple, or :class:`Entries` when there were many."""
        return self._columns if self._columns is not None else tuple(self._tuples)


def names(entries: Sequence[Entry]) -> list[str]:
    """The name of each entry, in order, however they are kept."""
    return entries.names() if isinstance(entries, Entries) else [e.name for e in entries]


def organisations(entries: Sequence[Entry]) -> list[str | None]:
    """The organisation of each entry, in order, however they are kept."""
    return entries.organisations() if isinstance(entries, Entries) else [e.organisation for e in entries]


def with_identity(
    entries: Sequence[Entry], organisations: list[str | None], actions: list[str | None]
) -> Sequence[Entry]:
    """``entries`` with each one's organisation and action replaced, in order, however they are kept."""
    if isinstance(entries, Entries):
        return entries.with_identity(organisations, actions)
    return tuple(
        e._replace(organisation=organisation, action=action)
        for e, organisation, action in zip(entries, organisations, actions, strict=True)
    )
