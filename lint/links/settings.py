"""Settings of online link checking: the ``[tool.response-lint.link-check]`` table and
the command-line flags that override it, validated into one :class:`Settings` value.

Every problem is a :class:`lint.config.ConfigError` naming where the value came from
and what was expected.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lint import __version__
from lint.config import LINK_KEYS, ConfigError, unknown_key

DEFAULT_USER_AGENT = f"response-lint/{__version__} (link checker)"

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_STATUS_RANGE = re.compile(r"^\s*(\d{3})\s*(?:(?:-|\.\.=?)\s*(\d{3}))?\s*$")


def parse_duration(value: Any, where: str) -> float:
    """Seconds from a number or text such as ``"90"``, ``"30m"``, ``"12h"``, ``"1d"``, ``"2w"``."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a duration such as 3600, '30m', '12h' or '1d', got {value!r}")
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0:
            raise ConfigError(f"{where}: a duration cannot be negative, got {value!r}")
        return float(value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m:
            return float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]
    raise ConfigError(f"{where}: expected a duration such as 3600, '30m', '12h' or '1d', got {value!r}")


def parse_statuses(values: Any, where: str) -> frozenset[int]:
    """Status codes from a list of codes and ranges: ``[403, "200-299", "999"]``."""
    if not isinstance(values, list):
        raise ConfigError(f"{where}: expected a list of status codes or ranges such as [403, '200-299']")
    codes: set[int] = set()
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 999:
            codes.add(value)
            continue
        m = _STATUS_RANGE.match(value) if isinstance(value, str) else None
        if not m:
            raise ConfigError(f"{where}: {value!r} is not a status code (100-999) or a range such as '200-299'")
        low = int(m.group(1))
        high = int(m.group(2) or low)
        if not 100 <= low <= high <= 999:
            raise ConfigError(f"{where}: {value!r} is not a range of status codes from 100 to 999")
        codes.update(range(low, high + 1))
    return frozenset(codes)


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_allow(values: Any, where: str) -> tuple[frozenset[str], tuple[Network, ...]]:
    """Host names and networks (``"10.1.0.0/16"``, ``"intranet.example"``) that may be private."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{where}: expected a list of host names, addresses or networks")
    hosts: set[str] = set()
    networks: list[Network] = []
    for value in values:
        text = value.strip().strip("[]")
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
            continue
        except ValueError:
            pass
        if not text or not re.fullmatch(r"[A-Za-z0-9._-]+", text):
            raise ConfigError(f"{where}: {value!r} is neither a host name nor an address or network")
        hosts.add(text.lower().rstrip("."))
    return frozenset(hosts), tuple(networks)


@dataclass(frozen=True)
class Settings:
    """Everything the online phase needs to know; defaults are the documented ones."""

    timeout: float = 20.0
    retries: int = 2
    retry_backoff: float = 1.0
    retry_after_max: float = 60.0
    max_redirects: int = 10
    concurrency: int = 128
    per_host: int = 8
    interval: float = 0.0
    user_agent: str = DEFAULT_USER_AGENT
    exclude: tuple[re.Pattern[str], ...] = ()
    accept: frozenset[int] = frozenset()
    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()
    allow_networks: tuple[Network, ...] = ()
    check_fragments: bool = False
    max_body_size: int = 2 * 1024 * 1024
    cache: bool = True
    cache_ttl: float = 86400.0
    cache_path: Path | None = None
    progress: bool | None = None  # None: on a terminal outside CI
    history_path: Path | None = None  # a portable history file; None: the history lives in the cache
    broken_after_runs: int = 3
    broken_after: float = 3 * 86400.0


# key -> (type, description): the table lint.config validates the config file with
KEYS = LINK_KEYS


def _number(
    data: Mapping[str, Any], key: str, where: str, *, minimum: float, integer: bool = False, allow_equal: bool = True
) -> Any:
    value = data[key]
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integer and not isinstance(value, int))
        or not math.isfinite(value)
    ):
        raise ConfigError(f"{where}: {key!r} must be {'an integer' if integer else 'a number (finite)'}, got {value!r}")
    if value < minimum or (not allow_equal and value == minimum):
        bound = f"at least {minimum:g}" if allow_equal else f"more than {minimum:g}"
        raise ConfigError(f"{where}: {key!r} must be {bound}, got {value!r}")
    return int(value) if integer else float(value)


def from_mapping(data: Mapping[str, Any], *, root: Path | None = None, where: str = "link-check") -> Settings:
    """Settings from the link-check table (and command-line overrides in the same keys)."""
    for key in data:
        if key not in KEYS:
            raise unknown_key(where, key, list(KEYS))
    changes: dict[str, Any] = {}
    if "timeout" in data:
        changes["timeout"] = _number(data, "timeout", where, minimum=0, allow_equal=False)
    if "retries" in data:
        changes["retries"] = _number(data, "retries", where, minimum=0, integer=True)
    if "retry-backoff" in data:
        changes["retry_backoff"] = _number(data, "retry-backoff", where, minimum=0)
    if "retry-after-max" in data:
        changes["retry_after_max"] = _number(data, "retry-after-max", where, minimum=0)
    if "max-redirects" in data:
        changes["max_redirects"] = _number(data, "max-redirects", where, minimum=0, integer=True)
    if "concurrency" in data:
        changes["concurrency"] = _number(data, "concurrency", where, minimum=1, integer=True)
    if "per-host" in data:
        changes["per_host"] = _number(data, "per-host", where, minimum=1, integer=True)
    if "interval" in data:
        changes["interval"] = _number(data, "interval", where, minimum=0)
    if "broken-after-runs" in data:
        changes["broken_after_runs"] = _number(data, "broken-after-runs", where, minimum=1, integer=True)
    if "broken-after" in data:
        changes["broken_after"] = parse_duration(data["broken-after"], f"{where}: broken-after")
    if "max-body-size" in data:
        changes["max_body_size"] = _number(data, "max-body-size", where, minimum=1024, integer=True)
    if "user-agent" in data:
        agent = data["user-agent"]
        if not isinstance(agent, str) or not agent.strip() or any(c in agent for c in "\r\n"):
            raise ConfigError(f"{where}: 'user-agent' must be one line of text, got {agent!r}")
        changes["user_agent"] = agent.strip()
    if "exclude" in data:
        patterns = data["exclude"]
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise ConfigError(f"{where}: 'exclude' must be a list of regexes")
        compiled = []
        for pattern in patterns:
            try:
                compiled.append(re.compile(pattern))
            except re.error as exc:
                raise ConfigError(f"{where}: exclude: {pattern!r} is not a valid regex: {exc}") from None
        changes["exclude"] = tuple(compiled)
    if "accept" in data:
        changes["accept"] = parse_statuses(data["accept"], f"{where}: accept")
    if "allow" in data:
        changes["allow_hosts"], changes["allow_networks"] = parse_allow(data["allow"], f"{where}: allow")
    for key, name in (
        ("allow-private", "allow_private"),
        ("check-fragments", "check_fragments"),
        ("cache", "cache"),
        ("progress", "progress"),
    ):
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(f"{where}: {key!r} must be true or false, got {data[key]!r}")
            changes[name] = data[key]
    if "cache-ttl" in data:
        changes["cache_ttl"] = parse_duration(data["cache-ttl"], f"{where}: cache-ttl")
    for key, name in (("cache-path", "cache_path"), ("history", "history_path")):
        if key in data:
            raw = data[key]
            if not isinstance(raw, str) or not raw.strip():
                raise ConfigError(f"{where}: {key!r} must be a file path, got {raw!r}")
            path = Path(raw).expanduser()
            changes[name] = path if path.is_absolute() or root is None else root / path
    return Settings(**changes)


def merge(config_table: Mapping[str, Any], overrides: Mapping[str, Any], *, root: Path | None, source: str) -> Settings:
    """The config file's table with the command line's values on top.

    Each layer is validated on its own, so that an error names the config file or the
    command line. ``exclude`` patterns add up; other values replace. A relative
    ``cache-path`` or ``history`` is relative to the config file's folder, or to the current folder
    when given on the command line.
    """
    from_mapping(config_table, root=root, where=f"{source}: link-check")
    from_mapping(overrides, root=Path.cwd(), where="command line")
    data = {**config_table, **overrides}
    if "exclude" in overrides and "exclude" in config_table:
        data["exclude"] = [*config_table["exclude"], *overrides["exclude"]]
    for key in ("cache-path", "history"):
        if key in overrides:
            data[key] = str(Path.cwd() / Path(str(overrides[key])).expanduser())
    return from_mapping(data, root=root, where=f"{source}: link-check")
