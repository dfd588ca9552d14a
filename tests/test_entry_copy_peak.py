"""entry-copy's whole run keeps less in memory and gives the same: only the canonical texts more than
one paragraph has are remembered (``repeated_digests``), and a run's matches are kept as columns
(``Matched``)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from bench.corpus import generate
from lint import engine, pipeline
from lint.checks import entry_copy, entry_copy_again, entry_kept
from lint.checks.api import Context
from lint.checks.entry_paragraphs import Paragraphs
from lint.config import Config


def _run(bucket=64):
    config = Config()
    chosen = engine.select_rules(engine.available_rules(config), ["entry-copy"], [], [])
    plan = engine.Plan(chosen, config)
    item = plan.bound[0]
    context = Context(item.context.rule, item.context.severity, {**item.context.options, "max-bucket": bucket})
    items = list(generate(10, seed=6, formats=("source-2012", "publication-2015", "markdown")))
    copies = [(f"copy-{n}-{item.name}", item.data) for n in range(2) for item in items[:3]]  # texts held thrice
    named = [*((item.name, item.data) for item in items), *copies]
    summaries = [
        engine.check_document(plan, pipeline.read_document(name, config, data)).summaries["entry-copy"]
        for name, data in named
    ]
    return summaries, context


@pytest.mark.parametrize("entries", [None, 2, 3])
def test_only_repeated_texts_are_remembered_and_the_same_paragraphs_are_found(entries):
    summaries, _ = _run()
    paragraphs = Paragraphs(summaries)
    if entries is not None:  # texts recurring within and across entries
        dealt = random.Random(entries)
        paragraphs.keys = [f"entry {dealt.randrange(entries)}" for _ in paragraphs.keys]
    counts = Counter(paragraphs.digest(i) for i in range(len(paragraphs)))
    repeated = paragraphs.repeated_digests()
    assert repeated == {digest for digest, n in counts.items() if n > 1}
    assert repeated and len(repeated) < len(counts)
    every: tuple[dict[bytes, int], dict[bytes, int]] = ({}, {})
    fewer: tuple[dict[bytes, int], dict[bytes, int]] = ({}, {})
    for i in range(len(paragraphs)):
        assert entry_copy.same_paragraph(paragraphs, i, *fewer, repeated) == entry_copy.same_paragraph(
            paragraphs, i, *every
        )
    assert set(fewer[0]) == repeated and len(every[0]) == len(counts)


def test_matches_kept_as_columns_are_the_matches():
    summaries, context = _run()
    paragraphs = Paragraphs(summaries)
    threshold, bucket, same_figures = entry_copy.settings(context)
    matches = list(entry_copy.find_matches(paragraphs, threshold, bucket, same_figures=same_figures))
    assert matches
    fields = ("later", "sentence", "earlier", "source", "score")
    kept = entry_copy_again.Matched(iter(matches))
    assert [[getattr(m, f) for f in fields] for m in kept] == [
        [m.later, m.sentence[:2], m.earlier, m.source[:2], m.score] for m in matches
    ]
    options, paths = entry_copy.settings(context), entry_kept.paths_of(summaries)
    assert entry_copy_again._state(options, paths, paragraphs, kept) == entry_copy_again._state(
        options, paths, paragraphs, matches
    )
    found, _ = entry_copy_again.check_corpus_again(None, {}, summaries, context)  # a whole run: Matched
    assert found == list(entry_copy.check_corpus(summaries, context))


def test_arrays_joined_when_asked_are_their_bytes():
    from array import array

    from lint.checks.entry_holders import Joined

    parts = [array("q", range(5)), array("i", []), array("i", range(100, 107)), array("i", [7])]
    whole = b"".join(part.tobytes() for part in parts)
    joined = Joined(parts)
    assert len(joined) == len(whole) and bytes(joined) == whole
    rng = random.Random(1)
    for _ in range(300):
        start, stop = sorted(rng.randrange(-5, len(whole) + 5) for _ in range(2))
        assert joined[start:stop] == whole[start:stop]
    assert joined[:] == whole and joined[40:] == whole[40:]
    with pytest.raises(ValueError):
        joined[::2]
