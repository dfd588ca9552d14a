"""What keys the result cache (:mod:`lint.resultcache`): the hashes its folders and entries are named by.

- :data:`FORMAT`, the version of what an entry holds: part of the folder's name (``vFORMAT``)
  and of every namespace, so an entry of another format is never read back;
- :func:`namespace`, one hash of everything a run's results depend on besides the document
  (the tool's version and code, the effective config, the chosen rules with their options and
  the files they read);
- :func:`digest`, a file's content hash (an entry is keyed by it, never by the modification time);
- :func:`summary_digest` and :func:`rule_key`, which key a corpus rule's stored findings by the
  summaries it ran on.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint import __version__
from lint.codestamp import code_stamp, walk
from lint.record import Record

if TYPE_CHECKING:
    from lint.config import Config
    from lint.rules import Rule

FORMAT = 15  # bump when what an entry holds changes (6, 7: Findings, answers packed; 8, 9: entry-copy kept
# index, numbering; 10: each file's CRC-32, lint.sealed; 11: an outline's entries in a file of their own;
# 12: a kept part's blocks' CRCs, lint.keptfiles; 13: findings and outlines unpickled when read, lint.cachedresult;
# 14: corpus findings an inner pickle beside where each begins; 15: kept parts named through a dispatch table)


def digest(data: bytes) -> str:
    """The content hash a file's entry is keyed by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def rule_key(rule: str, summaries: Iterable[tuple[str, str]]) -> str:
    """The key of a corpus rule's findings: the rule, then each ``(path, summary digest)`` in run order."""
    joined = "\n".join(f"{path}\0{digest}" for path, digest in summaries)
    return hashlib.blake2b(f"{rule}\n{joined}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def summary_digest(blob: bytes) -> str:
    """The digest of a corpus rule's summary of one document, from its pickle.

    The same document gives the same bytes in every process: summaries are made of values
    built the same way each time (no set of strings, whose order follows the hash seed). A
    pickle also records which values are one object, so a summary sharing an object that
    another process built twice would get another digest: the rule would then run again,
    never reuse findings made on other summaries."""
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def stable(value: Any) -> Any:
    """``value`` as plain, ordered data: set order (which varies between processes) sorted away."""
    if isinstance(value, (set, frozenset)):
        if all(type(v) is str for v in value):
            return ("set", sorted(value))
        return ("set", sorted((stable(v) for v in value), key=repr))
    if isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
        return (type(value).__name__, value)
    if isinstance(value, dict) or (hasattr(value, "items") and callable(value.items)):
        return ("map", sorted(((stable(k), stable(v)) for k, v in value.items()), key=repr))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [stable(v) for v in value])
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags)
    if isinstance(value, Record):  # lint.config's Config and RuleConfig
        return (type(value).__name__, [(name, stable(getattr(value, name))) for name in value.__slots__])
    if hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type):
        import dataclasses

        fields = dataclasses.fields(value)
        return (type(value).__name__, [(f.name, stable(getattr(value, f.name))) for f in fields])
    if isinstance(value, (str, int, float, bool, type(None), bytes, Path)):
        return value
    return repr(value)


def namespace(rules: Sequence[Rule], config: Config) -> str:
    """What every result of a run depends on besides the document itself, as one hash."""
    rule_dirs = sorted({str(Path(rule.source).parent) for rule in rules})
    effective = (
        FORMAT,
        __version__,
        sys.version,  # another Python may read or split text otherwise (its Unicode tables, its re)
        code_stamp(),
        str(config.root),
        stable(config.formats),
        stable(config.reader),
        stable(config.per_file_ignores),
        stable(config.rules),
        config.max_file_size,
        # a rule's options, and what its kind read from the files they name (a word list, a roster)
        [(r.name, r.check, str(r.severity), r.message, stable(r.options), stable(r.files)) for r in rules],
        [walk(folder, (".toml", ".txt")) for folder in rule_dirs],
    )
    return hashlib.blake2b(repr(effective).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
