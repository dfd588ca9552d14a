"""Work grows in proportion to input: each shape that once grew with its square, at n and 8n.

No clocks: the work is counted (Python lines executed in ``lint/``, characters a search
looked at) or the memory measured (``tracemalloc``), so the tests say the same on a busy
machine. At 8 times the input, linear work is about 8 times larger and quadratic work 64
times: the bound is 12 (16 where a run has a sizeable fixed part, which only makes the ratio smaller).
"""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from bench.growth_shapes import make
from lint.model import Diagnostic, Severity, Span
from lint.readers import read
from lint.readers.columns import PACK_AT

LINT = str(Path(__file__).resolve().parent.parent / "lint")
LINEAR = 12.0


def work(action: Callable[[], Any]) -> int:
    """Lines of ``lint/`` executed by ``action()``."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename.startswith(LINT):
            return local
        return None

    old = sys.gettrace()
    sys.settrace(call)
    try:
        action()
    finally:
        sys.settrace(old)
    return count


def ratio(measure: Callable[[int], int], n: int) -> float:
    small, large = measure(n), measure(8 * n)
    assert small > 0
    return large / small


def _document(shape: str, n: int, path: str):
    return read(path, make(shape, n))


@pytest.mark.parametrize(("shape", "path"), [("entries", "f.md"), ("divs", "f.txt")])
def test_looking_up_the_entry_of_each_finding_is_linear(shape, path):
    def measure(n: int) -> int:
        document = _document(shape, n, path)
        offsets = [phase.span.start for entry in document.entries for phase in entry.phases]
        assert len(offsets) >= n
        return work(lambda: [document.phase_at(o) for o in offsets])

    # both sizes past PACK_AT nodes (three an entry), so both documents keep their entries as columns (a small one keeps
    # tuples, which are cheaper to walk: comparing the two would measure the change of storage)
    assert ratio(measure, PACK_AT // 2) <= LINEAR


def test_nested_divs_are_read_in_linear_work():
    assert ratio(lambda n: work(lambda: read("f.txt", make("nested", n))), 200) <= LINEAR


def test_whole_runs_on_many_entries_and_suppressions_are_linear(tmp_path):
    from lint.app import CheckOptions, check

    def measure(shape: str, rules: str) -> Callable[[int], int]:
        def run(n: int) -> int:
            path = tmp_path / f"{shape}{n}.md"
            path.write_text(make(shape, n), encoding="utf-8")
            options = CheckOptions(
                paths=[str(path)], select=rules.split(","), format="json", output=str(path) + ".json"
            )
            return work(lambda: check(options))

        return run

    assert ratio(measure("entries", "placeholder"), 60) <= 16
    assert ratio(measure("suppressions", "placeholder,unused-suppression"), 60) <= 16


def test_inline_scanning_looks_at_each_character_a_bounded_number_of_times(monkeypatch):
    from lint.readers import inline

    looked = [0]

    class Counting(str):
        def find(self, sub: str, start: Any = None, stop: Any = None) -> int:  # type: ignore[override]
            start = 0 if start is None else start
            stop = len(self) if stop is None else stop
            found = str.find(self, sub, start, stop)
            looked[0] += max(0, (found if found >= 0 else stop) - start)
            return found

    class Find(inline._Find):
        def __init__(self, text: str) -> None:
            super().__init__(Counting(text))

    monkeypatch.setattr(inline, "_Find", Find)
    for line in ("[" * 4000 + "](x)", "[a]((" * 800 + ")", "w." * 2000, "[a](b(c) " * 400, "https://a.b/c " * 300):
        looked[0] = 0
        inline.build_paragraph([(0, line)], Span(0, len(line)))
        assert looked[0] <= 8 * len(line), (line[:10], looked[0])


def test_bare_urls_on_a_line_are_masked_in_linear_work():
    from lint.checks import spelling_tokens

    def measure(n: int) -> int:
        text = make("urls", n)
        return work(lambda: list(spelling_tokens.tokens(text, spelling_tokens.masked(text))))

    assert ratio(measure, 100) <= LINEAR


def test_changed_lines_are_looked_up_not_walked():
    from lint.changed import FileChanges, keep

    def measure(n: int) -> int:
        document = read("f.md", make("changed", n))
        changes = FileChanges(lines=set(range(1, 3 * n, 2)))
        found = [
            Diagnostic("f.md", p.span, "placeholder", Severity.ERROR, "m")
            for e in document.entries
            for ph in e.phases
            for p in ph.paragraphs
        ]
        assert len(found) == n
        return work(lambda: [keep(d, document, changes) for d in found])

    assert ratio(measure, 100) <= LINEAR


def test_spelling_suggestions_for_a_huge_word_take_little_memory():
    from lint.checks.lexicon import MemoryLexicon, suggest

    lexicon = MemoryLexicon({"word": 10, "wordy": 3})
    tracemalloc.start()
    try:
        result = suggest(lexicon, ["q" * 8000, "q" * 1_000_000, "wordz"], distance=2)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result == {"wordz": ["word", "wordy"]}
    assert peak < 4_000_000  # the words themselves are 1 MB


def test_findings_on_one_long_line_share_its_copy():
    from lint.report import build

    line = "TBC " * 75_000  # 300 kB on one line
    text = "# Action 1: X\n\n## Org\n\n### Progress during 2017\n\n" + line + "\n"
    document = read("f.md", text)
    start = text.index("TBC")
    found = [
        Diagnostic("f.md", Span(start + 4 * i, start + 4 * i + 3), "placeholder", Severity.ERROR, "m")
        for i in range(5000)
    ]
    tracemalloc.start()
    try:
        report = build(found, {"f.md": document}, 1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(report.items) == 5000
    assert peak < 3 * len(line) + 5000 * 400  # one copy of the line, not 5,000 (1.5 GB)
