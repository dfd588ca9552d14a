"""Which addresses the link checker may connect to.

By default it refuses private, loopback, link-local, unspecified and other
non-public addresses (127.0.0.0/8, 10/8, 172.16/12, 192.168/16, 169.254/16 with the
cloud metadata address, 100.64/10, ::1, fc00::/7, fe80::/10, multicast...), so that
a link in a hostile pull request cannot make CI reach internal services. The check
is made on the resolved address of every hop (see :mod:`lint.links.resolver`) and on
addresses written in URLs. ``allow-private`` lifts it; ``allow`` lists host names and
networks that may be private. Standard library only.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from lint.links.settings import Network

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(OSError):
    """A host resolved only to addresses the policy refuses (raised by the resolver)."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"{host} resolves to {address}, a {kind} address")
        self.host = host
        self.address = address
        self.kind = kind


def address_kind(address: Address) -> str | None:
    """What makes ``address`` non-public ("loopback", "private", ...), or None when it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return address_kind(mapped)
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    if address.is_reserved or not address.is_global:
        return "reserved"
    return None


def parse_address(host: str) -> Address | None:
    """``host`` as an IP address (brackets and an IPv6 zone allowed), or None for a name."""
    text = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class AddressPolicy:
    """The safety rule: which hosts and addresses may be requested."""

    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()
    allow_networks: tuple[Network, ...] = ()

    def with_hosts(self, hosts: Iterable[str]) -> AddressPolicy:
        """This policy also allowing ``hosts`` (e.g. the configured proxies)."""
        extra = {h.lower().rstrip(".") for h in hosts if h}
        return AddressPolicy(self.allow_private, self.allow_hosts | extra, self.allow_networks)

    def host_allowed(self, host: str) -> bool:
        return self.allow_private or host.lower().rstrip(".") in self.allow_hosts

    def refusal(self, host: str, address: Address) -> str | None:
        """Why connecting to ``address`` (for ``host``) is refused, or None when allowed."""
        if self.host_allowed(host):
            return None
        kind = address_kind(address)
        if kind is None:
            return None
        if any(address in network for network in self.allow_networks if network.version == address.version):
            return None
        return kind
