"""Cheaper per-document rules (issue 11 (a)) find what they found before: each shortcut against the plain way."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.checks.wordlist import Matcher


class _EveryHead(Matcher):
    """wordlist's matcher as it was: every first word of a phrase matches wherever it stands."""

    def _next_words(self, head: str) -> tuple[str, ...]:
        return ()


def test_a_word_that_only_starts_longer_phrases_is_found_only_before_their_next_word():
    matcher = Matcher(["in order to", "key", "going forward+"], ignore_case=True)
    heads = matcher.heads()
    assert heads is not None
    assert heads.search("in the end") is None  # "in" alone starts no phrase: not even tried
    assert heads.search("in\n order").group(0) == "in"
    assert heads.search("going forwards").group(0) == "going"
    assert heads.search("the key one").group(0) == "key"  # a phrase of one word: found as before
    assert list(matcher.finditer("In order to go, going  forwarded, in time")) == [(0, 0, 11), (2, 16, 32)]


_PHRASES = ["in order to", "in", "ab", "ab ba", "ab b a", "ba+", "b-a b", "a ab", "a’b ab"]


@given(st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=4), st.text(alphabet="ab -’\n.Iin", max_size=40))
@settings(max_examples=500)
@example(["a ab", "ab"], "a ab a abab a  ab")
@example(["b-a b"], "b-a b-a b")
def test_phrases_are_found_where_they_were_found_when_every_first_word_was_tried(phrases, text):
    assert list(Matcher(phrases, True).finditer(text)) == list(_EveryHead(phrases, True).finditer(text))
    assert list(Matcher(phrases, False).finditer(text)) == list(_EveryHead(phrases, False).finditer(text))
