"""lint.files.read_regular reads a regular file's bytes, at most a limit, whatever size each read returns."""

from __future__ import annotations

import os

import pytest

from lint import files


@pytest.mark.parametrize("limit", [None, 1, 9, 10, 11, 1000])
def test_a_file_is_read_whole_or_up_to_the_limit(tmp_path, limit):
    path = tmp_path / "f.txt"
    path.write_bytes(b"0123456789")
    seen: list[os.stat_result] = []
    assert files.read_regular(path, limit, seen) == b"0123456789"[:limit]
    assert len(seen) == 2 and seen[0].st_size == 10


def test_short_reads_are_read_on_to_the_end_or_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "f.txt"
    path.write_bytes(b"abcdefghij" * 3)
    real = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: real(fd, min(n, 4)))  # a read gives at most 4 bytes
    assert files.read_regular(path, 100) == b"abcdefghij" * 3
    assert files.read_regular(path, 7) == b"abcdefg"
    assert files.read_regular(tmp_path / "f.txt", 31) == b"abcdefghij" * 3


def test_an_empty_file_is_read_as_no_bytes(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    assert files.read_regular(tmp_path / "e.txt", 5) == b""


def test_read_whole_reads_to_the_end_whatever_the_reads_give(tmp_path, monkeypatch):
    path = tmp_path / "entry"
    data = bytes(range(256)) * 300
    path.write_bytes(data)
    assert files.read_whole(path) == data
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: real(fd, min(n, 4)))  # short reads
    assert files.read_whole(path) == data
    sizes = iter([10])  # the file grew after its size was asked
    real_fstat = os.fstat
    monkeypatch.setattr(
        os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], next(sizes, 10), *real_fstat(fd)[7:]))
    )
    assert files.read_whole(path) == data
    (tmp_path / "empty").write_bytes(b"")
    assert files.read_whole(tmp_path / "empty") == b""
