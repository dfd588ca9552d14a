"""Sentence and word boundaries in a paragraph's plain text (offsets, not copies).

Sentences end at ``.``, ``!``, ``?`` or an ellipsis followed by white space and a
capital, a digit or an opening quote. A full stop does not end a sentence inside a
token (``GOV.UK``, ``£2.5m``, ``1.5``), after an abbreviation that is always
followed by more (``e.g.``, ``i.e.``, ``Mr.``, ``Dr.``, ``No. 10``), after an
initial (``J. Smith``), or after a dotted acronym (``U.K.``) unless the next word
is one that usually starts a sentence. Offsets index :attr:`Paragraph.text`; map
them back with :meth:`Paragraph.to_span`.
"""

from __future__ import annotations

import re

# Never the last word of a sentence: titles and Latin abbreviations followed by more text.
_NEVER_LAST = frozenset(
    {
        "e.g",
        "eg",
        "i.e",
        "ie",
        "cf",
        "viz",
        "vs",
        "v",
        "approx",
        "incl",
        "excl",
        "esp",
        "resp",
        "ca",
        "c",
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "rt",
        "hon",
        "rev",
        "revd",
        "sr",
        "jr",
        "st",
        "sir",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
        "cllr",
        "gov",
        "sen",
        "rep",
        "messrs",
    }
)
# Abbreviations that end a sentence only when a number does not follow ("No. 10", "p. 4").
_BEFORE_NUMBER = frozenset(
    {
        "no",
        "nos",
        "p",
        "pp",
        "para",
        "paras",
        "fig",
        "figs",
        "vol",
        "vols",
        "ch",
        "sec",
        "art",
        "ref",
        "op",
        "ed",
        "eds",
        "pt",
        "tel",
        "ext",
    }
)
# After a dotted acronym ("the U.K. Government"), a sentence ends only before these words.
_STARTERS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "these",
        "that",
        "those",
        "it",
        "its",
        "we",
        "our",
        "they",
        "their",
        "there",
        "he",
        "she",
        "his",
        "her",
        "i",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "as",
        "if",
        "when",
        "while",
        "however",
        "also",
        "and",
        "but",
        "so",
        "after",
        "before",
        "during",
        "since",
        "each",
        "all",
        "some",
        "many",
        "most",
        "no",
        "not",
        "one",
        "both",
        "further",
        "finally",
        "first",
        "then",
        "thus",
        "therefore",
        "what",
        "where",
        "which",
        "who",
        "why",
        "how",
        "with",
        "without",
        "work",
        "progress",
        "plans",
    }
)

_END = re.compile(r"(?:\.{2,}|…|[.!?]+)[\"'’”)\]]*(?=\s)")
_NEXT = re.compile(r"\s+([\"'‘“(\[]*)(\S)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD = re.compile(r"[A-Za-z]+")
_WORD = re.compile(r"[^\s\w]*\w\S*")  # a run of non-space that holds a letter or digit
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _word_before(text: str, stop: int) -> str | None:
    """The run of ASCII letters and dots that ends at ``stop`` and starts with a letter.

    Found by stepping back from ``stop``, so it costs the length of that word, never
    of the text before it: splitting stays linear in the paragraph's length.
    """
    if stop and text[stop - 1] == "\n":
        stop -= 1  # as a regex's ``$`` would: a word just before a line break
    start = stop
    while start and text[start - 1] in _WORD_CHARS:
        start -= 1
    while start < stop and text[start] == ".":
        start += 1
    return text[start:stop] if start < stop else None


def _ends_sentence(text: str, end: int, mark: str) -> bool:
    """Whether the terminator ``mark`` ending at ``end`` closes a sentence."""
    nxt = _NEXT.match(text, end)
    if nxt is None:
        return False
    first = nxt.group(2)
    if not (first.isupper() or first.isdigit() or first in "£$€#•–-" or nxt.group(1)):
        return False
    if not mark.startswith(".") or mark.startswith(".."):
        return True
    before = _word_before(text, end - len(mark))
    if before is None:
        return True
    token = before.rstrip(".")
    low = token.lower()
    if low in _NEVER_LAST:
        return False
    if low in _BEFORE_NUMBER and first.isdigit():
        return False
    if len(token) == 1 and token.isupper():
        return False  # an initial: "J. Smith"
    if _DOTTED.fullmatch(token):
        word = _NEXT_WORD.match(text, nxt.start(2))
        return word is not None and word.group(0).lower() in _STARTERS
    return True


def split(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of each sentence of ``text``, surrounding space trimmed.

    The one sentence splitter of the project: readability counts these sentences and the
    copy checks compare them. Linear in the length of ``text``.
    """
    sentences: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if _ends_sentence(text, match.end(), match.group(0).rstrip("\"'’”)]")):
            sentences.append((start, match.end()))
            start = match.end()
    sentences.append((start, len(text)))
    result = []
    for s, e in sentences:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            result.append((s, e))
    return result


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word tokens of ``text[start:end]``: runs of non-space holding a letter or digit."""
    stop = len(text) if end is None else end
    return [m.span() for m in _WORD.finditer(text, start, stop)]
