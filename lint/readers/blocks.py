"""Block structure shared by the Markdown and 2012 readers: paragraphs, list items, comments."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lint import regexcache
from lint.model import Comment, Paragraph, ReadIssue, Severity, Span
from lint.readers.inline import build_paragraph
from lint.readers.lines import Line
from lint.readers.records import IssueList

BULLET = regexcache.compile(r"^(\s{0,3})([-*+•]|\d{1,3}[.)])\s+")
# inline code: a run of backticks, then the shortest text up to the same run
_CODE = regexcache.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def mask_code(text: str) -> str:
    """``text`` with each inline code span (backticks included) blanked to as many spaces,
    so that code is not prose (`` `TODO` `` is no placeholder) and every offset stays put."""
    if "`" not in text:
        return text
    return _CODE.sub(lambda m: " " * len(m.group(0)), text)


class BlockResult:
    """What a reader gathers besides its entries: comments and issues."""

    __slots__ = ("comments", "issues")

    def __init__(self) -> None:
        self.comments: list[Comment] = []
        self.issues = IssueList()


def comment_line(line: Line, result: BlockResult, state: list[Line]) -> bool:
    """Track ``<!-- ... -->`` comments. Returns True when ``line`` belongs to a comment.

    ``state`` holds the open comment's lines (empty when no comment is open).
    """
    text = line.text
    if state:
        state.append(line)
        if "-->" in text:
            first = state[0]
            start = first.start + first.text.index("<!--")
            end = line.start + text.index("-->") + 3
            body = "\n".join(item.text for item in state)
            result.comments.append(Comment(body[body.index("<!--") : body.rindex("-->") + 3], Span(start, end)))
            state.clear()
        return True
    stripped = text.lstrip()
    if stripped.startswith("<!--"):
        offset = line.start + len(text) - len(stripped)
        close = stripped.find("-->", 4)
        if close >= 0:
            result.comments.append(Comment(stripped[: close + 3], Span(offset, offset + close + 3)))
            return not stripped[close + 3 :].strip()
        state.append(line)
        return True
    return False


def finish_comment(state: list[Line], result: BlockResult) -> None:
    if state:
        first = state[0]
        result.issues.append(
            ReadIssue(
                Span(first.start, first.end), "unclosed HTML comment: '<!--' has no matching '-->'", Severity.ERROR
            )
        )
        state.clear()


def markdown_blocks(lines: Iterable[Line], result: BlockResult) -> list[Paragraph]:
    """Paragraphs and list items of ``lines`` (Markdown rules: blank lines separate)."""
    return list(iter_blocks(lines, result))


def iter_blocks(lines: Iterable[Line], result: BlockResult) -> Iterator[Paragraph]:
    """:func:`markdown_blocks`, each paragraph given as it closes (read to the end: the comments
    and issues of ``lines`` are in ``result`` once it is)."""
    current: list[tuple[int, str]] = []  # the open block: (document offset, text) of each line
    kind = "paragraph"
    first = last = 0  # the open block's start and end offsets
    comment: list[Line] = []
    for line in lines:
        text = line.text
        # a comment on its own line ends a paragraph, as an HTML block does in Markdown
        ends_block = ((comment or "<!--" in text) and comment_line(line, result, comment)) or not text or text.isspace()
        if "`" in text:
            text = mask_code(text)
        bullet = None if ends_block or text[0].isalpha() else BULLET.match(text)
        if current and (ends_block or bullet or (kind == "bullet" and not text[0].isspace())):
            yield build_paragraph(current, Span(first, last), kind)
            current = []
            kind = "paragraph"
        if ends_block:
            continue
        if bullet:
            kind = "bullet"
            first, last = line.start, line.end
            current = [(line.start + bullet.end(), text[bullet.end() :].rstrip())]
            continue
        lead = len(text) - len(text.lstrip())
        if not current:
            first = line.start
        current.append((line.start + lead, text.strip()))
        last = line.end
    if current:
        yield build_paragraph(current, Span(first, last), kind)
    finish_comment(comment, result)
