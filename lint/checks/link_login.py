"""Check kind ``link-login``: links to pages that readers may not be able to see: the
server answers 401 or 403, or the link redirects to a sign-in page (the final address
matches one of the ``login-pages`` regexes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lint import regexcache
from lint.checks.api import CheckKind, Context, Finding
from lint.checks.link_results import online
from lint.model import Document
from lint.options import Option, combinable

OPTIONS = (
    Option(
        "login-pages",
        "list[regex]",
        [],
        "regexes (case-insensitive, searched in the final address of a redirect) of sign-in pages",
        validate=combinable,
    ),
)


@lru_cache(maxsize=16)
def _pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    # each pattern and their union were checked at load
    return regexcache.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def check(document: Document, context: Context) -> Iterator[Finding]:
    login_pages = _pattern(tuple(context["login-pages"]))
    for link, result in online(document, context):
        assert link.target_span is not None
        if result.category == "login":
            cause = f"the server answers {result.cause}"
        elif (
            result.state in ("ok", "moved")
            and result.hops
            and result.final_url
            and login_pages is not None
            and login_pages.search(result.final_url)
        ):
            cause = f"it redirects to a sign-in page, {result.final_url}"
        else:
            continue
        yield Finding(
            span=link.target_span,
            args={"target": link.target, "cause": cause, "final_url": result.final_url or ""},
            fingerprint=f"login|{link.target}",
        )


KIND = CheckKind(
    name="link-login",
    summary="with `--links`, targets that need a login (401, 403, a redirect to a sign-in page)",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"target", "cause", "final_url"}),
    needs_links=True,
    answer_text=True,
)
