"""Check kind ``link-redirect-chain``: links that reach a working page only through
``min-hops`` or more redirects, with a fix that links to the final address directly
(escaped for the link syntax, the original ``#fragment`` kept). A chain that starts
with a permanent move is ``moved-link``'s: once its fix is applied, what is left of
the chain is judged again.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.api import CheckKind, Context, Finding
from lint.checks.link_results import online, replace_target
from lint.model import Document
from lint.options import Option

OPTIONS = (Option("min-hops", "int", 2, "redirects a link may go through before it is reported"),)


def check(document: Document, context: Context) -> Iterator[Finding]:
    if context.links is None:
        return  # offline: nothing to judge, and nothing of lint.links to import
    from lint.links.urls import parse_target, with_fragment

    for link, result in online(document, context):
        if result.state != "ok" or result.hops < context["min-hops"] or not result.final_url:
            continue
        assert link.target is not None and link.target_span is not None
        target = parse_target(link.target)
        final = with_fragment(result.final_url, target.fragment if target else None, link.target)
        if final == link.target.strip():
            continue
        yield Finding(
            span=link.target_span,
            args={"target": link.target, "final": final, "hops": result.hops},
            fix=replace_target(link, final, f"link directly to {final}"),
            fingerprint=f"redirect-chain|{link.target}",
        )


KIND = CheckKind(
    name="link-redirect-chain",
    summary="with `--links`, targets reached through two or more redirects (fix: the final address)",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"target", "final", "hops"}),
    needs_links=True,
    answer_text=True,
)
