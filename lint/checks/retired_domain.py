"""Check kind ``retired-domain``: a link to a host that no longer serves its pages.

The hosts are data (``domains`` and ``extend-domains``). An entry matches its host
with or without a leading ``www.``; an entry starting ``*.`` also matches every
subdomain. Web addresses written in running text count as links.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lint.checks.api import CheckKind, Context, Finding
from lint.checks.link_syntax import host_of
from lint.model import Document
from lint.options import Option

OPTIONS = (
    Option(
        "domains",
        "list[str]",
        [],
        "retired hosts ('www.example.gov.uk', or '*.example.gov.uk' with subdomains)",
        extendable=True,
    ),
    Option("advice", "str", "", "what to do instead, added to the message as {advice}"),
)


def _strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def domain_table(entries: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """``(exact hosts, wildcard suffixes)`` for the configured entries, ``www.`` removed."""
    exact: set[str] = set()
    wildcard: set[str] = set()
    for raw in entries:
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry.startswith("*."):
            wildcard.add(_strip_www(entry[2:]).rstrip("."))
            continue
        host = host_of(entry if "://" in entry else "http://" + entry)
        if host:
            exact.add(_strip_www(host))
    return frozenset(exact), tuple(sorted(wildcard))


def retired(host: str, exact: frozenset[str], wildcard: tuple[str, ...]) -> bool:
    bare = _strip_www(host)
    if bare in exact:
        return True
    return any(bare == suffix or bare.endswith("." + suffix) for suffix in wildcard)


def check(document: Document, context: Context) -> Iterator[Finding]:
    exact, wildcard = domain_table(tuple(context["domains"]))
    if not exact and not wildcard:
        return
    for link in document.links:
        host = host_of(link.target)
        if host is None or not retired(host, exact, wildcard):
            continue
        span = link.target_span if link.target_span is not None and link.target_span.length else link.span
        yield Finding(
            span=span,
            args={"host": host, "target": link.target or "", "advice": context["advice"]},
            fingerprint=f"{host}|{link.target}",
        )


KIND = CheckKind(
    name="retired-domain",
    summary="links to retired domains",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"host", "target", "advice"}),
    summary_role="broken-link",
    answer_text=True,
)
