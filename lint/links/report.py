"""``response-lint links report``: the failure history of the targets a history knows,
worst first, as text or JSON. Standard library only; reads the history, never the
network.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from lint.links.history import Record
from lint.links.settings import Settings
from lint.links.urls import Target, parse_target
from lint.links.verdict import judge, last_answer

# states, worst first
RANK = {"broken": 0, "tls": 1, "unreliable": 2, "login": 3, "ok": 4}


@dataclass(frozen=True, slots=True)
class Row:
    """One target's line of the report."""

    target: str
    state: str
    since: float | None  # first failure, or last success for a working target
    runs: int
    last: str
    record: Record


def state_of(record: Record, settings: Settings, at: float) -> str:
    """What the next ``check --links`` would call the target if it answered as it last did:
    :func:`~lint.links.verdict.judge` on that answer, its category (``tls``, ``login``) first."""
    result = judge(as_target(record.url), last_answer(record), settings, record, at)
    return result.category or result.state


def as_target(url: str) -> Target:
    """A history's URL as the link target it was asked for (no fragment: the history is by URL)."""
    return parse_target(url) or Target(url, url, None, ("", "", 0))


def rows(records: Iterable[Record], settings: Settings, at: float) -> list[Row]:
    """The report's rows, worst first: by state, then most failing runs, then longest failing."""
    out = [
        Row(
            r.url,
            state,
            r.first_failure if r.failing else r.last_success,
            r.failing_runs,
            r.last_status,
            r,
        )
        for r in records
        for state in (state_of(r, settings, at),)
    ]
    out.sort(key=lambda row: (RANK[row.state], -row.runs, row.since or 0.0, row.target))
    return out


def _day(when: float | None) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(when)) if when is not None else "-"


def _iso(when: float | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when)) if when is not None else None


def render_text(report: list[Row], out: TextIO) -> None:
    """Columns: state, since, runs, target, last answer."""
    if not report:
        out.write("no targets in the link history\n")
        return
    width = max(len(row.state) for row in report)
    out.write(f"{'STATE':<{width}}  SINCE       RUNS  TARGET (LAST ANSWER)\n")
    for row in report:
        out.write(f"{row.state:<{width}}  {_day(row.since):<10}  {row.runs:>4}  {row.target}  ({row.last})\n")
    failing = sum(1 for row in report if row.state != "ok")
    out.write(f"{len(report)} target{'s' if len(report) != 1 else ''}, {failing} failing\n")


def render_json(report: list[Row], out: TextIO, source: str) -> None:
    """``{"version": 1, "history": PATH, "targets": [...]}``; times in UTC, ISO 8601."""
    data = {
        "version": 1,
        "history": source,
        "targets": [
            {
                "target": row.target,
                "state": row.state,
                "since": _iso(row.since),
                "runs": row.runs,
                "last_status": row.last,
                "last_code": row.record.last_code,
                "transient": row.record.transient,
                "first_failure": _iso(row.record.first_failure),
                "last_failure": _iso(row.record.last_failure),
                "last_success": _iso(row.record.last_success),
            }
            for row in report
        ],
    }
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def command(config_file: str | None, history_file: str | None, fmt: str, failing_only: bool, out: TextIO) -> int:
    """``links report``: find the history (``--link-history``, the config's, or the cache's) and print it."""
    from lint.config import for_paths
    from lint.links.history import History, now
    from lint.links.runner import history_location as location
    from lint.links.settings import merge

    config = for_paths(["."], config_file)
    overrides = {"history": history_file} if history_file else {}
    settings = merge(config.link_check, overrides, root=config.root, source=config.source)
    where = location(settings) or location(Settings(cache_path=settings.cache_path))
    records: list[Record] = []
    source = str(where[0]) if where is not None else ""
    if where is not None:
        store = History.open(where[0], portable=where[1], create=False)
        if store is not None:
            try:
                records = list(store.records().values())
            finally:
                store.close()
    report = rows(records, settings, now())
    if failing_only:
        report = [row for row in report if row.state != "ok"]
    if fmt == "json":
        render_json(report, out, source)
    else:
        if where is not None and not records:
            from lint.escape import say

            say(f"no link history in {source} yet (run check --links)", "note")
        render_text(report, out)
    return 0
