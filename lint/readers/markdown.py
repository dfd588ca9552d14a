"""Reader for response files written as Markdown: ``#`` action, ``##`` entry, ``###`` phase.

Block structure as CommonMark has it, read by a line scanner that keeps exact
spans: ATX headings (also kramdown's ``###Heading`` with no space), setext
headings (a line over ``===`` or ``---``), fenced code, HTML blocks (not prose; a
one-line ``<h2>…</h2>`` block is a heading of its level), HTML comments and YAML
front matter. Paragraphs are separated by blank lines; ``-``, ``*``, ``+`` and
numbered list items are bullets; inline code is not prose. A ``###`` heading that
names no known phase is kept as an ``other`` phase, with a ``syntax`` warning.
Text between an entry heading and its first phase heading is the entry's intro; an
entry with text and no phase heading has one unnamed phase. A title such as
"# DCMS's actions in response to …" makes the ``##`` entries actions of one
organisation (:mod:`lint.readers.frontmatter`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import chain

from lint.model import UNNAMED, Document, Entry, Paragraph, Phase, ReadIssue, Severity, Span
from lint.names import display_name, normalise
from lint.readers.blocks import BlockResult, iter_blocks, markdown_blocks
from lint.readers.columns import EntryList
from lint.readers.frontmatter import identify, plan_of
from lint.readers.lines import Line, LineTable, Runs
from lint.readers.phases import HeadingMatch, ReaderOptions, match_heading
from lint.readers.titles import action_of

FORMAT = "markdown"
# ATX headings: the opening run of "#" and what ends it; kramdown also takes "###Heading" with no
# space (for "#" alone: a capital or digit next, so that a "#hashtag" line stays prose). The text
# runs from there to before the trailing blanks and any closing run of "#" (:func:`_atx_end`)
ATX_OPEN = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|(?<=##)(?=[^\s#])|(?<=^#)(?=[A-Z0-9])|(?<= #)(?=[A-Z0-9]))")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# an HTML block (CommonMark kinds 6 and 7): a block-level tag, or a lone complete tag, starts it
HTML_BLOCK = re.compile(
    r"^ {0,3}</?(?:address|article|aside|blockquote|center|details|dialog|dd|div|dl|dt|fieldset|figcaption|figure"
    r"|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)"
    r"(?:\s|/?>|$)"
    r"|^ {0,3}(?:<[A-Za-z][\w-]*(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
    r"|</[A-Za-z][\w-]*\s*>)\s*$",
    re.IGNORECASE,
)
HTML_HEADING = re.compile(r"^ {0,3}<h([1-6])\b[^>]*>(.*)</h\1\s*>\s*$", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


class _Builder:
    def __init__(self, options: ReaderOptions, result: BlockResult, text: str) -> None:
        self.options = options
        self.result = result
        self.entries = EntryList(text)
        self.entry_head: tuple[Line, str, Span] | None = None
        self.phases: list[Phase] = []
        self.phase_head: tuple[Line, str, Span] | None = None
        # the lines not yet in a block, as runs of indexes into ``source`` (a Line tuple and three ints
        # each took 170 bytes a line: a phase of 64,000 lines held 11 MB until it closed)
        self.source = LineTable("")
        self.body = Runs()
        self.preamble = Runs()
        self.intro: Sequence[Paragraph] = ()
        self.last_end = 0
        self.headings: dict[str, tuple[str, HeadingMatch | None]] = {}

    def close_phase(self) -> None:
        if self.phase_head is None:
            if self.entry_head is None:
                self.preamble.extend(self.body)
            else:  # between an entry heading and its first phase heading: the entry's intro
                blocks = iter_blocks(self.lines(self.body), self.result)
                self.intro = self.entries.paragraphs(chain(self.intro, blocks) if self.intro else blocks)
            self.body = Runs()
            return
        head, text, text_span = self.phase_head
        # a tuple, or (a long run) a view of the columns the paragraphs went into one by one
        paragraphs = self.entries.paragraphs(iter_blocks(self.lines(self.body), self.result))
        end = paragraphs[-1].span.end if paragraphs else head.end
        seen = self.headings.get(text)
        if seen is None:  # each entry repeats the same few headings: one copy of each, matched once
            seen = self.headings[text] = (text, match_heading(text, self.options))
        text, match = seen
        if match is None:
            self.result.issues.append(
                ReadIssue(
                    text_span,
                    f"heading {text!r} names no known phase (kind and year); "
                    "add a pattern under phase-headings in the config",
                    Severity.WARNING,
                )
            )
        if not paragraphs:
            body_span = Span(head.end, head.end)
        else:  # one paragraph's span is the body's: the same tuple
            body_span = paragraphs[0].span if len(paragraphs) == 1 else Span(paragraphs[0].span.start, end)
        self.phases.append(
            Phase(
                kind=match.kind if match else "other",
                year=match.year if match else None,
                span=Span(head.start, end),
                body_span=body_span,
                heading=text,
                heading_span=text_span,
                canonical=match.canonical if match else None,
                paragraphs=paragraphs,
                period=match.period if match else None,
                month=match.month if match else 0,
            )
        )
        self.phase_head = None
        self.body = Runs()

    def lines(self, indexes: Runs) -> Iterator[Line]:
        """The lines at ``indexes`` of the source, each made as it is read."""
        return self.source.at(indexes)

    def close_entry(self) -> None:
        self.close_phase()
        if self.entry_head is not None:
            head, text, text_span = self.entry_head
            intro = self.intro
            if intro and not self.phases:  # text and no phase heading: one unnamed phase
                span = Span(intro[0].span.start, intro[-1].span.end)
                self.phases.append(Phase(UNNAMED, None, span, span, paragraphs=intro))
                intro = ()
            end = self.phases[-1].span.end if self.phases else intro[-1].span.end if intro else head.end
            self.entries.append(
                Entry(
                    display_name(text),
                    normalise(text),
                    Span(head.start, end),
                    text_span,
                    tuple(self.phases),
                    intro=intro,
                )
            )
        self.entry_head = None
        self.phases = []
        self.intro = ()


def read(path: str, text: str, options: ReaderOptions) -> Document:
    result = BlockResult()
    builder = _Builder(options, result, text)
    title: str | None = None
    title_span: Span | None = None
    fence: tuple[Line, str] | None = None
    lines = LineTable(text)  # each Line made when the loop reaches it
    start = 0
    if lines and lines[0].text.strip() == "---":
        for k in range(1, len(lines)):
            if lines[k].text.strip() in ("---", "..."):
                start = k + 1
                break
    in_comment = False
    html = False
    body = lines.after(start)
    builder.source = body
    count = len(body)
    k = -1
    line_text = ""
    while k + 1 < count:
        k += 1
        line_text = body.text(k)  # the line's tuple is made only for a heading or a fence
        if fence is not None:
            if line_text.strip().startswith(fence[1]):
                fence = None
            continue
        if in_comment:
            builder.body.append(k)
            if "-->" in line_text:
                in_comment = False
            continue
        if html:  # an HTML block runs to a blank line; it is markup, not prose
            if not line_text.strip():
                html = False
                builder.body.append(k)
            continue
        if not line_text or line_text[0].isalnum():
            # a blank line, or one that starts with a letter or digit (most lines): no fence,
            # comment, HTML block or ATX heading starts so; only a setext underline makes it a heading
            heading = _setext(line_text, body, k) if line_text else None
            if heading is None:
                builder.body.append(k)
                continue
        else:
            opener = FENCE.match(line_text)
            if opener:
                fence = (body[k], opener.group(1)[0] * 3)
                continue
            if line_text.lstrip().startswith("<!--") and "-->" not in line_text:
                in_comment = True
                builder.body.append(k)
                continue
            heading = _heading(line_text, body, k)
            if heading is None:
                if HTML_BLOCK.match(line_text) and not line_text.lstrip().startswith("<!--"):
                    html = True
                    continue
                builder.body.append(k)
                continue
        line = body[k]
        level, content, content_span, underline = heading
        if underline:
            k += 1  # the setext underline belongs to the heading
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
    if fence is not None:
        result.issues.append(
            ReadIssue(Span(fence[0].start, fence[0].end), "unclosed code fence: it runs to the end of the file")
        )
    del line_text  # the last line's text is not held while the last phase is read: it may be megabytes long
    builder.close_entry()
    preamble: list[Paragraph] = markdown_blocks(builder.lines(builder.preamble), result)
    action = action_of(title)
    layout, organisation, entries = identify(title, action, builder.entries.finish(), text)
    return Document(
        path=path,
        text=text,
        format=FORMAT,
        title=title,
        title_span=title_span,
        action=action,
        entries=entries,
        issues=result.issues.finish(),
        comments=tuple(sorted(result.comments, key=lambda c: c.span.start)),
        preamble=tuple(preamble),
        layout=layout,
        organisation=organisation,
        plan=plan_of(title, " ".join(p.text for p in preamble)),
    )


def _heading(text: str, lines: LineTable, k: int) -> tuple[int, str, Span, bool] | None:
    """``(level, text, text span, has an underline)`` when line ``k`` (``text``) is a heading: ATX
    (also with no space), setext (:func:`_setext`) or a one-line HTML ``<hN>`` block."""
    m = ATX_OPEN.match(text)
    if m:
        at = m.end()
        content = text[at : _atx_end(text, at)]
        start = lines.start(k) + at
        return len(m.group(1)), content, Span(start, start + len(content)), False
    stripped = text.strip()
    if not stripped:
        return None
    if stripped[0] == "<":
        h = HTML_HEADING.match(text)
        if h is None:
            return None
        inner = h.group(2)
        plain = " ".join(_TAG.sub(" ", inner).split())
        if not plain:
            return None
        first = text.index(plain.split()[0], h.start(2))
        last_word = plain.split()[-1]
        last = text.rindex(last_word, first, h.end(2)) + len(last_word)
        start = lines.start(k)
        return int(h.group(1)), plain, Span(start + first, start + last), False
    return _setext(text, lines, k)


def _atx_end(text: str, at: int) -> int:
    """Where an ATX heading's text that starts at ``at`` ends: before the trailing blanks, and before a
    closing run of ``#`` that a blank precedes ("## Title ##"); never before ``at``. The shortest text
    that ``(.*?)[ \t]*(?:[ \t]#+)?[ \t]*$`` leaves, without that regex's retry at every character."""
    end = len(text.rstrip(" \t"))
    hashes = len(text[:end].rstrip("#"))  # where a closing run of "#" starts (end: there is none)
    if at < hashes < end and text[hashes - 1] in " \t":
        return max(at, len(text[:hashes].rstrip(" \t")))
    return max(at, end)


def _setext(text: str, lines: LineTable, k: int) -> tuple[int, str, Span, bool] | None:
    """A setext heading: the next line is ``===``/``---`` and line ``k`` (``text``, not blank)
    follows a blank line or starts the file."""
    if k + 1 < len(lines) and (k == 0 or not lines.text(k - 1).strip()):
        under = SETEXT.match(lines.text(k + 1))
        if under and not text.startswith(("    ", "\t")) and not _LIST.match(text):
            lead = len(text) - len(text.lstrip())
            content = text.strip()
            start = lines.start(k) + lead
            return (1 if under.group(1)[0] == "=" else 2), content, Span(start, start + len(content)), True
    return None


_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
