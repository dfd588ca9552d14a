"""The JSON report is written a few hundred findings at a time: the same text as the whole
document made at once, with memory that does not grow with the report (``tracemalloc``).

Issue 11 (peak RSS of a large run) and issue 12 (memory in proportion to the input): on the
2,000-file benchmark corpus the whole JSON document (a dictionary per finding, then one
string of 35 MB, then its escaped copy) was the report stage's peak.
"""

from __future__ import annotations

import io
import tracemalloc

import pytest

from lint import __version__
from lint.collector import collector_paused
from lint.escape import json_text
from lint.formats import Settings, json_report
from lint.model import Diagnostic, Document, Edit, Fix, Related, Severity, Span
from lint.report import build

TEXT = "# Action 1: Growth\n\n## Org \u2028 \u202e\n\n### Progress during 2017\n\n" + "TBC and more text.\n\n" * 40


def _report(count: int, path: str = "a.md"):
    document = Document(path=path, text=TEXT, format="markdown")
    diagnostics = [
        Diagnostic(
            path=path,
            span=Span(i % len(TEXT), i % len(TEXT) + 3),
            rule="placeholder",
            severity=Severity.WARNING,
            message=f'"TBC" number {i}: \u2028 "quoted" \\ \x1b[31m \u202e end',
            entry="Org \u2028" if i % 3 else None,
            phase="progress 2017",
            related=(Related(path, Span(1, 4), "first \u0085 here"),) if i % 5 == 0 else (),
            fix=Fix("remove it", (Edit(Span(i % 50, i % 50 + 1), "x\ny"),)) if i % 7 == 0 else None,
        )
        for i in range(count)
    ]
    return build(diagnostics, {path: document}, 1)


SETTINGS = Settings(tool_version=__version__)


@pytest.mark.parametrize("count", [0, 1, 2, json_report._BATCH - 1, json_report._BATCH, json_report._BATCH + 1, 1500])
def test_streamed_json_is_the_whole_document(count):
    report = _report(count)
    out = io.StringIO()
    json_report.render(report, out, SETTINGS)
    assert out.getvalue() == json_text(json_report.document(report, SETTINGS)) + "\n"


def test_streamed_json_with_a_path_that_is_not_utf8():
    report = _report(20, path="bad\udcff.md")  # a lone surrogate: json_text walks the data
    out = io.StringIO()
    json_report.render(report, out, SETTINGS)
    assert out.getvalue() == json_text(json_report.document(report, SETTINGS)) + "\n"
    assert "\\xff" in out.getvalue()


class _Sink(io.TextIOBase):
    """Counts what is written and keeps none of it."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def test_json_report_memory_does_not_grow_with_the_report():
    report = _report(20_000)
    sink = _Sink()
    tracemalloc.start()
    try:
        with collector_paused():  # as ``check`` writes its report: garbage in cycles stays
            json_report.render(report, sink, SETTINGS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the whole document at once held a dictionary per finding and the text twice: several
    # times the output; a batch at a time holds a few hundred findings' worth
    assert sink.size > 8_000_000
    assert peak < sink.size / 5, (peak, sink.size)
