"""The words a ``spelling`` rule accepts besides the dictionary: its ``words``, word lists and ``words-file``.

:func:`check_files` reads the word lists when the run's rules are chosen, before any
response file is read (a missing list stops the run there); the check uses what it
read (``context.files``) and never reads a file itself. Shipped lists are cached per
process.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from lint.checks.api import Context, FileProblem
from lint.files import read_regular


def _read_list(path: Path) -> set[str]:
    """The words of a list file (one or more a line, ``#`` comments); OSError or UnicodeDecodeError."""
    text = read_regular(path).decode("utf-8-sig")
    words: set[str] = set()
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.update(normal(w) for w in entry.split())
    return words


def _problem(path: Path, exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"word list {path} does not exist"
    return f"cannot read word list {path}: {exc}"


def normal(word: str) -> str:
    return word.lower().replace("’", "'")


def _shipped(name: str) -> Path | None:
    """The shipped list ``name`` (relative to the built-in rules), or None."""
    from lint.pack import builtin_rules_dir

    if Path(name).is_absolute():
        return None
    packed = builtin_rules_dir() / name
    return packed if packed.exists() else None


def _list_path(name: str, root: str) -> Path:
    """A ``dictionaries`` entry: shipped with the rules, else relative to the project root."""
    return _shipped(name) or Path(root) / name


@lru_cache(maxsize=16)
def _shipped_list(path: Path) -> frozenset[str]:
    return frozenset(_read_list(path))


def _list(name: str, root: str) -> frozenset[str]:
    """The words of a ``dictionaries`` entry. Only shipped lists are cached: a project's own list
    is read on each load, so a long-lived process (the editor server, tests) sees it edited."""
    shipped = _shipped(name)
    return _shipped_list(shipped) if shipped is not None else frozenset(_read_list(Path(root) / name))


def check_files(options: Mapping[str, Any], root: str) -> Mapping[str, Any] | FileProblem:
    """At load: the words of every list the options name, by option key."""
    dictionaries: set[str] = set()
    for name in options["dictionaries"]:
        try:
            dictionaries |= _list(name, root)
        except (OSError, UnicodeDecodeError) as exc:
            return FileProblem("dictionaries", _problem(_list_path(name, root), exc))
    words_file: set[str] = set()
    if options["words-file"]:
        path = _words_file(options["words-file"], root)
        try:
            words_file = _read_list(path)
        except (OSError, UnicodeDecodeError) as exc:
            return FileProblem("words-file", _problem(path, exc))
    return {"dictionaries": frozenset(dictionaries), "words-file": frozenset(words_file)}


def accepted(context: Context) -> frozenset[str]:
    """The rule's own ``words`` and the words of the lists read at load."""
    words: set[str] = {normal(w) for w in context["words"] if w.strip()}
    return frozenset(words | context.files["dictionaries"] | context.files["words-file"])


def _words_file(name: str, root: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() else Path(root) / path
