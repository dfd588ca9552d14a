"""Reader for the 2015 publication format: plain text, one paragraph per line.

A title line, metadata lines, then entries: a name line followed by phase heading
lines ("Progress during 2013"), each followed by paragraphs and ``- `` bullets. A
line is an entry name when it comes right before a phase heading, reads like a
name (short, no closing punctuation) and the heading starts a new sequence of
phases (the first heading, or one no later than the phase before it).
"""

from __future__ import annotations

from functools import lru_cache

from lint.model import Document, Entry, Paragraph, Phase, ReadIssue, Severity, Span
from lint.readers.blocks import BULLET
from lint.readers.entrynames import entry_name
from lint.readers.inline import line_paragraph
from lint.readers.lines import Line, split_lines
from lint.readers.phases import HeadingMatch, ReaderOptions, match_heading
from lint.readers.titles import action_of

FORMAT = "publication-2015"


def looks_like_name(text: str) -> bool:
    stripped = text.strip()
    if not stripped or len(stripped) > 120 or len(stripped.split()) > 16:
        return False
    return not (stripped[-1] in ".:;,!?…" or BULLET.match(stripped))


@lru_cache(maxsize=1024)
def _order_of(kind: str, year: int) -> tuple[int, int]:
    return Phase(kind, year, Span(0, 0), Span(0, 0)).order


def _order(match: HeadingMatch) -> tuple[int, int]:
    return _order_of(match.kind, match.year)


def _paragraph(line: Line) -> Paragraph:
    bullet = BULLET.match(line.text)
    if bullet:
        return line_paragraph(
            line.start + bullet.end(), line.text[bullet.end() :].rstrip(), Span(line.start, line.end), "bullet"
        )
    lead = len(line.text) - len(line.text.lstrip())
    return line_paragraph(line.start + lead, line.text.strip(), Span(line.start, line.end))


def read(path: str, text: str, options: ReaderOptions) -> Document:
    lines = [line for line in split_lines(text) if line.text and not line.text.isspace()]
    # the same heading lines come back for every entry: match each distinct line once
    known: dict[str, HeadingMatch | None] = {}
    headings: list[HeadingMatch | None] = []
    for line in lines:
        raw = line.text
        if raw in known:
            headings.append(known[raw])
        else:
            headings.append(known.setdefault(raw, match_heading(raw, options)))

    # decide which lines are entry names
    is_name = [False] * len(lines)
    last_order: tuple[int, int] | None = None
    seen_entry = False
    for i, match in enumerate(headings):
        if match is None:
            continue
        order = _order(match)
        j = i - 1
        if j >= 0 and headings[j] is None and not BULLET.match(lines[j].text):
            restart = last_order is None or order <= last_order
            if (not seen_entry and j > 0) or (looks_like_name(lines[j].text) and restart):
                is_name[j] = True
                seen_entry = True
        last_order = order

    title: str | None = None
    title_span: Span | None = None
    preamble: list[Paragraph] = []
    issues: list[ReadIssue] = []
    first_name = is_name.index(True) if True in is_name else len(lines)
    first_heading = next((i for i, m in enumerate(headings) if m), len(lines))
    for i in range(min(first_name, first_heading)):
        line = lines[i]
        if title is None:
            title = line.text.strip()
            lead = len(line.text) - len(line.text.lstrip())
            title_span = Span(line.start + lead, line.start + lead + len(title))
        else:
            preamble.append(_paragraph(line))
    if first_heading < first_name:
        line = lines[first_heading]
        issues.append(
            ReadIssue(
                Span(line.start, line.end),
                "phase heading before any entry name: its text belongs to no entry",
                Severity.ERROR,
            )
        )

    entries: list[Entry] = []
    i = first_name
    while i < len(lines):
        name_line = lines[i]
        i += 1
        phases: list[Phase] = []
        while i < len(lines) and not is_name[i]:
            match = headings[i]
            if match is None:
                # text between an entry name and its first heading, or orphan text
                issues.append(
                    ReadIssue(
                        Span(lines[i].start, lines[i].end),
                        "text outside any phase: expected a phase heading first",
                        Severity.WARNING,
                    )
                )
                i += 1
                continue
            head = lines[i]
            i += 1
            body: list[Paragraph] = []
            while i < len(lines) and not is_name[i] and headings[i] is None:
                body.append(_paragraph(lines[i]))
                i += 1
            end = body[-1].span.end if body else head.end
            lead = len(head.text) - len(head.text.lstrip())
            heading_text = head.text.strip()
            phases.append(
                Phase(
                    kind=match.kind,
                    year=match.year,
                    span=Span(head.start, end),
                    body_span=(body[0].span if len(body) == 1 else Span(body[0].span.start, end))
                    if body
                    else Span(head.end, head.end),
                    heading=heading_text,
                    heading_span=Span(head.start + lead, head.start + lead + len(heading_text)),
                    canonical=match.canonical,
                    paragraphs=tuple(body),
                )
            )
        raw = name_line.text.strip()
        lead = len(name_line.text) - len(name_line.text.lstrip())
        end = phases[-1].span.end if phases else name_line.end
        name, key = entry_name(raw)
        entries.append(
            Entry(
                name=name,
                key=key,
                span=Span(name_line.start, end),
                name_span=Span(name_line.start + lead, name_line.start + lead + len(raw)),
                phases=tuple(phases),
            )
        )

    return Document(
        path=path,
        text=text,
        format=FORMAT,
        title=title,
        title_span=title_span,
        action=action_of(title),
        entries=tuple(entries),
        issues=tuple(issues),
        preamble=tuple(preamble),
    )
