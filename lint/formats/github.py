"""``github``: GitHub Actions workflow commands, one annotation per finding.

Each finding becomes ``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message``
(``warning`` and ``notice`` for the other severities), escaped as the Actions runner
expects: ``%``, CR and LF everywhere, and also ``:`` and ``,`` in the properties. Related
places (where copied text was first written) follow the message on lines of their own.
Columns are 1-based and count code points; ``endColumn`` is exclusive, as in every
format of this tool, and both are left out when a span covers several lines (GitHub
ignores columns there). Paths are as given on the command line, less a leading ``./``:
run from the repository root so that GitHub can place the annotations.
"""

from __future__ import annotations

from typing import TextIO

from lint.escape import for_github
from lint.formats import Settings
from lint.model import Severity
from lint.report import Item, Report

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a message: ``%``, CR and LF (and control characters shown escaped: :func:`lint.escape.for_github`)."""
    return for_github(text)


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,``."""
    return for_github(text, prop=True)


def _range(item: Item) -> list[tuple[str, int]]:
    loc = item.location
    end_line, end_column = loc.end_line, loc.end_column
    if end_line > loc.line and end_column == 1:
        # The span ends with a line break: it ends on the line before.
        end_line -= 1
        end_column = len(item.source_line) + 1 if end_line == loc.line else 0
    if end_line != loc.line:
        return [("line", loc.line), ("endLine", end_line)]
    return [("line", loc.line), ("endLine", end_line), ("col", loc.column), ("endColumn", max(end_column, loc.column))]


def command(item: Item) -> str:
    """The workflow command for one finding."""
    d = item.diagnostic
    path = d.path
    while path.startswith("./"):
        path = path[2:]
    props = [("file", path), *_range(item), ("title", f"response-lint [{d.rule}]")]
    properties = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    message = d.message
    where = ", ".join(part for part in (d.entry, d.phase) if part)
    if where:
        message += f" ({where})"
    for rel in item.related:
        r = rel.location
        message += f"\n{rel.related.message}: {rel.related.path}:{r.line}:{r.column}"
    return f"::{COMMAND[d.severity]} {properties}::{escape_data(message)}"


def render(report: Report, out: TextIO, settings: Settings) -> None:
    from lint.formats.text import summary

    for item in report.items:
        out.write(command(item) + "\n")
    for note in report.notes:
        out.write(f"::notice title=response-lint::{escape_data(note)}\n")
    out.write(summary(report) + "\n")
