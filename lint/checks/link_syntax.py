"""Offline judgement of one link: is its target present and a well-formed, allowed URL?

Pure functions with no I/O, shared by the ``broken-link`` check (offline part) and
by whatever checks link targets online: :func:`problem` says what is wrong with a
link as written, :func:`host_of` gives the host a target points at.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container
from urllib.parse import urlsplit

from lint import regexcache
from lint.model import Link, Span
from lint.tuples import NamedTuple

# schemes that exist (so "ftp:" is "not allowed", while "htp:" is "misspelt")
REAL_SCHEMES = frozenset(
    {
        "http",
        "https",
        "mailto",
        "ftp",
        "ftps",
        "sftp",
        "file",
        "tel",
        "sms",
        "data",
        "javascript",
        "ssh",
        "git",
        "irc",
        "news",
        "nntp",
        "ldap",
        "telnet",
        "gopher",
        "urn",
        "webcal",
        "feed",
        "skype",
        "callto",
        "about",
        "chrome",
        "blob",
        "ws",
        "wss",
        "geo",
        "magnet",
        "market",
        "itms",
        "fax",
        "smb",
        "svn",
        "rtsp",
    }
)
_SCHEME = regexcache.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_LOOKS_LIKE_HOST = regexcache.compile(
    r"^(?:www\d?\.|(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|edu|int|eu|io|info|biz|scot|wales|cymru|london)"
    r"(?:[/:?#]|$))",
    re.IGNORECASE,
)
_LABEL = regexcache.compile(r"^[^\W_](?:[\w-]{0,61}[^\W_])?$|^[\w]$")
_BAD_PERCENT = regexcache.compile(r"%(?![0-9A-Fa-f]{2})")
_EMAIL = regexcache.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")
_UNSAFE = regexcache.compile(r"[\x00-\x1f\x7f<>\"{}|\\^`]")


class LinkProblem(NamedTuple):
    """What is wrong with a link: a short ``code``, a sentence, and where."""

    code: str  # no-target, empty-target, nowhere, malformed, scheme, no-scheme, relative (online checks add theirs)
    message: str
    span: Span


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (for short strings such as schemes)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _valid_host(host: str) -> str | None:
    """None when ``host`` is a usable host name or address, else why not."""
    import ipaddress

    if host.startswith("[") or ":" in host:
        try:
            ipaddress.IPv6Address(host.strip("[]"))
            return None
        except ValueError:
            return f"host {host!r} is not a valid address"
    name = host[:-1] if host.endswith(".") else host
    labels = name.split(".")
    if all(label.isdigit() for label in labels):
        try:
            ipaddress.IPv4Address(name)
            return None
        except ValueError:
            return f"host {host!r} is not a valid IP address"
    if len(labels) == 1 and name.lower() != "localhost":
        return f"host {host!r} has no domain (no dot in it)"
    for label in labels:
        if not label:
            return f"host {host!r} has an empty part (two dots in a row)"
        if len(label) > 63 or not _LABEL.match(label):
            return f"host {host!r} is not a valid host name"
    if labels[-1].isdigit():
        return f"host {host!r} ends in a number, not a domain"
    return None


def _hierarchical(target: str, scheme: str) -> str | None:
    rest = target[len(scheme) + 1 :]
    if not rest.startswith("//"):
        return f"malformed URL {target!r}: '{scheme}:' must be followed by '//' and a host"
    try:
        parts = urlsplit(target)
    except ValueError as exc:
        return f"malformed URL {target!r}: {exc}"
    if not parts.netloc or not parts.hostname:
        return f"malformed URL {target!r}: it has no host"
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return f"malformed URL {target!r}: the port is not a number from 0 to 65535"
    netloc_host = parts.netloc.rsplit("@", 1)[-1]
    if netloc_host.startswith("["):
        host = netloc_host[: netloc_host.find("]") + 1]
    else:
        host = netloc_host.rsplit(":", 1)[0] if ":" in netloc_host else netloc_host
    why = _valid_host(host)
    if why:
        return f"malformed URL {target!r}: {why}"
    return None


def _mailto(target: str) -> str | None:
    from urllib.parse import unquote

    addresses = unquote(target[len("mailto:") :].split("?", 1)[0])
    if not addresses.strip():
        return f"malformed address {target!r}: 'mailto:' has no email address"
    for address in addresses.split(","):
        if not _EMAIL.match(address.strip()):
            return f"malformed address {target!r}: {address.strip()!r} is not an email address"
    return None


def url_problem(
    target: str, schemes: Collection[str], require_absolute: bool = False, bare: bool = False
) -> tuple[str, str] | None:
    """``(code, message)`` for a target that is not a usable URL, or None when it is.

    ``bare`` marks a web address written in running text (no link markup), where a
    missing scheme (``www.example.org``) is normal.
    """
    allowed = {s.lower() for s in schemes}
    if re.match(r"^[A-Za-z]:(?:[\\/]|$)", target) or target.startswith("\\\\"):
        return "scheme", f"target {target!r} is a file on someone's computer, not a web address"
    if any(c.isspace() for c in target):
        return "malformed", f"malformed URL {target!r}: it contains a space (write it as %20)"
    unsafe = _UNSAFE.search(target)
    if unsafe:
        return "malformed", f"malformed URL {target!r}: it contains {unsafe.group(0)!r}, which a URL cannot"
    if _BAD_PERCENT.search(target):
        return "malformed", f"malformed URL {target!r}: '%' must be followed by two hex digits"
    m = _SCHEME.match(target)
    if m is None:
        if target.startswith("//"):
            if require_absolute:
                return "relative", f"target {target!r} has no scheme: write https:{target}"
            why = _hierarchical("https:" + target, "https")
            return ("malformed", f"malformed URL {target!r}: {why.split(': ', 1)[1]}") if why else None
        if not bare and _LOOKS_LIKE_HOST.match(target):
            return (
                "no-scheme",
                f"target {target!r} has no scheme, so it is read as a page on this site: write https://{target}",
            )
        if require_absolute and not bare and not target.startswith("#"):
            return "relative", f"relative target {target!r}: targets must be absolute URLs here"
        return None
    scheme = m.group(1).lower()
    if scheme not in allowed:
        near = sorted(s for s in allowed if _distance(scheme, s) <= (1 if len(s) <= 4 else 2))
        if scheme not in REAL_SCHEMES and near:
            return "malformed", f"malformed URL {target!r}: misspelt scheme '{scheme}:' (did you mean '{near[0]}:'?)"
        return "scheme", (
            f"target {target!r} uses the scheme '{scheme}:', which is not allowed here "
            f"(allowed: {', '.join(sorted(allowed))})"
        )
    if scheme == "mailto":
        why = _mailto(target)
        return ("malformed", why) if why else None
    if scheme in ("http", "https") or target[len(scheme) + 1 :].startswith("//"):
        why = _hierarchical(target, m.group(1))
        return ("malformed", why) if why else None
    return None


def is_bare(link: Link) -> bool:
    """A web address written in running text rather than link markup."""
    return link.target is not None and link.text_span == link.span


class Nowhere(NamedTuple):
    """What makes a target go nowhere: whole targets (``words``), last parts of a path or fragments
    (``parts``), and hosts that are no real site (``hosts``, with their subdomains)."""

    words: re.Pattern[str] | None = None
    parts: re.Pattern[str] | None = None
    hosts: Collection[str] = ()


_WRAPPERS = "[]{}<>()%$ \t"
_NOWHERE = Nowhere()  # nothing counts as going nowhere


def _last_parts(target: str) -> tuple[str, ...]:
    """The last part of ``target``'s path and its fragment (``/a/insert-link#todo``: ``insert-link``, ``todo``)."""
    rest, _, fragment = target.partition("#")
    rest = rest.split("?", 1)[0]
    if _SCHEME.match(rest) is not None or rest.startswith("//"):
        after_host = rest.split("//", 1)[1] if "//" in rest else ""
        rest = after_host.partition("/")[2] if "/" in after_host else ""
    return tuple(part for part in (rest.rpartition("/")[2], fragment) if part)


