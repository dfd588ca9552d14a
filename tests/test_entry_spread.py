"""entry-copy's matching spread over worker processes gives the matches of one process, in the
same order (lint.checks.entry_spread), and an index brought up to a chunk's start by registering
the paragraphs before it answers as one that added them all, the bucket cap included."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from bench.corpus import generate
from lint.checks import copies, entry_copy, entry_spread, workers
from lint.checks.entry_paragraphs import Paragraphs

from .conftest import run_cli
from .entry_copy_support import run_summaries

__all__ = ["run_summaries"]  # a fixture, shared


def _tuples(matches):
    return [(m.later, m.sentence, m.earlier, m.source, m.score) for m in matches]


@pytest.mark.parametrize(
    ("bucket", "threshold", "same_figures", "jobs", "chunks"),
    [(64, 85.0, True, 2, 7), (3, 85.0, True, 3, 5), (2, 60.0, False, 2, 16), (1, 85.0, True, 2, 3)],
)
def test_spread_matches_are_those_of_one_process_in_order(run_summaries, bucket, threshold, same_figures, jobs, chunks):
    paragraphs = Paragraphs(run_summaries)
    alone = _tuples(entry_copy.find_matches(paragraphs, threshold, bucket, same_figures=same_figures))
    spread = _tuples(entry_spread.spread_matches(paragraphs, threshold, bucket, same_figures, jobs, chunks))
    assert len(alone) > 10
    assert spread == alone


@pytest.mark.parametrize(("bucket", "jobs", "chunks"), [(64, 2, 0), (3, 3, 7), (1, 2, 16)])
def test_spread_findings_are_those_of_one_process_in_order(run_summaries, bucket, jobs, chunks):
    """Each worker makes its chunk's findings from its matches: the findings of one process."""
    from lint import engine
    from lint.checks.api import Context
    from lint.config import Config

    config = Config()
    plan = engine.Plan(engine.select_rules(engine.available_rules(config), ["entry-copy"], [], []), config)
    item = plan.bound[0]
    context = Context(item.context.rule, item.context.severity, {**item.context.options, "max-bucket": bucket})
    alone = list(entry_copy.check_corpus(run_summaries, context))
    assert len(alone) > 3 or bucket < 64
    assert list(entry_spread.spread_findings(Paragraphs(run_summaries), context, jobs, chunks)) == alone


