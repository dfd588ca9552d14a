"""``html``: one self-contained page for people who never open a terminal.

Inline CSS and script, no request to anything: counts per rule and severity, filters
by rule and severity, a documents × rules table when there are several documents, and
for each document its status table (entries × phases, each cell in colour and in words,
linking to its findings) and its text with every finding highlighted on its span.
Reads the report only; cell states come from :mod:`lint.formats.status`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from importlib import resources
from typing import TextIO

from lint.formats import Settings, html_text, status
from lint.formats.html_text import escape
from lint.report import Item, Report

_SEVERITIES = ("error", "warning", "info")


def _asset(name: str) -> str:
    return resources.files("lint.formats").joinpath("assets", name).read_text(encoding="utf-8")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def _filters(report: Report) -> str:
    counts = report.counts
    by_rule = report.by_rule
    sev = "".join(
        f'<label class="chip sev-{s}"><input type="checkbox" name="severity" value="{s}" checked> '
        f'{s} <span class="n">({counts[s]})</span></label>'
        for s in _SEVERITIES
    )
    rules = "".join(
        f'<label class="chip"><input type="checkbox" name="rule" value="{escape(r, quote=True)}" checked> '
        f'<code>{escape(r)}</code> <span class="n">({n})</span></label>'
        for r, n in sorted(by_rule.items())
    )
    return (
        '<form id="filters" class="filters" aria-labelledby="filters-h"><h2 id="filters-h">Filters</h2>'
        f"<fieldset><legend>Severity</legend>{sev}</fieldset>"
        f"<fieldset><legend>Rule</legend>{rules}"
        '<button type="button" data-all="rule">all rules</button> '
        '<button type="button" data-none="rule">no rules</button></fieldset>'
        '<p id="shown" role="status" aria-live="polite">'
        f"Showing all {_plural(len(report.items), 'finding')}.</p>"
        '<p class="keys">Keys: <kbd>n</kbd> next finding, <kbd>p</kbd> previous finding.</p></form>'
    )


def _rule_counts(report: Report) -> str:
    table = report.rule_counts()
    if not table:
        return ""
    rows = []
    for rule, counts in table:
        info = report.rules.get(rule)
        summary = f'<span class="summary">{escape(info.summary)}</span>' if info and info.summary else ""
        cells = "".join(f'<td class="num">{counts[s]}</td>' for s in _SEVERITIES)
        rows.append(
            f'<tr data-rule="{escape(rule, quote=True)}"><th scope="row"><code>{escape(rule)}</code> {summary}</th>'
            f'<td class="num">{sum(counts.values())}</td>{cells}</tr>'
        )
    head = "".join(f'<th scope="col" class="num">{s}</th>' for s in _SEVERITIES)
    return (
        '<section aria-labelledby="counts-h"><h2 id="counts-h">Findings per rule and severity</h2>'
        f'<table class="counts"><thead><tr><th scope="col">rule</th><th scope="col" class="num">findings</th>{head}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _documents_table(report: Report, doc_ids: dict[str, str], items: dict[str, list[Item]]) -> str:
    """For several documents: documents × rules, counts in the cells."""
    rules = sorted(report.by_rule)
    head = "".join(f'<th scope="col" class="num"><code>{escape(r)}</code></th>' for r in rules)
    rows = []
    for path, doc_id in doc_ids.items():
        counts = Counter(i.diagnostic.rule for i in items.get(path, []))
        cells = "".join(f'<td class="num{" zero" if not counts[r] else ""}">{counts[r]}</td>' for r in rules)
        rows.append(
            f'<tr><th scope="row"><a href="#{doc_id}">{escape(path)}</a></th>'
            f'<td class="num">{sum(counts.values())}</td>{cells}</tr>'
        )
    return (
        '<section aria-labelledby="docs-h"><h2 id="docs-h">Documents</h2><div class="scroll">'
        f'<table class="documents"><thead><tr><th scope="col">document</th><th scope="col" class="num">findings</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _status_table(table: status.Table, doc_id: str, ids: dict[int, str], title: str) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
    rows = []
    for row in table.rows:
        cells = []
        for column, cell in zip(table.columns, row.cells, strict=True):
            label = cell.label()
            text = " ".join(f'<span class="sym" aria-hidden="true">{status.SYMBOL[s]}</span>' for s in cell.states[:1])
            text += f" {escape(label)}"
            if cell.items:
                n = len(cell.items)
                text = (
                    f'<a href="#{ids[id(cell.items[0])]}" '
                    f'aria-label="{escape(row.entry, quote=True)}, {escape(column)}: {escape(label)}, '
                    f'{_plural(n, "finding")}">{text}</a> <span class="n">({n})</span>'
                )
            states = " ".join(cell.states)
            cells.append(f'<td class="cell st-{cell.states[0]}" data-states="{states}">{text}</td>')
        note = ' <span class="n">(named only by a finding)</span>' if row.only_in_findings else ""
        rows.append(f'<tr><th scope="row">{escape(row.entry)}{note}</th>{"".join(cells)}</tr>')
    return (
        f'<div class="scroll"><table class="status" id="{doc_id}-status"><caption>Entries and phases of '
        f'{escape(title)}</caption><thead><tr><th scope="col">entry</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


_LEGEND = "".join(
    f'<li class="cell st-{s}"><span class="sym" aria-hidden="true">{status.SYMBOL[s]}</span> {status.LABEL[s]}</li>'
    for s in status.STATES
)


def render(report: Report, out: TextIO, settings: Settings) -> None:
    if not isinstance(report.items, list):  # made when read (lint.report.Items): the page names each item by its id
        report = report._replace(items=list(report.items))
    items: dict[str, list[Item]] = defaultdict(list)
    ids: dict[int, str] = {}
    for n, item in enumerate(report.items):
        items[item.diagnostic.path].append(item)
        ids[id(item)] = f"f{n}"
    paths = sorted(report.documents)
    doc_ids = {path: f"d{n}" for n, path in enumerate(paths)}
    copy_rules = frozenset(rule for rule, role in status.roles(report).items() if role == "copied")
    counts = report.counts
    headline = (
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{_plural(counts['info'], 'info')} in {_plural(report.files, 'file')}"
        if report.items
        else f"No findings in {_plural(report.files, 'file')}"
    )
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>response-lint report: {escape(headline)}</title><style>{_asset('report.css')}</style></head><body>",
        '<a class="skip" href="#main">Skip to the documents</a>',
        f'<header><h1>response-lint report</h1><p class="headline">{escape(headline)}'
        f"{' · response-lint ' + escape(settings.tool_version) if settings.tool_version else ''}</p></header>",
        '<div class="layout">',
        _filters(report) if report.items else "",
        '<main id="main" tabindex="-1">',
        _rule_counts(report),
    ]
    if len(paths) > 1:
        parts.append(_documents_table(report, doc_ids, items))
    for path in paths:
        document = report.documents[path]
        doc_id = doc_ids[path]
        own = items.get(path, [])
        title = document.title or path
        parts.append(
            f'<section class="document" id="{doc_id}" aria-labelledby="{doc_id}-h">'
            f'<h2 id="{doc_id}-h"><code>{escape(path)}</code>'
            + (f" — {escape(document.title)}" if document.title else "")
            + f'</h2><p class="n">{_plural(len(own), "finding")}, read as {escape(document.format)}</p>'
        )
        table = status.table(document, report)
        if table is not None:
            parts.append(f'<h3 id="{doc_id}-status-h">Status</h3><ul class="legend" aria-label="cell states">')
            parts.append(_LEGEND + "</ul>" + _status_table(table, doc_id, ids, title))
        parts.append(f'<h3 id="{doc_id}-text-h">Text</h3>')
        parts.append(html_text.render(document, doc_id, own, ids, report, doc_ids, copy_rules))
        parts.append("</section>")
    parts.append("</main></div>")
    parts.append(f"<script>{_asset('report.js')}</script></body></html>\n")
    out.write("".join(parts))
