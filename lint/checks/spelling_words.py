"""The words a ``spelling`` rule accepts besides the dictionary: its ``words``, word lists and ``words-file``.

Word lists are read once per run (cached); :func:`check_files` reads them when the
rule is loaded, so that a missing list stops the run before any response file is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from lint.checks.api import Context
from lint.errors import ConfigError
from lint.files import read_regular


def _read_list(path: Path, what: str) -> set[str]:
    try:
        text = read_regular(path).decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{what}: word list {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{what}: cannot read word list {path}: {exc}") from None
    words: set[str] = set()
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.update(normal(w) for w in entry.split())
    return words


def normal(word: str) -> str:
    return word.lower().replace("’", "'")


@lru_cache(maxsize=16)
def _builtin_list(name: str, root: str) -> frozenset[str]:
    from lint.pack import builtin_rules_dir

    path = Path(name)
    if not path.is_absolute():
        packed = builtin_rules_dir() / path
        path = packed if packed.exists() else Path(root) / path
    return frozenset(_read_list(path, f"rule spelling: dictionaries entry {name!r}"))


def check_files(options: Mapping[str, Any], root: str) -> tuple[str, str] | None:
    """At load: every word list the options name can be read."""
    for name in options["dictionaries"]:
        try:
            _builtin_list(name, root)
        except ConfigError as exc:
            return "dictionaries", str(exc).split(": ", 2)[-1]
    words_file = options["words-file"]
    if words_file:
        try:
            _read_list(_words_file(words_file, root), "words-file")
        except ConfigError as exc:
            return "words-file", str(exc).split(": ", 1)[-1]
    return None


def accepted(context: Context) -> frozenset[str]:
    words: set[str] = {normal(w) for w in context["words"] if w.strip()}
    for name in context["dictionaries"]:
        words |= _builtin_list(name, context.root)
    words_file = context["words-file"]
    if words_file:
        words |= _read_list(_words_file(words_file, context.root), f"rule {context.rule!r}: option 'words-file'")
    return frozenset(words)


def _words_file(name: str, root: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() else Path(root) / path
