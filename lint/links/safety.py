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
    """``host`` as the IP address a browser or a resolver would connect to, or None for a name.

    Besides the canonical forms (brackets and an IPv6 zone allowed) that is every IPv4
    spelling ``inet_aton`` and the WHATWG URL standard accept: decimal, octal and hex
    parts, one to four of them, the last filling the remaining bytes (``2130706433``,
    ``0x7f000001``, ``0177.0.0.1``, ``127.1``, ``0``), with a trailing dot; and
    ``localhost`` and its subdomains, which resolvers answer with loopback. A proxy
    resolves what it is sent, so a host in any of these spellings must be refused
    before a request goes to one.
    """
    from urllib.parse import unquote

    text = unquote(host).strip().strip("[]").split("%", 1)[0].lower()
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    name = text[:-1] if text.endswith(".") else text
    if name == "localhost" or name.endswith(".localhost"):
        return ipaddress.IPv4Address("127.0.0.1")
    return _loose_ipv4(name)


def _loose_ipv4(name: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address of a host written as browsers read numbers (WHATWG "IPv4 parser"), or None."""
    parts = name.split(".")
    if not parts or not parts[-1] or len(parts) > 4:
        return None
    numbers: list[int] = []
    for part in parts:
        if not part:
            return None
        try:
            if part[:2] in ("0x", "0X"):
                value = int(part[2:] or "0", 16)
            elif len(part) > 1 and part[0] == "0":
                value = int(part[1:], 8)
            else:
                value = int(part, 10) if part.isdigit() else -1
        except ValueError:
            return None
        if value < 0:
            return None
        numbers.append(value)
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for index, number in enumerate(head):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


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
