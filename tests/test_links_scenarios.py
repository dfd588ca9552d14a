"""Online link checking against a real loopback server: every scenario of the issue
(200, permanent and temporary redirects, a chain of 302s, 4xx, 5xx, 429 with
Retry-After, a timeout, a redirect loop, HEAD refused, a connection closed without an
answer, a refused port) and fragments, with the outcome of each asserted."""

from __future__ import annotations

import asyncio
import io

import pytest

from lint.links import LinkResults, check_all
from lint.links.client import Client, Request
from lint.links.settings import Settings
from lint.links.urls import parse_target
from tests.links_support import Closer, Server, _no_proxy_from_outside, closer, refused_port, server

__all__ = ["_no_proxy_from_outside", "closer", "server"]

FAST = {"allow_private": True, "cache": False, "timeout": 2.0, "retries": 1, "retry_backoff": 0.01, "progress": False}


def run(targets: list[str], **settings: object) -> tuple[LinkResults, str]:
    err = io.StringIO()
    results = check_all(targets, Settings(**{**FAST, **settings}), stderr=err)  # type: ignore[arg-type]
    return results, err.getvalue()


# path -> (state, words the cause must contain)
SCENARIOS = {
    "/ok": ("ok", "200 OK"),
    "/moved-301": ("moved", "moved permanently to http://127.0.0.1:{port}/ok"),
    "/moved-308": ("moved", "moved permanently to http://127.0.0.1:{port}/ok"),
    "/moved-then-302": ("moved", "moved permanently to http://127.0.0.1:{port}/chain-3"),
    "/moved-to-gone": ("broken", "410 Gone"),
    "/chain-1": ("ok", "200 OK"),
    "/temporary-307": ("ok", "200 OK"),
    "/status/404": ("broken", "404 Not Found"),
    "/status/410": ("broken", "410 Gone"),
    "/status/403": ("broken", "403 Forbidden"),
    "/status/500": ("unreliable", "500 Internal Server Error (after 3 attempts)"),
    "/status/503": ("unreliable", "503 Service Unavailable"),
    "/rate-limited/scenarios": ("ok", "200 OK"),
    "/flaky/scenarios": ("ok", "200 OK"),
    "/slow": ("unreliable", "timed out after 0.5 s"),
    "/loop-a": ("broken", "redirect loop after 2 hops"),
    "/many/0": ("broken", "too many redirects (more than 10)"),
    "/head-refused": ("ok", "200 OK"),
    "/to-ftp": ("broken", "redirects to ftp: URL"),
}


@pytest.fixture(scope="module")
def outcomes(server: Server) -> tuple[LinkResults, str]:
    closing = Closer()
    try:
        targets = [server.url(path) for path in SCENARIOS]
        targets += [f"http://127.0.0.1:{closing.port}/anything", f"http://127.0.0.1:{refused_port()}/page"]
        return run(targets, timeout=0.5)
    finally:
        closing.close()


@pytest.mark.parametrize("path", list(SCENARIOS))
def test_scenario(outcomes: tuple[LinkResults, str], server: Server, path: str) -> None:
    results, _ = outcomes
    state, cause = SCENARIOS[path]
    result = results[server.url(path)]
    assert result.state == state, result
    assert cause.format(port=server.port) in result.cause


def test_moved_link_gives_the_replacement(outcomes: tuple[LinkResults, str], server: Server) -> None:
    results, _ = outcomes
    assert results[server.url("/moved-301")].replacement == server.url("/ok")
    assert results[server.url("/moved-then-302")].replacement == server.url("/chain-3")
    assert results[server.url("/chain-1")].replacement is None


def test_connection_closed_and_refused(outcomes: tuple[LinkResults, str]) -> None:
    results, _ = outcomes
    by_cause = {r.url.rsplit("/", 1)[1]: r for r in results.values()}
    assert by_cause["anything"].state == "unreliable"  # may pass: see the history tests
    assert by_cause["anything"].cause == "connection closed without a response"
    assert by_cause["page"].state == "unreliable"
    assert by_cause["page"].cause == "connection refused"


