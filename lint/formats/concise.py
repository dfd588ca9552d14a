"""``concise``: one line per finding, ``path:line:col: severity: message [rule]``.

The gcc-style layout editors' problem matchers expect: VS Code's ``$gcc`` matcher
reads every error and warning line as it is, and ``editors/problem-matcher.json``
reads all three severities and the rule. No summary, no source excerpt.
"""

from __future__ import annotations

from typing import TextIO

from lint.formats import Settings
from lint.report import Item, Report


def line(item: Item) -> str:
    d = item.diagnostic
    message = d.message.replace("\r", " ").replace("\n", " ")
    return f"{d.path}:{item.location.line}:{item.location.column}: {d.severity}: {message} [{d.rule}]"


def render(report: Report, out: TextIO, settings: Settings) -> None:
    for item in report.items:
        out.write(line(item) + "\n")
