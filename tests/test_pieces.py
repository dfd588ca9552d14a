"""Report pieces (lint.pieces): each document's findings as the json format wrote them, kept between runs
by a key of everything their text depends on, reused only when the key and the kept file hold."""

from __future__ import annotations

import shutil

import pytest

from lint.findings import Chosen, Findings
from lint.model import Diagnostic, Related, Severity, Span
from lint.pieces import Store, cut

from .conftest import run_with_result_cache, write_corpus


def _findings(path, related_to=None):
    found = Findings(path)
    found.add(Span(0, 3), "placeholder", Severity.ERROR, "a placeholder")
    related = (Related(related_to, Span(4, 9), "first written here"),) if related_to else ()
    found.add(Span(5, 9), "year-copy", Severity.WARNING, "copied", related=related)
    return found


def _keys(contents, corpus_message="drifted", other="b.txt"):
    corpus = [Diagnostic("a.txt", Span(1, 2), "cross-page-drift", Severity.INFO, corpus_message)]
    chosen = Chosen.every([_findings("a.txt", related_to=other), _findings("b.txt"), corpus]).sorted()
    runs = cut(chosen, contents)
    assert runs is not None
    assert [(start, stop) for _, start, stop in runs] == [(0, 3), (3, 5)]  # a.txt's three, b.txt's two
    return [key for key, _, _ in runs]


def test_a_piece_key_says_what_its_text_depends_on():
    contents = {"a.txt": "1", "b.txt": "2", "c.txt": "3"}
    a, b = _keys(contents)
    assert a is not None and b is not None and a != b
    assert _keys(dict(contents)) == [a, b]  # the same run: the same keys
    assert _keys({**contents, "b.txt": "2x"})[0] != a  # a related place's text changed: its line may have
    assert _keys({**contents, "b.txt": "2x"})[1] != b
    assert _keys({**contents, "a.txt": "1x"}) == [_keys({**contents, "a.txt": "1x"})[0], b]
    assert _keys({**contents, "a.txt": "1x"})[0] != a
    assert _keys({**contents, "c.txt": "3x"}) == [a, b]  # a document no finding points into
    assert _keys(contents, corpus_message="drifted again")[0] != a  # a corpus finding of its changed
    assert _keys(contents, other="c.txt")[0] != a  # related to another document
    assert _keys({"a.txt": "1", "c.txt": "3"})[0] != a  # the related document is not in the run
    assert _keys({**contents, "a.txt": None})[0] is None  # no content hash: not kept
    assert _keys({**contents, "b.txt": None}) == [None, None]


def test_only_a_chosen_is_cut():
    assert cut([Diagnostic("a.txt", Span(1, 2), "r", Severity.INFO, "m")], {"a.txt": "1"}) is None


def _data(file):
    """The data file the index ``file`` names (the only one beside it, in these tests)."""
    (found,) = file.parent.glob(f"{file.name}.*.d")
    return found


def test_a_store_gives_back_what_it_kept_and_nothing_damaged(tmp_path):
    file = tmp_path / "pieces" / "json"
    store = Store(file)
    assert store.get(b"k" * 16) is None
    store.add(b"k" * 16, "{é}", (1, 2, 3), made=True)
    store.add(b"j" * 16, "{}", (0, 0, 1), made=False)
    store.close()
    again = Store(file)
    assert again.get(b"k" * 16) == ("{é}", (1, 2, 3))
    assert again.get(b"j" * 16) == ("{}", (0, 0, 1))
    index, data = file.read_bytes(), _data(file)
    texts = data.read_bytes()
    flipped = bytearray(index)
    flipped[-1] ^= 1
    for damage in (b"", b"not a pieces file", index[:-1], index[:40] + index[41:], bytes(flipped)):
        file.write_bytes(damage)
        assert Store(file).get(b"k" * 16) is None, damage[:40]
    file.write_bytes(index)
    for damage in (b"", texts[:3], texts.replace("é".encode(), "è".encode())):
        data.write_bytes(damage)
        assert Store(file).get(b"k" * 16) is None, damage
    data.write_bytes(texts)
    nothing_new = Store(file)  # every piece found in the last run's: neither file is written
    nothing_new.add(b"k" * 16, "{é}", (1, 2, 3), made=False)
    nothing_new.close()
    assert file.read_bytes() == index
    assert data.read_bytes() == texts
    assert sorted(p.name for p in file.parent.iterdir()) == ["json", data.name]  # no temporary file


