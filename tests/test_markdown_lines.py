"""The Markdown reader's line tests, made cheaper, say what the regexes they replace said."""

from __future__ import annotations

import itertools
import re

from lint.readers import read
from lint.readers.markdown import ATX_OPEN, _atx_end
from lint.readers.phases import ReaderOptions

# the one regex an ATX heading was read with: its lazy text retried the tail at every character
_ATX_BEFORE = re.compile(
    r"^ {0,3}(#{1,6})(?:[ \t]+|(?<=##)(?=[^\s#])|(?<=^#)(?=[A-Z0-9])|(?<= #)(?=[A-Z0-9]))(.*?)[ \t]*(?:[ \t]#+)?[ \t]*$"
)


def _atx(text: str) -> tuple[int, int, str] | None:
    m = ATX_OPEN.match(text)
    if m is None:
        return None
    return len(m.group(1)), m.end(), text[m.end() : _atx_end(text, m.end())]


def _atx_before(text: str) -> tuple[int, int, str] | None:
    m = _ATX_BEFORE.match(text)
    return None if m is None else (len(m.group(1)), m.start(2), m.group(2))


def test_atx_heading_text_is_what_the_single_regex_found():
    # every line of up to 5 characters from blanks, hashes, letters, a digit and other white space
    # (a line's text never holds a line ending)
    alphabet = " \t#Aa1\u00a0"
    for length in range(6):
        for chars in itertools.product(alphabet, repeat=length):
            line = "".join(chars)
            assert _atx(line) == _atx_before(line), repr(line)
    for line in ("## Title ##", "##Title", "# 1 #  ", "#hashtag", "### Plans for 2021 ###   ", "####### seven", "## #"):
        assert _atx(line) == _atx_before(line), line


def _headings(text: str) -> list[tuple[str, str | None]]:
    document = read("a.md", text, ReaderOptions(), "markdown")
    return [(entry.name, phase.heading) for entry in document.entries for phase in entry.phases]


def test_a_line_that_starts_with_a_letter_or_digit_is_a_heading_only_over_an_underline():
    text = (
        "Title\n=====\n\n"
        "Department of Finance\n---------------------\n\n"
        "### Progress for 2020\n\n"
        "2020 was a year\n\n"
        "1. a list item\n---\n\n"
        "Plans for 2021\n---\n"
    )
    document = read("a.md", text, ReaderOptions(), "markdown")
    assert document.title == "Title"
    # "1. a list item" over "---" is a list item and a rule, not a heading; "Plans for 2021" is an entry
    assert _headings(text) == [("Department of Finance", "Progress for 2020")]
    assert [entry.name for entry in document.entries] == ["Department of Finance", "Plans for 2021"]


def test_lines_at_runs_are_the_lines_one_by_one():
    from lint.readers.lines import SPLIT_UP_TO, LineTable, Runs

    short = "a\n\nbb\r\nccc\n   \nd"  # (a CR: split line by line) and one split at C speed
    for text in (short, short.replace("\r", ""), "x\n" * (SPLIT_UP_TO // 2 + 1)):
        for first in (0, 2):
            table = LineTable(text).after(first)
            runs = Runs()
            for k in sorted({0, 1, 3, len(table) - 1}):
                runs.append(k)
            assert list(table.at(runs)) == [table[k] for k in runs]
            assert all(type(line) is type(table[0]) for line in table.at(runs))
