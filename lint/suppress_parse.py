"""The ``response-lint:`` comments of a document read as directives (:func:`parse`), for :mod:`lint.suppress`."""

from __future__ import annotations

import re

from lint import regexcache
from lint.model import Comment
from lint.suggest import hint

ACTIONS = ("disable", "enable", "disable-next-line")
_NOTHING: frozenset[str] = frozenset()  # one empty set for every directive: each frozenset() is a new one
_ACTIONS = {action: action for action in ACTIONS}  # one copy of each action word, however it was written

_HEAD = regexcache.compile(r"^<!--\s*response-lint\b(?P<colon>\s*:)?\s*(?P<body>.*?)\s*-->$", re.DOTALL | re.IGNORECASE)
_ACTION = regexcache.compile(r"^(?P<action>[A-Za-z][\w-]*)(?P<rest>.*)$", re.DOTALL)
_NAME = regexcache.compile(r"^[\w*?\[\]!.-]+$")


class Directive:
    """One ``response-lint:`` comment. ``rules`` is None for "every rule".

    One per comment, and a file may hold tens of thousands: slots, and the action and rule
    lists shared between directives that spell them alike.
    """

    __slots__ = ("action", "closes", "comment", "reason", "rules", "used", "used_any")

    def __init__(self, action: str, rules: tuple[str, ...] | None, comment: Comment, reason: str = "") -> None:
        self.action = action
        self.rules = rules
        self.comment = comment
        self.reason = reason
        self.used = _NOTHING  # the rule patterns that suppressed something
        self.used_any = False
        self.closes = False  # for enable: whether it ends a region


def parse(
    comment: Comment, shared: dict[tuple[str, ...], tuple[str, ...]] | None = None
) -> tuple[Directive | None, str | None]:
    """``(directive, None)``, ``(None, problem)`` for a malformed one, or ``(None, None)``.

    ``shared``: one copy of each rule list, kept across the comments of a run's pass.
    """
    head = _HEAD.match(comment.text)
    if head is None:
        return None, None
    body = " ".join(head.group("body").split())
    reason = ""
    if " -- " in f" {body} ":
        body, _, reason = f" {body} ".partition(" -- ")
        body, reason = body.strip(), reason.strip()
    m = _ACTION.match(body)
    action = m.group("action").lower() if m else ""
    action = _ACTIONS.get(action, action)
    if action not in ACTIONS:
        if head.group("colon") is None:
            return None, None  # "<!-- response-lint found ... -->": prose, not a directive
        if not body:
            return None, f"empty suppression: write one of {', '.join(ACTIONS)}"
        shown = action or body
        suggestion = hint(shown, ACTIONS) or f" (expected {', '.join(ACTIONS)})"
        return None, f"unknown suppression directive {shown!r}{suggestion}"
    rest = m.group("rest").strip() if m else ""
    if not rest:
        return Directive(action, None, comment, reason), None
    if not rest.startswith("="):
        return None, (
            f"cannot read {body!r}: write '{action}=RULE[,RULE]' (no '=' means every rule; put a reason after ' -- ')"
        )
    names = [part.strip() for part in rest[1:].split(",")]
    if not any(names):
        return None, f"'{action}=' names no rule: give rule names, or drop '=' to mean every rule"
    bad = [n for n in names if not n or not _NAME.match(n)]
    if bad:
        return None, f"cannot read the rule list {rest[1:].strip()!r}: separate rule names with commas"
    rules = tuple(dict.fromkeys(names))
    if shared is not None:
        rules = shared.setdefault(rules, rules)
    return Directive(action, rules, comment, reason), None
