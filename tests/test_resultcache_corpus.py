"""The corpus rules' findings the result cache keeps: the newest few, counting a use as new."""

from __future__ import annotations

import json
import os
from pathlib import Path

from lint.resultcache import _RUNS_KEPT, ResultCache


def test_corpus_findings_used_in_each_run_are_not_the_ones_let_go(tmp_path):
    """A rule whose summaries never change (missing-entry while only paragraphs are edited) reuses
    findings written long ago: edits that make other rules' findings anew must not push them out."""
    cache = ResultCache(tmp_path, "0" * 32)
    standing = "a" * 32
    cache.put_corpus(standing, [], {"x.txt": (1, 2)}, None)
    (file,) = tmp_path.rglob(f"corpus/*/{standing}")
    os.utime(file, (1, 1))  # written long before the others
    for n in range(2 * _RUNS_KEPT):
        assert cache.corpus(standing) == ([], {"x.txt": (1, 2)}, None), n
        cache.put_corpus(f"{n:032x}", [], {}, None)
    assert len(list(tmp_path.rglob("corpus/*/*"))) == _RUNS_KEPT
    assert cache.corpus(f"{0:032x}") is None  # one never used again is let go


def _finding(path, start, entry=None, phase=None):
    from lint.checks.api import Finding
    from lint.model import Span

    return Finding(span=Span(start, start + 5), path=path, entry=entry, phase=phase)


def _diagnostic(path, entry, phase):
    from lint.model import Diagnostic, Severity, Span

    return Diagnostic(path, Span(0, 1), "entry-copy", Severity.WARNING, "m", entry, phase)


def test_where_stored_corpus_findings_begin_is_read_without_unpickling_them(tmp_path, monkeypatch):
    """What a rule worked out again reads of its last run's findings (to name its own: lint.gathered.again)
    is where each begins and their names, kept beside the findings' own pickle, which is not unpickled."""
    from lint import resultcache

    cache = ResultCache(tmp_path, "0" * 32)
    findings = [_finding("a.md", 10), _finding("b.md", 20, entry="Own"), _finding("a.md", 30)]
    names = ({"a.md": "h1"}, [("Lincoln", None), ("Own", None), (None, None)])
    cache.put_corpus("b" * 32, findings, {"a.md": (1,)}, names)
    assert cache.corpus("b" * 32) == (findings, {"a.md": (1,)}, names)

    class Unpickling:
        @staticmethod
        def loads(blob):
            raise AssertionError("findings unpickled")

    monkeypatch.setattr(resultcache, "pickle", Unpickling)
    assert cache.corpus_places("b" * 32) == ([("a.md", 10), ("b.md", 20), ("a.md", 30)], names)
    assert cache.corpus_places("c" * 32) is None


def test_corpus_findings_keep_their_entry_and_phase_only_on_unchanged_documents():
    """A stored corpus finding is given the entry and phase it was reported in (so a warm run need
    not read the entry it lies in) only when its document's content hash is the one it had then."""
    from lint.gathered import named, names_of

    findings = [_finding("a.md", 10), _finding("b.md", 20), _finding("a.md", 30, entry="Own")]
    diagnostics = [_diagnostic("a.md", "Lincoln", "Progress 2012"), _diagnostic("b.md", None, None)]
    diagnostics.append(_diagnostic("a.md", "Own", None))
    names = names_of(findings, diagnostics, {"a.md": "h1", "b.md": "h2", "c.md": "h3"})
    assert names == ({"a.md": "h1", "b.md": "h2"}, [("Lincoln", "Progress 2012"), (None, None), ("Own", None)])
    same = named(findings, names, {"a.md": "h1", "b.md": "h2"})
    assert [(f.entry, f.phase) for f in same] == [("Lincoln", "Progress 2012"), (None, None), ("Own", None)]
    assert [f.span for f in same] == [f.span for f in findings]
    edited = named(findings, names, {"a.md": "h9", "b.md": "h2"})  # a.md changed: worked out again
    assert [(f.entry, f.phase) for f in edited] == [(None, None), (None, None), ("Own", None)]
    assert named(findings, names, {}) == findings  # contents not known
    for damaged in (None, (), ({}, [("x", "y")]), ([], []), ({"a.md": "h1"}, "xx")):  # another layout: as found
        assert named(findings, damaged, {"a.md": "h1", "b.md": "h2"}) == findings


