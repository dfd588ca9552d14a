"""Rules are data: load rule files (TOML), validate them, and find the built-in pack.

A rule file names its check kind, severity, message template, summary, docs,
option values and pass/fail examples. See ``rules/README.md`` for the format.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from lint import checks, rulenames
from lint.errors import OptionError, RuleError
from lint.model import Severity
from lint.options import Option, expand, resolve
from lint.pack import builtin_rules_dir as builtin_rules_dir  # where it always was
from lint.record import Frozen, fill
from lint.rulecache import RuleCache, parse


class Example(Frozen):
    """One pass/fail example of a rule file (``[[examples]]``), run by ``rules --test``."""

    __slots__ = (
        "columns",
        "count",
        "files",
        "fixed",
        "format",
        "lines",
        "links",
        "messages",
        "note",
        "options",
        "text",
        "verdict",
    )
    verdict: str  # "pass" or "fail"
    text: str | None
    files: Mapping[str, str]
    format: str | None
    count: int | None
    options: Mapping[str, Any]
    lines: tuple[int, ...] | None
    note: str
    columns: tuple[int, ...] | None  # 1-based columns of the findings (code points)
    messages: tuple[str, ...] | None  # the findings' messages, in order of position
    fixed: str | None  # the text after every finding's fix is applied (sqlfluff's fix_str)
    # online rules: what each target's server answered (see lint.links.verdict.example_results)
    links: Mapping[str, Mapping[str, Any]] | None

    def __init__(
        self,
        verdict: str,
        text: str | None,
        files: Mapping[str, str],
        format: str | None,
        count: int | None,
        options: Mapping[str, Any],
        lines: tuple[int, ...] | None = None,
        note: str = "",
        columns: tuple[int, ...] | None = None,
        messages: tuple[str, ...] | None = None,
        fixed: str | None = None,
        links: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        fill(self, locals())


class Examples(Sequence[Example]):
    """A rule file's examples, each made when first read: a run reads none of them (``rules --test``
    and the docs do), and making every example of the pack took 4 M instructions of a one-file run.
    Only for tables that passed validation before (:class:`lint.rulecache.RuleCache`)."""

    __slots__ = ("_made", "_path", "_raw")

    def __init__(self, path: Path, raw: list[Any]) -> None:
        self._path = path
        self._raw = raw
        self._made: tuple[Example, ...] | None = None

    def _all(self) -> tuple[Example, ...]:
        if self._made is None:
            self._made = tuple(_example(self._path, i, raw, checked=True) for i, raw in enumerate(self._raw))
        return self._made

    def __len__(self) -> int:
        return len(self._raw)

    def __getitem__(self, index: int) -> Example:  # type: ignore[override]
        return self._all()[index]

    def __iter__(self) -> Iterator[Example]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Examples | tuple):
            return self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


class Rule(Frozen):
    """A loaded rule file: its check kind, severity, message, option values and examples."""

    __slots__ = (
        "check",
        "default",
        "docs",
        "examples",
        "files",
        "fixable",
        "message",
        "name",
        "option_specs",
        "options",
        "severity",
        "source",
        "summary",
        "tags",
    )
    name: str
    check: str
    severity: Severity
    message: str
    summary: str
    docs: str
    options: Mapping[str, Any]
    option_specs: tuple[Option, ...]
    examples: Sequence[Example]  # a tuple, or Examples
    source: Path
    fixable: bool
    default: bool
    tags: tuple[str, ...]
    # what the check kind's ``check_files`` read for these options (lint.engine.read_files); None: not read yet
    files: Mapping[str, Any] | None

    def __init__(
        self,
        name: str,
        check: str,
        severity: Severity,
        message: str,
        summary: str,
        docs: str,
        options: Mapping[str, Any],
        option_specs: tuple[Option, ...],
        examples: Sequence[Example],
        source: Path,
        fixable: bool = False,
        default: bool = True,
        tags: tuple[str, ...] = (),
        files: Mapping[str, Any] | None = None,
    ) -> None:
        fill(self, locals())

    def with_config(self, severity: Severity | None, values: Mapping[str, Any], source: str) -> Rule:
        """This rule with a user's severity and option values applied (validated; files not read yet)."""
        options = _options(self.name, self.check, ("", self.options), (source, values)) if values else self.options
        return Rule(
            self.name,
            self.check,
            severity or self.severity,
            self.message,
            self.summary,
            self.docs,
            options,
            self.option_specs,
            self.examples,
            self.source,
            self.fixable,
            self.default,
            self.tags,
        )


