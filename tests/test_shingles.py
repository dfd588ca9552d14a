"""Shingles as the copy checks keep them: packed into arrays, the same numbers in the same order however packed."""

from __future__ import annotations

import random
from array import array

import pytest

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
