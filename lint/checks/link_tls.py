"""Check kind ``link-tls``: https links whose server's certificate a browser would
refuse (expired, self-signed, issued for another host, or from an unknown
authority), so that readers meet a security warning instead of the page.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.api import CheckKind, Context, Finding
from lint.checks.link_results import online
from lint.model import Document
from lint.options import Option

OPTIONS: tuple[Option, ...] = ()

# words of OpenSSL's verification messages -> what they mean to a reader
_KINDS = (
    ("expired", "its certificate has expired"),
    ("not yet valid", "its certificate is not valid yet"),
    ("self-signed", "its certificate is self-signed"),
    ("self signed", "its certificate is self-signed"),
    ("mismatch", "its certificate is for another host"),
    ("doesn't match", "its certificate is for another host"),
    ("not valid for", "its certificate is for another host"),
    ("local issuer", "its certificate is from an authority browsers do not trust"),
    ("unknown ca", "its certificate is from an authority browsers do not trust"),
)


def problem(cause: str) -> str:
    """The certificate problem in a reader's words, from the TLS error's text."""
    lowered = cause.lower()
    for words, meaning in _KINDS:
        if words in lowered:
            return meaning
    return "its secure connection fails"


def check(document: Document, context: Context) -> Iterator[Finding]:
    for link, result in online(document, context):
        if result.category != "tls":
            continue
        assert link.target_span is not None
        yield Finding(
            span=link.target_span,
            args={"target": link.target, "problem": problem(result.cause), "cause": result.cause},
            fingerprint=f"tls|{link.target}",
        )


KIND = CheckKind(
    name="link-tls",
    summary="with `--links`, https targets whose certificate browsers refuse",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"target", "problem", "cause"}),
    needs_links=True,
    answer_text=True,
)
