"""A cache hit's findings and outline, each unpickled when first read: what a result-cache entry holds.

A warm run after one file of 2,000 changed takes every other document's result from the result
cache, and of each reads only a few things: its outline's path, text, layout and comments (the
suppressions, the republished answers), and how many findings it has, whether they are in order
and the paths of their related places (the report's order and pieces, :mod:`lint.pieces`).
Unpickling the rest (the findings' columns, the outline's other fields and its entries) was most
of the time spent reading the cache (0.09 s of 2,000 entries), for documents the run never
reads again.

So an entry is pickled (:func:`pickled`) with its :class:`~lint.findings.Findings` as those few
things and the pickle of the rest (:class:`Later`), and its outline's
:class:`~lint.model.Document` as its path, text, layout and comments and the pickle of its
other fields (:func:`_later_document`): reading any other field unpickles them all (through
:class:`lint.spans.Indexed`'s ``__getattr__``). Either is then the object it was, read the same
way, pickled the same way elsewhere (a shard file, the run's spool). The entry's file is sealed
with a CRC-32 (:mod:`lint.sealed`), which covers these inner pickles: they are never unpickled
damaged.
"""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from lint.cachedoutline import LazyEntries, unchecked
from lint.findings import Findings
from lint.model import Comment, Document
from lint.spans import Indexed

if TYPE_CHECKING:
    from lint.engine import DocumentResult
    from lint.model import Entry

_set = object.__setattr__
_HEAD = ("path", "text", "layout", "comments")  # an outline's fields unpickled with its entry (_later_document)
_UNWORKED = Indexed.__slots__


def _pickled_with(table: dict[Any, Any], value: Any) -> bytes:
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = table  # (a dict: looked up in C for each object)
    pickler.dump(value)
    return out.getvalue()


# in a cache file, whose own checksum covers them: an outline's entries without a checksum of their own
_INNER = {**copyreg.dispatch_table, LazyEntries: unchecked}


def pickled(value: Any) -> bytes:
    """``value`` pickled for a cache file (:func:`lint.cachedoutline.unchecked`); a result's findings and
    outline each as what a warm run reads of them and the pickle of the rest (see the module docs)."""
    return _pickled_with(_OUTER, value)


def pickled_inner(value: Any) -> bytes:
    """``value`` pickled for a cache file, findings and outlines whole (:func:`pickled`)."""
    return _pickled_with(_INNER, value)


class Later(Findings):
    """A document's :class:`~lint.findings.Findings` read from the result cache: its columns but the texts
    and the rarer fields, which are unpickled when first read (with the related places' paths apart)."""

    __slots__ = ("_blob", "_paths")
    _blob: bytes | None  # the pickle of the texts and the rarer fields (None: unpickled)
    _paths: dict[int, tuple[str, ...]]

    def related_paths(self) -> dict[int, tuple[str, ...]]:
        return dict(self._paths) if self._blob is not None else super().related_paths()

    def __getattr__(self, name: str) -> Any:
        """Only for a slot that is not set: the texts and the rarer fields, unpickled when first read."""
        blob = self._blob if name in _LATER else None
        if blob is None:
            raise AttributeError(f"{self.__class__.__qualname__!r} object has no attribute {name!r}")
        self._texts, self._extras = pickle.loads(blob)
        self._blob = None
        return getattr(self, name)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_findings, (self.__getstate__(),))  # (pickled elsewhere as the Findings it is)


_LATER = ("_texts", "_extras")  # (read by the report's order: each document's offsets, rules and order)


def _findings(state: tuple[Any, ...]) -> Findings:
    found = Findings.__new__(Findings)
    found.__setstate__(state)
    return found


def _later_findings(head: tuple[Any, ...], paths: dict[int, tuple[str, ...]], blob: bytes) -> Later:
    """:class:`Later` as :func:`_findings_parted` pickled it."""
    found = Later.__new__(Later)
    path, found._starts, found._ends, found._runs, found._codes, found._rules, order = head
    found.path, found._order, found._names, found._ordered = path, order, None, isinstance(order, range)
    found._paths, found._blob = paths, blob
    return found


def _findings_parted(found: Findings) -> tuple[Any, tuple[Any, ...]]:
    path, starts, ends, runs, codes, texts, extras, rules, order = found.__getstate__()  # (order: a range if in order)
    head = (path, starts, ends, runs, codes, rules, order)
    return (_later_findings, (head, found.related_paths(), pickled_inner((texts, extras))))


class _Fields:
    """An outline's fields but those unpickled with its entry (``_HEAD``), unpickled when called; its entries'
    pickle kept apart is then read by ``read`` (else made ``again``: :meth:`LazyEntries.read_apart`)."""

    __slots__ = ("again", "blob", "read")

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        self.read: Callable[[], bytes | None] | None = None
        self.again: Callable[[], Sequence[Entry]] | None = None

    def __call__(self) -> dict[str, Any]:
        fields: dict[str, Any] = pickle.loads(self.blob)
        entries = fields.get("entries")
        if isinstance(entries, LazyEntries) and self.read is not None and self.again is not None:
            entries.read_apart(self.read, self.again)
        return fields


def _later_document(path: str, text: str, layout: str, comments: tuple[Comment, ...], blob: bytes) -> Document:
    """An outline as :func:`_document_parted` pickled it: its other fields unpickled when one is read."""
    document = Document.__new__(Document)
    _set(document, "path", path)
    _set(document, "text", text)
    _set(document, "layout", layout)
    _set(document, "comments", comments)
    for name in _UNWORKED:  # (as its __init__ leaves them: Indexed._unworked)
        _set(document, name, None)
    _set(document, "_fields_from", _Fields(blob))
    return document


def _document_parted(document: Document) -> tuple[Any, tuple[Any, ...]]:
    fields = document._asdict()
    head = [fields.pop(name) for name in _HEAD]
    return (_later_document, (*head, pickled_inner(fields)))


_OUTER = {**_INNER, Findings: _findings_parted, Later: _findings_parted, Document: _document_parted}


def read_apart(result: DocumentResult, read: Callable[[], bytes | None], again: Callable[[], Sequence[Entry]]) -> bool:
    """Tell ``result``'s outline (as :func:`pickled` kept it) how to read its entries' pickle kept apart, and
    how to make them again when it cannot be read (:meth:`LazyEntries.read_apart`); False when the outline
    is not one :func:`pickled` kept."""
    outline = result.outline
    fields = outline._fields_from if isinstance(outline, Document) else None
    if not isinstance(fields, _Fields):
        return False
    fields.read, fields.again = read, again
    return True
