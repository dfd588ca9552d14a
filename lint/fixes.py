"""Apply the fixes that rules attach to findings: to text, as a diff, or to the file.

Writing is atomic (a temporary file in the same folder, then a rename) and keeps the
file's encoding, byte-order mark, line endings and permissions; nothing but the
fixed spans changes. A file is written only when its bytes on disk are still
exactly what the document was read from (re-encoding the unfixed text gives them
back), so a file changed since it was read, or one whose bytes cannot be written
back exactly, is left alone with a :class:`FixError`.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
import sys
from collections.abc import Iterable

from lint.atomic import temporary_beside
from lint.errors import FixError
from lint.model import Diagnostic, Document, Edit
from lint.tuples import NamedTuple


def apply(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """``text`` with non-overlapping ``edits`` applied; returns ``(new_text, applied)``.

    Identical edits count once; an edit overlapping an earlier one is left for a
    later run.
    """
    new_text, applied = _apply(text, edits)
    return new_text, len(applied)


def _apply(text: str, edits: Iterable[Edit]) -> tuple[str, set[Edit]]:
    """As :func:`apply`, returning the edits applied."""
    ordered = sorted(set(edits), key=lambda e: (e.span.start, e.span.end, e.replacement))
    out: list[str] = []
    position = 0
    applied: set[Edit] = set()
    last_insert: int | None = None
    for edit in ordered:
        if edit.span.start < position or edit.span.end > len(text):
            continue
        if not edit.span.length and last_insert == edit.span.start:
            continue  # two insertions at one place: their order would be a guess
        out.append(text[position : edit.span.start])
        out.append(edit.replacement)
        position = edit.span.end
        last_insert = edit.span.start if not edit.span.length else None
        applied.add(edit)
    out.append(text[position:])
    return "".join(out), applied


def _encodable(document: Document, edit: Edit) -> bool:
    try:
        edit.replacement.encode(document.encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _with_newlines(document: Document, edit: Edit) -> Edit:
    """The edit with any line breaks in its replacement written as the file writes them."""
    replacement = edit.replacement
    if "\n" not in replacement and "\r" not in replacement:
        return edit
    unified = replacement.replace("\r\n", "\n").replace("\r", "\n")
    return Edit(edit.span, unified.replace("\n", document.newline))


def _edits(document: Document, diagnostic: Diagnostic) -> list[Edit]:
    """The diagnostic's edits as they would be written (with the file's line breaks)."""
    if diagnostic.fix is None or diagnostic.path != document.path:
        return []
    return [_with_newlines(document, edit) for edit in diagnostic.fix.edits]


def fixed_text(document: Document, diagnostics: Iterable[Diagnostic]) -> tuple[str, int]:
    """The document's text with the fixes of ``diagnostics`` applied, and how many edits were.

    Edits whose replacement cannot be written in the file's encoding are skipped.
    """
    new_text, applied = _fixed(document, diagnostics)
    return new_text, len(applied)


def _fixed(document: Document, diagnostics: Iterable[Diagnostic]) -> tuple[str, set[Edit]]:
    edits = [edit for d in diagnostics for edit in _edits(document, d)]
    return _apply(document.text, [edit for edit in edits if _encodable(document, edit)])


def _diff_lines(text: str) -> list[str]:
    """Lines as ``patch`` and ``git apply`` count them: ended by LF only (a CR stays in its line).

    ``str.splitlines`` also breaks at U+2028, NEL, form feed and the other separators,
    which made a patch that no tool could apply to a file holding them inside a line.
    """
    lines = text.split("\n")
    last = lines.pop()
    result = [line + "\n" for line in lines]
    if last:
        result.append(last + "\n\\ No newline at end of file\n")
    return result


_GIT_ESCAPES = {7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\"}


def diff_path(path: str) -> str:
    """``path`` for a diff header, quoted as git quotes it when it holds a control character,
    a quote, a backslash or a byte that is not UTF-8 (a newline in a file name would end the header)."""
    if not any(ord(c) < 32 or c in '"\\\x7f' or "\ud800" <= c <= "\udfff" for c in path):
        return path
    raw = path.encode("utf-8", "surrogateescape")
    return '"' + "".join(_GIT_ESCAPES.get(b) or (chr(b) if 32 <= b < 127 else f"\\{b:03o}") for b in raw) + '"'


def unified_diff(document: Document, new_text: str) -> str:
    """A unified diff from the document's text to ``new_text`` (paths as ``a/…`` and ``b/…``)."""
    path = document.path.replace(os.sep, "/").lstrip("/")
    return "".join(
        difflib.unified_diff(
            _diff_lines(document.text),
            _diff_lines(new_text),
            fromfile=diff_path(f"a/{path}"),
            tofile=diff_path(f"b/{path}"),
        )
    )


