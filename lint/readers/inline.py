"""Inline markup shared by the readers: links and the plain text of a paragraph.

A paragraph is built from one or more source lines. Its plain text drops link
markup (``[text](url)`` becomes ``text``) and joins lines with a space, and it
keeps a piece table so that every character maps back to its document offset.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence

from lint import regexcache
from lint.model import Link, Paragraph, Span

_BARE_URL = regexcache.compile(r"\b(?:https?://|www\.)[^\s<>\[\]()\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?»\u201d\u2019"


_TITLE = regexcache.compile(r'(\S+)\s+["\'(].*$')
_PARENS = regexcache.compile(r"[()\n]")


class _Find:
    """``str.find`` on one text with memory: the scan of a line asks for the next ``[``,
    ``]``, ``://`` … again and again from positions that only move forward, and a search
    that already went past the new start answers at once. Without it a line of 64 kB of
    ``[`` (or ``[a]((``, or ``w.``) took time in the square of its length."""

    __slots__ = ("_memo", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._memo: dict[str, tuple[int, int, int]] = {}  # sub -> (from, stop, result)

    def __call__(self, sub: str, start: int, stop: int | None = None) -> int:
        if stop is None:
            stop = len(self.text)
        last = self._memo.get(sub)
        if last is not None and start >= last[0]:
            found = last[2]
            if found >= start:
                return found if found + len(sub) <= stop else -1
            if found < 0 and stop <= last[1]:
                return -1
        found = self.text.find(sub, start, stop)
        self._memo[sub] = (start, stop, found)
        return found


def _next_url(find: _Find, i: int, stop: int) -> int:
    """The first position in ``[i, stop)`` where ``_BARE_URL`` might match, or ``stop``.

    A match starts 4 or 5 characters before a ``://`` (``http``, ``https``) or 2 before
    a ``w.``/``W.`` (``www.`` in any case): ``str.find`` looks for those at C speed, and
    the regex then decides at that one position. A URL holds no ``[``, so one that
    starts before the next ``[`` (``stop``) also ends before it: the search stops there,
    which spares the scan of a link's target (``[text](https://…)``, the common case).
    """
    best = stop
    k = find("://", i + 4, stop)
    if k >= 0:
        best = k - 5 if k - 5 >= i else k - 4
    for tail in ("w.", "W."):
        k = find(tail, i + 2, min(best + 4, stop))
        if k >= 0 and k - 2 < best:
            best = k - 2
    return best


class _Parens:
    """Each ``(`` of a text with the index of the ``)`` that closes it (-1: none), found in one pass.

    One array of offsets, 4 bytes a ``(``, in the order of the ``(``s (a dict of ints took
    about 100: a line of 1 MB of ``[a]((`` held 35 MB of them while the paragraph was
    read). Which ``(`` one at ``i`` is, is counted from the last one asked for: a line's
    scan asks in order, so the counting is linear in the line."""

    __slots__ = ("_at", "_count", "closes", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.closes = array("i")  # the ")" closing each "(", or -1
        self._at = self._count = 0  # the last offset asked for, and how many "(" lie before it
        stack = array("i")  # indexes into closes of those still open
        for m in _PARENS.finditer(text):
            c = m.group()
            if c == "(":
                stack.append(len(self.closes))
                self.closes.append(-1)
            elif c == ")":
                if stack:
                    self.closes[stack.pop()] = m.start()
            else:
                del stack[:]

    def close_of(self, i: int) -> int:
        """The ``)`` closing the ``(`` at ``i`` (-1: none, or no ``(`` there)."""
        if not self.text.startswith("(", i):
            return -1
        if i < self._at:  # asked out of order: count again from the start
            self._at = self._count = 0
        self._count += self.text.count("(", self._at, i)
        self._at = i
        return self.closes[self._count]


def _close_paren(find: _Find, i: int, nested: list[_Parens]) -> int:
    """Index of the ``)`` closing the ``(`` at ``i``, or -1 (``nested`` holds the line's matches once made)."""
    close = find(")", i + 1)
    if close < 0:
        return -1
    if find("(", i + 1, close) < 0 and find("\n", i + 1, close) < 0:
        return close  # the usual case: nothing nested
    if not nested:
        nested.append(_Parens(find.text))
    return nested[0].close_of(i)


def _scan_line(
    text: str, base: int, out_links: list[Link], plain: list[str], pieces: list[tuple[int, int]], plain_len: int
) -> int:
    """Scan one line's ``text`` (at document offset ``base``) into plain text and links."""
    n = len(text)
    run_start = 0
    i = 0
    find = _Find(text)
    nested: list[_Parens] = []
    # a bare URL needs "://" or "w." (of "www.", in any case): most lines have neither
    urls = "://" in text or "w." in text or "W." in text
    while True:
        bracket = find("[", i) if i < n else -1
        if urls and i < n:
            stop = n if bracket < 0 else bracket
            url = _next_url(find, i, stop) if i < stop else stop
            if url < stop:
                i = url
                m = _BARE_URL.match(text, i)
                if m is None:
                    i += 1
                    continue
                found = m.group(0).rstrip(_TRAILING)
                url_span = Span(base + i, base + i + len(found))
                out_links.append(Link(found, found, url_span, url_span, url_span))  # text, target: the URL
                i += max(len(found), 1)
                continue
        if bracket < 0:
            break
        i = bracket
        close = find("]", i + 1)
        if close < 0:
            break
        inner = find("[", i + 1, close)
        if inner >= 0:
            i = inner
            continue
        label = text[i + 1 : close]
        after = close + 1
        if after < n and text[after] == "(":
            end = _close_paren(find, after, nested)
            if end < 0:
                i = after
                continue
            raw = text[after + 1 : end]
            target = raw.strip()
            t_start = base + after + 1 + len(raw) - len(raw.lstrip())
            if target.startswith("<") and ">" in target:
                target = target[1 : target.index(">")]
                t_start += 1
            elif " " in target and not target.startswith("<"):
                # ``(url "title")``: the target ends at the first space before a quote
                title = _TITLE.match(target)
                if title:
                    target = title.group(1)
            link_start = i - 1 if i > 0 and text[i - 1] == "!" else i
            if link_start > run_start:
                pieces.append((plain_len, base + run_start))
                plain.append(text[run_start:link_start])
                plain_len += link_start - run_start
            link_span = Span(base + link_start, base + end + 1)
            text_span = Span(base + i + 1, base + close)
            target_span = Span(t_start, t_start + len(target))
            out_links.append(Link(label, target, link_span, text_span, target_span))
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
            link_span = Span(base + i, base + close + 1)
            text_span = Span(base + i + 1, base + close)
            out_links.append(Link(label, None, link_span, text_span, None))  # no target
        i = close + 1
    if n > run_start:
        pieces.append((plain_len, base + run_start))
        plain.append(text[run_start:] if run_start else text)
        plain_len += n - run_start
    return plain_len


def build_paragraph(parts: Sequence[tuple[int, str]], span: Span, kind: str = "paragraph") -> Paragraph:
    """A paragraph from ``parts``: ``(document offset, text)`` for each source line.

    Each part is the line's content after any block marker (e.g. the bullet's ``- ``).
    """
    if len(parts) == 1:
        offset, text = parts[0]
        return line_paragraph(offset, text, span, kind)
    return _build(parts, span, kind)


def line_paragraph(offset: int, text: str, span: Span, kind: str = "paragraph") -> Paragraph:
    """``build_paragraph([(offset, text)], span, kind)``: a paragraph of one source line."""
    if "[" not in text and "://" not in text and "w." not in text and "W." not in text:
        # no link markup and no bare URL can be here: the text is its own plain text
        # a paragraph whose text starts where its span does needs no piece table (most do)
        pieces = ((0, offset),) if text and offset != span.start else ()
        return Paragraph(text, span, kind, (), pieces)
    return _build(((offset, text),), span, kind)


def _build(parts: Sequence[tuple[int, str]], span: Span, kind: str) -> Paragraph:
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
    return Paragraph("".join(plain), span, kind, tuple(links), tuple(pieces))
