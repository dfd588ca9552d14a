"""Which words two texts share, in order: for showing a copy beside what it copies.

The HTML report marks the shared words of a copy and its original side by side; the
editor server's hover marks the words that differ. Words are compared case-folded
and without surrounding punctuation; the text itself is kept as written.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^\W+|\W+$")


class Piece(NamedTuple):
    text: str  # a word as written, or the space between words
    shared: bool  # a word found, in order, in the other text (spaces are never shared)


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _EDGE.sub("", m.group().casefold())) for m in _WORD.finditer(text)]


def _pieces(text: str, words: list[tuple[int, int, str]], shared: set[int]) -> list[Piece]:
    out: list[Piece] = []
    at = 0
    for index, (start, end, _) in enumerate(words):
        if start > at:
            out.append(Piece(text[at:start], False))
        out.append(Piece(text[start:end], index in shared))
        at = end
    if at < len(text):
        out.append(Piece(text[at:], False))
    return out


def compare(first: str, second: str) -> tuple[list[Piece], list[Piece]]:
    """Both texts cut into pieces, each word flagged when the other text has it in the same order."""
    a, b = _words(first), _words(second)
    matcher = SequenceMatcher(None, [w for _, _, w in a], [w for _, _, w in b], autojunk=False)
    in_a: set[int] = set()
    in_b: set[int] = set()
    for block in matcher.get_matching_blocks():
        in_a.update(range(block.a, block.a + block.size))
        in_b.update(range(block.b, block.b + block.size))
    return _pieces(first, a, in_a), _pieces(second, b, in_b)
