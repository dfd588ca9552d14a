"""How the copy checks level text: words with the entry's names marked, canonical tokens, and a
paragraph's sentences levelled in one pass that also gives the paragraph's own analysis.

:func:`marked` and :func:`canonical` are the two steps of :func:`lint.checks.copies.paragraph_text`
(see :mod:`lint.checks.copies` for what levelling does). :func:`sentences_and_whole` levels a
paragraph of several sentences in one pass of the words, its sentences joined by a break word;
the paragraph's own words are then those of its sentences one after another, so it is not
tokenised again when nothing in it can tell the two apart (:func:`same_words`), and each word
3-gram is hashed once for the paragraph and its sentences
(:func:`lint.checks.shingles.grams_in_parts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from lint.checks.acronyms import Names, collapse_definitions
from lint.checks.plaintext import BREAK, SENTINEL, prose, words_of
from lint.checks.shingles import grams, grams_in_parts
from lint.checks.stemming import TOKENS
from lint.regexcache import compile as compile_regex

Levelled = tuple[str, int, frozenset[int]]  # canonical text, words, shingles

# a name that may hold the white space between two sentences: white space after a sentence's last
# character (. ! ? … or a closing quote or bracket), or after white space (a sentence ending in a web
# address has it replaced by a space), or at either end of the name
_ACROSS_SENTENCES = compile_regex(r"[\s.!?\"')\]…’”]\s|^\s|\s$")


def marked(text: str, names: Names) -> tuple[list[str], list[str]]:
    """The words of ``text`` with the entry's name and acronyms as one marker word, and its plain words."""
    original = text = prose(text)
    if names.name and names.name in text:
        text = text.replace(names.name, SENTINEL)
    if "(" in text:
        text = collapse_definitions(text)
    words = words_of(text)
    plain = words if text is original else words_of(original)
    if names.acronyms and not names.acronyms.isdisjoint(words):
        words = list(map(names.lookup.get, words, words))
    return words, plain


def tokens_of(words: list[str]) -> list[str]:
    """The canonical tokens of some words, before :func:`levelled` (a word may give none)."""
    return list(filter(None, map(TOKENS.__getitem__, words)))


def levelled(tokens: list[str]) -> tuple[str, list[str]]:
    """The canonical string of some tokens, and its tokens (``tokens`` itself when nothing was levelled)."""
    joined = " ".join(tokens)
    if may_level(joined):
        joined = level(joined)
        return joined, joined.split()
    return joined, tokens


def canonical(words: list[str]) -> tuple[str, list[str]]:
    """The canonical string of some words, and its tokens."""
    return levelled(tokens_of(words))


def may_level(joined: str) -> bool:
    """Whether :func:`level` may change ``joined`` (a canonical string): most hold no marker to level."""
    return "the @org" in joined or "@org @org" in joined or "# #" in joined


def level(joined: str) -> str:
    """Level repeated markers: "the @org" and "@org @org" -> "@org"; "# #" -> "#"."""
    joined = " " + joined + " "
    joined = joined.replace(" the @org ", " @org ")
    while " @org @org " in joined:
        joined = joined.replace(" @org @org ", " @org ")
    while " # # " in joined:
        joined = joined.replace(" # # ", " # ")
    return joined.strip()


def same_words(text: str, joined: str, names: Names) -> bool:
    """Whether :func:`marked` finds in ``text`` the words it finds in ``joined`` (``text``'s sentences
    joined by the break word), the break words aside. Sentences are separated by white space
    alone, which every step of :func:`marked` treats as a word's end, so only these tell them
    apart: a definition (its acronym's words are looked for in the characters before it), the
    entry's name across two sentences, a break word in the text, and white space that is
    not ASCII between two ASCII sentences (ASCII text is split into words otherwise)."""
    return (
        "(" not in text
        and BREAK not in text
        and text.isascii() == joined.isascii()
        and not (names.name and _may_cross(names.name))
        and ("(" not in prose(joined) if not joined.isascii() else True)
    )


