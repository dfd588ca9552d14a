"""The ``check`` job from start to end: config, files, read, check, fix, report.

The CLI parses arguments into :class:`CheckOptions` and calls :func:`check`; the
editor server and tests can call it the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from lint import __version__, engine, source
from lint.config import Config, ConfigError, for_paths
from lint.files import collect, matches, relative_to_root, to_display
from lint.model import Diagnostic, Document, Severity
from lint.report import Report, build


class UsageError(Exception):
    """Bad arguments or nothing to lint: exit 2 with this message."""


@dataclass
class CheckOptions:
    paths: Sequence[str] = (".",)
    format: str | None = None
    output: str | None = None
    select: Sequence[str] | None = None
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    fail_on: str | None = None
    config: str | None = None
    fix: bool = False
    diff: bool = False
    color: bool | None = None
    links: bool | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class Outcome:
    report: Report
    exit_code: int
    config: Config


FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def read_documents(files: Sequence[str], config: Config) -> list[Document]:
    documents = []
    for path in files:
        rel = relative_to_root(path, config.root)
        fmt = next((f for glob, f in config.formats.items() if matches(rel, [glob])), None)
        documents.append(source.load(to_display(path), config.reader, fmt, config.max_file_size))
    return documents


def exit_code(diagnostics: Sequence[Diagnostic], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    level = FAIL_LEVELS[fail_on]
    return 1 if any(d.severity >= level for d in diagnostics) else 0


def _choose_format(options: CheckOptions, config: Config) -> str:
    if options.format:
        return options.format
    if config.format:
        return config.format
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from lint.formats import FORMATS

        if "github" in FORMATS:
            return "github"
    return "text"


def _use_color(options: CheckOptions, stream: TextIO) -> bool:
    if options.color is not None:
        return options.color
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def check(options: CheckOptions, stdout: TextIO | None = None) -> Outcome:
    """Run a whole check; writes the report to ``options.output`` or ``stdout``."""
    from lint.formats import FORMATS, Settings, get

    stdout = stdout or sys.stdout
    config = for_paths(options.paths, options.config)
    fmt = _choose_format(options, config)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (expected one of {', '.join(sorted(FORMATS))})")
    fail_on = options.fail_on or config.fail_on
    rules = engine.available_rules(config)
    select = options.select if options.select is not None else config.select
    chosen = engine.select_rules(rules, select, [*config.extend_select, *options.extend_select],
                                 [*config.ignore, *options.ignore])
    files, missing = collect(options.paths, config.include, config.exclude, config.respect_gitignore)
    notes = [f"{to_display(m)}: no such file or folder" for m in missing]
    if not files:
        if missing:
            raise UsageError("; ".join(notes))
        raise UsageError(f"no files to lint in {', '.join(options.paths)} "
                         f"(include globs: {', '.join(config.include)})")
    for note in notes:
        print(f"response-lint: warning: {note}", file=sys.stderr)
    documents = read_documents(files, config)
    diagnostics = engine.run(documents, chosen, config)
    by_path = {d.path: d for d in documents}

    if options.fix or options.diff:
        from lint import fixes

        remaining: list[Diagnostic] = []
        for document in documents:
            own = [d for d in diagnostics if d.path == document.path]
            new_text, applied = fixes.fixed_text(document, own)
            if applied and new_text != document.text:
                if options.diff:
                    stdout.write(fixes.unified_diff(document, new_text))
                if options.fix:
                    fixes.write(document, new_text)
                    own = [d for d in own if d.fix is None]
            remaining.extend(own)
        diagnostics = sorted(remaining, key=Diagnostic.sort_key)

    report = build(diagnostics, by_path, len(documents))
    settings_stream: TextIO
    if options.output:
        out_dir = os.path.dirname(os.path.abspath(options.output))
        if not os.path.isdir(out_dir):
            raise UsageError(f"--output: folder {out_dir} does not exist")
        with open(options.output, "w", encoding="utf-8", newline="\n") as handle:
            get(fmt).render(report, handle, Settings(color=False, tool_version=__version__))
    elif not options.diff:
        settings_stream = stdout
        get(fmt).render(report, settings_stream,
                        Settings(color=_use_color(options, settings_stream), tool_version=__version__))
    return Outcome(report, exit_code(diagnostics, fail_on), config)


__all__ = ["CheckOptions", "ConfigError", "Outcome", "UsageError", "check"]
