"""The result cache: each document's :class:`~lint.engine.DocumentResult`, kept between runs.

Like ``.ruff_cache``: a folder in the project (``.response-lint-cache`` beside the
config, else in the current folder) with a ``.gitignore`` of its own, so it never
shows in ``git status``. Entries live under a *namespace*: a hash of the tool's version
and code, the effective config, the chosen rules with their options, and the size and
modification time of the rule files and of any file a rule option names (word lists,
rosters). Changing
any of them gives a new namespace, so an entry is only ever read back by a run that
would compute the same result. Within it, an entry is keyed by the file's path and a
hash of its bytes: the content hash, never the modification time (:mod:`lint.cachekeys`
makes these hashes).

A document's entry is a file ``KEY`` (its findings and outline, what every run reads, the
outline's entries pickled in a file of their own, ``KEY.e``, read only when asked for:
:mod:`lint.cachedoutline`, and a digest of each corpus rule's summary of it) and one ``KEY.RULE.s`` per corpus
rule (that rule's summary, read only when that rule must run again). The corpus rules'
findings are kept too, under ``corpus/``, each rule's apart, keyed by :func:`rule_key`:
the rule and, in run order, the path and summary digest of each document it summarised.
A corpus rule is a pure function of its summaries, so a run in which they are the same
reuses its findings and reads none of them: a warm re-run with nothing changed, or a
run that changed only what that rule does not read (a paragraph too short for
entry-copy leaves its findings standing while cross-page-drift runs again).

An entry is written whole or not at all (a temporary file, then one rename), so runs
may share the cache at once. Every file this module writes ends with a CRC-32 of the bytes
before it (:mod:`lint.sealed`), checked before they are unpickled: a byte changed anywhere in
it (findings, digests, a kept state's numbering) makes it a miss, never a value believed.
An entry whose check fails, that does not unpickle, or whose recorded path and hash are
not the ones asked for, is a miss (and is removed): a stale, corrupt or half-written cache
never changes what a run reports and never stops it. (A CRC, not a cryptographic digest:
it guards against damage, not forgery. A kept state's parts, read a slice at a time, are
checked a block at a time as they are read: :mod:`lint.keptfiles`.)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from lint import keptfiles
from lint.cachedir import RESULT_CACHE_ENV, RESULT_CACHE_FOLDER, result_cache_dir
from lint.cachedoutline import LazyEntries, packed
from lint.cachedresult import pickled, pickled_inner, read_apart
from lint.cachekeys import FORMAT, namespace, summary_digest
from lint.checks.api import Anchored
from lint.files import read_whole
from lint.model import Span
from lint.sealed import SIZE as sealed_size
from lint.sealed import intact, sealed

if TYPE_CHECKING:
    from lint.checks.api import Finding
    from lint.config import Config
    from lint.engine import DocumentResult
    from lint.model import Entry
    from lint.rules import Rule

FOLDER = RESULT_CACHE_FOLDER
_GITIGNORE = "# Created by response-lint: the result cache, never committed.\n*\n"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# response-lint result cache: see https://bford.info/cachedir/\n"


# a document's summaries' marks: the digest of each (rule -> digest) and the anchors of each anchored one
Marks = tuple[dict[str, str], dict[str, tuple[int, ...]]]
_RUNS_KEPT = 12  # corpus findings of this many (rule, run)s: an edit-and-rerun loop needs the last run's
ENV = RESULT_CACHE_ENV


def folder_for(config: Config) -> Path | None:
    """The cache folder of the project ``config`` belongs to (None: caching is off): see
    :func:`lint.cachedir.result_cache_dir`."""
    return result_cache_dir(config.root)


def open_for(rules: Sequence[Rule], config: Config) -> ResultCache | None:
    """The cache a run with these rules and this config reads and writes (None: caching is off)."""
    folder = folder_for(config)
    return ResultCache(folder, namespace(rules, config)) if folder is not None else None


class ResultCache:
    """Entries of one namespace in one cache folder."""

    def __init__(self, folder: Path, space: str) -> None:
        self.folder = folder
        self.space = space
        self._dir = folder / f"v{FORMAT}" / space
        self._base = str(self._dir)  # entries' names joined as strings: pathlib's joins cost ~0.1 ms each
        self._ready = False

    def _key(self, path: str, content: str) -> str:
        return hashlib.blake2b(f"{path}\0{content}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _entry(self, path: str, content: str) -> str:
        key = self._key(path, content)
        return f"{self._base}{os.sep}{key[:2]}{os.sep}{key}"

    def _load(self, entry: str | Path, *header: str, loads: Callable[[bytes], Any] = pickle.loads) -> Any:
        """What ``entry`` holds after ``header``; None (and the entry removed) if it is missing,
        damaged (its CRC-32 does not hold: :mod:`lint.sealed`) or written for another key."""
        try:
            blob = read_whole(entry)
        except OSError:
            return None
        try:
            if intact(blob):
                stored: Any = loads(blob)  # (stops at the pickle's end, before the CRC)
                if isinstance(stored, tuple) and stored[: len(header)] == header:
                    return stored[len(header) :]
        except Exception:
            pass
        try:
            os.unlink(entry)
        except OSError:
            pass
        return None

    def _store(self, entry: str | Path, value: Any, dumps: Callable[[Any], bytes] = pickled_inner) -> bool:
        """Write ``value`` (as ``dumps`` makes it bytes) to ``entry``; whether it was written."""
        from lint.atomic import write_atomic

        try:
            if not self._ready:
                self._prepare()
            os.makedirs(os.path.dirname(entry), exist_ok=True)
            write_atomic(entry, sealed(dumps(value)))
        except OSError:
            return False
        return True

    def get(
        self, path: str, content: str, again: Callable[[], Sequence[Entry]]
    ) -> tuple[DocumentResult, bool, Marks] | None:
        """The stored result for ``path`` with this content hash, whether its text was left out, and
        its summaries' marks (:meth:`put`); or None.

        The result comes without its summaries (``{}``): :meth:`summary` reads them. Its outline's
        entries are read from their own file when first read (:meth:`put`); ``again`` makes them
        from the document when that file is missing or is not the one the entry recorded.
        """
        entry = self._entry(path, content)
        found = self._load(entry, path, content)
        if found is None or len(found) != 4 or not isinstance(found[2], dict) or not isinstance(found[3], dict):
            return None
        if not read_apart(found[0], lambda: _read_or_none(f"{entry}.e"), again):
            return None  # (not what put stores)
        return found[0], found[1], (found[2], found[3])

    def _summary_file(self, path: str, content: str, rule: str) -> str:
        return f"{self._entry(path, content)}.{rule}.s"

    def summary(self, path: str, content: str, rule: str, digest: str) -> tuple[Any] | None:
        """The stored summary of ``path`` with this content hash by ``rule`` (in a 1-tuple: a summary
        may be None), if it has the digest the entry recorded; else None."""
        entry = self._summary_file(path, content, rule)
        found = self._load(entry, path, content, rule, digest)
        if found is not None and len(found) == 2 and isinstance(found[0], bytes):
            try:
                summary = pickle.loads(found[0])
            except Exception:
                return None
            return (summary if found[1] is None else Anchored(summary, found[1]),)
        return None

    def put(self, path: str, content: str, result: DocumentResult, text_left_out: bool) -> Marks:
        """Store a result; a cache that cannot be written is skipped silently (it only costs speed).
        Gives its summaries' marks: the digest of each (:func:`summary_digest`; of an
        :class:`~lint.checks.api.Anchored` summary, of what it says without its anchors), and
        the anchors of each anchored one.

        The summaries are written first: a result whose summary file is missing or damaged
        is read back as a miss when that summary is needed, never as a document without it.
        """
        digests: dict[str, str] = {}
        anchors: dict[str, tuple[int, ...]] = {}
        for rule, summary in result.summaries.items():
            placed = None
            if isinstance(summary, Anchored):
                summary, placed = summary.summary, anchors.setdefault(rule, summary.anchors)
            blob = pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL)
            digests[rule] = digest = summary_digest(blob)
            self._store(self._summary_file(path, content, rule), (path, content, rule, digest, blob, placed))
        # its entries read when needed, from a file of their own (most of an entry's bytes: a warm run reads
        # next to none); no rule's time (a run reading it ran none: 7 ms of 2,000 to unpickle)
        entry = self._entry(path, content)
        outline = packed(result.outline)
        blob, entries = cast(LazyEntries, outline.entries).apart()
        if self._store(f"{entry}.e", blob, lambda blob: blob):  # (first: an entry is read with them)
            kept = result._replace(summaries={}, times={}, outline=outline._replace(entries=entries))
            self._store(entry, (path, content, kept, text_left_out, digests, anchors), pickled)
        return digests, anchors

    def _corpus_file(self, key: str) -> tuple[Path, tuple[Any, ...]] | None:
        """The file of :meth:`put_corpus` for ``key`` and what it holds after the key (None: nothing sound)."""
        file = self._dir / "corpus" / key[:2] / key
        found = self._load(file, key)
        if found is None or len(found) != 3 or not isinstance(found[0], bytes) or not isinstance(found[2], list):
            return None
        return file, found

    def corpus(self, key: str) -> tuple[list[Finding], dict[str, tuple[int, ...]], Any] | None:
        """A corpus rule's findings on the summaries of this :func:`rule_key`, the anchors of each
        document's summary they were found on and their names (:meth:`put_corpus`); or None."""
        kept = self._corpus_file(key)
        if kept is None:
            return None
        file, (blob, names, _) = kept
        try:  # used now: the newest are kept (put_corpus), and a rule whose summaries never change is one
            os.utime(file)
        except OSError:
            pass
        findings, anchors = pickle.loads(blob)  # (a CRC-checked file's: as put_corpus pickled them)
        return findings, anchors, names

    def corpus_places(self, key: str) -> tuple[list[tuple[str | None, int]], Any] | None:
        """Where each of :meth:`corpus`'s findings begins (its path and offset, in order) and their names, without
        unpickling the findings and anchors (what :func:`lint.gathered.again` reads of the last run's); or None."""
        kept = self._corpus_file(key)
        return None if kept is None else (kept[1][2], kept[1][1])

    def put_corpus(
        self, key: str, findings: Sequence[Finding], anchors: dict[str, tuple[int, ...]], names: Any
    ) -> None:
        """Keep a corpus rule's findings (:func:`rule_key`) with the anchors of each document's summary
        they were found on (path -> anchors) and ``names`` (:func:`lint.gathered.names_of`); only the
        newest few are kept. The findings and anchors are an inner pickle, beside where each finding begins
        (:meth:`corpus_places`)."""
        folder = self._dir / "corpus"
        stored = [f._replace(args=dict(f.args)) for f in findings]
        places = [(f.path, f.span.start) for f in stored]
        self._store(folder / key[:2] / key, (key, pickled_inner((stored, anchors)), names, places))
        try:
            kept = sorted(folder.glob("*/*"), key=lambda p: p.stat().st_mtime_ns)
        except OSError:
            return
        for old in kept[:-_RUNS_KEPT]:
            try:
                old.unlink()
            except OSError:
                pass

    def stat_file(self) -> Path:
        """The stat index of this cache format (:mod:`lint.statindex`), shared by its namespaces."""
        return self._dir.parent / "stat.marshal"

    def _again_file(self, rule: str) -> Path:
        return self._dir / "again" / hashlib.blake2b(rule.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def again(self, rule: str) -> tuple[list[tuple[str, str, str]], Any] | None:
        """What a corpus rule kept of its last run for ``check_corpus_again`` (:meth:`put_again`):
        the documents it summarised then (path, content hash, summary digest, in run order) and
        its state; or None."""
        file = self._again_file(rule)
        found = self._load(file, rule, loads=lambda blob: keptfiles.loads(blob, f"{file}.parts"))
        if found is None or len(found) != 2 or not isinstance(found[0], list):
            return None
        return found[0], found[1]

    def put_again(self, rule: str, summarised: list[tuple[str, str, str]], state: Any) -> None:
        """Keep a corpus rule's state after a run, with the documents it summarised (only the last
        run's: written whole, so a reader never sees a state with another run's documents); its
        :class:`~lint.checks.api.Mapped` parts in files of their own (:mod:`lint.keptfiles`)."""
        file = self._again_file(rule)
        parts = f"{file}.parts"
        names: set[str] = set()

        def dumps(value: Any) -> bytes:
            blob, held = keptfiles.dumps(value, parts)
            names.update(held)
            return blob

        if self._store(file, (rule, summarised, state), dumps):
            keptfiles.prune(parts, names)

    def pieces(self) -> Path | None:
        """The folder of the report pieces formats keep (:mod:`lint.pieces`); None: it cannot be made."""
        try:
            if not self._ready:
                self._prepare()
        except OSError:
            return None
        return self._dir / "pieces"

    def _prepare(self) -> None:
        """The folder, its ``.gitignore`` and ``CACHEDIR.TAG``; namespaces of older runs, and the
        folders of earlier cache formats, are removed."""
        self._dir.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _TAG)):
            marker = self.folder / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
        try:
            others = sorted(
                (p for p in self._dir.parent.iterdir() if p.name != self.space and _ours(p)),
                key=lambda p: p.stat().st_mtime,
            )
        except OSError:
            others = []
        for other in others[:-3]:  # keep the newest few: configs used in turn should not evict each other
            shutil.rmtree(other, ignore_errors=True)
        _prune_formats(self.folder)
        self._ready = True


