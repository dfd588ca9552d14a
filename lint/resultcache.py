"""The result cache: each document's :class:`~lint.engine.DocumentResult`, kept between runs.

Like ``.ruff_cache``: a folder in the project (``.response-lint-cache`` beside the
config, else in the current folder) with a ``.gitignore`` of its own, so it never
shows in ``git status``. Entries live under a *namespace*: a hash of the tool's version
and code, the effective config, the chosen rules with their options, and the size and
modification time of the rule files and of any file a rule option names (word lists,
rosters). Changing
any of them gives a new namespace, so an entry is only ever read back by a run that
would compute the same result. Within it, an entry is keyed by the file's path and a
hash of its bytes: the content hash, never the modification time.

An entry is written whole or not at all (a temporary file, then one rename), so runs
may share the cache at once. An entry that does not unpickle, or whose recorded path
and hash are not the ones asked for, is a miss (and is removed): a stale, corrupt or
half-written cache never changes what a run reports and never stops it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint import __version__
from lint.codestamp import code_stamp, walk

if TYPE_CHECKING:
    from lint.config import Config
    from lint.engine import DocumentResult
    from lint.rules import Rule

FOLDER = ".response-lint-cache"
FORMAT = 1  # bump when what an entry holds changes
_GITIGNORE = "# Created by response-lint: the result cache, never committed.\n*\n"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# response-lint result cache: see https://bford.info/cachedir/\n"


def digest(data: bytes) -> str:
    """The content hash a file's entry is keyed by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


ENV = "RESPONSE_LINT_RESULT_CACHE"


def folder_for(config: Config) -> Path | None:
    """The cache folder of the project ``config`` belongs to (None: caching is off).

    ``RESPONSE_LINT_RESULT_CACHE`` names another folder (empty: off); an empty
    ``RESPONSE_LINT_CACHE_DIR`` turns every cache off, this one too.
    """
    override = os.environ.get(ENV)
    if override is not None:
        return Path(override) if override.strip() else None
    if os.environ.get("RESPONSE_LINT_CACHE_DIR") == "":
        return None
    return Path(config.root) / FOLDER


def open_for(rules: Sequence[Rule], config: Config) -> ResultCache | None:
    """The cache a run with these rules and this config reads and writes (None: caching is off)."""
    folder = folder_for(config)
    return ResultCache(folder, namespace(rules, config)) if folder is not None else None


def _file_stamps(paths: Iterable[Path]) -> list[str]:
    """Size and modification time of each file: a changed rule file or word list gives a new namespace."""
    found = []
    for path in paths:
        try:
            stat = path.stat()
            found.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            found.append(f"{path}:missing")
    return found


def _named_files(rules: Sequence[Rule], config: Config) -> list[Path]:
    """Files that rule options name (a words file, a roster file): their contents change results too."""
    named = []
    for rule in rules:
        for value in rule.options.values():
            if isinstance(value, str) and value and len(value) < 4096 and "\n" not in value:
                candidate = Path(config.root) / value
                if candidate.is_file():
                    named.append(candidate)
    return named


def _stable(value: Any) -> Any:
    """``value`` as plain, ordered data: set order (which varies between processes) sorted away."""
    if isinstance(value, (set, frozenset)):
        if all(type(v) is str for v in value):
            return ("set", sorted(value))
        return ("set", sorted((_stable(v) for v in value), key=repr))
    if isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
        return (type(value).__name__, value)
    if isinstance(value, dict) or (hasattr(value, "items") and callable(value.items)):
        return ("map", sorted(((_stable(k), _stable(v)) for k, v in value.items()), key=repr))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_stable(v) for v in value])
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__name__, [(f.name, _stable(getattr(value, f.name))) for f in fields])
    if isinstance(value, (str, int, float, bool, type(None), bytes, Path)):
        return value
    return repr(value)


def namespace(rules: Sequence[Rule], config: Config) -> str:
    """What every result of a run depends on besides the document itself, as one hash."""
    rule_dirs = sorted({str(Path(rule.source).parent) for rule in rules})
    effective = (
        FORMAT,
        __version__,
        code_stamp(),
        str(config.root),
        _stable(config.formats),
        _stable(config.reader),
        _stable(config.per_file_ignores),
        _stable(config.rules),
        config.max_file_size,
        [(r.name, r.check, str(r.severity), r.message, _stable(r.options)) for r in rules],
        [walk(folder, (".toml", ".txt")) for folder in rule_dirs],
        _file_stamps(_named_files(rules, config)),
    )
    return hashlib.blake2b(repr(effective).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class ResultCache:
    """Entries of one namespace in one cache folder."""

    def __init__(self, folder: Path, space: str) -> None:
        self.folder = folder
        self.space = space
        self._dir = folder / f"v{FORMAT}" / space
        self._ready = False

    def _key(self, path: str, content: str) -> str:
        return hashlib.blake2b(f"{path}\0{content}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _entry(self, path: str, content: str) -> Path:
        key = self._key(path, content)
        return self._dir / key[:2] / key

    def get(self, path: str, content: str) -> tuple[DocumentResult, bool] | None:
        """The stored result for ``path`` with this content hash, and whether its text was left out; or None."""
        entry = self._entry(path, content)
        try:
            with open(entry, "rb") as handle:
                blob = handle.read()
        except OSError:
            return None
        try:
            stored: Any = pickle.loads(blob)
            if stored[0] == path and stored[1] == content:
                return stored[2], stored[3]
        except Exception:
            pass
        try:
            entry.unlink()
        except OSError:
            pass
        return None

    def put(self, path: str, content: str, result: DocumentResult, text_left_out: bool) -> None:
        """Store a result; a cache that cannot be written is skipped silently (it only costs speed)."""
        from lint.atomic import write_atomic

        entry = self._entry(path, content)
        try:
            if not self._ready:
                self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(entry, pickle.dumps((path, content, result, text_left_out), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass

    def _prepare(self) -> None:
        """The folder, its ``.gitignore`` and ``CACHEDIR.TAG``; namespaces of older runs are removed."""
        self._dir.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _TAG)):
            marker = self.folder / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
        try:
            others = sorted(
                (p for p in self._dir.parent.iterdir() if p.name != self.space), key=lambda p: p.stat().st_mtime
            )
        except OSError:
            others = []
        for other in others[:-3]:  # keep the newest few: configs used in turn should not evict each other
            shutil.rmtree(other, ignore_errors=True)
        self._ready = True


def clean(folder: Path) -> bool:
    """Remove a cache folder (``response-lint clean``); True if there was one."""
    if not (folder / "CACHEDIR.TAG").exists() and not (folder / ".gitignore").exists():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return not folder.exists()
