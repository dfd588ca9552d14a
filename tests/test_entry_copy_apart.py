"""A whole entry-copy run over summaries it may let go (:class:`~lint.checks.api.Summaries`) holds less at its
peak of memory (issue 11 (g)): the paragraphs' texts set apart in a temporary file while it matches, the
columns only matching reads let go once its holder index has read the shingles. It finds the same, keeps the
same state, and leaves no file open."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lint.checks import entry_copy, entry_copy_again
from lint.checks.api import Summaries
from lint.checks.entry_apart import Apart
from lint.checks.entry_paragraphs import Paragraphs
from lint.checks.entry_summary import PATH

from .conftest import change_one_word, run_with_result_cache, write_corpus
from .entry_copy_support import run_summaries

__all__ = ["run_summaries"]  # a fixture, shared


def _context():
    from lint import engine
    from lint.config import Config

    config = Config()
    plan = engine.Plan(engine.select_rules(engine.available_rules(config), ["entry-copy"], [], []), config)
    return plan.bound[0].context


class _Held(Summaries):
    """Summaries a rule may let go (as :class:`lint.gathered.Lazy`): each read counted, read again after
    :meth:`let_go`."""

    def __init__(self, summaries):
        self._all, self.held, self.let_go_calls = summaries, {}, 0

    def __len__(self):
        return len(self._all)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        return self.held.setdefault(index, self._all[index])

    def path(self, index):
        return str(self._all[index].summary[1][PATH])

    def anchors(self, index):
        return self._all[index].anchors

    def let_go(self):
        self.let_go_calls += 1
        self.held = {}


def _texts_files_open():
    """The temporary files of texts set apart this process holds open."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            found.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass
    return [name for name in found if "response-lint-texts-" in name]


def test_texts_apart_read_back_as_they_were():
    blobs = [b"first text", b"", "caf\u00e9 \u2019quoted\u2019".encode(), b"x" * 5000]
    apart = Apart(blobs)
    for d, blob in enumerate(blobs):
        for start in range(0, len(blob) + 1, 3):
            for end in range(start, len(blob) + 1, 7):
                assert apart.read(d, start, end) == blob[start:end]
        with pytest.raises(IndexError):
            apart.read(d, 0, len(blob) + 1)
    apart.close()


def test_paragraphs_with_texts_apart_and_matching_let_go_read_the_same(run_summaries):
    kept, apart = Paragraphs(run_summaries), Paragraphs(run_summaries)
    assert apart.text_bytes() == kept.text_bytes() > 0
    assert apart.set_texts_apart()
    assert apart.text_bytes() == 0  # none in memory
    every = range(len(kept))
    assert [apart.text(i) for i in every] == [kept.text(i) for i in every]
    assert [apart.grams(i) for i in every] == [kept.grams(i) for i in every]
    apart.let_go_matching()
    with pytest.raises(TypeError):
        apart.grams(0)  # (let go)
    for i in every:
        assert apart.text(i) == kept.text(i)
        end = len(kept.text(i))
        for start, stop in ((0, end), (end // 3, end // 2), (end - 1, end)):
            assert apart.span_of(i, start, stop) == kept.span_of(i, start, stop)
        assert (apart.path(i), apart.entry_name(i), apart.phase_key(i), apart.digest(i), apart.anchor(i)) == (
            kept.path(i),
            kept.entry_name(i),
            kept.phase_key(i),
            kept.digest(i),
            kept.anchor(i),
        )
    apart.close()


def _written(state, folder):
    """A state as the cache writes it (its parts named by the digests of their bytes)."""
    from lint import keptfiles

    return keptfiles.dumps(state, str(folder))


def test_a_whole_run_that_may_let_its_summaries_go_sets_texts_apart_and_finds_the_same(
    run_summaries, monkeypatch, tmp_path
):
    context = _context()
    found, state = entry_copy_again.check_corpus_again(None, {}, list(run_summaries), context)  # (a list: held)
    assert found == list(entry_copy.check_corpus(run_summaries, context))
    monkeypatch.setattr(entry_copy_again, "APART_FROM", 0)  # as a large run
    set_apart = []
    real = Paragraphs.set_texts_apart
    monkeypatch.setattr(Paragraphs, "set_texts_apart", lambda self: set_apart.append(1) or real(self))
    held = _Held(run_summaries)
    found_apart, state_apart = entry_copy_again.check_corpus_again(None, {}, held, context)
    assert set_apart == [1] and held.let_go_calls == 1 and not held.held  # let go, and not read again
    assert found_apart == found
    assert _written(state_apart, tmp_path) == _written(state, tmp_path)
    assert _texts_files_open() == []  # the texts' file closed


def test_a_run_with_the_cache_working_entry_copy_out_whole_with_texts_apart_reports_the_same(tmp_path, monkeypatch):
    """Through the pipeline: the cold run that fills the cache, and a warm one after more files changed than
    entry-copy follows, work it out whole on summaries read from the cache (:class:`lint.gathered.Lazy`)."""
    from lint import gathered

    monkeypatch.setattr(entry_copy_again, "APART_FROM", 0)
    monkeypatch.setattr(gathered, "AGAIN_MOST", 2)
    set_apart = []
    real = Paragraphs.set_texts_apart
    monkeypatch.setattr(Paragraphs, "set_texts_apart", lambda self: set_apart.append(1) or real(self))
    (tmp_path / "work").mkdir()
    work = write_corpus(tmp_path / "work", 9, seed=11)

    def run(cache: Path | None) -> tuple[int, str]:
        result = run_with_result_cache(cache, "check", str(work), "--format", "json", "--jobs", "1")
        assert result.code in (0, 1), result.err
        return result.code, result.out

    cache = tmp_path / "cache"
    assert run(cache) == run(None) and len(set_apart) == 1  # fills the cache: whole
    for k, path in enumerate(sorted(work.iterdir())[2:6]):
        change_one_word(path, k)
    assert run(cache) == run(None) and len(set_apart) == 2  # four changed: more than followed, whole again
    shutil.rmtree(cache)
