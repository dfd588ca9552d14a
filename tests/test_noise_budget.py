"""The noise budget and the shapes (issue 16): grouped readability, plain-english per entry, nowhere links."""

from __future__ import annotations

from lint.checks import readability, sentences
from lint.checks.link_syntax import nowhere


def _weights(text: str) -> list[str]:
    tokens = sentences.words(text)
    counts = readability.name_word_counts(text, tokens)
    return [text[s:e] for (s, e), n in zip(tokens, counts, strict=True) if n]


def test_an_official_name_counts_as_one_word() -> None:
    text = "The Department for Business, Innovation and Skills worked with the Driving Standards Agency in 2014."
    assert _weights(text) == ["The", "worked", "with", "the", "Driving", "in", "2014."]


def test_a_name_stops_at_lower_case_words_and_sentence_ends() -> None:
    text = "We asked HMRC. Then the Cabinet Office and users of the service agreed."
    assert _weights(text) == [
        "We",
        "asked",
        "HMRC.",
        "Then",
        "the",
        "Cabinet",
        "and",
        "users",
        "of",
        "the",
        "service",
        "agreed.",
    ]


def test_nowhere_targets() -> None:
    import re

    words = re.compile(r"tbc|link|[^/:]*\s[^/:]*", re.IGNORECASE)
    hosts = ("example.com", "localhost")
    assert nowhere("#", words, hosts)
    assert nowhere("TBC", words, hosts)
    assert nowhere("url here", words, hosts)
    assert nowhere("https://www.example.com/a", words, hosts)
    assert nowhere("http://localhost:8080/", words, hosts)
    assert nowhere("#summary", words, hosts) is None
    assert nowhere("guide", words, hosts) is None
    assert nowhere("https://www.gov.uk/", words, hosts) is None
    assert nowhere("https://notexample.com/", words, hosts) is None
