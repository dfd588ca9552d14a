"""The ``[link-check]`` table's settings as typed options: checked when the config loads.

Apart from :mod:`lint.config` so that a run without online link checks does not build them.
"""

from __future__ import annotations

from typing import Any

from lint.config import POSITIVE, check_value, unknown_key
from lint.options import Option

# the [link-check] table's settings, as typed options (lint.options): the config file's values are
# checked when it loads, the command line's when it is read, and lint.links.settings takes their values
LINK_OPTIONS: tuple[Option, ...] = (
    Option("timeout", "float", 20.0, "seconds to wait for an answer before the link counts as broken", above=0),
    Option("retries", "int", 2, "times a transient failure (timeout, reset, 429, 5xx) is retried", min=0),
    Option("retry-backoff", "float", 1.0, "seconds before the first retry, doubling each time", min=0),
    Option("retry-after-max", "float", 60.0, "longest Retry-After honoured for 429 and 503, in seconds", min=0),
    Option("max-redirects", "int", 10, "redirects followed before 'too many redirects'", min=0),
    Option("concurrency", "int", 128, "requests in flight at once, in all", min=1, says=POSITIVE),
    Option("per-host", "int", 8, "requests in flight at once per scheme, host and port", min=1, says=POSITIVE),
    Option("interval", "float", 0.0, "least seconds between two requests to the same host", min=0),
    Option("user-agent", "line", None, "User-Agent header (default names response-lint and its version)"),
    Option("exclude", "list[regex]", [], "regexes: URLs matching any are not requested (counted as excluded)"),
    Option("accept", "list[status]", [], "status codes or ranges that count as working, e.g. [403, '200-299']"),
    Option("allow-private", "bool", False, "allow private, loopback and link-local addresses (as --allow-private)"),
    Option("allow", "list[host]", [], "host names, addresses or networks allowed even when private"),
    Option(
        "check-fragments",
        "bool",
        False,
        "check that #fragments exist as an id or name in the page (as --check-fragments)",
    ),
    Option("max-body-size", "int", 2 * 1024 * 1024, "most bytes of a page read to look for fragments", min=1024),
    Option("cache", "bool", True, "cache results between runs (--no-cache bypasses it)"),
    Option("cache-ttl", "duration", "1d", "how long a cached result is reused: seconds or '30m', '12h', '1d'"),
    Option(
        "cache-path",
        "path",
        None,
        "cache file (default: links.sqlite3 in the user cache folder), relative to the config",
    ),
    Option("progress", "bool", None, "show a progress bar (default: only on a terminal outside CI)"),
    Option(
        "history",
        "path",
        None,
        "portable failure-history file to keep between CI runs (as --link-history; default: the cache)",
    ),
    Option(
        "broken-after-runs",
        "int",
        3,
        "consecutive failing runs before a transient failure is a broken link",
        min=1,
        says=POSITIVE,
    ),
    Option("broken-after", "duration", "3d", "time since the first failure before a transient one is a broken link"),
)
_LINK_OPTIONS = {spec.name: spec for spec in LINK_OPTIONS}


def link_value(where: str, key: str, value: Any) -> Any:
    """The value of the link-check setting ``key`` (seconds of a duration, a set of status codes, ...),
    checked by its typed option: a :class:`ConfigError` naming ``where``, the key and what was expected."""
    spec = _LINK_OPTIONS.get(key)
    if spec is None:
        raise unknown_key(where, key, list(_LINK_OPTIONS))
    check_value(where, spec, value)
    return spec.value(value)
