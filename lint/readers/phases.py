"""Recognise phase headings ("Progress during 2013") and the reader options around them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise

from lint import regexcache
from lint.tuples import NamedTuple


class PhaseHeading(NamedTuple):
    """A heading pattern: a regex with a ``year`` group (or a ``period`` group: a year,
    a month and year, a quarter, a date or a range), the phase kind it means, and the
    canonical heading text (``{year}`` is filled in; empty: the heading as written).

    The regex is kept as its source and flags: the patterns of a run are matched as
    one combined regex (:func:`heading_matcher`), so compiling each one as well would
    only cost start-up time (the built-in ones are long)."""

    kind: str
    pattern: str
    canonical: str
    flags: int = re.IGNORECASE | re.UNICODE

    @classmethod
    def compile(cls, kind: str, pattern: str, canonical: str) -> PhaseHeading:
        """A heading from a pattern of unknown quality (the config's): checked here, so that
        a bad pattern is reported where it is written (``re.error``, or ValueError)."""
        regex = re.compile(pattern, re.IGNORECASE)
        if "year" not in regex.groupindex and "period" not in regex.groupindex:
            raise ValueError(f"phase heading pattern {pattern!r} has no (?P<year>...) or (?P<period>...) group")
        return cls(kind, pattern, canonical, regex.flags)

    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)


# Periods as people write them: a year, a month and year, a date, a quarter, a financial
# year or a range of any of these. The kind words and the period may come in either order.
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_YEAR = r"(?:19|20)\d\d"
# a point finer than a year: a date, a month or a quarter
_DATED = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+{_YEAR}"  # 12 March 2024
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"  # March 12, 2024
    rf"|(?:{_MONTHS})\.?,?\s+{_YEAR}"  # March 2024
    rf"|q[1-4]\s*{_YEAR}|{_YEAR}\s*q[1-4]"  # Q3 2016, 2016 Q3
    rf"|(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?\s+{_YEAR}"
    rf"|{_YEAR}-[01]\d(?:-[0-3]\d)?"  # 2024-02, 2024-02-12
)
_POINT = rf"(?:{_DATED}|{_YEAR}(?:\s*[-/–]\s*\d\d(?!\d))?)"  # … or 2013, 2013-14, 2013/14
_TO = r"\s*(?:to|until|through|-|–|—)\s*"
PERIOD = rf"(?:(?:financial\s+year|fy|year|period)\s+)?{_POINT}(?:{_TO}{_POINT})?"
# a line that is only a date, a month or a quarter (not a bare year): a tracker's dated status
# line ("2019-03" over a record's update) is the progress as at that date
DATED_LINE = rf"^\(?\s*(?P<period>(?:{_DATED})(?:{_TO}(?:{_DATED}))?)\s*\)?\s*:?$"
KIND_WORDS: dict[str, str] = {
    "commitment": r"(?:original\s+|initial\s+)?(?:commitments?|pledges?|undertakings?)",
    "progress": r"progress(?:\s+(?:update|report|made|to\s+date))?|updates?|status(?:\s+update)?|achievements?",
    "plan": r"plan(?:s|ned(?:\s+(?:activities|activity|work|actions?))?)?|next\s+steps|future\s+(?:plans|work)"
    r"|priorities",
}
_CONNECTOR = r"during|in|for|of|at|by|from|until|since|to\s+date|as\s+(?:of|at)|up\s+to"
_JOIN = rf"(?:\s*[:,–—-]\s*|\s+(?:(?:{_CONNECTOR})\s+(?:the\s+)?)?)"


# an update titled after its date: "3 August 2018 - Third National Action Plan Update",
# "27 April 2022. OGPNZ Update", "10 August 2018 – Update for Third National Action Plan" (a
# date, month or quarter, not a bare year; the words before the kind are a title in capitals)
_TITLE_WORD = r"(?-i:[A-Z0-9][\w&'’/-]*)"
_OBJECT = r"[\w&'’()/-]+(?:[ ,]+[\w&'’()/-]+){0,7}"


def _titled(kind: str) -> PhaseHeading:
    words = KIND_WORDS[kind]
    title = rf"(?:{_TITLE_WORD}\s+){{1,8}}"
    return PhaseHeading(
        kind,
        rf"^(?P<period>{_DATED})\s*[.:–—-]\s*(?:{title})?(?:{words})(?:\s+(?:for|on|of|about)\s+{_OBJECT})?\s*$",
        "",
    )


def _generic(kind: str) -> tuple[PhaseHeading, PhaseHeading]:
    words = KIND_WORDS[kind]
    period = rf"\(?\s*(?P<period>{PERIOD})\s*\)?"
    return (
        PhaseHeading(kind, rf"^(?:{words}){_JOIN}{period}\s*:?$", ""),
        PhaseHeading(kind, rf"^{period}{_JOIN}(?:{words})\s*:?$", ""),
    )


_MONTH_NUMBER = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_POINT_RE = regexcache.compile(_POINT, re.IGNORECASE)
_YEAR_RE = regexcache.compile(r"(?:19|20)\d\d")
_SHORT_END = regexcache.compile(r"^((?:19|20)\d\d)\s*[-/–]\s*(\d\d)$")
_MONTH_RE = regexcache.compile(rf"\b({_MONTHS})\b|(?<=\d{{4}})-([01]\d)\b", re.IGNORECASE)
_QUARTER_RE = regexcache.compile(r"q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter", re.IGNORECASE)
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def parse_period(text: str) -> tuple[int, int, str | None] | None:
    """``(year, month, label)`` of a period: the year and month (0: the whole year) it ends
    in, and a label for periods other than one calendar year (None for "2013")."""
    text = " ".join(text.split())
    points = [m.group(0) for m in _POINT_RE.finditer(text)]
    if not points:
        return None
    last = points[-1]
    short = _SHORT_END.match(last)
    if short and "-" in last and 1 <= int(short.group(2)) <= 12 and int(short.group(2)) != (int(last[2:4]) + 1) % 100:
        short = None  # 2024-02 is February 2024, 2013-14 the year to 2014
    if short:  # 2013-14: ends in 2014
        year = int(short.group(1)[:2] + short.group(2))
    else:
        years = _YEAR_RE.findall(last)
        if not years:
            return None
        year = int(years[-1])
    month = 0
    quarter = _QUARTER_RE.search(last)
    if short:
        pass  # a financial or academic year: no month
    elif quarter:
        month = 3 * (int(quarter.group(1)) if quarter.group(1) else _QUARTERS[quarter.group(2).lower()])
    else:
        found = _MONTH_RE.search(last)
        if found:
            month = _MONTH_NUMBER[found.group(1)[:3].lower()] if found.group(1) else int(found.group(2))
    label = None if len(points) == 1 and not month and not short and _YEAR_RE.fullmatch(last.strip()) else text
    return year, month, label


# built in, so not compiled one by one (tests/test_readers.py checks each compiles and has its group)
DEFAULT_HEADINGS: tuple[PhaseHeading, ...] = (
    PhaseHeading(
        "commitment",
        r"^(?:departmental\s+)?(?:digital\s+strategy\s+)?commitments?\s*"
        r"\(\s*(?:[a-z]+\s+)?(?P<year>\d{4})\s*\)\s*:?$",
        "Departmental digital strategy commitments (December {year})",
    ),
    PhaseHeading(
        "commitment", r"^commitments?(?:\s+(?:in|for|made\s+in))?\s*:?\s*(?P<year>\d{4})\s*:?$", "Commitment {year}"
    ),
    PhaseHeading("progress", r"^progress\s+(?:during|in|for)\s+(?P<year>\d{4})\s*:?$", "Progress during {year}"),
    PhaseHeading(
        "plan", r"^planned\s+activities\s+(?:in|for|during)\s+(?P<year>\d{4})\s*:?$", "Planned activities in {year}"
    ),
    PhaseHeading("plan", r"^plans?\s+(?:in|for)\s+(?P<year>\d{4})\s*:?$", "Planned activities in {year}"),
    *_generic("commitment"),
    *_generic("progress"),
    *_generic("plan"),
    _titled("progress"),
    _titled("plan"),
    PhaseHeading("progress", DATED_LINE, ""),
)


def newest_first(orders: Sequence[tuple[int, int, int]]) -> bool:
    """Whether a document lists its periods newest first: more of its consecutive phase
    headings go back in time than forward (a tie is read oldest first, as most are).

    The publication reader starts a new entry where the periods turn back (the next
    organisation's commitment after the last one's plans); in a newest-first document
    they turn back at every heading, so it reads the turn the other way: a period later
    than the last starts an entry, and two updates of one month do not."""
    back = forward = 0
    for earlier, later in pairwise(orders):
        if later < earlier:
            back += 1
        elif later > earlier:
            forward += 1
    return back > forward


class ReaderOptions(NamedTuple):
    """What a reader needs from configuration (immutable and hashable, as its parts are)."""

    headings: tuple[PhaseHeading, ...] = DEFAULT_HEADINGS
    # the phase a 2012 ``{div .statement}`` body stands for
    statement_kind: str = "commitment"
    statement_year: int | None = 2012
    known_directives: frozenset[str] = frozenset({"navigation", "DEPARTMENTRESPONSE", "toc", "contents"})
    # page furniture patterns (None: the built-in list, rules/words/furniture.txt), and more to add
    furniture: tuple[str, ...] | None = None
    extend_furniture: tuple[str, ...] = ()


class HeadingMatch(NamedTuple):
    kind: str
    year: int
    canonical: str | None
    # the period's label when it is not one calendar year, and the month it ends in (0: none)
    period: str | None = None
    month: int = 0


def _matched(heading: PhaseHeading, m: re.Match[str], suffix: str, text: str) -> HeadingMatch | None:
    groups = m.groupdict()
    year_text = groups.get("year" + suffix)
    if year_text is not None:
        year = int(year_text)
        return HeadingMatch(heading.kind, year, heading.canonical.format(year=year) if heading.canonical else text)
    period = parse_period(groups.get("period" + suffix) or "")
    if period is None:
        return None
    year, month, label = period
    canonical = heading.canonical.format(year=year) if heading.canonical else text
    return HeadingMatch(heading.kind, year, canonical, label, month)


_DIGIT = regexcache.compile(r"\d")  # what int() reads as a digit: any decimal digit (Unicode Nd)


def heading_matcher(options: ReaderOptions) -> Callable[[str], HeadingMatch | None]:
    """:func:`match_heading` for one ``options``, with the patterns prepared once.

    A reader matches every line of a file: this spares each line the lookup of the
    combined pattern (which hashes every heading pattern of ``options``)."""
    headings = options.headings
    combined = _combined(headings)
    singles = [] if combined is not None else [(heading, heading.regex()) for heading in headings]

    def match(text: str) -> HeadingMatch | None:
        # the space is the only printable whitespace character: with no run of spaces there
        # is nothing to collapse but the ends (most lines are like this, and this spares
        # them the split and join)
        stripped = text.strip() if "  " not in text and text.isprintable() else " ".join(text.split())
        if not stripped or len(stripped) > 120 or _DIGIT.search(stripped) is None:
            # a heading names its year: the year group, read with int() (a decimal digit at
            # least), or a period that parse_period reads (19xx or 20xx in it); most lines
            # have no digit, and the combined pattern took 11 µs to fail on one
            return None
        if combined is not None:
            m = combined.match(stripped)
            if m is None:
                return None
            index = _alternative(m)
            return _matched(headings[index], m, f"__{index}", stripped)
        for heading, regex in singles:
            m = regex.match(stripped)
            if m:
                return _matched(heading, m, "", stripped)
        return None

    return match


def match_heading(text: str, options: ReaderOptions) -> HeadingMatch | None:
    """The phase a heading line names, or None if it names none."""
    return heading_matcher(options)(text)


_GROUP = regexcache.compile(r"\(\?P(<|=)([A-Za-z_]\w*)")


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
        if heading.flags & ~(re.IGNORECASE | re.UNICODE):
            return None
        body = _GROUP.sub(rf"(?P\1\2__{i}", heading.pattern)
        parts.append(f"(?P<h__{i}>(?:{body}))")
    try:
        return regexcache.compile("|".join(parts), re.IGNORECASE)
    except re.error:
        return None
