"""Apply the fixes that rules attach to findings: to text, as a diff, or to the file.

Writing is atomic (a temporary file in the same folder, then a rename) and keeps the
file's encoding, byte-order mark, line endings and permissions; nothing but the
fixed spans changes.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable

from lint.model import Diagnostic, Document, Edit


def apply(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """``text`` with non-overlapping ``edits`` applied; returns ``(new_text, applied)``."""
    ordered = sorted(edits, key=lambda e: (e.span.start, e.span.end))
    out: list[str] = []
    position = 0
    applied = 0
    for edit in ordered:
        if edit.span.start < position or edit.span.end > len(text):
            continue  # overlaps an earlier edit: leave it for a later run
        out.append(text[position : edit.span.start])
        out.append(edit.replacement)
        position = edit.span.end
        applied += 1
    out.append(text[position:])
    return "".join(out), applied


def fixed_text(document: Document, diagnostics: Iterable[Diagnostic]) -> tuple[str, int]:
    edits = [edit for d in diagnostics if d.fix is not None and d.path == document.path for edit in d.fix.edits]
    return apply(document.text, edits)


def unified_diff(document: Document, new_text: str) -> str:
    old = document.text.splitlines(keepends=True)
    new = new_text.splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, fromfile=f"a/{document.path}", tofile=f"b/{document.path}"))


def encode(document: Document, text: str) -> bytes:
    data = text.encode(document.encoding)
    if document.bom:
        if document.encoding == "utf-8":
            data = b"\xef\xbb\xbf" + data
        elif document.encoding == "utf-16":
            return text.encode("utf-16")  # Python's utf-16 writes its own BOM
    return data


def write(document: Document, text: str) -> None:
    """Replace the file of ``document`` by ``text``, atomically, keeping its mode."""
    path = document.path
    data = encode(document, text)
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, temp = tempfile.mkstemp(prefix=".response-lint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
