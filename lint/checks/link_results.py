"""What the online link rules share: the links of a document with their online results,
and a fix that writes a new target over a link's, escaped for the link syntax.
(A helper module: it declares no check kind.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from lint.checks.api import Context
from lint.model import Document, Edit, Fix, Link

if TYPE_CHECKING:
    from lint.links.results import LinkResult


def online(document: Document, context: Context) -> Iterator[tuple[Link, LinkResult]]:
    """Each link of ``document`` that has an online result, with it (nothing when offline)."""
    return results_for(document.links, context)


def results_for(links: Iterable[Link], context: Context) -> Iterator[tuple[Link, LinkResult]]:
    """Each of ``links`` that has an online result, with it (nothing when offline)."""
    results = context.links
    if results is None:
        return
    for link in links:
        if link.target is None or link.target_span is None:
            continue
        result = results.get(link.target)
        if result is not None:
            yield link, result


# characters that would end or break a link target in the readers' ``[text](target)``
# and bare-URL syntax (shared by markdown, source-2012 and publication-2015)
_UNSAFE = frozenset(" \t\n\r()<>[]\"'`\\{}|^")
_TRAILING = ".,;:!?"


def _invisible(c: str) -> bool:
    """A control character, a line or paragraph separator or a bidi control: never raw in a file."""
    code = ord(c)
    return (
        code < 32
        or 0x7F <= code <= 0x9F
        or c in "\u2028\u2029\u061c\u200e\u200f"
        or 0x202A <= code <= 0x202E
        or (0x2066 <= code <= 0x2069)
    )


def _percent(c: str) -> str:
    return "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))


def escape_target(url: str, bare: bool) -> str:
    """``url`` made safe to write as a link target: characters the link syntax would
    read as the end of the target are percent-encoded (and, for a bare URL, trailing
    punctuation that a reader would leave out of it)."""
    out = "".join(_percent(c) if c in _UNSAFE or _invisible(c) else c for c in url)
    if bare:
        end = len(out)
        while end and out[end - 1] in _TRAILING:
            end -= 1
        out = out[:end] + "".join(f"%{ord(c):02X}" for c in out[end:])
    return out


def replace_target(link: Link, new_target: str, description: str) -> Fix:
    """A fix writing ``new_target`` (escaped for the link's syntax) over ``link``'s target."""
    assert link.target_span is not None
    bare = link.target_span == link.span
    return Fix(description, (Edit(link.target_span, escape_target(new_target, bare)),))