_RULE_KEYS = {
    "name",
    "check",
    "severity",
    "message",
    "summary",
    "docs",
    "options",
    "examples",
    "fixable",
    "default",
    "tags",
}
# what an example's ``links`` table may say a server answered: facts of a lint.links.results.Probe
EXAMPLE_ANSWER_KEYS = ("status", "reason", "error", "detail", "hops", "final_url", "moved_to", "elapsed")
_EXAMPLE_KEYS = {
    "verdict",
    "text",
    "files",
    "format",
    "count",
    "options",
    "lines",
    "columns",
    "messages",
    "fixed",
    "note",
    "links",
}
# the types of an example's keys, tested as options are (lint.options)
_EXAMPLE_TYPES = (
    Option("text", "str", None, ""),
    Option("files", "dict[str,str]", None, "", says="a table of file name = text"),
    Option("count", "int", None, "", min=0, says="a whole number, 0 or more"),
    Option("lines", "list[int]", None, "", min=1, says="a list of line numbers"),
    Option("columns", "list[int]", None, "", min=1, says="a list of column numbers"),
    Option("messages", "list[str]", None, ""),
    Option("fixed", "str", None, ""),
    Option("note", "str", None, ""),
    Option("options", "table", None, ""),
)


def _options(
    rule: str, kind_name: str, *layers: tuple[str, Mapping[str, Any]], checked: bool = False
) -> dict[str, Any]:
    """The option values of ``layers`` over the kind's defaults, checked value by value and then as a whole
    (``checked``: values that passed these checks before, only put together)."""
    kind = checks.load(kind_name)
    options = resolve(rule, kind.options, *layers, check=not checked)
    if kind.validate is not None and not checked:
        found = kind.validate(options)
        if found is not None:
            key, problem = found
            source = next((src for src, values in reversed(layers) if values), layers[-1][0])
            raise OptionError(f"{source}: rule {rule!r} option {key!r}: {problem}")
    return options


def _example(rule_path: Path, index: int, raw: Any, checked: bool = False) -> Example:
    """Example ``index`` of a rule file (``checked``: these bytes passed :func:`_check_example` before)."""
    if not checked:
        _check_example(f"{rule_path}: examples[{index}]", raw)

    def _tuple(key: str) -> tuple[Any, ...] | None:
        return tuple(raw[key]) if key in raw else None

    return Example(
        raw["verdict"],
        raw.get("text"),
        raw.get("files", {}),
        raw.get("format"),
        raw.get("count"),
        raw.get("options", {}),
        _tuple("lines"),
        raw.get("note", ""),
        _tuple("columns"),
        _tuple("messages"),
        raw.get("fixed"),
        raw.get("links"),
    )


def _check_example(where: str, raw: Any) -> None:
    """Raise :class:`RuleError` naming ``where`` if the example table ``raw`` is not well formed."""
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: must be a table")
    unknown = set(raw) - _EXAMPLE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown key {sorted(unknown)[0]!r} (expected {', '.join(sorted(_EXAMPLE_KEYS))})")
    verdict = raw.get("verdict")
    if verdict not in ("pass", "fail"):
        raise RuleError(f'{where}: verdict must be "pass" or "fail", got {verdict!r}')
    for spec in _EXAMPLE_TYPES:
        problem = spec.problem(raw[spec.name]) if spec.name in raw else None
        if problem is not None:
            raise RuleError(f"{where}: {spec.name!r} {problem}")
    fmt = raw.get("format")
    if fmt is not None:
        from lint.readers import FORMATS
        from lint.suggest import hint

        if fmt not in FORMATS:
            raise RuleError(
                f"{where}: 'format' must be one of {', '.join(FORMATS)}, got {fmt!r}{hint(str(fmt), FORMATS)}"
            )
    text = raw.get("text")
    files = raw.get("files", {})
    if (text is None) == (not files):
        raise RuleError(f"{where}: give exactly one of text or files")
    if "fixed" in raw and text is None:
        raise RuleError(f"{where}: 'fixed' needs the example as 'text' (one file)")
    if verdict == "pass" and any(key in raw for key in ("count", "lines", "columns", "messages")):
        raise RuleError(
            f"{where}: a pass example has no findings: 'count', 'lines', 'columns', 'messages' are for fail"
        )

    links = raw.get("links")
    if links is not None:
        if not isinstance(links, dict) or not all(isinstance(v, dict) for v in links.values()):
            raise RuleError(f"{where}: links must be a table of target = {{ status = 404, ... }} tables")
        for target, answer in links.items():
            unknown_answer = set(answer) - set(EXAMPLE_ANSWER_KEYS)
            if unknown_answer:
                raise RuleError(
                    f"{where}: links: {target!r}: unknown key {sorted(unknown_answer)[0]!r} "
                    f"(expected {', '.join(EXAMPLE_ANSWER_KEYS)})"
                )


