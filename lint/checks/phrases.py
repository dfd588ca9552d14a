"""Check kind ``phrases``: paragraphs that are, or contain, listed phrases or shapes.

``whole`` patterns must match a paragraph's entire text (so "Coming soon..." is a
placeholder, while "sites ... to follow by March 2014" is prose); ``short``
patterns must match the start of a short paragraph (at most ``short-words`` words:
"Please add the 2014 figures here", "Progress update to be provided by DfE");
``anywhere`` patterns match inside any paragraph ("[Insert date]", "{{date}}").
``shouting`` reports a paragraph written in capitals (an editor's note such as
"DEPT TO SEND TEXT"). ``extend-*`` options add patterns to the rule's lists
without replacing them, so a user's config can extend the built-in list; ``${name}``
in a pattern stands for ``terms[name]``, so shared vocabulary is written once.
With ``empty-phase``, a phase with no text at all is reported on its heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from lint.checks.api import CheckKind, Context, Finding
from lint.config import ConfigError
from lint.model import Document, Paragraph, Span
from lint.options import Option

OPTIONS = (
    Option("whole", "list[str]", [], "regexes that a whole paragraph must match (case-insensitive)"),
    Option("anywhere", "list[str]", [], "regexes that may match anywhere in a paragraph (case-insensitive)"),
    Option("extend-whole", "list[str]", [], "more `whole` regexes, added to the rule's list"),
    Option("extend-anywhere", "list[str]", [], "more `anywhere` regexes, added to the rule's list"),
    Option("short", "list[str]", [], "regexes that must match the start of a short paragraph (case-insensitive)"),
    Option("extend-short", "list[str]", [], "more `short` regexes, added to the rule's list"),
    Option("short-words", "int", 20, "longest paragraph, in words, that `short` patterns apply to"),
    Option("terms", "dict[str,str]", {}, "named regex parts: ${name} in a pattern is replaced by terms[name]"),
    Option("shouting", "int", 0, "report a paragraph of at least this many letters written in capitals (0: off)"),
    Option("empty-phase", "bool", False, "report a phase that has no text at all"),
    Option("empty-message", "str", "{phase} has no text", "message for an empty phase ({phase}, {entry})"),
    Option("ignore-case", "bool", True, "match without regard to case"),
    Option("preamble", "bool", True, "also check the text before the first entry"),
)

# what may surround a whole-paragraph phrase: quotes, dots, dashes, brackets
_TRIM = " \t\"'“”‘’.!;:,-–—…()[]*_"


_TERM = re.compile(r"\$\{([\w-]+)\}")


def _expand(rule: str, key: str, pattern: str, terms: dict[str, str]) -> str:
    def term(m: re.Match[str]) -> str:
        try:
            return f"(?:{terms[m.group(1)]})"
        except KeyError:
            raise ConfigError(
                f"rule {rule!r} option {key!r}: pattern {pattern!r} uses ${{{m.group(1)}}}, "
                "which `terms` does not define"
            ) from None

    return _TERM.sub(term, pattern) if "${" in pattern else pattern


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
    terms = dict(context["terms"])
    patterns = tuple(_expand(context.rule, key, p, terms) for p in (*context[key], *context[f"extend-{key}"]))
    if key == "short":
        patterns = tuple(p + r"(?![\w-])" if p else p for p in patterns)
    return _compile(context.rule, key, patterns, whole, context["ignore-case"])


class _Shapes(NamedTuple):
    whole: re.Pattern[str] | None
    anywhere: re.Pattern[str] | None
    short: re.Pattern[str] | None
    short_words: int
    shouting: int


def _shouting(core: str, least: int) -> bool:
    """Whether ``core`` is written in capitals: an editor's note ("DEPT TO SEND TEXT BY FRIDAY")."""
    letters = [c for c in core if c.isalpha()]
    if least <= 0 or len(letters) < least or len(core.split()) < 2:
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _scan(paragraphs: Iterable[Paragraph], shapes: _Shapes) -> Iterator[Finding]:
    whole, anywhere, short = shapes.whole, shapes.anywhere, shapes.short
    for paragraph in paragraphs:
        text = paragraph.text
        core = text.strip(_TRIM)
        if core and (
            (whole is not None and whole.match(core))
            or (short is not None and len(core.split()) <= shapes.short_words and short.match(core))
            or _shouting(core, shapes.shouting)
        ):
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
    shapes = _Shapes(
        _patterns(context, "whole", True),
        _patterns(context, "anywhere", False),
        _patterns(context, "short", False),
        context["short-words"],
        context["shouting"],
    )
    if context["preamble"]:
        yield from _scan(document.preamble, shapes)
    for entry in document.entries:
        yield from _scan(entry.intro, shapes)  # text before the entry's first phase heading
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
            yield from _scan(phase.paragraphs, shapes)


KIND = CheckKind(
    name="phrases",
    summary="paragraphs that *are* (`whole`), start like (`short`) or contain (`anywhere`) a phrase; empty phases",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"text"}),
    summary_role="placeholder",
)
