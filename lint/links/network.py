"""The network environment of link checking: proxies, TLS trust, Retry-After, and what a failure was.

Helpers of :mod:`lint.links.client` that need no event loop: ``HTTP_PROXY`` /
``HTTPS_PROXY`` / ``NO_PROXY``, ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``, the
``Retry-After`` header, and a one-line cause for an aiohttp exception.
"""

from __future__ import annotations

import email.utils
import os
import socket
import ssl
import time
import urllib.request
from collections.abc import Callable, Mapping

import aiohttp
from yarl import URL

from lint.links.safety import RefusedAddress


def proxies_from_env() -> dict[str, str]:
    """The standard proxy variables (``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY``, any case)."""
    return urllib.request.getproxies_environment()


def proxy_for(url: URL, proxies: Mapping[str, str]) -> str | None:
    """The proxy to use for ``url`` under ``proxies``, honouring ``NO_PROXY``."""
    proxy = proxies.get(url.scheme)
    if not proxy or not url.host:
        return None
    host = url.host if url.port is None else f"{url.host}:{url.port}"
    bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]
    if proxies.get("no") and bypass(host, dict(proxies)):
        return None
    return proxy


def ssl_context(warn: Callable[[str], None]) -> ssl.SSLContext:
    """A verifying TLS context; ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` name the trusted CAs."""
    cafile = os.environ.get("SSL_CERT_FILE") or None
    capath = os.environ.get("SSL_CERT_DIR") or None
    if cafile and not os.path.isfile(cafile):
        warn(f"SSL_CERT_FILE={cafile} is not a file; using the system's certificates")
        cafile = None
    if capath and not os.path.isdir(capath):
        warn(f"SSL_CERT_DIR={capath} is not a folder; using the system's certificates")
        capath = None
    return ssl.create_default_context(cafile=cafile, capath=capath)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def describe_failure(exc: BaseException, url: URL, timeout: float) -> tuple[str, str]:
    """``(error, detail)`` for an exception raised while asking ``url``."""
    if isinstance(exc, TimeoutError):
        return "timeout", f"timed out after {timeout:g} s"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        os_error = exc.os_error
        if isinstance(os_error, RefusedAddress):
            return "private", (
                f"not requested: {os_error.host} resolves to {os_error.address}, a {os_error.kind} "
                f"address (use --allow-private or link-check.allow to permit it)"
            )
        if isinstance(os_error, socket.gaierror) and os_error.errno == socket.EAI_AGAIN:
            return "dns-temporary", f"DNS lookup of {url.host} failed for now (temporary failure)"
        return "dns", f"DNS lookup failed: no such host {url.host}"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        cert_error = exc.certificate_error
        reason = getattr(cert_error, "verify_message", None) or getattr(cert_error, "reason", None) or str(cert_error)
        return "tls", f"TLS certificate error: {reason}"
    if isinstance(exc, aiohttp.ClientSSLError | ssl.SSLError):
        reason = getattr(exc, "reason", None) or str(exc)
        return "tls", f"TLS error: {reason}"
    if isinstance(exc, aiohttp.ClientProxyConnectionError):
        return "proxy", f"cannot connect to the proxy ({exc.os_error.strerror or exc.os_error})"
    if isinstance(exc, aiohttp.ClientConnectorError):
        if isinstance(exc.os_error, ConnectionRefusedError):
            return "refused", "connection refused"
        return "refused", f"cannot connect: {exc.os_error.strerror or exc.os_error}"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "closed", "connection closed without a response"
    if isinstance(exc, aiohttp.ClientOSError):
        if isinstance(exc, ConnectionResetError) or getattr(exc, "errno", None) in (104, 54, 10054):
            return "reset", "connection reset by the server"
        return "reset", f"connection failed: {exc.strerror or exc}"
    if isinstance(exc, aiohttp.InvalidURL | ValueError):
        return "invalid", f"invalid URL: {exc}"
    if isinstance(exc, aiohttp.ClientResponseError):
        return "other", f"invalid HTTP response: {exc.message}"
    return "other", f"request failed: {type(exc).__name__}: {exc}"
