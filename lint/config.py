"""Configuration: ``[tool.response-lint]`` in ``pyproject.toml``, or ``.response-lint.toml``.

The file is found upward from the linted paths unless ``--config`` names one. Every
key is checked: an unknown key or a value of the wrong type is a
:class:`ConfigError` naming the file, the key and what was expected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lint.errors import ConfigError
from lint.files import matches, read_regular, relative_to_root
from lint.options import Option
from lint.readers.phases import DEFAULT_HEADINGS, PhaseHeading, ReaderOptions
from lint.record import Frozen, fill

CONFIG_FILES = (".response-lint.toml", "response-lint.toml", "pyproject.toml")
FAIL_LEVELS = ("error", "warning", "info", "never")
MIN_LEVELS = ("error", "warning", "info")


def _reader_format(value: Mapping[str, str]) -> str | None:
    from lint.readers import FORMATS

    for glob, fmt in value.items():
        if fmt not in FORMATS:
            return f"formats[{glob!r}] must be one of {', '.join(FORMATS)}, got {fmt!r}"
    return None


def _phase_problem(value: str) -> str | None:
    parts = value.split()
    if not parts or len(parts) > 2 or (len(parts) == 2 and not parts[1].isdigit()):
        return f"'statement-phase' must look like 'commitment 2012', got {value!r}"
    return None


POSITIVE = "a positive integer"
# the config's keys, as typed options (lint.options): one validation for rules, config and links.
# A ``validate`` hook's answer is a whole sentence after the file's name.
CONFIG_OPTIONS: tuple[Option, ...] = (
    Option("include", "list[str]", None, "globs of files to lint inside folders"),
    Option("exclude", "list[str]", None, "globs of files and folders to skip"),
    Option("select", "list[str]", None, "rule names or globs to run (default: all default rules)"),
    Option("extend-select", "list[str]", None, "rule names or globs to add to the selection"),
    Option("ignore", "list[str]", None, "rule names or globs not to run"),
    Option(
        "fail-on",
        "str",
        "warning",
        "lowest severity that fails the run: error, warning, info or never",
        choices=FAIL_LEVELS,
    ),
    Option("format", "str", None, "output format"),
    Option("rule-paths", "list[str]", None, "folders or files of extra rules, relative to the config file"),
    Option("respect-gitignore", "bool", None, "skip files that .gitignore ignores when walking folders"),
    Option("max-file-size", "int", None, "largest file to read, in bytes", min=1, says=POSITIVE),
    Option(
        "time-budget",
        "float",
        None,
        "seconds one rule may spend on one file (and the reader on it) before it is stopped",
        above=0,
    ),
    Option(
        "formats",
        "dict[str,str]",
        None,
        "reader format per glob: source-2012, publication-2015 or markdown",
        validate=_reader_format,
    ),
    Option("phase-headings", "list[table]", None, "extra phase heading patterns: {kind, pattern, canonical}"),
    Option("furniture", "list[regex]", None, "page furniture patterns (regexes), replacing rules/words/furniture.txt"),
    Option("extend-furniture", "list[regex]", None, "more page furniture patterns, added to the built-in list"),
    Option(
        "statement-phase",
        "str",
        None,
        "the phase a 2012 {div .statement} stands for, e.g. 'commitment 2012'",
        validate=_phase_problem,
    ),
    Option(
        "per-file-ignores",
        "dict[str,list[str]]",
        None,
        "rules to ignore per glob",
        says="a table whose values are lists of strings",
    ),
    Option("rules", "dict[str,table]", None, "per-rule severity and options"),
    Option("links", "bool", None, "check link targets online (as --links)"),
    Option("link-check", "table", None, "online link checking options"),
    # what a run shows (issue 15)
    Option(
        "min-severity",
        "str",
        "info",
        "hide findings below this severity: error, warning or info (as --min-severity)",
        choices=MIN_LEVELS,
    ),
    Option("force-exclude", "bool", None, "apply exclude to files named on the command line too (as --force-exclude)"),
    Option("show-source", "bool", None, "show the source line under each finding in text output (as --show-source)"),
    Option(
        "republished-once",
        "bool",
        None,
        "report a finding in an answer published with the same text on several pages of the run once, "
        "on the first page, naming the others (default true)",
    ),
)
_CONFIG_OPTIONS = {spec.name: spec for spec in CONFIG_OPTIONS}
# a rule's own table may set its severity beside its options
_RULE_SEVERITY = Option("severity", "str", None, "the rule's severity", choices=MIN_LEVELS)


class RuleConfig(Frozen):
    """A rule's table in the config: its severity (None: the rule file's) and option values."""

    __slots__ = ("options", "severity")
    severity: str | None
    options: Mapping[str, Any]

    def __init__(self, severity: str | None, options: Mapping[str, Any]) -> None:
        fill(self, locals())


class Config(Frozen):
    """The settings of a run: a config file's, or the defaults (immutable, equal by field)."""

    __slots__ = (
        "exclude",
        "extend_select",
        "fail_on",
        "force_exclude",
        "format",
        "formats",
        "ignore",
        "include",
        "link_check",
        "links",
        "max_file_size",
        "min_severity",
        "path",
        "per_file_ignores",
        "reader",
        "republished_once",
        "respect_gitignore",
        "root",
        "rule_paths",
        "rules",
        "select",
        "show_source",
        "table",
        "time_budget",
    )
    path: Path | None
    root: Path
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    select: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str
    format: str | None
    rule_paths: tuple[Path, ...]
    respect_gitignore: bool
    max_file_size: int
    time_budget: float  # seconds per rule and file, and per file read (lint.budget)
    formats: Mapping[str, str]
    reader: ReaderOptions
    per_file_ignores: Mapping[str, tuple[str, ...]]
    rules: Mapping[str, RuleConfig]
    links: bool
    link_check: Mapping[str, Any]
    min_severity: str
    force_exclude: bool
    show_source: bool
    republished_once: bool  # lint.republished
    table: str  # the table the settings came from, e.g. "[tool.response-lint]"

    def __init__(
        self,
        path: Path | None = None,
        root: Path | None = None,  # None: the current folder
        include: tuple[str, ...] = ("*.md", "*.markdown", "*.txt"),
        exclude: tuple[str, ...] = (),
        select: tuple[str, ...] | None = None,
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        fail_on: str = "error",
        format: str | None = None,
        rule_paths: tuple[Path, ...] = (),
        respect_gitignore: bool = True,
        max_file_size: int = 10 * 1024 * 1024,
        time_budget: float = 20.0,
        formats: Mapping[str, str] | None = None,
        reader: ReaderOptions | None = None,
        per_file_ignores: Mapping[str, tuple[str, ...]] | None = None,
        rules: Mapping[str, RuleConfig] | None = None,
        links: bool = False,
        link_check: Mapping[str, Any] | None = None,
        min_severity: str = "info",
        force_exclude: bool = False,
        show_source: bool = True,
        republished_once: bool = True,
        table: str = "",
    ) -> None:
        root = Path.cwd() if root is None else root
        formats = {} if formats is None else formats
        reader = ReaderOptions() if reader is None else reader
        per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        rules = {} if rules is None else rules
        link_check = {} if link_check is None else link_check
        fill(self, locals())

    @property
    def source(self) -> str:
        return str(self.path) if self.path else "defaults"

    @property
    def where(self) -> str:
        """The file and table, for messages about a key: ``pyproject.toml: [tool.response-lint]``."""
        return f"{self.source}{': ' + self.table if self.table else ''}"

    def format_of(self, path: str) -> str | None:
        """The reader format ``formats`` gives ``path`` (the first glob that matches it), or None."""
        if not self.formats:
            return None  # most projects: no path to resolve for each file read
        rel = relative_to_root(path, self.root)
        return next((fmt for glob, fmt in self.formats.items() if matches(rel, [glob])), None)


