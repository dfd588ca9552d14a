"""Shared text the copy checks accept: the not-applicable statements, and the options that exempt text.

year-copy, entry-copy and action-echo each take ``exempt`` (regexes for legitimate shared
text, each matching a whole line) and a per-kind severity; this module holds the one default
list and the helpers that read those options. :mod:`lint.checks.copies` re-exports them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from lint import regexcache
from lint.model import Severity

SEVERITY_CHOICES = ("error", "warning", "info", "off")


def severity_option(rule: str, key: str, value: str) -> Severity | None:
    """A per-kind severity option (type ``severity``, checked at load): a :class:`Severity`, or None for "off"."""
    cleaned = value.strip().lower()
    return None if cleaned == "off" else Severity.parse(cleaned)


@lru_cache(maxsize=64)
def _exemption(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return regexcache.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Statements that the action does not apply, that there is nothing to report, or that only
# say how to get in touch (a sign-off repeated on every update by design): the one list of
# them (each a regex matching a whole line), the default ``exempt`` of every check that
# compares text (year-copy, entry-copy, action-echo). Users replace it per rule.
# where a sign-off says to get in touch: " at x@y.nz", " on 020 7946 0000"
_REACH = r"\s+(?:at|on|by|via)\s+(?:\+?\d[\d ()-]{4,}\d|\S+)"
_NO_CONTRAST = r"(?!.*\b(?:but|however|although|though|whereas|except)\b)"
NOT_APPLICABLE = (
    r"(?:this|the)\s+(?:action|commitment|activity|section|recommendation)\s+(?:is|was|remains)\s+not\s+(?:applicable|relevant)\b.*",
    r"(?:this\s+is\s+|it\s+is\s+)?not\s+(?:applicable|relevant)\b.*",
    r".*\b(?:this\s+)?(?:action|commitment|recommendation)\s+(?:does|did)\s+not\s+apply\b.*",
    r"n/?a",
    r"(?:there\s+is\s+|we\s+have\s+)?nothing\s+(?:further\s+|new\s+|more\s+)?to\s+report\b.*",
    r"no\s+(?:further|new|additional)\s+(?:progress|updates?|activit(?:y|ies)|changes?|action)\b.*",
    # "X does not have any services handling ...", "X has no transactional services": the action's subject is absent
    r".*\b(?:do|does|did)\s+not\s+(?:have|hold|run|own|operate|provide|offer|deliver|manage|handle)\s+any\b.*",
    r".*\b(?:has|have|had)\s+no\s+(?:[\w-]+\s+){0,3}?(?:services?|transactions?|responsibilit(?:y|ies)|remit|role)\b.*",
    # the same with any verb, an adverb or a particle ("does not directly deliver any", "do not work on any"),
    # and "has not <done> any" (nothing done in the period); not when a contrast adds a claim
    # ("..., but continue to support assisted digital", "Although X does not ..., it looks forward to ...")
    _NO_CONTRAST
    + r".*\b(?:do|does|did)\s+not\s+(?:\w+ly\s+)?[a-z-]+(?:\s+(?:on|in|with|for|to|into|at|up))?\s+any\b.*",
    _NO_CONTRAST + r".*\b(?:has|have|had)\s+not\s+(?:yet\s+)?(?:\w+ly\s+)?[a-z-]+(?:ed|en|un|wn|t)\s+any(?:thing)?\b.*",
    # a sign-off and nothing else: "If you have any questions please feel free to contact us at x@y.nz"
    r"(?:if\s+you\s+have\s+any\s+(?:questions|queries|comments|feedback)\s*,?\s+)?(?:please\s+)?"
    r"(?:(?:do\s+not|don't)\s+hesitate\s+to\s+|feel\s+free\s+to\s+)?"
    r"(?:contact|e-?mail|call|phone|write\s+to|get\s+in\s+touch\s+with)\s+us"
    rf"(?:{_REACH}(?:\s+or{_REACH})?)?",
)


def exemption(rule: str, patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for a list of exemption patterns (each must match a whole line of text; checked at load)."""
    return _exemption(tuple(patterns))


_TRIM = " \t\r\n\"'“”‘’.!;:,-–—…"


_ANSWERS: dict[tuple[re.Pattern[str], str], bool] = {}  # (pattern, text) -> is_exempt's answer
_ANSWERS_MAX = 1 << 12  # emptied past this: a document's phases and paragraphs fit


def is_exempt(pattern: re.Pattern[str] | None, text: str) -> bool:
    """Does the whole of ``text`` (each of its lines) match an exemption pattern?

    Remembered for the run (bounded): the patterns are whole-line regexes, several starting
    with ``.*``, that cost tens of microseconds a line, and the same phase text is asked about
    by several checks (year-copy, entry-copy) and again when a document is checked again.
    """
    if pattern is None:
        return False
    key = (pattern, text)
    known = _ANSWERS.get(key)
    if known is not None:
        return known
    lines = [line.strip(_TRIM) for line in text.splitlines() if line.strip(_TRIM)]
    answer = bool(lines) and all(pattern.fullmatch(" ".join(line.split())) for line in lines)
    if len(_ANSWERS) >= _ANSWERS_MAX:
        _ANSWERS.clear()
    _ANSWERS[key] = answer
    return answer
