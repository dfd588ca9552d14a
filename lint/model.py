"""The document model: what readers produce and checks consume.

Every node carries an exact :class:`Span` (start and end offsets into the decoded
text of its file). Line and column numbers are derived once, at report time, by
:class:`LineIndex`. This module builds on :mod:`lint.spans` and :mod:`lint.record` alone.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol, cast

from lint.record import Frozen, fill
from lint.spans import Indexed, Span, Stab, holds
from lint.spans import LineIndex as LineIndex  # (re-exported: the model's line index)
from lint.tuples import NamedTuple


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


# ``new_tuple(Span, (start, end))`` is ``Span(start, end)`` without the named tuple's Python-level
# ``__new__`` (and a type checker's eye on the fields): the publication reader and the columns use
# it; the other readers call the constructors (no measurable difference on bench/bench_reading.py).
new_tuple = tuple.__new__


class Link(NamedTuple):
    """An inline link ``[text](target)``, or ``[text]`` with no target at all."""

    text: str
    target: str | None
    span: Span
    text_span: Span
    target_span: Span | None


class Paragraph(NamedTuple):
    """One block of prose: a paragraph or a list item (``kind == "bullet"``).

    ``text`` is the plain prose: link markup reduced to the link text, a bullet's
    marker and line breaks removed. ``pieces`` maps it back to the document: each
    pair ``(text_offset, doc_offset)`` starts a run of characters copied unchanged,
    so :meth:`to_span` turns any range of ``text`` into an exact document span.
    """

    text: str
    span: Span
    kind: str = "paragraph"
    links: tuple[Link, ...] = ()
    pieces: tuple[tuple[int, int], ...] = ()

    def to_offset(self, index: int) -> int:
        """Document offset of character ``index`` of :attr:`text`."""
        if not self.pieces:
            return self.span.start + index
        lo, hi = 0, len(self.pieces) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.pieces[mid][0] <= index:
                lo = mid
            else:
                hi = mid - 1
        text_offset, doc_offset = self.pieces[lo]
        return doc_offset + (index - text_offset)

    def to_span(self, start: int, end: int) -> Span:
        """Document span of ``text[start:end]``."""
        if end <= start:
            offset = self.to_offset(start) if start < len(self.text) else self.span.end
            return Span(offset, offset)
        return Span(self.to_offset(start), self.to_offset(end - 1) + 1)


PHASE_KINDS = ("commitment", "progress", "plan")


def phase_order(kind: str, year: int | None, month: int = 0) -> tuple[int, int, int]:
    """The chronological sort key of a phase, the one phase order of the project.

    A plan for year Y is written after progress in Y-1; within a year, periods that end
    in a later month come later; kinds the readers do not know come last in their year.
    """
    year = year if year is not None else 0
    rank = {"commitment": (year, 1, month), "progress": (year, 2, month), "plan": (year - 1, 3, month)}
    return rank.get(kind, (year, 4, month))


def key_order(key: str, phases: Mapping[str, Phase] | None = None) -> tuple[int, int, int, str]:
    """The sort key of a phase key (``"progress 2013"``): the phase's own order when ``phases``
    has it, else the order its kind and year give (a phase only a finding names); then the key."""
    phase = phases.get(key) if phases is not None else None
    if phase is not None:
        return (*phase.order, key)
    kind, _, year_text = key.partition(" ")
    return (*phase_order(kind, int(year_text) if year_text.isdigit() else 0), key)


UNNAMED = "statement"  # the kind of the one phase of an entry that has text and no phase heading
# document layouts: entries are organisations answering one action (seed 000), actions answered by
# one organisation ("DCMS's actions in response to ..."), or actions (commitments ...) each answered
# by the organisation named under it
PER_ACTION, PER_ORGANISATION, ACTIONS = "per-action", "per-organisation", "actions"


class Phase(NamedTuple):
    """One reporting period of an entry: a commitment, progress or plans for a year.

    ``heading`` is the text as written (None when the format implies the phase, as
    the 2012 ``{div .statement}`` does); ``canonical`` is the canonical heading text
    for this kind and year, used to report variant spellings.
    """

    kind: str
    year: int | None
    span: Span
    body_span: Span
    heading: str | None = None
    heading_span: Span | None = None
    canonical: str | None = None
    paragraphs: Sequence[Paragraph] = ()  # a tuple, or a view of columns when long
    # a period finer or wider than a year ("Q3 2016", "February 2024", "2013 to 2014"), else None
    period: str | None = None
    # the month the period ends in (1-12), for ordering periods within a year; 0 for a whole year
    month: int = 0

    @property
    def key(self) -> str:
        """The phase's identity, e.g. ``"progress 2013"`` or ``"progress Q3 2016"``."""
        if self.period is not None:
            return f"{self.kind} {self.period}"
        return f"{self.kind} {self.year}" if self.year is not None else self.kind

    @property
    def links(self) -> tuple[Link, ...]:
        return tuple(link for para in self.paragraphs for link in para.links)

    @property
    def order(self) -> tuple[int, int, int]:
        """Chronological sort key: a plan for year Y is written after progress in Y-1;
        within a year, periods that end in a later month come later."""
        return phase_order(self.kind, self.year, self.month)

    @property
    def text(self) -> str:
        """The phase's prose, one paragraph per line."""
        return "\n".join(p.text for p in self.paragraphs)


