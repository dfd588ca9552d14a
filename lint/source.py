"""Read a file from disk into a Document: decode it, or explain why it cannot be read.

Never raises for bad input: binary, oversized, empty, non-UTF-8 (decoded as
Windows-1252 with a warning), UTF-16 and BOM-prefixed files all give a Document,
with any problem recorded as a ``syntax`` issue.
"""

from __future__ import annotations

import codecs

from lint.files import NotRegular, read_regular
from lint.model import Document, ReadIssue, Severity, Span
from lint.readers import read
from lint.readers.phases import ReaderOptions
from lint.readers.records import joined


def _newline(text: str) -> str:
    """The line ending of the first line: ``\\n``, ``\\r\\n`` or ``\\r`` (``\\n`` when there is none)."""
    nl = text.find("\n")
    cr = text.find("\r", 0, nl if nl >= 0 else len(text))
    if cr >= 0:
        return "\r\n" if text[cr + 1 : cr + 2] == "\n" else "\r"
    return "\n"


def _unreadable(path: str, message: str, fmt: str = "unreadable", severity: Severity = Severity.ERROR) -> Document:
    return Document(path=path, text="", format=fmt, issues=(ReadIssue(Span(0, 0), message, severity),))


def unreadable(path: str, message: str) -> Document:
    """A Document for a file that could not be read, with ``message`` as its ``syntax`` error."""
    return _unreadable(path, message)


def decode(data: bytes) -> tuple[str, str, bool, list[ReadIssue]]:
    """``(text, encoding, bom, issues)`` for the bytes of a file."""
    issues: list[ReadIssue] = []
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8", True, issues
        except UnicodeDecodeError:
            data = data[3:]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
            return text, "utf-16", True, issues
        except UnicodeDecodeError as exc:
            # damaged UTF-16 (an odd last byte, a lone surrogate) is still UTF-16: read it with
            # U+FFFD where it is broken, never as Latin-1 (every other byte a NUL)
            text = data.decode("utf-16", errors="replace")
            offset = len(data[: exc.start].decode("utf-16", errors="replace"))  # the BOM is not part of the text
            offset = max(0, min(offset, len(text) - 1))
            issues.append(
                ReadIssue(
                    Span(offset, offset + 1),
                    f"not valid UTF-16: {exc.reason} at byte {exc.start}; read with U+FFFD in its place "
                    "(the file may be cut short or damaged)",
                    code="encoding",
                )
            )
            return text, "utf-16", True, issues
    try:
        return data.decode("utf-8"), "utf-8", False, issues
    except UnicodeDecodeError as exc:
        bad = exc.start
        line = data.count(b"\n", 0, bad) + 1
        line_start = data.rfind(b"\n", 0, bad) + 1
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
        offset = len(data[:bad].decode(encoding))
        column = len(data[line_start:bad].decode(encoding)) + 1
        label = "Windows-1252" if encoding == "cp1252" else "Latin-1"
        issues.append(
            ReadIssue(
                Span(offset, offset + 1),
                f"not valid UTF-8: byte 0x{data[bad]:02x} at line {line}, column {column}; "
                f"read as {label} (save the file as UTF-8 to silence this)",
                Severity.WARNING,
                code="encoding",
            )
        )
        return text, encoding, False, issues


def load(path: str, options: ReaderOptions, fmt: str | None = None, max_bytes: int = 10 * 1024 * 1024) -> Document:
    """Read and parse ``path``; problems become issues on the returned Document."""
    try:
        data = read_regular(path, max_bytes + 1)
    except NotRegular as exc:
        return _unreadable(path, f"{exc}: skipped", severity=Severity.WARNING)
    except IsADirectoryError:
        return _unreadable(path, "is a folder, not a file")
    except OSError as exc:
        return _unreadable(path, f"cannot read file: {exc.strerror or exc}")
    return parse_bytes(path, data, options, fmt, max_bytes)


def parse_bytes(
    path: str, data: bytes, options: ReaderOptions, fmt: str | None = None, max_bytes: int = 10 * 1024 * 1024
) -> Document:
    """Decode and parse the bytes of a file (``data`` may be cut at ``max_bytes + 1``)."""
    if len(data) > max_bytes:
        return _unreadable(path, f"file is larger than the limit of {max_bytes:,} bytes (max-file-size): skipped")
    head = data[:8192]
    if b"\0" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _unreadable(path, "binary file (it contains NUL bytes): skipped", "binary")
    text, encoding, bom, issues = decode(data)
    if not text or text.isspace():
        issue = ReadIssue(Span(0, 0), "empty file: no entries to check", Severity.WARNING, code="empty")
        return Document(
            path=path,
            text=text,
            format=fmt or "empty",
            issues=(issue,),
            encoding=encoding,
            bom=bom,
            newline=_newline(text),
        )
    try:
        document = read(path, text, options, fmt)
    except RecursionError:  # pragma: no cover - readers are iterative; kept as a last guard
        return _unreadable(path, "the file is too deeply nested to read")
    found: list[ReadIssue] = []
    if not document.entries:
        found.append(
            ReadIssue(
                Span(0, 0),
                f"no entries found (read as {document.format}): expected organisations with phase headings",
                Severity.WARNING,
                code="no-entries",
            )
        )
    every = joined(issues, document.issues, found)  # many kept as columns, as the reader had them
    return document._replace(issues=every, encoding=encoding, bom=bom, newline=_newline(text))
