"""Check kind ``broken-link``: links whose target is missing, malformed or not allowed.

This module turns :class:`lint.checks.link_syntax.LinkProblem` into findings for
the ``broken-link`` rule. The offline part lives in :mod:`lint.checks.link_syntax`
(no I/O). With ``--links`` the online results (``Context.links``) of the targets
:func:`links_to_fetch` gives are judged by :func:`lint.checks.moved_link.broken`
and reported through the same :func:`finding`, so one rule name covers a target
that is malformed and one that answers 404.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from lint import regexcache
from lint.checks.api import CheckKind, Context, Finding
from lint.checks.link_syntax import LinkProblem, Nowhere, is_bare, problem
from lint.model import Document, Link
from lint.options import Option, combinable

OPTIONS = (
    Option("schemes", "list[str]", ["http", "https", "mailto"], "URL schemes a link may use"),
    Option("require-absolute", "bool", False, "report relative targets ('/guidance', 'page.html')"),
    Option(
        "not-links",
        "list[regex]",
        [],
        "regexes for bracketed text that is not a link even with no target ('[Insert date]', '[1]'); "
        "each must match the whole bracketed text, case-insensitive",
        extendable=True,
        validate=combinable,
    ),
    Option(
        "nowhere",
        "list[regex]",
        [],
        "regexes for targets that are no address ('TBC', 'link', 'url here'); each must match the whole "
        "target, case-insensitive",
        extendable=True,
        validate=combinable,
    ),
    Option(
        "nowhere-parts",
        "list[regex]",
        [],
        "regexes for the last part of a target's path, or its #fragment, that names no page ('insert-link-here', "
        "'TBC'); each must match that whole part, case-insensitive, after %-decoding",
        extendable=True,
        validate=combinable,
    ),
    Option(
        "nowhere-hosts",
        "list[str]",
        [],
        "hosts that are no real site (example.com, localhost); their subdomains count too",
    ),
)

_DEFINITION = regexcache.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*\S", re.MULTILINE)


@lru_cache(maxsize=32)
def _not_links(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None  # each pattern and their union were checked at load
    return regexcache.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _defined_labels(document: Document) -> frozenset[str]:
    """Reference labels (``[label]: url`` lines), so that ``[label]`` alone is not a lost target."""
    if "]:" not in document.text:
        return frozenset()
    return frozenset(" ".join(m.group(1).split()).lower() for m in _DEFINITION.finditer(document.text))


def finding(link: Link, found: LinkProblem) -> Finding:
    """The ``broken-link`` finding for ``found`` (offline or online) on ``link``."""
    return Finding(
        span=found.span,
        args={"problem": found.message, "code": found.code, "target": link.target or "", "text": link.text},
        fingerprint=f"{found.code}|{link.text}|{link.target or ''}",
    )


def _problems(document: Document, context: Context) -> Iterator[tuple[Link, LinkProblem]]:
    not_links = _not_links(tuple(context["not-links"]))
    nowhere = Nowhere(
        _not_links(tuple(context["nowhere"])),
        _not_links(tuple(context["nowhere-parts"])),
        tuple(h.strip().lower().rstrip(".") for h in context["nowhere-hosts"] if h.strip()),
    )
    defined = _defined_labels(document)
    for link in document.links:
        found = problem(link, context["schemes"], context["require-absolute"], not_links, defined, nowhere)
        if found is not None:
            yield link, found


def links_to_fetch(
    document: Document, context: Context, problems: Iterable[tuple[Link, LinkProblem]] | None = None
) -> Iterator[Link]:
    """Links written well enough to request online: http(s) targets with no offline problem.

    ``problems`` are the document's offline problems when the caller has them already.
    """
    bad = {id(link) for link, _ in (_problems(document, context) if problems is None else problems)}
    for link in document.links:
        if id(link) in bad or link.target is None:
            continue
        target = link.target.strip()
        if target.lower().startswith(("http://", "https://")) or (is_bare(link) and target.lower().startswith("www.")):
            yield link


# with --links, the app checks targets online and hands the results over in context.links


def check(document: Document, context: Context) -> Iterator[Finding]:
    problems = list(_problems(document, context))
    for link, found in problems:
        yield finding(link, found)
    if context.links is not None:  # online results (--links): see lint.checks.moved_link
        from lint.checks import moved_link

        for link, found in moved_link.broken(links_to_fetch(document, context, problems), context):
            yield finding(link, found)


KIND = CheckKind(
    name="broken-link",
    summary="links with no target or a malformed one; with `--links`, targets that do not answer",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"problem", "code", "target", "text"}),
    needs_links=True,
    summary_role="broken-link",
    answer_text=True,
)
