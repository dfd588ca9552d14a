"""Shingles for the copy checks: hashes of word 3-grams, their overlap, and an inverted index.

Near copies across a whole run are found without comparing every pair: a paragraph's
canonical tokens become hashes of their 3-grams (:func:`grams`, the same in every
process), and :class:`ShingleIndex` finds the earlier paragraphs that share some.
"""

from __future__ import annotations

from _collections import _count_elements  # (what Counter.update calls, without its per-call checks)

# _struct (what struct re-exports) on its own: struct.py adds half a millisecond to start-up
from _struct import Struct, calcsize
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from itertools import chain

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
_SSIZE_IS_Q = calcsize("n") == array("q").itemsize  # a hash packs as a Py_ssize_t into an array("q")


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


def grams_in_parts(parts: list[list[str]], whole: bool) -> tuple[frozenset[int], list[frozenset[int]]]:
    """:func:`grams` of each part's tokens, and (with ``whole``, else an empty set) of all the
    parts' tokens one after another, each 3-gram hashed once for both: a paragraph's sentences
    and the paragraph. Each set is made from the same numbers in the same order as :func:`grams`
    makes it, so it is the same set, iterated in the same order (which :func:`packed` keeps)."""
    ids = list(map(IDS.__getitem__, chain.from_iterable(parts)))
    windows = list(map(hash, zip(ids, ids[1:], ids[2:])))  # noqa: B905 - shorter on purpose
    each = []
    at = 0
    for part in parts:
        n = len(part)
        if n > 3:
            each.append(frozenset(windows[at : at + n - 2]))
        else:
            each.append(frozenset((hash(tuple(ids[at : at + n])),)) if n else frozenset())
        at += n
    if not whole:
        return frozenset(), each
    if len(ids) > 3:
        return frozenset(windows), each
    return (frozenset((hash(tuple(ids)),)) if ids else frozenset()), each


def packed(grams: frozenset[int]) -> array[int]:
    """``grams`` as an array of 64-bit numbers: 8 bytes a shingle where a set of ints takes about 90.

    For shingles kept for a whole run (a corpus rule's summaries); the set operations
    accept it as it is (``frozenset().union(a)``, ``s.isdisjoint(a)``).

    The numbers are packed by ``struct`` as ``Py_ssize_t`` (a hash's own type) where that
    is 8 bytes, and the bytes become the array: the same array, in the set's order, made
    2.4 times faster (``array("q", ...)`` parses each number as a call's argument). It was
    an eighth of entry-copy's per-document summary. The packer of each count is kept
    (:data:`_PACKERS`)."""
    if _SSIZE_IS_Q:
        n = len(grams)
        packer = _PACKERS.get(n)
        if packer is None:
            packer = _packer(n)
        return array("q", packer(*grams))
    return array("q", grams)


# a packer a count of shingles (struct's own cache of formats holds 100 and is emptied when full: a
# paragraph's and its sentences' counts passed that, and each emptying compiled the formats again)
_PACKERS: dict[int, Callable[..., bytes]] = {}
_PACKERS_MAX = 1 << 12  # counts (a count past any a run meets is rare: a paragraph of 4,000 words)


def _packer(n: int) -> Callable[..., bytes]:
    if len(_PACKERS) >= _PACKERS_MAX:
        _PACKERS.clear()
    packer = _PACKERS[n] = Struct(f"{n}n").pack
    return packer


def overlap(a: frozenset[int], b: Collection[int]) -> float:
    """Share of the smaller shingle set found in the other (0 to 1); ``b`` may be :func:`packed`."""
    if not a or not b or a.isdisjoint(b):
        return 0.0
    return len(a.intersection(b)) / min(len(a), len(b))


_STOCK: tuple[()] = ()  # a stock phrase's entry in ShingleIndex._held (the one empty tuple)