class Entry(NamedTuple):
    """One answer: an organisation's answer to one action, with its phases.

    ``name`` is the entry's heading as written: the organisation in a per-action
    document, the action ("Action 2: ...") in a per-organisation one. The answer's
    identity is ``(organisation, action)``: the organisation's display name and the
    action number (None when the document does not say). ``intro`` holds the
    paragraphs between the entry's heading and its first phase heading (the one-line
    summary of an action on a per-organisation page).
    """

    name: str
    key: str
    span: Span
    name_span: Span
    phases: tuple[Phase, ...] = ()
    organisation: str | None = None
    action: str | None = None
    intro: Sequence[Paragraph] = ()  # a tuple, or a view of columns when long

    @property
    def links(self) -> tuple[Link, ...]:
        found = [link for para in self.intro for link in para.links]
        found.extend(link for phase in self.phases for link in phase.links)
        return tuple(found)

    def phase(self, key: str) -> Phase | None:
        for phase in self.phases:
            if phase.key == key:
                return phase
        return None


class Comment(NamedTuple):
    """A comment in the source (an HTML comment in Markdown or the 2012 format)."""

    text: str
    span: Span


class ReadIssue(NamedTuple):
    """Something the reader could not fully understand; reported by the ``syntax`` rule."""

    span: Span
    message: str
    severity: Severity = Severity.ERROR
    code: str = "syntax"


class Edit(NamedTuple):
    """Replace ``span`` of the document text by ``replacement``."""

    span: Span
    replacement: str


class Fix(NamedTuple):
    description: str
    edits: tuple[Edit, ...]


class Related(NamedTuple):
    """Another place that explains a finding (e.g. where copied text was first written)."""

    path: str
    span: Span
    message: str


_WALKED = 8  # phases of an entry looked through one by one (more: by binary search)


class Columns(Protocol):
    """What a document asks of entries kept as columns (:class:`lint.readers.columns.Entries`),
    a sequence of :class:`Entry` made when asked for, without making them."""

    def entry_index(self) -> Stab: ...  # (asked by lint.spans.Indexed)

    def without_prose(self) -> Sequence[Entry]: ...
    def links(self, head: tuple[Link, ...]) -> Sequence[Link]: ...  # ``head``, then the entries' links


