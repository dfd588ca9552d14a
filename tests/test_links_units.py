"""The pure parts of link checking: targets, settings, Retry-After, anchors, verdicts,
known moves, the progress bar and the counts line."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from lint.checks.moved_link import known_move
from lint.config import ConfigError
from lint.links.fragments import AnchorScanner, is_html
from lint.links.progress import Bar, wanted
from lint.links.results import Counts, LinkResult, LinkResults, Probe
from lint.links.settings import Settings, merge
from lint.links.urls import checkable_fragment, parse_target
from lint.links.verdict import judge
from lint.options import Option

DURATION = Option("d", "duration", 0, "")
STATUSES = Option("s", "list[status]", [], "")


@pytest.mark.parametrize(
    ("raw", "url", "fragment"),
    [
        ("https://Example.ORG/a/b?x=1#Sec", "https://example.org/a/b?x=1", "Sec"),
        ("HTTP://example.org", "http://example.org/", None),
        ("www.example.org/page", "http://www.example.org/page", None),
        ("https://user:pass@example.org:8443/p", "https://example.org:8443/p", None),
        ("http://[2001:db8::1]:8080/x#caf%C3%A9", "http://[2001:db8::1]:8080/x", "café"),
    ],
)
def test_parse_target(raw: str, url: str, fragment: str | None) -> None:
    target = parse_target(raw)
    assert target is not None
    assert (target.url, target.fragment) == (url, fragment)


@pytest.mark.parametrize(
    "raw",
    [
        "mailto:a@example.org",
        "/relative",
        "page.html",
        "ftp://x.example/",
        "http://",
        "https://exa mple.org/",
        "http://host:99999/",
        "http://a..b/",
    ],
)
def test_not_requested(raw: str) -> None:
    assert parse_target(raw) is None


def test_host_key_is_scheme_host_port() -> None:
    keys = {
        parse_target(u).host_key
        for u in ("http://a.example/", "http://a.example:80/x", "https://a.example/", "http://b.example/")
    }  # type: ignore[union-attr]
    assert keys == {("http", "a.example", 80), ("https", "a.example", 443), ("http", "b.example", 80)}


def test_checkable_fragments() -> None:
    assert checkable_fragment("intro")
    for fragment in (None, "", "top", ":~:text=hello", "/route/1", "!bang"):
        assert not checkable_fragment(fragment)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (90, 90.0),
        ("90", 90.0),
        ("30m", 1800.0),
        ("12h", 43200.0),
        ("1d", 86400.0),
        ("2w", 1209600.0),
        ("0", 0.0),
        (1.5, 1.5),
    ],
)
def test_durations(value: object, seconds: float) -> None:
    assert DURATION.problem(value) is None and DURATION.value(value) == seconds


@pytest.mark.parametrize("value", ["forever", "-1", -5, True, "1y", float("nan"), float("inf")])
def test_bad_durations(value: object) -> None:
    assert DURATION.problem(value) == (
        f"must be a number of seconds or a duration such as '30m', '12h' or '1d', got {value!r}"
    )


def test_statuses() -> None:
    assert STATUSES.value([403, "200-202", "999", "204..=205"]) == {403, 200, 201, 202, 204, 205, 999}
    for bad in (["2xx"], [99], ["300-200"], "403", [True]):
        assert STATUSES.problem(bad) is not None


def test_merge_flags_over_config(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = merge(
        {"timeout": 5, "exclude": ["a"], "cache-path": "c.sqlite3"},
        {"timeout": 1.5, "exclude": ["b"]},
        root=tmp_path,
        source="cfg",
    )
    assert settings.timeout == 1.5
    assert [p.pattern for p in settings.exclude] == ["a", "b"]
    assert settings.cache_path == tmp_path / "c.sqlite3"
    # a path given on the command line is relative to the current folder, not to the config's
    assert merge({}, {"history": "h.sqlite3"}, root=tmp_path, source="cfg").history_path == Path.cwd() / "h.sqlite3"
    assert [p.pattern for p in merge({}, {"exclude": ["b"]}, root=tmp_path, source="cfg").exclude] == ["b"]
    assert [p.pattern for p in merge({"exclude": ["a"]}, {}, root=tmp_path, source="cfg").exclude] == ["a"]
    with pytest.raises(ConfigError, match="command line"):
        merge({}, {"cache-ttl": "soon"}, root=tmp_path, source="cfg")
    with pytest.raises(ConfigError, match="cfg: link-check"):
        merge({"retries": -1}, {}, root=tmp_path, source="cfg")


def test_retry_after() -> None:
    from lint.links.client import parse_retry_after

    assert parse_retry_after("7") == 7.0
    when = format_datetime(datetime.fromtimestamp(1_000_030, tz=UTC), usegmt=True)
    assert parse_retry_after(when, now=1_000_000) == pytest.approx(30.0)
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_anchor_scanner_stops_when_all_found() -> None:
    scanner = AnchorScanner({"b"}, "utf-8")
    scanner.feed(b'<div id="a"></div><a name="b">')
    assert scanner.done
    rest = AnchorScanner(set(), "latin-1")
    rest.feed('<p id="caf\xe9">'.encode("latin-1"))
    assert rest.close() == frozenset({"café"})
    assert is_html("text/html; charset=utf-8") and is_html("application/xhtml+xml")
    assert not is_html("application/pdf") and not is_html(None)


def _target(raw: str):  # type: ignore[no-untyped-def]
    target = parse_target(raw)
    assert target is not None
    return target


def test_verdicts() -> None:
    settings = Settings(check_fragments=True)
    url = "http://old.example/a"
    moved = judge(
        _target(url + "#s"),
        Probe(
            url,
            200,
            "OK",
            final_url="https://new.example/a",
            moved_to="https://new.example/a",
            hops=1,
            anchors=frozenset({"t"}),
        ),
        settings,
    )
    assert (moved.state, moved.replacement, moved.fragment) == ("moved", "https://new.example/a#s", "s")
    gone = judge(_target(url), Probe(url, 410, ""), settings)
    assert (gone.state, gone.cause, gone.code) == ("broken", "410 Gone", "410")
    after = judge(
        _target(url),
        Probe(url, 404, "Not Found", final_url="http://old.example/b", moved_to="http://old.example/b", hops=1),
        settings,
    )
    assert after.cause == "404 Not Found at http://old.example/b, after 1 redirect"
    accepted = judge(_target(url), Probe(url, 999, "Request denied"), Settings(accept=frozenset({999})))
    assert accepted.state == "ok"
    partial = judge(_target(url + "#zz"), Probe(url, 200, "OK", partial_anchors=frozenset({"a"})), settings)
    assert partial.fragment is None  # a page read only in part cannot deny a fragment


def test_probe_cacheability() -> None:
    assert Probe("u", 200).cacheable and Probe("u", 404).cacheable and Probe("u", 301).cacheable
    assert Probe("u", error="dns").cacheable and Probe("u", error="loop").cacheable
    for probe in (
        Probe("u", 500),
        Probe("u", 503),
        Probe("u", 429),
        Probe("u", error="timeout"),
        Probe("u", error="refused"),
        Probe("u", error="private"),
        Probe("u", error="dns-temporary"),
    ):
        assert not probe.cacheable, probe


def test_known_moves() -> None:
    moves = {
        "http://old.example/page": "https://new.example/page",
        "http://old.example/docs/*": "https://new.example/documents/*",
        "http://gone.example/*": "https://archive.example/gone",
    }
    assert known_move("http://old.example/page", moves) == "https://new.example/page"
    assert known_move("http://old.example/docs/a/b.pdf", moves) == "https://new.example/documents/a/b.pdf"
    assert known_move("http://gone.example/x/y", moves) == "https://archive.example/gone"
    assert known_move("http://old.example/other", moves) is None


def test_results_are_immutable() -> None:
    results = LinkResults({"t": LinkResult("t", "u", "ok")})
    assert dict(results) == {"t": LinkResult("t", "u", "ok")}
    with pytest.raises(TypeError):
        results["x"] = LinkResult("x", "u", "ok")  # type: ignore[index]


def test_counts_line() -> None:
    line = Counts(ok=5, broken=2, moved=1, excluded=1, cached=3).line()
    assert line == "links: 9 distinct targets: 5 ok, 2 broken, 1 moved, 1 excluded, 3 cached"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert wanted(None, _Terminal()) and not wanted(None, io.StringIO())
    assert wanted(True, io.StringIO()) and not wanted(False, _Terminal())
    monkeypatch.setenv("CI", "true")
    assert not wanted(None, _Terminal())
    stream = _Terminal()
    with Bar(3, stream, True) as bar:
        for failed in (False, True, False):
            bar.advance(failed)
    shown = stream.getvalue()
    assert "checking links" in shown and "3/3" in shown and "1 failed" in shown
    quiet = io.StringIO()
    with Bar(3, quiet, False) as bar:
        bar.advance(True)
    assert quiet.getvalue() == ""
