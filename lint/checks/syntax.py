"""Check kind ``syntax``: report what the reader could not fully understand.

Readers and the file loader record issues (an unclosed ``{div}``, an unknown
directive, bytes that are not UTF-8, an empty file); this check reports them, once
per document and kind of problem (issue code and severity): the first place, with
a count and the lines of the others, not one finding per heading.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint import regexcache
from lint.checks.api import CheckKind, Context, Finding
from lint.model import Document, ReadIssue, Severity
from lint.options import Option

OPTIONS = (Option("skip", "list[str]", [], "issue codes not to report: encoding, empty, no-entries, syntax"),)


_SHOWN = 8  # lines listed for the other places
_SPECIFIC = regexcache.compile(r"'[^']*'|\"[^\"]*\"|\d+")


def check(document: Document, context: Context) -> Iterator[Finding]:
    skip = set(context["skip"])
    groups: dict[tuple[str, Severity, str], list[ReadIssue]] = {}
    for issue in document.issues:
        if issue.code not in skip:
            kind = _SPECIFIC.sub("", issue.message)  # the same problem at other places, other names
            groups.setdefault((issue.code, issue.severity, kind), []).append(issue)
    for (code, severity, _), issues in groups.items():
        first = issues[0]
        problem = first.message
        if len(issues) > 1:
            lines = sorted({document.lines.line_of(i.span.start) for i in issues[1:]})
            shown = ", ".join(map(str, lines[:_SHOWN])) + (", …" if len(lines) > _SHOWN else "")
            problem += (
                f" (and {len(issues) - 1} more like it in this file, at line{'s' if len(lines) > 1 else ''} {shown})"
            )
        yield Finding(span=first.span, args={"problem": problem, "code": code, "count": len(issues)}, severity=severity)


KIND = CheckKind(
    name="syntax",
    summary="what the readers could not understand",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"problem", "code", "count"}),
    runs_on_empty=True,
)
