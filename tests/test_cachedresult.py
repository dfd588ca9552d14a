"""A cache hit's findings and outline are unpickled when first read (lint.cachedresult): what a warm run
reads of every document (how many findings, their order, their related places' paths; the outline's path,
text, layout and comments) comes without the rest, and reading anything else gives what was stored."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from lint.cachedresult import Later
from lint.engine import DocumentResult
from lint.findings import Findings
from lint.model import Comment, Document, Span, outline
from lint.readers import read
from lint.resultcache import ResultCache

from .test_findings_packed import MADE
from .test_republished import ACTION_PAGE

_PAGE = "<!-- response-lint: disable=placeholder -->\n" + ACTION_PAGE


def _findings(made: list) -> Findings:
    findings = Findings("page.md")
    for diagnostic in made:
        findings.append(diagnostic._replace(path="page.md"))
    return findings


def _got(tmp_path: Path, made: list) -> tuple[DocumentResult, Document, Findings]:
    cache = ResultCache(tmp_path / "cache", "0" * 32)
    document = outline(read("page.md", _PAGE))
    cache.put("page.md", "c0ffee", DocumentResult("page.md", _findings(made), {}, document, {}), False)
    found = cache.get("page.md", "c0ffee", lambda: outline(read("page.md", _PAGE)).entries)
    assert found is not None
    return found[0], document, _findings(made)


@pytest.mark.parametrize("made", [MADE, MADE[::-1], MADE[:1], []], ids=["out of order", "in order", "one", "none"])
def test_what_a_warm_run_reads_of_a_hit_comes_without_unpickling_the_rest(tmp_path, made):
    result, document, findings = _got(tmp_path, made)
    got = result.diagnostics
    assert isinstance(got, Later) and got._blob is not None
    assert len(got) == len(findings) and bool(got) == bool(findings)
    assert got.in_order() == findings.in_order() and list(got.order()) == list(findings.order())
    assert got.related_paths() == findings.related_paths() and got.path == "page.md"
    assert [got.key(i) for i in range(len(got))] == [findings.key(i) for i in range(len(findings))]
    assert list(got.starts) == list(findings.starts) and (not made or got.rules() == findings.rules())
    assert got._blob is not None  # none of that unpickled the texts and rarer fields
    shown = result.outline
    assert shown.path == "page.md" and shown.layout == document.layout and shown.text == document.text
    assert shown.comments == document.comments == (Comment(document.comments[0].text, Span(0, 43)),)
    assert shown._fields_from is not None  # nor the outline's other fields
    assert list(got) == list(findings)
    assert got._blob is None or not made
    assert shown.title == document.title and shown._fields_from is None
    assert shown == document and shown.entries == document.entries and got == findings


def test_each_field_of_a_hit_reads_as_stored_whichever_is_read_first(tmp_path):
    for name in Document.__slots__:
        result, document, _ = _got(tmp_path / name, MADE)
        assert getattr(result.outline, name) == getattr(document, name)
        assert result.outline == document
    for name in Findings.__slots__:
        _, _, findings = got = _got(tmp_path / f"f-{name}", MADE)
        found = got[0].diagnostics
        getattr(found, name)
        assert list(found) == list(findings) and found.related() == findings.related() == {2: MADE[2].related}


def test_a_hit_pickles_again_as_the_findings_and_document_it_is(tmp_path):
    result, document, findings = _got(tmp_path, MADE)
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))  # a shard file, the spool
    assert type(back.diagnostics) is Findings and list(back.diagnostics) == list(findings)
    assert type(back.outline) is Document and back.outline == document
    assert list(back.outline.entries) == list(document.entries)


def test_a_finding_added_to_a_hit_is_counted(tmp_path):
    result, _, findings = _got(tmp_path, MADE)
    got = result.diagnostics
    got.append(MADE[0])
    findings.append(MADE[0])
    assert len(got) == len(findings) == 4 and list(got) == list(findings)
    assert got.related_paths() == findings.related_paths() and list(got.order()) == list(findings.order())


def test_a_field_not_set_is_still_an_attribute_error(tmp_path):
    result = _got(tmp_path, MADE)[0]
    with pytest.raises(AttributeError):
        result.outline.nothing  # noqa: B018
    with pytest.raises(AttributeError):
        result.diagnostics.nothing  # noqa: B018
    assert result.outline._fields_from is not None and result.diagnostics._blob is not None  # nor unpickled