_NAMESPACE = re.compile(r"[0-9a-f]{32}")
_OTHER_FORMAT = re.compile(r"v[0-9]+")


def _ours(path: Path) -> bool:
    """Whether ``path``, in a format's folder, is something this tool writes there: a namespace's
    folder, the stat index (lint.statindex) or a temporary file (lint.atomic)."""
    name = path.name
    if _NAMESPACE.fullmatch(name):
        return path.is_dir() and not path.is_symlink()
    return name.startswith("stat.") or (name.startswith(".response-lint-") and name.endswith(".tmp"))


def _read_or_none(file: str) -> bytes | None:
    """The bytes a file of the cache holds before its CRC-32 (:mod:`lint.sealed`); None when it cannot
    be read or its CRC does not hold."""
    try:
        blob = read_whole(file)
    except OSError:
        return None
    return blob[:-sealed_size] if intact(blob) else None


def _prune_formats(folder: Path) -> None:
    """Remove the folders of earlier cache formats (``v1``, ``v2``...): only in a folder whose
    ``CACHEDIR.TAG`` is this tool's, and only a folder that holds nothing this tool does not write."""
    try:
        if (folder / "CACHEDIR.TAG").read_text(encoding="utf-8") != _TAG:
            return
        found = [p for p in folder.iterdir() if _OTHER_FORMAT.fullmatch(p.name) and p.name != f"v{FORMAT}"]
        for old in found:
            if old.is_dir() and not old.is_symlink() and all(_ours(p) for p in old.iterdir()):
                shutil.rmtree(old, ignore_errors=True)
    except (OSError, UnicodeDecodeError):
        pass


