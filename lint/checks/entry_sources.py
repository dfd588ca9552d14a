"""The candidates' sentences entry-copy compares one paragraph's sentences with, read from the summaries.

A paragraph of a run has about six candidates (earlier paragraphs that share shingles with
it), and each of those is a candidate of several later paragraphs, mostly far apart in the
run. Making every candidate's sentences as objects (text decoded, shingles as a set) for
each paragraph that asks took nearly half of the rule's corpus stage, and a cache of them
missed nine times in ten. :class:`Sources` reads them from the summaries' columns instead:
each candidate sentence's shingles are met once, by one intersection with the shingles of
all the paragraph's sentences, done in C, and only a sentence that shares one with them (or
has the canonical text of one) is kept, with that small intersection. Its text is decoded
only when it is scored. The intersection gives what entry-copy asks of a pair of sentences:
whether they share a shingle, and how many (a sentence's shingles are among the paragraph's,
so what it shares with a source are among what the paragraph shares with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import not_
from typing import Any

from lint.checks.entry_paragraphs import Paragraphs
from lint.checks.entry_summary import (
    BOUNDS,
    CANONICAL_AT,
    CANONICALS,
    GRAM_AT,
    GRAMS,
    SAME_GRAMS,
    SENTENCE_AT,
    SENTENCE_GRAM_AT,
    SENTENCE_GRAMS,
    Compared,
)


class Sources:
    """The sentences of ``candidates`` (in order) that share a shingle with one of ``own``
    (a paragraph's :meth:`~lint.checks.entry_paragraphs.Paragraphs.compared` sentences) or have
    the canonical text of one: for each, its paragraph, the shingles it shares with the
    paragraph (:attr:`common`) and how many it has (:attr:`size`; a summary keeps a sentence's
    shingles each once, as :func:`~lint.checks.shingles.packed` makes them); its bounds are read
    only for a source that is kept (:meth:`bounds`)."""

    __slots__ = ("_decoded", "_number", "_paragraphs", "_single", "common", "encoded", "paragraph", "size")

    def __init__(self, paragraphs: Paragraphs, candidates: Sequence[int], own: Sequence[Compared]) -> None:
        reach = frozenset().union(*(sentence[3] for sentence in own))
        texts = {sentence[2] for sentence in own}
        self._paragraphs = paragraphs
        self._single = len(own) == 1  # (then every source is near the one sentence: see near)
        self.paragraph: list[int] = []
        self._number: list[int] = []  # each source's number among its summary's sentences
        self.common: list[frozenset[int]] = []
        self.size: list[int] = []
        self.encoded: list[bytes] = []  # canonical texts in UTF-8, as the summaries hold them
        self._decoded: dict[int, str] = {}
        for j in candidates:
            summary, k = paragraphs.columns(j)
            first, last = summary[SENTENCE_AT][k], summary[SENTENCE_AT][k + 1]
            if first < last:
                self._read(j, summary, k, range(first, last), reach, texts)

    def _read(
        self, j: int, summary: tuple[Any, ...], k: int, numbers: range, reach: frozenset[int], texts: set[bytes]
    ) -> None:
        canonicals, canonical_at, same = summary[CANONICALS], summary[CANONICAL_AT], summary[SAME_GRAMS]
        at, sentence_grams = summary[SENTENCE_GRAM_AT], summary[SENTENCE_GRAMS]
        whole: frozenset[int] | None = None  # the shingles the paragraph shares (a sentence's, when they are its own)
        whole_size = 0
        for m in numbers:
            if same[m]:  # the sentence's shingles are its paragraph's
                if whole is None:
                    grams = summary[GRAMS][summary[GRAM_AT][k] : summary[GRAM_AT][k + 1]]
                    whole, whole_size = reach.intersection(grams), len(grams)
                common, size = whole, whole_size
            else:
                start, end = at[m], at[m + 1]
                common, size = reach.intersection(sentence_grams[start:end]), end - start
            text = canonicals[canonical_at[m] : canonical_at[m + 1]]
            if common or text in texts:
                self.paragraph.append(j)
                self._number.append(m)
                self.common.append(common)
                self.size.append(size)
                self.encoded.append(text)

    def near(self, grams: frozenset[int], encoded: bytes) -> list[int]:
        """The sources (their numbers, in order) that share a shingle with a sentence of the
        paragraph (its shingles ``grams``) or have its canonical text (``encoded`` in UTF-8)."""
        common = self.common
        if self._single:  # its shingles are all the paragraph's (reach), its text the one text: all kept are
            return list(range(len(common)))
        if encoded in self.encoded:
            texts = self.encoded
            return [k for k in range(len(common)) if not grams.isdisjoint(common[k]) or texts[k] == encoded]
        return list(compress(range(len(common)), map(not_, map(grams.isdisjoint, common))))  # (in C)

    def bounds(self, k: int) -> tuple[int, int]:
        """Source ``k``'s start and end in its paragraph's text."""
        summary = self._paragraphs.columns(self.paragraph[k])[0]
        m = self._number[k]
        return summary[BOUNDS][2 * m], summary[BOUNDS][2 * m + 1]

    def text(self, k: int) -> str:
        """Source ``k``'s canonical text (decoded when first asked)."""
        found = self._decoded.get(k)
        if found is None:
            found = self._decoded[k] = self.encoded[k].decode("utf-8", "surrogatepass")
        return found
