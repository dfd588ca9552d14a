"""Plain text for the copy checks: one quote style, ASCII punctuation, words, figures, verbatim keys.

The first step of levelling prose before two texts are compared (see
:mod:`lint.checks.copies`): the markers the later steps put into the words, and the
small words that carry no content. No state, no caches.
"""

from __future__ import annotations

import re
import unicodedata

from lint import regexcache

ORG = "@org"
NUMBER = "#"
SENTINEL = "Qzqorgqzq"  # stands for the entry's name until the words become tokens
BREAK = "Zqbreakzq"  # separates the sentences of a paragraph tokenised in one pass

# One quote style, and the common non-ASCII punctuation as ASCII (so most text takes the fast path).
_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‒": "-",
        "−": "-",
        "…": "...",
        "•": " ",
        "·": " ",
        "£": " ",
        "€": " ",
        "\u00a0": " ",
        "\u200b": "",
    }
)
_PLAIN_WORD = regexcache.compile(r"[^\W_]+")
WORD = regexcache.compile(r"[^\W_]+(?:'[^\W_]+)*")
# ASCII text: letters, digits and apostrophes stay, everything else separates words.
_ASCII_WORDS = bytes(c if (chr(c).isalnum() or c == 39) else 32 for c in range(256))
_URL = regexcache.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)
_FIGURE = regexcache.compile(r"\d+(?:[.,]\d+)*")
_YEAR = regexcache.compile(r"(?:19|20)\d\d")

# Small words that carry no content (for action-echo's share of words).
_STOPWORD_TEXT = """
a an the of and or for to in on at by with from into onto as that this these those which who whom whose
it its their them they we our us he she his her be been is are was were will shall has have had would
could should may might can do does did not no so such than then there where when while also all any
both each more most other some
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


# _PLAIN as (character, replacement) pairs: no replacement holds a character that is replaced, so
# replacing the characters a text holds one after another is _PLAIN's translation, and ~15 times
# faster on a non-ASCII paragraph (str.translate with a table looks each character up in Python's dict)
_PLAIN_PAIRS = tuple((chr(code), replacement) for code, replacement in _PLAIN.items())


def plain(text: str) -> str:
    """NFKC, one quote style, ASCII punctuation (ASCII text is returned as it is)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    for char, replacement in _PLAIN_PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def prose(text: str) -> str:
    """:func:`_plain`, and web addresses taken out: they are not prose."""
    text = plain(text)
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    return text


def figures(text: str) -> list[str]:
    """The numbers a text states, other than years, in order ("£2.5m" and "25%" give "2.5", "25")."""
    return [n for n in _FIGURE.findall(prose(text)) if not _YEAR.fullmatch(n)]


def words_of(text: str) -> list[str]:
    """The words of plain text: letters and digits, with apostrophes inside words kept."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    return WORD.findall(text)


def verbatim_key(text: str) -> str:
    """The words of ``text`` without case, punctuation, quotes or spacing."""
    return " ".join(_PLAIN_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))
