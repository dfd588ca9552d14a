"""Check kind ``moved-link``, and the online half of ``broken-link``: link results
(``--links``) turned into findings at every place a target is written.

The app asks each distinct target once (:mod:`lint.links`) and the engine hands the
results to checks in ``Context.links``; this module only reads them. ``moved-link``
reports a target that answers with a permanent redirect (301, 308) to a working page,
with a fix that writes the new address over the old one; it also reports, offline,
targets listed in its ``moves`` option. :func:`broken` gives the ``broken-link``
check the online problems of its links, so that one rule name covers a target that
is malformed and one that answers 404.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from lint.checks.api import CheckKind, Context, Finding
from lint.checks.link_results import replace_target, results_for
from lint.checks.link_syntax import LinkProblem
from lint.model import Document, Link
from lint.options import Option

# the app runs the online phase only when a selected rule's check kind declares this

OPTIONS = (
    Option(
        "moves",
        "dict[str,str]",
        {},
        "known permanent moves, reported offline: target -> new target; a key ending in '*' matches "
        "every target starting with it, and a value ending in '*' keeps the rest of the target",
    ),
)


def known_move(target: str, moves: Mapping[str, str]) -> str | None:
    """The new address of ``target`` from a ``moves`` table, or None."""
    stripped = target.strip()
    exact = moves.get(stripped)
    if exact is not None:
        return exact
    best: tuple[int, str] | None = None
    for key, value in moves.items():
        if key.endswith("*") and stripped.startswith(key[:-1]) and (best is None or len(key) > best[0]):
            rest = stripped[len(key) - 1 :]
            best = (len(key), value[:-1] + rest if value.endswith("*") else value)
    return best[1] if best else None


def _moved(link: Link, replacement: str, cause: str) -> Finding:
    assert link.target is not None and link.target_span is not None
    return Finding(
        span=link.target_span,
        args={"target": link.target, "moved_to": replacement, "cause": cause, "text": link.text},
        fix=replace_target(link, replacement, f"replace the link target with {replacement}"),
        fingerprint=f"moved|{link.target}",
    )


def check(document: Document, context: Context) -> Iterator[Finding]:
    moves: Mapping[str, str] = context["moves"]
    results = context.links
    for link in document.links:
        if link.target is None or link.target_span is None:
            continue
        replacement = known_move(link.target, moves) if moves else None
        if replacement is not None and replacement != link.target.strip():
            yield _moved(link, replacement, "listed in the rule's moves")
            continue
        result = results.get(link.target) if results is not None else None
        if result is not None and result.state == "moved" and result.replacement:
            yield _moved(link, result.replacement, result.cause)


def broken(links: Iterable[Link], context: Context) -> Iterator[tuple[Link, LinkProblem]]:
    """The online problems of ``links`` (those well-formed enough to request), for ``broken-link``.

    Failures that a category rule reports (``link-login``, ``link-tls``) and those not
    yet long enough in the history (``link-unreliable``) are left to those rules.
    """
    for link, result in results_for(links, context):
        assert link.target_span is not None
        if result.state == "broken" and result.category is None:
            cause = f"{result.cause} ({result.history})" if result.history and result.failing_runs > 1 else result.cause
            yield link, LinkProblem(f"online-{result.code or 'error'}", cause, link.target_span)
        elif result.fragment is not None:
            yield (
                link,
                LinkProblem(
                    "online-fragment",
                    f"#{result.fragment} is not an id or name on the page {result.url}",
                    link.target_span,
                ),
            )


KIND = CheckKind(
    name="moved-link",
    summary="with `--links`, targets that moved for good (301, 308) to a working page",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"target", "moved_to", "cause", "text"}),
    needs_links=True,
    answer_text=True,
)
