"""The Markdown job summary for GitHub Actions (appended to ``$GITHUB_STEP_SUMMARY``).

It counts findings per rule, then shows for each document with entries a table of
entries × phases, the status table of :mod:`lint.formats.status` (as the HTML report and
``--summary`` show it): each cell ``present``, ``placeholder``, ``copied``, ``broken
link``, ``hard to read`` (what its findings' check kinds' ``summary_role`` say), or
``missing`` (the entry lacks the phase, or a finding of role ``missing-phase`` names
it; then that alone). An entry that only a finding of role ``missing-entry`` names gets
a row of ``missing`` cells. It reads the report only; it never names a rule.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from lint.escape import for_terminal
from lint.formats import Settings, status
from lint.model import Document
from lint.report import Report

MARK = {
    "present": "✅ present",
    "placeholder": "⚠️ placeholder",
    "copied": "📋 copied",
    "missing": "❌ missing",
    "broken-link": "⛓️ broken link",
    "hard-to-read": "📖 hard to read",
}
# GitHub shows at most 1 MiB of summary per step; stay well below it.
LIMIT = 900_000
_SPECIAL = "\\`*_{}[]<>()#+!|~"


def escape(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, Markdown characters escaped."""
    text = for_terminal(" ".join(text.split()))
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def entry_table(document: Document, report: Report) -> list[str]:
    """The entries × phases table of one document (no lines when it has no entries)."""
    table = status.table(document, report)
    if table is None:
        return []
    columns = table.columns
    lines = ["| entry | " + " | ".join(escape(c) for c in columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for row in table.rows:
        cells = []
        for cell in row.cells:
            states = ("missing",) if "missing" in cell.states else cell.states
            cells.append(", ".join(MARK[s] for s in states))
        lines.append(f"| {escape(row.entry)} | " + " | ".join(cells) + " |")
    return lines


def _rule_counts(report: Report) -> list[str]:
    table = report.rule_counts()
    if not table:
        return []
    lines = ["| rule | findings | error | warning | info |", "|---|---:|---:|---:|---:|"]
    for rule, c in table:
        summary = report.rules[rule].summary if rule in report.rules else ""
        label = f"`{for_terminal(rule).replace('`', '')}`" + (f" {escape(summary)}" if summary else "")
        lines.append(f"| {label} | {sum(c.values())} | {c['error']} | {c['warning']} | {c['info']} |")
    return lines


def _headline(report: Report) -> str:
    counts = report.counts
    files = f"{report.files} file" + ("" if report.files == 1 else "s")
    if not report.items:
        return f"No findings in {files}."
    return f"**{counts['error']}** errors, **{counts['warning']}** warnings, **{counts['info']}** info in {files}."


def markdown(report: Report) -> str:
    """The whole summary as Markdown text."""
    out = ["## response-lint", "", _headline(report), ""]
    counts = _rule_counts(report)
    if counts:
        out += ["### Findings per rule", "", *counts, ""]
    tables: list[str] = []
    for path, document in sorted(report.documents.items()):
        table = entry_table(document, report)
        if table:
            title = f" — {escape(document.title)}" if document.title else ""
            tables += [f"#### `{for_terminal(path).replace('`', '')}`{title}", "", *table, ""]
    if tables:
        out += ["### Entries and phases", "", *tables]
    text = "\n".join(out) + "\n"
    if len(text.encode("utf-8")) > LIMIT:
        text = _truncate(out, LIMIT)
    return text


def _truncate(lines: Iterable[str], limit: int) -> str:
    kept: list[str] = []
    size = 0
    note = "\n_The summary was cut short: GitHub shows at most 1 MiB. See the full report in the log._\n"
    budget = limit - len(note.encode("utf-8"))
    for line in lines:
        size += len(line.encode("utf-8")) + 1
        if size > budget:
            break
        kept.append(line)
    return "\n".join(kept) + "\n" + note


def render(report: Report, out: TextIO, settings: Settings) -> None:
    out.write(markdown(report))


def append(report: Report, path: str, settings: Settings) -> bool:
    """Append the summary to the file at ``path``; warn on stderr and return False if it cannot."""
    try:
        with open(path, "a", encoding="utf-8", newline="\n") as handle:
            if handle.tell():  # keep apart from what earlier steps wrote
                handle.write("\n")
            render(report, handle, settings)
    except OSError as exc:
        print(
            f"response-lint: warning: cannot write the step summary to {for_terminal(path)}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return False
    return True
