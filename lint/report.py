"""Turn diagnostics into a report: positions resolved once, counts, and the documents.

Formatters read a :class:`Report`; they never compute findings or positions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from lint.findings import Chosen, Lazy
from lint.model import Diagnostic, Document, LineIndex, Related, Severity, Span
from lint.record import Record, fill
from lint.tuples import NamedTuple

if TYPE_CHECKING:
    from lint.pieces import Pieces


class Location(NamedTuple):
    """1-based line and column (code points); ``end_column`` is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


class RelatedItem(NamedTuple):
    related: Related
    location: Location
    excerpt: str


class Item:
    """A diagnostic with its place resolved: line and column, the text of its first line, and
    its related places.

    The position and the line are worked out when a formatter asks, from the document's line
    index: a report holds one small object per finding (a tuple for the position and another for
    the item took 250 bytes a finding, more than the input of a file of findings on every line).
    """

    __slots__ = ("_lines", "diagnostic", "related")

    def __init__(self, diagnostic: Diagnostic, lines: LineIndex, related: tuple[RelatedItem, ...] = ()) -> None:
        self.diagnostic = diagnostic
        self._lines = lines  # the line index of the diagnostic's document
        self.related = related

    @property
    def path(self) -> str:
        return self.diagnostic.path

    @property
    def location(self) -> Location:
        return locate(self._lines, self.diagnostic.span)

    @property
    def source_line(self) -> str:
        """The text of the finding's first line, without its line ending."""
        return self._lines.line_text(self._lines.line_of(self.diagnostic.span.start))

    def __repr__(self) -> str:
        return f"Item({self.diagnostic!r}, {self.location!r})"


class RuleInfo(NamedTuple):
    """What a format may say about a rule (from its rule file), without importing the rules.

    ``help`` is the rule's full documentation as ``response-lint rule NAME`` prints it;
    ``summary_role`` is its check kind's (:class:`lint.checks.api.CheckKind`), for status tables.
    """

    name: str
    severity: Severity
    summary: str
    docs: str = ""
    message: str = ""
    check: str = ""
    tags: tuple[str, ...] = ()
    fixable: bool = False
    help: str = ""
    help_uri: str = ""  # where the rule is documented (its rule file): an absolute URI
    summary_role: str | None = None


class Items(Lazy[Item]):
    """The items of a report's diagnostics (a :class:`lint.findings.Chosen`), each made when read:
    formatters write them one at a time, and a file of 30,000 findings held an item and a
    diagnostic object (300 bytes) for each."""

    __slots__ = ("_documents", "diagnostics")

    def __init__(self, diagnostics: Sequence[Diagnostic], documents: Mapping[str, Document]) -> None:
        self.diagnostics = diagnostics
        self._documents = documents

    def __len__(self) -> int:
        return len(self.diagnostics)

    def _make(self, index: int) -> Item:
        return self._item(self.diagnostics[index])

    def __iter__(self) -> Iterator[Item]:
        return map(self._item, self.diagnostics)

    def _item(self, diagnostic: Diagnostic) -> Item:
        return item(diagnostic, self._documents)


class Report(Record):
    """What a run found, positions resolved: what every formatter reads."""

    __slots__ = ("documents", "files", "items", "notes", "pieces", "rules")
    items: Sequence[Item]
    files: int
    documents: Mapping[str, Document]
    notes: list[str]
    rules: Mapping[str, RuleInfo]  # the rules that ran, by name
    pieces: Pieces | None  # the items cut by document, with the texts formats kept of them (lint.pieces)

    def __init__(
        self,
        items: Sequence[Item],
        files: int,
        documents: Mapping[str, Document] | None = None,
        notes: list[str] | None = None,
        rules: Mapping[str, RuleInfo] | None = None,
        pieces: Pieces | None = None,
    ) -> None:
        documents = {} if documents is None else documents
        notes = [] if notes is None else notes
        rules = {} if rules is None else rules
        fill(self, locals())

    def diagnostics(self) -> Iterable[Diagnostic]:
        """The diagnostics of the items (counted without making the items, when they are made when read)."""
        if isinstance(self.items, Items):
            return self.items.diagnostics
        return (item.diagnostic for item in self.items)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics() if d.severity == severity)

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity, counted in one pass (each diagnostic of a lazy report is made when read)."""
        found = Counter(d.severity for d in self.diagnostics())
        return {str(s): found[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}

    @property
    def by_rule(self) -> Counter[str]:
        return Counter(d.rule for d in self.diagnostics())

    def rule_counts(self) -> list[tuple[str, dict[str, int]]]:
        """Findings per rule and severity (``{"error": n, "warning": n, "info": n}``), the rule with
        the most findings first, then by name: the per-rule tables of the summary formats."""
        table: dict[str, dict[str, int]] = {}
        for d in self.diagnostics():
            counts = table.get(d.rule)
            if counts is None:
                counts = table[d.rule] = {"error": 0, "warning": 0, "info": 0}
            counts[str(d.severity)] += 1
        return sorted(table.items(), key=lambda row: (-sum(row[1].values()), row[0]))

    @property
    def fixable(self) -> int:
        return sum(1 for d in self.diagnostics() if d.fix is not None)


def locate(index: LineIndex, span: Span) -> Location:
    line, column = index.position(span.start)
    end_line, end_column = index.position(span.end)
    return Location(line, column, end_line, end_column)


def item(diagnostic: Diagnostic, documents: Mapping[str, Document]) -> Item:
    """``diagnostic``'s item: its position and its related places resolved against ``documents``."""
    related = []
    for rel in diagnostic.related:
        other = documents.get(rel.path)
        if other is None:
            continue
        rel_location = locate(other.lines, rel.span)
        excerpt = rel.span.slice(other.text)
        related.append(RelatedItem(rel, rel_location, excerpt))
    return Item(diagnostic, documents[diagnostic.path].lines, tuple(related))


def build(
    diagnostics: Sequence[Diagnostic], documents: Mapping[str, Document], files: int, notes: Sequence[str] = ()
) -> Report:
    """Resolve every diagnostic's position against its document (a :class:`lint.findings.Chosen`: each
    when a formatter reads it)."""
    items: Sequence[Item]
    if isinstance(diagnostics, Chosen):
        items = Items(diagnostics, documents)
    else:
        items = [item(diagnostic, documents) for diagnostic in diagnostics]
    return Report(items=items, files=files, documents=documents, notes=list(notes))