def nowhere(target: str, places: Nowhere) -> str | None:
    """Why ``target`` goes nowhere although it may be well formed, or None.

    ``#`` alone, a word or phrase that is neither a URL nor a path (``places.words``:
    "TBC", "link", "url here", also %-encoded or in brackets: "[link]", "link%20tbc"),
    a path or fragment that ends in such words (``places.parts``: "/insert-link-here",
    "#todo"), or a host that is no real site (``places.hosts``: example.com, localhost,
    any host under them, and the domain of a ``mailto:`` address).
    """
    from urllib.parse import unquote

    text = target.strip()
    if text in ("#", "#!", "/#", "#!/"):
        return f"target {text!r} goes nowhere: it is the top of this same page"
    plain = unquote(text)
    words = places.words
    if words is not None and any(words.fullmatch(t) for t in {text, plain, plain.strip(_WRAPPERS)} if t):
        return f"target {text!r} is not an address: the link was never filled in"
    if places.parts is not None and not text.lower().startswith("mailto:"):
        for part in _last_parts(text):
            if places.parts.fullmatch(unquote(part).strip(_WRAPPERS)):
                return f"target {text!r} names no page ({part!r}): the link was never filled in"
    if places.hosts:
        host = host_of(text)
        if host is None and text.lower().startswith("mailto:"):
            host = unquote(text[len("mailto:") :]).split("?", 1)[0].rpartition("@")[2].strip().lower() or None
        if host is not None:
            for name in places.hosts:
                if host == name or host.endswith("." + name):
                    return f"target {text!r} points at {host!r}, which is no real site: the link was never filled in"
    return None