def load_rule(path: Path, cache: RuleCache | None = None) -> Rule:
    """Parse and validate one rule file (without ``cache``, or if these bytes have not passed before)."""
    data, checked = cache.read(path) if cache is not None else (parse(path), False)
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{path}: unknown key {sorted(unknown)[0]!r} (expected {', '.join(sorted(_RULE_KEYS))})")
    for key in ("name", "check", "severity", "message", "summary"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise RuleError(f"{path}: {key!r} is required and must be a non-empty string")
    name = data["name"]
    problem = rulenames.name_problem(name)
    if problem is not None:
        raise RuleError(f"{path}: 'name' {problem}")
    if name != path.stem:
        raise RuleError(f"{path}: 'name' must be the file's name without .toml ({path.stem!r}), got {name!r}")
    try:
        kind = checks.load(data["check"])
    except KeyError as exc:
        raise RuleError(f"{path}: rule {name!r}: 'check': {exc.args[0]}") from None
    from lint import messages

    problem = None if checked else messages.problem(data["message"], kind.message_fields)
    if problem is not None:
        raise RuleError(f"{path}: rule {name!r}: 'message' {data['message']!r}: {problem}")
    try:
        severity = Severity.parse(data["severity"])
    except ValueError as exc:
        raise RuleError(f"{path}: rule {name!r}: {exc}") from None
    specs = kind.options
    raw_options = data.get("options", {})
    if not isinstance(raw_options, dict):
        raise RuleError(f"{path}: rule {name!r}: options must be a table")
    options = _options(name, kind.name, (str(path), raw_options), checked=checked)
    raw_examples = data.get("examples", [])
    if not isinstance(raw_examples, list):
        raise RuleError(f"{path}: rule {name!r}: 'examples' must be a list of tables ([[examples]])")
    examples: Sequence[Example]
    if checked:  # made when read (a run reads none)
        examples = Examples(path, raw_examples)
        verdicts = {raw["verdict"] for raw in raw_examples}
    else:
        examples = tuple(_example(path, i, raw) for i, raw in enumerate(raw_examples))
        verdicts = {example.verdict for example in examples}
    if verdicts != {"pass", "fail"}:
        missing = " and ".join(repr(v) for v in ("fail", "pass") if v not in verdicts)
        raise RuleError(
            f"{path}: rule {name!r}: 'examples' needs at least one {missing} example "
            '([[examples]] with verdict = "fail" and one with verdict = "pass")'
        )
    for i, example in enumerate(examples if not checked else ()):
        _options(name, kind.name, (str(path), raw_options), (f"{path}: examples[{i}]", example.options))
    if cache is not None:
        cache.passed(path)
    return Rule(
        name=name,
        check=data["check"],
        severity=severity,
        message=data["message"],
        summary=data["summary"],
        docs=data.get("docs", "").strip(),
        options=options,
        option_specs=expand(specs),
        examples=examples,
        source=path,
        fixable=bool(data.get("fixable", False)),
        default=bool(data.get("default", True)),
        tags=tuple(data.get("tags", ())),
    )


def load_rules(paths: Iterable[Path]) -> dict[str, Rule]:
    """Every ``*.toml`` rule in ``paths`` (folders or files); later paths may not reuse names."""
    rules: dict[str, Rule] = {}
    cache = RuleCache()
    for base in paths:
        names = sorted(os.listdir(base)) if base.is_dir() else None  # not base.glob (a regex), nor Paths sorted
        files = [base / name for name in names if name.endswith(".toml")] if names is not None else [base]
        if not base.exists():
            raise RuleError(f"{base}: rule path does not exist")
        for file in files:
            rule = load_rule(file, cache)
            if rule.name in rules:
                raise RuleError(f"{file}: rule name {rule.name!r} is already defined in {rules[rule.name].source}")
            rules[rule.name] = rule
    cache.save()
    return rules
