"""``text``: findings for people, each with its source line and the span underlined.

``path:line:col: severity [rule] message``, the source line, a caret line under
the span, related places (e.g. where copied text was first written) each with
an excerpt of its text, then a summary. With a known width (``COLUMNS``, or the
terminal's), source lines are cut to it and other long lines wrapped. Colour (through rich) only when asked: on
a terminal without NO_COLOR.
"""

from __future__ import annotations

from typing import TextIO

from lint.escape import for_terminal
from lint.formats import Settings
from lint.model import Severity
from lint.report import Item, Report

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_TAB = 4
_EXCERPT = 160  # longest excerpt of a related place (e.g. where copied text was first written)


def _expand(text: str) -> str:
    return text.replace("\t", " " * _TAB)


# the widest source excerpt shown; a paragraph is one long line in these files, so a
# longer line is cut to a window around the span, with "…" where text was left out
EXCERPT_WIDTH = 100
MAX_EXCERPT_WIDTH = 320
_CONTEXT = 20
_GUTTER = len("  12345 | ")  # before a source line


def _caret(item: Item, limit: int | None = None) -> tuple[str, str]:
    """The source line (tabs expanded, controls escaped, cut to a window around the span) and the underline."""
    loc = item.location
    line = item.source_line
    first = loc.column - 1
    cut = loc.end_column - 1 if loc.end_line == loc.line else len(line)
    # only the part of the line that can be shown is worked on: a finding on a 300 kB line
    # costs the window, not the line (20,000 of them took minutes)
    reach = MAX_EXCERPT_WIDTH + _CONTEXT
    low, high = max(0, first - reach), min(len(line), max(cut, first + 1) + reach)
    cut = min(cut, first + reach)
    raw = line[low:high]
    before = for_terminal(_expand(raw[: first - low]))
    inside = for_terminal(_expand(raw[first - low : cut - low]))
    source = before + inside + for_terminal(_expand(raw[cut - low :]))
    start = len(before)
    end = start + len(inside)
    end = max(end, start + 1)
    # wide enough for the whole span (the copied words of a copy, a long sentence) up to a limit
    width = min(max(EXCERPT_WIDTH, end - start + 2 * _CONTEXT), MAX_EXCERPT_WIDTH)
    context = _CONTEXT
    if limit is not None:  # the terminal's width, less the gutter and the two "…"
        width = min(width, max(limit - _GUTTER - 2, 10))
        context = min(context, width // 4)
    if len(source) <= width and low == 0 and high == len(line):
        return source, " " * start + "^" * (end - start)
    left = max(0, min(start - context, len(source) - width))
    right = min(len(source), left + width)
    head = "…" if left > 0 or low > 0 else ""
    tail = "…" if right < len(source) or high < len(line) else ""
    shown = head + source[left:right] + tail
    caret_start = len(head) + start - left
    caret_end = min(len(head) + end - left, len(head) + right - left)
    return shown, " " * caret_start + "^" * max(1, caret_end - caret_start)


def _fit(lines: list[tuple[str, str | None]], width: int) -> list[tuple[str, str | None]]:
    """Lines longer than ``width`` wrapped at spaces, continued under an indent (source lines are cut already)."""
    import textwrap

    fitted: list[tuple[str, str | None]] = []
    for text, style in lines:
        if len(text) <= width or text[:_GUTTER].strip().rstrip("|").strip().isdigit() or text.startswith(" " * 8 + "|"):
            fitted.append((text, style))
            continue
        indent = " " * min(_GUTTER, max(width // 4, 1))
        for part in textwrap.wrap(text, width, subsequent_indent=indent, break_on_hyphens=False):
            fitted.append((part, style))
    return fitted


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
        head = f"{for_terminal(d.path)}:{loc.line}:{loc.column}: "
        lines.append((head + f"{d.severity} [{for_terminal(d.rule)}] {for_terminal(d.message)}", _STYLE[d.severity]))
        if settings.show_source and item.source_line.strip():
            source, caret = _caret(item, settings.width)
            lines.append((f"  {loc.line:>5} | {source}", None))
            lines.append((f"        | {caret}", _STYLE[d.severity]))
        for rel in item.related:
            r = rel.location
            where = f"{for_terminal(rel.related.message)}: {for_terminal(rel.related.path)}:{r.line}:{r.column}"
            lines.append((f"        = {where}", "dim"))
            excerpt = " ".join(rel.excerpt.split())
            if settings.show_source and excerpt:
                longest = min(_EXCERPT, max(settings.width - _GUTTER, 10)) if settings.width else _EXCERPT
                if len(excerpt) > longest:
                    excerpt = excerpt[: longest - 1].rstrip() + "…"
                lines.append((f"  {r.line:>5} | {for_terminal(_expand(excerpt))}", "dim"))
        lines.append(("", None))
    for note in report.notes:
        lines.append((for_terminal(note), "dim"))
    lines.append((summary(report), "bold"))
    if settings.width:
        lines = _fit(lines, settings.width)
    if settings.color:
        from rich.console import Console
        from rich.text import Text

        console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=True)
        for text, style in lines:
            console.print(Text(text, style=style or ""))
    else:
        out.write("\n".join(text for text, _ in lines) + "\n")
