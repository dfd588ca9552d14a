"""Command line: ``response-lint check|outline|rules|rule NAME|links report``.

Parses arguments and hands over to :mod:`lint.app` (check), :mod:`lint.outline`
and :mod:`lint.rules`; prints one-line errors with exit 2 (tracebacks only with
``--debug``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from lint import __version__, cli_commands
from lint.cli_commands import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, report_options  # noqa: F401 - the exit codes, here as always
from lint.cli_commands import jobs as _jobs
from lint.escape import say
from lint.process import finite_seconds


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, sized without importing shutil (a few ms of every run's start-up)."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        if width is None:
            import os

            try:
                width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
            except (ValueError, OSError):
                width = 80
            width -= 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="response-lint",
        formatter_class=_HelpFormatter,
        description="Lint response files: placeholders, broken links, copy between years, "
        "missing phases and entries, readability and spelling.",
    )
    parser.add_argument("--version", action="version", version=f"response-lint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", formatter_class=_HelpFormatter, help="lint files and folders")
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or folders (folders are walked by the include globs); '-' reads standard input",
    )
    check.add_argument(
        "--format",
        help="output format: text, concise, json, github, sarif, junit, gitlab, "
        "checkstyle, html (default text; github when GITHUB_ACTIONS=true)",
    )
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    check.add_argument(
        "--also-write",
        action="append",
        default=[],
        metavar="FORMAT=FILE",
        help="also write the same run's report in FORMAT to FILE (repeatable), "
        "e.g. --format github --also-write sarif=results.sarif",
    )
    check.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="rules to run, by name or glob, comma-separated (replaces the default set)",
    )
    check.add_argument("--extend-select", action="append", metavar="RULES", help="rules to add to the selection")
    check.add_argument("--ignore", action="append", metavar="RULES", help="rules not to run")
    check.add_argument(
        "--fail-on",
        choices=["error", "warning", "info", "never"],
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    check.add_argument("--config", metavar="FILE", help="config file (default: found upward from the paths)")
    check.add_argument("--fix", action="store_true", help="apply the fixes that findings carry, in place")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    check.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings that the baseline FILE does not hold (see --write-baseline)",
    )
    check.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record today's findings in FILE and exit 0; later runs with --baseline FILE report only new findings",
    )
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="report only findings on lines changed since the git revision REF "
        "(REF... means the merge base of REF and HEAD)",
    )
    from lint import cli_view

    cli_view.add_arguments(check)  # issue 15: what the run shows, --force-exclude
    cli_view.add_completion_command(sub, _HelpFormatter)  # issue 15: shell completion
    links = check.add_argument_group("online link checking (see README: Checking links online)")
    cli_view.on_off(
        links,
        "links",
        "ask every http(s) link target online: broken-link and moved-link findings",
        "stay offline even if the config sets links = true",
    )
    links.add_argument(
        "--check-fragments",
        action="store_true",
        default=None,
        help="with --links, also check that #fragments exist in the pages",
    )
    links.add_argument(
        "--allow-private",
        action="store_true",
        default=None,
        help="with --links, allow private, loopback and link-local addresses",
    )
    links.add_argument(
        "--cache-ttl",
        metavar="DURATION",
        help="reuse cached link results this long: seconds, or 30m, 12h, 1d (default 1d)",
    )
    links.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the result cache, nor (with --links) the link cache",
    )
    links.add_argument(
        "--link-timeout",
        type=finite_seconds,
        metavar="SECONDS",
        help="seconds to wait for a link's answer (default 20)",
    )
    links.add_argument(
        "--link-exclude",
        action="append",
        metavar="REGEX",
        help="do not request URLs matching REGEX (repeatable; adds to link-check.exclude)",
    )
    _history_arguments(links)
    cli_view.on_off(
        check, "color", "colour the text output even when piped", "never colour the output (as NO_COLOR does)"
    )
    # after the command too; SUPPRESS keeps a --debug given before the command from being reset
    check.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    _editor_arguments(check)
    _speed_options(check)

    outline = sub.add_parser(
        "outline", formatter_class=_HelpFormatter, help="print the parsed structure of files as JSON"
    )
    outline.add_argument("files", nargs="+", metavar="PATH", help="files or folders (folders are walked as by check)")
    outline.add_argument("--config", metavar="FILE")

    rules = sub.add_parser("rules", formatter_class=_HelpFormatter, help="list the rules")
    rules.add_argument("--config", metavar="FILE")
    rules.add_argument("--json", action="store_true", help="as JSON")
    rules.add_argument(
        "--test", action="store_true", help="run every rule's pass/fail examples (to test your own rule packs)"
    )

    rule = sub.add_parser(
        "rule", formatter_class=_HelpFormatter, help="explain one rule, with its options and examples"
    )
    rule.add_argument("name")
    rule.add_argument("--config", metavar="FILE")
    _links_command(sub)
    _speed_commands(sub)
    sub.add_parser(
        "lsp", formatter_class=_HelpFormatter, help="run the language server for editors (stdio; see README: Editors)"
    )
    return parser


# --- link history (--link-history, `links report`): one block, kept apart from the other options
def _history_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--link-history",
        metavar="FILE",
        help="keep the links' failure history in FILE, a portable SQLite file to save between CI runs "
        "(default: inside the link cache)",
    )


def _history_overrides(args: argparse.Namespace) -> dict[str, object]:
    return {"history": args.link_history} if args.link_history else {}


def _links_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    links = sub.add_parser("links", formatter_class=_HelpFormatter, help="the link checker's history")
    actions = links.add_subparsers(dest="links_command", metavar="ACTION", required=True)
    report = actions.add_parser(
        "report",
        formatter_class=_HelpFormatter,
        help="print the failure history of the targets checked so far, worst first",
    )
    report.add_argument("--link-history", metavar="FILE", help="read this history file (default: the link cache)")
    report.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    report.add_argument("--failing", action="store_true", help="only the targets that are failing")
    report.add_argument("--config", metavar="FILE", help="config file (default: found upward from here)")


# --- end of the link history block


def _speed_options(check: argparse.ArgumentParser) -> None:
    """``check``'s options for speed: timings, worker processes, the result cache, shards."""
    speed = check.add_argument_group("speed (see docs/architecture.md)")
    speed.add_argument(
        "--timings", action="store_true", help="after the report, print the time of each stage and rule to stderr"
    )
    speed.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        metavar="N",
        help="check files in N worker processes (default: one per core; 1: in this process)",
    )
    speed.add_argument(
        "--shard",
        metavar="K/N",
        help="check only shard K of N (a stable 1/N of the files) and write the results to --shard-file",
    )
    speed.add_argument("--shard-file", metavar="FILE", help="with --shard: where to write the shard's results")


