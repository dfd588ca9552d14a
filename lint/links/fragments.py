"""Find the ``id`` and ``name`` anchors of an HTML page, fed chunk by chunk as it
arrives, so that reading can stop as soon as every wanted fragment is found.

Standard library only (``html.parser``); it copes with broken HTML as browsers do.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from html.parser import HTMLParser

HTML_TYPES = ("text/html", "application/xhtml+xml")


class _Collector(HTMLParser):
    def __init__(self, anchors: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self._anchors = anchors

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and (key == "id" or (key == "name" and tag in ("a", "map", "iframe", "img", "form"))):
                self._anchors.add(value)

    handle_startendtag = handle_starttag


class AnchorScanner:
    """Collects anchors from HTML bytes; :attr:`done` once all ``wanted`` are seen."""

    def __init__(self, wanted: Iterable[str], charset: str | None = None) -> None:
        self.anchors: set[str] = set()
        self._wanted = set(wanted)
        try:
            decoder_factory = codecs.getincrementaldecoder(charset or "utf-8")
        except LookupError:
            decoder_factory = codecs.getincrementaldecoder("utf-8")
        self._decoder = decoder_factory(errors="replace")
        self._parser = _Collector(self.anchors)

    @property
    def done(self) -> bool:
        return bool(self._wanted) and self._wanted <= self.anchors

    def feed(self, data: bytes) -> None:
        self._parser.feed(self._decoder.decode(data))

    def close(self) -> frozenset[str]:
        """All anchors found; call after the last chunk."""
        self._parser.feed(self._decoder.decode(b"", final=True))
        self._parser.close()
        return frozenset(self.anchors)


def is_html(content_type: str | None) -> bool:
    """Whether a Content-Type header names an HTML page."""
    if not content_type:
        return False
    return content_type.split(";")[0].strip().lower() in HTML_TYPES
