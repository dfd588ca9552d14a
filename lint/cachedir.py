"""Where response-lint keeps its caches (rule files, the spelling dictionary, link results).

The user cache folder as platformdirs defines it; ``RESPONSE_LINT_CACHE_DIR``
overrides it, and an empty value turns caching off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_ENV = "RESPONSE_LINT_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder (None: do not cache). It may not exist yet."""
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return Path(override) if override.strip() else None
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux (the XDG base directory spec), without its ~10 ms import.
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "response-lint"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("response-lint", appauthor=False))
