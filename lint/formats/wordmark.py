"""A copy finding beside what it copies: where the original is, and which words the two share.

The one place for those steps (:func:`originals`, :func:`pair`): the HTML report marks
the shared words of a copy and its original side by side, the editor server's hover
marks the words that differ, and the status tables name the period copied. Words are
compared case-folded and without surrounding punctuation; the text itself is kept as
written. Reads the report only: presentation of a finding's related places.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from lint.model import Entry, Phase
from lint.report import Item, RelatedItem, Report
from lint.tuples import NamedTuple

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


class Original(NamedTuple):
    """A place a copy finding copies (one of its related places) and the entry and phase it is in."""

    place: RelatedItem
    entry: Entry | None
    phase: Phase | None

    def period(self, copy: Item) -> str | None:
        """The period copied, as a label: its phase, with its file when that is not the copy's,
        or its entry when another of the same file; None outside any phase."""
        if self.phase is None:
            return None
        where = self.phase.key
        path = self.place.related.path
        if path != copy.path:
            where += f" in {path}"
        elif self.entry is not None and copy.diagnostic.entry is not None and self.entry.name != copy.diagnostic.entry:
            where += f" of {self.entry.name}"
        return where

    def label(self, copy: Item) -> str:
        """:meth:`period`, or the file and line outside any phase."""
        return self.period(copy) or f"{self.place.related.path}:{self.place.location.line}"


def originals(copy: Item, report: Report) -> Iterator[Original]:
    """The places ``copy`` copies, in the finding's order (those in the report's documents)."""
    for place in copy.related:
        entry, phase = report.documents[place.related.path].phase_at(place.related.span.start)
        yield Original(place, entry, phase)


def pair(copy: Item, report: Report) -> tuple[Original, list[Piece], list[Piece]] | None:
    """The copy's first original, and the copy's text and the original's in pieces, each word
    flagged when the other has it (None when the finding has no related place in the report)."""
    original = next(originals(copy, report), None)
    if original is None:
        return None
    mine = copy.diagnostic.span.slice(report.documents[copy.path].text)
    left, right = compare(mine, original.place.excerpt)
    return original, left, right
