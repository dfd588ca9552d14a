"""The ``check`` options of issue 15 (what a run shows, which named files it skips), for :mod:`lint.cli`.

Kept apart from the parser's other options so that each group is added, read and
documented in one place: ``--min-severity``, ``--statistics``, ``-q/--quiet``,
``--show-source/--no-show-source`` and ``--force-exclude/--no-force-exclude``; and
:func:`on_off`, the one way every ``--NAME/--no-NAME`` pair of the CLI is declared.
"""

from __future__ import annotations

import argparse
from typing import Any


def on_off(parser: argparse.ArgumentParser | argparse._ArgumentGroup, name: str, on: str, off: str) -> None:
    """``--NAME`` and ``--no-NAME``, each excluding the other: True, False, or None when neither is
    given (the config decides). ``on`` and ``off`` are their help texts."""
    dest = name.replace("-", "_")
    pair = parser.add_mutually_exclusive_group()
    pair.add_argument(f"--{name}", dest=dest, action="store_const", const=True, default=None, help=on)
    pair.add_argument(f"--no-{name}", dest=dest, action="store_const", const=False, help=off)


def add_arguments(check: argparse.ArgumentParser) -> None:
    group = check.add_argument_group("what the run shows")
    group.add_argument(
        "--min-severity",
        choices=["error", "warning", "info"],
        help="hide findings below this severity, in every format (default: info, all); "
        "--fail-on still decides the exit code, from the findings shown",
    )
    group.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of findings per rule instead of the findings (JSON with --format json)",
    )
    group.add_argument("-q", "--quiet", action="store_true", help="print the summary line only (text formats)")
    on_off(
        group,
        "show-source",
        "show the source line and underline under each finding (text; the default)",
        "one line per finding",
    )
    on_off(
        group,
        "force-exclude",
        "apply the config's exclude globs to files named on the command line too "
        "(as pre-commit names them; the hook sets it)",
        "lint every file named on the command line (the default)",
    )


def options(args: argparse.Namespace) -> dict[str, Any]:
    """The :class:`lint.app.CheckOptions` fields these options set."""
    return {
        "min_severity": args.min_severity,
        "statistics": args.statistics,
        "quiet": args.quiet,
        "show_source": args.show_source,
        "force_exclude": args.force_exclude,
    }


# ---- shell completion (issue 15): ``response-lint completion bash|zsh|tcsh`` ----

SHELLS = ("bash", "zsh", "tcsh")
_PATH_METAVARS = {"PATH", "FILE", "FORMAT=FILE"}


def add_completion_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], formatter: type[argparse.HelpFormatter]
) -> None:
    completion = sub.add_parser(
        "completion",
        formatter_class=formatter,  # the other commands' (argparse's own imports shutil, on every run)
        help="print a shell completion script (bash, zsh or tcsh; see README: Shell completion)",
        description="Print the completion script for SHELL, e.g. "
        "response-lint completion bash > ~/.local/share/bash-completion/completions/response-lint",
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def _path_arguments(parser: argparse.ArgumentParser) -> None:
    """Mark the arguments that take paths, in ``parser`` and its commands, for shtab to complete files."""
    import shtab

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                _path_arguments(command)
        elif action.metavar in _PATH_METAVARS or action.dest in ("paths", "files", "config", "output"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]


def completion(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Print the completion script (shtab is imported only here)."""
    import sys

    import shtab

    _path_arguments(parser)
    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return 0
