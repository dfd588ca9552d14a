"""Where response-lint keeps its caches (rule files, the spelling dictionary, link results).

The user cache folder as platformdirs defines it; ``RESPONSE_LINT_CACHE_DIR``
overrides it, and an empty value turns caching off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_ENV = "RESPONSE_LINT_CACHE_DIR"
RESULT_CACHE_ENV = "RESPONSE_LINT_RESULT_CACHE"  # the result cache (lint.resultcache) is per project
RESULT_CACHE_FOLDER = ".response-lint-cache"


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


def result_cache_dir(root: Path | str) -> Path | None:
    """The result cache folder of the project at ``root`` (None: that cache is off).

    ``RESPONSE_LINT_RESULT_CACHE`` names another folder (empty: off); an empty
    ``RESPONSE_LINT_CACHE_DIR`` turns every cache off, this one too. Here, not in
    :mod:`lint.resultcache`, so that a run with the cache off need not import that.
    """
    override = os.environ.get(RESULT_CACHE_ENV)
    if override is not None:
        return Path(override) if override.strip() else None
    if os.environ.get(CACHE_ENV) == "":
        return None
    return Path(root) / RESULT_CACHE_FOLDER


def move_aside(path: Path, *, keep_earlier: bool = False) -> Path | None:
    """Move a corrupt file out of the way so that it is rebuilt: the one place that does.

    It goes to ``NAME.corrupt``, kept for a bug report, replacing an older one; with
    ``keep_earlier`` (the file is the user's, not a cache) earlier ones are kept and
    it goes to the first free ``NAME.corruptN``. SQLite's companion files
    (``-journal``, ``-wal``, ``-shm``) are removed with it. Returns where it went, or
    None when it could not be moved and was removed instead (or was gone already);
    raises :class:`OSError` when it can be neither moved nor removed.
    """
    aside = path.with_name(path.name + ".corrupt")
    n = 1
    while keep_earlier and aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt{n}")
    moved: Path | None = aside
    try:
        os.replace(path, aside)
    except OSError:
        moved = None
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
    for suffix in ("-journal", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass
    return moved


def set_aside(path: Path) -> str:
    """:func:`move_aside` for a cache file; returns the warning to show, once."""
    try:
        aside = move_aside(path)
    except OSError:
        return f"cache {path} is corrupt and cannot be moved aside; running without it"
    if aside is None:
        return f"cache {path} was corrupt: removed, and rebuilt"
    return f"cache {path} was corrupt: set aside as {aside.name}, and rebuilt"
