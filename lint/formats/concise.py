"""``concise``: one line per finding, ``path:line:col: severity [rule] message``.

Made for editors' problem matchers and grep; no summary, no source excerpt.
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
    return f"{where}: {d.severity} [{for_terminal(d.rule)}] {for_terminal(d.message)}"


def render(report: Report, out: TextIO, settings: Settings) -> None:
    for item in report.items:
        out.write(line(item) + "\n")
