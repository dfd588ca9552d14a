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
from array import array
from collections.abc import Iterator
from functools import lru_cache

from lint.model import Document, Entry, Paragraph, Phase, ReadIssue, Severity, Span
from lint.readers.blocks import BlockResult, comment_line, finish_comment, markdown_blocks
from lint.readers.columns import EntryList
from lint.readers.entrynames import entry_name
from lint.readers.frontmatter import identify
from lint.readers.lines import Line, LineTable
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


class _Div:
    """An open div: the index of its ``{div}`` line, its classes, and what it holds so far.

    Lines are kept as indexes into the reader's :class:`LineTable` (a Line tuple and three
    ints each took 250 bytes: 20,000 nested unclosed divs held 8 MB of them)."""

    __slots__ = ("at", "body", "classes", "lines", "name", "phases")

    def __init__(self, lines: LineTable, at: int, classes: tuple[str, ...]) -> None:
        self.lines = lines
        self.at = at
        self.classes = classes
        self.body: array[int] | None = None  # the indexes of its lines of text, once it has one
        self.name: tuple[str, Span] | None = None
        self.phases: list[Phase] | None = None  # a department's, once it has one

    @property
    def line(self) -> Line:
        return self.lines[self.at]

    def add(self, index: int) -> None:
        if self.body is None:
            self.body = array("i")
        self.body.append(index)

    def body_lines(self) -> Iterator[Line]:
        return map(self.lines.__getitem__, self.body or ())

    def last(self) -> Line:
        """Its last line of text, or its ``{div}`` line when it has none."""
        return self.lines[self.body[-1]] if self.body else self.line


def read(path: str, text: str, options: ReaderOptions) -> Document:
    """The document in ``text``: each line is markup (a div opened or closed, a directive),
    a heading (the title, a department's name), or text of the open statement."""
    reader = _Reader(text, options)
    for index, raw in enumerate(reader.lines.texts()):
        reader.line(index, raw)
    return reader.finish(path)


class _Reader:
    """The state of one :func:`read`: the open divs, the entries closed so far, the title."""

    def __init__(self, text: str, options: ReaderOptions) -> None:
        self.text = text
        self.options = options
        self.result = BlockResult()
        self.lines = LineTable(text)
        self.stack = _Stack(self.lines)
        self.entries = EntryList(text)
        self.title: str | None = None
        self.title_span: Span | None = None
        self.preamble_lines: list[Line] = []
        self.comment: list[Line] = []

    def department(self) -> _Div | None:
        """The innermost open department."""
        return self.stack.departments[-1] if self.stack.departments else None

    def in_statement(self) -> bool:
        return bool(self.stack) and "statement" in self.stack.top_classes()

    def line_at(self, index: int) -> Line:
        """Line ``index`` (0-based) as a :class:`Line`: made only for the lines kept or reported."""
        return self.lines[index]

    def issue(self, span: Span, message: str, severity: Severity = Severity.ERROR) -> None:
        self.result.issues.append(ReadIssue(span, message, severity))

    def close(self, div: _Div, last: Line) -> None:
        _close(div, last, self.stack, self.entries, self.result, self.options)

    def line(self, index: int, raw: str) -> None:
        if (self.comment or "<!--" in raw) and comment_line(self.line_at(index), self.result, self.comment):
            return
        if not raw or raw.isspace():
            if self.in_statement():
                self.stack.top().add(index)
            return
        # every markup line but the heading starts with "{" after any blanks
        m = MARKUP.match(raw) if raw.lstrip()[0] == "{" else None
        if m is not None:
            self.markup(index, raw, m)
        elif raw[0] != "#" or not self.heading(index, raw):
            self.prose(index, raw)

    def markup(self, index: int, raw: str, m: re.Match[str]) -> None:
        """A div opened or closed, or a directive."""
        if m.group("attrs") is not None:
            self.open_div(self.line_at(index), _classes(m.group("attrs")))
        elif m.group("close") is not None:
            line = self.line_at(index)
            if self.stack:
                self.close(self.stack.take(), line)
            else:
                self.issue(Span(line.start, line.end), "{/div} without a matching {div}")
        elif m.group("attribute") is None and m.group("name") not in self.options.known_directives:
            start = self.lines.start(index)
            self.issue(Span(start, start + len(raw)), f"unknown directive {raw.strip()}", Severity.WARNING)

    def open_div(self, line: Line, classes: tuple[str, ...]) -> None:
        if "department" in classes and self.department() is not None:
            # departments do not nest: the open one lacks its {/div}
            while self.stack:
                div = self.stack.take()
                if "department" in div.classes:
                    self.issue(
                        Span(div.line.start, div.line.end),
                        f"unclosed {div.line.text.strip()}: a new {{div .department}} starts "
                        f"at line {line.number} before its {{/div}}",
                    )
                    self.close(div, div.last())
                    break
                self.close(div, line)
        if "statement" in classes and self.department() is None:
            self.issue(
                Span(line.start, line.end), "{div .statement} outside any {div .department}: it belongs to no entry"
            )
        self.stack.push(line.number - 1, classes)

    def heading(self, index: int, raw: str) -> bool:
        """A heading: the title, or an open department's name; False when it is neither (then prose)."""
        level = min(len(raw) - len(raw.lstrip("#")), 6)
        rest = raw[level:]
        content = rest.strip()
        content_start = self.lines.start(index) + level + len(rest) - len(rest.lstrip())
        span = Span(content_start, content_start + len(content))
        department = self.department()
        if level == 1 and self.title is None and department is None:
            self.title, self.title_span = content, span
            return True
        if department is not None and department.name is None and not self.in_statement():
            department.name = (content, span)
            return True
        return False

    def prose(self, index: int, raw: str) -> None:
        """Text: a statement's, the preamble's, or misplaced in a department."""
        if self.in_statement():
            self.stack.top().add(index)
        elif self.department() is None:
            self.preamble_lines.append(self.line_at(index))
        else:
            start = self.lines.start(index)
            self.issue(
                Span(start, start + len(raw)), "text in a department outside its {div .statement}", Severity.WARNING
            )

    def finish(self, path: str) -> Document:
        """Close what is still open (each an issue) and make the document."""
        finish_comment(self.comment, self.result)
        said: dict[str, str] = {}  # one copy of each message: 20,000 nested divs say the same thing
        while self.stack:
            div = self.stack.take()
            first = div.line
            opened = first.text.strip()
            message = said.get(opened) or said.setdefault(
                opened, f"unclosed {opened}: no matching {{/div}} before the end of the file"
            )
            self.issue(Span(first.start, first.end), message)
            self.close(div, div.last())
        preamble: list[Paragraph] = markdown_blocks(self.preamble_lines, self.result)
        self.entries.sort_by_start()
        action = action_of(self.title)
        layout, organisation, identified = identify(self.title, action, self.entries.finish(), self.text)
        return Document(
            path=path,
            text=self.text,
            format=FORMAT,
            title=self.title,
            title_span=self.title_span,
            action=action,
            entries=identified,
            issues=self.result.issues.finish(),
            comments=tuple(sorted(self.result.comments, key=lambda c: c.span.start)),
            preamble=tuple(preamble),
            layout=layout,
            organisation=organisation,
        )


