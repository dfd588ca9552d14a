"""Split decoded text into lines with exact spans, whatever the line endings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One line: ``text`` without its ending, ``start``/``end`` offsets of that text."""

    number: int
    start: int
    end: int
    text: str


def split_lines(text: str) -> Iterator[Line]:
    """Yield every line of ``text``; ``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a line."""
    n = len(text)
    start = 0
    number = 1
    find = text.find
    while start < n:
        nl = find("\n", start)
        cr = find("\r", start, nl if nl >= 0 else n)
        if cr >= 0:
            end = cr
            nxt = cr + 2 if cr + 1 < n and text[cr + 1] == "\n" else cr + 1
        elif nl >= 0:
            end = nl
            nxt = nl + 1
        else:
            end = n
            nxt = n
        yield Line(number, start, end, text[start:end])
        number += 1
        start = nxt
