"""A spooled run hands the heap back to the system after a corpus rule that read its summaries
(lint.spool.give_back), and not after one that read few: its findings reused, or worked out again
after an edit from what it kept (the memory it freed is what the next stages use)."""

from __future__ import annotations

import sys

from lint import spool

from .conftest import change_one_word, run_with_result_cache, write_corpus


def _run(folder, cache):
    result = run_with_result_cache(cache, "check", str(folder), "--format", "json", "--jobs", "1", "--no-links")
    assert result.code in (0, 1), result.err
    return result.out


def test_the_heap_is_handed_back_after_a_rule_that_read_its_summaries_only(tmp_path, monkeypatch):
    folder, cache = tmp_path / "corpus", tmp_path / "cache"
    folder.mkdir()
    write_corpus(folder, spool.SPOOL_FROM + 2, seed=3)
    given: list[str] = []  # the corpus rule each was after (the caller's)
    real = spool.give_back
    monkeypatch.setattr(spool, "give_back", lambda: given.append(sys._getframe(1).f_locals["name"]) or real())
    _run(folder, cache)  # every corpus rule reads every summary (and the cache is written)
    rules = {"entry-copy", "missing-entry", "cross-page-drift"}
    assert rules <= set(given)
    given.clear()
    change_one_word(sorted(folder.iterdir())[5])
    warm = _run(folder, cache)
    # cross-page-drift reads the summaries of the few pages the changed one shares answers with
    # (entry-copy, on so few files, reads more than a quarter of them; missing-entry runs whole)
    assert "cross-page-drift" not in given and set(given) <= rules
    assert warm == _run(folder, None)
    given.clear()
    assert _run(folder, cache) == warm  # (replayed: no corpus rule runs)
    assert given == []