def test_a_warm_run_names_reused_corpus_findings_without_reading_their_entries(tmp_path, monkeypatch):
    """After a short paragraph is added to one file, entry-copy's stored findings are reused with
    their entry and phase: the entries of the unchanged documents are not read to find them again,
    and the report is the one a run without the cache writes."""
    import shutil

    from lint import model

    from .conftest import run_cli

    root = tmp_path / "work"
    shutil.copytree(Path(__file__).parent.parent / "fixtures" / "seeds", root)
    monkeypatch.setenv("RESPONSE_LINT_RESULT_CACHE", str(tmp_path / "cache"))
    first = run_cli("check", ".", "--format", "json", cwd=root)
    target = sorted(root.iterdir())[-1]  # (entry-copy finds its copies in the other)
    target.write_bytes(target.read_bytes() + b"\n\nA short paragraph.\n")
    cold = run_cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    asked = []
    real = model.Document.phase_at
    monkeypatch.setattr(model.Document, "phase_at", lambda self, at: asked.append(self.path) or real(self, at))
    warm = run_cli("check", ".", "--format", "json", cwd=root)
    assert (warm.code, warm.out) == (cold.code, cold.out) and first.out != ""
    named = [d for d in json.loads(warm.out)["diagnostics"] if d["rule"] == "entry-copy" and d.get("entry")]
    assert named, "the seeds have entry-copy findings in entries"
    unchanged = [d for d in named if target.name not in d["path"]]
    assert unchanged and [p for p in asked if target.name not in p] == []


def test_a_rule_worked_out_again_names_its_findings_as_its_last_run_did(tmp_path, monkeypatch):
    """After a word changed in one file, entry-copy is worked out again from its state; its findings on
    the unchanged documents are given the entry and phase their like (same document, same start) had in
    its last run's stored findings, so their entries are not read again, and the report is the one a run
    without the cache writes."""
    import re
    import shutil

    from lint import model

    from .conftest import run_cli

    root = tmp_path / "work"
    shutil.copytree(Path(__file__).parent.parent / "fixtures" / "seeds", root)
    monkeypatch.setenv("RESPONSE_LINT_RESULT_CACHE", str(tmp_path / "cache"))
    run_cli("check", ".", "--format", "json", cwd=root)
    target = sorted(root.iterdir())[-1]
    lines = target.read_bytes().split(b"\n")
    at = max(range(len(lines)), key=lambda k: len(lines[k]))
    word = list(re.finditer(rb"(?<= )[a-z]{5,}(?= )", lines[at]))[2]
    lines[at] = lines[at][: word.start()] + b"rewritten" + lines[at][word.end() :]
    target.write_bytes(b"\n".join(lines))
    cold = run_cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    asked = []
    real = model.Document.phase_at
    monkeypatch.setattr(model.Document, "phase_at", lambda self, at: asked.append(self.path) or real(self, at))
    again = []
    from lint.checks import entry_copy_again

    real_again = entry_copy_again.check_corpus_again
    monkeypatch.setattr(entry_copy_again, "check_corpus_again", lambda *a: again.append(1) or real_again(*a))
    warm = run_cli("check", ".", "--format", "json", cwd=root)
    assert (warm.code, warm.out) == (cold.code, cold.out)
    assert again  # worked out again, not reused whole
    named = [d for d in json.loads(warm.out)["diagnostics"] if d["rule"] == "entry-copy" and d.get("entry")]
    assert [d for d in named if target.name not in d["path"]], "entry-copy findings in entries of other files"
    assert [p for p in asked if target.name not in p] == []