@pytest.mark.parametrize("bucket", [64, 4, 3, 2, 1])
def test_an_index_registered_up_to_a_chunk_answers_as_one_that_added_everything(run_summaries, bucket):
    paragraphs = Paragraphs(run_summaries)
    count = len(paragraphs)
    added = copies.ShingleIndex(max_bucket=bucket)
    expected = [added.add(paragraphs.grams(i), 3) for i in range(count)]
    assert sum(map(len, expected)) > 100
    for start in (1, count // 3, count - 1):
        index = copies.ShingleIndex(max_bucket=bucket)
        for i in range(start):
            index.register(paragraphs.grams(i))
        assert [index.add(paragraphs.grams(i), 3) for i in range(start, count)] == expected[start:]
        assert index._held == added._held and len(index) == len(added)


@pytest.mark.parametrize("bucket", [1, 2, 3, 4])
def test_the_bucket_cap_at_its_edge_is_the_same_registered_or_added(bucket):
    """Texts that all hold the same three shingles: the ``bucket``-th holder still counts the ones
    before it (the first holder counts none; with a cap of 1, the second still counts the first),
    later ones find a stock phrase; registering texts first changes none of it."""
    shingles = [11, 22, 33]
    added = copies.ShingleIndex(max_bucket=bucket)
    expected = [added.add(shingles, 3) for _ in range(bucket + 2)]
    live = max(2, bucket)  # texts that find the earlier ones
    assert expected == [{}] + [dict.fromkeys(range(n), 3) for n in range(1, live)] + [{}] * (bucket + 2 - live)
    for start in range(1, bucket + 2):
        index = copies.ShingleIndex(max_bucket=bucket)
        for _ in range(start):
            index.register(shingles)
        assert [index.add(shingles, 3) for _ in range(start, bucket + 2)] == expected[start:]


def test_a_small_run_or_one_job_stays_in_this_process(run_summaries, monkeypatch):
    paragraphs = Paragraphs(run_summaries)
    assert not entry_spread.can_spread(paragraphs, 2)  # fewer paragraphs than MIN_SPREAD
    monkeypatch.setattr(entry_spread, "MIN_SPREAD", 1)
    assert entry_spread.can_spread(paragraphs, 2)
    assert not entry_spread.can_spread(paragraphs, 1)
    assert workers.jobs() == 1  # outside a run's corpus stage
    with workers.allowed(3):
        assert workers.jobs() == 3
    assert workers.jobs() == 1


def test_check_gives_the_same_report_with_the_matching_spread(tmp_path, monkeypatch):
    """A run whose corpus stage spreads entry-copy's matching over workers (every run past
    MIN_SPREAD paragraphs with --jobs over 1) reports what --jobs 1 does, byte for byte."""
    for item in generate(24, seed=5, formats=("source-2012", "publication-2015", "markdown")):
        (tmp_path / item.name).write_bytes(item.data)
    args = ("check", str(tmp_path), "--format", "json", "--fail-on", "never", "--no-cache")
    one = run_cli(*args, "--jobs", "1")
    assert '"entry-copy"' in one.out
    monkeypatch.setattr(entry_spread, "MIN_SPREAD", 1)
    spread = []
    real = entry_spread.spread_findings
    monkeypatch.setattr(entry_spread, "spread_findings", lambda *a, **k: spread.append(a) or real(*a, **k))
    assert run_cli(*args, "--jobs", "2").out == one.out
    assert spread  # (the matching was spread)
    assert run_cli(*args, "--jobs", "1").out == one.out
    assert len(spread) == 1  # (--jobs 1: in this process)


@pytest.mark.parametrize(
    ("config", "found"), [("", 12), ("[rules.entry-copy]\nmax-bucket = 3\n", 3)], ids=["default", "small-buckets"]
)
def test_jobs_and_shards_give_one_report_with_the_matching_spread_in_many_chunks(tmp_path, monkeypatch, config, found):
    """--jobs 1, 2 and 3 and a sharded-then-merged run give the same JSON, byte for byte, with
    entry-copy's matching spread in chunks handed to whichever worker is free (a worker registers the
    chunks others matched): with the default bucket and with one that makes a shared 3-gram a stock phrase
    at its third holder, so the registered index's cap decides candidates (three findings of twelve are
    left; a cap registered one holder late gives other findings with 2 and 3 jobs)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for item in generate(36, seed=7, formats=("source-2012", "publication-2015", "markdown")):
        (corpus / item.name).write_bytes(item.data)
    (corpus / ".response-lint.toml").write_text(config, encoding="utf-8")
    args = ("check", str(corpus), "--format", "json", "--fail-on", "never", "--no-cache")
    one = run_cli(*args, "--jobs", "1")
    assert one.code == 0 and one.out.count('"entry-copy"') == found
    monkeypatch.setattr(entry_spread, "MIN_SPREAD", 1)
    spread = []
    real = entry_spread.spread_findings
    monkeypatch.setattr(entry_spread, "spread_findings", lambda *a, **k: spread.append(a[-1]) or real(*a, **k))
    for jobs in ("2", "3"):
        assert run_cli(*args, "--jobs", jobs).out == one.out, jobs
    assert spread == [2, 3]  # (the matching was spread, over the run's jobs)
    shards = []
    for k in (1, 2):
        shards.append(str(tmp_path / f"shard-{k}.bin"))
        shard = run_cli(
            "check", str(corpus), "--no-cache", "--shard", f"{k}/2", "--shard-file", shards[-1], "--jobs", "2"
        )
        assert shard.code == 0, shard.err
    config_file = str(corpus / ".response-lint.toml")  # (merge finds no config upward from a path)
    merged = run_cli("merge", *shards, "--config", config_file, "--format", "json", "--fail-on", "never")
    assert merged.code == 0, merged.err
    assert merged.out == one.out


def _worker_dies(bounds):
    """(In a worker) as if killed while matching (the out-of-memory killer, a signal)."""
    os._exit(9)


@pytest.fixture
def spread_run(tmp_path, monkeypatch):
    """The arguments of a --jobs 2 run of 24 generated files whose entry-copy matching is spread."""
    for item in generate(24, seed=5, formats=("source-2012", "publication-2015", "markdown")):
        (tmp_path / item.name).write_bytes(item.data)
    monkeypatch.setattr(entry_spread, "MIN_SPREAD", 1)
    return ("check", str(tmp_path), "--format", "json", "--no-cache", "--jobs", "2")


def test_a_matching_worker_that_dies_ends_the_run_with_one_line_and_exit_2(spread_run, monkeypatch):
    monkeypatch.setattr(entry_spread, "_find", _worker_dies)
    result = run_cli(*spread_run)
    assert result.code == 2 and result.out == ""
    assert "entry-copy: a worker process matching paragraphs ended before it gave back its matches" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not multiprocessing.active_children()  # (every worker gone: none left behind)


def test_a_corpus_rule_that_fails_while_the_matching_is_started_stops_its_workers(spread_run, monkeypatch):
    """entry-copy is started first, its workers matching while the other corpus rules run here:
    one of those failing ends the run (exit 2) and the workers with it, their matches unread."""
    from lint import engine

    started = []
    real = entry_spread.spread_findings
    monkeypatch.setattr(entry_spread, "spread_findings", lambda *a, **k: started.append(1) or real(*a, **k))
    whole = engine.corpus_rule

    def drift_fails(plan, rule, check_corpus, summaries):
        if rule.name == "cross-page-drift":
            assert started  # (entry-copy's workers started first)
            raise RuntimeError("cross-page-drift failed")
        return whole(plan, rule, check_corpus, summaries)

    monkeypatch.setattr(engine, "corpus_rule", drift_fails)
    result = run_cli(*spread_run)
    assert result.code == 2 and "RuntimeError: cross-page-drift failed" in result.err
    assert not multiprocessing.active_children()


def test_a_rule_that_starts_workers_is_called_first_only_with_jobs():
    """corpusorder: with jobs over 1 the kinds declaring starts_corpus come first, to be started,
    each keeping its place in the plan's order (where its findings go back); with one job, the
    plan's order and nothing started."""
    from lint import corpusorder, engine
    from lint.config import Config

    config = Config()
    plan = engine.Plan(engine.select_rules(engine.available_rules(config), None, [], []), config)
    names = [rule.name for rule, _ in engine.corpus_rules(plan)]
    assert len(names) > 2 and names.index("entry-copy") > 0
    one = corpusorder.order(plan, 1)
    assert [(at, rule.name, starts) for at, rule, _, starts in one] == [(at, n, False) for at, n in enumerate(names)]
    two = corpusorder.order(plan, 2)
    assert [(rule.name, starts) for _, rule, _, starts in two[:1]] == [("entry-copy", True)]
    rest = [(at, rule.name, starts) for at, rule, _, starts in two[1:]]
    assert rest == [(at, n, False) for at, n in enumerate(names) if n != "entry-copy"]
