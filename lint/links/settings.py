"""Settings of online link checking: the ``[tool.response-lint.link-check]`` table and
the command-line flags that override it, validated into one :class:`Settings` value.

Every value is checked and parsed by its typed option (:data:`lint.linkoptions.LINK_OPTIONS`,
with the types of :mod:`lint.options`): a problem is a :class:`lint.config.ConfigError`
naming where the value came from, the key and what was expected.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lint import __version__
from lint.linkoptions import LINK_OPTIONS, link_value

DEFAULT_USER_AGENT = f"response-lint/{__version__} (link checker)"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# the documented defaults, in one place: each option's default, parsed as a value of its type
_DEFAULT: dict[str, Any] = {spec.name: spec.value(spec.default) for spec in LINK_OPTIONS}


@dataclass(frozen=True)
class Settings:
    """Everything the online phase needs to know; defaults are the documented ones."""

    timeout: float = _DEFAULT["timeout"]
    retries: int = _DEFAULT["retries"]
    retry_backoff: float = _DEFAULT["retry-backoff"]
    retry_after_max: float = _DEFAULT["retry-after-max"]
    max_redirects: int = _DEFAULT["max-redirects"]
    concurrency: int = _DEFAULT["concurrency"]
    per_host: int = _DEFAULT["per-host"]
    interval: float = _DEFAULT["interval"]
    user_agent: str = DEFAULT_USER_AGENT  # the option's default is None: this one names the version
    exclude: tuple[re.Pattern[str], ...] = ()
    accept: frozenset[int] = _DEFAULT["accept"]
    allow_private: bool = _DEFAULT["allow-private"]
    allow_hosts: frozenset[str] = _DEFAULT["allow"][0]
    allow_networks: tuple[Network, ...] = _DEFAULT["allow"][1]
    check_fragments: bool = _DEFAULT["check-fragments"]
    max_body_size: int = _DEFAULT["max-body-size"]
    cache: bool = _DEFAULT["cache"]
    cache_ttl: float = _DEFAULT["cache-ttl"]
    cache_path: Path | None = None
    progress: bool | None = _DEFAULT["progress"]  # None: on a terminal outside CI
    history_path: Path | None = None  # a portable history file; None: the history lives in the cache
    broken_after_runs: int = _DEFAULT["broken-after-runs"]
    broken_after: float = _DEFAULT["broken-after"]


_PATHS = {"cache-path": "cache_path", "history": "history_path"}


def from_mapping(data: Mapping[str, Any], *, root: Path | None = None, where: str = "link-check") -> Settings:
    """Settings from the link-check table (and command-line overrides in the same keys).

    Each value is checked and parsed by its typed option (:data:`lint.linkoptions.LINK_OPTIONS`).
    """
    return Settings(**_changes(data, root, where))


def _changes(data: Mapping[str, Any], root: Path | None, where: str) -> dict[str, Any]:
    """The :class:`Settings` fields that ``data`` sets, each value checked and parsed once."""
    changes: dict[str, Any] = {}
    for key, raw in data.items():
        value = link_value(where, key, raw)
        if key == "exclude":
            changes["exclude"] = tuple(re.compile(pattern) for pattern in value)
        elif key == "allow":
            changes["allow_hosts"], changes["allow_networks"] = value
        elif key in _PATHS:
            path = Path(value).expanduser()
            changes[_PATHS[key]] = path if path.is_absolute() or root is None else root / path
        else:
            changes[key.replace("-", "_")] = value
    return changes


def merge(config_table: Mapping[str, Any], overrides: Mapping[str, Any], *, root: Path | None, source: str) -> Settings:
    """The config file's table with the command line's values on top.

    Each layer is checked and parsed on its own, once, so that an error names the config file or
    the command line. ``exclude`` patterns add up; other values replace. A relative
    ``cache-path`` or ``history`` is relative to the config file's folder, or to the current folder
    when given on the command line.
    """
    base = _changes(config_table, root, f"{source}: link-check")
    top = _changes(overrides, Path.cwd(), "command line")
    if "exclude" in base and "exclude" in top:
        top["exclude"] = (*base["exclude"], *top["exclude"])
    return Settings(**{**base, **top})