def test_counts_line(outcomes: tuple[LinkResults, str]) -> None:
    results, err = outcomes
    states = [r.state for r in results.values()]
    assert (
        f"links: {len(results)} distinct targets: {states.count('ok')} ok, {states.count('broken')} broken, "
        f"{states.count('unreliable')} unreliable, {states.count('moved')} moved, 0 excluded, 0 cached"
    ) in err
    assert "\x1b[" not in err  # no progress bar when not on a terminal


def test_retry_after_is_honoured(outcomes: tuple[LinkResults, str], server: Server) -> None:
    times = server.seen.times("/rate-limited/scenarios")
    assert len(times) == 2
    assert times[1] - times[0] >= 0.9  # Retry-After: 1


def test_head_first_then_get_when_refused(outcomes: tuple[LinkResults, str], server: Server) -> None:
    assert server.seen.count("/ok", "HEAD") >= 1
    assert server.seen.count("/ok", "GET") == 0  # HEAD was enough
    assert server.seen.count("/head-refused", "HEAD") == 1
    assert server.seen.count("/head-refused", "GET") == 1


def test_user_agent_names_the_tool(outcomes: tuple[LinkResults, str], server: Server) -> None:
    from lint import __version__

    assert server.seen.headers["/ok"]["User-Agent"].startswith(f"response-lint/{__version__}")


