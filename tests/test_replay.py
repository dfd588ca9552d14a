"""A warm re-run with nothing changed writes the recorded output again (lint.replay), byte for byte
what a run without any cache writes, and never when something the output depends on changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.corpus import generate
from lint import pipeline, replay, statindex
from lint.formats import FORMATS

from .conftest import run_cli


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """Six generated files (copies across entries and files, so corpus rules find something) and one
    with a suppression."""
    folder = tmp_path_factory.mktemp("source")
    for item in generate(6, seed=7, formats=("source-2012", "publication-2015", "markdown"), scale=0.4):
        (folder / item.name).write_bytes(item.data)
    (folder / "zz-b.md").write_text(
        "# Action 99: Open data\n\n## Office of Tides\n\n<!-- response-lint: disable=year-copy -->\n"
        "### Progress during 2014\n\nWe published the tide tables. TBC\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def work(source, tmp_path, monkeypatch):
    """A copy of the files to lint, run from its folder, with a result cache of its own."""
    folder = tmp_path / "work"
    shutil.copytree(source, folder)
    monkeypatch.setenv("RESPONSE_LINT_RESULT_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(folder)
    return folder


def _cold(*args):
    return run_cli("check", ".", "--no-cache", *args)


class _Checks:
    """Counts the runs that checked files (that did not replay)."""

    def __init__(self, monkeypatch):
        self.count = 0
        real = pipeline.check_files

        def counted(*args, **kwargs):
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(pipeline, "check_files", counted)


def _same_thrice(checks, *args, files=()):
    """The cold run's output, then a run that records it and one that replays it: all the same.
    ``files`` are outputs the run writes (compared byte for byte too)."""
    cold = _cold(*args)
    written = {name: Path(name).read_bytes() for name in files}
    for name in files:
        os.unlink(name)
    before = checks.count
    first = run_cli("check", ".", *args)
    assert checks.count == before + 1
    assert (first.code, first.out, first.err) == (cold.code, cold.out, cold.err)
    assert {name: Path(name).read_bytes() for name in files} == written
    for name in files:
        os.unlink(name)
    second = run_cli("check", ".", *args)
    assert checks.count == before + 1, "the second run should have replayed the first"
    assert (second.code, second.out, second.err) == (cold.code, cold.out, cold.err)
    assert {name: Path(name).read_bytes() for name in files} == written
    return cold


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_replays_byte_for_byte(work, monkeypatch, fmt):
    checks = _Checks(monkeypatch)
    cold = _same_thrice(checks, "--format", fmt)
    assert cold.code == 1 and cold.out
    _same_thrice(checks, "--format", fmt, "--output", "report.out", files=["report.out"])


def test_output_also_write_and_stderr_notes_replay(work, monkeypatch):
    checks = _Checks(monkeypatch)
    args = ("--format", "text", "--output", "r.txt", "--also-write", "json=r.json", "--also-write", "sarif=r.sarif")
    _same_thrice(checks, *args, files=["r.txt", "r.json", "r.sarif"])
    # the same command on standard output is another recording, and so is each other output option
    for variant in (
        ("--format", "text"),
        ("--format", "text", "--statistics"),
        ("--format", "json", "--statistics"),
        ("--format", "text", "--quiet"),
        ("--format", "text", "--min-severity", "error"),
        ("--format", "text", "--no-show-source"),
        ("--format", "text", "--color"),
        ("--format", "text", "--fail-on", "never"),
        ("--format", "concise", "--summary"),
        ("--format", "json", "--select", "placeholder"),
        ("--format", "json", "--ignore", "readability"),
    ):
        _same_thrice(checks, *variant)


def test_baseline_is_part_of_the_key(work, monkeypatch):
    checks = _Checks(monkeypatch)
    assert _cold("--write-baseline", "../base.json", "--select", "placeholder").code == 0
    cold = _same_thrice(checks, "--format", "json", "--baseline", "../base.json")
    assert "baseline" in cold.err  # the note on stderr is replayed too
    assert _cold("--write-baseline", "../base.json").code == 0  # another baseline: every finding in it
    cold = _cold("--format", "json", "--baseline", "../base.json")
    before = checks.count
    warm = run_cli("check", ".", "--format", "json", "--baseline", "../base.json")
    assert checks.count == before + 1
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)


def test_a_change_to_a_file_the_config_or_the_file_list_is_never_replayed(work, monkeypatch):
    checks = _Checks(monkeypatch)
    _same_thrice(checks, "--format", "json")
    changes = [
        lambda: (work / "zz-b.md").write_text(
            (work / "zz-b.md").read_text(encoding="utf-8").replace("disable=year-copy", "disable=placeholder"),
            encoding="utf-8",
        ),  # a suppression changed: same size, maybe the same mtime
        lambda: (work / ".response-lint.toml").write_text(
            '[rules.readability]\nseverity = "error"\n', encoding="utf-8"
        ),
        lambda: (work / "zz-c.md").write_text("# Action 5: Y\n\n## Board of Weirs\n\nTBC\n", encoding="utf-8"),
        lambda: sorted(work.glob("0*"))[0].unlink(),
    ]
    for change in changes:  # each gives files, contents and config never seen before
        change()
        cold = _cold("--format", "json")
        before = checks.count
        warm = run_cli("check", ".", "--format", "json")
        assert checks.count == before + 1
        assert (warm.code, warm.out) == (cold.code, cold.out)


def test_a_same_size_edit_keeping_the_mtime_is_seen(work, monkeypatch):
    """The stat index trusts a file whose stat is unchanged; an edit that keeps the size and puts
    the modification time back still changes the ctime, so the file is read and hashed again."""
    monkeypatch.setattr(statindex, "SETTLED_NS", 0)  # every file counts as settled: the index is used
    checks = _Checks(monkeypatch)
    _same_thrice(checks, "--format", "json")
    target = work / "zz-b.md"
    info = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("TBC", "XYZ"), encoding="utf-8")
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert target.stat().st_size == info.st_size and target.stat().st_mtime_ns == info.st_mtime_ns
    cold = _cold("--format", "json")
    warm = run_cli("check", ".", "--format", "json")
    assert (warm.code, warm.out) == (cold.code, cold.out)


def test_a_file_edited_while_checked_is_recorded_under_what_was_read(work, monkeypatch):
    """The recording is keyed by the hashes of the bytes the checks read, not of those hashed
    before: an edit between the two must not leave the new output under the old contents."""
    target = work / "zz-b.md"
    original = target.read_bytes()
    edited = original.replace(b"disable=year-copy", b"disable=placeholder")
    real = pipeline.check_files

    def edit_first(*args, **kwargs):
        target.write_bytes(edited)  # after the replay's look-up hashed the original
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "check_files", edit_first)
    assert run_cli("check", ".", "--format", "json").out == _cold("--format", "json").out  # of the edited file
    monkeypatch.setattr(pipeline, "check_files", real)
    target.write_bytes(original)
    warm = run_cli("check", ".", "--format", "json")
    cold = _cold("--format", "json")
    assert (warm.code, warm.out) == (cold.code, cold.out)
    assert "disable=placeholder" not in cold.out


def _recordings(cache):
    return sorted(p for p in cache.glob("v*/*/replay/*") if not p.name.endswith(".tmp"))


def test_a_damaged_recording_is_never_replayed(work, monkeypatch):
    cache = work.parent / "cache"
    checks = _Checks(monkeypatch)
    cold_json = _same_thrice(checks, "--format", "json")
    cold_text = _same_thrice(checks, "--format", "text")
    data = [p for p in _recordings(cache) if p.name.endswith(".d")]
    assert len(data) == 2
    damages = [
        lambda: data[0].write_bytes(data[0].read_bytes()[:-10]),  # cut short
        lambda: data[0].write_bytes(b"X" + data[0].read_bytes()[1:]),  # a byte changed
        lambda: data[0].write_bytes(data[1].read_bytes()),  # another recording's bytes
        lambda: data[0].with_suffix("").write_bytes(b"not marshal"),  # the header
    ]
    for damage in damages:
        run_cli("check", ".", "--format", "json")
        run_cli("check", ".", "--format", "text")  # both recorded again
        damage()
        before = checks.count
        warm = run_cli("check", ".", "--format", "json")
        assert (warm.code, warm.out, warm.err) == (cold_json.code, cold_json.out, cold_json.err)
        warm = run_cli("check", ".", "--format", "text")
        assert (warm.code, warm.out, warm.err) == (cold_text.code, cold_text.out, cold_text.err)
        assert checks.count == before + 1  # the damaged recording was not replayed, the other was


def test_runs_that_depend_on_more_than_the_key_are_never_replayed(work, monkeypatch):
    checks = _Checks(monkeypatch)
    _same_thrice(checks, "--format", "json")
    for args in (("--timings",), ("--diff",), ("--changed-since", "HEAD")):
        before = checks.count
        run_cli("check", ".", "--format", "json", *args)
        assert checks.count == before + 1, args
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(work.parent / "summary.md"))
    before = checks.count
    run_cli("check", ".", "--format", "json")
    assert checks.count == before + 1


def test_only_the_newest_recordings_are_kept(work, monkeypatch):
    cache = work.parent / "cache"
    for fmt in sorted(FORMATS):
        run_cli("check", ".", "--format", fmt)
    assert len([p for p in _recordings(cache) if p.name.endswith(".d")]) == replay._KEPT
    assert len(_recordings(cache)) == 2 * replay._KEPT


def test_the_stat_index_trusts_only_settled_unchanged_files(tmp_path, monkeypatch):
    hashed = []
    real = statindex.digest
    monkeypatch.setattr(statindex, "digest", lambda data: hashed.append(data) or real(data))
    index_file = tmp_path / "stat.marshal"
    settled = tmp_path / "settled.txt"
    fresh = tmp_path / "fresh.txt"
    settled.write_bytes(b"old words")
    fresh.write_bytes(b"new words")
    monkeypatch.setattr(statindex.time, "time_ns", lambda: settled.stat().st_ctime_ns + statindex.SETTLED_NS)
    os.utime(fresh, ns=(0, settled.stat().st_ctime_ns + 1))  # changed less than SETTLED_NS before the read

    def run():
        index = statindex.StatIndex(index_file)
        found = [index.digest(str(settled), 100), index.digest(str(fresh), 100)]
        index.save()
        return found

    assert run() == [real(b"old words"), real(b"new words")] and len(hashed) == 2
    assert run() == [real(b"old words"), real(b"new words")]
    assert hashed == [b"old words", b"new words", b"new words"]  # the settled file was not read again
    assert statindex.StatIndex(index_file).digest(str(settled), 5) == real(b"old w")  # another limit: read
    index_file.write_bytes(index_file.read_bytes()[:-3] + b"xyz")  # damaged: as if empty
    assert run() == [real(b"old words"), real(b"new words")]
    assert hashed[-2:] == [b"old words", b"new words"]
    assert statindex.StatIndex(index_file).digest(str(tmp_path / "missing.txt"), 100) is None
    assert statindex.StatIndex(index_file).digest(str(tmp_path), 100) is None  # a folder: not a regular file


def test_folders_of_earlier_cache_formats_are_removed_and_nothing_else(work, tmp_path, monkeypatch):
    from lint.resultcache import FORMAT

    cache = work.parent / "cache"
    run_cli("check", ".", "--select", "placeholder")
    old = cache / "v1" / ("ab" * 16) / "cd"
    old.mkdir(parents=True)
    (old / ("ef" * 16)).write_bytes(b"an entry of format 1")
    (cache / "v1" / "stat.marshal").write_bytes(b"")
    mixed = cache / "v0" / ("ab" * 16)
    mixed.mkdir(parents=True)
    (cache / "v0" / "notes.txt").write_text("not the tool's", encoding="utf-8")  # kept, and its folder with it
    (cache / "vintage").mkdir()
    run_cli("check", ".", "--select", "spelling")  # a run that writes to the cache
    assert sorted(p.name for p in cache.iterdir()) == [".gitignore", "CACHEDIR.TAG", "v0", f"v{FORMAT}", "vintage"]
    assert (cache / "v0" / "notes.txt").exists()
    foreign = tmp_path / "foreign"
    (foreign / "v1").mkdir(parents=True)
    (foreign / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# another tool\n")
    monkeypatch.setenv("RESPONSE_LINT_RESULT_CACHE", str(foreign))
    run_cli("check", ".", "--select", "spelling")
    assert (foreign / "v1").exists()  # not this tool's cache folder: nothing removed


def test_the_stat_index_reads_and_hashes_only_what_it_does_not_know(tmp_path, monkeypatch):
    """:meth:`StatIndex.read` (the result cache's look-up) gives the bytes read with the hash the
    index holds for a settled file whose stat is unchanged, and hashes anything else."""
    hashed = []
    real = statindex.digest
    monkeypatch.setattr(statindex, "digest", lambda data: hashed.append(data) or real(data))
    index_file = tmp_path / "stat.marshal"
    settled = tmp_path / "settled.txt"
    settled.write_bytes(b"old words")
    monkeypatch.setattr(statindex.time, "time_ns", lambda: settled.stat().st_ctime_ns + statindex.SETTLED_NS)

    def run(limit=100):
        index = statindex.StatIndex(index_file)
        found = index.read(str(settled), limit)
        index.save()
        return found

    assert run() == (b"old words", real(b"old words")) and hashed == [b"old words"]
    assert run() == (b"old words", real(b"old words")) and hashed == [b"old words"]  # known: not hashed
    assert run(5) == (b"old w", real(b"old w")) and len(hashed) == 2  # another limit: hashed
    info = settled.stat()
    settled.write_bytes(b"new words")  # the same size and modification time, a later ctime
    os.utime(settled, ns=(info.st_atime_ns, info.st_mtime_ns))
    monkeypatch.setattr(statindex.time, "time_ns", lambda: settled.stat().st_ctime_ns + statindex.SETTLED_NS)
    assert run() == (b"new words", real(b"new words")) and hashed[-1] == b"new words"
    with pytest.raises(OSError):
        statindex.StatIndex(index_file).read(str(tmp_path / "missing.txt"), 100)
    with pytest.raises(OSError):
        statindex.StatIndex(index_file).read(str(tmp_path), 100)  # a folder: not a regular file


def test_a_recording_points_at_the_kept_report_pieces_and_misses_when_they_change(work, monkeypatch):
    """A JSON report written to a file is recorded with each piece as where it lies in the pieces'
    data file (lint.recording), not as a copy; a place that no longer holds its bytes, or whose file
    is gone, makes the recording a miss: the run checks again and writes the same report."""
    cache = work.parent / "cache"
    checks = _Checks(monkeypatch)
    args = ("--format", "json", "--output", "r.json")
    _same_thrice(checks, *args, files=["r.json"])
    expected = Path("r.json").read_bytes()
    (recorded,) = [p for p in _recordings(cache) if p.name.endswith(".d")]
    assert recorded.stat().st_size < len(expected) // 10

    def changed(data: Path) -> None:
        whole = data.read_bytes()
        first = whole.index(b'"path"')
        data.write_bytes(whole[:first] + b'"PATH"' + whole[first + 6 :])

    for damage in (changed, Path.unlink):
        run_cli("check", ".", *args)  # replayed, or recorded again (the pieces made again when damaged)
        (data,) = cache.glob("v*/*/pieces/json.*.d")
        damage(data)
        before = checks.count
        warm = run_cli("check", ".", *args)
        assert checks.count == before + 1  # not replayed
        assert Path("r.json").read_bytes() == expected and warm.code == 1
        again = run_cli("check", ".", *args)
        assert checks.count == before + 1 and again.code == 1  # recorded again, and replayed
        assert Path("r.json").read_bytes() == expected
