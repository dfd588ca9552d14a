"""``--timings``: where a run's time went, per stage and per rule (like ESLint's ``TIMING=1``).

A :class:`Timings` collects wall seconds by stage (discover, read, check, corpus
rules, report, ...) and by rule; :meth:`Timings.render` prints two tables after
the report. With ``--jobs`` the per-rule figures are the workers' times added up
(CPU spent on the rule across processes), so they may sum to more than the
``check`` stage's wall time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

STAGES = ("discover", "cache", "read", "check", "corpus rules", "suppressions", "report")


class Timings:
    """Seconds spent per stage and per rule of one run."""

    __slots__ = ("rules", "stages")

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self.rules: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add_stage(name, time.perf_counter() - start)

    def add_stage(self, name: str, seconds: float) -> None:
        self.stages[name] = self.stages.get(name, 0.0) + seconds

    def add_rule(self, name: str, seconds: float) -> None:
        self.rules[name] = self.rules.get(name, 0.0) + seconds

    def merge_rules(self, rules: Mapping[str, float]) -> None:
        for name, seconds in rules.items():
            self.add_rule(name, seconds)

    def render(self, out: TextIO) -> None:
        """Two tables: stages in run order, then rules, slowest first, each with its share."""
        order = [s for s in STAGES if s in self.stages] + [s for s in self.stages if s not in STAGES]
        _table(out, "Stage", [(name, self.stages[name]) for name in order])
        out.write("\n")
        _table(out, "Rule", sorted(self.rules.items(), key=lambda item: (-item[1], item[0])))


def _table(out: TextIO, title: str, rows: list[tuple[str, float]]) -> None:
    total = sum(seconds for _, seconds in rows) or 1.0
    width = max([len(title), *(len(name) for name, _ in rows)])
    out.write(f"{title:<{width}} | Time (ms) | Relative\n")
    out.write(f"{'':-<{width}}-+-----------+---------\n")
    for name, seconds in rows:
        out.write(f"{name:<{width}} | {seconds * 1000:9.1f} | {100 * seconds / total:7.1f}%\n")
