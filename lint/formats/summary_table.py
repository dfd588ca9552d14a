"""``check --summary``: each document's status table in the terminal, after the findings.

Entries down, phases across, each cell in words (and in colour on a terminal), as in
the HTML report (:mod:`lint.formats.status`); drawn with rich to fit the terminal's
width: long entry names and cells wrap rather than push the table off the screen, and
where even that cannot fit (many phases, a narrow terminal) each entry is one wrapped
paragraph of ``phase: state`` pairs instead.
"""

from __future__ import annotations

from typing import TextIO

from lint.escape import for_terminal
from lint.formats import status
from lint.report import Report

MIN_ENTRY, MIN_CELL = 14, 11  # narrowest readable columns; below them, the list layout

STYLE = {
    "present": "green",
    "placeholder": "yellow",
    "copied": "magenta",
    "missing": "bold red",
    "broken-link": "red",
    "hard-to-read": "cyan",
}


def render(report: Report, out: TextIO, width: int | None, color: bool) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=out, width=width or 100, force_terminal=color, no_color=not color, highlight=False, emoji=False
    )
    shown = 0
    for path, document in sorted(report.documents.items()):
        table = status.table(document, report)
        if table is None:
            continue
        title = for_terminal(path) + (f" — {for_terminal(document.title)}" if document.title else "")
        columns = len(table.columns)
        if MIN_ENTRY + columns * MIN_CELL + 3 * (columns + 1) > console.width:
            console.print(Text(title, style="bold"))
            for row in table.rows:
                line = Text(for_terminal(row.entry), style="bold")
                for column, cell in zip(table.columns, row.cells, strict=True):
                    line.append("\n  " + for_terminal(column) + ": ")
                    line.append(cell.label(), style=STYLE[cell.states[0]] if color else "")
                console.print(line)
            console.print()
            shown += 1
            continue
        grid = Table(
            title=Text(title, style="bold"),
            title_justify="left",
            box=box.SQUARE if color else box.ASCII,
            show_lines=False,
            expand=False,
        )
        grid.add_column("entry", ratio=2, min_width=MIN_ENTRY)
        for column in table.columns:
            grid.add_column(for_terminal(column), ratio=1, min_width=MIN_CELL)
        for row in table.rows:
            cells = [Text(cell.label(), style=STYLE[cell.states[0]] if color else "") for cell in row.cells]
            grid.add_row(Text(for_terminal(row.entry)), *cells)
        console.print(grid)
        console.print()
        shown += 1
    if not shown:
        console.print("No document with entries and phases to summarise.")