class Document(Frozen, Indexed):
    """A parsed response file.

    ``text`` is the decoded text (BOM removed, line endings kept); every span in the
    tree indexes into it. ``encoding``, ``bom`` and ``newline`` let a fix write the
    file back exactly as it was found. ``entries`` is a tuple, or for a document of many
    nodes a sequence that keeps them as columns and makes each entry when asked for
    (:mod:`lint.readers.columns`): read it as a sequence. Immutable (:class:`lint.record.Frozen`);
    ``document._replace(field=value)`` makes a changed copy.
    """

    __slots__ = (
        "action",
        "bom",
        "comments",
        "encoding",
        "entries",
        "format",
        "front_matter",
        "issues",
        "layout",
        "newline",
        "organisation",
        "path",
        "plan",
        "preamble",
        "text",
        "title",
        "title_span",
    )
    path: str
    text: str
    format: str
    title: str | None
    title_span: Span | None
    action: str | None
    entries: Sequence[Entry]
    issues: Sequence[ReadIssue]
    comments: tuple[Comment, ...]
    encoding: str
    bom: bool
    newline: str
    preamble: tuple[Paragraph, ...]
    # PER_ACTION (entries are organisations) or PER_ORGANISATION (entries are actions)
    layout: str
    # the organisation a per-organisation document answers for (from its title)
    organisation: str | None
    # page furniture: document-type labels, Published/Updated lines, notices (never prose)
    front_matter: tuple[Span, ...]
    # the plan the document answers, when it says ("Government Digital Strategy")
    plan: str | None

    def __init__(
        self,
        path: str,
        text: str,
        format: str,
        title: str | None = None,
        title_span: Span | None = None,
        action: str | None = None,
        entries: Sequence[Entry] = (),
        issues: Sequence[ReadIssue] = (),
        comments: tuple[Comment, ...] = (),
        encoding: str = "utf-8",
        bom: bool = False,
        newline: str = "\n",
        preamble: tuple[Paragraph, ...] = (),
        layout: str = PER_ACTION,
        organisation: str | None = None,
        front_matter: tuple[Span, ...] = (),
        plan: str | None = None,
    ) -> None:
        fill(self, locals())
        self._unworked()

    @property
    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph of prose in reading order: the preamble, then each entry's intro and phases."""
        yield from self.preamble
        for entry in self.entries:
            yield from entry.intro
            for phase in entry.phases:
                yield from phase.paragraphs

    @property
    def phases(self) -> tuple[Phase, ...]:
        return tuple(phase for entry in self.entries for phase in entry.phases)

    @property
    def links(self) -> Sequence[Link]:
        """Every link in reading order, gathered once (each link rule reads them all); of columns, a view."""
        if self._links is None:
            found = tuple(link for para in self.preamble for link in para.links)
            if not isinstance(self.entries, tuple):  # each made when read: a tuple held 560 bytes a link
                return self._keep("_links", cast(Columns, self.entries).links(found))
            return self._keep("_links", found + tuple(link for entry in self.entries for link in entry.links))
        return self._links

    def entry_at(self, offset: int) -> Entry | None:
        """The first entry whose span holds ``offset``: a binary search (the engine asks once per finding)."""
        index = self._entry_index.first(offset)
        return self.entries[index] if index >= 0 else None

    def phase_at(self, offset: int) -> tuple[Entry | None, Phase | None]:
        index = self._entry_index.first(offset)
        if index < 0:
            return None, None
        entry = self.entries[index]
        if len(entry.phases) <= _WALKED:
            return entry, next((phase for phase in entry.phases if holds(phase.span, offset)), None)
        stab = self._phase_index.get(index)
        if stab is None:
            stab = self._phase_index[index] = Stab.of([phase.span for phase in entry.phases])
        at = stab.first(offset)
        return entry, entry.phases[at] if at >= 0 else None


class Diagnostic(NamedTuple):
    """A finding of one rule at one place of one document."""

    path: str
    span: Span
    rule: str
    severity: Severity
    message: str
    entry: str | None = None
    phase: str | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    fingerprint_text: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start, self.span.end, self.rule)


def outline(document: Document) -> Document:
    """``document`` without its prose: its entries and phases with no paragraphs, no preamble.

    What the stages after the checks read (positions, entries and phases, comments, the
    text for excerpts), small enough to pass between processes and keep in the result cache.
    """
    entries: Sequence[Entry]
    if not isinstance(document.entries, tuple):  # columns: the same ones, shared, with no paragraphs
        entries = cast(Columns, document.entries).without_prose()
    else:
        entries = tuple(
            # (a long intro, a view of the reader's columns, as a tuple: the outline holds no columns)
            entry._replace(
                phases=tuple(phase._replace(paragraphs=()) for phase in entry.phases), intro=tuple(entry.intro)
            )
            for entry in document.entries
        )
    return document._replace(entries=entries, preamble=())
