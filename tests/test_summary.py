"""``check --summary``: the status table in the terminal after the findings, fitted to its width."""

from __future__ import annotations

import os
import re

import pytest

from tests.conftest import ROOT, run_process

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("columns", [60, 140])
def test_summary_follows_the_findings_and_fits_the_width(columns: int) -> None:
    env = {**os.environ, "COLUMNS": str(columns)}
    env.pop("NO_COLOR", None)
    result = run_process("check", "fixtures/seeds", "--summary", "--format", "concise", cwd=ROOT, env=env)
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    first_table = next(i for i, line in enumerate(lines) if line.startswith("fixtures/seeds/000.txt —"))
    findings = [i for i, line in enumerate(lines) if re.match(r"fixtures/seeds/00\d\.txt:\d+:\d+: \w+: ", line)]
    assert findings == list(range(len(findings))) and len(findings) > 50  # the findings first, then the tables
    assert max(len(line) for line in lines[first_table:]) <= columns
    table = "\n".join(lines[first_table:])
    flat = " ".join(table.split())
    for word in ("placeholder", "broken link", "copied from", "missing", "hard to read", "present"):
        assert word in flat
    # seed 001 (one phase): DCLG says only "Coming soon...": a table row at any width
    assert re.search(r"\| Department for Communities[^|]*\|\s*placeholder", table)
    # seed 000 (five phases): a table when it fits, else one paragraph per entry
    if columns >= 100:
        assert re.search(r"\| The Attorney( General’s Office)?\s*\| +present", table)
    else:
        assert "\nThe Attorney General’s Office\n  commitment 2012: " in table


def test_summary_in_colour_on_request() -> None:
    env = {**os.environ, "COLUMNS": "120"}
    result = run_process("check", "fixtures/seeds/001.txt", "--summary", "--color", cwd=ROOT, env=env)
    tail = result.out[result.out.index("fixtures/seeds/001.txt —") :]
    assert ANSI.search(tail)
    assert "placeholder" in ANSI.sub("", tail)
