"""The status of each entry × phase of a document, for the HTML report and ``check --summary``.

A cell is ``present`` unless findings in it say otherwise; what a finding says comes
from its rule's check kind (:attr:`lint.report.RuleInfo.summary_role`), never from a
rule's name. ``copied`` cells name the period they copy (the phase of the finding's
related place). Entries are the document's; an entry only a ``missing-entry`` finding
names gets a row of ``missing`` cells. Reads the report only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from lint.formats import wordmark
from lint.model import Document, key_order
from lint.report import Item, Report
from lint.tuples import NamedTuple

# a role (from the check kind's spec) -> the cell state it gives
STATE_OF_ROLE: Mapping[str, str] = {
    "placeholder": "placeholder",
    "copied": "copied",
    "missing-phase": "missing",
    "broken-link": "broken-link",
    "hard-to-read": "hard-to-read",
}
# most serious first: a cell shows every state it has in this order
STATES = ("missing", "placeholder", "broken-link", "copied", "hard-to-read", "present")
LABEL = {
    "present": "present",
    "placeholder": "placeholder",
    "copied": "copied",
    "missing": "missing",
    "broken-link": "broken link",
    "hard-to-read": "hard to read",
}
SYMBOL = {
    "present": "✓",
    "placeholder": "⚠",
    "copied": "↺",
    "missing": "✗",
    "broken-link": "⊘",
    "hard-to-read": "≋",
}


class Cell(NamedTuple):
    states: tuple[str, ...]
    items: tuple[Item, ...] = ()  # every finding in this entry's phase, whatever its rule
    copies: tuple[str, ...] = ()  # the periods a ``copied`` cell copies ("plan 2014")

    def label(self) -> str:
        """The cell in words, e.g. ``copied from plan 2014; hard to read``."""
        parts = []
        for state in self.states:
            text = LABEL[state]
            if state == "copied" and self.copies:
                text += " from " + ", ".join(self.copies)
            parts.append(text)
        return "; ".join(parts)


class Row(NamedTuple):
    entry: str
    cells: tuple[Cell, ...]
    only_in_findings: bool = False  # an entry a missing-entry finding names, absent from the document


class Table(NamedTuple):
    columns: tuple[str, ...]  # phase keys in chronological order
    rows: tuple[Row, ...]


def roles(report: Report) -> dict[str, str]:
    """Rule name -> summary role, for the rules that ran and have one."""
    found: dict[str, str] = {}
    for name, info in report.rules.items():
        role = getattr(info, "summary_role", None)
        if role:
            found[name] = role
    return found


def _copied_period(item: Item, report: Report) -> str | None:
    """The period a copy copies: that of its first related place in a phase."""
    return next((period for o in wordmark.originals(item, report) if (period := o.period(item))), None)


def table(document: Document, report: Report) -> Table | None:
    """The entries × phases table of one document, or None when it has no entries or phases."""
    by_role = roles(report)
    states: dict[tuple[str, str], set[str]] = defaultdict(set)
    items: dict[tuple[str, str], list[Item]] = defaultdict(list)
    copies: dict[tuple[str, str], list[str]] = defaultdict(list)
    missing_entries: list[str] = []
    extra: set[str] = set()
    for item in report.items:
        d = item.diagnostic
        if d.path != document.path or d.entry is None:
            continue
        role = by_role.get(d.rule)
        if role == "missing-entry":
            if d.entry not in missing_entries:
                missing_entries.append(d.entry)
            continue
        if d.phase is None:
            continue
        key = (d.entry, d.phase)
        items[key].append(item)
        state = STATE_OF_ROLE.get(role or "")
        if state is None:
            continue
        states[key].add(state)
        if state == "missing":
            extra.add(d.phase)
        elif state == "copied":
            period = _copied_period(item, report)
            if period and period not in copies[key]:
                copies[key].append(period)
    names = {entry.name for entry in document.entries}
    missing_entries = [name for name in missing_entries if name not in names]
    known = {phase.key: phase for phase in document.phases}
    columns = tuple(sorted(set(known) | extra, key=lambda key: key_order(key, known)))
    if not columns or (not document.entries and not missing_entries):
        return None
    rows = []
    for entry in document.entries:
        present = {phase.key for phase in entry.phases}
        cells = []
        for column in columns:
            key = (entry.name, column)
            found = set(states.get(key, ()))
            if column not in present:
                found.add("missing")
            ordered = tuple(s for s in STATES if s in found) or ("present",)
            cells.append(Cell(ordered, tuple(items.get(key, ())), tuple(copies.get(key, ()))))
        rows.append(Row(entry.name, tuple(cells)))
    for name in missing_entries:
        rows.append(Row(name, tuple(Cell(("missing",)) for _ in columns), only_in_findings=True))
    return Table(columns, tuple(rows))
