"""Typed options, and their validation: one system for rule options, the config and link settings.

An :class:`Option` declares a name, a type, a default and help, and optionally the
allowed ``choices``, a ``min``/``max`` range (of each item, for a list), that it is ``extendable`` (a generated
``extend-NAME`` option adds to the value instead of replacing it) and a ``validate``
hook for what a type cannot say (patterns that must combine into one regex). Regexes
(types ``regex`` and ``list[regex]``) are compiled when the value is given, so a bad
pattern stops the run at load, before any file is read. Every problem names the
source (rule file or config file), the rule, the key and what was expected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from lint.errors import OptionError
from lint.record import Frozen, fill

_TYPES: dict[str, str] = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "regex": "a regular expression",
    "severity": "one of error, warning, info or off",
    "list[str]": "a list of strings",
    "list[regex]": "a list of regular expressions",
    "list[int]": "a list of whole numbers",
    "list[int|str]": "a list of numbers or strings",
    "list[table]": "a list of tables",
    "str|list[str]": "a string or a list of strings",
    "dict[str,str]": "a table of strings",
    "dict[str,list[str]]": "a table of string lists",
    "dict[str,table]": "a table of tables",
    "table": "a table",
    "duration": "a number of seconds or a duration such as '30m', '12h' or '1d'",
    "list[status]": "a list of HTTP status codes (100-999) or ranges such as [403, '200-299']",
    "list[host]": "a list of host names, addresses or networks such as ['intranet.example', '10.1.0.0/16']",
    "line": "one line of text",
    "path": "a file path",
    "str?": "a string or nothing",
    "int?": "an integer or nothing",
}
SEVERITIES = ("error", "warning", "info", "off")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    """A number that is finite: NaN compares false with every bound, and infinity is no setting."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# compiled on first use (re's cache), not at import: most runs never parse a link setting
_DURATION = r"(?i)\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*"
_STATUS_RANGE = r"\s*(\d{3})\s*(?:(?:-|\.\.=?)\s*(\d{3}))?\s*"
_HOST_NAME = r"[A-Za-z0-9._-]+"


def _duration(value: Any) -> float:
    """Seconds from a number or text such as ``"90"``, ``"30m"``, ``"12h"``, ``"1d"``, ``"2w"``; else ValueError."""
    if _is_number(value) and value >= 0:
        return float(value)
    m = re.fullmatch(_DURATION, value) if isinstance(value, str) else None
    if m is None:
        raise ValueError(value)
    return float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]


def _statuses(values: Any) -> frozenset[int]:
    """Status codes from a list of codes and ranges: ``[403, "200-299", "999"]``; else ValueError."""
    if not isinstance(values, list):
        raise ValueError(values)
    codes: set[int] = set()
    for value in values:
        if _is_int(value) and 100 <= value <= 999:
            codes.add(value)
            continue
        m = re.fullmatch(_STATUS_RANGE, value) if isinstance(value, str) else None
        if m is None or not 100 <= int(m.group(1)) <= int(m.group(2) or m.group(1)) <= 999:
            raise ValueError(value)
        codes.update(range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1))
    return frozenset(codes)


def _hosts(values: Any) -> tuple[frozenset[str], tuple[Any, ...]]:
    """A ``list[host]`` value: host names (lowercase, no final dot) and networks (``ipaddress``
    objects) from ``"intranet.example"``, ``"10.1.0.0/16"``; else ValueError."""
    import ipaddress

    if not _strings(values):
        raise ValueError(values)
    names: set[str] = set()
    networks: list[Any] = []
    for value in values:
        text = value.strip().strip("[]")
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
            continue
        except ValueError:
            pass
        if not re.fullmatch(_HOST_NAME, text):
            raise ValueError(value)
        names.add(text.lower().rstrip("."))
    return frozenset(names), tuple(networks)


def _parses(parse: Callable[[Any], Any]) -> Callable[[Any], bool]:
    def accepts(value: Any) -> bool:
        try:
            parse(value)
        except ValueError:
            return False
        return True

    return accepts