def problem(
    link: Link,
    schemes: Collection[str],
    require_absolute: bool = False,
    not_links: re.Pattern[str] | None = None,
    defined: Container[str] = (),
    places: Nowhere = _NOWHERE,
) -> LinkProblem | None:
    """What is wrong with ``link`` as written, or None.

    A bracketed label with no target is a link that lost its target, unless it
    matches ``not_links`` (editorial brackets: "[Insert date]", "[1]", "[sic]") or
    is a reference label defined elsewhere in the file (``defined``, lower-cased).
    A target that goes nowhere (see :func:`nowhere`) is reported as ``nowhere``.
    """
    if link.target is None:
        label = " ".join(link.text.split())
        if not label or (not_links is not None and not_links.fullmatch(label)) or label.lower() in defined:
            return None
        return LinkProblem("no-target", f"link [{label}] has no target: expected (url) right after it", link.span)
    if not link.target.strip():
        return LinkProblem("empty-target", f"link [{' '.join(link.text.split())}] has an empty target", link.span)
    span = link.target_span if link.target_span is not None and link.target_span.length else link.span
    if not is_bare(link):
        why = nowhere(link.target, places)
        if why is not None:
            return LinkProblem("nowhere", why, span)
    found = url_problem(link.target, schemes, require_absolute, bare=is_bare(link))
    if found is None:
        return None
    span = link.target_span if link.target_span is not None and link.target_span.length else link.span
    return LinkProblem(found[0], found[1], span)


def host_of(target: str | None) -> str | None:
    """The lower-cased host a target points at (``www.x.org`` counts as ``http://www.x.org``)."""
    if not target:
        return None
    text = target.strip()
    if _SCHEME.match(text) is None:
        if text.startswith("//"):
            text = "http:" + text
        elif _LOOKS_LIKE_HOST.match(text):
            text = "http://" + text
        else:
            return None
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None
