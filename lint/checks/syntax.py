"""Check kind ``syntax``: report what the reader could not fully understand.

Readers and the file loader record issues (an unclosed ``{div}``, an unknown
directive, bytes that are not UTF-8, an empty file); this check reports them.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.api import CheckKind, Context, Finding
from lint.model import Document
from lint.options import Option

OPTIONS = (Option("skip", "list[str]", [], "issue codes not to report: encoding, empty, no-entries, syntax"),)


def check(document: Document, context: Context) -> Iterator[Finding]:
    skip = set(context["skip"])
    for issue in document.issues:
        if issue.code in skip:
            continue
        yield Finding(span=issue.span, args={"problem": issue.message, "code": issue.code}, severity=issue.severity)


KIND = CheckKind(
    name="syntax",
    summary="what the readers could not understand",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"problem", "code"}),
    runs_on_empty=True,
)
