"""The one message-template filler: ``{field}`` templates of rules and options.

A rule's ``message`` (and options such as ``empty-message``) are ``str.format``
templates filled from a finding's fields. :func:`problem` checks a template at load
against the fields its check kind fills, so that ``{txt}`` is a rule-pack error, not
a message printed with braces; :func:`fill` fills it, leaving a field it has no value
for as written. This module imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

_MAX_WIDTH = 1000  # a format spec wider than this is refused: '{text:>2000000000}' would take gigabytes


class _Args(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fields(template: str) -> list[str]:
    """The field names ``template`` uses (``{text!r}`` → ``text``, ``{a.b}`` → ``a``); ValueError if malformed."""
    import string  # (only to check a template: a run that reads its rules from the cache fills them only)

    parse = string.Formatter().parse
    names: list[str] = []
    for _, name, spec, _ in parse(template):
        if name is None:
            continue
        base = name.split(".", 1)[0].split("[", 1)[0]
        if not base or base.isdigit():
            raise ValueError(f"field {{{name}}} has no name: write {{text}}, not {{}} or {{0}}")
        names.append(base)
        for _, inner, _, _ in parse(spec or ""):
            if inner is not None:
                raise ValueError(f"field {{{name}}} has a nested field in its format")
        digits = "".join(c if c.isdigit() else " " for c in spec or "").split()
        if any(int(d) > _MAX_WIDTH for d in digits):
            raise ValueError(f"field {{{name}}} has a width over {_MAX_WIDTH}")
    return names


def problem(template: str, allowed: Collection[str]) -> str | None:
    """Why ``template`` cannot be filled from the ``allowed`` fields, or None."""
    try:
        used = fields(template)
    except ValueError as exc:
        return f"not a valid template: {exc}"
    unknown = [name for name in used if name not in allowed]
    if unknown:
        from lint.suggest import hint

        known = ", ".join("{" + f + "}" for f in sorted(allowed)) or "none"
        return f"unknown field {{{unknown[0]}}}{hint(unknown[0], allowed)}; the fields are: {known}"
    return None


def fill(template: str, args: Mapping[str, Any]) -> str:
    """``template`` filled from ``args``; a field with no value stays as written, a bad template is returned as is."""
    try:  # str.format_map is string.Formatter().vformat's work at C speed
        return template.format_map(_Args(args))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        return template


def validator(allowed: Collection[str]) -> Callable[[Any], str | None]:
    """A ``validate`` hook for an option holding a template that may use ``allowed`` fields."""
    frozen = frozenset(allowed)

    def check(template: Any) -> str | None:
        return problem(template, frozen) if isinstance(template, str) else None

    return check
