"""The action a document's title names: "Action 11: Cabinet Office will …" is action "11"."""

from __future__ import annotations

import re

ACTION = re.compile(r"^\s*#*\s*Action\s+(\d+[a-z]?)\s*[:.\-–]", re.IGNORECASE)


def action_of(title: str | None) -> str | None:
    """The action number in ``title``, or None."""
    if not title:
        return None
    m = ACTION.match(title)
    return m.group(1) if m else None
