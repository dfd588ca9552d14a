"""Text files that also take UTF-8 bytes (lint.utf8out), and the JSON report's kept pieces written through them."""

from __future__ import annotations

import io
import shutil

from lint import pieces
from lint.recording import Sink as _Sink
from lint.recording import Tee as _Tee
from lint.utf8out import Utf8File, bytes_writer, open_utf8

from .conftest import run_with_result_cache, write_corpus


def test_bytes_go_where_the_next_text_would(tmp_path):
    path = tmp_path / "out.json"
    with open_utf8(str(path)) as handle:
        handle.write("{é\n")
        put = bytes_writer(handle)
        assert put is not None
        put("“kept”\n".encode())
        put(memoryview(b"[1]"))
        handle.write(" ü}\n")
    with open(tmp_path / "plain.json", "w", encoding="utf-8", newline="\n") as plain:
        plain.write("{é\n“kept”\n[1] ü}\n")
    assert path.read_bytes() == (tmp_path / "plain.json").read_bytes()
    assert bytes_writer(io.StringIO()) is None  # a stream that takes text only is given text


def test_a_recorded_stream_records_the_bytes_too(tmp_path):
    real = Utf8File(io.BytesIO(), encoding="utf-8", newline="\n")
    sink = _Sink(tmp_path / "replay")
    tee = _Tee(real, sink, 2)
    tee.write("a\n")
    put = bytes_writer(tee)
    assert put is not None
    put("é".encode())
    tee.write("z")
    real.flush()
    assert real.buffer.getvalue() == "a\néz".encode()
    assert sink.writes == [(2, 5)]
    sink.close(tmp_path / "recorded")
    assert (tmp_path / "recorded").read_bytes() == "a\néz".encode()
    assert bytes_writer(_Tee(io.StringIO(), sink, 2)) is None


def test_kept_pieces_are_written_as_their_bytes(tmp_path, monkeypatch):
    """A JSON report written to a file copies each piece the last run kept as its bytes: never decoded
    (Store.get), and the file and its recording the same as a run without the cache writes."""
    (tmp_path / "work").mkdir()
    work, cache = write_corpus(tmp_path / "work", 6, seed=3), tmp_path / "cache"
    fresh = tmp_path / "fresh.json"
    args = ("check", str(work), "--fail-on", "never", "--format", "json")
    assert run_with_result_cache(None, *args, "--output", str(fresh)).code == 0
    assert run_with_result_cache(cache, *args, "--output", str(tmp_path / "cold.json")).code == 0

    def decoded(*_: object) -> None:
        raise AssertionError("a kept piece decoded")

    monkeypatch.setattr(pieces.Store, "get", decoded)
    for recorded in cache.glob("v*/*/replay"):
        shutil.rmtree(recorded)
    warm, also = tmp_path / "warm.json", tmp_path / "also.json"
    assert run_with_result_cache(cache, *args, "--output", str(warm), "--also-write", f"json={also}").code == 0
    assert warm.read_bytes() == fresh.read_bytes() == also.read_bytes()
    warm.unlink()
    also.unlink()
    assert run_with_result_cache(cache, *args, "--output", str(warm), "--also-write", f"json={also}").code == 0
    assert warm.read_bytes() == fresh.read_bytes() == also.read_bytes()  # played from the recording
