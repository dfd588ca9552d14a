"""A warm run after an edit (a word changed, a paragraph added, a file removed, a file added) gives the
report of a cold run byte for byte, with one process and with workers, while the corpus rules that
can follow a change from their last run (``check_corpus_again``) do so rather than run whole; a
damaged or foreign state they kept is never trusted."""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from .conftest import run_with_result_cache, write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 12, seed=4)


def _json(folder, cache=None, *args):
    result = run_with_result_cache(cache, "check", str(folder), "--format", "json", "--fail-on", "never", *args)
    assert result.code == 0, result.err
    return result.out


def _one_word_changed(path, line=None):
    """A word of five letters or more in the middle of ``line`` (1-based; default: the longest)
    replaced by another."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = max(range(len(lines)), key=lambda k: len(lines[k])) if line is None else line - 1
    words = list(re.finditer(r"(?<= )[a-z]{5,}(?= )", lines[at]))
    word = words[len(words) // 2]
    lines[at] = lines[at][: word.start()] + "rewritten" + lines[at][word.end() :]
    path.write_text("\n".join(lines), encoding="utf-8")


def _copied(work, report):
    """The file and line of an entry-copy finding of ``report`` on a line with words to change, and the
    file and line of where it was copied from."""
    for found in json.loads(report)["diagnostics"]:
        if found["rule"] == "entry-copy":
            path = work / os.path.basename(found["path"])
            line = path.read_text(encoding="utf-8").split("\n")[found["line"] - 1]
            if len(re.findall(r"(?<= )[a-z]{5,}(?= )", line)) >= 3:
                source = found["related"][0]
                return path, found["line"], (work / os.path.basename(source["path"]), source["line"])
    raise AssertionError("no entry-copy finding to edit")


def _line_added_above(path, line):
    """An empty line added above ``line`` (1-based): what follows moves down, its text unchanged."""
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([*lines[: line - 1], "", *lines[line - 1 :]]), encoding="utf-8")


def _edits(work, report):
    files = sorted(work.iterdir())
    copied, line, (source, source_line) = _copied(work, report)
    other = next(p for p in files if p not in (copied, source))
    longest = max(other.read_text(encoding="utf-8").split("\n"), key=len)
    yield "one word changed in a copy", lambda: _one_word_changed(copied, line)
    yield "paragraph added", lambda: copied.write_text(copied.read_text(encoding="utf-8") + "\n\nEdited paragraph.\n")
    yield "paragraph copied in", lambda: copied.write_text(copied.read_text(encoding="utf-8") + f"\n\n{longest}\n")
    yield "file removed", lambda: other.unlink()
    yield "file added", lambda: shutil.copy(files[3], work / ("zz-copy" + files[3].suffix))
    # the findings of the copy stand, but their related place moved: its report piece is written again
    yield "line added above what was copied", lambda: _line_added_above(source, source_line)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_warm_run_after_each_edit_is_the_cold_run(corpus, tmp_path, monkeypatch, jobs):
    from lint.checks import entry_copy_again

    whole = []
    real = entry_copy_again.find_matches
    monkeypatch.setattr(entry_copy_again, "find_matches", lambda *a, **k: whole.append(1) or real(*a, **k))
    monkeypatch.setattr(entry_copy_again, "WHOLE_PAST", 1.0)  # a small run: followed however far a change reaches
    work, cache = tmp_path / "work", tmp_path / "cache"
    shutil.copytree(corpus, work)
    cold = _json(work)
    assert _json(work, cache, "--jobs", jobs) == cold  # fills the cache, and the state entry-copy keeps
    followed = []
    for what, edit in _edits(work, cold):
        edit()
        for recorded in cache.glob("v*/*/replay"):
            shutil.rmtree(recorded)
        whole.clear()
        expected = _json(work)
        assert (expected != cold) == (what != "paragraph added"), what  # a short paragraph: nothing to report
        assert _json(work, cache, "--jobs", jobs) == expected, what
        cold = expected
        if not whole:
            followed.append(what)
    assert followed[:4] == ["one word changed in a copy", "paragraph added", "paragraph copied in", "file removed"]


def test_a_damaged_or_foreign_state_is_not_trusted(corpus, tmp_path):
    """A state file that does not unpickle, or holds another rule's or another run's state, gives the
    cold run's report (the run works the rule out whole) and is written afresh."""
    work, cache = tmp_path / "work", tmp_path / "cache"
    shutil.copytree(corpus, work)
    _json(work, cache, "--jobs", "1")
    states = [state for state in cache.glob("v*/*/again/*") if state.is_file()]  # (not a state's parts)
    assert states
    files = sorted(work.iterdir())
    for k, damage in enumerate([b"not a pickle", states[0].read_bytes()[:-40], b"\x80\x05N."]):
        for state in states:
            state.write_bytes(damage)
        for recorded in cache.glob("v*/*/replay"):
            shutil.rmtree(recorded)
        _one_word_changed(files[k + 2])
        assert _json(work, cache, "--jobs", "1") == _json(work), damage[:12]
        assert all(state.read_bytes() != damage for state in states)
