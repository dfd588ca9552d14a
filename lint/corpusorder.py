"""The order of a run's corpus rules: those whose work runs in worker processes started first, read last.

A corpus check kind that declares ``starts_corpus`` hands its work to worker processes
when it is called, with more than one job (:func:`lint.checks.workers.jobs`), and gives
its findings as they come back. With ``--jobs`` over 1 the pipeline calls such rules
first (:func:`order`), runs the other corpus rules in the calling process while the
workers work, and reads the started rules' findings after them (:class:`Later`). The
calling process would otherwise wait with a core free, then run the others on one core
while the rest stood idle. Each rule's findings are the same, and are put back in the
plan's order, so the output is the same however they were scheduled.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from lint import engine
from lint.checks import workers

if TYPE_CHECKING:
    from lint.checks.api import CorpusCheck, Finding
    from lint.rules import Rule
    from lint.timings import Timings


def order(plan: engine.Plan, jobs: int) -> list[tuple[int, Rule, CorpusCheck, bool]]:
    """The run's corpus rules (:func:`lint.engine.corpus_rules`) as (place in the plan's order,
    rule, ``check_corpus``, whether to start it): with ``jobs`` over 1 those whose kind declares
    ``starts_corpus`` come first, to be started; else all in the plan's order, none started."""
    starts = {id(item.rule) for item in plan.bound if item.kind.starts_corpus} if jobs > 1 else set()
    rules = [(at, rule, check, id(rule) in starts) for at, (rule, check) in enumerate(engine.corpus_rules(plan))]
    return sorted(rules, key=lambda each: not each[3])  # (stable: the plan's order within each)


class Later:
    """The rules of one pass over the corpus rules that were started, read once the others ran."""

    __slots__ = ("_started",)

    def __init__(self) -> None:
        self._started: list[tuple[int, Rule, Iterator[Finding], float]] = []

    def __bool__(self) -> bool:
        return bool(self._started)

    def run(
        self, at: int, plan: engine.Plan, rule: Rule, check_corpus: CorpusCheck, summaries: Sequence[Any], start: bool
    ) -> list[Finding] | None:
        """The rule's findings (:func:`lint.engine.corpus_rule`), or None when ``start``: then it is
        called now (its workers started) and its findings read by :meth:`read`."""
        if not start:
            return engine.corpus_rule(plan, rule, check_corpus, summaries)
        began = time.perf_counter()
        context = next(item.context for item in plan.bound if item.rule is rule)  # (as engine.corpus_rule)
        found = iter(check_corpus(summaries, context))
        self._started.append((at, rule, found, time.perf_counter() - began))
        return None

    def read(self, found: dict[int, tuple[Rule, list[Finding]]], timings: Timings | None) -> None:
        """Each started rule's findings put in ``found`` at its place (its time, in this process, in ``timings``)."""
        while self._started:
            at, rule, given, seconds = self._started.pop(0)
            began = time.perf_counter()
            found[at] = (rule, list(given))  # (on an error, workers.allowed stops the others' workers as it ends)
            if timings is not None:
                timings.add_rule(rule.name, seconds + time.perf_counter() - began)

    def stop(self) -> None:
        """Stop the started rules' workers, unread (a pass that starts over)."""
        self._started.clear()
        workers.stop()
