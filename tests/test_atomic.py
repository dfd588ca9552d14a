"""Atomic writes: the whole new file or the old one, the usual mode, no temporary file left."""

from __future__ import annotations

import os
import stat

import pytest

from lint.atomic import write_atomic


def test_replaces_the_file_with_the_mode_open_would_give(tmp_path):
    target = tmp_path / "baseline.json"
    target.write_bytes(b"old")
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    plain = tmp_path / "plain"
    plain.write_bytes(b"")  # made by open(): 0o666 less the umask
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)
    assert sorted(os.listdir(tmp_path)) == ["baseline.json", "plain"]


def test_an_explicit_mode_is_kept(tmp_path):
    target = tmp_path / "words.bin"
    write_atomic(target, b"x", prefix="words", mode=0o640)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the rename fails
    (target / "inside").write_bytes(b"kept")
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert (target / "inside").read_bytes() == b"kept"
    assert os.listdir(tmp_path) == ["taken"]
