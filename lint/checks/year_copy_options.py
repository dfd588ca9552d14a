"""year-copy's options, read once per document (:class:`Settings`), and what both kinds of its
copies (whole phases, carried-over passages) decide from them: a copy's severity, exemption, and
whether a plan only continues an earlier commitment or progress."""

from __future__ import annotations

import re

from lint.checks import copies
from lint.checks.api import Context
from lint.model import Severity
from lint.options import Option, combinable

OPTIONS = (
    Option(
        "near-threshold",
        "float",
        85.0,
        "lowest similarity (0-100) of two phases, after levelling tense, names and numbers, for a near copy",
    ),
    Option("partial-words", "int", 12, "a carried-over sentence must have at least this many words"),
    Option("sentence-threshold", "float", 85.0, "lowest similarity (0-100) of two sentences for a partial copy"),
    Option("min-words", "int", 5, "phases with fewer words are not compared (placeholders are another rule's job)"),
    Option("verbatim-severity", "severity", "error", "severity of a verbatim copy (error, warning, info or off)"),
    Option("near-severity", "severity", "warning", "severity of a near copy (error, warning, info or off)"),
    Option("partial-severity", "severity", "warning", "severity of a partial copy (error, warning, info or off)"),
    Option(
        "continuation-severity",
        "severity",
        "off",
        "severity of a plan that restates an earlier commitment or progress but repeats no earlier plan "
        "(error, warning, info or off)",
    ),
    Option(
        "exempt-severity",
        "severity",
        "info",
        "severity of a copy that matches an exempt pattern (error, warning, info or off)",
    ),
    Option(
        "exempt",
        "list[regex]",
        list(copies.NOT_APPLICABLE),
        "regexes for repeated text that is legitimate (each must match a whole line)",
        validate=combinable,
    ),
)

PLAN = "plan"


PLAN = "plan"


def continues(later: copies.PhaseText, sources: list[copies.PhaseText]) -> bool:
    """Is ``later`` a plan whose copied text comes only from earlier commitments or progress?

    A plan saying it will go on doing what the commitment or the last progress
    said is a plan; a plan repeating an earlier plan says nothing new.
    """
    return later.phase.kind == PLAN and all(t.phase.kind != PLAN for t in sources)


class Settings:
    """The rule's options, read and checked once per document."""

    __slots__ = ("exempt", "exempt_severity", "min_words", "near", "partial_words", "sentence", "severity")

    def __init__(self, context: Context) -> None:
        self.near = float(context["near-threshold"])
        self.sentence = float(context["sentence-threshold"])
        self.partial_words = max(1, int(context["partial-words"]))
        self.min_words = max(1, int(context["min-words"]))
        self.severity = {
            kind: copies.severity_option(context.rule, f"{kind}-severity", context[f"{kind}-severity"])
            for kind in ("verbatim", "near", "partial", "continuation")
        }
        self.exempt_severity = copies.severity_option(context.rule, "exempt-severity", context["exempt-severity"])
        self.exempt: re.Pattern[str] | None = copies.exemption(context.rule, context["exempt"])


def severity_of(settings: Settings, kind: str, text: str) -> tuple[Severity | None, bool]:
    """The severity for a copy of ``kind`` of ``text``, and whether it is exempt."""
    exempt = copies.is_exempt(settings.exempt, text)
    return (settings.exempt_severity, True) if exempt else (settings.severity[kind], False)
