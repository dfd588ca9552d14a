"""Check kind ``phrases``: paragraphs that are, or contain, listed phrases.

``whole`` patterns must match a paragraph's entire text (so "Coming soon..." is a
placeholder, while "sites ... to follow by March 2014" is prose); ``anywhere``
patterns match inside any paragraph ("[Insert date]"). With ``empty-phase``, a
phase with no text at all is reported on its heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lint.checks.api import Context, Finding
from lint.model import Document, Span
from lint.options import Option

OPTIONS = (
    Option("whole", "list[str]", [], "regexes that a whole paragraph must match (case-insensitive)"),
    Option("anywhere", "list[str]", [], "regexes that may match anywhere in a paragraph (case-insensitive)"),
    Option("empty-phase", "bool", False, "report a phase that has no text at all"),
    Option("empty-message", "str", "{phase} has no text", "message for an empty phase ({phase}, {entry})"),
    Option("ignore-case", "bool", True, "match without regard to case"),
)

_TRIM = " \t\"'“”‘’.!;:,-–—…"


@lru_cache(maxsize=64)
def _compile(patterns: tuple[str, ...], whole: bool, ignore_case: bool) -> re.Pattern[str] | None:
    if not patterns:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"^(?:{body})$" if whole else body, flags)


def check(document: Document, context: Context) -> Iterator[Finding]:
    ignore_case = context["ignore-case"]
    whole = _compile(tuple(context["whole"]), True, ignore_case)
    anywhere = _compile(tuple(context["anywhere"]), False, ignore_case)
    for entry in document.entries:
        for phase in entry.phases:
            if context["empty-phase"] and not any(p.text.strip() for p in phase.paragraphs):
                span = phase.heading_span or phase.span
                if not phase.heading_span:
                    span = Span(phase.span.start, phase.span.start + min(len(phase.span), 200))
                label = phase.heading or phase.key
                yield Finding(span=span, message=context["empty-message"].format(phase=label, entry=entry.name),
                              entry=entry.name, phase=phase.key)
                continue
            for paragraph in phase.paragraphs:
                text = paragraph.text
                core = text.strip(_TRIM)
                if whole is not None and core and whole.match(core):
                    start = text.index(core[0])
                    yield Finding(span=paragraph.to_span(start, start + len(text.strip())),
                                  args={"text": text.strip()})
                    continue
                if anywhere is not None:
                    for m in anywhere.finditer(text):
                        if m.end() > m.start():
                            yield Finding(span=paragraph.to_span(m.start(), m.end()), args={"text": m.group(0)})
