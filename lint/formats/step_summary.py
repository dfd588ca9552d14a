"""The Markdown job summary for GitHub Actions (appended to ``$GITHUB_STEP_SUMMARY``).

It counts findings per rule, then shows for each document with entries a table of
entries × phases, each cell one status: ``present``, ``placeholder`` (a finding in that
phase of a rule whose check kind's ``summary_role`` is ``placeholder``), ``copied``
(role ``copied``), or ``missing`` (the entry lacks the phase, or a finding of role
``missing-phase`` names it). Entries are the document's; an entry that only a finding
of role ``missing-entry`` names gets a row of ``missing`` cells. It reads the report
only: the documents' entries and phases, the findings' rule, entry and phase, and the
rules' roles (:attr:`lint.report.RuleInfo.summary_role`); it never names a rule.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from typing import TextIO

from lint.escape import for_terminal
from lint.formats import Settings
from lint.model import Document, key_order
from lint.report import Report

MARK = {"present": "✅ present", "placeholder": "⚠️ placeholder", "copied": "📋 copied", "missing": "❌ missing"}
# GitHub shows at most 1 MiB of summary per step; stay well below it.
LIMIT = 900_000
_SPECIAL = "\\`*_{}[]<>()#+!|~"


def escape(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, Markdown characters escaped."""
    text = for_terminal(" ".join(text.split()))
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def entry_table(document: Document, report: Report) -> list[str]:
    """The entries × phases table of one document (no lines when it has no entries)."""
    flags: dict[tuple[str, str], set[str]] = defaultdict(set)
    missing_entries: list[str] = []
    extra_phases: set[str] = set()
    roles = {name: info.summary_role for name, info in report.rules.items() if info.summary_role}
    for item in report.items:
        d = item.diagnostic
        if d.path != document.path or d.entry is None:
            continue
        role = roles.get(d.rule)
        if role is None:
            continue
        if role == "missing-entry":
            if d.entry not in missing_entries:
                missing_entries.append(d.entry)
            continue
        if d.phase is None:
            continue
        if role == "placeholder":
            flags[d.entry, d.phase].add("placeholder")
        elif role == "copied":
            flags[d.entry, d.phase].add("copied")
        elif role == "missing-phase":
            flags[d.entry, d.phase].add("missing")
            extra_phases.add(d.phase)
    names = [entry.name for entry in document.entries]
    missing_entries = [name for name in missing_entries if name not in names]
    if not names and not missing_entries:
        return []
    known = {phase.key: phase for phase in document.phases}
    columns = sorted(set(known) | extra_phases, key=lambda key: key_order(key, known))
    if not columns:
        return []
    lines = ["| entry | " + " | ".join(escape(c) for c in columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for entry in document.entries:
        present = {phase.key for phase in entry.phases}
        cells = []
        for column in columns:
            found = flags.get((entry.name, column), set())
            if "missing" in found or column not in present:
                statuses = ["missing"]
            else:
                statuses = [s for s in ("placeholder", "copied") if s in found] or ["present"]
            cells.append(", ".join(MARK[s] for s in statuses))
        lines.append(f"| {escape(entry.name)} | " + " | ".join(cells) + " |")
    for name in missing_entries:
        lines.append(f"| {escape(name)} | " + " | ".join(MARK["missing"] for _ in columns) + " |")
    return lines


def _rule_counts(report: Report) -> list[str]:
    by_rule: dict[str, dict[str, int]] = defaultdict(lambda: {"error": 0, "warning": 0, "info": 0})
    for item in report.items:
        by_rule[item.diagnostic.rule][str(item.diagnostic.severity)] += 1
    if not by_rule:
        return []
    lines = ["| rule | findings | error | warning | info |", "|---|---:|---:|---:|---:|"]
    for rule in sorted(by_rule, key=lambda r: (-sum(by_rule[r].values()), r)):
        c = by_rule[rule]
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
