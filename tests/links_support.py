"""Loopback servers for the link-checking tests: a real aiohttp server on 127.0.0.1
serving every scenario the link checker must judge, a server that closes connections
without answering, a port that refuses, and a tiny forward proxy. Each runs in a
thread with its own event loop, so the code under test runs as in real use.
Everything here listens on 127.0.0.1 only: no test reaches the internet.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

PAGE = """<!doctype html>
<html><head><title>Survey results</title></head>
<body><h2 id="intro">Introduction</h2><p>Text.</p><a name="legacy-anchor"></a>
<h2 id="caf\u00e9">Caf\u00e9 data</h2></body></html>
"""


@dataclass
class Seen:
    """What a server saw: requests by (method, path), their headers, and connections."""

    requests: list[tuple[str, str, float]] = field(default_factory=list)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    peers: set[tuple[str, int]] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, path: str, method: str | None = None) -> int:
        with self.lock:
            return sum(1 for m, p, _ in self.requests if p == path and (method is None or m == method))

    def times(self, path: str) -> list[float]:
        with self.lock:
            return [t for _, p, t in self.requests if p == path]

    def total(self) -> int:
        with self.lock:
            return len(self.requests)

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()
            self.headers.clear()
            self.peers.clear()


class _Loop:
    """An event loop running in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=30)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


def _app(seen: Seen, port_of: Callable[[], int]) -> web.Application:
    counters: Counter[str] = Counter()

    @web.middleware
    async def record(request: web.Request, handler: Any) -> web.StreamResponse:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        with seen.lock:
            seen.requests.append((request.method, request.path, time.monotonic()))
            seen.headers[request.path] = dict(request.headers)
            if peer:
                seen.peers.add((peer[0], peer[1]))
        return await handler(request)

    async def ok(request: web.Request) -> web.StreamResponse:
        return web.Response(text=PAGE, content_type="text/html")

    async def plain(request: web.Request) -> web.StreamResponse:
        return web.Response(text="not html #intro", content_type="text/plain")

    def redirect(status: int, location: Callable[[web.Request], str]) -> Any:
        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": location(request)})

        return handler

    async def status(request: web.Request) -> web.StreamResponse:
        return web.Response(status=int(request.match_info["code"]), text="status page")

    async def rate_limited(request: web.Request) -> web.StreamResponse:
        key = request.path
        counters[key] += 1
        if counters[key] == 1:
            return web.Response(status=429, headers={"Retry-After": "1"}, text="slow down")
        return web.Response(text=PAGE, content_type="text/html")

    async def rate_limited_long(request: web.Request) -> web.StreamResponse:
        counters[request.path] += 1
        if counters[request.path] == 1:
            return web.Response(status=503, headers={"Retry-After": "3600"}, text="maintenance")
        return web.Response(text=PAGE, content_type="text/html")

    async def flaky(request: web.Request) -> web.StreamResponse:
        key = request.path
        counters[key] += 1
        if counters[key] == 1:  # busy once, with no Retry-After: retried after a backoff
            return web.Response(status=503, text="busy")
        return web.Response(text=PAGE, content_type="text/html")

    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(float(request.query.get("s", "3")))
        return web.Response(text=PAGE, content_type="text/html")

    async def head_refused(request: web.Request) -> web.StreamResponse:
        if request.method == "HEAD":
            return web.Response(status=405, headers={"Allow": "GET"})
        return web.Response(text=PAGE, content_type="text/html")

    async def set_cookie(request: web.Request) -> web.StreamResponse:
        response = web.Response(text="cookie", content_type="text/html")
        response.set_cookie("session", "secret-value")
        return response

    async def many(request: web.Request) -> web.StreamResponse:
        n = int(request.match_info["n"])
        return web.Response(status=302, headers={"Location": f"/many/{n + 1}"})

    async def big(request: web.Request) -> web.StreamResponse:
        filler = "<p>" + "x" * 1000 + "</p>\n"
        return web.Response(
            text="<html><body>" + filler * 3000 + '<h2 id="end">End</h2></body></html>', content_type="text/html"
        )

    async def down(request: web.Request) -> web.StreamResponse:
        """503 (no Retry-After) for the first ``n`` requests of each key, then the page: an outage that passes."""
        counters[request.path] += 1
        if counters[request.path] <= int(request.match_info["n"]):
            return web.Response(status=503, text="down for maintenance")
        return web.Response(text=PAGE, content_type="text/html")

    app = web.Application(middlewares=[record])
    r = app.router
    r.add_get("/ok", ok)
    r.add_get("/ok/{name}", ok)
    r.add_get("/plain", plain)
    r.add_get("/big", big)
    r.add_get("/moved-301", redirect(301, lambda q: "/ok"))
    r.add_get("/moved-308", redirect(308, lambda q: "/ok"))
    r.add_get("/moved-then-302", redirect(301, lambda q: "/chain-3"))
    r.add_get("/moved-to-gone", redirect(301, lambda q: "/status/410"))
    r.add_get("/chain-1", redirect(302, lambda q: "/chain-2"))
    r.add_get("/chain-2", redirect(302, lambda q: "/chain-3"))
    r.add_get("/chain-3", redirect(302, lambda q: "/ok"))
    r.add_get("/temporary-307", redirect(307, lambda q: "/ok"))
    r.add_get("/loop-a", redirect(302, lambda q: "/loop-b"))
    r.add_get("/loop-b", redirect(302, lambda q: "/loop-a"))
    r.add_get("/many/{n}", many)
    r.add_get("/status/{code}", status)
    r.add_get("/rate-limited/{key}", rate_limited)
    r.add_get("/flaky/{key}", flaky)
    r.add_get("/retry-after-long/{key}", rate_limited_long)
    r.add_get("/slow", slow)
    r.add_get("/head-refused", head_refused, allow_head=False)
    r.add_route("HEAD", "/head-refused", head_refused)
    r.add_get("/set-cookie", set_cookie)
    r.add_get("/to-ftp", redirect(301, lambda q: "ftp://files.example/x"))
    r.add_get("/to-loopback", redirect(302, lambda q: f"http://127.0.0.1:{port_of()}/ok"))
    r.add_get("/to-metadata", redirect(302, lambda q: "http://169.254.169.254/latest/meta-data/"))
    r.add_get("/to-ipv6-loopback", redirect(302, lambda q: f"http://[::1]:{port_of()}/ok"))
    r.add_get("/to-evil", redirect(302, lambda q: f"http://evil.test:{port_of()}/ok"))
    r.add_get("/down/{n}/{key}", down)
    r.add_get("/to-login", redirect(302, lambda q: "/account/login?next=/to-login"))
    r.add_get("/account/login", ok)
    r.add_get("/paren-1", redirect(302, lambda q: "/paren-2"))
    r.add_get("/paren-2", redirect(301, lambda q: "/ok/report%20(2019)"))
    return app