def test_a_damaged_text_is_that_piece_alone_missing(tmp_path):
    """Each piece's text has its own CRC (the index's covers the records): a piece whose text is
    damaged is not given back, the others are, and a kept piece stays where it is."""
    file = tmp_path / "pieces" / "json"
    store = Store(file)
    store.add(b"k" * 16, "{kept}", (1, 0, 0), made=True)
    store.add(b"j" * 16, "{other}", (0, 1, 0), made=True)
    store.close()
    data = _data(file)
    whole = data.read_bytes()
    data.write_bytes(whole.replace(b"{kept}", b"{kepT}"))
    damaged = Store(file)
    assert damaged.get(b"k" * 16) is None
    assert damaged.get(b"j" * 16) == ("{other}", (0, 1, 0))
    damaged.add(b"k" * 16, "{kept}", (1, 0, 0), made=True)  # made again, as a format does on a miss
    damaged.add(b"j" * 16, "{other}", (0, 1, 0), made=False)  # left where it is
    damaged.close()
    assert data.read_bytes() == whole.replace(b"{kept}", b"{kepT}") + b"{kept}"  # appended
    again = Store(file)
    assert again.get(b"k" * 16) == ("{kept}", (1, 0, 0))
    assert again.get(b"j" * 16) == ("{other}", (0, 1, 0))


def test_a_run_appends_what_it_made_and_a_new_data_file_is_begun_past_a_fifth_unused(tmp_path):
    """A run writes the pieces it made at the end of the data file and an index; once more than a
    fifth of the file is texts no index points to, a run writes a new one with its own pieces only
    (the one before is kept for a run that may be reading it, older ones removed)."""
    file = tmp_path / "pieces" / "json"
    texts = {bytes([n]) * 16: f"{{piece {n} {'x' * 50}}}" for n in range(10)}

    def run(changed: int) -> None:
        store = Store(file)
        for n, (key, text) in enumerate(texts.items()):
            found = store.raw(key)
            if n == changed or found is None:
                store.add(key, text, (n, 0, 0), made=True)
            else:
                assert bytes(found[0]).decode() == text and found[1] == (n, 0, 0)
                store.add(key, found[0], found[1], made=False)
        store.close()

    run(-1)
    first = _data(file)
    size = first.stat().st_size
    names, sizes = [], []
    for edit in range(8):
        key = bytes([edit]) * 16
        texts[key] = texts[key] + "!"
        run(edit)
        names.append(sorted(p.name for p in file.parent.glob("json.*.d")))
        sizes.append(first.stat().st_size if first.exists() else 0)
    assert names[0] == names[1] == names[2] == [first.name]  # appended: at most 3 of 13 texts unused
    assert sizes[2] == size + sum(len(texts[bytes([n]) * 16]) for n in range(3))
    second = [n for n in names[3] if n != first.name]
    assert len(second) == 1 and first.name in names[3]  # 4 of 14 unused: a new file, the last run's kept
    assert names[3] == names[4] == names[5] == names[6]  # appended to the new one
    assert (file.parent / second[0]).stat().st_size < size + 5 * 70
    assert len(names[7]) == 2 and second[0] in names[7] and first.name not in names[7]  # the oldest removed
    check = Store(file)
    for n, (key, text) in enumerate(texts.items()):
        assert check.get(key) == (text, (n, 0, 0))


def test_a_piece_found_in_the_last_run_is_copied_as_its_bytes(tmp_path):
    """A piece the last run kept (``made=False``) is written as the bytes it was, not ``text``
    encoded again (the text a format passes is what get() read of them); a new one is encoded."""
    file = tmp_path / "pieces" / "json"
    first = Store(file)
    first.add(b"k" * 16, "{\u2019kept\udcff}", (1, 0, 0), made=True)
    first.close()
    second = Store(file)
    assert second.get(b"k" * 16) == ("{\u2019kept\udcff}", (1, 0, 0))
    second.add(b"k" * 16, "not what it read", (1, 0, 0), made=False)
    second.add(b"n" * 16, "{new}", (0, 1, 0), made=True)
    second.close()
    third = Store(file)
    assert third.get(b"k" * 16) == ("{\u2019kept\udcff}", (1, 0, 0))
    assert third.get(b"n" * 16) == ("{new}", (0, 1, 0))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 9, seed=7)


