"""``text``: findings for people, each with its source line and the span underlined.

``path:line:col: severity [rule] message``, the source line, a caret line under
the span, related places (e.g. where copied text was first written) each with
an excerpt of its text, then a summary. Colour (through rich) only when asked: on
a terminal without NO_COLOR.
"""

from __future__ import annotations

from typing import TextIO

from lint.formats import Settings
from lint.model import Severity
from lint.report import Item, Report

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_TAB = 4
_EXCERPT = 160  # longest excerpt of a related place (e.g. where copied text was first written)


def _expand(text: str) -> str:
    return text.replace("\t", " " * _TAB)


def _caret(item: Item) -> tuple[str, str]:
    """The source line (tabs expanded) and the underline beneath the span."""
    source = item.source_line
    loc = item.location
    start = loc.column - 1
    end = loc.end_column - 1 if loc.end_line == loc.line else len(source)
    end = max(end, start + 1)
    prefix = _expand(source[:start])
    width = max(1, len(_expand(source[start:end])))
    return _expand(source), " " * len(prefix) + "^" * width


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def summary(report: Report) -> str:
    counts = report.counts
    if not report.items:
        return f"All clear: no findings in {_plural(report.files, 'file')}."
    parts = [_plural(counts["error"], "error"), _plural(counts["warning"], "warning"), _plural(counts["info"], "info")]
    text = f"Found {', '.join(parts)} in {_plural(report.files, 'file')}."
    if report.fixable:
        text += f" {report.fixable} fixable with --fix."
    return text


def render(report: Report, out: TextIO, settings: Settings) -> None:
    lines: list[tuple[str, str | None]] = []
    for item in report.items:
        d = item.diagnostic
        loc = item.location
        head = f"{d.path}:{loc.line}:{loc.column}: "
        lines.append((head + f"{d.severity} [{d.rule}] {d.message}", _STYLE[d.severity]))
        if settings.show_source and item.source_line.strip():
            source, caret = _caret(item)
            lines.append((f"  {loc.line:>5} | {source}", None))
            lines.append((f"        | {caret}", _STYLE[d.severity]))
        for rel in item.related:
            r = rel.location
            lines.append((f"        = {rel.related.message}: {rel.related.path}:{r.line}:{r.column}", "dim"))
            excerpt = " ".join(rel.excerpt.split())
            if settings.show_source and excerpt:
                if len(excerpt) > _EXCERPT:
                    excerpt = excerpt[: _EXCERPT - 1].rstrip() + "…"
                lines.append((f"  {r.line:>5} | {_expand(excerpt)}", "dim"))
        lines.append(("", None))
    for note in report.notes:
        lines.append((note, "dim"))
    lines.append((summary(report), "bold"))
    if settings.color:
        from rich.console import Console
        from rich.text import Text

        console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=True)
        for text, style in lines:
            console.print(Text(text, style=style or ""))
    else:
        out.write("\n".join(text for text, _ in lines) + "\n")
