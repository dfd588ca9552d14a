"""Reader for the 2012 source format (kramdown-like, seed ``001``).

``{div .department}`` … ``{/div}`` is an entry named by its ``##Name<br>Name``
heading; ``{div .statement}`` holds its one phase (by default the December 2012
commitment); ``{: .x}`` attribute lines are skipped; ``{navigation}`` and
``{{DEPARTMENTRESPONSE}}`` are directives; ``#Action …`` is the title. An unclosed
or unmatched ``{div}``/``{/div}`` and an unknown directive are ``syntax`` issues,
and reading goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lint.model import Document, Entry, Paragraph, Phase, ReadIssue, Severity, Span, new_tuple
from lint.readers.blocks import BlockResult, comment_line, finish_comment, markdown_blocks
from lint.readers.entrynames import entry_name
from lint.readers.frontmatter import identify
from lint.readers.lines import Line, line_table
from lint.readers.phases import ReaderOptions
from lint.readers.titles import action_of

FORMAT = "source-2012"
# a markup line, one alternative a kind: {div ATTRS}, {/div}, {: ATTRS}, {name} or {{name}};
# tried in that order, so "{div}" opens a div rather than naming a directive
MARKUP = re.compile(
    r"\s*\{(?:div(?P<attrs>[^}]*)\}|(?P<close>/div\})|(?P<attribute>:[^}]*\})|\{?\s*(?P<name>[A-Za-z][\w-]*)\s*\}?\})\s*$"
)


@lru_cache(maxsize=256)
def _classes(attrs: str) -> tuple[str, ...]:
    """The classes of a ``{div ATTRS}`` line: ``" .department"`` gives ``("department",)``."""
    return tuple(c.lstrip(".") for c in attrs.split() if c.startswith("."))


@dataclass(slots=True)
class _Div:
    line: Line
    classes: tuple[str, ...]
    body: list[Line] = field(default_factory=list)
    name: tuple[str, Span] | None = None
    phases: list[Phase] = field(default_factory=list)


def read(path: str, text: str, options: ReaderOptions) -> Document:
    result = BlockResult()
    stack = _Stack()
    entries: list[Entry] = []
    title: str | None = None
    title_span: Span | None = None
    preamble_lines: list[Line] = []
    comment: list[Line] = []

    def nearest(cls: str) -> _Div | None:
        return stack.departments[-1] if stack.departments else None

    texts, starts = line_table(text)

    def line_at(index: int) -> Line:
        """Line ``index`` (0-based) as a :class:`Line`: made only for the lines kept or reported."""
        start = starts[index]
        return new_tuple(Line, (index + 1, start, start + len(texts[index]), texts[index]))

    for index, raw in enumerate(texts):
        if (comment or "<!--" in raw) and comment_line(line_at(index), result, comment):
            continue
        if not raw or raw.isspace():
            if stack and "statement" in stack[-1].classes:
                stack[-1].body.append(line_at(index))
            continue
        # every markup line but the heading starts with "{" after any blanks
        m = MARKUP.match(raw) if raw.lstrip()[0] == "{" else None
        if m is not None:
            if m.group("attrs") is not None:
                line = line_at(index)
                classes = _classes(m.group("attrs"))
                if "department" in classes and nearest("department") is not None:
                    # departments do not nest: the open one lacks its {/div}
                    while stack:
                        div = stack.take()
                        if "department" in div.classes:
                            result.issues.append(
                                ReadIssue(
                                    Span(div.line.start, div.line.end),
                                    f"unclosed {div.line.text.strip()}: a new {{div .department}} starts "
                                    f"at line {line.number} before its {{/div}}",
                                )
                            )
                            _close(div, div.body[-1] if div.body else div.line, stack, entries, result, options)
                            break
                        _close(div, line, stack, entries, result, options)
                if "statement" in classes and nearest("department") is None:
                    result.issues.append(
                        ReadIssue(
                            Span(line.start, line.end),
                            "{div .statement} outside any {div .department}: it belongs to no entry",
                        )
                    )
                stack.push(_Div(line, classes))
            elif m.group("close") is not None:
                line = line_at(index)
                if stack:
                    _close(stack.take(), line, stack, entries, result, options)
                else:
                    result.issues.append(ReadIssue(Span(line.start, line.end), "{/div} without a matching {div}"))
            elif m.group("attribute") is None and m.group("name") not in options.known_directives:
                start = starts[index]
                result.issues.append(
                    ReadIssue(Span(start, start + len(raw)), f"unknown directive {raw.strip()}", Severity.WARNING)
                )
            continue
        if raw[0] == "#":  # a heading: its level, then its text without the blanks around it
            level = min(len(raw) - len(raw.lstrip("#")), 6)
            rest = raw[level:]
            content = rest.strip()
            content_start = starts[index] + level + len(rest) - len(rest.lstrip())
            span = Span(content_start, content_start + len(content))
            department = nearest("department")
            if level == 1 and title is None and department is None:
                title, title_span = content, span
                continue
            if department is not None and department.name is None and not (stack and "statement" in stack[-1].classes):
                department.name = (content, span)
                continue
        if stack and "statement" in stack[-1].classes:
            stack[-1].body.append(line_at(index))
        elif nearest("department") is None:
            preamble_lines.append(line_at(index))
        else:
            start = starts[index]
            result.issues.append(
                ReadIssue(
                    Span(start, start + len(raw)), "text in a department outside its {div .statement}", Severity.WARNING
                )
            )
    finish_comment(comment, result)
    while stack:
        div = stack.take()
        first = div.line
        result.issues.append(
            ReadIssue(
                Span(first.start, first.end),
                f"unclosed {first.text.strip()}: no matching {{/div}} before the end of the file",
            )
        )
        last = div.body[-1] if div.body else div.line
        _close(div, last, stack, entries, result, options)
    preamble: list[Paragraph] = markdown_blocks(preamble_lines, result)
    entries.sort(key=lambda e: e.span.start)
    action = action_of(title)
    layout, organisation, identified = identify(title, action, entries, text)
    return Document(
        path=path,
        text=text,
        format=FORMAT,
        title=title,
        title_span=title_span,
        action=action,
        entries=identified,
        issues=tuple(result.issues),
        comments=tuple(sorted(result.comments, key=lambda c: c.span.start)),
        preamble=tuple(preamble),
        layout=layout,
        organisation=organisation,
    )


class _Stack(list[_Div]):
    """The open divs, innermost last, that also keeps its departments: the nearest one is
    asked on every line, and walking the stack for it took time in the square of the
    nesting (20,000 unclosed divs: over a minute)."""

    def __init__(self) -> None:
        super().__init__()
        self.departments: list[_Div] = []

    def push(self, div: _Div) -> None:
        self.append(div)
        if "department" in div.classes:
            self.departments.append(div)

    def take(self) -> _Div:
        """The innermost div, removed."""
        div = self.pop()
        if "department" in div.classes:
            self.departments.pop()
        return div


def _close(
    div: _Div, end_line: Line, stack: _Stack, entries: list[Entry], result: BlockResult, options: ReaderOptions
) -> None:
    if "statement" in div.classes:
        paragraphs = markdown_blocks(div.body, result)
        if not stack.departments:
            return
        owner = stack.departments[-1]
        body_span = (
            Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else Span(div.line.end, div.line.end)
        )
        year = options.statement_year
        owner.phases.append(
            Phase(
                kind=options.statement_kind,
                year=year,
                span=Span(div.line.start, end_line.end),
                body_span=body_span,
                paragraphs=tuple(paragraphs),
            )
        )
    elif "department" in div.classes:
        if div.name is None:
            result.issues.append(
                ReadIssue(Span(div.line.start, div.line.end), "{div .department} has no '##Name' heading")
            )
            name, name_span = "", Span(div.line.start, div.line.end)
        else:
            name, name_span = div.name
        end = max(end_line.end, div.phases[-1].span.end if div.phases else 0, name_span.end)
        display, key = entry_name(name)
        entries.append(Entry(display, key, Span(div.line.start, end), name_span, tuple(div.phases)))
