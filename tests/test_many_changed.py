"""A warm run that checks many files again (more than a corpus rule follows from its last run, so its
corpus rules may be worked out whole, every summary in memory) sets the cache hits' results and bytes
aside in the run's spool until the report needs them, and reports what a run without the cache reports;
one whose few changes the corpus rules follow keeps its hits in memory (no spool written for them)."""

from __future__ import annotations

import shutil

import pytest

from lint import gathered, spool

from .conftest import change_one_word, run_with_result_cache, write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 12, seed=4)


def _run(folder, cache=None):
    result = run_with_result_cache(cache, "check", str(folder), "--format", "json", "--jobs", "1")
    assert result.code in (0, 1), result.err
    return result.code, result.out


@pytest.fixture
def spied(monkeypatch):
    """The number of hits each run set aside (None: it set none aside)."""
    monkeypatch.setattr(spool, "SPOOL_FROM", 1)  # as a large run: results spooled
    monkeypatch.setattr(gathered, "AGAIN_MOST", 2)  # a corpus rule follows at most 2 changed documents
    asides: list[int] = []
    real = gathered.Run.set_aside

    def set_aside(self, keep, data):
        real(self, keep, data)
        asides.append(len(self.aside))
        assert all(result is None for result in self.results)  # not in memory while the corpus rules run

    monkeypatch.setattr(gathered.Run, "set_aside", set_aside)
    return asides


def test_hits_are_set_aside_in_a_run_that_checks_many_files_again(corpus, tmp_path, spied):
    work, cache = tmp_path / "work", tmp_path / "cache"
    shutil.copytree(corpus, work)
    assert _run(work, cache) == _run(work)  # fills the cache
    files = sorted(work.iterdir())
    change_one_word(files[1], 1)
    assert _run(work, cache) == _run(work) and spied == []  # one change: followed, the hits kept in memory
    for k, path in enumerate(files[3:7]):  # four: more than followed
        change_one_word(path, k)
    assert _run(work, cache) == _run(work)
    assert spied == [len(files) - 4]


def test_a_hit_set_aside_then_checked_again_reports_its_new_result(corpus, tmp_path, spied, monkeypatch):
    """A document whose summary cannot be read (gone from the cache) is checked again during the corpus
    stage, from its bytes as they are then (edited since the run read them): that result, not the hit set
    aside before, is the one reported, as a run without the cache reports the files as they are now."""
    work, cache = tmp_path / "work", tmp_path / "cache"
    shutil.copytree(corpus, work)
    _run(work, cache)
    files = sorted(work.iterdir())
    for summary in cache.glob("v*/*/*/*.entry-copy.s"):
        summary.unlink()  # each document not changed is checked again when entry-copy runs
    for k, path in enumerate(files[3:7]):
        change_one_word(path, k)
    real = gathered.Run.set_aside

    def edited_meanwhile(self, keep, data):
        real(self, keep, data)
        change_one_word(files[9], 9)  # after the run read it, before it is checked again

    monkeypatch.setattr(gathered.Run, "set_aside", edited_meanwhile)
    warm = _run(work, cache)
    assert warm == _run(work)
    assert spied == [len(files) - 4]


def test_hits_are_set_aside_when_the_files_changed_since_a_corpus_rules_last_run_are_hits(corpus, tmp_path, spied):
    """Files put back as they were (a branch checked out again) are cache hits, so few files are checked,
    but a corpus rule's state follows their other version: it is worked out whole, and the hits' results
    and bytes are set aside before it reads every summary, as when many files are checked."""
    work, cache = tmp_path / "work", tmp_path / "cache"
    shutil.copytree(corpus, work)
    _run(work, cache)
    files = sorted(work.iterdir())
    was = {path: path.read_bytes() for path in files[3:7]}
    for k, path in enumerate(was):
        change_one_word(path, k)
    assert _run(work, cache) == _run(work)
    assert spied == [len(files) - 4]  # four checked: set aside as they were gathered
    for path, data in was.items():
        path.write_bytes(data)  # hits again, four changes since the corpus rules' last run
    change_one_word(files[1], 1)  # (and one checked: a run the corpus findings' cache does not hold)
    assert _run(work, cache) == _run(work)
    assert spied == [len(files) - 4, len(files) - 1]  # every hit set aside before a rule read every summary
