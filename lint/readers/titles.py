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


# a line that starts an action-like section of a document: "Action 2: …", "Commitment 3: …",
# "Recommendation 4.1 - …", or a tracker's record keyed by a code of capitals and digits
# ("C01.7.1 - …", "US0113.2: …": dotted, or three digits or more, so that "G7 - …" or
# "Q3: …" is not one)
SECTION = re.compile(
    r"^\s*#*\s*(?:(?:action|commitment|recommendation|milestone|objective|goal)\s+(\d+[a-z]?(?:\.\d+)*)"
    r"|((?-i:[A-Z]{1,4})\d{1,4}(?:\.\d+)+|(?-i:[A-Z]{1,4})\d{3,}))\s*[:.\-–—]\s*\S",
    re.IGNORECASE,
)


def section_of(line: str | None) -> str | None:
    """The number of the action (commitment, recommendation …) ``line`` starts, or None."""
    if not line:
        return None
    m = SECTION.match(line)
    return (m.group(1) or m.group(2)) if m else None