class ShingleIndex:
    """An inverted index of shingle hashes: which earlier texts share word 3-grams with a new one.

    ``add(grams)`` registers a text and returns the earlier texts it shares
    shingles with, each with the number shared (those sharing fewer than
    ``min_shared`` are left out). One dictionary holds, for each shingle, its only
    text (a number: most shingles are in one text, and a number costs no list) or
    the list of its texts in order; the holders of a new text's shingles are
    counted together in C (``Counter``). With ``min_shared`` 3 (entry-copy's), the holders of
    its two longest lists are only looked up, not counted in: a text in no other of its lists
    shares two shingles at most (a third of the holders on the 2,000-file corpus; see :meth:`add`).
    Once a shingle is in ``max_bucket`` texts
    it is a stock phrase ("work with other departments", held as ``()``) and offers
    no candidates any more, so common phrases cannot make the work grow with the
    square of the corpus.
    """

    def __init__(self, max_bucket: int = 64, keep_stock: bool = False) -> None:
        self.max_bucket = max_bucket
        # keep_stock: each stock phrase's first ``max_bucket`` texts, kept when it became one (by :meth:`add`)
        self.stock: dict[int, list[int]] | None = {} if keep_stock else None
        # shingle -> its one text, or its texts in order (two or more), or () once a stock phrase
        self._held: dict[int, int | list[int] | tuple[()]] = {}
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, grams: Iterable[int], min_shared: int = 1) -> dict[int, int]:
        """Register a text; the earlier texts sharing at least ``min_shared`` live shingles with it.

        ``grams``: its shingles, each once (a set, or the compact :func:`packed` array).

        An earlier text sharing ``min_shared`` >= 3 shingles holds one of them outside the two
        longest lists met, so those two are set aside (``first``, ``second``) and their holders
        only add to the texts the other lists counted: exact, and the two longest lists are a
        third of the holders a large run counts (each an insertion into ``Counter``, against a
        look-up: 6.6% fewer instructions in ``add`` over the 500-file bench corpus)."""
        index = self._count
        self._count += 1
        held_by = self._held
        get = held_by.get
        full = self.max_bucket  # a shingle in this many texts is a stock phrase
        holders: list[int] = []  # each earlier text once per live shingle it shares (but first's and second's)
        first: list[int] | tuple[()] = ()  # the longest list met, then the second longest
        second: list[int] | tuple[()] = ()
        n1 = n2 = 0  # (their lengths before this text is appended)
        # (checked most common first, by identity and class: a stock phrase is two thirds of a
        # large run's look-ups, and isinstance was a call a shingle; 7% of add, a fifth of register)
        for gram in grams:
            held = get(gram)
            if held is _STOCK:
                continue
            if held is None:
                held_by[gram] = index
            elif held.__class__ is list:
                n = len(held)
                if n > n2:  # set aside, and the one it displaces counted (with this text: taken out below)
                    holders += second
                    if n > n1:
                        second, n2, first, n1 = first, n1, held, n
                    else:
                        second, n2 = held, n
                else:
                    holders += held
                held.append(index)
                if n + 1 >= full:
                    held_by[gram] = _STOCK
                    if self.stock is not None:
                        self.stock[gram] = held
            else:  # its one text
                holders.append(held)  # type: ignore[arg-type]
                held_by[gram] = [held, index] if full > 2 else _STOCK  # type: ignore[list-item]
        if min_shared < 3:
            holders += first
            holders += second
        if not holders:  # (with min_shared >= 3: a text held only in first and second shares two at most)
            return {}
        counts = Counter(holders)
        if n1:
            counts.pop(index, None)  # (held by a list counted after this text was appended to it)
            if min_shared >= 3:
                _count_elements(counts, filter(counts.__contains__, chain(first, second)))
        if min_shared <= 1:
            return dict(counts)
        return {text: n for text, n in counts.items() if n >= min_shared}

    def register(self, grams: Iterable[int]) -> None:
        """Register a text without counting the earlier texts it shares shingles with: the index
        as :meth:`add` leaves it, at a fraction of the cost, for a process that matches a run's
        texts from the middle on (:mod:`lint.checks.entry_spread`)."""
        index = self._count
        self._count += 1
        held_by = self._held
        get = held_by.get
        full = self.max_bucket
        for gram in grams:  # (as add)
            held = get(gram)
            if held is _STOCK:
                continue
            if held is None:
                held_by[gram] = index
            elif held.__class__ is list:
                held.append(index)
                if len(held) >= full:
                    held_by[gram] = _STOCK
            else:
                held_by[gram] = [held, index] if full > 2 else _STOCK  # type: ignore[list-item]