def _attempts(url: str, monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[str | None, str, int]:
    async def ask() -> tuple[str | None, str, int]:
        async with Client(Settings(**{**FAST, "retries": 3})) as client:  # type: ignore[arg-type]
            target = parse_target(url)
            assert target is not None
            probe = await client.probe(Request(target.url, target.host_key))
            return probe.error, probe.detail, probe.attempts

    return asyncio.run(ask())


def test_refused_connection_is_not_retried() -> None:
    assert _attempts(f"http://127.0.0.1:{refused_port()}/x") == ("refused", "connection refused", 1)


def test_dns_failure_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from aiohttp.resolver import ThreadedResolver

    calls = []

    async def no_such_host(self: object, host: str, port: int = 0, family: int = 0) -> list[object]:
        calls.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(ThreadedResolver, "resolve", no_such_host)
    assert _attempts("http://no-such-host.test/page") == ("dns", "DNS lookup failed: no such host no-such-host.test", 1)
    assert calls == ["no-such-host.test"]


def test_fragments(server: Server) -> None:
    targets = {
        "/ok#intro": None,
        "/ok#legacy-anchor": None,
        "/ok#caf%C3%A9": None,
        "/ok#missing": "missing",
        "/plain#intro": None,  # not HTML: fragments are not checked
        "/moved-301#nowhere": "nowhere",  # checked on the page the redirect ends at
        "/ok#top": None,  # '#top' always works in browsers
    }
    results, _ = run([server.url(t) for t in targets], check_fragments=True)
    for target, missing in targets.items():
        result = results[server.url(target)]
        assert result.fragment == missing, (target, result)
    assert results[server.url("/moved-301#nowhere")].replacement == server.url("/ok#nowhere")
    assert server.seen.count("/ok", "GET") >= 1  # fragments need the page's HTML


def test_fragments_not_checked_without_the_option(server: Server) -> None:
    results, _ = run([server.url("/ok#missing")])
    assert results[server.url("/ok#missing")].fragment is None
    assert results[server.url("/ok#missing")].state == "ok"


def test_body_size_cap(server: Server) -> None:
    # the page is ~3 MB and the anchor is at its end: past a 64 KiB cap nothing is reported
    capped, _ = run([server.url("/big#end"), server.url("/big#absent")], check_fragments=True, max_body_size=64 * 1024)
    assert capped[server.url("/big#end")].fragment is None
    assert capped[server.url("/big#absent")].fragment is None
    full, _ = run(
        [server.url("/big#end"), server.url("/big#absent")], check_fragments=True, max_body_size=8 * 1024 * 1024
    )
    assert full[server.url("/big#end")].fragment is None
    assert full[server.url("/big#absent")].fragment == "absent"


def test_each_distinct_url_is_requested_once(server: Server) -> None:
    server.seen.clear()
    targets = [
        server.url("/ok/once"),
        server.url("/ok/once"),
        server.url("/ok/once") + "#a",
        server.url("/ok/once") + "#b",
        "mailto:someone@example.org",
        "/relative/page",
        "ftp://x.example/",
    ]
    results, _ = run(targets)
    assert server.seen.count("/ok/once") == 1
    assert set(results) == {server.url("/ok/once"), server.url("/ok/once") + "#a", server.url("/ok/once") + "#b"}


def test_accept_and_exclude(server: Server) -> None:
    import re

    results, err = run(
        [server.url("/status/403"), server.url("/status/404"), server.url("/ok/skip-me")],
        accept=frozenset({403}),
        exclude=(re.compile(r"skip-me"),),
    )
    assert results[server.url("/status/403")].state == "ok"
    assert results[server.url("/status/404")].state == "broken"
    assert results[server.url("/ok/skip-me")].state == "excluded"
    assert server.seen.count("/ok/skip-me") == 0
    assert "1 excluded" in err


def test_no_cookies_and_no_credentials(server: Server, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".netrc").write_text("machine 127.0.0.1 login user password netrc-secret\n", encoding="utf-8")
    (tmp_path / ".netrc").chmod(0o600)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NETRC", str(tmp_path / ".netrc"))
    port = server.port
    results, _ = run(
        [
            f"http://127.0.0.1:{port}/set-cookie",
            f"http://someone:secret@127.0.0.1:{port}/ok/creds",
            f"http://127.0.0.1:{port}/ok/after-cookie",
        ],
        per_host=1,
    )
    assert all(r.state == "ok" for r in results.values())
    for path in ("/ok/creds", "/ok/after-cookie"):
        headers = server.seen.headers[path]
        assert "Authorization" not in headers
        assert "Cookie" not in headers


def test_per_host_interval(server: Server) -> None:
    server.seen.clear()
    run([server.url(f"/ok/interval-{i}") for i in range(3)], interval=0.4)
    times = sorted(t for m, p, t in server.seen.requests if p.startswith("/ok/interval-"))
    assert len(times) == 3
    # the server notes each request when its thread gets to it: on a loaded machine that lags the
    # client's send by tens of milliseconds, either way; without the interval the gaps are ~0
    assert times[1] - times[0] >= 0.25 and times[2] - times[1] >= 0.25


def test_connections_are_reused(server: Server) -> None:
    """300 URLs on 3 hosts with 4 per host open no more than 2 x 3 x 4 connections."""
    server.seen.clear()
    hosts = {f"h{i}.test": "127.0.0.1" for i in range(3)}
    targets = [server.url(f"/ok/reuse-{n}", host=f"h{n % 3}.test") for n in range(300)]
    err = io.StringIO()
    results = check_all(targets, Settings(**{**FAST, "per_host": 4}), stderr=err, hosts=hosts)  # type: ignore[arg-type]
    assert sum(r.state == "ok" for r in results.values()) == 300
    assert server.seen.total() == 300
    assert len(server.seen.peers) <= 2 * 3 * 4


def test_closed_connection_is_retried(closer: Closer) -> None:
    results, _ = run([f"http://127.0.0.1:{closer.port}/x"], retries=2)
    assert results[f"http://127.0.0.1:{closer.port}/x"].cause == "connection closed without a response"
    assert closer.connections >= 3  # HEAD, GET, then retries


def test_works_from_inside_a_running_event_loop(server: Server) -> None:
    """An editor server calls the app from async code: the online phase still runs."""

    async def caller() -> LinkResults:
        return check_all([server.url("/ok/in-loop")], Settings(**FAST), stderr=io.StringIO())  # type: ignore[arg-type]

    assert asyncio.run(caller())[server.url("/ok/in-loop")].state == "ok"


def test_retry_after_is_capped(server: Server) -> None:
    """503 with Retry-After: 3600 waits only retry-after-max (here 0.2 s), then asks again."""
    url = server.url("/retry-after-long/capped")
    results, _ = run([url], retry_after_max=0.2)
    assert results[url].state == "ok"
    assert server.seen.count("/retry-after-long/capped") == 2
