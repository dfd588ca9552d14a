"""Command line: ``response-lint check|outline|rules|rule NAME|links report``.

Parses arguments (the parser is :mod:`lint.cli_parser`) and hands over to :mod:`lint.app`
(check), :mod:`lint.outline` and :mod:`lint.rules`; prints one-line errors with exit 2
(tracebacks only with ``--debug``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from lint import cli_commands, cli_parser
from lint.cli_commands import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, report_options  # noqa: F401 - the exit codes, here as always
from lint.escape import say


def _format_file(value: str) -> tuple[str, str]:
    from lint.app import UsageError

    fmt, sep, path = value.partition("=")
    if not sep or not fmt.strip() or not path:
        raise UsageError(f"--also-write: expected FORMAT=FILE, got {value!r}")
    return fmt.strip(), path


def _check(args: argparse.Namespace) -> int:
    from lint.collector import collector_paused

    if _PROGRAM and _few_files(args.paths):
        # the process ends after the check (run), which reads a few files in this process: the collector
        # stays off to the end (each time it came back on, its next pass walked every object made while
        # it was off). A larger run keeps it, as do its --jobs workers (which would inherit it off).
        import gc

        gc.disable()
    with collector_paused():  # the checking code's modules: many objects and no garbage, so no sweeps
        from lint import cli_view
        from lint.app import CheckOptions, check

    options = CheckOptions(
        paths=args.paths,
        **report_options(args),
        fix=args.fix,
        diff=args.diff,
        baseline=args.baseline,
        write_baseline=args.write_baseline,
        changed_since=args.changed_since,
        also_write=[_format_file(value) for value in args.also_write],
        **cli_view.options(args),
        stdin_filename=args.stdin_filename,
        summary=args.summary,
    )
    options.links = args.links
    options.timings = args.timings
    options.jobs = args.jobs
    if args.shard is not None or args.shard_file is not None:
        from lint import shards
        from lint.errors import UsageError

        if args.shard is None or args.shard_file is None:
            raise UsageError("--shard K/N and --shard-file FILE go together")
        options.shard = shards.parse(args.shard)
        options.shard_file = args.shard_file
    options.cache = not args.no_cache
    options.replay = True  # a warm re-run with nothing changed writes the recorded output again (lint.replay)
    options.extra["link-check"] = {**_link_overrides(args), **cli_parser.history_overrides(args)}
    outcome = check(options)
    if _PROGRAM:  # the process ends with the command (leave): the run is not freed object by object first
        _KEPT_TO_EXIT.append(outcome)  # (the report, the documents, the findings: 0.03 s of a warm 2,000-file run)
    return outcome.exit_code


def _few_files(paths: Sequence[str]) -> bool:
    """Whether the paths given are fewer than 8 files (no folder, no standard input): lint.pipeline checks
    so few in this process (``_MIN_FOR_WORKERS``), never in workers."""
    import os

    return len(paths) < 8 and all(os.path.isfile(path) for path in paths)


def _link_overrides(args: argparse.Namespace) -> dict[str, object]:
    """The link-check settings given as flags (they win over the config file's)."""
    overrides: dict[str, object] = {}
    if args.check_fragments:
        overrides["check-fragments"] = True
    if args.allow_private:
        overrides["allow-private"] = True
    if args.cache_ttl is not None:
        overrides["cache-ttl"] = args.cache_ttl
    if args.no_cache:
        overrides["cache"] = False
    if args.link_timeout is not None:
        overrides["timeout"] = args.link_timeout
    if args.link_exclude:
        overrides["exclude"] = list(args.link_exclude)  # added to the config's list
    return overrides


_PROGRAM = False  # True in the response-lint program (run): the process ends when the command does
_KEPT_TO_EXIT: list[object] = []  # what the program's check made, let go only by the end of the process


def run() -> NoReturn:
    """The ``response-lint`` program (and ``python -m lint``): :func:`main`, then :func:`leave`."""
    global _PROGRAM
    _PROGRAM = True
    leave(main())


def leave(code: int) -> NoReturn:
    """Exit with ``code`` without taking the interpreter down object by object.

    The interpreter's own exit frees every module and every object the run kept, one by one:
    5% of a one-file run (issue 11 (d)), and nothing to show for it. So the exit handlers run
    (:mod:`atexit`: the regex cache is saved there), the standard streams are flushed, and the
    process ends at once (:func:`os._exit`), as mypy's does. Every file the run wrote was
    closed where it was opened. The usual exit is kept when a thread may still be running
    (the link checks') or a profiler or tracer (coverage) watches the run, and when flushing
    fails (a closed pipe: the usual exit reports it the usual way)."""
    if "threading" in sys.modules or sys.getprofile() is not None or sys.gettrace() is not None:
        import gc

        gc.freeze()  # the interpreter's last collector pass need not walk every object of the run again
        sys.exit(code)
    import atexit
    import os

    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
    except BaseException:  # the usual exit says what went wrong, with its usual code
        sys.exit(code)
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    from lint.process import sigterm_as_interrupt

    with sigterm_as_interrupt():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = cli_parser.build(cli_parser.command_of(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors are 2, --help/--version 0
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    commands = {"check": _check, **cli_commands.COMMANDS}
    from lint import cli_view

    commands["completion"] = lambda args: cli_view.completion(args, cli_parser.build())
    from lint.errors import LintError

    try:
        return commands[args.command](args)
    except LintError as exc:
        say(str(exc), "error")
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("response-lint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # standard output on a full disk, a device that refuses: one clear line
        if getattr(args, "debug", False):
            raise
        where = f"{exc.filename}: " if exc.filename else "writing the output: "
        say(f"{where}{exc.strerror or exc}", "error")
        return EXIT_ERROR
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        say(f"{type(exc).__name__}: {exc} (run with --debug for details)", "internal error")
        return EXIT_ERROR