def clean(folder: Path) -> bool:
    """Remove a cache folder (``response-lint clean``); True if there was one."""
    if not (folder / "CACHEDIR.TAG").exists() and not (folder / ".gitignore").exists():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return not folder.exists()


class _Unplaced(Exception):
    """A stored finding whose place cannot be followed: the rule runs again."""


def placed(
    findings: list[Finding], then: dict[str, tuple[int, ...]], now: dict[str, tuple[int, ...]]
) -> list[Finding] | None:
    """A corpus rule's stored findings, each span moved as the anchor it lies after moved
    (:class:`lint.checks.api.Anchored`: ``then`` the anchors of each document's summary when
    they were found, ``now`` this run's); None when a place cannot be followed."""
    moves = {path: (before, now.get(path)) for path, before in then.items() if now.get(path) != before}
    if not moves:
        return findings

    def move(path: str | None, span: Span) -> Span:
        before, after = moves.get(path or "", (None, None))
        if before is None:
            return span
        at = bisect_right(before, span.start) - 1
        if after is None or len(after) != len(before) or at < 0 or list(before) != sorted(before):
            raise _Unplaced
        by = after[at] - before[at]
        return Span(span.start + by, span.end + by)

    try:
        moved = []
        for finding in findings:
            if finding.fix is not None and finding.path in moves:
                raise _Unplaced
            related = tuple(r._replace(span=move(r.path, r.span)) for r in finding.related)
            moved.append(finding._replace(span=move(finding.path, finding.span), related=related))
    except _Unplaced:
        return None
    return moved
