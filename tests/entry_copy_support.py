"""The entry-copy summaries of a small generated run, shared by the tests that compare ways of
matching them (tests/test_entry_copy_reference.py, tests/test_entry_spread.py)."""

from __future__ import annotations

import pytest

from bench.corpus import generate
from lint import engine, pipeline
from lint.config import Config


@pytest.fixture(scope="module")
def run_summaries():
    """entry-copy's summary of each of 36 generated files (three formats, copies between them)."""
    config = Config()
    chosen = engine.select_rules(engine.available_rules(config), ["entry-copy"], [], [])
    plan = engine.Plan(chosen, config)
    summaries = []
    for corpus_file in generate(36, seed=7):
        document = pipeline.read_document(corpus_file.name, config, corpus_file.data)
        summaries.append(engine.check_document(plan, document).summaries["entry-copy"])
    return summaries
