"""Entry names as the readers store them: the display name and the matching key, cached.

The same organisations answer in every file of a run, so each distinct raw name is
normalised once per process (:func:`lint.names.normalise` costs several regex passes).
"""

from __future__ import annotations

from functools import lru_cache

from lint.names import display_name, key_of_display


@lru_cache(maxsize=4096)
def entry_name(raw: str) -> tuple[str, str]:
    """``(display_name(raw), normalise(raw))``."""
    display = display_name(raw)
    return display, key_of_display(display)
