"""The ``outline`` command's data: a document's parsed structure as plain JSON values."""

from __future__ import annotations

from typing import Any

from lint.model import Document, Span


def _lines(document: Document, span: Span) -> list[int]:
    index = document.lines
    end = max(span.start, span.end - 1)
    return [index.line_of(span.start), index.line_of(end)]


def outline(document: Document) -> dict[str, Any]:
    index = document.lines
    entries = []
    for entry in document.entries:
        phases = []
        for phase in entry.phases:
            phases.append(
                {
                    "phase": phase.key,
                    "kind": phase.kind,
                    "year": phase.year,
                    "heading": phase.heading,
                    "canonical_heading": phase.canonical,
                    "heading_line": index.line_of(phase.heading_span.start) if phase.heading_span else None,
                    "lines": _lines(document, phase.span),
                    "body_lines": _lines(document, phase.body_span) if phase.paragraphs else None,
                    "period": phase.period,
                    "paragraphs": len(phase.paragraphs),
                    "links": len(phase.links),
                }
            )
        entries.append(
            {
                "name": entry.name,
                "raw_name": entry.name_span.slice(document.text),
                "key": entry.key,
                "organisation": entry.organisation,
                "action": entry.action,
                "line": index.line_of(entry.name_span.start),
                "intro_lines": _lines(document, Span(entry.intro[0].span.start, entry.intro[-1].span.end))
                if entry.intro
                else None,
                "lines": _lines(document, entry.span),
                "phases": phases,
            }
        )
    return {
        "path": document.path,
        "format": document.format,
        "encoding": document.encoding,
        "title": document.title,
        "layout": document.layout,
        "organisation": document.organisation,
        "action": document.action,
        "front_matter_lines": [index.line_of(span.start) for span in document.front_matter],
        "entries": entries,
        "links": len(document.links),
        "issues": [
            {"line": index.line_of(i.span.start), "severity": str(i.severity), "message": i.message}
            for i in document.issues
        ],
    }
