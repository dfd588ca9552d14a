"""``concise``: one line per finding, ``path:line:col: severity [rule] message``.

Made for editors' problem matchers and grep; no summary, no source excerpt.
"""

from __future__ import annotations

from typing import TextIO

from lint.formats import Settings
from lint.report import Item, Report


def line(item: Item) -> str:
    d = item.diagnostic
    message = d.message.replace("\r", " ").replace("\n", " ")
    return f"{d.path}:{item.location.line}:{item.location.column}: {d.severity} [{d.rule}] {message}"


def render(report: Report, out: TextIO, settings: Settings) -> None:
    for item in report.items:
        out.write(line(item) + "\n")
