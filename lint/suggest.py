"""The one "did you mean": the closest known name to a mistyped one.

Every message that names something unknown (a rule, a config key, a directive, an
option) suggests through :func:`hint`, so that all of them agree. This module imports
nothing of ours.
"""

from __future__ import annotations

from collections.abc import Iterable


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``name`` was most likely meant to be, or None when none is close.

    Close means difflib's similarity ratio of at least 0.6 (case ignored); failing that,
    a candidate containing the first four characters of ``name`` (``placeh`` finds
    ``placeholder``). Ties go to the first candidate in sorted order.
    """
    import difflib

    known = sorted(set(candidates))
    if not name or not known:
        return None
    folded = {candidate.casefold(): candidate for candidate in reversed(known)}
    matches = difflib.get_close_matches(name.casefold(), list(folded), n=1)
    if matches:
        return folded[matches[0]]
    stem = name.casefold()[:4]
    if len(stem) >= 3:
        for candidate in known:
            if stem in candidate.casefold():
                return candidate
    return None


def hint(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or ``""`` when there is none."""
    found = closest(name, candidates)
    return f" (did you mean {found!r}?)" if found is not None else ""
