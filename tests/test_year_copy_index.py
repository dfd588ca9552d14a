"""year-copy finds the earlier sentence a later one carries over through an inverted index of the earlier
sentences' shingles (:class:`lint.checks.year_copy_partial._Earlier`): it must pick what a walk through every
earlier sentence in order picks (the first of equal scores; for a plan, an earlier plan's first), with the
same score, and count the shingles each shares as the sets' intersection does."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks import copies, year_copy_partial
from lint.checks.shingles import grams, overlap, packed

WORDS = ["ors", "will", "move", "every", "booking", "onto", "the", "shared", "service", "forms"]
PHASES = [("commitment", "commitment"), ("progress 2013", "progress"), ("plan 2014", "plan"), ("plan 2015", "plan")]


def _sentence(tokens: list[str]) -> copies.Sentence:
    return copies._new_sentence((0, 1, " ".join(tokens), len(tokens), packed(grams(tokens))))


def _walked(text, sentence, earlier, threshold):
    """The walk the index replaced: every earlier sentence in order, two bests kept."""
    mine = frozenset(sentence.grams)
    plan = text.phase.kind == "plan"
    best = best_plan = None
    for candidate in earlier:
        theirs = frozenset(candidate[2].grams)
        if mine.isdisjoint(theirs) or candidate[0].key == text.key or overlap(mine, theirs) < 0.2:
            continue
        other = candidate[2]
        if other.canonical == sentence.canonical:
            score = 100.0
        else:
            score = copies.similarity(sentence.canonical, other.canonical, threshold)
        if score < threshold:
            continue
        if best is None or score > best[0]:
            best = (score, candidate)
        if plan and candidate[0].phase.kind == "plan" and (best_plan is None or score > best_plan[0]):
            best_plan = (score, candidate)
    return best_plan or best


_tokens = st.lists(st.sampled_from(WORDS), min_size=1, max_size=16)


@st.composite
def _like(draw, tokens):
    """``tokens`` as they are, with a word changed, one dropped or one added, or other words."""
    how = draw(st.sampled_from(["same", "changed", "dropped", "added", "other"]))
    tokens = list(tokens)
    if how == "changed":
        tokens[draw(st.integers(0, len(tokens) - 1))] = draw(st.sampled_from(WORDS))
    elif how == "dropped" and len(tokens) > 1:
        del tokens[draw(st.integers(0, len(tokens) - 1))]
    elif how == "added":
        tokens.insert(draw(st.integers(0, len(tokens))), draw(st.sampled_from(WORDS)))
    elif how == "other":
        tokens = draw(_tokens)
    return tokens


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_index_picks_the_sentence_the_walk_picks(data):
    phases = [SimpleNamespace(key=key, phase=SimpleNamespace(kind=kind)) for key, kind in PHASES]
    query = data.draw(_tokens)
    earlier = year_copy_partial._Earlier()
    walked = []
    for _ in range(data.draw(st.integers(0, 12))):
        item = (data.draw(st.sampled_from(phases)), None, _sentence(data.draw(_like(query))))
        earlier.add(*item)
        walked.append(item)
    text = data.draw(st.sampled_from(phases))
    threshold = data.draw(st.sampled_from([50.0, 85.0, 100.0]))
    sentence = _sentence(query)
    found = year_copy_partial._best_sentence(text, sentence, earlier, SimpleNamespace(sentence=threshold))
    expected = _walked(text, sentence, walked, threshold)
    assert (found is None) == (expected is None)
    if found is not None and expected is not None:
        assert found[0] == expected[0]
        assert found[1] is earlier.sentences[walked.index(expected[1])]
    mine = frozenset(sentence.grams)
    assert earlier.sharing(sentence.grams) == [
        (k, len(mine.intersection(item[2].grams)))
        for k, item in enumerate(walked)
        if not mine.isdisjoint(item[2].grams)
    ]
