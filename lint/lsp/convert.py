"""Our model and findings in the protocol's terms: ranges, diagnostics, symbols, hovers, actions.

Offsets in our spans count code points; the protocol counts UTF-16 code units unless the
client agreed on another encoding, so each position is converted from the text of its line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lsprotocol import types as lsp

from lint.formats import wordmark
from lint.lsp.analysis import Result, path_to_uri
from lint.model import Diagnostic, Document, Severity, Span
from lint.report import Item

SOURCE = "response-lint"
SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
COMMENT_FORMATS = frozenset({"markdown", "source-2012"})  # formats with HTML comments (suppressions)


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in the encoding's code units."""
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def position(document: Document, offset: int, encoding: str) -> lsp.Position:
    index = document.lines
    line = index.line_of(offset)
    start = index.line_span(line).start
    return lsp.Position(line=line - 1, character=units(document.text[start:offset], encoding))


def range_of(document: Document, span: Span, encoding: str) -> lsp.Range:
    return lsp.Range(start=position(document, span.start, encoding), end=position(document, span.end, encoding))


def offset_of(document: Document, pos: lsp.Position, encoding: str) -> int:
    """The code-point offset of a protocol position (clamped to its line)."""
    index = document.lines
    if pos.line >= index.line_count:
        return len(document.text)
    span = index.line_span(pos.line + 1)
    count = 0
    for i in range(span.start, span.end):
        if count >= pos.character:
            return i
        count += units(document.text[i], encoding)
    return span.end


def diagnostic(d: Diagnostic, result: Result, encoding: str, docs: Mapping[str, str]) -> lsp.Diagnostic:
    documents = result.report.documents
    related = [
        lsp.DiagnosticRelatedInformation(
            location=lsp.Location(
                uri=path_to_uri(result.project.absolute(r.path)), range=range_of(documents[r.path], r.span, encoding)
            ),
            message=r.message,
        )
        for r in d.related
        if r.path in documents
    ]
    where = " — ".join(x for x in (d.entry, d.phase) if x)
    return lsp.Diagnostic(
        range=range_of(result.document, d.span, encoding),
        message=d.message + (f" ({where})" if where else ""),
        severity=SEVERITY[d.severity],
        code=d.rule,
        code_description=lsp.CodeDescription(href=docs[d.rule]) if d.rule in docs else None,
        source=SOURCE,
        related_information=related or None,
    )


def symbols(document: Document, encoding: str) -> list[lsp.DocumentSymbol]:
    """Entries, each with its phases as children (the editor's outline and breadcrumbs)."""
    out = []
    for entry in document.entries:
        children = []
        for phase in entry.phases:
            whole = range_of(document, phase.span, encoding)
            head = phase.heading_span if phase.heading_span and phase.span.contains(phase.heading_span) else phase.span
            children.append(
                lsp.DocumentSymbol(
                    name=phase.heading or phase.key,
                    detail=phase.key,
                    kind=lsp.SymbolKind.Event,
                    range=whole,
                    selection_range=range_of(document, head, encoding),
                )
            )
        name_span = entry.name_span if entry.span.contains(entry.name_span) else entry.span
        out.append(
            lsp.DocumentSymbol(
                name=entry.name,
                detail=f"{len(entry.phases)} phase" + ("" if len(entry.phases) == 1 else "s"),
                kind=lsp.SymbolKind.Class,
                range=range_of(document, entry.span, encoding),
                selection_range=range_of(document, name_span, encoding),
                children=children,
            )
        )
    return out


def _md(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+-.!|~" else c for c in " ".join(text.split()))


def _marked(pieces: Sequence[wordmark.Piece]) -> str:
    """Markdown with the words the other text does not share in bold."""
    return "".join(f"**{_md(p.text)}**" if not p.shared and p.text.strip() else _md(p.text) for p in pieces)


def at(result: Result, offset: int) -> list[Item]:
    """The findings whose span holds ``offset`` (a zero-width one when it is right there)."""
    return [
        item
        for item in result.report.items
        if item.diagnostic.span.start <= offset <= max(item.diagnostic.span.end, item.diagnostic.span.start)
    ]


def hover(result: Result, offset: int, copy_rules: frozenset[str]) -> str | None:
    found = at(result, offset)
    if not found:
        return None
    parts = []
    rules = result.report.rules
    for item in found:
        d = item.diagnostic
        info = rules.get(d.rule)
        text = f"**{d.severity}** `{d.rule}`: {_md(d.message)}"
        if info is not None and info.summary:
            text += f"\n\n{_md(info.summary)}"
        copy = wordmark.pair(item, result.report) if d.rule in copy_rules else None
        if copy is not None:
            original, mine, theirs = copy
            text += (
                f"\n\n*{_md(original.place.related.message)}* ({_md(original.label(item))}); "
                f"words that differ in bold:\n\n> {_marked(theirs)}\n\nThis text:\n\n> {_marked(mine)}"
            )
        parts.append(text)
    return "\n\n---\n\n".join(parts)


def definition(result: Result, offset: int, copy_rules: frozenset[str], encoding: str) -> list[lsp.Location]:
    """For a copy: the places its text was written before, the earliest first."""
    documents = result.report.documents
    places = []
    for item in at(result, offset):
        if item.diagnostic.rule not in copy_rules:
            continue
        for place in item.related:  # the related places report.build found documents for
            rel = place.related
            places.append((rel.path != result.document.path, rel.span.start, rel))
    places.sort(key=lambda p: (p[0], p[1]))
    return [
        lsp.Location(
            uri=path_to_uri(result.project.absolute(rel.path)), range=range_of(documents[rel.path], rel.span, encoding)
        )
        for _, _, rel in places
    ]


def suppression_edit(document: Document, d: Diagnostic, encoding: str) -> lsp.TextEdit | None:
    """A ``disable-next-line`` comment on its own line above the finding's first line."""
    if document.format not in COMMENT_FORMATS:
        return None
    index = document.lines
    line = index.line_of(d.span.start)
    span = index.line_span(line)
    text = span.slice(document.text)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    at_start = position(document, span.start, encoding)
    comment = f"{indent}<!-- response-lint: disable-next-line={d.rule} -->{document.newline}"
    return lsp.TextEdit(range=lsp.Range(start=at_start, end=at_start), new_text=comment)


def whole(document: Document, encoding: str) -> lsp.Range:
    return lsp.Range(start=lsp.Position(line=0, character=0), end=position(document, len(document.text), encoding))
