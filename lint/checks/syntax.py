"""Check kind ``syntax``: report what the reader could not fully understand.

Readers and the file loader record issues (an unclosed ``{div}``, an unknown
directive, bytes that are not UTF-8, an empty file); this check reports them, once
per document and kind of problem (issue code and severity): the first place, with
a count and the lines of the others, not one finding per heading.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from lint import regexcache
from lint.checks.api import CheckKind, Context, Finding
from lint.model import Document, ReadIssue, Severity
from lint.options import Option

OPTIONS = (Option("skip", "list[str]", [], "issue codes not to report: encoding, empty, no-entries, syntax"),)


_SHOWN = 8  # lines listed for the other places
_SPECIFIC = regexcache.compile(r"'[^']*'|\"[^\"]*\"|\d+")


class _Group:
    """The issues of one kind in a document: the first, how many, and the first lines of the others.

    Only the lines shown are kept (the :data:`_SHOWN` + 1 smallest, to know whether there are
    more): 40,000 issues of nested unclosed divs were once all held in a list."""

    __slots__ = ("count", "first", "lines")

    def __init__(self, first: ReadIssue) -> None:
        self.first = first
        self.count = 1
        self.lines: list[int] = []  # the smallest distinct lines of the others, in order

    def add(self, line: int) -> None:
        self.count += 1
        at = bisect_left(self.lines, line)
        if at <= _SHOWN and (at == len(self.lines) or self.lines[at] != line):
            self.lines.insert(at, line)
            del self.lines[_SHOWN + 1 :]


def check(document: Document, context: Context) -> Iterator[Finding]:
    skip = set(context["skip"])
    groups: dict[tuple[str, Severity, str], _Group] = {}
    for issue in document.issues:
        if issue.code not in skip:
            kind = _SPECIFIC.sub("", issue.message)  # the same problem at other places, other names
            group = groups.get((issue.code, issue.severity, kind))
            if group is None:
                groups[(issue.code, issue.severity, kind)] = _Group(issue)
            else:
                group.add(document.lines.line_of(issue.span.start))
    for (code, severity, _), group in groups.items():
        first = group.first
        problem = first.message
        if group.count > 1:
            lines = group.lines
            shown = ", ".join(map(str, lines[:_SHOWN])) + (", …" if len(lines) > _SHOWN else "")
            problem += (
                f" (and {group.count - 1} more like it in this file, at line{'s' if len(lines) > 1 else ''} {shown})"
            )
        yield Finding(span=first.span, args={"problem": problem, "code": code, "count": group.count}, severity=severity)


KIND = CheckKind(
    name="syntax",
    summary="what the readers could not understand",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"problem", "code", "count"}),
    runs_on_empty=True,
)
