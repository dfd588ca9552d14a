"""The run's compared paragraphs, read from every document's entry-copy summary (:mod:`lint.checks.entry_summary`).

:class:`Paragraphs` numbers the paragraphs of the whole run in the order entry-copy takes
them and makes each value (text, shingles, sentences, spans) only when it is asked for,
from the summaries' flat arrays, so the run holds no object per paragraph.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from itertools import compress
from typing import Any

from lint.checks.api import Anchored
from lint.checks.entry_apart import Apart
from lint.checks.entry_summary import (
    BOUNDS,
    CANONICAL_AT,
    CANONICALS,
    DIGEST,
    DIGESTS,
    ENDS,
    ENTRIES,
    GRAM_AT,
    GRAMS,
    OWNERS,
    PATH,
    PHASES,
    PIECES,
    SAME_GRAMS,
    SENTENCE_AT,
    SENTENCE_GRAM_AT,
    SENTENCE_GRAMS,
    TEXT_AT,
    TEXTS,
    Compared,
    Sentence,
    sentence_grams,
)
from lint.checks.identity import keys_of
from lint.model import Paragraph, Span

# the columns of a summary only matching reads (:meth:`Paragraphs.let_go_matching`)
_MATCHING = frozenset(
    (GRAMS, GRAM_AT, BOUNDS, SENTENCE_AT, CANONICALS, CANONICAL_AT, SENTENCE_GRAMS, SENTENCE_GRAM_AT, SAME_GRAMS)
)
_FOUND_ONE_BY_ONE = 8  # Paragraphs.with_digests: as many digests as this are searched for one by one


def _piece_index(flat: array[int], paragraphs: int) -> array[int]:
    """Where each paragraph's pieces start in a summary's :data:`PIECES` (by paragraph number;
    -1: it has none). An array, not a dict: eight bytes a paragraph, not a hundred."""
    found = array("l", [-1]) * paragraphs
    i = 0
    while i < len(flat):
        found[flat[i]] = i
        i += 2 + 2 * flat[i + 1]
    return found


def _text(blob: bytes, at: array[int], k: int) -> str:
    return blob[at[k] : at[k + 1]].decode("utf-8", "surrogatepass")


class Paragraphs:
    """Every paragraph of the run long enough to compare, numbered in the order entry-copy takes
    them: the earliest period first, then the order of the run's documents and their paragraphs.

    Entries of one organisation are one entry (:func:`~lint.checks.identity.organisation_keys`):
    :attr:`keys` holds each paragraph's entry key, so worked out.
    """

    __slots__ = (
        "_anchors",
        "_apart",
        "_blob",
        "_documents",
        "_first",
        "_index",
        "_number",
        "_piece_at",
        "_summaries",
        "keys",
        "names",
    )

    def __init__(self, summaries: Sequence[Anchored]) -> None:
        self.names = names = keys_of(name for anchored in summaries for name in anchored.summary[0])
        self._blob: bytes | None = None  # the run's digests, when kept (:meth:`kept`); else joined when asked
        self._apart: Apart | None = None  # the texts, when set apart (:meth:`set_texts_apart`)
        self._summaries: list[tuple[Any, ...]] = [anchored.summary[1] for anchored in summaries]
        self._anchors = [anchored.anchors for anchored in summaries]
        self._piece_at: dict[int, array[int]] = {}  # per document, made when first asked (:meth:`_pieces`)
        # each period order as its rank among the run's (sorting numbers, not tuples)
        rank = {order: r for r, order in enumerate(sorted({order for s in self._summaries for _, order in s[PHASES]}))}
        orders: list[int] = []
        keys: list[str] = []
        first = array("l", [0])  # where each document's paragraphs start when numbered document by document
        for d, summary in enumerate(self._summaries):
            count = len(summary[TEXT_AT]) - 1
            if count != len(self._anchors[d]):
                raise ValueError("an entry-copy summary whose anchors are not its paragraphs'")
            entry_keys = [names.get(organisation, key) if organisation else key for key, _, organisation in summary[0]]
            owners = summary[OWNERS]
            # each paragraph's entry and period order, read in C: owners[0::2] are entries, owners[1::2] phases
            orders.extend(map([rank[order] for _, order in summary[PHASES]].__getitem__, owners[1 : 2 * count : 2]))
            keys.extend(map(entry_keys.__getitem__, owners[0 : 2 * count : 2]))
            first.append(first[-1] + count)
        ranked = sorted(range(len(orders)), key=orders.__getitem__)  # stable: run order within a period
        self._first = first
        self._number: array[int] | None = None  # paragraph number by (document, number in it): made when asked
        documents, index = array("l"), array("l")
        for d in range(len(self._summaries)):
            documents.extend(array("l", [d]) * (first[d + 1] - first[d]))
            index.extend(range(first[d + 1] - first[d]))
        self._documents = array("l", map(documents.__getitem__, ranked))
        self._index = array("l", map(index.__getitem__, ranked))
        self.keys: list[str] = list(map(keys.__getitem__, ranked))

    @classmethod
    def kept(
        cls,
        columns: Any,
        anchors: Any,
        numbering: tuple[array[int], array[int], array[int], array[int]],
        keys: list[str],
        names: dict[str, str],
        blob: bytes,
    ) -> Paragraphs:
        """The paragraphs of a run numbered as a last run's were (``numbering``: :meth:`numbering`;
        ``keys``, ``names`` and ``blob``, the joined digests, as that run's with the changes made):
        for a run whose changes leave the numbering as it was (:mod:`lint.checks.entry_kept`).
        ``columns`` and ``anchors`` may read each document's summary when first asked."""
        self = cls.__new__(cls)
        self._summaries, self._anchors, self._piece_at, self._apart = columns, anchors, {}, None
        self._first, self._documents, self._index, self._number = numbering
        self.keys, self.names, self._blob = keys, names, blob
        return self

    def numbering(self) -> tuple[array[int], array[int], array[int], array[int]]:
        """Where each document's paragraphs start, :meth:`order`, and the inverse (:meth:`number`)."""
        return self._first, self._documents, self._index, self._inverse()

    def digests(self) -> bytes:
        """Every paragraph's :meth:`digest`, document by document, joined."""
        return self._blob if self._blob is not None else b"".join(summary[DIGESTS] for summary in self._summaries)

    def anchor(self, i: int) -> int:
        """Where paragraph ``i`` begins in its document."""
        return self._anchors[self._documents[i]][self._index[i]]

    def __len__(self) -> int:
        return len(self._index)

    def where(self, i: int) -> tuple[int, int]:
        """Paragraph ``i``'s document (its place among the summaries) and its number in that document."""
        return self._documents[i], self._index[i]

    def order(self) -> tuple[array[int], array[int]]:
        """Each paragraph's document and number in it, in order (:meth:`where` of each), as two arrays."""
        return self._documents, self._index

    def count(self, d: int) -> int:
        """How many paragraphs document ``d`` has."""
        return self._first[d + 1] - self._first[d]

    def number(self, d: int, k: int) -> int:
        """The number of paragraph ``k`` of document ``d`` (the inverse of :meth:`where`)."""
        first = self._first
        if not 0 <= d < len(first) - 1 or not 0 <= k < first[d + 1] - first[d]:
            raise IndexError(f"no paragraph {k} of document {d}")
        return self._inverse()[first[d] + k]

    def _inverse(self) -> array[int]:
        numbers = self._number
        if numbers is None:
            first = self._first
            numbers = self._number = array("l", bytes(len(self._index) * array("l").itemsize))
            for i, (d, k) in enumerate(zip(self._documents, self._index, strict=True)):
                numbers[first[d] + k] = i
        return numbers

    def each_grams(self, stop: int | None = None) -> Iterator[array[int]]:
        """:meth:`grams` of each paragraph in order, up to ``stop`` (all of them by default)."""
        columns = [(summary[GRAMS], summary[GRAM_AT]) for summary in self._summaries]
        index = self._index
        for n, d in enumerate(self._documents if stop is None else self._documents[:stop]):
            grams, at = columns[d]
            k = index[n]
            yield grams[at[k] : at[k + 1]]

    def with_digests(self, digests: Collection[bytes]) -> dict[bytes, list[int]]:
        """The paragraphs whose canonical text has each digest of ``digests`` (:meth:`digest`), in
        order: picked in C from the run's digests, not by asking each paragraph for its own."""
        blob = self.digests()
        found: dict[bytes, list[int]] = {digest: [] for digest in digests}
        if len(found) <= _FOUND_ONE_BY_ONE:  # each searched for (about a millisecond each on 2,000 files)
            flats = []
            for digest in found:
                at = blob.find(digest) if len(digest) == DIGEST else -1
                while at >= 0:
                    if at % DIGEST == 0:  # (else a match across two digests)
                        flats.append(at // DIGEST)
                    at = blob.find(digest, at + 1)
            flats.sort()
        else:  # each digest's first 8 bytes as a number, those asked for picked in C (a third of cutting each out)
            heads = {int.from_bytes(digest[:8], sys.byteorder) for digest in found if len(digest) == DIGEST}
            numbers = memoryview(blob).cast("Q")[:: DIGEST // 8]
            picked = compress(range(len(numbers)), map(heads.__contains__, numbers))
            flats = [n for n in picked if blob[n * DIGEST : (n + 1) * DIGEST] in found]
        first = self._first
        d = 0
        for flat in flats:  # (in order: documents one after another)
            while first[d + 1] <= flat:
                d += 1
            found[blob[flat * DIGEST : (flat + 1) * DIGEST]].append(self.number(d, flat - first[d]))
        for held in found.values():
            held.sort()
        return found

    def repeated_digests(self) -> frozenset[bytes]:
        """The canonical texts (:meth:`digest`) of more than one paragraph of the run. Only these can
        give a paragraph a same one (:func:`lint.checks.entry_copy.same_paragraph`): remembering every
        paragraph's instead took 17 MB on 2,000 files (134,000 of 137,000 texts are a paragraph's own)."""
        blob = b"".join(summary[DIGESTS] for summary in self._summaries)
        cuts = map(slice, range(0, len(blob), DIGEST), range(DIGEST, len(blob) + DIGEST, DIGEST))
        return frozenset(digest for digest, n in Counter(map(blob.__getitem__, cuts)).items() if n > 1)

    def _at(self, i: int) -> tuple[tuple[Any, ...], int]:
        return self._summaries[self._documents[i]], self._index[i]

    def columns(self, i: int) -> tuple[tuple[Any, ...], int]:
        """Paragraph ``i``'s summary and its number there, for a reader of the columns themselves
        (:class:`lint.checks.entry_sources.Sources`, which makes no object per sentence)."""
        return self._at(i)

    def grams(self, i: int) -> array[int]:
        summary, k = self._at(i)
        at = summary[GRAM_AT]
        return summary[GRAMS][at[k] : at[k + 1]]

    def digest(self, i: int) -> bytes:
        if self._blob is not None:  # (kept: not read from the summary)
            n = self._first[self._documents[i]] + self._index[i]
            return self._blob[n * DIGEST : (n + 1) * DIGEST]
        summary, k = self._at(i)
        return summary[DIGESTS][k * DIGEST : (k + 1) * DIGEST]

    def sentences(self, i: int) -> list[Sentence]:
        """Paragraph ``i``'s sentences long enough to compare: start, end, canonical text, shingles."""
        summary, k = self._at(i)
        bounds, canonicals, canonical_at = summary[BOUNDS], summary[CANONICALS], summary[CANONICAL_AT]
        first, last = summary[SENTENCE_AT][k], summary[SENTENCE_AT][k + 1]
        return [
            (bounds[2 * m], bounds[2 * m + 1], _text(canonicals, canonical_at, m), sentence_grams(summary, k, m))
            for m in range(first, last)
        ]

    def compared(self, i: int) -> list[Compared]:
        """:meth:`sentences` with their canonical texts as the summary holds them (UTF-8) and their
        shingles as sets, ready to compare. Made for the paragraph being matched only, once: its
        candidates' sentences are read from the columns (:class:`lint.checks.entry_sources.Sources`),
        so none is kept between paragraphs. (A text is decoded only when it is scored: most never are.)"""
        summary, k = self._at(i)
        bounds, canonicals, canonical_at = summary[BOUNDS], summary[CANONICALS], summary[CANONICAL_AT]
        first, last = summary[SENTENCE_AT][k], summary[SENTENCE_AT][k + 1]
        return [
            (
                bounds[2 * m],
                bounds[2 * m + 1],
                canonicals[canonical_at[m] : canonical_at[m + 1]],
                frozenset(sentence_grams(summary, k, m)),
            )
            for m in range(first, last)
        ]

    def text(self, i: int) -> str:
        return self._text(self._documents[i], self._index[i])

    def _text(self, d: int, k: int) -> str:
        summary = self._summaries[d]
        at, blob = summary[TEXT_AT], summary[TEXTS]
        if blob is None and self._apart is not None:  # (set apart: read back)
            return self._apart.read(d, at[k], at[k + 1]).decode("utf-8", "surrogatepass")
        return _text(blob, at, k)

    def text_bytes(self) -> int:
        """The size of the run's paragraph texts in memory (UTF-8)."""
        return sum(len(summary[TEXTS]) for summary in self._summaries if summary[TEXTS] is not None)

    def set_texts_apart(self) -> bool:
        """Every paragraph's text written to a temporary file and let go from memory (its summary made
        again without them), then read back from it when asked (:mod:`lint.checks.entry_apart`), until
        :meth:`close`. For a caller that holds the run's only copy of its summaries. False (and the texts
        kept) when that file cannot be written."""
        if self._apart is not None:
            return True
        try:
            self._apart = Apart([summary[TEXTS] for summary in self._summaries])
        except OSError:
            return False
        self._summaries = [(*summary[:TEXTS], None, *summary[TEXTS + 1 :]) for summary in self._summaries]
        return True

    def let_go_matching(self) -> None:
        """Let go of the columns only matching reads (the shingles, and the sentences' bounds, canonical
        texts and shingles: two thirds of a summary) once the run's matches and holder index are made:
        the findings read the paragraphs' texts, places, entries and phases. For a caller that holds the
        run's only copy of its summaries; any of those read afterwards is an error."""
        self._summaries = [
            tuple(None if n in _MATCHING else value for n, value in enumerate(summary)) for summary in self._summaries
        ]

    def close(self) -> None:
        """Remove the texts' temporary file, if they were set apart (they cannot be read after)."""
        if self._apart is not None:
            self._apart.close()

    def path(self, i: int) -> str:
        return str(self._summaries[self._documents[i]][PATH])

    def entry_name(self, i: int) -> str:
        summary, k = self._at(i)
        return str(summary[ENTRIES][summary[OWNERS][2 * k]][1])

    def phase_key(self, i: int) -> str:
        summary, k = self._at(i)
        return str(summary[PHASES][summary[OWNERS][2 * k + 1]][0])

    def _pieces(self, d: int, k: int) -> list[tuple[int, int]]:
        """Paragraph ``k`` of document ``d``: its pieces, counted from its start. Found through an
        index of the document's :data:`PIECES`, made once: a walk of them for each paragraph asked
        took time in the square of a document's paragraphs (8,000 copied entries: 15 s)."""
        where = self._piece_at.get(d)
        summary = self._summaries[d]
        flat = summary[PIECES]
        if where is None:
            where = self._piece_at[d] = _piece_index(flat, len(summary[TEXT_AT]) - 1)
        i = where[k]
        if i < 0:
            return []
        return [(flat[j], flat[j + 1]) for j in range(i + 2, i + 2 + 2 * flat[i + 1], 2)]

    def span_of(self, i: int, start: int, end: int) -> Span:
        """The document span of ``text(i)[start:end]``."""
        d, k = self._documents[i], self._index[i]
        summary, at = self._summaries[d], self._anchors[d][k]
        moved = tuple((t, o + at) for t, o in self._pieces(d, k))
        paragraph = Paragraph(self._text(d, k), Span(at, at + summary[ENDS][k]), pieces=moved)
        return paragraph.to_span(start, end)
