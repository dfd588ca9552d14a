"""entry-copy's fast paths give what the plain algorithm gives: the matches of a run equal those of a
reference written the obvious way (every candidate sentence compared, the index counting every
holder), and its scorer equals :func:`lint.checks.copies.similarity` wherever a score can count."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks import copies, entry_copy
from lint.checks.entry_paragraphs import Paragraphs

from .entry_copy_support import run_summaries

__all__ = ["run_summaries"]  # a fixture, shared

WORDS = ["work", "with", "other", "department", "continu", "to", "#", "@org", "the", "servic", "deliv", "plan"]


def _reference_index(paragraphs: Paragraphs, max_bucket: int, min_shared: int = 3) -> list[dict[int, int]]:
    """Each paragraph's earlier paragraphs sharing live shingles, counted one holder at a time: a
    shingle is live for the m-th paragraph holding it (from 0) when 1 <= m <= max(1, max_bucket - 1)."""
    holders: dict[int, list[int]] = {}
    found = []
    for i in range(len(paragraphs)):
        counts: dict[int, int] = {}
        for gram in paragraphs.grams(i):
            before = holders.setdefault(gram, [])
            if 1 <= len(before) <= max(1, max_bucket - 1):
                for j in before:
                    counts[j] = counts.get(j, 0) + 1
            before.append(i)
        found.append({j: n for j, n in counts.items() if n >= min_shared})
    return found


def _reference_paragraph(paragraphs, i, shared, same, threshold, same_figures):
    keys = paragraphs.keys
    ranked = sorted((-n, j) for j, n in shared.items())
    candidates = [j for _, j in ranked if keys[j] != keys[i]][:16]
    if same is not None and same not in candidates:
        candidates.append(same)
    candidates.sort()
    reachable = set().union(*(paragraphs.grams(j) for j in candidates))
    found = []
    for sentence in paragraphs.sentences(i):
        if frozenset(sentence[3]).isdisjoint(reachable):
            continue
        best = None
        for j in candidates:
            for source in paragraphs.sentences(j):
                if source[2] == sentence[2]:
                    score = 100.0
                elif copies.overlap(frozenset(sentence[3]), frozenset(source[3])) < 0.2:
                    continue
                else:
                    score = copies.similarity(sentence[2], source[2], threshold)
                if score < threshold or (best is not None and score <= best[0]):
                    continue
                if same_figures and copies.figures(paragraphs.text(i)[sentence[0] : sentence[1]]) != copies.figures(
                    paragraphs.text(j)[source[0] : source[1]]
                ):
                    continue
                best = (score, j, source)
        if best is not None:
            found.append((i, sentence[:2], best[1], best[2][:2], best[0]))
    return found


@pytest.fixture(scope="module")
def run_paragraphs(run_summaries):
    return Paragraphs(run_summaries)


@pytest.mark.parametrize(
    ("bucket", "threshold", "same_figures"), [(64, 85.0, True), (3, 85.0, True), (64, 60.0, False)]
)
def test_the_matches_of_a_run_are_the_reference_ones(run_paragraphs, bucket, threshold, same_figures):
    paragraphs = run_paragraphs
    expected = []
    first_with: dict[bytes, int] = {}
    other_with: dict[bytes, int] = {}
    for i, shared in enumerate(_reference_index(paragraphs, bucket)):
        same = entry_copy.same_paragraph(paragraphs, i, first_with, other_with)
        if shared or same is not None:
            expected.extend(_reference_paragraph(paragraphs, i, shared, same, threshold, same_figures))
    got = [
        (m.later, m.sentence, m.earlier, m.source, m.score)
        for m in entry_copy.find_matches(paragraphs, threshold, bucket, same_figures=same_figures)
    ]
    assert len(expected) > 10
    assert got == expected


@pytest.mark.parametrize("bucket", [64, 3, 2, 1])
def test_the_index_counts_every_live_holder(run_paragraphs, bucket):
    index = copies.ShingleIndex(max_bucket=bucket)
    expected = _reference_index(run_paragraphs, bucket)
    assert [index.add(run_paragraphs.grams(i), 3) for i in range(len(run_paragraphs))] == expected
    assert sum(map(len, expected)) > 100


texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(texts, texts, st.sampled_from([0.0, 50.0, 85.0, 99.5, 100.0]))
def test_the_scorer_is_similarity_wherever_it_reaches_the_threshold(a, b, threshold):
    fast = entry_copy._scorer(threshold)(a, b)
    plain = copies.similarity(a, b, threshold)
    assert (fast >= threshold) == (plain >= threshold)
    if plain >= threshold:
        assert fast == plain


def test_a_run_leaves_no_cycle(run_summaries):
    """A run's Paragraphs is freed by reference counting alone (a run keeps the collector off:
    a cycle through it kept every summary alive)."""
    import gc

    paragraphs = Paragraphs(run_summaries)
    list(entry_copy.find_matches(paragraphs, 85.0, 64))
    gc.collect()
    gc.disable()
    try:
        del paragraphs
        assert gc.collect() == 0
    finally:
        gc.enable()
