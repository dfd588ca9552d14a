"""Flat sentence bounds and token lists (lint.checks.tokens): the same answers as tuples and lists, kept small."""

from __future__ import annotations

from itertools import chain

import pytest

from lint.checks import flesch, sentences, tokens

TEXT = (
    "Mr. Smith went. To the Department for Business, Innovation and Skills. Then (GDS) and DfE’s HMRC's plan. "
    "The Government Digital Service (GDS) said... £2.5m, e.g. GOV.UK’s 1.5 pages! We did it. "
)


def test_bounds_read_as_a_sequence_of_pairs():
    bounds = sentences.split.__wrapped__(TEXT)
    pairs = [(s, e) for s, e in bounds]
    assert len(bounds) == len(pairs) == 6 and bounds
    assert bounds[0] == pairs[0] and bounds[-1] == pairs[-1] and bounds[1:3] == pairs[1:3]
    assert bounds == tuple(pairs) and bounds == pairs and bounds == tokens.Bounds(bounds.flat)
    assert TEXT[slice(*bounds[-1])] == "We did it."
    assert len(bounds.flat) == 12 and bounds.flat.itemsize == 4  # 8 bytes a sentence
    with pytest.raises(IndexError):
        bounds[6]
    assert not sentences.split.__wrapped__("   ")


@pytest.mark.parametrize("repeat", [1, 400])  # a short paragraph, and one past the length where words are shared
def test_flat_words_are_the_sentence_words_flattened(repeat):
    text = TEXT * repeat
    spans = sentences.split.__wrapped__(text)
    grouped = sentences.sentence_words(text, spans)
    flat, counts = sentences.flat_words(text, spans)
    assert flat == list(chain.from_iterable(grouped)) and list(counts) == list(map(len, grouped))
    if repeat > 1:
        assert len({id(w) for w in flat}) < len(set(flat)) + 5  # one string a word form


def test_long_paragraphs_count_names_and_units_as_short_ones(monkeypatch):
    text = TEXT * 3
    words = [text[s:e] for s, e in sentences.words(text)]
    count = flesch.counter("estimate")
    expected = (list(sentences.name_counts(words)), flesch.scores(words, 9, count, names=True))
    monkeypatch.setattr(sentences, "COMPACT", 1)  # every paragraph "long": flags a byte each
    compact = sentences.name_counts(words)
    assert isinstance(compact, bytes | bytearray) or compact.itemsize == 1
    assert (list(compact), flesch.scores(words, 9, count, names=True)) == expected
