"""The ``check`` job from start to end: config, files, read, check, fix, report.

The CLI parses arguments into :class:`CheckOptions` and calls :func:`check`; the
editor server and tests can call it the same way.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, TextIO

from lint import __version__, engine, outputs, stdin
from lint.cachedir import result_cache_dir
from lint.checkoptions import CheckOptions
from lint.collector import collector_paused
from lint.config import Config, ConfigError, for_paths
from lint.errors import UsageError, require_folder
from lint.escape import say
from lint.files import collect, force_excluded, to_display
from lint.findings import at_least
from lint.formats import FORMATS, WITH_HELP, Settings, get
from lint.model import Diagnostic, Document, Severity
from lint.record import Record, fill
from lint.report import Report, build
from lint.terminal import width
from lint.utf8out import open_utf8

if TYPE_CHECKING:
    from pathlib import Path

    from lint.links.results import LinkResults
    from lint.links.settings import Settings as LinkSettings
    from lint.replay import Replay
    from lint.resultcache import ResultCache
    from lint.rules import Rule
    from lint.timings import Timings


class Outcome(Record):
    """What a run gives back: its report, its exit code and the config it ran with."""

    __slots__ = ("config", "exit_code", "report")
    report: Report
    exit_code: int
    config: Config

    def __init__(self, report: Report, exit_code: int, config: Config) -> None:
        fill(self, locals())


FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def read_documents(files: Sequence[str], config: Config) -> list[Document]:
    from lint.pipeline import read_document

    return [read_document(path, config) for path in files]


def _online(options: CheckOptions, config: Config) -> bool:
    return bool(options.links if options.links is not None else config.links)


def _check_files(
    options: CheckOptions,
    config: Config,
    chosen: Sequence[Rule],
    known: Collection[str],
    files: Sequence[str],
    timings: Timings | None,
    cache: ResultCache | None,
) -> tuple[list[Document], Sequence[Diagnostic], list[str | None]]:
    """Issue 11: the files checked (result cache, ``--jobs``), and the content hash of each as read (None: unknown)."""
    from lint import pipeline
    from lint.progress import RunProgress

    plan = engine.Plan(chosen, config, known=known)
    jobs = options.jobs if options.jobs is not None else pipeline.default_jobs()
    with RunProgress(len(files)) as progress:  # issue 15: a bar for runs over ~2 s, on a terminal only
        return pipeline.check_files(files, plan, jobs, cache, timings, progress)


def _replay(
    options: CheckOptions, config: Config, chosen: Sequence[Rule], known: Collection[str], fmt: str, stdout: TextIO
) -> tuple[ResultCache | None, Replay | None]:
    """The result cache, and the outputs recorded by earlier runs (:mod:`lint.replay`: the CLI only)."""
    if not options.cache or result_cache_dir(config.root) is None:
        return None, None  # imported only when on: pickle, shutil and hashlib are start-up time of a one-file run
    from lint import replay, resultcache

    cache = resultcache.open_for(chosen, config)
    if cache is None or not options.replay or _online(options, config):
        return cache, None
    return cache, replay.open_for(cache, options, config, chosen, known, (fmt, _use_color(options, stdout)), stdout)


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


def _narrow(
    options: CheckOptions,
    fmt: str,
    diagnostics: Sequence[Diagnostic],
    documents: dict[str, Document],
    config: Config,
    chosen: Sequence[Rule],
) -> tuple[Sequence[Diagnostic], list[str]]:
    """``--write-baseline``, ``--baseline`` and ``--changed-since``: the findings this run reports."""
    notes: list[str] = []
    if not (options.write_baseline or options.baseline or options.changed_since):
        return diagnostics, notes
    from lint import baseline, changed

    if options.write_baseline:
        count = baseline.write(options.write_baseline, diagnostics, documents, config.root)
        notes.append(
            f"baseline {options.write_baseline}: wrote {count} finding{'' if count == 1 else 's'}; "
            f"from now on, --baseline {options.write_baseline} reports only new ones"
        )
        diagnostics = []
    elif options.baseline:
        result = baseline.apply(
            baseline.load(options.baseline),
            diagnostics,
            documents,
            config.root,
            {rule.name for rule in chosen},
            options.baseline,
        )
        diagnostics = result.new
        notes.append(result.note)
    if options.changed_since:
        from lint import checks

        whole = {rule.name for rule in chosen if checks.load(rule.check).whole_document}
        before = len(diagnostics)
        diagnostics = changed.narrow(diagnostics, documents, options.changed_since, whole)
        hidden = before - len(diagnostics)
        notes.append(
            f"changed-since {options.changed_since}: {hidden} finding{'' if hidden == 1 else 's'} "
            "on unchanged lines not shown"
        )
    _announce(notes, fmt, options)
    return diagnostics, notes


def _announce(notes: Sequence[str], fmt: str, options: CheckOptions) -> None:
    """Notes go on stderr unless the text report on stdout shows them itself."""
    if fmt == "text" and not options.output and not options.diff and not options.statistics:
        return
    if options.quiet and not options.fix:
        return
    for note in notes:
        say(note, "note")


def _link_settings(options: CheckOptions, config: Config, chosen: Sequence[Rule]) -> LinkSettings | None:
    """``--links``: the link-check settings (the config's and the command line's, checked before any
    file is read), if a chosen rule reads the online results; else None."""
    if not (options.links if options.links is not None else config.links):
        return None
    from lint import checks

    if not any(checks.load(rule.check).needs_links for rule in chosen):
        return None
    from lint.links.settings import merge

    overrides = options.extra.get("link-check", {})
    return merge(
        config.link_check, overrides if isinstance(overrides, dict) else {}, root=config.root, source=config.source
    )


def _online_links(settings: LinkSettings | None, documents: Sequence[Document]) -> LinkResults | None:
    """``--links``: ask every distinct link target online once."""
    if settings is None:
        return None
    from lint.links import check_all

    return check_all([link.target for document in documents for link in document.links if link.target], settings)


def _render(fmt: str, report: Report, out: TextIO, settings: Settings, options: CheckOptions) -> None:
    """The report in ``fmt``; or, with ``--statistics``, counts per rule; with ``--quiet``, the summary only."""
    if options.statistics or options.quiet:
        from lint import view
    if options.statistics:
        view.statistics(report, out, as_json=fmt == "json")
    elif options.quiet and fmt in ("text", "concise"):
        view.quiet(report, out)
    else:
        get(fmt).render(report, out, settings._replace(width=width(out)))


def _from_stdin(options: CheckOptions) -> bool:
    """``check -``: lint standard input (never written back: ``--fix`` is refused, ``--diff`` works)."""
    if stdin.STDIN not in options.paths:
        if options.stdin_filename:
            raise UsageError("--stdin-filename names standard input: give '-' as the path")
        return False
    if len(options.paths) > 1:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    if options.fix:
        raise UsageError("--fix cannot write back to standard input; use --diff to see the fixes")
    return True


@collector_paused()  # the whole run: with it back on for the report, its passes walked every object the run kept
def check(options: CheckOptions, stdout: TextIO | None = None) -> Outcome:
    """Run a whole check; writes the report to ``options.output`` or ``stdout``."""
    stdout = stdout or sys.stdout
    from_stdin = _from_stdin(options)
    config = for_paths([stdin.config_anchor(options.stdin_filename)] if from_stdin else options.paths, options.config)
    fmt = _choose_format(options, config)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (expected one of {', '.join(sorted(FORMATS))})")
    outputs.check_targets(options.also_write, options.output, FORMATS)
    rules, chosen = engine.choose_rules(config, options.select, options.extend_select, options.ignore)
    link_settings = _link_settings(options, config, chosen)
    timings = None
    if options.timings:
        from lint.timings import Timings

        timings = Timings()
    started = time.perf_counter()
    files: list[str] = []
    if not from_stdin and not options.merge:
        files, missing = collect(options.paths, config.include, config.exclude, config.respect_gitignore)
        force = options.force_exclude if options.force_exclude is not None else config.force_exclude
        given = {os.path.normpath(p) for p in options.paths}
        kept = [
            f
            for f in files
            if not (force and os.path.normpath(f) in given and force_excluded(f, config.exclude, config.root))
        ]
        notes = [f"{to_display(m)}: no such file or folder" for m in missing]
        if not files:
            if missing:
                raise UsageError("; ".join(notes))
            raise UsageError(
                f"no files to lint in {', '.join(options.paths)} (include globs: {', '.join(config.include)})"
            )
        files = kept  # all force-excluded (pre-commit passed only excluded files): an empty, clean run
        for note in notes:
            say(note)
        outputs.refuse_linted(
            [("--output", options.output), ("--write-baseline", options.write_baseline)]
            + [("--also-write", path) for _, path in options.also_write],
            files,
        )
    if timings is not None:
        timings.add_stage("discover", time.perf_counter() - started)
    diagnostics: Sequence[Diagnostic]
    if options.shard is not None or options.merge:
        from lint import shards

        if options.shard is not None:
            done = shards.check(
                options.shard, options.shard_file, files, config, chosen, options.jobs, options.cache, timings
            )
            return Outcome(build([], {}, done), 0, config)
        documents, diagnostics = shards.merge_run(options.merge, config, chosen, rules.keys(), timings)
    elif from_stdin or _online(options, config):
        started = time.perf_counter()
        if from_stdin:
            documents = [stdin.read(options.stdin or sys.stdin.buffer, options.stdin_filename, config)]
        else:
            documents = read_documents(files, config)
        if timings is not None:
            timings.add_stage("read", time.perf_counter() - started)
        links = _online_links(link_settings, documents)
        diagnostics = engine.run(documents, chosen, config, links, timings, rules.keys())
    else:
        cache, replay = _replay(options, config, chosen, rules.keys(), fmt, stdout)
        if replay is not None and replay.play(files, config, stdout):
            return Outcome(build([], {}, len(files)), replay.exit_code, config)
        documents, diagnostics, contents = _check_files(options, config, chosen, rules.keys(), files, timings, cache)
        json_written = "json" in (fmt, *(name for name, _ in options.also_write))
        pieces = _kept(cache, documents, contents) if json_written else None
        if replay is not None:
            with replay.recording(stdout) as teed:
                outcome = _report(
                    options, config, chosen, fmt, documents, diagnostics, teed, timings, replay.tee, pieces
                )
                replay.commit(files, contents, outcome.exit_code)
            return outcome
        return _report(options, config, chosen, fmt, documents, diagnostics, stdout, timings, pieces=pieces)
    return _report(options, config, chosen, fmt, documents, diagnostics, stdout, timings)


def _kept(
    cache: ResultCache | None, documents: Sequence[Document], contents: Sequence[str | None]
) -> tuple[Path, dict[str, str | None]] | None:
    """Where formats keep report pieces (:mod:`lint.pieces`), and each document's content hash by path."""
    if cache is None or len(documents) != len(contents):
        return None
    folder = cache.pieces()
    return None if folder is None else (folder, {d.path: c for d, c in zip(documents, contents, strict=True)})