def check_value(where: str, spec: Option, value: Any) -> None:
    """Refuse ``value`` unless ``spec`` takes it: a :class:`ConfigError` naming ``where`` and the key."""
    problem = spec.problem(value)
    if problem is not None:
        raise ConfigError(f"{where}: {spec.name!r}{'' if problem.startswith(':') else ' '}{problem}")
    if spec.validate is not None:
        sentence = spec.validate(value)
        if sentence is not None:
            raise ConfigError(f"{where}: {sentence}")


def unknown_key(where: str, key: str, known: Sequence[str]) -> ConfigError:
    """The error for ``key``, which is not one of ``known``: names the place and the closest key."""
    from lint.suggest import hint

    return ConfigError(f"{where}: unknown key {key!r}{hint(key, known)}; expected one of: {', '.join(sorted(known))}")


def _parse_phase(value: str) -> tuple[str, int | None]:
    parts = value.split()
    return parts[0], int(parts[1]) if len(parts) == 2 else None


def parse(data: Mapping[str, Any], path: Path | None, table: str = "") -> Config:
    """Build a :class:`Config` from the ``[tool.response-lint]`` table ``data``."""
    where = f"{path or 'config'}{': ' + table if table else ''}"
    for key, value in data.items():
        if key not in _CONFIG_OPTIONS:
            raise unknown_key(where, key, list(_CONFIG_OPTIONS))
        check_value(where, _CONFIG_OPTIONS[key], value)
    root = path.parent if path else Path.cwd()
    kwargs: dict[str, Any] = {"path": path, "root": root, "table": table}
    for key in ("include", "exclude", "ignore"):
        if key in data:
            kwargs[key] = tuple(data[key])
    if "select" in data:
        kwargs["select"] = tuple(data["select"])
    if "extend-select" in data:
        kwargs["extend_select"] = tuple(data["extend-select"])
    if "fail-on" in data:
        kwargs["fail_on"] = data["fail-on"]
    if "format" in data:
        kwargs["format"] = data["format"]
    if "rule-paths" in data:
        kwargs["rule_paths"] = tuple(root / p for p in data["rule-paths"])
    if "respect-gitignore" in data:
        kwargs["respect_gitignore"] = data["respect-gitignore"]
    if "max-file-size" in data:
        kwargs["max_file_size"] = data["max-file-size"]
    if "time-budget" in data:
        kwargs["time_budget"] = float(data["time-budget"])
    if "formats" in data:
        kwargs["formats"] = dict(data["formats"])
    headings = list(DEFAULT_HEADINGS)
    if "phase-headings" in data:
        extra = []
        for i, item in enumerate(data["phase-headings"]):
            item_where = f"{where}: phase-headings[{i}]"
            for key in item:
                if key not in ("kind", "pattern", "canonical"):
                    raise unknown_key(item_where, key, ["kind", "pattern", "canonical"])
            for key in ("kind", "pattern"):
                if not isinstance(item.get(key), str):
                    raise ConfigError(f"{item_where}: {key!r} is required and must be a string")
            try:
                extra.append(
                    PhaseHeading.compile(item["kind"], item["pattern"], str(item.get("canonical", item["pattern"])))
                )
            except (ValueError, Exception) as exc:  # re.error is a ValueError subclass in 3.13
                raise ConfigError(f"{item_where}: {exc}") from None
        headings = extra + headings
    statement_kind: str = "commitment"
    statement_year: int | None = 2012
    if "statement-phase" in data:
        statement_kind, statement_year = _parse_phase(data["statement-phase"])
    furniture: dict[str, tuple[str, ...]] = {}
    for key in ("furniture", "extend-furniture"):
        if key in data:
            furniture[key] = tuple(data[key])
    kwargs["reader"] = ReaderOptions(
        headings=tuple(headings),
        statement_kind=statement_kind,
        statement_year=statement_year,
        furniture=furniture.get("furniture"),
        extend_furniture=furniture.get("extend-furniture", ()),
    )
    if "per-file-ignores" in data:
        kwargs["per_file_ignores"] = {k: tuple(v) for k, v in data["per-file-ignores"].items()}
    if "rules" in data:
        rules: dict[str, RuleConfig] = {}
        for name, table_value in data["rules"].items():
            options = dict(table_value)
            severity = options.pop("severity", None)
            if severity is not None:
                check_value(f"{where}: rules.{name}", _RULE_SEVERITY, severity)
            rules[name] = RuleConfig(severity, options)
        kwargs["rules"] = rules
    if "links" in data:
        kwargs["links"] = data["links"]
    if "min-severity" in data:
        kwargs["min_severity"] = data["min-severity"]
    for key in ("force-exclude", "show-source", "republished-once"):
        if key in data:
            kwargs[key.replace("-", "_")] = data[key]
    if "link-check" in data:
        from lint.linkoptions import link_value

        for key, value in data["link-check"].items():
            link_value(f"{where}: link-check", key, value)
        kwargs["link_check"] = dict(data["link-check"])
    return Config(**kwargs)


def load(path: Path) -> Config:
    """Load the config file ``path`` (a pyproject.toml or a response-lint TOML file)."""
    import tomllib

    try:
        data = tomllib.loads(read_regular(path).decode("utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("response-lint", {})
        return parse(table, path.resolve(), "[tool.response-lint]")
    if "tool" in data and isinstance(data["tool"], dict) and "response-lint" in data["tool"] and len(data) == 1:
        return parse(data["tool"]["response-lint"], path.resolve(), "[tool.response-lint]")
    return parse(data, path.resolve())


def _has_section(pyproject: Path) -> bool:
    try:
        text = read_regular(pyproject).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.response-lint" in text


def discover(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a folder)."""
    current = start.resolve()
    for folder in (current, *current.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def for_paths(paths: Sequence[str], explicit: str | None) -> Config:
    """The configuration for a run over ``paths``: ``explicit`` or the one found upward."""
    if explicit:
        return load(Path(explicit))
    import os

    existing = [os.path.abspath(p) for p in paths if os.path.exists(p)]
    if existing:
        common = os.path.commonpath(existing)
        start = Path(common if os.path.isdir(common) else os.path.dirname(common))
    else:
        start = Path.cwd()
    found = discover(start)
    return load(found) if found else Config()
