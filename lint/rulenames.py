"""Rule names as users write them (a name or a glob, or ``ALL``), checked one way everywhere.

The command line (``--select``, ``--extend-select``, ``--ignore``), the config's
``select``, ``extend-select``, ``ignore``, ``per-file-ignores`` and ``rules`` tables, and
suppression comments all match names with :func:`matching` and describe a name that
matches nothing with :func:`problem`, which suggests the closest rule through
:mod:`lint.suggest`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Collection, Iterable

from lint.errors import ConfigError
from lint.suggest import hint


def matching(pattern: str, names: Collection[str]) -> list[str]:
    """The rule names ``pattern`` (a name, a glob, or ``ALL``) stands for."""
    pattern = pattern.strip()
    if pattern.upper() == "ALL":
        return sorted(names)
    return fnmatch.filter(names, pattern)


def problem(pattern: str, names: Collection[str]) -> str | None:
    """What is wrong with ``pattern``: None when it matches a rule, else a message with a suggestion."""
    if not pattern.strip() or matching(pattern, names):
        return None
    return f"no rule matches {pattern.strip()!r}{hint(pattern.strip(), names) or ''}; see 'response-lint rules'"


def check(patterns: Iterable[str], names: Collection[str], where: str) -> None:
    """Raise :class:`ConfigError` naming ``where`` (a flag, or a file and key) for the first unknown pattern."""
    for pattern in patterns:
        found = problem(pattern, names)
        if found is not None:
            raise ConfigError(f"{where}: {found}")
