"""The HTTP side of link checking (aiohttp): ask each URL once, politely and fast.

Scheduling: URLs are queued per host (scheme + host + port) and each host gets at
most ``per-host`` workers, so one slow host never holds the global slots
(``concurrency``) that other hosts could use. One connector with keep-alive serves
them all, so a host costs about ``per-host`` connections however many URLs it has.

Each URL is asked with HEAD, or with GET when HEAD is refused (405, 501) or fails
(some servers answer HEAD wrongly), or when its fragments must be looked for; GET
reads only as much of the body as fragment checking needs, up to a cap. Redirects
are followed by hand so that every hop is checked against the safety policy (the
resolver refuses private addresses; literal addresses in URLs are checked here),
loops and too-long chains are caught, and a permanent move is told apart from a
temporary one. 429 and 503 honour Retry-After (capped) and pause the whole host;
other transient failures are retried with exponential backoff; a refused connection,
a DNS failure or a TLS error is not retried. No cookies are kept, credentials are
never sent (not even from ~/.netrc), and HTTP_PROXY / HTTPS_PROXY / NO_PROXY and
SSL_CERT_FILE / SSL_CERT_DIR are honoured.
"""

from __future__ import annotations

import asyncio
import random
import ssl
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import aiohttp
from yarl import URL

from lint.links.fragments import AnchorScanner, is_html
from lint.links.network import describe_failure as _describe
from lint.links.network import parse_retry_after, proxies_from_env, proxy_for, ssl_context
from lint.links.resolver import SafeResolver
from lint.links.results import TRANSIENT_STATUSES, Probe
from lint.links.safety import AddressPolicy, parse_address
from lint.links.settings import Settings

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
RETRY_ERRORS = frozenset({"timeout", "reset", "closed", "other"})
SMALL_BODY = 64 * 1024  # a GET without fragment checking reads this much, so small pages keep the connection


@dataclass(frozen=True, slots=True)
class Request:
    """One URL to ask (no fragment), with the fragments wanted from its page (if any)."""

    url: str
    host_key: tuple[str, str, int]
    fragments: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Host:
    queue: deque[Request] = field(default_factory=deque)
    next_start: float = 0.0  # for the per-host interval
    not_before: float = 0.0  # set by Retry-After
    head_ok: bool = True  # False once the host refused a HEAD


@dataclass(slots=True)
class _Answer:
    status: int | None = None
    reason: str = ""
    error: str | None = None
    detail: str = ""
    final_url: str | None = None
    moved_to: str | None = None
    hops: int = 0
    anchors: frozenset[str] | None = None
    partial: bool = False
    retry_after: float | None = None


