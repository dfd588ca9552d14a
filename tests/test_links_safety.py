"""Safety: private, loopback, link-local and unspecified addresses are refused, on the
resolved address of every hop, unless --allow-private or the allow-list lifts it."""

from __future__ import annotations

import io
import ipaddress

import pytest

from lint.links import LinkResults, check_all
from lint.links.safety import AddressPolicy, address_kind
from lint.links.settings import Settings
from lint.options import Option
from tests.links_support import Server, _no_proxy_from_outside, server

ALLOW = Option("allow", "list[host]", [], "")

__all__ = ["_no_proxy_from_outside", "server"]

REFUSED = {
    "127.0.0.1": "loopback",
    "127.1.2.3": "loopback",
    "10.0.0.1": "private",
    "10.255.255.254": "private",
    "172.16.0.1": "private",
    "172.31.255.1": "private",
    "192.168.1.1": "private",
    "169.254.169.254": "link-local",
    "169.254.0.1": "link-local",
    "::1": "loopback",
    "fc00::1": "private",
    "fd12:3456::1": "private",
    "fe80::1": "link-local",
    "0.0.0.0": "unspecified",
    "::": "unspecified",
    "::ffff:127.0.0.1": "loopback",
    "::ffff:169.254.169.254": "link-local",
    "100.64.0.1": "reserved",
    "224.0.0.1": "multicast",
}


@pytest.mark.parametrize("address", list(REFUSED))
def test_non_public_addresses_are_refused(address: str) -> None:
    ip = ipaddress.ip_address(address)
    assert address_kind(ip) == REFUSED[address]
    assert AddressPolicy().refusal("example.org", ip) == REFUSED[address]
    assert AddressPolicy(allow_private=True).refusal("example.org", ip) is None


@pytest.mark.parametrize("address", ["93.184.215.14", "151.101.0.144", "2a04:4e42::144", "172.32.0.1"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert AddressPolicy().refusal("example.org", ipaddress.ip_address(address)) is None


def test_allow_list() -> None:
    hosts, networks = ALLOW.value(["intranet.example", "10.20.0.0/16", "fd00::/8"])
    policy = AddressPolicy(False, hosts, networks)
    assert policy.refusal("intranet.example", ipaddress.ip_address("10.99.0.1")) is None
    assert policy.refusal("other.example", ipaddress.ip_address("10.20.3.4")) is None
    assert policy.refusal("other.example", ipaddress.ip_address("10.21.3.4")) == "private"
    assert policy.refusal("other.example", ipaddress.ip_address("fd00::5")) is None
    assert policy.refusal("other.example", ipaddress.ip_address("127.0.0.1")) == "loopback"


def run(targets: list[str], hosts: dict[str, str] | None = None, **settings: object) -> LinkResults:
    options = {"cache": False, "timeout": 2.0, "retries": 0, "progress": False, **settings}
    return check_all(targets, Settings(**options), stderr=io.StringIO(), hosts=hosts)  # type: ignore[arg-type]


def test_loopback_is_refused_by_default(server: Server) -> None:
    server.seen.clear()
    results = run(
        [
            server.url("/ok/private"),
            f"http://[::ffff:127.0.0.1]:{server.port}/ok/mapped",
            f"http://localhost-alias.test:{server.port}/ok/by-name",
        ],
        hosts={"localhost-alias.test": "127.0.0.1"},
    )
    for result in results.values():
        assert result.state == "broken"
        assert "loopback" in result.cause and "--allow-private" in result.cause
        assert result.code == "private"
    assert (
        "localhost-alias.test resolves to 127.0.0.1"
        in results[f"http://localhost-alias.test:{server.port}/ok/by-name"].cause
    )
    assert server.seen.total() == 0  # nothing reached the server


def test_allow_private_and_allow_list_lift_it(server: Server) -> None:
    url = server.url("/ok/allowed")
    assert run([url], allow_private=True)[url].state == "ok"
    hosts, networks = ALLOW.value(["127.0.0.0/8"])
    assert run([url], allow_networks=networks)[url].state == "ok"
    named = f"http://intranet.test:{server.port}/ok/allowed"
    hosts, _ = ALLOW.value(["intranet.test"])
    assert run([named], hosts={"intranet.test": "127.0.0.1"}, allow_hosts=hosts)[named].state == "ok"


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/to-loopback", "127.0.0.1 is a loopback address"),
        ("/to-metadata", "169.254.169.254 is a link-local address"),
        ("/to-ipv6-loopback", "::1 is a loopback address"),
        ("/to-evil", "evil.test resolves to 127.0.0.1, a loopback address"),
    ],
)
def test_every_hop_is_checked(server: Server, path: str, words: str) -> None:
    """A redirect from an allowed host to an internal address is refused at that hop."""
    server.seen.clear()
    start = f"http://allowed.test:{server.port}{path}"
    hosts, _ = ALLOW.value(["allowed.test"])
    results = run([start], hosts={"allowed.test": "127.0.0.1", "evil.test": "127.0.0.1"}, allow_hosts=hosts)
    result = results[start]
    assert result.state == "broken"
    assert words in result.cause
    assert server.seen.count(path) >= 1  # the allowed host was asked
    assert server.seen.count("/ok") == 0  # the internal target never was


def test_non_canonical_address_forms_are_not_requested(server: Server) -> None:
    server.seen.clear()
    decimal = f"http://2130706433:{server.port}/ok/decimal"  # 127.0.0.1 written as one number
    results = run([decimal])
    assert results[decimal].state == "broken"
    assert server.seen.total() == 0


def test_only_http_and_https_are_requested(server: Server) -> None:
    results = run(
        ["ftp://files.example/data.csv", "file:///etc/passwd", "gopher://x.example/", "javascript:alert(1)"],
        allow_private=True,
    )
    assert len(results) == 0
