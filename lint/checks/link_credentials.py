"""Check kind ``link-credentials``: link targets that carry a user name or password
(``https://user:secret@host/``). Offline: anyone who reads the file can use them,
and the link checker never sends them. The finding's fix removes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lint import regexcache
from lint.checks.api import CheckKind, Context, Finding
from lint.checks.link_results import replace_target
from lint.model import Document
from lint.options import Option

OPTIONS: tuple[Option, ...] = ()

# scheme://userinfo@ : the userinfo ends at the last '@' before the path
_USERINFO = regexcache.compile(r"^\s*([a-z][a-z0-9+.-]*://)([^/?#\s]*)@", re.IGNORECASE)


def check(document: Document, context: Context) -> Iterator[Finding]:
    for link in document.links:
        if link.target is None or link.target_span is None or "@" not in link.target:
            continue
        m = _USERINFO.match(link.target)
        if m is None or m.group(1).lower().startswith("mailto"):
            continue
        userinfo = m.group(2)
        user, _, password = userinfo.partition(":")
        what = "a user name and password" if password else "a user name"
        cleaned = (link.target[: m.end(1)] + link.target[m.end() :]).strip()
        yield Finding(
            span=link.target_span,
            args={"target": link.target, "what": what, "user": user, "cleaned": cleaned},
            fix=replace_target(link, cleaned, "remove the credentials from the link"),
            fingerprint=f"credentials|{link.target}",
        )


KIND = CheckKind(
    name="link-credentials",
    summary="link targets carrying a user name or password (offline)",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"target", "what", "user", "cleaned"}),
    needs_links=False,
    answer_text=True,
)
