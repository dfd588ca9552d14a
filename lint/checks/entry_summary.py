"""entry-copy's summary of one document, kept compact.

A run keeps every document's summary until its corpus phase (in the calling process, in
the result cache, in shard files), so a summary is a few flat arrays per document, never
objects per paragraph or per sentence: the paragraphs' word 3-gram hashes in one array,
the sentences' in another (not again when they are their paragraph's own, as a paragraph of
one sentence's are), the paragraphs' texts and the sentences' canonical texts in UTF-8 (a
text with one curly quote takes two bytes a character as a str, and a str per sentence
costs 50 bytes more), their offsets and pieces in arrays beside them, four bytes a number
where the document is short enough. On the benchmark corpus that is about half the memory
of a tuple per paragraph and per sentence.
:mod:`lint.checks.entry_paragraphs` reads the paragraphs of the whole run from them.

A summary is a plain tuple (fields below), made of values built the same way in every
process (no set), so its pickle, and the result cache's digest of it, is the same in
every process.
"""

from __future__ import annotations

from array import array
from io import BytesIO
from typing import Any

from lint.checks import copies
from lint.checks.api import Anchored, Context
from lint.checks.identity import organisations
from lint.checks.shingles import blake2b
from lint.model import Document

# the fields of a summary's second half (the first is the organisations of its entries)
ENTRIES = 0  # (key, name, organisation or "") of each entry with a compared paragraph
PHASES = 1  # (key, order) of each phase with one
OWNERS = 2  # array: each paragraph's entry and phase (indexes into the two above), two numbers a paragraph
TEXTS = 3  # bytes: the paragraphs' texts (their links left out) in UTF-8, one after another ...
ENDS = 4  # array: each paragraph's end, counted from its start (its anchor)
PIECES = 5  # array: for each paragraph that has pieces, its number, their count, then each (text, document)
# offset pair counted from its start, one after another
DIGESTS = 6  # bytes: a digest of each paragraph's canonical text, DIGEST bytes each
GRAMS = 7  # array: the paragraphs' shingles, one after another ...
GRAM_AT = 8  # ... paragraph k's are GRAMS[GRAM_AT[k]:GRAM_AT[k + 1]]
BOUNDS = 9  # array: start and end (in its paragraph's text) of each sentence long enough to compare
SENTENCE_AT = 10  # paragraph k's sentences are numbers SENTENCE_AT[k] to SENTENCE_AT[k + 1] - 1
CANONICALS = 11  # bytes: the sentences' canonical texts in UTF-8, one after another ...
SENTENCE_GRAMS = 12  # array: the sentences' shingles, one after another ...
SENTENCE_GRAM_AT = 13  # ... as GRAM_AT; a sentence whose shingles are its paragraph's own (a paragraph
# of one sentence, most often) has none here: its range is empty and SAME_GRAMS names it
PATH = 14  # the document's path
TEXT_AT = 15  # ... paragraph k's is TEXTS[TEXT_AT[k]:TEXT_AT[k + 1]]
CANONICAL_AT = 16  # ... sentence m's is CANONICALS[CANONICAL_AT[m]:CANONICAL_AT[m + 1]]
SAME_GRAMS = 17  # bytes: for each sentence, 1 when its shingles are its paragraph's (GRAMS), else 0
DIGEST = 16

Sentence = tuple[int, int, str, "array[int]"]  # start, end, canonical text, shingles
Compared = tuple[int, int, bytes, frozenset[int]]  # the same, its canonical text in UTF-8, its shingles as a set


def _digest(canonical: str) -> bytes:
    """A digest of a paragraph's canonical text, the same in every process (str hashes are not)."""
    return blake2b(canonical.encode("utf-8", "surrogatepass"), digest_size=DIGEST).digest()


