"""Output formats, one module per format, each with ``render(report, out, settings)``.

Formatters read a :class:`lint.report.Report`; they never compute findings.
"""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from lint.report import Report
from lint.tuples import NamedTuple

FORMATS: dict[str, str] = {
    "text": "lint.formats.text",
    "concise": "lint.formats.concise",
    "json": "lint.formats.json_report",
    "github": "lint.formats.github",
    "sarif": "lint.formats.sarif",
    "junit": "lint.formats.junit",
    "gitlab": "lint.formats.gitlab",
    "checkstyle": "lint.formats.checkstyle",
    "html": "lint.formats.html",
}
# the formats that show each rule's whole documentation (RuleInfo.help): a run writing none of
# them does not build it (25 rules' help texts are start-up time of a one-file run)
WITH_HELP = frozenset({"sarif"})


class Settings(NamedTuple):
    color: bool = False
    tool_version: str = ""
    show_source: bool = True
    fail_on: str = "error"  # the run's --fail-on: formats that pass or fail (junit) follow it
    width: int | None = None  # the terminal's width (COLUMNS): text output fits it; None: no limit known


class _Formatter(Protocol):
    def render(self, report: Report, out: TextIO, settings: Settings) -> None: ...


def get(name: str) -> _Formatter:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (expected one of {', '.join(FORMATS)})")
    module: _Formatter = importlib.import_module(FORMATS[name])
    return module
