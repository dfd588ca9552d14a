"""A byte changed anywhere in a cache file is never believed: a run with it reports what a run without
the cache reports, with the same exit code, and does not stop (issue 11: "a stale, corrupt or
concurrently written cache is never trusted and never breaks a run").

Each kind of file the result cache holds is damaged in turn, one byte at a time at offsets spread
over it (its first and last bytes among them) and in the middle of runs of letters (a finding's
message: damage that unpickles as well as before, which a cache without checksums reported), in a
copy of a cache filled by a real run: a document's entry, each corpus rule's summary of it (those
the run reads first), a corpus rule's kept findings, entry-copy's kept state and its parts, the
report's kept pieces and a run's recording (:mod:`lint.replay`); then the rule cache
(:mod:`lint.rulecache`). The stat index keeps only files that settled seconds before: a test's are
too new for it (tests/test_replay.py damages it)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import change_one_word, run_with_result_cache, write_corpus

_MASKS = (0x01, 0x80, 0xFF)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 8, seed=4)


def _run(folder, cache):
    result = run_with_result_cache(cache, "check", str(folder), "--format", "json", "--jobs", "1")
    assert result.code in (0, 1), result.err
    return result.code, result.out


def _kind(path: Path, cache: Path) -> str | None:
    """What a file of the cache is (None: not read by a run)."""
    parts, name = path.relative_to(cache).parts, path.name
    if name in ("CACHEDIR.TAG", ".gitignore"):
        return None
    if name.endswith(".checked"):
        return "stamp"
    if name == "stat.marshal":
        return "stat index"
    if "replay" in parts:
        return "recording data" if name.endswith(".d") else "recording"
    if "pieces" in parts:
        return "piece data" if name.endswith(".d") else "piece index"
    if "corpus" in parts:
        return "corpus findings"
    if "again" in parts:
        return "kept part" if name.endswith(".m") else "kept state"
    if name.endswith(".s"):
        return f"summary {name.split('.')[1]}"
    if name.endswith(".e"):
        return "outline entries"  # (read when an entry is: made again from the document if damaged)
    return "entry" if re.fullmatch(r"[0-9a-f]{32}", name) else None


def _damages(data: bytes, count: int = 5) -> list[tuple[int, int]]:
    """``(offset, mask)`` of the bytes to change: ``count`` offsets spread over ``data``, its first and
    last among them, then the middle of a few runs of letters spread over it, their case changed (a
    message, a name or an excerpt: what unpickles as well as before, and would be reported)."""
    size = len(data)
    spread = sorted({0, size - 1, *(size * k // (count - 1) for k in range(1, count - 1))})
    damages = [(at, _MASKS[i % len(_MASKS)]) for i, at in enumerate(spread)]
    runs = [m for m in re.finditer(rb"[A-Za-z]{6,}", data)]
    for m in runs[len(runs) // 8 :: max(1, len(runs) // 4)][:4]:
        damages.append(((m.start() + m.end()) // 2, 0x20))
    return damages


def _flipped(path: Path, at: int, mask: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= mask
    path.write_bytes(bytes(data))


def _damaged_runs(work, cache, pristine, kinds, expected, wanted):
    """Each kind's files damaged a byte at a time (the cache put back from ``pristine`` each time).
    Damage to what a kept report piece stands for is only seen once the piece is written again: the
    pieces are left out but when they are what is damaged."""
    seen = set()
    for kind, files in sorted(kinds.items()):
        if kind not in wanted:
            continue
        for path in files[:2]:
            for at, mask in _damages(path.read_bytes()):
                shutil.rmtree(cache)
                shutil.copytree(pristine, cache, ignore=None if "piece" in kind else shutil.ignore_patterns("pieces"))
                _flipped(cache / path.relative_to(pristine), at, mask)
                assert _run(work, cache) == expected, (kind, path.name, at, mask)
        seen.add(kind)
    return seen


def _read_first(kinds, read):
    """Each kind's files, those a run reads first."""
    return {kind: sorted(files, key=lambda p: p.name not in read) for kind, files in kinds.items()}


