"""A cached outline's entries are kept in a file of their own beside the result cache's entry
(lint.cachedoutline.LazyEntries.apart): a warm run reads that file only for a document whose entries
it reads, and one missing, damaged or not the one the entry recorded makes them again from the
document, never a wrong entry nor an error."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from lint.cachedoutline import LazyEntries
from lint.engine import DocumentResult
from lint.findings import Findings
from lint.model import outline
from lint.readers import read
from lint.resultcache import ResultCache

from .test_cachedoutline import _MANY
from .test_republished import ACTION_PAGE


def _stored(tmp_path: Path, text: str) -> tuple[ResultCache, str]:
    cache = ResultCache(tmp_path / "cache", "0" * 32)
    document = outline(read("page.md", text))
    cache.put("page.md", "c0ffee", DocumentResult("page.md", Findings("page.md"), {}, document, {}), False)
    return cache, cache._entry("page.md", "c0ffee")


@pytest.mark.parametrize("text", [ACTION_PAGE, _MANY], ids=["tuple", "columns"])
@pytest.mark.parametrize("harm", ["none", "flipped", "cut", "missing", "other"])
def test_entries_kept_apart_read_as_the_documents(tmp_path, text, harm):
    cache, entry = _stored(tmp_path, text)
    expected = outline(read("page.md", text)).entries
    apart = Path(f"{entry}.e")
    data = apart.read_bytes()
    assert data and data not in Path(entry).read_bytes()  # the entry itself does not hold them
    if harm == "flipped":
        apart.write_bytes(data[:-9] + bytes([data[-9] ^ 1]) + data[-8:])
    elif harm == "cut":
        apart.write_bytes(data[:-1])
    elif harm == "missing":
        apart.unlink()
    elif harm == "other":  # another document's, whole
        other = _stored(tmp_path / "other", ACTION_PAGE.replace("Tides", "Weirs"))[1]
        os.replace(f"{other}.e", apart)
    made: list[int] = []

    def again():
        made.append(1)
        return outline(read("page.md", text)).entries

    found = cache.get("page.md", "c0ffee", again)
    assert found is not None
    entries = found[0].outline.entries
    assert isinstance(entries, LazyEntries) and entries._blob is None  # not read with the entry
    assert len(entries) == len(expected) and not made  # counted without reading them
    assert entries[-1] == expected[-1] and list(entries) == list(expected)
    assert made == ([] if harm == "none" else [1])
    back = pickle.loads(pickle.dumps(found[0], protocol=pickle.HIGHEST_PROTOCOL))  # a shard file, say
    assert list(back.outline.entries) == list(expected)


def test_entries_kept_apart_with_no_way_to_read_them_are_not_made_up(tmp_path):
    entry = _stored(tmp_path, ACTION_PAGE)[1]
    blob = Path(entry).read_bytes()
    stored = pickle.loads(blob)[2].outline.entries  # unpickled by hand: nothing attached to read them
    with pytest.raises(LookupError):
        list(stored)


def test_a_damaged_entry_beside_its_entries_is_a_miss(tmp_path):
    cache, entry = _stored(tmp_path, ACTION_PAGE)
    data = Path(entry).read_bytes()
    spans = bytes(pickle.loads(data)[2].outline.entries._spans)  # (checked with the entry: not apart)
    at = data.index(spans) + len(spans) // 2
    Path(entry).write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    assert cache.get("page.md", "c0ffee", lambda: ()) is None
    assert not Path(entry).exists()
