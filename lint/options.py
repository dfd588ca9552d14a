"""Typed option specs for check kinds, and their validation.

A check kind declares its options (name, type, default, help); a rule file and the
user's config give values. Errors name the rule, the key and what was expected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lint.errors import OptionError

_TYPES: dict[str, str] = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "list[str]": "a list of strings",
    "dict[str,str]": "a table of strings",
    "dict[str,list[str]]": "a table of string lists",
    "str?": "a string or nothing",
    "int?": "an integer or nothing",
}


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    type: str
    default: Any
    help: str

    def __post_init__(self) -> None:
        if self.type not in _TYPES:
            raise TypeError(f"option {self.name}: unknown type {self.type!r}")

    @property
    def expected(self) -> str:
        return _TYPES[self.type]

    def accepts(self, value: Any) -> bool:
        t = self.type
        if t.endswith("?"):
            if value is None:
                return True
            t = t[:-1]
        if t == "str":
            return isinstance(value, str)
        if t == "int":
            return isinstance(value, int) and not isinstance(value, bool)
        if t == "float":
            return isinstance(value, int | float) and not isinstance(value, bool)
        if t == "bool":
            return isinstance(value, bool)
        if t == "list[str]":
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        if t == "dict[str,str]":
            return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        if t == "dict[str,list[str]]":
            return isinstance(value, dict) and all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
            )
        return False


def resolve(rule: str, specs: tuple[Option, ...], *layers: tuple[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Defaults overlaid by each ``(source, values)`` layer in turn, every value checked."""
    by_name = {spec.name: spec for spec in specs}
    result: dict[str, Any] = {spec.name: spec.default for spec in specs}
    for source, values in layers:
        for key, value in values.items():
            spec = by_name.get(key)
            if spec is None:
                known = ", ".join(sorted(by_name)) or "none"
                raise OptionError(f"{source}: rule {rule!r} has no option {key!r} (its options: {known})")
            if not spec.accepts(value):
                raise OptionError(f"{source}: rule {rule!r} option {key!r} must be {spec.expected}, got {value!r}")
            result[key] = float(value) if spec.type == "float" else value
    return result
