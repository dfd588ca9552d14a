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


def set_aside(path: Path) -> str:
    """Move a corrupt cache file out of the way (to ``NAME.corrupt``, replacing an older one,
    kept for a bug report) so that it is rebuilt; returns the warning to show, once."""
    aside = path.with_name(path.name + ".corrupt")
    try:
        os.replace(path, aside)
    except OSError:
        try:
            path.unlink()
        except OSError:
            return f"cache {path} is corrupt and cannot be moved aside; running without it"
        return f"cache {path} was corrupt: removed, and rebuilt"
    return f"cache {path} was corrupt: set aside as {aside.name}, and rebuilt"
