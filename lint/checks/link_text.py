"""Check kind ``link-text``: link text that says nothing of where the link goes.

"Read more", "click here", "here": a screen-reader user who lists a page's links
hears only these words (WCAG 2.4.4; the GOV.UK style guide). By default the
document gets one finding, on the first such link, with the count and the other
places as related locations; ``per-link`` reports each link.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint import regexcache
from lint.checks.api import CheckKind, Context, Finding
from lint.model import Document, Link, Related
from lint.options import Option

OPTIONS = (
    Option(
        "phrases",
        "list[str]",
        [],
        "link texts that say nothing (compared without case and punctuation)",
        extendable=True,
    ),
    Option("per-link", "bool", False, "one finding per link instead of one per document"),
)

_NOT_WORD = regexcache.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Link text compared loosely: case, punctuation, arrows and spacing do not matter."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def vague_links(document: Document, context: Context) -> list[Link]:
    phrases = {fold(p) for p in context["phrases"]}
    phrases.discard("")
    return [link for link in document.links if link.text and fold(link.text) in phrases]


def check(document: Document, context: Context) -> Iterator[Finding]:
    links = vague_links(document, context)
    if not links:
        return
    if context["per-link"]:
        for link in links:
            text = " ".join(link.text.split())
            yield Finding(
                span=link.text_span,
                args={"count": len(links), "links": "links", "texts": repr(text), "text": text},
                fingerprint=f"{text}|{link.target or ''}",
            )
        return
    texts: list[str] = []
    for link in links:
        text = " ".join(link.text.split())
        if text not in texts:
            texts.append(text)
    first = links[0]
    related = tuple(
        Related(document.path, link.text_span, f"link text {' '.join(link.text.split())!r} here") for link in links[1:]
    )
    count = len(links)
    yield Finding(
        span=first.text_span,
        args={
            "count": count,
            "links": "link" if count == 1 else "links",
            "texts": " or ".join(repr(t) for t in texts),
            "text": texts[0],
        },
        related=related,
        fingerprint="|".join(texts),
    )


KIND = CheckKind(
    name="link-text",
    summary="link texts that say nothing of where the link goes",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"count", "links", "texts", "text"}),
    answer_text=True,
)
