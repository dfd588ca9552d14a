"""A cached document's text left undecoded until a later stage reads it (:meth:`lint.spans.Indexed.text_later`)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from lint import gathered, source
from lint.model import Document, Span

from .conftest import run_cli

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _later(text: str, calls: list[str]) -> Document:
    document = Document("a.md", "", "markdown", title="T", title_span=Span(0, 1))
    document.text_later(lambda: calls.append(text) or text)
    return document


def test_the_text_is_made_once_when_first_read_and_the_document_is_the_same():
    calls: list[str] = []
    document = _later("# T\n\nSome words.\n", calls)
    assert calls == []
    same = Document("a.md", "# T\n\nSome words.\n", "markdown", title="T", title_span=Span(0, 1))
    assert document == same and calls == ["# T\n\nSome words.\n"]
    assert document.text == same.text and document.lines.line_of(5) == same.lines.line_of(5)
    assert calls == ["# T\n\nSome words.\n"]  # read once
    assert pickle.loads(pickle.dumps(_later("x", []))) == Document("a.md", "x", "markdown", "T", Span(0, 1))
    assert _later("y", [])._replace(title="U").text == "y"
    assert hash(_later("z", [])) == hash(Document("a.md", "z", "markdown", "T", Span(0, 1)))
    assert not hasattr(document, "no_such_field")


def test_a_warm_run_decodes_only_the_texts_a_later_stage_reads(tmp_path, monkeypatch):
    """After a short paragraph is added to one file, the others' texts are not decoded (their report
    pieces are kept), and the report is the one a run without the cache writes."""
    from bench.corpus import ALL_FORMATS, generate, write

    root = tmp_path / "work"
    files = write(generate(12, seed=3, formats=ALL_FORMATS), root)
    monkeypatch.setenv("RESPONSE_LINT_RESULT_CACHE", str(tmp_path / "cache"))
    run_cli("check", ".", "--format", "json", cwd=root)
    target = files[5]
    target.write_bytes(target.read_bytes() + b"\n\nA short paragraph.\n")
    cold = run_cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    decoded: list[int] = []
    real = source.decode
    monkeypatch.setattr(source, "decode", lambda data: decoded.append(len(data)) or real(data))
    warm = run_cli("check", ".", "--format", "json", cwd=root)
    assert (warm.code, warm.out) == (cold.code, cold.out) and json.loads(warm.out)["diagnostics"]
    assert 1 <= len(decoded) <= 3  # the changed file (checked again), not every cached one
    assert gathered.source is source
