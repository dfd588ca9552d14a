"""Check kinds: the code behind rules. One module per kind.

A check module defines ``OPTIONS`` (a tuple of :class:`lint.options.Option`) and
either ``check(document, context)`` (run on each document) or
``check_corpus(documents, context)`` (run once on all documents of a run); both
yield :class:`lint.checks.api.Finding`. Heavy dependencies are imported inside
those functions, so that loading a module to validate options stays cheap.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS: dict[str, str] = {
    "syntax": "lint.checks.syntax",
    "phrases": "lint.checks.phrases",
}


def load(kind: str) -> ModuleType:
    """The module implementing check kind ``kind``."""
    try:
        module_name = KINDS[kind]
    except KeyError:
        raise KeyError(f"unknown check kind {kind!r} (known: {', '.join(sorted(KINDS))})") from None
    return importlib.import_module(module_name)
