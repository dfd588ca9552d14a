"""``json``: the machine-readable report of the interface contract (version 1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO, cast

try:  # the json module's own C escape (as lint.escape writes JSON), without importing the json package
    from _json import encode_basestring as _quoted
except ImportError:  # pragma: no cover - a Python without the accelerator
    from json.encoder import encode_basestring as _quoted

from lint.escape import json_inert, json_text
from lint.formats import Settings
from lint.model import Severity
from lint.report import Item, Location, Report
from lint.utf8out import bytes_writer

if TYPE_CHECKING:
    from lint.pieces import Run, Store


def _position(location: Location) -> dict[str, int]:
    return {
        "line": location.line,
        "column": location.column,
        "end_line": location.end_line,
        "end_column": location.end_column,
    }


_SEVERITY = {severity: str(severity) for severity in Severity}


def diagnostic(item: Item, report: Report) -> dict[str, Any]:
    d = item.diagnostic
    line, column, end_line, end_column = item.location
    data: dict[str, Any] = {
        "path": d.path,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "rule": d.rule,
        "severity": _SEVERITY[d.severity],
        "message": d.message,
        "entry": d.entry,
        "phase": d.phase,
    }
    data["related"] = (
        [{"path": r.related.path, **_position(r.location), "message": r.related.message} for r in item.related]
        if item.related
        else []
    )
    if d.fix is not None:
        document = report.documents[d.path]
        from lint.report import locate

        data["fix"] = {
            "description": d.fix.description,
            "edits": [{**_position(locate(document.lines, e.span)), "replacement": e.replacement} for e in d.fix.edits],
        }
    else:
        data["fix"] = None
    return data


def document(report: Report, settings: Settings) -> dict[str, Any]:
    return _frame(report, settings, [diagnostic(item, report) for item in report.items])


def _frame(
    report: Report, settings: Settings, diagnostics: list[dict[str, Any]], counts: dict[str, int] | None = None
) -> dict[str, Any]:
    return {
        "version": 1,
        "tool": {"name": "response-lint", "version": settings.tool_version},
        "diagnostics": diagnostics,
        "summary": {"files": report.files, **(report.counts if counts is None else counts)},
    }


# a finding as render writes it (json_text of diagnostic(), indented to its depth), for the
# findings without a fix: made by formatting rather than by walking a dictionary, 7 times faster
_FINDING = (
    '{\n      "path": %s,\n      "line": %d,\n      "column": %d,\n      "end_line": %d,\n      "end_column": %d,'
    '\n      "rule": %s,\n      "severity": %s,\n      "message": %s,\n      "entry": %s,\n      "phase": %s,'
    '\n      "related": %s,\n      "fix": null\n    }'
)
_RELATED = (
    '{\n          "path": %s,\n          "line": %d,\n          "column": %d,\n          "end_line": %d,'
    '\n          "end_column": %d,\n          "message": %s\n        }'
)


class _Other(Exception):
    """A value :func:`_written` leaves to :func:`lint.escape.json_text` (not a str, nor None)."""


def _value(value: object) -> str:
    if type(value) is str:
        return _quoted(value)
    if value is None:
        return "null"
    raise _Other


def _written(item: Item) -> str | None:
    """``item`` as :func:`render` writes it, for a finding without a fix; else None."""
    d = item.diagnostic
    if d.fix is not None:
        return None
    try:
        related = "[]"
        if item.related:
            parts = [_RELATED % (_value(r.related.path), *r.location, _value(r.related.message)) for r in item.related]
            related = "[\n        " + ",\n        ".join(parts) + "\n      ]"
        text = _FINDING % (
            _value(d.path),
            *item.location,
            _value(d.rule),
            _value(_SEVERITY[d.severity]),
            _value(d.message),
            _value(d.entry),
            _value(d.phase),
            related,
        )
    except (_Other, TypeError):
        return None
    return json_inert(text)


_SLOT = '"diagnostics": []'
_BATCH = 512  # findings written at a time


def _text(item: Item, report: Report) -> str:
    text = _written(item)
    return text if text is not None else json_text(diagnostic(item, report)).replace("\n", "\n    ")


def render(report: Report, out: TextIO, settings: Settings) -> None:
    """:func:`document` as JSON, written a few hundred findings at a time: the same text as
    ``json_text(document(...))``, but a large run's report is never one string (nor one
    list of dictionaries) in memory. Each finding is indented to its depth in the document."""
    runs = report.pieces.runs() if report.pieces is not None and report.items else None
    if runs is not None and report.pieces is not None:
        _by_piece(report, out, settings, runs, report.pieces.store("json"))
        return
    skeleton = json_text(_frame(report, settings, []))
    if not report.items:
        out.write(skeleton + "\n")
        return
    head, _, tail = skeleton.partition(_SLOT)
    out.write(head + '"diagnostics": [')
    separator = "\n    "
    batch: list[str] = []
    for item in report.items:
        batch.append(_text(item, report))
        if len(batch) == _BATCH:
            out.write(separator + ",\n    ".join(batch))
            separator, batch = ",\n    ", []
    if batch:
        out.write(separator + ",\n    ".join(batch))
    out.write("\n  ]" + tail + "\n")


_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)  # Report.counts'


def _by_piece(report: Report, out: TextIO, settings: Settings, runs: list[Run], store: Store) -> None:
    """:func:`render` one document's findings at a time (:mod:`lint.pieces`), each piece's text the
    last run's when it kept one with the same key: the same text, without making its findings."""
    head = json_text(_frame(report, settings, [], dict.fromkeys(map(str, _ORDER), 0))).partition(_SLOT)[0]
    out.write(head + '"diagnostics": [')
    put = bytes_writer(out)  # a kept piece's bytes written as they are, neither decoded nor encoded again
    totals = [0, 0, 0]
    separator = "\n    "
    items = report.items
    try:
        for key, start, stop in runs:
            # a kept piece as its bytes for a stream that takes them, else as text (None: not kept, or damaged)
            found = None if key is None else store.raw(key) if put is not None else store.get(key)
            piece: str | bytes | memoryview
            if found is None:
                made = [items[at] for at in range(start, stop)]
                piece = ",\n    ".join([_text(item, report) for item in made])
                severities = [item.diagnostic.severity for item in made]
                counts = (severities.count(_ORDER[0]), severities.count(_ORDER[1]), severities.count(_ORDER[2]))
                del made
                if put is not None:
                    piece = piece.encode("utf-8", "surrogatepass")
            else:
                piece, counts = found
            place = store.add(key, piece, counts, found is None) if key is not None else None
            if put is not None:
                put(separator.encode())
                put(cast("bytes | memoryview", piece), place)
            else:
                out.write(separator + cast(str, piece))
            separator = ",\n    "
            for k in range(3):
                totals[k] += counts[k]
    except BaseException:
        store.close(keep=False)
        raise
    store.close()
    tail = json_text(_frame(report, settings, [], dict(zip(map(str, _ORDER), totals, strict=True))))
    out.write("\n  ]" + tail.partition(_SLOT)[2] + "\n")
