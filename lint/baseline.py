"""Baselines: accept today's findings, and report only new ones from then on.

``--write-baseline FILE`` records every finding of a run by a fingerprint that does
not depend on line numbers (:mod:`lint.fingerprints`: rule, path, entry, phase, the
normalised text of the finding, and an occurrence counter for repeats), with paths
relative to the config's root so that ``docs`` and ``./docs`` agree. ``--baseline
FILE`` drops the findings whose fingerprint the file holds and counts the entries
that no longer occur. The file is JSON with a ``version`` field, sorted for small
diffs in review.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lint import __version__
from lint.atomic import write_atomic
from lint.errors import BaselineError, require_folder
from lint.escape import json_text
from lint.files import read_regular, relative_to_root
from lint.fingerprints import fingerprints
from lint.model import Diagnostic, Document

VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding: its fingerprint, and what it was (for people reading the file)."""

    fingerprint: str
    path: str
    rule: str
    line: int
    message: str
    entry: str | None = None
    phase: str | None = None


@dataclass(frozen=True)
class Filtered:
    """The findings a baseline does not know, and how the baseline compared."""

    new: list[Diagnostic]
    known: int  # findings the baseline held (dropped from the report)
    stale: int  # baseline entries, for files and rules of this run, that no longer occur
    source: str

    @property
    def note(self) -> str:
        text = f"baseline {self.source}: {_count(self.known, 'known finding')} not reported"
        if self.stale:
            occur = "occurs" if self.stale == 1 else "occur"
            text += (
                f"; {_count(self.stale, 'baseline entry', 'baseline entries')} no longer {occur} "
                "(refresh the file with --write-baseline)"
            )
        return text


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def entries(diagnostics: Sequence[Diagnostic], documents: Mapping[str, Document], root: Path) -> list[Entry]:
    """The baseline entries for ``diagnostics`` (in their order), paths relative to ``root``."""
    paths = {path: relative_to_root(path, root) for path in {d.path for d in diagnostics}}
    texts = {paths[path]: documents[path].text for path in paths if path in documents}
    moved = [d._replace(path=paths[d.path]) for d in diagnostics]
    result = []
    for diagnostic, original, fingerprint in zip(moved, diagnostics, fingerprints(moved, texts), strict=True):
        document = documents.get(original.path)
        line = document.lines.line_of(original.span.start) if document is not None else 0
        result.append(
            Entry(
                fingerprint,
                diagnostic.path,
                diagnostic.rule,
                line,
                diagnostic.message,
                diagnostic.entry,
                diagnostic.phase,
            )
        )
    return result


def write(path: str, diagnostics: Sequence[Diagnostic], documents: Mapping[str, Document], root: Path) -> int:
    """Write the baseline of ``diagnostics`` to ``path`` (atomically); returns the number of entries."""
    found = sorted(entries(diagnostics, documents, root), key=lambda e: (e.path, e.line, e.rule, e.fingerprint))
    data = {
        "version": VERSION,
        "tool": {"name": "response-lint", "version": __version__},
        "findings": [
            {
                "fingerprint": e.fingerprint,
                "path": e.path,
                "rule": e.rule,
                "line": e.line,
                "entry": e.entry,
                "phase": e.phase,
                "message": e.message,
            }
            for e in found
        ],
    }
    require_folder(path, "--write-baseline", BaselineError)
    try:
        write_atomic(path, (json_text(data) + "\n").encode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"--write-baseline: cannot write {path}: {exc.strerror or exc}") from None
    return len(found)


def load(path: str) -> list[Entry]:
    """The entries of the baseline file ``path``; :class:`BaselineError` when it is missing or invalid."""
    try:
        data = json.loads(read_regular(path).decode("utf-8-sig"))
    except FileNotFoundError:
        raise BaselineError(f"--baseline: {path}: no such file (create it with --write-baseline {path})") from None
    except IsADirectoryError:
        raise BaselineError(f"--baseline: {path} is a folder, not a baseline file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"--baseline: cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"--baseline: {path} is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    where = f"--baseline: {path}"
    if not isinstance(data, dict) or "findings" not in data:
        raise BaselineError(f"{where}: not a response-lint baseline (no 'findings'); write one with --write-baseline")
    if data.get("version") != VERSION:
        raise BaselineError(
            f"{where}: unsupported baseline version {data.get('version')!r} "
            f"(this response-lint reads version {VERSION}); rewrite it with --write-baseline"
        )
    raw = data["findings"]
    if not isinstance(raw, list):
        raise BaselineError(f"{where}: 'findings' must be a list")
    result = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise BaselineError(f"{where}: findings[{index}] must be an object")
        for key in ("fingerprint", "path", "rule"):
            if not isinstance(item.get(key), str) or not item[key]:
                raise BaselineError(f"{where}: findings[{index}].{key} must be a non-empty string")
        line = item.get("line", 0)
        result.append(
            Entry(
                item["fingerprint"],
                item["path"],
                item["rule"],
                line if isinstance(line, int) and not isinstance(line, bool) else 0,
                str(item.get("message", "")),
                item.get("entry"),
                item.get("phase"),
            )
        )
    return result


def apply(
    known: Sequence[Entry],
    diagnostics: Sequence[Diagnostic],
    documents: Mapping[str, Document],
    root: Path,
    rules: Collection[str],
    source: str,
) -> Filtered:
    """``diagnostics`` less those in ``known``; counts the known entries that no longer occur.

    Only entries for the documents and ``rules`` of this run can be judged stale: a run
    on one file with a repository-wide baseline does not call the others stale.
    """
    fingerprints_known = {entry.fingerprint for entry in known}
    current = entries(diagnostics, documents, root)
    new = [d for d, e in zip(diagnostics, current, strict=True) if e.fingerprint not in fingerprints_known]
    seen = {e.fingerprint for e in current}
    linted = {relative_to_root(path, root) for path in documents}
    stale = sum(1 for entry in known if entry.fingerprint not in seen and entry.path in linted and entry.rule in rules)
    return Filtered(new, len(diagnostics) - len(new), stale, source)
