"""Rule names: what a name is (:func:`name_problem`), and names as users write them (a name or
a glob, or ``ALL``), checked one way everywhere.

A rule's name (and a check kind's) is lowercase ASCII letters, digits and single
hyphens, starting with a letter: ``no-going-forward``. So it can be written in every
place a name goes (a file name, a suppression comment, ``--select a,b``, a config
key, SARIF, JUnit and checkstyle XML) without quoting or escaping, cannot be read as a
glob, and never holds a control character. ``all`` is not a name: it selects every rule.

The command line (``--select``, ``--extend-select``, ``--ignore``), the config's
``select``, ``extend-select``, ``ignore``, ``per-file-ignores`` and ``rules`` tables, and
suppression comments all match names with :func:`matching` and describe a name that
matches nothing with :func:`problem`, which suggests the closest rule through
:mod:`lint.suggest`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Collection, Iterable

from lint import regexcache
from lint.errors import ConfigError
from lint.suggest import hint

_NAME = regexcache.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a rule's or a check kind's name (the end of a sentence "'name' ..."), or None."""
    if not _NAME.fullmatch(name):
        return (
            "must be lowercase letters, digits and single hyphens, starting with a letter "
            f"(such as 'no-going-forward'), got {name!r}"
        )
    if name == "all":
        return "cannot be 'all', which selects every rule"
    return None


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
