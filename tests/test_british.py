"""British → American rewrites: each rule's literal is in every word its pattern matches in, so
skipping a word without it changes nothing."""

from __future__ import annotations

from lint.checks import british, lexicon


def test_a_rule_matches_only_words_that_hold_its_literal():
    words = set(lexicon._read_words(lexicon._source()))  # pyspellchecker's 160,000 words
    words |= {"organisation", "colourisations", "centred", "kilogrammes", "judgement", "ageing", "tyre", "grey"}
    forms = set(words)
    for word in list(words)[::100]:  # and forms the rules make, which they meet at the next depth
        forms |= british.american_forms(word)
    for literal, pattern, _ in british._RULES:
        missing = [w for w in forms if literal not in w and pattern.search(w)]
        assert not missing, (literal, pattern.pattern, missing[:5])