@lru_cache(maxsize=1 << 10)  # an entry's name, asked for each of its paragraphs
def _may_cross(name: str) -> bool:
    """Whether the entry's name may hold the white space between two sentences, or the break word."""
    return _ACROSS_SENTENCES.search(name) is not None or BREAK in name


def _stops(items: list[str], parts: int) -> list[int]:
    """Where ``items`` is cut into ``parts`` at the break word: -1, each break word's index, ``len(items)``
    (part k is ``items[stops[k] + 1 : stops[k + 1]]``; no part is made, where only its length is wanted)."""
    stops = [-1]
    at = -1
    index = items.index
    for _ in range(parts - 1):
        at = index(BREAK, at + 1)
        stops.append(at)
    stops.append(len(items))
    return stops


def sentences_and_whole(
    text: str, names: Names, bounds: Sequence[tuple[int, int]], whole: bool
) -> tuple[list[Levelled], Levelled | None]:
    """Each sentence of ``text`` (two or more, at ``bounds``) levelled, and with ``whole`` the
    paragraph's own analysis as :func:`marked` and :func:`canonical` of the whole text give it
    (``None`` when :func:`same_words` cannot tell it from the sentences')."""
    n = len(bounds)
    joined = f" {BREAK} ".join([text[a:b] for a, b in bounds])
    words, plain = marked(joined, names)  # one pass: the words to compare, and the words to count
    stops = _stops(plain, n)
    counts = [b - a - 1 for a, b in pairwise(stops)]
    if words is not plain:  # (a name or a definition made one word of several)
        stops = _stops(words, n)
    raw = [tokens_of(words[a + 1 : b]) for a, b in pairwise(stops)]
    each = [" ".join(tokens) for tokens in raw]
    # the paragraph's canonical string (its tokens joined) holds each sentence's: when it holds no
    # marker, neither the paragraph nor any sentence is levelled (3 searches, not 3 a sentence)
    everything = " ".join(filter(None, each))
    if may_level(everything):
        return _levelled_apart(text, joined, names, (raw, each, everything), counts, whole)
    paragraph: Levelled | None = None
    if whole and same_words(text, joined, names):
        all_grams, shingles = grams_in_parts(raw, whole=True)
        paragraph = (everything, sum(counts), all_grams)
    else:
        shingles = grams_in_parts(raw, whole=False)[1]
    return list(zip(each, counts, shingles, strict=True)), paragraph


def _levelled_apart(
    text: str,
    joined: str,
    names: Names,
    tokenised: tuple[list[list[str]], list[str], str],
    counts: list[int],
    whole: bool,
) -> tuple[list[Levelled], Levelled | None]:
    """:func:`sentences_and_whole` when a marker may need levelling: each sentence levelled on its own
    (``tokenised``: their tokens, those joined, and all joined). The paragraph's tokens are its
    sentences' levelled ones one after another, unless levelling joined two at a sentence's end
    ("the" ending one, "@org" starting the next): then it is hashed apart."""
    raw, each, everything = tokenised
    parts = raw[:]
    for k, canonical_text in enumerate(each):
        if may_level(canonical_text):
            each[k] = level(canonical_text)
            parts[k] = each[k].split()
    paragraph: Levelled | None = None
    if whole and same_words(text, joined, names):
        whole_text = level(everything)
        if whole_text == " ".join(filter(None, each)):  # the sentences' tokens, one after another
            all_grams, shingles = grams_in_parts(parts, whole=True)
        else:
            all_grams, shingles = grams(whole_text.split()), grams_in_parts(parts, whole=False)[1]
        paragraph = (whole_text, sum(counts), all_grams)
    else:
        shingles = grams_in_parts(parts, whole=False)[1]
    return list(zip(each, counts, shingles, strict=True)), paragraph