def _cache_files(cache: Path) -> dict[str, list[Path]]:
    kinds: dict[str, list[Path]] = {}
    for path in sorted(p for p in cache.rglob("*") if p.is_file()):
        kind = _kind(path, cache)
        if kind is not None:
            kinds.setdefault(kind, []).append(path)
    return kinds


def test_a_byte_changed_in_any_file_of_the_result_cache_is_never_believed(corpus, tmp_path, monkeypatch):
    from lint import resultcache

    work, cache, pristine = tmp_path / "work", tmp_path / "cache", tmp_path / "pristine"
    shutil.copytree(corpus, work)
    _run(work, cache)  # fills the cache; entry-copy keeps its state
    # a run whose files are those of a recording replays it: its recording, stat index and pieces
    replayed = _run(work, None)
    shutil.copytree(cache, pristine)
    kinds = _cache_files(pristine)
    assert _damaged_runs(work, cache, pristine, kinds, replayed, {"recording", "recording data"}) == {
        "recording",
        "recording data",
    }
    # one word changed: every entry is read, the state entry-copy kept and its parts, some summaries
    change_one_word(sorted(work.iterdir())[3])
    expected = _run(work, None)
    read = set()
    real = resultcache.read_whole
    monkeypatch.setattr(resultcache, "read_whole", lambda path: read.add(os.path.basename(path)) or real(path))
    assert _run(work, cache) == expected  # (the files it reads: the summaries of the paragraphs compared again)
    monkeypatch.setattr(resultcache, "read_whole", real)
    wanted = {k for k in kinds if k not in ("recording", "recording data")}
    seen = _damaged_runs(work, cache, pristine, _read_first(kinds, read), expected, wanted)
    assert {"entry", "kept state", "kept part", "corpus findings", "piece index", "piece data"} <= seen
    assert {"summary entry-copy", "summary missing-entry", "summary cross-page-drift", "outline entries"} <= seen


def test_a_byte_changed_in_the_rule_cache_is_never_believed(corpus, tmp_path, monkeypatch):
    """The rule cache keeps each rule file's parsed table: a byte changed in it (a phrase, a severity)
    is set aside with one warning, never read as the rule."""
    work, rules = tmp_path / "work", tmp_path / "rules"
    shutil.copytree(corpus, work)
    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", str(rules))
    expected = _run(work, None)
    (kept,) = rules.glob("rules-*.marshal")
    pristine = kept.read_bytes()
    for at, mask in _damages(pristine):
        kept.write_bytes(pristine)
        _flipped(kept, at, mask)
        result = run_with_result_cache(None, "check", str(work), "--format", "json", "--jobs", "1")
        assert (result.code, result.out) == expected, at
        assert result.err.count("warning:") == 1 and "set aside" in result.err, at
        for aside in rules.glob("rules-*.corrupt*"):
            aside.unlink()


def test_a_damaged_part_met_while_a_rule_follows_its_state_makes_it_run_without_it(corpus, tmp_path, monkeypatch):
    """A block of a kept part read back damaged (lint.keptfiles.DamagedPart) wherever the rule reads it:
    the rule's findings are worked out without its state, as the run without the cache works them out."""
    from lint import engine, keptfiles

    work, cache = tmp_path / "work", tmp_path / "cache"
    shutil.copytree(corpus, work)
    _run(work, cache)
    change_one_word(sorted(work.iterdir())[3])
    expected = _run(work, None)
    real, states = engine.corpus_rule_again, []

    def damaged(plan, rule, state, before, summaries):
        states.append(state is not None)
        if state is not None:
            raise keptfiles.DamagedPart("a block damaged")
        return real(plan, rule, state, before, summaries)

    monkeypatch.setattr(engine, "corpus_rule_again", damaged)
    assert _run(work, cache) == expected
    assert True in states  # (a rule followed its state: entry-copy, cross-page-drift)
    assert all(not states[i + 1] for i, followed in enumerate(states) if followed)  # then ran without it