def _line(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and "\r" not in value and "\n" not in value


# types whose value is not the raw value: what a valid raw value stands for
_VALUES: dict[str, Callable[[Any], Any]] = {
    "float": float,
    "duration": _duration,
    "list[status]": _statuses,
    "list[host]": _hosts,
    "line": str.strip,
}

_ACCEPTS: dict[str, Callable[[Any], bool]] = {
    "str": lambda v: isinstance(v, str),
    "regex": lambda v: isinstance(v, str),
    "severity": lambda v: isinstance(v, str) and v.strip().lower() in SEVERITIES,
    "int": _is_int,
    "float": lambda v: _is_number(v) and math.isfinite(v),
    "bool": lambda v: isinstance(v, bool),
    "list[str]": _strings,
    "list[regex]": _strings,
    "list[int]": lambda v: isinstance(v, list) and all(_is_int(x) for x in v),
    "list[int|str]": lambda v: isinstance(v, list) and all(isinstance(x, str) or _is_int(x) for x in v),
    "list[table]": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
    "str|list[str]": lambda v: isinstance(v, str) or _strings(v),
    "dict[str,str]": lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
    "dict[str,list[str]]": lambda v: isinstance(v, dict) and all(_strings(x) for x in v.values()),
    "dict[str,table]": lambda v: isinstance(v, dict) and all(isinstance(x, dict) for x in v.values()),
    "table": lambda v: isinstance(v, dict),
    "duration": _parses(_duration),
    "list[status]": _parses(_statuses),
    "list[host]": _parses(_hosts),
    "line": _line,
    "path": lambda v: isinstance(v, str) and bool(v.strip()),
}


def regex_problem(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` is not a regular expression, or None."""
    try:
        re.compile(pattern, flags)
    except re.error as exc:
        return f"invalid regex {pattern!r}: {exc}"
    return None


class Option(Frozen):
    """One typed option (see the module docs); immutable, equal by its fields."""

    __slots__ = (
        "above",
        "choices",
        "default",
        "environment",
        "extendable",
        "extends",
        "help",
        "max",
        "min",
        "name",
        "says",
        "type",
        "validate",
    )
    name: str
    type: str
    default: Any
    help: str
    choices: tuple[Any, ...]
    min: float | None
    max: float | None
    above: float | None  # an exclusive lower bound: "more than"
    extendable: bool
    validate: Callable[[Any], str | None] | None
    extends: str  # for a generated ``extend-NAME`` option: NAME
    says: str  # what is expected, in words, when the type, range and choices do not say it well
    # the validate hook also looks at this machine (installed packages, data files): it runs on every
    # load, also for a rule file that passed before (lint.rulecache), since the machine may have changed
    environment: bool

    def __init__(
        self,
        name: str,
        type: str,
        default: Any,
        help: str,
        choices: tuple[Any, ...] = (),
        min: float | None = None,
        max: float | None = None,
        above: float | None = None,
        extendable: bool = False,
        validate: Callable[[Any], str | None] | None = None,
        extends: str = "",
        says: str = "",
        environment: bool = False,
    ) -> None:
        if type.rstrip("?") not in _TYPES and type not in _TYPES:
            raise TypeError(f"option {name}: unknown type {type!r}")
        if extendable and not (type.startswith("list[") or type.startswith("dict[")):
            raise TypeError(f"option {name}: only lists and tables can be extendable")
        fill(self, locals())

    @property
    def expected(self) -> str:
        if self.says:
            return self.says
        if self.choices:
            shown = ", ".join(repr(c) for c in self.choices)
            return f"{'a list of ' if self.type.startswith('list[') else ''}one of {shown}"
        text = _TYPES[self.type]
        if self.above is not None:
            return f"{text}, more than {self.above:g}"
        if self.min is not None and self.max is not None:
            return f"{text} from {self.min:g} to {self.max:g}"
        if self.min is not None:
            return f"{text}, at least {self.min:g}"
        if self.max is not None:
            return f"{text}, at most {self.max:g}"
        return text

    def accepts(self, value: Any) -> bool:
        """True when ``value`` has the option's type (ranges and choices aside)."""
        t = self.type
        if t.endswith("?"):
            if value is None:
                return True
            t = t[:-1]
        return _ACCEPTS[t](value)

    def problem(self, value: Any) -> str | None:
        """What is wrong with ``value`` (as the end of a sentence "option X ..."), or None."""
        if not self.accepts(value):
            return f"must be {self.expected}, got {value!r}"
        if value is None:
            return None
        if self.choices:
            items = value if isinstance(value, list) else [value]
            for item in items:
                if item not in self.choices:
                    return f"must be {self.expected}, got {item!r}"
        for item in value if isinstance(value, list) else [value]:  # a list's range is its items'
            if _is_number(item) and (
                (self.min is not None and item < self.min)
                or (self.max is not None and item > self.max)
                or (self.above is not None and item <= self.above)
            ):
                return f"must be {self.expected}, got {value!r}"
        if self.type in ("regex", "list[regex]"):
            for pattern in [value] if isinstance(value, str) else value:
                problem = regex_problem(pattern)
                if problem is not None:
                    return f": {problem}"
        return None

    def value(self, raw: Any) -> Any:
        """What a valid ``raw`` value stands for: a float for a number, the seconds of a
        ``duration``, the codes of a ``list[status]``, the names and networks of a ``list[host]``,
        a ``line`` without its surrounding blanks; else ``raw`` itself."""
        parse = _VALUES.get(self.type.rstrip("?"))
        return raw if raw is None or parse is None else parse(raw)

    def extension(self) -> Option:
        """The generated ``extend-NAME`` option of an extendable one."""
        empty: Any = [] if self.type.startswith("list[") else {}
        return self._replace(
            name=f"extend-{self.name}",
            default=empty,
            help=f"more `{self.name}` values, added to the rule's instead of replacing them",
            extendable=False,
            validate=None,
            extends=self.name,
        )


def expand(specs: Iterable[Option]) -> tuple[Option, ...]:
    """``specs`` with the generated ``extend-NAME`` option after each extendable one."""
    out: list[Option] = []
    for spec in specs:
        if spec.extends:
            continue  # already expanded: generated again below
        out.append(spec)
        if spec.extendable:
            out.append(spec.extension())
    return tuple(out)


def _sentence(source: str, rule: str, key: str, problem: str) -> str:
    joiner = "" if problem.startswith(":") else " "
    return f"{source}: rule {rule!r} option {key!r}{joiner}{problem}"


def resolve(
    rule: str, specs: tuple[Option, ...], *layers: tuple[str, Mapping[str, Any]], check: bool = True
) -> dict[str, Any]:
    """Defaults overlaid by each ``(source, values)`` layer in turn, every value checked.

    ``extend-NAME`` values are added to NAME's value as it stands after the layer's own
    NAME (the result has no ``extend-`` keys). A ``validate`` hook sees the final value.
    ``check=False`` is for values known to have passed (a rule file unchanged since it was
    validated, :mod:`lint.rulecache`): they are put together, not checked again (no regex
    is compiled), except by the ``validate`` hooks that look at the machine (``environment``).
    """
    by_name = {spec.name: spec for spec in expand(specs)}
    specs = tuple(spec for spec in specs if not spec.extends)
    result: dict[str, Any] = {spec.name: spec.default for spec in specs}
    touched: dict[str, str] = {}
    for source, values in layers:
        for key, value in sorted(values.items(), key=lambda kv: kv[0] in by_name and bool(by_name[kv[0]].extends)):
            spec = by_name.get(key)
            if spec is None:
                from lint.suggest import hint

                known = ", ".join(sorted(by_name)) or "none"
                raise OptionError(
                    f"{source}: rule {rule!r} has no option {key!r}{hint(key, by_name)} (its options: {known})"
                )
            problem = spec.problem(value) if check else None
            if problem is not None:
                raise OptionError(_sentence(source, rule, key, problem))
            value = spec.value(value)
            if spec.extends:
                key = spec.extends
                current = result[key]
                value = [*current, *value] if isinstance(current, list) else {**current, **value}
            result[key] = value
            touched[key] = source
    for spec in specs:
        if spec.validate is not None and spec.name in touched and (check or spec.environment):
            problem = spec.validate(result[spec.name])
            if problem is not None:
                raise OptionError(_sentence(touched[spec.name], rule, spec.name, f": {problem}"))
    return result


def combinable(patterns: Any) -> str | None:
    """A ``validate`` hook: the regexes must also combine into one (``(?:a)|(?:b)``)."""
    if not patterns:
        return None
    try:
        re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error as exc:
        return f"the patterns cannot be combined into one regex: {exc}"
    return None
