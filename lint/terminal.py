"""Whether to draw on a stream (a progress bar only on a terminal, outside CI, with a capable TERM),
and how wide text output should be.

One policy for every bar (the run's, :mod:`lint.progress`, and the link checker's,
:mod:`lint.links.progress`). Imports nothing of ours.
"""

from __future__ import annotations

import os
from typing import TextIO


def wanted(setting: bool | None, stream: TextIO) -> bool:
    """Show a bar? ``setting`` wins; by default only on a terminal, outside CI, with a capable TERM."""
    if setting is not None:
        return setting
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def width(out: TextIO) -> int | None:
    """The width text output should fit: ``COLUMNS``, else the terminal's; None when unknown."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        if out.isatty():
            return os.get_terminal_size(out.fileno()).columns
    except (OSError, ValueError, AttributeError):
        pass
    return None
