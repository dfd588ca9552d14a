"""The ``json`` report writes a finding without a fix by formatting (``_written``), the same text,
byte for byte, as the general way (``json_text`` of its dictionary, indented to its depth)."""

from __future__ import annotations

import io
import json

from bench.corpus import generate
from lint import engine, pipeline, report
from lint.config import Config
from lint.escape import json_text
from lint.formats import Settings, json_report
from lint.model import Diagnostic, Edit, Fix, Related, Severity, Span
from lint.readers import read


def _general(item, built):
    return json_text(json_report.diagnostic(item, built)).replace("\n", "\n    ")


def _report():
    config = Config()
    chosen = engine.choose_rules(config).chosen
    documents = [
        pipeline.read_document(item.name, config, item.data)
        for item in generate(8, seed=2, formats=("source-2012", "publication-2015", "markdown"), scale=0.5)
    ]
    diagnostics = engine.run(documents, chosen, config)
    return report.build(diagnostics, {d.path: d for d in documents}, len(documents))


def test_each_finding_of_a_run_is_written_as_the_general_way_writes_it():
    built = _report()
    written = [(item, json_report._written(item)) for item in built.items]
    assert len(written) > 100 and any(item.related for item, _ in written)
    for item, text in written:
        if text is None:
            assert item.diagnostic.fix is not None
        else:
            assert text == _general(item, built)


def test_odd_text_is_written_as_the_general_way_writes_it():
    """Quotes, backslashes, control characters, line separators, bidi controls, C1, no entry or
    phase, related places: the same text; a lone surrogate and a fix are left to the general way."""
    text = '# Action 1: Tides\n\n## Office of \u202eTides\n\n### Progress during 2014\n\nWe said "x" \\ y\u2028z.\n'
    document = read("odd \u0085\u200f.md", text)
    other = read("b.md", text)
    odd = 'a "quote", a back\\slash, a tab\t, a bell\x07, \x9b, \u2029, \u061c, \U0001f600 and é'
    findings = [
        Diagnostic(document.path, Span(0, 3), "r", Severity.ERROR, odd),
        Diagnostic(document.path, Span(5, 40), "r", Severity.WARNING, "m", entry=odd, phase="progress 2014"),
        Diagnostic(
            document.path,
            Span(10, 12),
            "r",
            Severity.INFO,
            "m",
            related=(Related("b.md", Span(0, 5), odd), Related("b.md", Span(20, 60), "second")),
        ),
        Diagnostic(document.path, Span(1, 2), "r", Severity.ERROR, "lone \udc80 surrogate"),
        Diagnostic(document.path, Span(1, 2), "r", Severity.ERROR, "m", fix=Fix("f", (Edit(Span(1, 2), "x"),))),
    ]
    built = report.build(findings, {document.path: document, other.path: other}, 2)
    written = [json_report._written(item) for item in built.items]
    assert written[3] is None and written[4] is None
    for item, text in zip(built.items[:3], written[:3], strict=True):
        assert text == _general(item, built)
    out = io.StringIO()
    json_report.render(built, out, Settings(tool_version="t"))
    assert json.loads(out.getvalue())["diagnostics"][0]["message"] == odd
    assert out.getvalue() == json_text(json_report.document(built, Settings(tool_version="t"))) + "\n"
