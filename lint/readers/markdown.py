"""Reader for response files written as Markdown: ``#`` action, ``##`` entry, ``###`` phase.

Paragraphs are separated by blank lines; ``-``, ``*``, ``+`` and numbered list items
are bullets. Fenced code blocks and HTML comments are not prose; YAML front matter
is skipped. A ``###`` heading that names no known phase is kept as an ``other``
phase, with a ``syntax`` warning.
"""

from __future__ import annotations

import re

from lint.model import Document, Entry, Paragraph, Phase, ReadIssue, Severity, Span
from lint.names import display_name, normalise
from lint.readers.blocks import BlockResult, markdown_blocks
from lint.readers.lines import Line, split_lines
from lint.readers.phases import ReaderOptions, match_heading
from lint.readers.titles import action_of

FORMAT = "markdown"
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


class _Builder:
    def __init__(self, options: ReaderOptions, result: BlockResult) -> None:
        self.options = options
        self.result = result
        self.entries: list[Entry] = []
        self.entry_head: tuple[Line, str, Span] | None = None
        self.phases: list[Phase] = []
        self.phase_head: tuple[Line, str, Span] | None = None
        self.body: list[Line] = []
        self.preamble: list[Line] = []
        self.last_end = 0

    def close_phase(self) -> None:
        if self.phase_head is None:
            if self.entry_head is None:
                self.preamble.extend(self.body)
            else:  # between an entry heading and its first phase: keep the comments found there
                stray = markdown_blocks(self.body, self.result)
                if stray:
                    self.result.issues.append(
                        ReadIssue(
                            Span(stray[0].span.start, stray[-1].span.end),
                            "text between an entry heading and its first phase heading belongs to no phase, "
                            "so no rule checks it: put it under a '###' phase heading",
                            Severity.WARNING,
                        )
                    )
            self.body = []
            return
        head, text, text_span = self.phase_head
        paragraphs = markdown_blocks(self.body, self.result)
        end = paragraphs[-1].span.end if paragraphs else head.end
        match = match_heading(text, self.options)
        if match is None:
            self.result.issues.append(
                ReadIssue(
                    text_span,
                    f"heading {text!r} names no known phase (kind and year); "
                    "add a pattern under phase-headings in the config",
                    Severity.WARNING,
                )
            )
        self.phases.append(
            Phase(
                kind=match.kind if match else "other",
                year=match.year if match else None,
                span=Span(head.start, end),
                body_span=Span(paragraphs[0].span.start, end) if paragraphs else Span(head.end, head.end),
                heading=text,
                heading_span=text_span,
                canonical=match.canonical if match else None,
                paragraphs=tuple(paragraphs),
            )
        )
        self.phase_head = None
        self.body = []

    def close_entry(self) -> None:
        self.close_phase()
        if self.entry_head is not None:
            head, text, text_span = self.entry_head
            end = self.phases[-1].span.end if self.phases else head.end
            self.entries.append(
                Entry(display_name(text), normalise(text), Span(head.start, end), text_span, tuple(self.phases))
            )
        self.entry_head = None
        self.phases = []


def read(path: str, text: str, options: ReaderOptions) -> Document:
    result = BlockResult()
    builder = _Builder(options, result)
    title: str | None = None
    title_span: Span | None = None
    fence: tuple[Line, str] | None = None
    lines = list(split_lines(text))
    start = 0
    if lines and lines[0].text.strip() == "---":
        for k in range(1, len(lines)):
            if lines[k].text.strip() in ("---", "..."):
                start = k + 1
                break
    in_comment = False
    for line in lines[start:]:
        if fence is not None:
            if line.text.strip().startswith(fence[1]):
                fence = None
            continue
        if in_comment:
            builder.body.append(line)
            if "-->" in line.text:
                in_comment = False
            continue
        opener = FENCE.match(line.text)
        if opener:
            fence = (line, opener.group(1)[0] * 3)
            continue
        if line.text.lstrip().startswith("<!--") and "-->" not in line.text:
            in_comment = True
            builder.body.append(line)
            continue
        m = HEADING.match(line.text)
        if not m:
            builder.body.append(line)
            continue
        level = len(m.group(1))
        content = m.group(2)
        content_span = Span(line.start + m.start(2), line.start + m.start(2) + len(content))
        if level == 1 and title is None and builder.entry_head is None:
            builder.close_phase()
            title, title_span = content, content_span
        elif level == 2:
            builder.close_entry()
            builder.entry_head = (line, content, content_span)
        elif level == 3:
            builder.close_phase()
            if builder.entry_head is None:
                result.issues.append(
                    ReadIssue(content_span, "phase heading outside any entry (no '##' entry heading before it)")
                )
            else:
                builder.phase_head = (line, content, content_span)
        else:
            builder.body.append(line)
    if fence is not None:
        result.issues.append(
            ReadIssue(Span(fence[0].start, fence[0].end), "unclosed code fence: it runs to the end of the file")
        )
    builder.close_entry()
    preamble: list[Paragraph] = markdown_blocks(builder.preamble, result)
    return Document(
        path=path,
        text=text,
        format=FORMAT,
        title=title,
        title_span=title_span,
        action=action_of(title),
        entries=tuple(builder.entries),
        issues=tuple(result.issues),
        comments=tuple(sorted(result.comments, key=lambda c: c.span.start)),
        preamble=tuple(preamble),
    )