def _speed_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``clean`` (the result cache) and ``merge`` (shard files)."""
    clean = sub.add_parser("clean", formatter_class=_HelpFormatter, help="remove the result cache of the project")
    clean.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="where to look for the config")
    clean.add_argument("--config", metavar="FILE")
    merge = sub.add_parser(
        "merge",
        formatter_class=_HelpFormatter,
        help="one report from the shard files of a run (check --shard K/N --shard-file FILE)",
    )
    merge.add_argument("files", nargs="+", metavar="FILE", help="every shard file of the run")
    merge.add_argument("--format", help="output format, as for check")
    merge.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    merge.add_argument("--fail-on", choices=["error", "warning", "info", "never"], help="as for check")
    merge.add_argument("--config", metavar="FILE", help="the config the shards were checked with")
    for option in ("--select", "--extend-select", "--ignore"):
        merge.add_argument(option, action="append", metavar="RULES", help="as given to check")
    merge.add_argument("--no-color", dest="color", action="store_const", const=False, help="never colour the output")


def _editor_arguments(check: argparse.ArgumentParser) -> None:
    """Options for editors and people reading reports: standard input, the terminal summary."""
    editors = check.add_argument_group("editors and reports")
    editors.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="with '-': the path of the text on standard input (for the config, the format and the report)",
    )
    editors.add_argument(
        "--summary",
        action="store_true",
        help="after the findings, print each document's status table (entries × phases) fitted to the terminal",
    )


def _format_file(value: str) -> tuple[str, str]:
    from lint.app import UsageError

    fmt, sep, path = value.partition("=")
    if not sep or not fmt.strip() or not path:
        raise UsageError(f"--also-write: expected FORMAT=FILE, got {value!r}")
    return fmt.strip(), path


def _check(args: argparse.Namespace) -> int:
    from lint.collector import collector_paused

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
    options.extra["link-check"] = {**_link_overrides(args), **_history_overrides(args)}
    outcome = check(options)
    return outcome.exit_code


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


def run() -> NoReturn:
    """The ``response-lint`` program (and ``python -m lint``): :func:`main`, then exit.

    What is left at the exit is frozen first (:func:`gc.freeze`), so the interpreter's last
    collector pass does not walk every object of the run again (3% of a one-file run);
    reference counting still frees them as the modules go, and every file the run wrote
    was closed where it was opened."""
    code = main()
    import gc

    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    from lint.process import sigterm_as_interrupt

    with sigterm_as_interrupt():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors are 2, --help/--version 0
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    commands = {"check": _check, **cli_commands.COMMANDS}
    from lint import cli_view

    commands["completion"] = lambda args: cli_view.completion(args, _parser())
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
