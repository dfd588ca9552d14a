"""One answer published on several pages: its findings reported once, on the first page.

GOV.UK published each answer twice, on the action's page and on the organisation's own
page. When the same answer, ``(organisation, action)`` as the cross-document rules
identify it (:mod:`lint.checks.identity`), has the same phase with the same text in two
or more documents of a run, of different layouts (the two views of one publication, as
``cross-page-drift`` compares them), a finding in that text is one defect published
twice, not two defects. This pass keeps it on the first of those documents (in path order, the
report's order) and folds the others into it: a related location on each other page,
at the same place in the same text, and the message ends "…; also published in
PATH:LINE".

A finding is folded only when it is the same finding: a rule whose check kind declares
``answer_text`` (its findings are about the words of one phase), the same severity and
message, and the same place in phases of the same identity and the same text. Text that
differs is never merged (that is ``cross-page-drift``'s business), nor is a finding
carrying a fix (a fix edits its own page only). It runs after the per-document checks,
the corpus rules and the suppressions, on the diagnostics and the outlines the run has
anyway (never a document read again), so its output is the same however the documents
were checked: in workers, from the result cache or in shards. Config ``republished-once
= false`` turns it off.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from array import array
from bisect import bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from lint.findings import Chosen
from lint.model import Diagnostic, Document, Related

if TYPE_CHECKING:
    from lint.model import Entry

# what a folded finding's related location on each other page says (bench/real.py reads it)
ALSO = "also published here (the same answer, the same text)"


# each phase of an answer as the pass reads it: its kind, year and period (its identity), and its body's start and end
Phases = tuple[tuple[str, int | None, str | None, int, int], ...]
# what the pass reads of a document's entries: the organisations they name (each once, in order), and
# each answer (an entry with an organisation and an action): its organisation, its action's key, its phases
Answers = tuple[tuple[str, ...], tuple[tuple[str, str, Phases], ...]]


class Summarised(ABC):
    """Entries that know their :data:`Answers` without being read (a cached outline's:
    :class:`lint.cachedoutline.LazyEntries`), so this pass reads no entry of a document
    it has nothing to fold in."""

    __slots__ = ()

    @abstractmethod
    def answers(self) -> Answers:
        """What :func:`answers` gives for these entries."""


def answers(entries: Iterable[Entry]) -> Answers:
    """What this pass reads of a document's entries (:data:`Answers`)."""
    from lint.checks.identity import action_key

    entries = list(entries)
    found = []
    for entry in entries:
        if entry.organisation and entry.action:
            phases = tuple(
                (phase.kind, phase.year, phase.period, phase.body_span.start, phase.body_span.end)
                for phase in entry.phases
            )
            found.append((entry.organisation, action_key(entry.action) or "", phases))
    named = tuple(dict.fromkeys(entry.organisation for entry in entries if entry.organisation))
    return named, tuple(found)


def _answers_of(document: Document) -> Answers:
    entries = document.entries
    return entries.answers() if isinstance(entries, Summarised) else answers(entries)


def shared_phases(outlines: Mapping[str, Document]) -> dict[str, list[tuple[int, int, int]]]:
    """The phases of one answer published with the same text on pages of different layouts: by
    page, each one's body (start and end offsets) and a number that is the same on every page
    it is on.

    As ``cross-page-drift``, only pages of different layouts are one answer published twice
    (an action's page and an organisation's page, the two views of one publication); two
    pages of one layout for the same action are two editions (the 2012 source and the 2015
    publication). So a run of one layout costs nothing here; in others, answers on pages of
    one layout are left at once, then phases whose body is not as long as the same phase's
    elsewhere, and only the rest have their text compared. An answer with the same phase
    twice on one page is left alone. Each page's entries are read as :func:`answers` (a
    cached outline's without reading its entries: :class:`Summarised`).
    """
    if len({document.layout for document in outlines.values()}) < 2:
        return {}
    from lint.checks.identity import keys_of

    read = {path: _answers_of(document) for path, document in outlines.items()}
    keys = keys_of(name for named, _ in read.values() for name in named)
    pages: dict[tuple[str, str], list[tuple[str, Phases]]] = {}
    for path, (_, answered) in read.items():
        for organisation, action, phases in answered:
            pages.setdefault((keys.get(organisation, organisation), action), []).append((path, phases))
    shared: dict[str, list[tuple[int, int, int]]] = {}
    number = 0
    for on_pages in pages.values():
        if len({outlines[path].layout for path, _ in on_pages}) < 2:
            continue
        # by the phase's identity (its kind and period: Phase.key without making the string) and length
        same: dict[tuple[str, int | None, str | None, int], list[tuple[str, int, int]]] = {}
        for path, phases in on_pages:
            for kind, year, period, start, end in phases:
                same.setdefault((kind, year, period, end - start), []).append((path, start, end))
        for (_, year, period, _), where in same.items():
            if len(where) < 2 or (year is None and period is None):
                continue  # one page only, or an unnamed phase (it has no identity to compare across pages)
            by_text: dict[str, list[tuple[str, int, int]]] = {}
            for path, start, end in where:
                by_text.setdefault(outlines[path].text[start:end], []).append((path, start, end))
            for found in by_text.values():
                paths = {path for path, _, _ in found}
                if len(paths) == len(found) and len({outlines[path].layout for path in paths}) >= 2:
                    number += 1
                    for path, start, end in found:
                        shared.setdefault(path, []).append((start, end, number))
    return shared


