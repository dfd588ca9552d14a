"""``check -``: a document read from standard input (an editor's unsaved buffer).

``--stdin-filename`` names it: the path reports show, the folder the configuration
is found upward from, and the name that per-format globs and the ``.md`` extension
match. Nothing is ever written to that path.
"""

from __future__ import annotations

import os
from typing import BinaryIO

from lint import source
from lint.config import Config
from lint.files import to_display
from lint.model import Document

STDIN = "-"


def config_anchor(stdin_filename: str | None) -> str:
    """The path the configuration is looked for from: the named file's folder, or the working folder."""
    if not stdin_filename:
        return "."
    folder = os.path.dirname(os.path.abspath(stdin_filename))
    while folder and not os.path.isdir(folder):  # a buffer not saved yet, in a folder not made yet
        parent = os.path.dirname(folder)
        if parent == folder:
            return "."
        folder = parent
    return folder or "."


def read(stream: BinaryIO, stdin_filename: str | None, config: Config) -> Document:
    """The document on ``stream``, under the name ``stdin_filename`` (``-`` without one)."""
    path = to_display(stdin_filename) if stdin_filename else STDIN
    fmt = config.format_of(stdin_filename) if stdin_filename else None
    data = stream.read(config.max_file_size + 1)
    return source.parse_bytes(path, data, config.reader, fmt, config.max_file_size)
