"""Inline markup shared by the readers: links and the plain text of a paragraph.

A paragraph is built from one or more source lines. Its plain text drops link
markup (``[text](url)`` becomes ``text``) and joins lines with a space, and it
keeps a piece table so that every character maps back to its document offset.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lint.model import Link, Paragraph, Span

_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\[\]()\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?»\u201d\u2019"


def _close_paren(text: str, i: int) -> int:
    """Index of the ``)`` closing the ``(`` at ``i``, or -1."""
    depth = 0
    for j in range(i, len(text)):
        c = text[j]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        elif c == "\n":
            return -1
    return -1


def _scan_line(text: str, base: int, out_links: list[Link], plain: list[str],
               pieces: list[tuple[int, int]], plain_len: int) -> int:
    """Scan one line's ``text`` (at document offset ``base``) into plain text and links."""
    i = 0
    n = len(text)
    run_start = 0

    def flush(upto: int) -> None:
        nonlocal plain_len
        if upto > run_start:
            pieces.append((plain_len, base + run_start))
            plain.append(text[run_start:upto])
            plain_len += upto - run_start

    while i < n:
        c = text[i]
        if c == "[":
            close = text.find("]", i + 1)
            if close < 0:
                break
            if "[" in text[i + 1 : close]:
                i = text.index("[", i + 1, close)
                continue
            label = text[i + 1 : close]
            after = close + 1
            image = i > 0 and text[i - 1] == "!"
            if after < n and text[after] == "(":
                end = _close_paren(text, after)
                if end < 0:
                    i = after
                    continue
                raw = text[after + 1 : end]
                stripped = raw.strip()
                lead = len(raw) - len(raw.lstrip())
                target = stripped
                t_start = base + after + 1 + lead
                if target.startswith("<") and ">" in target:
                    target = target[1 : target.index(">")]
                    t_start += 1
                elif " " in target and not target.startswith("<"):
                    # ``(url "title")``: the target ends at the first space before a quote
                    m = re.match(r'(\S+)\s+["\'(].*$', target)
                    if m:
                        target = m.group(1)
                link_start = i - 1 if image else i
                flush(link_start)
                out_links.append(Link(
                    text=label,
                    target=target,
                    span=Span(base + link_start, base + end + 1),
                    text_span=Span(base + i + 1, base + close),
                    target_span=Span(t_start, t_start + len(target)),
                ))
                if label:
                    pieces.append((plain_len, base + i + 1))
                    plain.append(label)
                    plain_len += len(label)
                i = run_start = end + 1
                continue
            if after < n and text[after] in "[:":
                i = after
                continue
            if label.strip():
                out_links.append(Link(
                    text=label,
                    target=None,
                    span=Span(base + i, base + close + 1),
                    text_span=Span(base + i + 1, base + close),
                    target_span=None,
                ))
            i = close + 1
            continue
        if c in "hHwW" and (i == 0 or not text[i - 1].isalnum()):
            m = _BARE_URL.match(text, i)
            if m:
                url = m.group(0).rstrip(_TRAILING)
                out_links.append(Link(
                    text=url, target=url,
                    span=Span(base + i, base + i + len(url)),
                    text_span=Span(base + i, base + i + len(url)),
                    target_span=Span(base + i, base + i + len(url)),
                ))
                i += max(len(url), 1)
                continue
        i += 1
    run_start_final = run_start
    if n > run_start_final:
        pieces.append((plain_len, base + run_start_final))
        plain.append(text[run_start_final:])
        plain_len += n - run_start_final
    return plain_len


def build_paragraph(parts: Sequence[tuple[int, str]], span: Span, kind: str = "paragraph") -> Paragraph:
    """A paragraph from ``parts``: ``(document offset, text)`` for each source line.

    Each part is the line's content after any block marker (e.g. the bullet's ``- ``).
    """
    links: list[Link] = []
    plain: list[str] = []
    pieces: list[tuple[int, int]] = []
    plain_len = 0
    for index, (offset, text) in enumerate(parts):
        if index:
            pieces.append((plain_len, offset - 1 if offset else 0))
            plain.append(" ")
            plain_len += 1
        plain_len = _scan_line(text, offset, links, plain, pieces, plain_len)
    return Paragraph(text="".join(plain), span=span, kind=kind, links=tuple(links), pieces=tuple(pieces))
