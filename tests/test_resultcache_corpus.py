"""The corpus rules' findings the result cache keeps: the newest few, counting a use as new."""

from __future__ import annotations

import os

from lint.resultcache import _RUNS_KEPT, ResultCache


def test_corpus_findings_used_in_each_run_are_not_the_ones_let_go(tmp_path):
    """A rule whose summaries never change (missing-entry while only paragraphs are edited) reuses
    findings written long ago: edits that make other rules' findings anew must not push them out."""
    cache = ResultCache(tmp_path, "0" * 32)
    standing = "a" * 32
    cache.put_corpus(standing, [], {"x.txt": (1, 2)})
    (file,) = tmp_path.rglob(f"corpus/*/{standing}")
    os.utime(file, (1, 1))  # written long before the others
    for n in range(2 * _RUNS_KEPT):
        assert cache.corpus(standing) == ([], {"x.txt": (1, 2)}), n
        cache.put_corpus(f"{n:032x}", [], {})
    assert len(list(tmp_path.rglob("corpus/*/*"))) == _RUNS_KEPT
    assert cache.corpus(f"{0:032x}") is None  # one never used again is let go
