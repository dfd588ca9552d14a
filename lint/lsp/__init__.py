"""The editor server (``response-lint lsp``): a language server over stdio.

Only this command imports pygls: :mod:`lint.lsp.analysis` (buffers, configs, the
workspace's documents) knows nothing of the protocol; :mod:`lint.lsp.convert` and
:mod:`lint.lsp.actions` translate to it; :mod:`lint.lsp.server` wires the handlers.
"""

from __future__ import annotations


def main() -> int:
    from lint.lsp.server import run

    return run()
