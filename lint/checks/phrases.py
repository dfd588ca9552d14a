"""Check kind ``phrases``: paragraphs that are, or contain, listed phrases.

``whole`` patterns must match a paragraph's entire text (so "Coming soon..." is a
placeholder, while "sites ... to follow by March 2014" is prose); ``anywhere``
patterns match inside any paragraph ("[Insert date]"). ``extend-whole`` and
``extend-anywhere`` add patterns to the rule's lists without replacing them, so a
user's config can extend the built-in list. With ``empty-phase``, a phase with no
text at all is reported on its heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from lint.checks.api import CheckKind, Context, Finding
from lint.config import ConfigError
from lint.model import Document, Paragraph, Span
from lint.options import Option

OPTIONS = (
    Option("whole", "list[str]", [], "regexes that a whole paragraph must match (case-insensitive)"),
    Option("anywhere", "list[str]", [], "regexes that may match anywhere in a paragraph (case-insensitive)"),
    Option("extend-whole", "list[str]", [], "more `whole` regexes, added to the rule's list"),
    Option("extend-anywhere", "list[str]", [], "more `anywhere` regexes, added to the rule's list"),
    Option("empty-phase", "bool", False, "report a phase that has no text at all"),
    Option("empty-message", "str", "{phase} has no text", "message for an empty phase ({phase}, {entry})"),
    Option("ignore-case", "bool", True, "match without regard to case"),
    Option("preamble", "bool", True, "also check the text before the first entry"),
)

# what may surround a whole-paragraph phrase: quotes, dots, dashes, brackets
_TRIM = " \t\"'“”‘’.!;:,-–—…()[]*_"


@lru_cache(maxsize=64)
def _compile(rule: str, key: str, patterns: tuple[str, ...], whole: bool, ignore_case: bool) -> re.Pattern[str] | None:
    if not patterns:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    body = "|".join(f"(?:{p})" for p in patterns)
    try:
        return re.compile(rf"^(?:{body})$" if whole else body, flags)
    except re.error:
        pass  # find the pattern at fault, to name it (compiling each costs time, so only now)
    for pattern in patterns:
        try:
            re.compile(pattern, flags)
        except re.error as exc:
            raise ConfigError(f"rule {rule!r} option {key!r}: invalid regex {pattern!r}: {exc}") from None
    raise ConfigError(f"rule {rule!r} option {key!r}: the patterns do not combine into one regex")


def _patterns(context: Context, key: str, whole: bool) -> re.Pattern[str] | None:
    patterns = (*context[key], *context[f"extend-{key}"])
    return _compile(context.rule, key, patterns, whole, context["ignore-case"])


def _scan(
    paragraphs: Iterable[Paragraph], whole: re.Pattern[str] | None, anywhere: re.Pattern[str] | None
) -> Iterator[Finding]:
    for paragraph in paragraphs:
        text = paragraph.text
        core = text.strip(_TRIM)
        if whole is not None and core and whole.match(core):
            stripped = text.strip()
            start = text.index(stripped[0])
            yield Finding(span=paragraph.to_span(start, start + len(stripped)), args={"text": stripped})
            continue
        if anywhere is not None:
            for m in anywhere.finditer(text):
                if m.end() > m.start():
                    yield Finding(span=paragraph.to_span(m.start(), m.end()), args={"text": m.group(0)})


def _fill(template: str, **values: str) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return template


def check(document: Document, context: Context) -> Iterator[Finding]:
    whole = _patterns(context, "whole", True)
    anywhere = _patterns(context, "anywhere", False)
    if context["preamble"]:
        yield from _scan(document.preamble, whole, anywhere)
    for entry in document.entries:
        for phase in entry.phases:
            if context["empty-phase"] and not any(p.text.strip() for p in phase.paragraphs):
                span = phase.heading_span or phase.span
                if not phase.heading_span:
                    span = Span(phase.span.start, phase.span.start + min(phase.span.length, 200))
                label = phase.heading or phase.key
                yield Finding(
                    span=span,
                    message=_fill(context["empty-message"], phase=label, entry=entry.name),
                    entry=entry.name,
                    phase=phase.key,
                )
                continue
            yield from _scan(phase.paragraphs, whole, anywhere)


KIND = CheckKind(
    name="phrases",
    summary="paragraphs that *are* a phrase (`whole`) or contain one (`anywhere`); empty phases",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"text"}),
    summary_role="placeholder",
)