def _utf16_codec(original: bytes | None) -> str:
    if original is not None and original.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    if original is not None and original.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    return "utf-16-le" if sys.byteorder == "little" else "utf-16-be"


def encode(document: Document, text: str, original: bytes | None = None) -> bytes:
    """``text`` as the file's bytes: its encoding and byte-order mark.

    ``original`` (the file's current bytes) chooses the byte order of UTF-16.
    """
    if document.encoding == "utf-16":
        codec = _utf16_codec(original)
        bom = codecs.BOM_UTF16_BE if codec.endswith("be") else codecs.BOM_UTF16_LE
        return (bom if document.bom else b"") + text.encode(codec)
    data = text.encode(document.encoding)
    if document.bom and document.encoding == "utf-8":
        data = codecs.BOM_UTF8 + data
    return data


def write(document: Document, text: str) -> None:
    """Replace the file of ``document`` by ``text``, atomically, keeping its mode.

    Raises :class:`FixError` when the file is read-only, has changed since it was
    read, cannot be written back byte for byte, or its folder cannot be written.
    """
    path = os.path.realpath(document.path)  # write through a symlink, never over it
    try:
        info = os.stat(path)
        with open(path, "rb") as handle:
            original = handle.read()
    except OSError as exc:
        raise FixError(f"{document.path}: cannot read the file again: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise FixError(f"{document.path}: not a regular file")
    mode = stat.S_IMODE(info.st_mode)
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FixError(f"{document.path}: the file is read-only")
    try:
        unchanged = encode(document, document.text, original) == original
    except UnicodeEncodeError:
        unchanged = False
    if not unchanged:
        raise FixError(
            f"{document.path}: the file changed since it was read, or its bytes cannot be "
            "written back exactly; run again"
        )
    try:
        data = encode(document, text, original)
    except UnicodeEncodeError as exc:
        raise FixError(f"{document.path}: the fix cannot be written in {document.encoding}: {exc.reason}") from None
    folder = os.path.dirname(path)
    try:
        fd, temp = temporary_beside(folder)
    except OSError as exc:
        raise FixError(f"{document.path}: cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        try:
            os.chown(temp, info.st_uid, info.st_gid)
        except (OSError, AttributeError):
            pass  # only the owner or root may give a file away; the mode is kept either way
        os.replace(temp, path)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FixError(f"{document.path}: cannot write the file: {exc.strerror or exc}") from None
        raise


class FixOutcome(NamedTuple):
    """What ``--fix`` (or ``--diff``) did: the findings left, and how many were (or would be) fixed where."""

    remaining: list[Diagnostic]
    fixed: int
    files: int
    diff: str

    def note(self, would: bool) -> str:
        findings = f"{self.fixed} finding{'' if self.fixed == 1 else 's'}"
        files = f"{self.files} file{'' if self.files == 1 else 's'}"
        return f"{'Would fix' if would else 'Fixed'} {findings} in {files} ({len(self.remaining)} remaining)."


def fix_all(documents: Iterable[Document], diagnostics: list[Diagnostic], write_files: bool) -> FixOutcome:
    """Apply the fixes of ``diagnostics`` to their files (``write_files``) or only compute the diff.

    With ``write_files`` false nothing is written, whatever else was asked: ``--diff`` always wins.
    A file that cannot be written keeps its findings, with a warning on stderr.
    """
    remaining: list[Diagnostic] = []
    diff: list[str] = []
    fixed = files = 0
    for document in documents:
        own = [d for d in diagnostics if d.path == document.path]
        new_text, applied = _fixed(document, own)
        if not applied or new_text == document.text:
            remaining.extend(own)
            continue
        # fixed: a finding whose every edit went in (one overlapping another waits for a later run)
        done = [d for d in own if d.fix is not None and d.fix.edits and applied.issuperset(_edits(document, d))]
        if write_files:
            try:
                write(document, new_text)
            except FixError as exc:
                from lint.escape import say

                say(f"{exc}: fixes not written")
                remaining.extend(own)
                continue
        else:
            diff.append(unified_diff(document, new_text))
        fixed += len(done)
        files += 1
        remaining.extend(d for d in own if all(d is not x for x in done))
    return FixOutcome(sorted(remaining, key=Diagnostic.sort_key), fixed, files, "".join(diff))
