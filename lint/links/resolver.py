"""An aiohttp resolver that applies the address policy to every name it resolves.

aiohttp asks its resolver for every connection it opens (every hop of a redirect
chain), so filtering here checks the address actually connected to: a name that
resolves to a refused address cannot be reached, and DNS rebinding between check
and use is impossible. Names resolving to some refused and some allowed addresses
keep the allowed ones. ``hosts`` maps names to fixed addresses (like /etc/hosts);
the tests use it to point names at their loopback servers.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

from lint.links.safety import AddressPolicy, RefusedAddress, parse_address


class SafeResolver(AbstractResolver):
    """Resolves with the system resolver, then drops the addresses ``policy`` refuses."""

    def __init__(self, policy: AddressPolicy, hosts: Mapping[str, str] | None = None) -> None:
        self._policy = policy
        self._hosts = {name.lower().rstrip("."): address for name, address in (hosts or {}).items()}
        self._inner = ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        fixed = self._hosts.get(host.lower().rstrip("."))
        if fixed is not None:
            address = parse_address(fixed)
            if address is None:
                raise OSError(f"hosts override for {host} is not an address: {fixed!r}")
            fam = socket.AF_INET6 if address.version == 6 else socket.AF_INET
            results: list[ResolveResult] = [
                {
                    "hostname": host,
                    "host": str(address),
                    "port": port,
                    "family": fam,
                    "proto": 0,
                    "flags": socket.AI_NUMERICHOST,
                }
            ]
        else:
            results = await self._inner.resolve(host, port, family)
        allowed: list[ResolveResult] = []
        refused: tuple[str, str] | None = None
        for result in results:
            address = parse_address(result["host"])
            kind = self._policy.refusal(host, address) if address is not None else "unparsable"
            if kind is None:
                allowed.append(result)
            elif refused is None:
                refused = (result["host"], kind)
        if not allowed and refused is not None:
            raise RefusedAddress(host, *refused)
        return allowed

    async def close(self) -> None:
        await self._inner.close()
