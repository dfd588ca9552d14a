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
    "suppression": "lint.checks.suppression",
    "missing-phase": "lint.checks.missing_phase",
    "heading-style": "lint.checks.heading_style",
    "phase-order": "lint.checks.phase_order",
    "missing-entry": "lint.checks.missing_entry",
    "broken-link": "lint.checks.broken_link",
    "moved-link": "lint.checks.link_status",
    "link-unreliable": "lint.checks.link_unreliable",
    "link-login": "lint.checks.link_login",
    "link-slow": "lint.checks.link_slow",
    "link-redirect-chain": "lint.checks.link_redirect_chain",
    "link-tls": "lint.checks.link_tls",
    "link-credentials": "lint.checks.link_credentials",
    "link-text": "lint.checks.link_text",
    "retired-domain": "lint.checks.retired_domain",
    "year-copy": "lint.checks.year_copy",
    "entry-copy": "lint.checks.entry_copy",
    "action-echo": "lint.checks.action_echo",
    "readability": "lint.checks.readability",
    "wordlist": "lint.checks.wordlist",
    "spelling": "lint.checks.spelling",
}


def load(kind: str) -> ModuleType:
    """The module implementing check kind ``kind``."""
    try:
        module_name = KINDS[kind]
    except KeyError:
        raise KeyError(f"unknown check kind {kind!r} (known: {', '.join(sorted(KINDS))})") from None
    return importlib.import_module(module_name)
