"""Readers: turn decoded text into a :class:`~lint.model.Document`, one module per format.

Formats are chosen by sniffing the content, unless configuration names one.
"""

from __future__ import annotations

import importlib
import re
from typing import Protocol

from lint import regexcache
from lint.model import Document
from lint.readers.phases import ReaderOptions

FORMATS: dict[str, str] = {
    "source-2012": "lint.readers.source2012",
    "publication-2015": "lint.readers.publication",
    "markdown": "lint.readers.markdown",
}

# 2012 markup is its block structure ({div …}, {/div}, {: .logo}); a {{NAME}} directive alone
# is not enough: "{{progress}}" left in a Markdown or plain-text file is a template marker
_SOURCE_2012 = regexcache.compile(r"^\s*(?:\{div[\s}.]|\{/div\}|\{:\s*\.)", re.MULTILINE)
_MD_HEADING = regexcache.compile(r"^(?:#{1,3}[ \t]+\S|#{2,3}[A-Z0-9])", re.MULTILINE)


class _Reader(Protocol):
    def read(self, path: str, text: str, options: ReaderOptions) -> Document: ...


def detect_format(text: str, path: str = "") -> str:
    """The format name for ``text``: 2012 markup wins, then Markdown headings, then plain text."""
    # look for what each pattern needs first, at C speed: a "{"; a "#" starting a line
    if text.find("{", 0, 200_000) >= 0 and _SOURCE_2012.search(text, 0, 200_000):
        return "source-2012"
    lowered = path.lower()
    if lowered.endswith((".md", ".markdown")) or (
        (text.startswith("#") or text.find("\n#", 0, 200_000) >= 0) and _MD_HEADING.search(text, 0, 200_000)
    ):
        return "markdown"
    return "publication-2015"


def read(path: str, text: str, options: ReaderOptions | None = None, fmt: str | None = None) -> Document:
    """Parse ``text`` (already decoded) with the reader for ``fmt`` (sniffed when None)."""
    name = fmt or detect_format(text, path)
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (expected one of {', '.join(FORMATS)})")
    module: _Reader = importlib.import_module(FORMATS[name])
    return module.read(path, text, options or ReaderOptions())