def report_once(
    diagnostics: Sequence[Diagnostic], outlines: Mapping[str, Document], rules: Collection[str]
) -> Sequence[Diagnostic]:
    """``diagnostics`` with each finding of ``rules`` repeated in the same answer on other pages
    folded into its first page's (see the module docs); the rest as they were, in their order.

    Which page is first does not depend on the order given, so on diagnostics sorted by
    position (:meth:`lint.findings.Chosen.sorted`) this gives what sorting its answer on
    unsorted ones would. The answer is made when read (a :class:`lint.findings.Chosen` over
    ``diagnostics`` and the folded findings): a run's findings are not all made objects at once."""
    if len(outlines) < 2 or not rules:
        return diagnostics
    shared = shared_phases(outlines)
    if not shared:
        return diagnostics
    index = {path: (sorted(phases), [start for start, _, _ in sorted(phases)]) for path, phases in shared.items()}
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, found in enumerate(diagnostics):
        phases = index.get(found.path)
        if phases is None or found.rule not in rules or found.fix is not None:
            continue
        span = found.span
        at = bisect_right(phases[1], span.start) - 1
        if at < 0 or span.end > phases[0][at][1]:
            continue  # not in the text of a phase published on another page too
        start, _, number = phases[0][at]
        same = (number, span.start - start, span.end - start, found.rule, found.severity, found.message)
        groups.setdefault(same, []).append(i)
    folded: dict[int, Diagnostic | None] = {}  # finding index -> what replaces it (None: dropped)
    for members in groups.values():
        if len(members) < 2 or len({diagnostics[i].path for i in members}) != len(members):
            continue  # on one page only, or a finding twice at one place of a page
        members.sort(key=lambda i: diagnostics[i].path)
        first, others = members[0], [diagnostics[i] for i in members[1:]]
        folded[first] = _folded(diagnostics[first], others, outlines)
        folded.update((i, None) for i in members[1:])
    if not folded:
        return diagnostics
    which, places = array("i"), array("q")  # group 0: diagnostics; group 1: the folded findings
    replaced: list[Diagnostic] = []
    for i in range(len(diagnostics)):
        if i not in folded:
            which.append(0)
            places.append(i)
            continue
        kept = folded[i]
        if kept is not None:
            which.append(1)
            places.append(len(replaced))
            replaced.append(kept)
    return Chosen([diagnostics, replaced], which, places)


def _folded(first: Diagnostic, others: Sequence[Diagnostic], outlines: Mapping[str, Document]) -> Diagnostic:
    """``first`` saying where else the same answer publishes it."""
    where = ", ".join(f"{d.path}:{outlines[d.path].lines.line_of(d.span.start)}" for d in others)
    related = tuple(Related(d.path, d.span, ALSO) for d in others)
    return Diagnostic(
        path=first.path,
        span=first.span,
        rule=first.rule,
        severity=first.severity,
        message=f"{first.message}; also published in {where}",
        entry=first.entry,
        phase=first.phase,
        related=(*first.related, *related),
        fix=first.fix,
        fingerprint_text=first.fingerprint_text,
    )
