"""What one ``check`` run is asked to do (:class:`CheckOptions`), apart from :mod:`lint.app` which runs it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from lint.record import Record, fill


class CheckOptions(Record):
    """What one ``check`` run is asked to do: the command line's flags, or an editor's or a test's request.

    Mutable (the CLI sets a few after making it) and equal by its fields."""

    __slots__ = (
        "also_write",
        "baseline",
        "cache",
        "changed_since",
        "color",
        "config",
        "diff",
        "extend_select",
        "extra",
        "fail_on",
        "fix",
        "force_exclude",
        "format",
        "ignore",
        "jobs",
        "links",
        "merge",
        "min_severity",
        "output",
        "paths",
        "quiet",
        "replay",
        "select",
        "shard",
        "shard_file",
        "show_source",
        "statistics",
        "stdin",
        "stdin_filename",
        "summary",
        "timings",
        "write_baseline",
    )
    paths: Sequence[str]
    format: str | None
    output: str | None
    also_write: Sequence[tuple[str, str]]  # (format, file): more reports of the same run
    select: Sequence[str] | None
    extend_select: Sequence[str]
    ignore: Sequence[str]
    fail_on: str | None
    config: str | None
    fix: bool
    diff: bool
    color: bool | None
    links: bool | None
    baseline: str | None  # report only findings this baseline file does not hold
    write_baseline: str | None  # record today's findings in this file
    changed_since: str | None  # report only findings on what changed since this git revision
    # speed (issue 11): --timings, --jobs, the result cache
    timings: bool  # --timings: time per stage and per rule, on stderr after the report
    jobs: int | None  # worker processes (None: one per core; 1: this process only)
    cache: bool  # --no-cache: neither read nor write the result cache
    replay: bool  # the CLI: write the output recorded by a run that had the same key again (lint.replay)
    shard: tuple[int, int] | None  # --shard K/N: check only this shard's files ...
    shard_file: str | None  # ... and write their results here, for ``merge``
    merge: Sequence[str]  # ``merge FILE...``: report the results of these shard files
    stdin_filename: str | None  # ``check -``: the name of the text on standard input
    stdin: BinaryIO | None  # ``check -`` reads this instead of sys.stdin (tests, the editor server)
    summary: bool  # ``--summary``: each document's entries × phases status table after the findings
    extra: dict[str, object]
    # what a run shows (issue 15); None: the config's value
    min_severity: str | None  # hide findings below this severity
    statistics: bool  # counts per rule instead of the findings
    quiet: bool  # the summary only
    show_source: bool | None  # source lines under the findings (text)
    force_exclude: bool | None  # exclude applies to files named on the command line

    def __init__(
        self,
        paths: Sequence[str] = (".",),
        format: str | None = None,
        output: str | None = None,
        also_write: Sequence[tuple[str, str]] = (),
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        fail_on: str | None = None,
        config: str | None = None,
        fix: bool = False,
        diff: bool = False,
        color: bool | None = None,
        links: bool | None = None,
        baseline: str | None = None,
        write_baseline: str | None = None,
        changed_since: str | None = None,
        timings: bool = False,
        jobs: int | None = None,
        cache: bool = True,
        replay: bool = False,
        shard: tuple[int, int] | None = None,
        shard_file: str | None = None,
        merge: Sequence[str] = (),
        stdin_filename: str | None = None,
        stdin: BinaryIO | None = None,
        summary: bool = False,
        extra: dict[str, object] | None = None,
        min_severity: str | None = None,
        statistics: bool = False,
        quiet: bool = False,
        show_source: bool | None = None,
        force_exclude: bool | None = None,
    ) -> None:
        extra = {} if extra is None else extra
        fill(self, locals())
