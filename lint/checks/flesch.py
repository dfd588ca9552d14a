"""Flesch counts of text for ``readability``: sentences, words and syllables, and the syllable counters.

Words as readability counts them: with ``names``, an official name or an acronym is one word of
one syllable (see :func:`lint.checks.sentences.name_units`). Syllables from :mod:`.syllables`
(``estimate``, no load cost), the CMU dictionary of textstat-rs (``cmudict``) or textstat
(``textstat``, which needs NLTK's cmudict on disk); which one is available is checked when a
rule names it (:func:`unavailable`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import chain, compress, islice
from operator import and_

from lint.tuples import NamedTuple


class Scores(NamedTuple):
    """Counts and Flesch scores of a piece of text."""

    sentences: int
    words: int
    syllables: int

    @property
    def reading_ease(self) -> float:
        return 206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)

    @property
    def grade(self) -> float:
        return 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59


def unavailable(kind: str) -> str | None:
    """Why the syllable counter ``kind`` cannot run here (checked at load, when a rule or config names it)."""
    from importlib.util import find_spec

    if kind == "cmudict" and find_spec("textstat_rs") is None:
        return 'syllables = "cmudict" needs the textstat-rs package (pip install textstat-rs)'
    if kind == "textstat":
        if find_spec("textstat") is None or find_spec("nltk") is None:
            return 'syllables = "textstat" needs the textstat package (pip install "response-lint[textstat]")'
        import nltk

        try:
            nltk.data.find("corpora/cmudict")
        except LookupError:
            return (
                'syllables = "textstat" needs NLTK\'s cmudict, which is not installed and '
                "will not be downloaded during a lint run; install it once with "
                "`python -m nltk.downloader cmudict` (or set NLTK_DATA), or use "
                'syllables = "estimate" or "cmudict", which work offline'
            )
    return None


def _cmudict_counter() -> Callable[[str], int]:
    import textstat_rs  # its presence was checked at load (unavailable)

    from lint.checks.syllables import estimate, token

    def word(part: str) -> int:
        n: int = textstat_rs.syllable_count(part, lang="en_GB")
        return n if n > 0 else estimate(part)

    def count(text: str) -> int:
        return token(text, word)

    return count


def _textstat_counter() -> Callable[[str], int]:
    """textstat's own syllable count, which needs NLTK's cmudict on disk (checked at load, see unavailable).

    textstat would download the dictionary at first use; offline that raises a
    LookupError deep inside NLTK, which is why the load checks for it first.
    """
    import textstat

    from lint.checks.syllables import estimate, token

    def word(part: str) -> int:
        n = int(textstat.syllable_count(part))
        return n if n > 0 else estimate(part)

    def count(text: str) -> int:
        return token(text, word)

    return count


def counter(kind: str) -> Callable[[str], int]:
    """The syllable counter named by the ``syllables`` option (one of its choices, checked at load)."""
    if kind == "cmudict":
        return _cmudict_counter()
    if kind == "textstat":
        return _textstat_counter()
    from lint.checks.syllables import token

    return token


@lru_cache(maxsize=4)
def remembering(kind: str) -> Callable[[str], int]:
    """The counter named ``kind``, remembering words it has counted (words repeat, also across documents)."""
    return lru_cache(maxsize=1 << 16)(counter(kind))


def score(text: str, count: Callable[[str], int] | None = None) -> Scores | None:
    """Flesch counts of ``text`` (None when it has no words); ``count`` counts a word's syllables."""
    from lint.checks import sentences

    return score_of(text, len(sentences.split(text)), sentences.words(text), count or counter("estimate"))


def score_of(
    text: str,
    sentence_count: int,
    tokens: list[tuple[int, int]],
    count: Callable[[str], int],
    names: bool = False,
    weights: Sequence[int] | None = None,
) -> Scores | None:
    """:func:`scores` of the tokens ``text[s:e]``."""
    return scores([text[s:e] for s, e in tokens], sentence_count, count, names, weights)


def scores(
    tokens: Sequence[str],
    sentence_count: int,
    count: Callable[[str], int],
    names: bool = False,
    weights: Sequence[int] | None = None,
) -> Scores | None:
    """Flesch counts; with ``names``, an official name or acronym is one word of one syllable.

    ``weights``: :func:`sentences.name_counts` of ``tokens``, if the caller has them.

    A reader takes "Government Digital Inclusion Strategy" or "MOD" in at a glance, as
    they would "it": the formula's word length and syllables measure unfamiliar words,
    and names are not what makes a paragraph hard (see :func:`sentences.name_units`).
    """
    if not tokens:
        return None
    if not names:
        return Scores(max(1, sentence_count), len(tokens), sum(map(count, tokens)))
    from lint.checks import sentences

    counts = weights if weights is not None else sentences.name_counts(tokens)
    # the units of sentences.name_units, counted without building them (a paragraph's tokens go
    # through map and compress, not a Python loop): a unit starts where a count is 1, and a token
    # is a unit alone when the next token starts one too; a name of several words is one syllable
    starts = map(and_, counts, chain(islice(counts, 1, None), (1,)))
    alone: Iterable[str]
    if len(tokens) < sentences.COMPACT:
        listed = list(compress(tokens, starts))
        alone, lone = listed, len(listed)
    else:  # a long paragraph: a byte a token, not a list of them
        mask = bytes(starts)
        alone, lone = compress(tokens, mask), sum(mask)
    units = sum(counts)
    return Scores(max(1, sentence_count), units, units - lone + sum(map(_alone(count), alone)))


@lru_cache(maxsize=4)
def _alone(count: Callable[[str], int]) -> Callable[[str], int]:
    """The syllables of a token that is a unit alone, remembered: an acronym is a name, one syllable;
    another word, ``count``'s (one call a token, where a flag, a test and a count each took a pass)."""
    from lint.checks.sentences import is_acronym

    return lru_cache(maxsize=1 << 16)(lambda token: 1 if is_acronym(token) else count(token))
