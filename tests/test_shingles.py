"""Shingles as the copy checks keep them: packed into arrays, the same numbers in the same order however packed;
and the index of them counting what a count of every holder of every live shingle counts."""

from __future__ import annotations

import random
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks import shingles


@pytest.mark.parametrize("fast", [True, False])
def test_packed_is_the_set_as_an_array_in_the_sets_order(monkeypatch, fast):
    """Summaries (and the result cache's digests of them) hold these bytes: struct's packing and
    array's own must give the same array, the edges of a 64-bit hash included."""
    monkeypatch.setattr(shingles, "_SSIZE_IS_Q", fast and shingles._SSIZE_IS_Q)
    rng = random.Random(11)
    sets = [frozenset(), frozenset({0}), frozenset({-(1 << 63), (1 << 63) - 1, -1, 1})]
    sets += [frozenset(rng.getrandbits(64) - (1 << 63) for _ in range(n)) for n in (1, 3, 40, 700)]
    sets.append(shingles.grams(["the", "department", "will", "continue", "to", "work", "with", "other", "departments"]))
    for grams in sets:
        found = shingles.packed(grams)
        assert found.typecode == "q"
        assert found.tobytes() == array("q", grams).tobytes()
        assert list(found) == list(grams)


def _reference_add(texts: list[frozenset[int]], max_bucket: int, min_shared: int) -> list[dict[int, int]]:
    """Each text's earlier texts sharing live shingles, counted one holder at a time: a shingle is
    live for the m-th text holding it (from 0) while m < max(2, max_bucket)."""
    holders: dict[int, list[int]] = {}
    found = []
    for i, grams in enumerate(texts):
        counts: dict[int, int] = {}
        for gram in grams:
            before = holders.setdefault(gram, [])
            if len(before) < max(2, max_bucket):
                for j in before:
                    counts[j] = counts.get(j, 0) + 1
            before.append(i)
        found.append({j: n for j, n in counts.items() if n >= min_shared})
    return found


@pytest.mark.parametrize(("min_shared", "expected"), [(3, {0: 3}), (2, {0: 3, 1: 2, 2: 2}), (1, {0: 3, 1: 2, 2: 2})])
def test_holders_of_the_longest_lists_count_for_a_text_counted_elsewhere(min_shared, expected):
    """Text 3's two longest lists (shingles 1 and 2, held by texts 0-2) are only looked up with
    min_shared 3: text 0 is counted from shingle 3's list and then in both; texts 1 and 2, held in
    those two lists alone, share two shingles (enough for min_shared 2, which counts every list)."""
    texts = [frozenset({1, 2, 3, 4}), frozenset({1, 2}), frozenset({1, 2}), frozenset({1, 2, 3})]
    index = shingles.ShingleIndex()
    found = [index.add(grams, min_shared) for grams in texts]
    assert found[3] == expected
    assert found == _reference_add(texts, 64, min_shared)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.frozensets(st.integers(0, 12), max_size=8), max_size=24),
    st.sampled_from([1, 2, 3, 4, 6, 64]),
    st.integers(1, 4),
)
def test_the_index_counts_what_a_count_of_every_holder_counts(texts, max_bucket, min_shared):
    index = shingles.ShingleIndex(max_bucket=max_bucket)
    assert [index.add(grams, min_shared) for grams in texts] == _reference_add(texts, max_bucket, min_shared)