class Server:
    """The scenario server; ``url(path)`` gives a loopback URL on it."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self.seen = Seen()
        self._loop = _Loop()
        self.port = 0
        self.scheme = "https" if ssl_context is not None else "http"
        self._runner: web.AppRunner | None = None

        async def start() -> None:
            self._runner = web.AppRunner(_app(self.seen, lambda: self.port), access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=ssl_context)
            await site.start()
            server = site._server
            assert server is not None
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

        self._loop.run(start())

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def close(self) -> None:
        if self._runner is not None:
            self._loop.run(self._runner.cleanup())
        self._loop.stop()


class _StreamServer:
    """A raw asyncio server on 127.0.0.1, on its own loop thread, calling ``handle`` per connection."""

    def _serve(self, handle: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]) -> None:
        self._loop = _Loop()

        async def start() -> asyncio.base_events.Server:
            return await asyncio.start_server(handle, "127.0.0.1", 0)

        self._server = self._loop.run(start())
        self.port = self._server.sockets[0].getsockname()[1]

    def close(self) -> None:
        async def stop() -> None:  # on the server's own loop: asyncio servers are not thread-safe
            self._server.close()

        self._loop.run(stop())
        self._loop.stop()


class Closer(_StreamServer):
    """Accepts connections, reads the request, and closes without answering."""

    def __init__(self) -> None:
        self.connections = 0

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            await reader.read(1024)
            writer.close()

        self._serve(handle)


class Proxy(_StreamServer):
    """A forward proxy for plain http that answers every request itself and counts them."""

    def __init__(self) -> None:
        self.requests: list[str] = []

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while True:
                    line = await reader.readline()
                    if not line:
                        break
                    while (await reader.readline()).strip():
                        pass  # headers
                    method, target, _ = line.decode("latin-1").split(" ", 2)
                    self.requests.append(f"{method} {target}")
                    body = b"<html><body>via proxy</body></html>"
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                        + str(len(body)).encode()
                        + b"\r\n\r\n"
                        + (body if method != "HEAD" else b"")
                    )
                    await writer.drain()
            finally:
                writer.close()

        self._serve(handle)


def refused_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    instance = Server()
    yield instance
    instance.close()


@pytest.fixture
def closer() -> Iterator[Closer]:
    instance = Closer()
    yield instance
    instance.close()


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    instance = Proxy()
    yield instance
    instance.close()


@pytest.fixture(autouse=True)
def _no_proxy_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests decide the proxy settings; the machine's own do not leak in."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