def summarise(document: Document, context: Context) -> Anchored:
    """The organisations of the document's entries (for organisation identity across the run),
    and its paragraphs long enough to compare, levelled and shingled, each placed from its own
    start (its start is its anchor). Nothing else: a change this leaves as it was (a short
    paragraph added, text moved down the page by a line outside any compared paragraph)
    leaves the rule's findings standing."""
    min_words = max(1, int(context["min-words"]))
    entries: dict[tuple[str, str, str], int] = {}
    phases: dict[tuple[str, tuple[int, ...]], int] = {}
    # offsets and counts take four bytes where the document's UTF-8 cannot outgrow them
    kind = "i" if len(document.text) < _FOUR_BYTES else "q"
    owners, ends, gram_at, bounds, sentence_at, sentence_gram_at = (array(kind) for _ in range(6))
    grams, sentence_grams = array("q"), array("q")
    # the texts written one after another (not kept as a list of parts and joined: a document of
    # thousands of paragraphs held each part and the join at once); getvalue() does not copy
    texts, digests, canonicals, same = BytesIO(), BytesIO(), BytesIO(), bytearray()
    text_at, canonical_at = array(kind, [0]), array(kind, [0])
    pieces = array(kind)
    anchors: list[int] = []
    for entry in document.entries:
        names = copies.Names.of(entry)
        owner = (entry.key, entry.name, entry.organisation or "")
        for phase in entry.phases:
            # the entry's and the phase's numbers, given at the phase's first compared paragraph (once a
            # phase, not once a paragraph: the key and order are made, hashed and looked up each time)
            owned: tuple[int, int] | None = None
            for paragraph in phase.paragraphs:
                # the sentences first: levelling them gives the paragraph's own analysis in the same pass
                sentences = copies.paragraph_sentences(paragraph.text, names)
                canonical, words, shingles = copies.paragraph_text(paragraph.text, names)
                if words < min_words or not shingles:
                    continue
                at = paragraph.span.start
                if owned is None:
                    owned = (
                        entries.setdefault(owner, len(entries)),
                        phases.setdefault((phase.key, phase.order), len(phases)),
                    )
                owners.extend(owned)
                if paragraph.pieces:
                    pieces.extend((len(text_at) - 1, len(paragraph.pieces)))
                    for t, d in paragraph.pieces:
                        pieces.extend((t, d - at))
                texts.write(paragraph.text.encode("utf-8", "surrogatepass"))
                text_at.append(texts.tell())
                anchors.append(at)
                ends.append(paragraph.span.end - at)
                digests.write(_digest(canonical))
                gram_at.append(len(grams))
                grams.extend(shingles)
                sentence_at.append(len(canonical_at) - 1)
                for start, end, sentence, count, sentence_shingles in sentences:  # (a Sentence, unpacked)
                    if count >= min_words and sentence:
                        bounds.extend((start, end))
                        canonicals.write(sentence.encode("utf-8", "surrogatepass"))
                        canonical_at.append(canonicals.tell())
                        sentence_gram_at.append(len(sentence_grams))
                        if sentence_shingles == shingles:  # not stored twice
                            same.append(1)
                        else:
                            same.append(0)
                            sentence_grams.extend(sentence_shingles)
    gram_at.append(len(grams))
    sentence_at.append(len(canonical_at) - 1)
    sentence_gram_at.append(len(sentence_grams))
    compact = (
        tuple(entries),
        tuple(phases),
        owners,
        texts.getvalue(),
        ends,
        pieces,
        digests.getvalue(),
        grams,
        gram_at,
        bounds,
        sentence_at,
        canonicals.getvalue(),
        sentence_grams,
        sentence_gram_at,
        document.path,
        text_at,
        canonical_at,
        bytes(same),
    )
    return Anchored((organisations((document,)), compact), tuple(anchors))


_FOUR_BYTES = 1 << 29  # characters: a text shorter has under 2**31 bytes of UTF-8 (four at most a character)


def sentence_grams(summary: tuple[Any, ...], k: int, m: int) -> array[int]:
    """The shingles of sentence ``m`` of the summary's paragraph ``k``."""
    if summary[SAME_GRAMS][m]:
        return summary[GRAMS][summary[GRAM_AT][k] : summary[GRAM_AT][k + 1]]
    at = summary[SENTENCE_GRAM_AT]
    return summary[SENTENCE_GRAMS][at[m] : at[m + 1]]