class Client:
    """Asks URLs; use as ``async with Client(settings) as client: await client.run(requests)``."""

    def __init__(
        self,
        settings: Settings,
        *,
        hosts: Mapping[str, str] | None = None,
        on_result: Callable[[Probe], None] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self._settings = settings
        self._hosts_override = dict(hosts or {})
        self._on_result = on_result
        self._warn = warn or (lambda message: None)
        self._proxies = proxies_from_env()
        proxy_hosts = []
        for key, value in self._proxies.items():
            if key != "no":
                try:
                    proxy_hosts.append(URL(value).host or "")
                except ValueError:
                    continue
        self._policy = AddressPolicy(settings.allow_private, settings.allow_hosts, settings.allow_networks).with_hosts(
            proxy_hosts
        )
        self._hosts: dict[tuple[str, str, int], _Host] = {}
        self._session: aiohttp.ClientSession | None = None
        self._global: asyncio.Semaphore | None = None
        self._ssl: ssl.SSLContext | None = None  # made at the first https request

    def _tls(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = ssl_context(self._warn)
        return self._ssl

    async def __aenter__(self) -> Client:
        s = self._settings
        connector = aiohttp.TCPConnector(
            limit=s.concurrency,
            limit_per_host=s.per_host,
            ttl_dns_cache=300,
            resolver=SafeResolver(self._policy, self._hosts_override),
            keepalive_timeout=30,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,
            timeout=aiohttp.ClientTimeout(total=s.timeout),
            raise_for_status=False,
            headers={"User-Agent": s.user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
        )
        self._global = asyncio.Semaphore(s.concurrency)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _host(self, key: tuple[str, str, int]) -> _Host:
        state = self._hosts.get(key)
        if state is None:
            state = self._hosts[key] = _Host()
        return state

    async def run(self, requests: Sequence[Request]) -> dict[str, Probe]:
        """Ask every request's URL once; returns a probe per URL."""
        results: dict[str, Probe] = {}
        for request in requests:
            self._host(request.host_key).queue.append(request)
        workers = []
        for state in list(self._hosts.values()):
            for _ in range(min(self._settings.per_host, len(state.queue))):
                workers.append(asyncio.ensure_future(self._worker(state, results)))
        try:
            await asyncio.gather(*workers)
        finally:
            for worker in workers:
                worker.cancel()
        return results

    async def _worker(self, state: _Host, results: dict[str, Probe]) -> None:
        while state.queue:
            request = state.queue.popleft()
            probe = await self.probe(request)
            results[request.url] = probe
            if self._on_result is not None:
                self._on_result(probe)

    async def probe(self, request: Request) -> Probe:
        """Ask one URL, with fallbacks and retries; never raises for network trouble."""
        s = self._settings
        origin = self._host(request.host_key)
        method = "GET" if request.fragments or not origin.head_ok else "HEAD"
        attempts = 0
        retries = 0
        while True:
            attempts += 1
            started = time.monotonic()
            answer = await self._chain(URL(request.url), method, request.fragments)
            elapsed = time.monotonic() - started
            if method == "HEAD" and (
                answer.error in ("closed", "reset", "other")
                or (answer.status is not None and answer.status >= 400 and answer.status not in (429, 503))
            ):
                if answer.status in (405, 501):
                    origin.head_ok = False
                method = "GET"  # HEAD refused or unreliable: ask the real way before judging
                continue
            retry = (
                answer.error in RETRY_ERRORS
                if answer.error
                else answer.status in TRANSIENT_STATUSES or (answer.status or 0) >= 500
            )
            if not retry or retries >= s.retries:
                break
            retries += 1
            if answer.retry_after is None:  # with Retry-After, the host's pause (see _hop) is the wait
                await asyncio.sleep(s.retry_backoff * (2 ** (retries - 1)) * random.uniform(0.9, 1.1))
        detail = answer.detail
        if answer.error is None and answer.status is not None and retries and retry:
            detail = f"after {attempts} attempts"
        return Probe(
            url=request.url,
            status=answer.status,
            reason=answer.reason,
            error=answer.error,
            detail=detail,
            final_url=answer.final_url,
            moved_to=answer.moved_to,
            hops=answer.hops,
            anchors=None if answer.partial else answer.anchors,
            attempts=attempts,
            checked_at=time.time(),
            partial_anchors=answer.anchors if answer.partial else None,
            elapsed=elapsed,
        )

    async def _turn(self, state: _Host) -> None:
        """Wait for the host's Retry-After pause and its request interval."""
        while True:
            now = time.monotonic()
            wait = state.not_before - now
            if self._settings.interval:
                wait = max(wait, state.next_start - now)
            if wait <= 0:
                break
            await asyncio.sleep(wait)
        if self._settings.interval:
            state.next_start = time.monotonic() + self._settings.interval

    async def _chain(self, url: URL, method: str, fragments: frozenset[str]) -> _Answer:
        """Ask ``url`` and follow its redirects by hand."""
        s = self._settings
        seen = {url}
        hops = 0
        moved_to: URL | None = None
        permanent_run = True
        while True:
            refusal = self._refusal(url)
            if refusal is not None:
                return _Answer(error=refusal[0], detail=refusal[1], hops=hops, final_url=str(url))
            answer = await self._hop(method, url, fragments)
            if answer.error is not None or answer.status not in REDIRECTS:
                answer.hops = hops
                answer.final_url = str(url)
                answer.moved_to = str(moved_to) if moved_to is not None else None
                return answer
            location = answer.detail
            if not location:
                return _Answer(
                    status=answer.status,
                    reason=answer.reason,
                    error="location",
                    hops=hops,
                    detail=f"{answer.status} redirect without a Location header",
                    final_url=str(url),
                )
            try:
                target = url.join(URL(location)).with_fragment(None)
                if target.user is not None or target.password is not None:
                    target = target.with_user(None)
            except (ValueError, TypeError):
                return _Answer(
                    error="location", detail=f"redirect to an invalid URL {location!r}", hops=hops, final_url=str(url)
                )
            hops += 1
            if permanent_run and answer.status in PERMANENT:
                moved_to = target
            else:
                permanent_run = False
            if target.scheme not in ("http", "https"):
                return _Answer(
                    error="scheme",
                    detail=f"redirects to {target.scheme or 'a relative'}: URL {location}",
                    hops=hops,
                    final_url=str(url),
                )
            if target in seen:
                return _Answer(
                    error="loop",
                    detail=f"redirect loop after {hops} hop{'s' if hops != 1 else ''}",
                    hops=hops,
                    final_url=str(url),
                )
            if hops > s.max_redirects:
                return _Answer(
                    error="redirects",
                    detail=f"too many redirects (more than {s.max_redirects})",
                    hops=hops,
                    final_url=str(url),
                )
            seen.add(target)
            url = target

    def _refusal(self, url: URL) -> tuple[str, str] | None:
        """Refuse a URL by scheme or by a literal address the policy forbids."""
        if url.scheme not in ("http", "https"):
            return "scheme", f"{url.scheme}: URLs are not checked"
        if self._policy.allow_private:
            return None
        host = url.host or ""
        address = parse_address(host)
        if address is not None:
            kind = self._policy.refusal(host, address)
            if kind is not None:
                return "private", (
                    f"not requested: {address} is a {kind} address "
                    f"(use --allow-private or link-check.allow to permit it)"
                )
        return None

    async def _hop(self, method: str, url: URL, fragments: frozenset[str]) -> _Answer:
        """One request, no redirects followed; a redirect's Location comes back in ``detail``."""
        assert self._session is not None and self._global is not None
        s = self._settings
        state = self._host((url.scheme, url.host or "", url.port or 0))
        if self._settings.interval or state.not_before > time.monotonic():
            await self._turn(state)
        try:
            async with (
                self._global,
                self._session.request(
                    method,
                    url,
                    allow_redirects=False,
                    proxy=proxy_for(url, self._proxies),
                    ssl=self._tls() if url.scheme == "https" else True,
                ) as response,
            ):
                status = response.status
                answer = _Answer(status=status, reason=response.reason or "")
                if status in REDIRECTS:
                    answer.detail = response.headers.get("Location", "")
                elif status in (429, 503):
                    answer.retry_after = parse_retry_after(response.headers.get("Retry-After"))
                    if answer.retry_after is not None:  # pause the whole host, as the server asks
                        pause = min(answer.retry_after, s.retry_after_max)
                        state.not_before = max(state.not_before, time.monotonic() + pause)
                if method == "GET" and 200 <= status < 300:
                    await self._read_body(response, answer, fragments)
                return answer
        except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as exc:
            error, detail = _describe(exc, url, s.timeout)
            return _Answer(error=error, detail=detail)

    async def _read_body(self, response: aiohttp.ClientResponse, answer: _Answer, fragments: frozenset[str]) -> None:
        """Read what fragment checking needs (or a little, so small pages keep the connection)."""
        cap = self._settings.max_body_size
        scanner = None
        if fragments and is_html(response.headers.get("Content-Type")):
            scanner = AnchorScanner(fragments, response.charset)
        else:
            cap = SMALL_BODY
        total = 0
        try:
            async for chunk in response.content.iter_chunked(65536):
                total += len(chunk)
                if scanner is not None:
                    scanner.feed(chunk)
                    if scanner.done:
                        answer.anchors, answer.partial = frozenset(scanner.anchors), True
                        return
                if total >= cap:
                    if scanner is not None:
                        answer.anchors, answer.partial = frozenset(scanner.anchors), True
                    return
        except (TimeoutError, aiohttp.ClientError):
            if scanner is not None:
                answer.anchors, answer.partial = frozenset(scanner.anchors), True
            return
        if scanner is not None:
            answer.anchors, answer.partial = scanner.close(), False
