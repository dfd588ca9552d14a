"""``--changed-since REF``: keep only the findings on what changed since a git revision.

The changed lines of each linted file come from the hunks of
``git diff --unified=0 REF -- FILES`` (the working tree against REF, so staged and
unstaged edits count); a file git does not track is new, every line of it. A finding
is kept when its lines meet a changed line, or when it speaks for a larger part that
changed: a finding on an entry's name or a phase's heading when that entry or phase
changed (lines deleted inside it count), and a finding on the whole document (of a rule
whose check kind declares ``whole_document``, on the title, a file-level problem) when
the file changed at all.
``REF...`` (three dots) means the merge base of REF and HEAD, as pull requests want.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import subprocess
from array import array
from collections.abc import Collection, Iterable, Mapping, Sequence

from lint.errors import ChangedError
from lint.findings import select
from lint.model import Diagnostic, Document, Span

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_CHUNK = 200  # pathspecs per git call, well below any command-line limit


class FileChanges:
    """What changed in one file: added or changed lines (runs of them, as the diff's hunks give
    them: a set held an int and a slot for each of 40,000 changed lines), lines next to
    deletions (``touched``), and whether the file is new."""

    __slots__ = ("_cache", "_runs", "new", "touched")

    def __init__(self, lines: Iterable[int] = (), touched: Iterable[int] = (), new: bool = False) -> None:
        self._runs = array("q")  # first, last + 1 of each run of changed lines
        self.touched = set(touched)
        self.new = new
        # per kind of lookup, the runs merged and sorted: starts and stops, and the sizes they were made at
        self._cache: dict[bool, tuple[tuple[int, int], array[int], array[int]]] = {}
        for line in lines:
            self.add(line)

    def add(self, first: int, stop: int | None = None) -> None:
        """Lines ``first`` up to ``stop`` (by default, ``first`` alone) changed."""
        self._runs += array("q", (first, first + 1 if stop is None else stop))

    @property
    def lines(self) -> set[int]:
        """The changed line numbers, one by one."""
        runs = self._runs
        return {n for i in range(0, len(runs), 2) for n in range(runs[i], runs[i + 1])}

    @property
    def changed(self) -> bool:
        return self.new or bool(self._runs) or bool(self.touched)

    def meets(self, lines: range, touched_too: bool = False) -> bool:
        """True when a changed line (or, with ``touched_too``, a line next to a deletion) is in ``lines``.

        A binary search in the sorted runs of changed lines: looking through them all for each
        finding took time in the product (40,000 changed lines and as many findings).
        """
        starts, stops = self._sorted(touched_too)
        at = bisect.bisect_left(starts, lines.stop) - 1  # the last run starting before ``lines`` ends
        return at >= 0 and stops[at] > lines.start

    def _sorted(self, touched_too: bool) -> tuple[array[int], array[int]]:
        # kept per kind, so that keep()'s changed-lines-then-touched-too lookups (a finding on an
        # entry's name or a phase's heading) do not sort again each time; redone if more was added
        size = (len(self._runs), len(self.touched))
        held = self._cache.get(touched_too)
        if held is None or held[0] != size:
            runs: Iterable[tuple[int, int]] = zip(self._runs[::2], self._runs[1::2], strict=True)
            if touched_too:
                runs = itertools.chain(runs, ((n, n + 1) for n in self.touched))
            starts, stops = array("q"), array("q")
            for first, stop in sorted(runs):
                if stops and first <= stops[-1]:
                    stops[-1] = max(stops[-1], stop)
                else:
                    starts.append(first)
                    stops.append(stop)
            held = self._cache[touched_too] = (size, starts, stops)
        return held[1], held[2]


def _git(args: Sequence[str], cwd: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True, timeout=120, check=False
        )
    except FileNotFoundError:
        raise ChangedError("--changed-since needs git, and no 'git' program was found") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise ChangedError(f"--changed-since: running git failed: {exc}") from None


def _unquote(path: str) -> str:
    """A path as git prints it: C-quoted (``"a\\tb"``, octal UTF-8 bytes) when it has odd characters."""
    if not (path.startswith('"') and path.endswith('"') and len(path) >= 2):
        return path
    body = path[1:-1]
    out = bytearray()
    i = 0
    escapes = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567" and re.match(r"[0-7]{3}", body[i + 1 : i + 4]):
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            if nxt in escapes:
                out.append(escapes[nxt])
                i += 2
                continue
        out.extend(c.encode("utf-8", "surrogateescape"))
        i += 1
    return os.fsdecode(bytes(out))


def parse_diff(text: str) -> dict[str, FileChanges]:
    """Changed lines per path (as git names them, relative to the top level) from a ``-U0`` diff."""
    result: dict[str, FileChanges] = {}
    current: FileChanges | None = None
    for line in text.splitlines():
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            target = _unquote(line[4:].rstrip("\t"))
            if target == "/dev/null":
                current = None  # a deleted file: nothing of it is linted
                continue
            current = result.setdefault(target[2:] if target.startswith("b/") else target, FileChanges())
        elif line.startswith("Binary files ") and line.endswith(" differ"):
            match = re.match(r"^Binary files (?:.*) and (.*) differ$", line)
            if match and match.group(1) != "/dev/null":
                target = _unquote(match.group(1))
                result.setdefault(target[2:] if target.startswith("b/") else target, FileChanges()).new = True
        elif current is not None and line.startswith("@@"):
            match = _HUNK.match(line)
            if match is None:
                continue
            start, count = int(match.group(1)), int(match.group(2) if match.group(2) is not None else 1)
            if count:
                current.add(start, start + count)
            else:  # lines deleted after line ``start``: the lines around the gap are touched
                current.touched.update(n for n in (start, start + 1) if n >= 1)
    return result


def _toplevel(first: str) -> str:
    """The work tree holding ``first``; every other file must be in it too."""
    proc = _git(["rev-parse", "--show-toplevel"], os.path.dirname(os.path.realpath(first)))
    if proc.returncode != 0:
        raise ChangedError(f"--changed-since: {first} is not inside a git repository")
    return os.path.realpath(os.fsdecode(proc.stdout).strip())


def _revision(ref: str, top: str) -> str:
    if not ref or ref.startswith("-"):
        raise ChangedError(f"--changed-since: {ref!r} is not a git revision")
    base = ref[:-3] if ref.endswith("...") else ref
    proc = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{base or 'HEAD'}^{{commit}}"], top)
    if proc.returncode != 0:
        raise ChangedError(f"--changed-since: unknown git revision {base!r} in {top}")
    commit = proc.stdout.decode().strip()
    if ref.endswith("..."):
        merge = _git(["merge-base", commit, "HEAD"], top)
        if merge.returncode != 0:
            raise ChangedError(f"--changed-since: {base!r} and HEAD have no common ancestor")
        commit = merge.stdout.decode().strip()
    return commit


def changes_since(ref: str, files: Sequence[str]) -> dict[str, FileChanges]:
    """What changed since ``ref`` in each of ``files`` (keys as given); unchanged files are absent."""
    if not files:
        return {}
    top = _toplevel(files[0])
    commit = _revision(ref, top)
    relative: dict[str, str] = {}
    for path in files:
        real = os.path.realpath(path)
        if os.path.commonpath([real, top]) != top:
            raise ChangedError(f"--changed-since: {path} is outside the git repository {top}")
        relative[path] = os.path.relpath(real, top).replace(os.sep, "/")
    names = list(dict.fromkeys(relative.values()))
    by_name: dict[str, FileChanges] = {}
    for i in range(0, len(names), _CHUNK):
        specs = [f":(literal){name}" for name in names[i : i + _CHUNK]]
        diff = _git(
            [
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--no-renames",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                "--ignore-submodules",
                commit,
                "--",
                *specs,
            ],
            top,
        )
        if diff.returncode != 0:
            message = diff.stderr.decode("utf-8", errors="replace").strip().splitlines()
            raise ChangedError(f"--changed-since: git diff failed: {message[-1] if message else diff.returncode}")
        # file names are bytes: decoded as os does, so that a name that is not UTF-8 matches its path
        by_name.update(parse_diff(os.fsdecode(diff.stdout)))
        others = _git(["ls-files", "--others", "-z", "--", *specs], top)
        if others.returncode == 0:
            for name in os.fsdecode(others.stdout).split("\0"):
                if name:
                    by_name.setdefault(name, FileChanges()).new = True
    return {path: by_name[name] for path, name in relative.items() if name in by_name}


def _lines(document: Document, span: Span) -> range:
    index = document.lines
    first = index.line_of(span.start)
    return range(first, index.line_of(max(span.end - 1, span.start)) + 1)


def keep(
    diagnostic: Diagnostic, document: Document, changes: FileChanges | None, whole_document: Collection[str] = ()
) -> bool:
    """True when ``diagnostic`` is about something that changed.

    ``whole_document`` names the rules whose findings are about the whole document
    rather than the line they stand on (their check kind's ``whole_document``).
    """
    if changes is None or not changes.changed:
        return False
    if changes.new:
        return True
    span = diagnostic.span
    if diagnostic.rule in whole_document or not document.text:
        return True
    if document.title_span is not None and document.title_span.contains(span):
        return True
    if span == Span(0, 0) or (span.start == 0 and span.end >= len(document.text)):
        return True
    if changes.meets(_lines(document, span)):
        return True
    entry, phase = document.phase_at(span.start)  # a binary search, not a walk of every entry
    if entry is not None and entry.name_span.contains(span):
        return changes.meets(_lines(document, entry.span), touched_too=True)
    if phase is not None and phase.heading_span is not None and phase.heading_span.contains(span):
        return changes.meets(_lines(document, phase.span), touched_too=True)
    return False


def narrow(
    diagnostics: Sequence[Diagnostic],
    documents: Mapping[str, Document],
    ref: str,
    whole_document: Collection[str] = (),
) -> Sequence[Diagnostic]:
    """The diagnostics about what changed since ``ref`` (see the module docs and :func:`keep`), each
    judged as it is made (:func:`lint.findings.select`)."""
    changes = changes_since(ref, list(documents))
    return select(
        diagnostics,
        (d.path in documents and keep(d, documents[d.path], changes.get(d.path), whole_document) for d in diagnostics),
    )