def _run(folder, cache, *args):
    for recorded in cache.glob("v*/*/replay") if cache is not None else ():
        shutil.rmtree(recorded)  # a recorded output would be written again without a report made
    result = run_with_result_cache(cache, "check", str(folder), "--fail-on", "never", *args)
    assert result.code == 0, result.err
    return result.out


def test_pieces_are_reused_and_a_damaged_file_is_never_trusted(corpus, tmp_path):
    work, cache = tmp_path / "work", tmp_path / "cache"
    shutil.copytree(corpus, work)
    cold = _run(work, None, "--format", "json")
    assert _run(work, cache, "--format", "json") == cold
    (kept,) = cache.glob("v*/*/pieces/json")
    index, data = kept.read_bytes(), _data(kept)
    whole = data.read_bytes()
    assert _run(work, cache, "--format", "json") == cold  # every piece from the file
    assert kept.read_bytes() == index and data.read_bytes() == whole  # nothing new: not written again
    # a piece that says something else, under a key the run asks for: the CRC no longer holds
    first = whole.index(b'"path"')
    lied = whole[:first] + whole[first:].replace(b'"path"', b'"PATH"', 1)
    for damage in (b"garbage", whole[: len(whole) // 2], lied):
        data.write_bytes(damage)
        assert _run(work, cache, "--format", "json") == cold
        assert _run(work, cache, "--format", "json") == cold  # the pieces written again are read back
    for damage in (b"garbage", index[: len(index) // 2]):
        kept.write_bytes(damage)
        assert _run(work, cache, "--format", "json") == cold
        assert _run(work, cache, "--format", "json") == cold
    for fmt in ("sarif", "text"):  # the other formats are written as they always were
        assert _run(work, cache, "--format", fmt) == _run(work, None, "--format", fmt)


def test_a_kept_piece_that_is_not_utf8_is_written_again(corpus, tmp_path):
    """A piece whose CRC holds but whose bytes are not UTF-8 (not what this code writes) is made
    again for a report on a stream that takes only text, never decoded into an internal error."""
    import zlib

    from lint import pieces

    work, cache = tmp_path / "work", tmp_path / "cache"
    shutil.copytree(corpus, work)
    cold = _run(work, None, "--format", "json")
    assert _run(work, cache, "--format", "json") == cold
    (kept,) = cache.glob("v*/*/pieces/json")
    data = _data(kept)
    token, index = pieces._parse(kept.read_bytes())
    key, (counts, offset, length, _) = next(iter(index.items()))
    whole = bytearray(data.read_bytes())
    whole[offset] = 0xFF  # never in UTF-8
    data.write_bytes(bytes(whole))
    index[key] = (counts, offset, length, zlib.crc32(whole[offset : offset + length]))
    records = b"".join(pieces._RECORD.pack(k, *c, o, n, x) for k, (c, o, n, x) in index.items())
    head = pieces._MAGIC + token + records
    kept.write_bytes(head + pieces._CHECK.pack(zlib.crc32(head)))
    assert pieces._parse(kept.read_bytes())[1][key][3] == zlib.crc32(whole[offset : offset + length])
    assert _run(work, cache, "--format", "json") == cold


def test_origins_reads_through_a_chosen_among_the_groups():
    from array import array

    a, b = _findings("a.txt"), _findings("b.txt", related_to="a.txt")
    inner = Chosen([a, b], array("B", [1, 0, 1]), array("i", [1, 0, 0]))
    folded = [Diagnostic("c.txt", Span(0, 1), "placeholder", Severity.ERROR, "folded")]
    outer = Chosen([inner, folded], array("B", [0, 1, 0]), array("i", [2, 0, 1]))
    assert list(outer.origins()) == [(b, 0), (folded, 0), (a, 0)]
    assert [group[i] for group, i in outer.origins()] == list(outer)
    assert b.related() == {1: (Related("a.txt", Span(4, 9), "first written here"),)}
    assert a.related() == {}
