"""What a ``check`` run shows besides the report itself: counts per rule, the quiet summary, the width.

``--statistics`` prints one line per rule (count, rule, severity, fixable, summary), as
``ruff --statistics`` does, or the same as JSON; ``--quiet`` prints the summary line
only. The text width is ``COLUMNS`` when set, else the terminal's; piped output has none.
"""

from __future__ import annotations

from typing import TextIO

from lint.escape import for_terminal
from lint.formats.text import summary
from lint.report import Report
from lint.terminal import width as width  # (where it was; a JSON report need not import this module)


def quiet(report: Report, out: TextIO) -> None:
    for note in report.notes:
        out.write(for_terminal(note) + "\n")
    out.write(summary(report) + "\n")


def statistics(report: Report, out: TextIO, as_json: bool = False) -> None:
    """Findings counted per rule, most first."""
    fixable: dict[str, int] = {}
    severity: dict[str, str] = {}
    for item in report.items:
        d = item.diagnostic
        severity.setdefault(d.rule, str(d.severity))
        if d.fix is not None:
            fixable[d.rule] = fixable.get(d.rule, 0) + 1
    rows = sorted(report.by_rule.items(), key=lambda pair: (-pair[1], pair[0]))
    if as_json:
        import json  # (only here: a text run need not load it)

        data = [
            {
                "rule": rule,
                "count": count,
                "severity": severity[rule],
                "fixable": fixable.get(rule, 0),
                "summary": report.rules[rule].summary if rule in report.rules else "",
            }
            for rule, count in rows
        ]
        json.dump(data, out, indent=2)
        out.write("\n")
        return
    if rows:
        count_width = max(len(str(count)) for _, count in rows)
        name_width = max(len(rule) for rule, _ in rows)
        for rule, count in rows:
            mark = "[*]" if fixable.get(rule) else "[ ]"
            about = report.rules[rule].summary if rule in report.rules else ""
            line = f"{count:>{count_width}}  {rule:<{name_width}}  {severity[rule]:<7}  {mark} {about}"
            out.write(for_terminal(line.rstrip()))
            out.write("\n")
    out.write(summary(report) + "\n")
