"""Shingles for the copy checks: hashes of word 3-grams, their overlap, and an inverted index.

Near copies across a whole run are found without comparing every pair: a paragraph's
canonical tokens become hashes of their 3-grams (:func:`grams`, the same in every
process), and :class:`ShingleIndex` finds the earlier paragraphs that share some.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Collection
from itertools import chain, compress, islice, repeat
from operator import eq

try:  # hashlib.blake2b is this one: importing it from here spares start-up hashlib's OpenSSL (~3 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b


class TokenIds(dict[str, int]):
    """Token -> a 64-bit number that is the same in every process (str hashes are not)."""

    def __missing__(self, token: str) -> int:
        value = int.from_bytes(blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest())
        if len(self) < 1 << 20:
            self[token] = value
        return value


IDS = TokenIds()
STOCK = sys.maxsize  # ShingleIndex's first text of a stock phrase: later than any text


def grams(tokens: list[str]) -> frozenset[int]:
    """Hashes of the word 3-grams (the whole token list if shorter).

    The same in every process (hashes of tuples of numbers, never of strings), so the
    summaries made in worker processes and kept in the result cache meet in one run.
    The checks use them only to test equality and overlap, never to order anything.
    """
    ids = list(map(IDS.__getitem__, tokens))
    if len(ids) <= 3:
        return frozenset((hash(tuple(ids)),)) if ids else frozenset()
    return frozenset(map(hash, zip(ids, ids[1:], ids[2:])))  # noqa: B905 - shorter on purpose


def packed(grams: frozenset[int]) -> array[int]:
    """``grams`` as an array of 64-bit numbers: 8 bytes a shingle where a set of ints takes about 90.

    For shingles kept for a whole run (a corpus rule's summaries); the set operations
    accept it as it is (``frozenset().union(a)``, ``s.isdisjoint(a)``)."""
    return array("q", grams)


def overlap(a: frozenset[int], b: Collection[int]) -> float:
    """Share of the smaller shingle set found in the other (0 to 1); ``b`` may be :func:`packed`."""
    if not a or not b or a.isdisjoint(b):
        return 0.0
    return len(a.intersection(b)) / min(len(a), len(b))


class ShingleIndex:
    """An inverted index of shingle hashes: which earlier texts share word 3-grams with a new one.

    ``add(grams)`` registers a text and returns the earlier texts it shares
    shingles with, each with the number shared (those sharing fewer than
    ``min_shared`` are left out). The work is in C: a dictionary look-up for each
    shingle, then the earlier holders of the shared ones, sorted together, so that
    a text found ``min_shared`` times is the same number ``min_shared - 1`` places on
    (most holders share one shingle only and are never counted one by one). Once a
    shingle is in ``max_bucket`` texts it is a stock phrase ("work with other
    departments") and offers no candidates any more, so common phrases cannot make
    the work grow with the square of the corpus.
    """

    def __init__(self, max_bucket: int = 64) -> None:
        self.max_bucket = max_bucket
        self._first: dict[int, int] = {}  # shingle -> the first text with it (STOCK once it is a stock phrase)
        self._more: dict[int, list[int]] = {}  # shingle -> the later texts with it
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, grams: Collection[int], min_shared: int = 1) -> dict[int, int]:
        """Register a text; the earlier texts sharing at least ``min_shared`` live shingles with it.

        ``grams``: its shingles, each once (a set, or the compact :func:`packed` array)."""
        index = self._count
        self._count += 1
        first = self._first
        heads = list(map(first.setdefault, grams, repeat(index)))  # a new shingle's first text is this one
        live = list(map(index.__gt__, heads))  # held before, and not a stock phrase (STOCK is past every text)
        if not any(live):
            return {}
        shared_grams = list(compress(grams, live))
        more = self._more
        owners = list(map(more.setdefault, shared_grams, iter(list, None)))
        holders = list(filter(index.__gt__, heads))  # each earlier text once per live shingle it has
        holders.extend(chain.from_iterable(owners))
        if min_shared <= 1:
            shared = dict(Counter(holders))
        else:
            holders.sort()  # sorted runs, one a shingle: merged in about one pass
            k = min_shared - 1
            again = Counter(compress(holders, map(eq, holders, islice(holders, k, None))))  # found k more times on
            shared = dict(zip(again, map(k.__add__, again.values()), strict=True))
        for later in owners:
            later.append(index)
        full = self.max_bucket - 1  # a shingle in this many later texts (and its first) is a stock phrase
        for gram in compress(shared_grams, map(full.__le__, map(len, owners))):
            first[gram] = STOCK
            del more[gram]
        return shared
