"""``concise``: one line per finding, ``path:line:col: severity: message [rule]``.

The gcc-style layout editors' problem matchers expect: VS Code's ``$gcc`` matcher
reads every error and warning line as it is, and ``editors/problem-matcher.json``
reads all three severities and the rule. No summary, no source excerpt.
"""

from __future__ import annotations

from typing import TextIO

from lint.escape import for_terminal
from lint.formats import Settings
from lint.report import Item, Report


def line(item: Item) -> str:
    d = item.diagnostic
    loc = item.location
    where = f"{for_terminal(d.path)}:{loc.line}:{loc.column}"
    return f"{where}: {d.severity}: {for_terminal(d.message)} [{for_terminal(d.rule)}]"


def render(report: Report, out: TextIO, settings: Settings) -> None:
    for item in report.items:
        out.write(line(item) + "\n")
