"""The link cache: a second run within the TTL sends no request; the TTL expires;
transient failures are not cached; a corrupt file is rebuilt with a warning; two
runs writing at once do not corrupt it."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lint.links import LinkResults, check_all
from lint.links.cache import Cache, default_path
from lint.links.results import Probe
from lint.links.settings import Settings
from tests.links_support import Server, _no_proxy_from_outside, server

__all__ = ["_no_proxy_from_outside", "server"]


def run(targets: list[str], cache_path: Path, **settings: object) -> tuple[LinkResults, str]:
    err = io.StringIO()
    options = {
        "allow_private": True,
        "timeout": 2.0,
        "retries": 0,
        "progress": False,
        "cache_path": cache_path,
        **settings,
    }
    return check_all(targets, Settings(**options), stderr=err), err.getvalue()  # type: ignore[arg-type]


def test_second_run_sends_no_request(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    targets = [server.url("/ok/cache-1"), server.url("/moved-301"), server.url("/status/404")]
    first, _ = run(targets, cache)
    server.seen.clear()
    second, err = run(targets, cache)
    assert server.seen.total() == 0
    assert "3 cached" in err
    for target in targets:
        assert second[target].cached
        assert (second[target].state, second[target].cause) == (first[target].state, first[target].cause)


def test_transient_failures_are_not_cached(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    targets = [server.url("/status/500"), server.url("/status/503"), server.url("/slow?s=1"), server.url("/status/410")]
    run(targets, cache, timeout=0.3)
    server.seen.clear()
    results, _ = run(targets, cache, timeout=0.3)
    assert server.seen.count("/status/500") >= 1
    assert server.seen.count("/status/503") >= 1
    assert server.seen.count("/slow") >= 1
    assert server.seen.count("/status/410") == 0  # a permanent failure is cached
    assert results[server.url("/status/410")].cached


def test_ttl(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    run([server.url("/ok/ttl")], cache)
    server.seen.clear()
    run([server.url("/ok/ttl")], cache, cache_ttl=0.0)
    assert server.seen.count("/ok/ttl") == 1  # expired: asked again

    opened = Cache.open(tmp_path / "unit.sqlite3", ttl=100.0)
    assert opened is not None
    opened.put_many([Probe("http://a.example/", status=200, reason="OK", checked_at=1000.0)])
    assert "http://a.example/" in opened.get_many(["http://a.example/"], now=1050.0)
    assert opened.get_many(["http://a.example/"], now=1101.0) == {}
    opened.close()


def test_no_cache_bypasses_it(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    run([server.url("/ok/no-cache")], cache, cache=False)
    run([server.url("/ok/no-cache")], cache, cache=False)
    assert not cache.exists()
    assert server.seen.count("/ok/no-cache") == 2


def test_cached_result_without_anchors_is_asked_again_for_fragments(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    run([server.url("/ok/anchors")], cache)
    server.seen.clear()
    results, _ = run([server.url("/ok/anchors#nope")], cache, check_fragments=True)
    assert results[server.url("/ok/anchors#nope")].fragment == "nope"
    assert server.seen.count("/ok/anchors", "GET") == 1
    server.seen.clear()
    again, _ = run([server.url("/ok/anchors#intro"), server.url("/ok/anchors#nope")], cache, check_fragments=True)
    assert server.seen.total() == 0  # the anchors are cached now
    assert again[server.url("/ok/anchors#intro")].fragment is None
    assert again[server.url("/ok/anchors#nope")].fragment == "nope"


def test_corrupt_cache_is_rebuilt_with_a_warning(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    cache.write_bytes(b"this is not a database, it is a text file that was copied over the cache\n" * 50)
    results, err = run([server.url("/ok/corrupt")], cache)
    assert results[server.url("/ok/corrupt")].state == "ok"
    assert "warning: link cache" in err and "corrupt" in err and "rebuilt" in err
    server.seen.clear()
    again, err = run([server.url("/ok/corrupt")], cache)
    assert "warning" not in err
    assert again[server.url("/ok/corrupt")].cached
    assert server.seen.total() == 0


def test_corrupt_cache_is_set_aside_once_and_kept_for_a_bug_report(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    garbage = b"not a database\n" * 200
    cache.write_bytes(garbage)
    _, err = run([server.url("/ok/aside")], cache)
    assert err.count("warning:") == 1 and "set aside as links.sqlite3.corrupt and rebuilt it empty" in err
    assert (tmp_path / "links.sqlite3.corrupt").read_bytes() == garbage


def test_a_run_opens_the_cache_file_once_for_cache_and_history(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history kept in the link cache goes through the cache's connection."""
    import sqlite3

    from lint.links import history

    cache = tmp_path / "links.sqlite3"
    opened: list[str] = []
    connect = sqlite3.connect

    def counting(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        opened.append(str(database))
        return connect(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", counting)
    results, err = run([server.url("/status/404")], cache)
    assert results[server.url("/status/404")].state == "broken" and "warning" not in err
    assert opened == [str(cache)]
    store = history.History.open(cache, portable=False)
    assert store is not None
    assert store.records()[server.url("/status/404")].failing_runs == 1  # the history was written
    store.close()


def test_unusable_cache_folder_runs_without_cache(server: Server, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    results, err = run([server.url("/ok/no-folder")], blocker / "sub" / "links.sqlite3")
    assert results[server.url("/ok/no-folder")].state == "ok"
    assert "running without cache" in err


WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from lint.links.cache import Cache
    from lint.links.results import Probe
    cache = Cache.open(Path(sys.argv[1]), ttl=3600, warn=lambda m: print("WARN", m))
    name = sys.argv[2]
    for batch in range(20):
        cache.put_many([Probe(f"http://{name}.example/{batch}/{i}", status=200, reason="OK", checked_at=time.time())
                        for i in range(100)])
        cache.get_many([f"http://{name}.example/{batch}/{i}" for i in range(0, 100, 7)])
    cache.close()
""")


def test_two_runs_writing_at_once(tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(cache), name], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name in ("one", "two")
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "WARN" not in out and "warning" not in err
    opened = Cache.open(cache, ttl=3600)
    assert opened is not None
    urls = [f"http://{name}.example/{b}/{i}" for name in ("one", "two") for b in range(20) for i in range(100)]
    assert len(opened.get_many(urls)) == 4000
    opened.close()


def test_default_location_is_the_user_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RESPONSE_LINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = default_path()
    assert path is not None and path.name == "links.sqlite3"
    if sys.platform.startswith("linux"):
        assert path == tmp_path / "response-lint" / "links.sqlite3"
    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert default_path() == tmp_path / "elsewhere" / "links.sqlite3"
    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", "")
    assert default_path() is None
    assert Cache.open(None, ttl=60) is None


def test_cache_keeps_only_facts(server: Server, tmp_path: Path) -> None:
    """Changing accept takes effect at once: the cache stores the status, not the verdict."""
    cache = tmp_path / "links.sqlite3"
    first, _ = run([server.url("/status/403")], cache)
    assert first[server.url("/status/403")].state == "broken"
    second, _ = run([server.url("/status/403")], cache, accept=frozenset({403}))
    assert second[server.url("/status/403")].state == "ok"
    assert second[server.url("/status/403")].cached
