"""Check kinds: the code behind rules. One module per kind, found by its name.

Check kind ``year-copy`` lives in ``lint/checks/year_copy.py`` (the name with ``-``
as ``_``), which exports ``KIND = CheckKind(...)`` (see :mod:`lint.checks.api`):
adding a kind is adding its module; nothing else lists the kinds. Modules without a
``KIND`` are helpers the kinds share (sentences, copies, lexicon, ...). Heavy
dependencies are imported inside the check functions, so that loading a kind to
validate a rule stays cheap.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

from lint import rulenames

if TYPE_CHECKING:
    from lint.checks.api import CheckKind


def module_name(kind: str) -> str:
    """The module that implements check kind ``kind``."""
    return f"{__name__}.{kind.replace('-', '_')}"


@cache
def load(kind: str) -> CheckKind:
    """The spec of check kind ``kind``; KeyError naming the known kinds if there is none."""
    spec = None
    if isinstance(kind, str) and rulenames.name_problem(kind) is None:  # a name is also a module's
        try:
            module = importlib.import_module(module_name(kind))
        except ModuleNotFoundError as exc:
            if exc.name != module_name(kind):
                raise
        else:
            spec = getattr(module, "KIND", None)
    if spec is None or spec.name != kind:
        from lint.suggest import hint

        names = list(all_kinds())
        raise KeyError(f"unknown check kind {kind!r}{hint(kind, names)} (known: {', '.join(names)})")
    return spec


def all_kinds() -> dict[str, CheckKind]:
    """Every check kind, by name, sorted (imports every check module: for docs and errors only)."""
    import pkgutil

    found: dict[str, CheckKind] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        spec = getattr(importlib.import_module(f"{__name__}.{info.name}"), "KIND", None)
        if spec is not None:
            found[spec.name] = spec
    return found