class _Stack:
    """The open divs, innermost last, that also keeps its departments: the nearest one is
    asked on every line, and walking the stack for it took time in the square of the
    nesting (20,000 unclosed divs: over a minute). A div is two numbers (its line and its
    classes, each set of classes kept once) until it is given something to hold, or is a
    department: 32,000 nested unclosed divs held an object each (112 bytes) before."""

    __slots__ = ("_at", "_classes", "_kinds", "_known", "_lines", "_made", "departments")

    def __init__(self, lines: LineTable) -> None:
        self._lines = lines
        self._at = array("i")  # each open div's line index
        self._kinds = array("i")  # and its classes: an index into _classes
        self._classes: list[tuple[str, ...]] = []
        self._known: dict[tuple[str, ...], int] = {}
        self._made: dict[int, _Div] = {}  # depth -> the div object made for it
        self.departments: list[_Div] = []

    def __len__(self) -> int:
        return len(self._at)

    def push(self, at: int, classes: tuple[str, ...]) -> None:
        """A div opened at line index ``at``."""
        kind = self._known.get(classes)
        if kind is None:
            kind = self._known[classes] = len(self._classes)
            self._classes.append(classes)
        self._at.append(at)
        self._kinds.append(kind)
        if "department" in classes:
            div = self._made[len(self._at) - 1] = _Div(self._lines, at, classes)
            self.departments.append(div)

    def top_classes(self) -> tuple[str, ...]:
        """The classes of the innermost div."""
        return self._classes[self._kinds[-1]]

    def _div(self, depth: int) -> _Div:
        return _Div(self._lines, self._at[depth], self._classes[self._kinds[depth]])

    def top(self) -> _Div:
        """The innermost div (made once, and kept while it is open)."""
        depth = len(self._at) - 1
        div = self._made.get(depth)
        if div is None:
            div = self._made[depth] = self._div(depth)
        return div

    def take(self) -> _Div:
        """The innermost div, removed."""
        depth = len(self._at) - 1
        div = self._made.pop(depth, None) or self._div(depth)
        del self._at[depth], self._kinds[depth]
        if "department" in div.classes:
            self.departments.pop()
        return div


def _close(
    div: _Div, end_line: Line, stack: _Stack, entries: EntryList, result: BlockResult, options: ReaderOptions
) -> None:
    if "statement" in div.classes:
        paragraphs = markdown_blocks(div.body_lines(), result)
        if not stack.departments:
            return
        owner = stack.departments[-1]
        if not paragraphs:
            body_span = Span(div.line.end, div.line.end)
        else:  # one paragraph's span is the body's: the same tuple
            body_span = (
                paragraphs[0].span if len(paragraphs) == 1 else Span(paragraphs[0].span.start, paragraphs[-1].span.end)
            )
        year = options.statement_year
        if owner.phases is None:
            owner.phases = []
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
        entries.append(Entry(display, key, Span(div.line.start, end), name_span, tuple(div.phases or ())))
