"""A corpus rule's state keeps its Mapped parts in files of their own: written once, read back a slice at a
time, never trusted when missing or cut short (no data: the rule makes them again) or damaged (a block read
whose CRC does not hold: the rule works its findings out without its state), and pruned when no state names
them; and a warm run of entry-copy through the cache equals a run without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import generate
from lint import keptfiles
from lint.checks.api import Mapped
from lint.resultcache import ResultCache


def test_a_mapped_part_is_written_once_and_read_back_a_slice_at_a_time(tmp_path):
    folder = str(tmp_path / "parts")
    state = ("options", Mapped(b"x" * 4096), [1, 2])
    blob, names = keptfiles.dumps(state, folder)
    assert len(blob) < 200 and len(names) == 1  # the bytes are not in the state's pickle
    (name,) = names
    file = Path(folder) / (name + keptfiles.SUFFIX)
    written = file.stat().st_mtime_ns
    back = keptfiles.loads(blob, folder)
    assert isinstance(back[1].data, keptfiles.Part) and bytes(back[1].data) == b"x" * 4096
    assert back[1].data[10:20] == b"x" * 10 and len(back[1].data) == 4096
    assert back[1].name == name and back[0] == "options" and back[2] == [1, 2]
    again, _ = keptfiles.dumps(back, folder)  # kept as it was: only its name written
    assert again == blob and file.stat().st_mtime_ns == written


def test_a_part_missing_or_cut_short_comes_back_without_data_and_is_written_again(tmp_path):
    folder = str(tmp_path / "parts")
    blob, (name,) = keptfiles.dumps((Mapped(b"y" * 1000),), folder)
    file = Path(folder) / (name + keptfiles.SUFFIX)
    file.write_bytes(b"y" * 999)
    (back,) = keptfiles.loads(blob, folder)
    assert back.data is None
    keptfiles.dumps((Mapped(b"y" * 1000),), folder)
    assert file.read_bytes() == b"y" * 1000
    file.unlink()
    assert keptfiles.loads(blob, folder)[0].data is None


def test_a_damaged_block_is_never_read_and_its_part_is_written_again(tmp_path):
    """A part damaged in place (same size, as a bad disk leaves it: its stat says nothing) reads its
    sound blocks; a slice reaching the damaged one raises DamagedPart and the file goes, so the next
    state writes it again. Each run checks the blocks it reads: none is trusted from an earlier run."""
    folder = str(tmp_path / "parts")
    whole = bytes(range(256)) * (2 * keptfiles.BLOCK // 256) + b"z" * 100  # three blocks
    blob, (name,) = keptfiles.dumps((Mapped(whole),), folder)
    file = Path(folder) / (name + keptfiles.SUFFIX)
    (sound,) = keptfiles.loads(blob, folder)
    assert sound.data[keptfiles.BLOCK + 5 : keptfiles.BLOCK + 9] == whole[keptfiles.BLOCK + 5 : keptfiles.BLOCK + 9]
    damaged = bytearray(whole)
    damaged[keptfiles.BLOCK + 7] ^= 0x10
    file.write_bytes(bytes(damaged))
    (back,) = keptfiles.loads(blob, folder)
    assert back.data[:10] == whole[:10] and back.data[-10:] == whole[-10:]  # blocks 0 and 2
    with pytest.raises(keptfiles.DamagedPart):
        back.data[keptfiles.BLOCK - 2 : keptfiles.BLOCK + 2]  # reaches block 1
    assert not file.exists()
    with pytest.raises(keptfiles.DamagedPart):
        bytes(back.data)
    keptfiles.dumps((Mapped(whole),), folder)
    assert file.read_bytes() == whole and bytes(keptfiles.loads(blob, folder)[0].data) == whole


def test_parts_no_state_names_are_pruned(tmp_path):
    cache = ResultCache(tmp_path / "cache", "0" * 32)
    cache.put_again("rule", [], (Mapped(b"first"),))
    cache.put_again("rule", [], (Mapped(b"second"),))
    parts = [p for p in (tmp_path / "cache").rglob("*" + keptfiles.SUFFIX)]
    assert [p.read_bytes() for p in parts] == [b"second"]
    kept = cache.again("rule")
    assert kept is not None and bytes(kept[1][0].data) == b"second"


def _run(folder: Path, cache: Path, *more: str) -> bytes:
    env = {**os.environ, "RESPONSE_LINT_RESULT_CACHE": str(cache)}
    command = [sys.executable, "-m", "lint", "check", ".", "--format", "json", "--fail-on", "never", *more]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, check=True).stdout


def test_warm_runs_after_edits_equal_runs_without_the_cache(tmp_path):
    """entry-copy's state with its holder index kept by the cache: after a word changed, a part of the
    index gone, and a paragraph copied in, each warm run's report equals one without the cache."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for item in generate(8, seed=4, formats=("publication-2015", "markdown")):
        (folder / item.name).write_bytes(item.data)
    cache = tmp_path / "cache"
    assert json.loads(_run(folder, cache))  # fills the cache
    assert list(cache.rglob("*" + keptfiles.SUFFIX))
    target = sorted(folder.iterdir())[3]
    lines = target.read_bytes().split(b"\n")
    longest = max(range(len(lines)), key=lambda k: len(lines[k]))
    edits = [
        lines[longest].replace(b" the ", b" a ", 1),
        None,  # the index's file removed
        lines[longest] + b" " + max(sorted(folder.iterdir())[1].read_bytes().split(b"\n"), key=len),
    ]
    for edit in edits:
        if edit is None:
            for part in cache.rglob("*" + keptfiles.SUFFIX):
                part.unlink()
            lines[longest] = lines[longest].replace(b" a ", b" the ", 1)
        else:
            lines[longest] = edit
        target.write_bytes(b"\n".join(lines))
        assert _run(folder, cache) == _run(folder, cache, "--no-cache")


def test_a_state_names_its_parts_only_for_the_folder_it_is_read_with(tmp_path):
    """A part is pickled as its name, size and CRCs (lint.keptfiles._part): read back by keptfiles.loads, a Part
    of its file; unpickled by anything else (no folder), an error, never a part of some other folder. A Mapped
    with no data pickles as itself, its bytes to be made again."""
    import pickle

    folder = str(tmp_path / "parts")
    blob, names = keptfiles.dumps({"held": Mapped(b"z" * 5000), "lost": Mapped(None, "gone")}, folder)
    back = keptfiles.loads(blob, folder)
    assert bytes(back["held"].data) == b"z" * 5000 and back["held"].name in names and len(names) == 1
    assert back["lost"].data is None
    with pytest.raises(pickle.UnpicklingError):
        pickle.loads(blob)
    with pytest.raises(AttributeError):
        keptfiles.loads(blob.replace(b"_part", b"_pxrt"), folder)  # (a name it does not know: never a part)
