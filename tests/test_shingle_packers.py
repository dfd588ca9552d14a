"""Shingles packed by a kept packer per count: the same bytes as the set as an array, within a bound."""

from __future__ import annotations

import random
from array import array

from lint.checks import shingles


def test_each_count_of_shingles_keeps_its_packer_within_a_bound(monkeypatch):
    """A packer per count, kept: struct's own cache of formats (100) was emptied again and again by
    a run's many counts. Past the bound the packers are made again, and pack the same."""
    rng = random.Random(12)
    sets = [frozenset(rng.getrandbits(64) - (1 << 63) for _ in range(n)) for n in range(0, 260, 2)]
    monkeypatch.setattr(shingles, "_PACKERS", {})
    for grams in sets:
        assert shingles.packed(grams).tobytes() == array("q", grams).tobytes()
    assert set(shingles._PACKERS) == {len(grams) for grams in sets}  # each made once, all kept
    monkeypatch.setattr(shingles, "_PACKERS", {})
    monkeypatch.setattr(shingles, "_PACKERS_MAX", 16)
    for grams in sets:
        assert shingles.packed(grams).tobytes() == array("q", grams).tobytes()
        assert len(shingles._PACKERS) <= 16
