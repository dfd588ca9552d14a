"""Check kind ``link-unreliable``: links whose target failed in a way that may pass
(a timeout, a reset or refused connection, 429, a 5xx) and has not yet failed for
``broken-after-runs`` runs and ``broken-after`` time (see :mod:`lint.links.history`).
Once it has, ``broken-link`` reports it instead; a success clears the history.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.api import CheckKind, Context, Finding
from lint.checks.link_results import online
from lint.model import Document
from lint.options import Option

OPTIONS: tuple[Option, ...] = ()


def check(document: Document, context: Context) -> Iterator[Finding]:
    for link, result in online(document, context):
        if result.state != "unreliable":
            continue
        assert link.target_span is not None
        runs = max(result.failing_runs, 1)
        yield Finding(
            span=link.target_span,
            args={
                "target": link.target,
                "cause": result.cause,
                "history": result.history or "first seen failing in this run; no history kept",
                "runs": runs,
                "code": result.code,
            },
            fingerprint=f"unreliable|{link.target}",
        )


KIND = CheckKind(
    name="link-unreliable",
    summary="with `--links`, targets failing in a way that may pass (timeout, reset, 429, 5xx), not yet for long",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"target", "cause", "history", "runs", "code"}),
    needs_links=True,
    answer_text=True,
)
