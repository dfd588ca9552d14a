"""The spelling word file's checksum is computed when a run first meets the file, not by every run:
an unchanged file (size, times, inode) is trusted; a changed one is checked again, and set aside
when damaged."""

from __future__ import annotations

import os

import pytest

from lint import checkedfile
from lint.checks import lexicon


@pytest.fixture
def word_file(tmp_path, monkeypatch):
    monkeypatch.setattr(checkedfile, "RACY_NS", 0)  # the file is checked as though it were written long ago
    path = tmp_path / "words-en-v3-test.words"
    path.write_bytes(lexicon._encode({"plan": 120, "tide": 7, "zero": 0, **{f"word{i}": i for i in range(200)}}))
    return path


def _checksums(monkeypatch) -> list[int]:
    computed: list[int] = []
    real = lexicon.crc32

    def counting(data, *args):
        if len(data) > 1000:  # the whole file's, not a word's
            computed.append(len(data))
        return real(data, *args)

    monkeypatch.setattr(lexicon, "crc32", counting)
    return computed


def test_an_unchanged_word_file_is_checked_once(word_file, monkeypatch):
    computed = _checksums(monkeypatch)
    first = lexicon._open_cached(word_file)
    assert isinstance(first, lexicon.BucketLexicon) and len(computed) == 1
    assert os.path.exists(f"{word_file}.checked")
    second = lexicon._open_cached(word_file)
    assert isinstance(second, lexicon.BucketLexicon) and len(computed) == 1  # trusted: not read whole again
    assert second.lookup(["plan", "tides"]) == {"plan": 120}


def test_a_word_file_changed_after_its_check_is_checked_again_and_refused_when_damaged(word_file, monkeypatch):
    assert lexicon._open_cached(word_file) is not None
    data = bytearray(word_file.read_bytes())
    data[-10:-6] = b"9999"  # same size, a damaged entry
    stat = word_file.stat()
    word_file.write_bytes(bytes(data))
    os.utime(word_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with its old modification time
    computed = _checksums(monkeypatch)
    assert lexicon._open_cached(word_file) is None  # its ctime changed: checked, and the checksum differs
    assert len(computed) == 1


def test_a_word_file_just_written_is_not_marked(word_file, monkeypatch):
    monkeypatch.setattr(checkedfile, "RACY_NS", 10**12)  # a file changed within the last 1,000 s
    assert lexicon._open_cached(word_file) is not None
    assert not os.path.exists(f"{word_file}.checked")


def test_a_mark_from_another_file_is_not_trusted(word_file, tmp_path, monkeypatch):
    assert lexicon._open_cached(word_file) is not None
    other = tmp_path / "other.words"
    other.write_bytes(word_file.read_bytes()[:-1] + b"\x00")  # the same size, a wrong checksum
    os.replace(f"{word_file}.checked", f"{other}.checked")
    assert lexicon._open_cached(other) is None
