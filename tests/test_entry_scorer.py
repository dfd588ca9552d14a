"""entry-copy's scorer keeps the words of the text it last scored first: a sentence scored against
several sources in a row, then another, scores as each pair scored alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks import copies, entry_copy

WORDS = ["continu", "work", "with", "@org", "#", "depart", "plan", "deliv", "servic", "digit", "the", "and"]
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(texts, st.lists(texts, min_size=1, max_size=5)), min_size=1, max_size=4))
def test_a_text_scored_against_several_in_a_row_scores_as_each_pair_alone(rows):
    score = entry_copy._scorer(85.0)
    for a, sources in rows:
        for b in sources:
            plain = copies.similarity(a, b, 85.0)
            found = score(a, b)
            assert (found >= 85.0) == (plain >= 85.0)
            if plain >= 85.0:
                assert found == plain
            assert found == score("".join(a), b)  # the same text as another string: the same score


def test_a_pair_that_needs_the_words_in_order_is_scored_after_another_pair():
    score = entry_copy._scorer(85.0)
    long = " ".join(WORDS * 2)
    clause = " ".join(WORDS[:6] + ["extra"] * 10 + WORDS[6:] + WORDS)  # a clause added: ratio 81, in order 100
    assert score(long, "digit servic") < 85.0  # (its words kept)
    assert score(long, clause) == copies.similarity(long, clause, 85.0) == 100.0
    assert score(clause, long) == copies.similarity(clause, long, 85.0) == 100.0
    assert score(clause, "digit servic") < 85.0
