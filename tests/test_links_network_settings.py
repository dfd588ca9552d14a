"""The machine's network settings are honoured: HTTP_PROXY / HTTPS_PROXY / NO_PROXY
(a loopback proxy counts what reaches it) and SSL_CERT_FILE (a loopback HTTPS server
whose certificate only a test CA trusts)."""

from __future__ import annotations

import io
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from yarl import URL

from lint.links import LinkResults, check_all
from lint.links.client import proxy_for
from lint.links.settings import Settings
from tests.links_support import Proxy, Server, _no_proxy_from_outside, proxy, server

__all__ = ["_no_proxy_from_outside", "proxy", "server"]


def run(targets: list[str], hosts: dict[str, str] | None = None, **settings: object) -> LinkResults:
    options = {"cache": False, "timeout": 2.0, "retries": 0, "progress": False, "allow_private": True, **settings}
    return check_all(targets, Settings(**options), stderr=io.StringIO(), hosts=hosts)  # type: ignore[arg-type]


def test_http_proxy_is_used(server: Server, proxy: Proxy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    server.seen.clear()
    target = f"http://site.test:{server.port}/ok/via-proxy"
    results = run([target], hosts={"site.test": "127.0.0.1"})
    assert results[target].state == "ok"
    assert proxy.requests == [f"HEAD {target}"]
    assert server.seen.total() == 0


def test_proxy_on_a_private_address_is_allowed_without_allow_private(
    proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proxy is the user's own setting: its address is not a link's."""
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy.port}")
    results = run(["http://public.example/page"], allow_private=False)
    assert results["http://public.example/page"].state == "ok"
    assert proxy.requests == ["HEAD http://public.example/page"]


def test_no_proxy_bypasses_it(server: Server, proxy: Proxy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    monkeypatch.setenv("NO_PROXY", "site.test,.internal.test")
    server.seen.clear()
    target = f"http://site.test:{server.port}/ok/direct"
    results = run([target], hosts={"site.test": "127.0.0.1"})
    assert results[target].state == "ok"
    assert proxy.requests == []
    assert server.seen.count("/ok/direct") == 1


def test_proxy_choice() -> None:
    proxies = {"http": "http://proxy.corp:3128", "https": "http://secure-proxy.corp:3128", "no": "intranet.corp"}
    assert proxy_for(URL("http://example.org/a"), proxies) == "http://proxy.corp:3128"
    assert proxy_for(URL("https://example.org/a"), proxies) == "http://secure-proxy.corp:3128"
    assert proxy_for(URL("https://intranet.corp/a"), proxies) is None
    assert proxy_for(URL("https://example.org/a"), {"http": "http://proxy.corp:3128"}) is None


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "tls.test")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    ca_file = tmp_path_factory.mktemp("ca") / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    instance = Server(ssl_context=context)
    yield instance, ca_file
    instance.close()


def test_tls_failure_is_a_broken_link(tls: tuple[Server, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    server_, _ = tls
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    url = server_.url("/ok/tls")
    result = run([url], retries=2)[url]
    assert result.state == "broken"
    assert result.cause.startswith("TLS certificate error")
    assert result.code == "tls"
    assert server_.seen.count("/ok/tls") == 0


def test_ssl_cert_file_is_honoured(tls: tuple[Server, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    server_, ca_file = tls
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    url = server_.url("/ok/tls-trusted")
    assert run([url])[url].state == "ok"
    named = server_.url("/moved-301", host="tls.test")
    result = run([named], hosts={"tls.test": "127.0.0.1"})[named]
    assert result.state == "moved"
    assert result.replacement == server_.url("/ok", host="tls.test")


LOOSE_LOOPBACK = ["0x7f000001", "2130706433", "127.1", "0177.0.0.1", "0", "localhost", "a.localhost", "[::ffff:7f00:1]"]


@pytest.mark.parametrize("host", LOOSE_LOOPBACK)
def test_loopback_in_any_spelling_is_refused_before_the_proxy(
    host: str, proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proxy resolves what it is sent: hosts that browsers and inet_aton read as loopback are refused first."""
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    target = f"http://{host}:8/admin"
    results = run([target], allow_private=False)
    assert results[target].state == "broken"
    assert results[target].code == "private" and "not requested" in results[target].cause
    assert proxy.requests == []
