"""Recognise phase headings ("Progress during 2013") and the reader options around them."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple


class PhaseHeading(NamedTuple):
    """A heading pattern: a regex with a ``year`` group, the phase kind it means,
    and the canonical heading text (``{year}`` is filled in)."""

    kind: str
    pattern: re.Pattern[str]
    canonical: str

    @classmethod
    def compile(cls, kind: str, pattern: str, canonical: str) -> PhaseHeading:
        regex = re.compile(pattern, re.IGNORECASE)
        if "year" not in regex.groupindex:
            raise ValueError(f"phase heading pattern {pattern!r} has no (?P<year>...) group")
        return cls(kind, regex, canonical)


DEFAULT_HEADINGS: tuple[PhaseHeading, ...] = (
    PhaseHeading.compile(
        "commitment",
        r"^(?:departmental\s+)?(?:digital\s+strategy\s+)?commitments?\s*"
        r"\(\s*(?:[a-z]+\s+)?(?P<year>\d{4})\s*\)\s*:?$",
        "Departmental digital strategy commitments (December {year})",
    ),
    PhaseHeading.compile(
        "commitment", r"^commitments?(?:\s+(?:in|for|made\s+in))?\s*:?\s*(?P<year>\d{4})\s*:?$", "Commitment {year}"
    ),
    PhaseHeading.compile(
        "progress", r"^progress\s+(?:during|in|for)\s+(?P<year>\d{4})\s*:?$", "Progress during {year}"
    ),
    PhaseHeading.compile(
        "plan", r"^planned\s+activities\s+(?:in|for|during)\s+(?P<year>\d{4})\s*:?$", "Planned activities in {year}"
    ),
    PhaseHeading.compile("plan", r"^plans?\s+(?:in|for)\s+(?P<year>\d{4})\s*:?$", "Planned activities in {year}"),
)


class ReaderOptions(NamedTuple):
    """What a reader needs from configuration (immutable and hashable, as its parts are)."""

    headings: tuple[PhaseHeading, ...] = DEFAULT_HEADINGS
    # the phase a 2012 ``{div .statement}`` body stands for
    statement_kind: str = "commitment"
    statement_year: int | None = 2012
    known_directives: frozenset[str] = frozenset({"navigation", "DEPARTMENTRESPONSE", "toc", "contents"})


class HeadingMatch(NamedTuple):
    kind: str
    year: int
    canonical: str


def heading_matcher(options: ReaderOptions) -> Callable[[str], HeadingMatch | None]:
    """:func:`match_heading` for one ``options``, with the patterns prepared once.

    A reader matches every line of a file: this spares each line the lookup of the
    combined pattern (which hashes every heading pattern of ``options``)."""
    headings = options.headings
    combined = _combined(headings)

    def match(text: str) -> HeadingMatch | None:
        # the space is the only printable whitespace character: with no run of spaces there
        # is nothing to collapse but the ends (most lines are like this, and this spares
        # them the split and join)
        stripped = text.strip() if "  " not in text and text.isprintable() else " ".join(text.split())
        if not stripped or len(stripped) > 120:
            return None
        if combined is not None:
            m = combined.match(stripped)
            if m is None:
                return None
            index = _alternative(m)
            heading = headings[index]
            year = int(m.group(f"year__{index}"))
            return HeadingMatch(heading.kind, year, heading.canonical.format(year=year))
        for heading in headings:
            m = heading.pattern.match(stripped)
            if m:
                year = int(m.group("year"))
                return HeadingMatch(heading.kind, year, heading.canonical.format(year=year))
        return None

    return match


def match_heading(text: str, options: ReaderOptions) -> HeadingMatch | None:
    """The phase a heading line names, or None if it names none."""
    return heading_matcher(options)(text)


_GROUP = re.compile(r"\(\?P(<|=)([A-Za-z_]\w*)")


def _alternative(m: re.Match[str]) -> int:
    """Which alternative of a :func:`_combined` pattern matched."""
    last = m.lastgroup  # the outermost group closes last: h__i
    if last is not None and last.startswith("h__"):
        return int(last[3:])
    for name, value in m.groupdict().items():
        if value is not None and name.startswith("h__"):
            return int(name[3:])
    raise AssertionError("a combined heading pattern matched no alternative")


@lru_cache(maxsize=16)
def _combined(headings: tuple[PhaseHeading, ...]) -> re.Pattern[str] | None:
    """All heading patterns as one regex, so that each line is matched once, not once per
    pattern: alternative ``i`` is wrapped in group ``h__i`` and its named groups renamed
    ``name__i``. None when the patterns cannot be combined (inline flags, say): then
    :func:`match_heading` tries them one by one, with the same result."""
    parts = []
    for i, heading in enumerate(headings):
        if heading.pattern.flags & ~(re.IGNORECASE | re.UNICODE):
            return None
        body = _GROUP.sub(rf"(?P\1\2__{i}", heading.pattern.pattern)
        parts.append(f"(?P<h__{i}>(?:{body}))")
    try:
        return re.compile("|".join(parts), re.IGNORECASE)
    except re.error:
        return None
