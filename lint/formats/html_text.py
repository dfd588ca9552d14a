"""The HTML report's reading view of one document: its text, every finding highlighted
on its exact span, the finding's message right after the line where it starts, and
for copies the two texts side by side with their shared words marked.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Mapping

from lint.escape import for_xml
from lint.formats import wordmark
from lint.model import Document, Severity
from lint.report import Item, Report

Ids = Mapping[int, str]  # id(item) -> the finding's element id


def escape(text: str, quote: bool = True) -> str:
    """Untrusted text (file names, entry names, messages, the documents) as HTML text or attribute."""
    return html.escape(for_xml(text), quote=quote)


def line_id(doc_id: str, line: int) -> str:
    return f"{doc_id}-L{line}"


def _segments(text: str, marks: list[tuple[int, int, str, Severity]]) -> str:
    """``text`` with every (start, end, id, severity) interval wrapped in a ``<mark>``."""
    if not marks:
        return escape(text)
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[str] = []
    points = defaultdict(list)
    for start, end, fid, severity in marks:
        if start == end:
            points[start].append((fid, severity))
    for left, right in zip(cuts, [*cuts[1:], len(text)], strict=False):
        if points.get(left):
            fids = " ".join(f for f, _ in points[left])
            worst = max(s for _, s in points[left])
            out.append(f'<mark class="hl point sev-{worst}" data-f="{fids}" title="finding here">‸</mark>')
            points[left] = []
        if right <= left:
            continue
        piece = escape(text[left:right])
        covering = [(fid, sev) for start, end, fid, sev in marks if start <= left and right <= end and start < end]
        if covering:
            fids = " ".join(f for f, _ in covering)
            worst = max(s for _, s in covering)
            out.append(f'<mark class="hl sev-{worst}" data-f="{fids}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _copy_pair(item: Item, report: Report, copied: bool) -> str:
    """For a copy: this text and the one it copies, side by side, shared words marked."""
    found = wordmark.pair(item, report) if copied else None
    if found is None:
        return ""
    original, left, right = found
    where = original.label(item)
    here = item.diagnostic.phase or f"line {item.location.line}"

    def side(pieces: list[wordmark.Piece]) -> str:
        return "".join(f'<mark class="shared">{escape(p.text)}</mark>' if p.shared else escape(p.text) for p in pieces)

    shared = sum(1 for p in left if p.shared)
    return (
        f'<div class="pair" role="group" aria-label="copy compared with its original ({shared} shared words marked)">'
        f"<figure><figcaption>This text ({escape(here)})</figcaption><p>{side(left)}</p></figure>"
        f"<figure><figcaption>First written in {escape(where)}</figcaption><p>{side(right)}</p></figure></div>"
    )


def _note(item: Item, fid: str, report: Report, document: Document, doc_ids: Mapping[str, str], copied: bool) -> str:
    d = item.diagnostic
    loc = item.location
    where = " — ".join(escape(x) for x in (d.entry, d.phase) if x)
    related = []
    for rel in item.related:
        target = doc_ids.get(rel.related.path)
        label = f"{escape(rel.related.message)}: {escape(rel.related.path)}:{rel.location.line}:{rel.location.column}"
        if target is not None:
            related.append(f'<li><a href="#{line_id(target, rel.location.line)}">{label}</a></li>')
        else:
            related.append(f"<li>{label}</li>")
    fix = f'<p class="fix">Fix: {escape(d.fix.description)}</p>' if d.fix is not None else ""
    return (
        f'<li class="finding sev-{d.severity}" id="{fid}" tabindex="-1" '
        f'data-rule="{escape(d.rule)}" data-severity="{d.severity}">'
        f'<span class="sev">{d.severity}</span> <code class="rule">{escape(d.rule)}</code> '
        f'<span class="msg">{escape(d.message)}</span> '
        f'<span class="at">line {loc.line}, column {loc.column}{" · " + where if where else ""}</span>'
        + (f'<ul class="related">{"".join(related)}</ul>' if related else "")
        + fix
        + _copy_pair(item, report, copied)
        + "</li>"
    )


def render(
    document: Document,
    doc_id: str,
    items: list[Item],
    ids: Ids,
    report: Report,
    doc_ids: Mapping[str, str],
    copy_rules: frozenset[str],
) -> str:
    """The document's text as an ordered list of lines, findings highlighted and noted."""
    index = document.lines
    marks: dict[int, list[tuple[int, int, str, Severity]]] = defaultdict(list)
    notes: dict[int, list[str]] = defaultdict(list)
    for item in items:
        d = item.diagnostic
        fid = ids[id(item)]
        loc = item.location
        notes[loc.line].append(_note(item, fid, report, document, doc_ids, d.rule in copy_rules))
        for line in range(loc.line, loc.end_line + 1):
            if line > index.line_count:
                break
            span = index.line_span(line)
            start = max(d.span.start, span.start) - span.start
            end = min(d.span.end, span.end) - span.start
            if end < start or (end == start and line != loc.line):
                continue
            marks[line].append((start, end, fid, d.severity))
    out = [f'<ol class="text" aria-label="text of {escape(document.path)}">']
    if document.text:
        for line in range(1, index.line_count + 1):
            text = index.line_text(line)
            body = _segments(text, marks.get(line, [])) or " "
            own = notes.get(line)
            out.append(
                f'<li id="{line_id(doc_id, line)}" value="{line}"><span class="src">{body}</span>'
                + (f'<ul class="notes">{"".join(own)}</ul>' if own else "")
                + "</li>"
            )
    out.append("</ol>")
    return "".join(out)
