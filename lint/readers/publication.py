"""Reader for the 2015 publication format: plain text, one paragraph per line.

Page furniture first (a document-type label, "Updated …" lines, notices: front
matter, see :mod:`lint.readers.frontmatter`), a title line, then entries, each
followed by phase heading lines ("Progress during 2013") and their paragraphs and
``- `` bullets. Two layouts:

* per action ("Action 11: …"): entries are organisations. A line is an entry
  name when it comes right before a phase heading, reads like a name (short, no
  closing punctuation) and the heading starts a new sequence of phases (the first
  heading, or one no later than the phase before it);
* per organisation ("DCMS's actions in response to …"): entries are the
  ``Action N: …`` lines; lines between one and its first phase heading are its
  intro, and an entry with text but no phase heading has one unnamed phase.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress

from lint import regexcache
from lint.model import UNNAMED, Document, Entry, Paragraph, Phase, ReadIssue, Severity, Span, new_tuple
from lint.readers.blocks import BULLET
from lint.readers.columns import EntryList
from lint.readers.entrynames import entry_name
from lint.readers.frontmatter import (
    furniture_pattern,
    identify,
    is_furniture,
    organisation_of,
    plan_of,
    table_header,
)
from lint.readers.inline import line_paragraph
from lint.readers.lines import line_table
from lint.readers.phases import DATED_LINE, HeadingMatch, ReaderOptions, heading_matcher, newest_first
from lint.readers.titles import SECTION, action_of

FORMAT = "publication-2015"
DATELINE = regexcache.compile(DATED_LINE, re.IGNORECASE)  # a line that is only a date, a month or a quarter


def looks_like_name(text: str) -> bool:
    stripped = text.strip()
    if not stripped or len(stripped) > 120 or len(stripped.split()) > 16:
        return False
    return not (stripped[-1] in ".:;,!?…" or BULLET.match(stripped))


@lru_cache(maxsize=1024)
def _order_of(kind: str, year: int, month: int) -> tuple[int, int, int]:
    return Phase(kind, year, Span(0, 0), Span(0, 0), month=month).order


def _order(match: HeadingMatch) -> tuple[int, int, int]:
    return _order_of(match.kind, match.year, match.month)


def _paragraphs(texts: list[str], starts: list[int], first: int, stop: int) -> list[Paragraph]:
    """The paragraphs of (non-blank) lines ``first`` to ``stop - 1``: one a line, list items as bullets."""
    found: list[Paragraph] = []
    append = found.append
    for k in range(first, stop):
        text = texts[k]
        start = starts[k]
        span = new_tuple(Span, (start, start + len(text)))
        if text[0].isalpha():  # the common case: no leading blank, no list marker (BULLET cannot match)
            append(line_paragraph(start, text.rstrip(), span))
            continue
        bullet = BULLET.match(text)
        if bullet:
            marker = bullet.end()
            append(line_paragraph(start + marker, text[marker:].rstrip(), span, "bullet"))
            continue
        lead = len(text) - len(text.lstrip())
        append(line_paragraph(start + lead, text.strip(), span))
    return found


def read(path: str, text: str, options: ReaderOptions) -> Document:
    every_text, every_start = line_table(text)
    # only the non-blank lines matter: str.strip leaves nothing of a blank one
    kept = list(compress(range(len(every_text)), map(str.strip, every_text)))
    texts = list(map(every_text.__getitem__, kept))
    starts = list(map(every_start.__getitem__, kept))
    n = len(texts)
    # the same heading lines come back for every entry: match each distinct line once
    match_line = heading_matcher(options)
    known: dict[str, HeadingMatch | None] = {}
    headings = [known[raw] if raw in known else known.setdefault(raw, match_line(raw)) for raw in texts]
    for k in range(1, n):
        if headings[k] is not None and kept[k] == kept[k - 1] + 1 and _runs_on(texts[k - 1], texts[k]):
            headings[k] = None  # "Reflects progress up to" / "May 10, 2019": one statement, no heading

    # front matter: page furniture, the title, a repeat of the title
    furniture = furniture_pattern(options.furniture, options.extend_furniture)
    front_matter: list[Span] = []
    title: str | None = None
    title_span: Span | None = None
    title_index = -1
    for k in range(n):
        if headings[k] is not None:
            if not (front_matter and _dateline(texts, headings, k)):
                break
            headings[k] = None  # the paper's date, between its heading lines and its title
            front_matter.append(_line_span(texts[k], starts[k]))
            continue
        if is_furniture(texts[k], furniture):
            front_matter.append(_line_span(texts[k], starts[k]))
            continue
        starts_entry = k + 1 < n and headings[k + 1] is not None and looks_like_name(texts[k])
        if starts_entry and not SECTION.match(texts[k]) and not (k + 2 < n and SECTION.match(texts[k + 2])):
            break  # no title: the file starts with an entry
        title = texts[k].strip()
        title_span = _line_span(texts[k], starts[k])
        title_index = k
        break
    organisation = organisation_of(title) if action_of(title) is None else None

    # decide which lines are entry names
    is_name = [False] * n
    org_line = [False] * n  # the organisation named under an action, in a list of actions
    sections = [k for k in range(title_index + 1, n) if headings[k] is None and SECTION.match(texts[k])]
    if not sections:
        organisation = None  # a title like one organisation's page, but no "Action N:" entries: read per action
    listed = organisation is None and action_of(title) is None and bool(sections)
    if organisation is not None or listed:
        for k in sections:
            is_name[k] = True
            after = k + 1
            if (
                listed
                and after + 1 < n
                and headings[after] is None
                and looks_like_name(texts[after])
                and headings[after + 1] is None
                and not SECTION.match(texts[after + 1])
            ):
                org_line[after] = True
    else:
        last_order: tuple[int, int, int] | None = None
        seen_entry = False
        backwards = newest_first([_order(m) for m in headings if m is not None])
        for i, match in enumerate(headings):
            if match is None:
                continue
            order = _order(match)
            j = i - 1
            if j > title_index and headings[j] is None and not BULLET.match(texts[j]):
                restart = last_order is None or (order > last_order if backwards else order <= last_order)
                named = (not seen_entry and j > 0) or (looks_like_name(texts[j]) and restart)
                if named and not is_furniture(texts[j], furniture):
                    is_name[j] = True
                    seen_entry = True
            last_order = order

    preamble: list[Paragraph] = []
    issues: list[ReadIssue] = []
    first_name = is_name.index(True) if True in is_name else n
    # a list of actions may give one period for them all, before the first ("Update as at May 2022")
    default: HeadingMatch | None = None
    period_line = -1
    if listed or organisation is not None:
        for k in range(title_index + 1, first_name):
            match = headings[k]
            if match is not None and default is None:
                default = match
                period_line = k
                headings[k] = None
    first_heading = next((i for i, m in enumerate(headings) if m), n)
    front = min(first_name, first_heading)
    if title_index >= 0 and front > title_index:
        header_stop = -1
        for k in range(title_index + 1, front):
            if k >= header_stop:
                header_stop = k + table_header(texts, kept, k, furniture)
            if k < header_stop or k == period_line or is_furniture(texts[k], furniture) or texts[k].strip() == title:
                front_matter.append(_line_span(texts[k], starts[k]))
            else:
                preamble.extend(_paragraphs(texts, starts, k, k + 1))
    if first_heading < first_name:
        start = starts[first_heading]
        issues.append(
            ReadIssue(
                Span(start, start + len(texts[first_heading])),
                "phase heading before any entry name: its text belongs to no entry",
                Severity.ERROR,
            )
        )

    entries = EntryList(text)
    i = first_name
    while i < n:
        name_text = texts[i]
        name_start = starts[i]
        i += 1
        phases: list[Phase] = []
        intro: list[Paragraph] = []
        answered_by: str | None = None
        if i < n and org_line[i]:
            answered_by = texts[i].strip()
            i += 1
        while i < n and not is_name[i]:
            match = headings[i]
            if match is None:
                # text between an entry name and its first heading: the entry's intro
                stop = i
                while stop < n and not is_name[stop] and headings[stop] is None:
                    stop += 1
                intro = _paragraphs(texts, starts, i, stop)
                i = stop
                continue
            head_text = texts[i]
            head_start = starts[i]
            head_end = head_start + len(head_text)
            i += 1
            stop = i
            while stop < n and not is_name[stop] and headings[stop] is None:
                stop += 1
            body = _paragraphs(texts, starts, i, stop) if stop > i else []
            i = stop
            end = body[-1].span.end if body else head_end
            lead = len(head_text) - len(head_text.lstrip())
            heading_text = head_text.strip()
            phases.append(
                Phase(
                    kind=match.kind,
                    year=match.year,
                    span=Span(head_start, end),
                    body_span=(body[0].span if len(body) == 1 else Span(body[0].span.start, end))
                    if body
                    else Span(head_end, head_end),
                    heading=heading_text,
                    heading_span=Span(head_start + lead, head_start + lead + len(heading_text)),
                    canonical=match.canonical,
                    paragraphs=tuple(body),
                    period=match.period,
                    month=match.month,
                )
            )
        if intro and not phases:  # text and no phase heading: one phase, unnamed or the document's period
            span = Span(intro[0].span.start, intro[-1].span.end)
            if default is not None:
                phase = Phase(default.kind, default.year, span, span, paragraphs=tuple(intro))
                phases.append(phase._replace(period=default.period, month=default.month))
            else:
                phases.append(Phase(UNNAMED, None, span, span, paragraphs=tuple(intro)))
            intro = []
        raw = name_text.strip()
        lead = len(name_text) - len(name_text.lstrip())
        end = phases[-1].span.end if phases else intro[-1].span.end if intro else name_start + len(name_text)
        name, key = entry_name(raw)
        entries.append(
            Entry(
                name=name,
                key=key,
                span=Span(name_start, end),
                name_span=Span(name_start + lead, name_start + lead + len(raw)),
                phases=tuple(phases),
                organisation=answered_by,
                intro=tuple(intro),
            )
        )

    action = action_of(title)
    layout, organisation, identified = identify(title, action, entries.finish(), text, organisation)
    return Document(
        path=path,
        text=text,
        format=FORMAT,
        title=title,
        title_span=title_span,
        action=action,
        entries=identified,
        issues=tuple(issues),
        preamble=tuple(preamble),
        layout=layout,
        organisation=organisation,
        front_matter=tuple(front_matter),
        plan=plan_of(title, " ".join(span.slice(text) for span in front_matter)),
    )


# words a line cannot end on when it is whole: a preposition, an article or a conjunction
_DANGLING = frozenset(
    {
        *("to", "of", "for", "on", "at", "by", "from", "in", "as", "with", "until", "since", "into", "than"),
        *("the", "a", "an", "and", "or"),
    }
)


def _runs_on(before: str, line: str) -> bool:
    """Whether the date ``line`` finishes the statement of the line right before it, which
    stops on a word that cannot end one ("Reflects progress up to" / "May 10, 2019").

    Only the last word of ``before`` is looked at (a search for it at every position of a
    long paragraph cost a third of the reading time), and only under a date line."""
    if DATELINE.match(line.strip()) is None:
        return False
    words = before[-16:].split()
    return bool(words) and words[-1].lower() in _DANGLING


def _dateline(texts: list[str], headings: list[HeadingMatch | None], k: int) -> bool:
    """Whether the heading line ``texts[k]`` is only a date that heads a paper, not a
    period: it follows page furniture (a meeting paper's "Agenda Item 2", "Attachment C")
    and comes right before a title, a line that reads like a name and is no heading."""
    after = k + 1
    return (
        DATELINE.match(texts[k].strip()) is not None
        and after < len(texts)
        and headings[after] is None
        and looks_like_name(texts[after])
        and not (after + 1 < len(texts) and headings[after + 1] is not None)
    )


def _line_span(text: str, start: int) -> Span:
    lead = len(text) - len(text.lstrip())
    return Span(start + lead, start + len(text.rstrip()))
