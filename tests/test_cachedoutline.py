"""A cached outline's entries stay pickled until read (lint.cachedoutline): they read as the reader's
entries, the republished pass reads a page's answers without them, a damaged pickle of them is a
cache miss, and a warm run gives the cold run's report."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from lint import republished
from lint.cachedoutline import LazyEntries, packed
from lint.model import outline
from lint.readers import columns, read

from .conftest import run_with_result_cache
from .test_republished import ACTION_PAGE, OWN_PAGE

_MANY = "# Action 1: Open data\n\n" + "".join(
    f"## Office {n}\n\n### Progress during 2014\n\nWe did {n}. See [it](https://example.org/{n}).\n\n"
    for n in range(columns.PACK_AT // 2)
)


def _outline(text: str, name: str = "page.md"):
    return outline(read(name, text))


@pytest.mark.parametrize("text", [ACTION_PAGE, OWN_PAGE, _MANY], ids=["action", "own", "columns"])
def test_lazy_entries_read_as_the_entries_they_keep(text):
    document = _outline(text)
    if text is _MANY:
        assert not isinstance(document.entries, tuple)  # a large document's entries are columns
    kept = packed(document)
    lazy = kept.entries
    assert isinstance(lazy, LazyEntries)
    assert lazy.answers() == republished.answers(document.entries)
    assert lazy._entries is None and len(lazy) == len(document.entries)  # counted without reading them
    back = pickle.loads(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == document and document == back
    assert list(back.entries) == list(document.entries) and back.entries[-1] == document.entries[-1]
    at = document.entries[-1].phases[0].body_span.start
    assert back.phase_at(at) == document.phase_at(at)
    assert list(back.links) == list(document.links)
    assert outline(back) == document
    assert packed(kept) is kept


@pytest.mark.parametrize("part", ["_blob", "_bounds", "_spans", "_answers"])
def test_a_damaged_pickle_of_the_entries_is_not_read(part):
    kept = packed(_outline(ACTION_PAGE))
    blob = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
    if part == "_answers":  # pickled apart, and checked with the entries: damage is a miss, not an error later
        inner = pickle.dumps(kept.entries.answers(), protocol=pickle.HIGHEST_PROTOCOL)
    else:
        inner = bytes(getattr(kept.entries, part))
    at = blob.index(inner) + len(inner) // 2
    damaged = blob[:at] + bytes([blob[at] ^ 1]) + blob[at + 1 :]
    with pytest.raises(ValueError, match="damaged"):
        pickle.loads(damaged)


def test_the_answers_are_unpickled_when_first_read():
    document = _outline(ACTION_PAGE)
    back = pickle.loads(pickle.dumps(packed(document), protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(back.entries._answers, bytes)  # a run that folds nothing reads none of them
    twice = pickle.loads(pickle.dumps(back, protocol=pickle.HIGHEST_PROTOCOL))  # pickled again unread
    assert back.entries.answers() == republished.answers(document.entries) == twice.entries.answers()
    assert not isinstance(back.entries._answers, bytes) and back.entries._entries is None
    assert (
        pickle.loads(pickle.dumps(back, protocol=pickle.HIGHEST_PROTOCOL)).entries.answers() == back.entries.answers()
    )


def test_the_entry_at_an_offset_is_read_alone():
    document = _outline(ACTION_PAGE.replace("## Office of Tides", "## Office of Weirs\n\nTBC\n\n## Office of Tides"))
    assert len(document.entries) == 2
    back = pickle.loads(pickle.dumps(packed(document), protocol=pickle.HIGHEST_PROTOCOL))
    at = document.entries[1].phases[0].body_span.start
    assert back.phase_at(at) == document.phase_at(at) != (None, None)
    assert back.entries._entries is None and list(back.entries._made) == [1]  # the other one not read
    assert back.entries[-1] is back.entries[1] and back.entries[:1] == document.entries[:1]


def test_shared_phases_read_from_answers_without_the_entries():
    pages = {"a-action.md": _outline(ACTION_PAGE, "a-action.md"), "b-own.md": _outline(OWN_PAGE, "b-own.md")}
    found = republished.shared_phases(pages)
    assert found and set(found) == set(pages)
    lazy = {path: packed(document) for path, document in pages.items()}
    assert republished.shared_phases(lazy) == found
    assert all(document.entries._entries is None for document in lazy.values())  # none was read


def _shared_as_before(outlines):
    """shared_phases as it was before it read answers (main 996dad4): from every entry and phase."""
    from lint.checks.identity import action_key, keys_of, organisations

    if len({document.layout for document in outlines.values()}) < 2:
        return {}
    keys = keys_of(organisations(outlines.values()))
    pages = {}
    for path, document in outlines.items():
        for entry in document.entries:
            if entry.organisation and entry.action:
                answer = (keys.get(entry.organisation, entry.organisation), action_key(entry.action))
                pages.setdefault(answer, []).append((path, entry))
    shared, number = {}, 0
    for on_pages in pages.values():
        if len({outlines[path].layout for path, _ in on_pages}) < 2:
            continue
        same = {}
        for path, entry in on_pages:
            for phase in entry.phases:
                body = phase.body_span
                same.setdefault((phase.kind, phase.year, phase.period, body.end - body.start), []).append((path, body))
        for (_, year, period, _), where in same.items():
            if len(where) < 2 or (year is None and period is None):
                continue
            by_text = {}
            for path, body in where:
                by_text.setdefault(outlines[path].text[body.start : body.end], []).append((path, body))
            for found in by_text.values():
                paths = {path for path, _ in found}
                if len(paths) == len(found) and len({outlines[path].layout for path in paths}) >= 2:
                    number += 1
                    for path, body in found:
                        shared.setdefault(path, []).append((body.start, body.end, number))
    return shared


def test_shared_phases_from_answers_are_the_ones_read_from_every_entry(tmp_path):
    from lint import source
    from lint.config import Config

    from .conftest import FIXTURES, write_corpus
    from .test_speed import REPUBLISHED

    write_corpus(tmp_path, 12, seed=4)
    for name, text in {**REPUBLISHED, "action-2": ACTION_PAGE, "own-2": OWN_PAGE}.items():
        (tmp_path / f"zz-{name}.md").write_text(text, encoding="utf-8")
    files = [*sorted(FIXTURES.rglob("*.md")), *sorted(FIXTURES.rglob("*.txt")), *sorted(tmp_path.iterdir())]
    reader = Config().reader
    outlines = {str(p): outline(source.load(str(p), reader)) for p in files}
    expected = _shared_as_before(outlines)
    assert sum(map(len, expected.values())) >= 6  # some phases are shared
    assert republished.shared_phases(outlines) == expected
    assert republished.shared_phases({path: packed(d) for path, d in outlines.items()}) == expected


def _entry_files(cache: Path) -> list[Path]:
    """The documents' entries (cache/vN/NAMESPACE/XX/KEY): not corpus findings, summaries or recordings."""
    found = cache.rglob("*")
    return sorted(
        p for p in found if p.is_file() and p.parents[3] == cache and len(p.parent.name) == 2 and "." not in p.name
    )


