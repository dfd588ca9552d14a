"""Link targets as written → what to request: the http(s) URL without fragment or
credentials, the fragment, and the host key that politeness limits are counted by.

Standard library only. Targets that are not http(s) URLs (``mailto:``, relative
paths, malformed text) give None: the offline ``broken-link`` rule reports those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

_SCHEME = re.compile(r"^(https?)://", re.IGNORECASE)
_SPACE = re.compile(r"\s")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class Target:
    """One link target: ``raw`` as written, ``url`` to request, ``fragment`` (unquoted) or None."""

    raw: str
    url: str
    fragment: str | None
    host_key: tuple[str, str, int]


def parse_target(raw: str) -> Target | None:
    """The request for target ``raw``, or None when it is not an http(s) URL.

    A bare ``www.`` address (as plain-text files write them) is requested over http,
    as browsers and Markdown autolinks do. User name and password are dropped: the
    checker never sends credentials.
    """
    text = raw.strip()
    if text.lower().startswith("www."):
        text = "http://" + text
    if not _SCHEME.match(text) or _SPACE.search(text):  # malformed: the offline rule reports it
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if not host or host.startswith(".") or ".." in host:
        return None
    scheme = parts.scheme.lower()
    host_text = f"[{host}]" if ":" in host else host
    netloc = host_text if port is None else f"{host_text}:{port}"
    url = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    fragment = unquote(parts.fragment) if parts.fragment else None
    return Target(raw=raw, url=url, fragment=fragment, host_key=(scheme, host, port or _DEFAULT_PORTS[scheme]))


def with_fragment(url: str, fragment: str | None, raw_target: str) -> str:
    """``url`` carrying the fragment of ``raw_target`` (as written) when ``url`` has none."""
    if fragment is None or "#" in url:
        return url
    return url + raw_target[raw_target.index("#") :] if "#" in raw_target else url


def checkable_fragment(fragment: str | None) -> bool:
    """Whether ``#fragment`` names an element: not empty, not a text fragment or an app route."""
    if not fragment:
        return False
    return not fragment.startswith((":~:", "/", "!")) and fragment != "top"