def _report(
    options: CheckOptions,
    config: Config,
    chosen: Sequence[Rule],
    fmt: str,
    documents: list[Document],
    diagnostics: Sequence[Diagnostic],
    stdout: TextIO,
    timings: Timings | None,
    tee: Callable[[TextIO, str], TextIO] | None = None,
    pieces: tuple[Path, dict[str, str | None]] | None = None,
) -> Outcome:
    """The report stage: findings narrowed, fixed and written (``tee``: each output file's stream, to record
    it; ``pieces``: where formats keep what they wrote of each document, and the documents' content hashes)."""
    started = time.perf_counter()
    by_path = {d.path: d for d in documents}
    diagnostics, run_notes = _narrow(options, fmt, diagnostics, by_path, config, chosen)
    min_severity = options.min_severity or config.min_severity
    diagnostics = at_least(diagnostics, Severity.parse(min_severity))

    if options.fix or options.diff:
        from lint import fixes

        fixed = fixes.fix_all(documents, list(diagnostics), write_files=not options.diff)
        stdout.write(fixed.diff)
        if not options.diff:  # with --diff nothing was written: every finding still stands
            diagnostics = fixed.remaining
        run_notes.append(fixed.note(would=options.diff))
        _announce(run_notes[-1:], fmt, options)

    report = build(diagnostics, by_path, len(documents), run_notes)
    if pieces is not None and not (options.fix or options.diff):
        from lint.pieces import Pieces

        report.pieces = Pieces(pieces[0], diagnostics, pieces[1])
    written = {fmt, *(name for name, _ in options.also_write)}
    report.rules = outputs.rule_info(chosen, with_help=not WITH_HELP.isdisjoint(written))
    fail_on = options.fail_on or config.fail_on
    settings = Settings(
        color=False,
        tool_version=__version__,
        show_source=options.show_source if options.show_source is not None else config.show_source,
        fail_on=fail_on,
    )
    if options.output:
        require_folder(options.output, "--output")
        try:
            with open_utf8(options.output) as handle:
                _render(fmt, report, tee(handle, options.output) if tee else handle, settings, options)
        except OSError as exc:  # a folder, a full disk, a device that refuses: one clear line
            raise UsageError(f"--output: cannot write {options.output}: {exc.strerror or exc}") from None
    elif not options.diff:
        _render(fmt, report, stdout, settings._replace(color=_use_color(options, stdout)), options)
    outputs.write_extra(options.also_write, report, settings, tee)
    if options.summary:
        from lint import view
        from lint.formats import summary_table

        summary_table.render(report, stdout, view.width(stdout), _use_color(options, stdout))
    if timings is not None:
        timings.add_stage("report", time.perf_counter() - started)
        timings.render(sys.stderr)
    return Outcome(report, exit_code(diagnostics, fail_on), config)


__all__ = ["CheckOptions", "ConfigError", "Outcome", "UsageError", "check"]