def _report(folder: Path, cache: Path | None) -> str:
    result = run_with_result_cache(cache, "check", str(folder), "--format", "json", "--fail-on", "never", "--no-links")
    assert result.code == 0, result.err
    return result.out


def test_a_warm_run_folds_republished_answers_as_a_cold_run(tmp_path):
    folder, cache = tmp_path / "pages", tmp_path / "cache"
    folder.mkdir()
    (folder / "a-action-98.md").write_text(ACTION_PAGE, encoding="utf-8")
    (folder / "b-tides.md").write_text(OWN_PAGE, encoding="utf-8")
    (folder / "c-other.md").write_text(ACTION_PAGE.replace("98", "97"), encoding="utf-8")
    cold = _report(folder, None)
    assert cold.count("; also published in ") == 3
    assert _report(folder, cache) == cold
    (folder / "c-other.md").write_text(ACTION_PAGE.replace("98", "96"), encoding="utf-8")  # the pair from the cache
    assert _report(folder, cache) == _report(folder, None)
    assert _report(folder, cache).count("; also published in ") == 3
    own = folder / "b-tides.md"
    own.write_text(OWN_PAGE.replace("tide tables", "tidal tables"), encoding="utf-8")  # one page differs now
    assert _report(folder, cache) == _report(folder, None)
    own.write_text(OWN_PAGE, encoding="utf-8")  # and is the same again
    assert _report(folder, cache) == cold


def test_a_cache_entry_with_damaged_entries_is_a_miss(tmp_path):
    folder, cache = tmp_path / "pages", tmp_path / "cache"
    folder.mkdir()
    (folder / "a-action-98.md").write_text(ACTION_PAGE, encoding="utf-8")
    (folder / "b-tides.md").write_text(OWN_PAGE, encoding="utf-8")
    cold = _report(folder, None)
    assert _report(folder, cache) == cold
    entries = _entry_files(cache)
    assert len(entries) == 2
    for entry in entries:  # (the entries' pickle is in a file of its own: test_cachedoutline_apart)
        data = entry.read_bytes()
        kept = pickle.loads(data)[2].outline.entries._answers  # (path, content, result, ...)
        at = data.index(kept) + len(kept) // 2
        entry.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    damaged = {entry: entry.read_bytes() for entry in entries}
    (folder / "c-other.md").write_text(ACTION_PAGE.replace("98", "97"), encoding="utf-8")  # not a replay
    cold = _report(folder, None)
    assert _report(folder, cache) == cold
    assert all(not entry.exists() or entry.read_bytes() != data for entry, data in damaged.items())  # a miss
    assert _report(folder, cache) == cold
    shutil.rmtree(cache)


def test_a_cache_entry_keeps_no_rule_times(tmp_path):
    """A result read from the cache had no rule run for it (its times are ``{}`` in the run): its
    entry does not carry the times of the run that checked it (2,000 dicts to unpickle)."""
    folder, cache = tmp_path / "pages", tmp_path / "cache"
    folder.mkdir()
    (folder / "a-action-98.md").write_text(ACTION_PAGE, encoding="utf-8")
    _report(folder, cache)
    (entry,) = _entry_files(cache)
    assert pickle.loads(entry.read_bytes())[2].times == {}  # (path, content, result, ...)
