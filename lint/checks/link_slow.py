"""Check kind ``link-slow``: links whose page took longer than ``slow-after`` seconds to
answer (redirects included), as measured when it was last asked (the history keeps
the time for cached answers).
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.api import CheckKind, Context, Finding
from lint.checks.link_results import online
from lint.model import Document
from lint.options import Option

OPTIONS = (Option("slow-after", "float", 5.0, "seconds a page may take to answer before it counts as slow"),)


def check(document: Document, context: Context) -> Iterator[Finding]:
    limit: float = context["slow-after"]
    for link, result in online(document, context):
        if result.elapsed is None or result.elapsed <= limit or result.state in ("broken", "unreliable"):
            continue
        assert link.target_span is not None
        yield Finding(
            span=link.target_span,
            args={"target": link.target, "seconds": f"{result.elapsed:.1f}", "limit": f"{limit:g}"},
            fingerprint=f"slow|{link.target}",
        )


KIND = CheckKind(
    name="link-slow",
    summary="with `--links`, targets slower to answer than `slow-after` seconds",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"target", "seconds", "limit"}),
    needs_links=True,
    answer_text=True,
)
