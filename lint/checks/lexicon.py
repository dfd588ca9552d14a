"""The spelling dictionary: pyspellchecker's English word list, looked up in batches.

``SpellChecker('en')`` takes ~100-250 ms to load its 160,000 words (a gzipped
JSON file), and a pickled or marshalled copy still ~40 ms: too much for a
pre-commit run on one file. (SQLite would answer quickly, but loading its
extension alone costs ~10 ms.) So the first run writes the words and their
frequencies to a hashed word file in the user cache folder (the platformdirs
folder), named by the install (a hash of the word file's folder, so that a pre-commit
environment and a virtual environment used in turn keep one each) and the size and
date of pyspellchecker's word file; later runs
read it whole (~2.5 MB, one read) and look up only the words a document uses: a
CRC-32 picks the word's bucket, and a byte search finds it among the ~10 words
there. Without a writable cache folder the words are kept in memory instead.

The file carries a CRC-32 of its whole, checked when a run first meets the file
(:mod:`lint.checkedfile`): a later run that finds it unchanged does not read the whole file
again (about a fifth of a one-file run's spelling check).

``RESPONSE_LINT_CACHE_DIR`` overrides the cache folder (empty: no cache).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from zlib import crc32

from lint import checkedfile
from lint.cachedir import cache_dir
from lint.errors import LexiconError

if TYPE_CHECKING:
    from mmap import mmap

SCHEMA = 3
_MAGIC = b"response-lint words 3\n"
_PER_BUCKET = 8
_OWN_WORD = 1 << 40  # a user's or the domain list's word ranks first among suggestions
_SEEN_MAX = 1 << 15  # words a lexicon remembers having looked up (emptied when full)


class Lexicon(Protocol):
    def lookup(self, words: Collection[str]) -> dict[str, int]:
        """The known ones among ``words`` (lower case), with their frequencies."""
        ...


class MemoryLexicon:
    """Words held in a dict."""

    def __init__(self, frequencies: dict[str, int]) -> None:
        self._frequencies = frequencies

    def lookup(self, words: Collection[str]) -> dict[str, int]:
        found = {}
        for word in words:
            frequency = self._frequencies.get(word)
            if frequency is not None:
                found[word] = frequency
        return found


class BucketLexicon:
    """Words in a hashed word file (see :func:`_write`), memory-mapped: only the pages looked at are read.

    Layout: ``MAGIC``, the bucket count (4 bytes, little-endian), the start of each
    bucket and the end of the last (4 bytes each), then the buckets, each a run of
    ``"\\n" word "\\t" frequency`` entries, then the CRC-32 of all before it (4 bytes, little-endian).
    """

    def __init__(self, data: bytes | mmap, checked: bool = False) -> None:
        """``checked``: the checksum was found right before (see :func:`_open_cached`); not computed again."""
        from array import array

        if data[: len(_MAGIC)] != _MAGIC:
            raise ValueError("not a response-lint word file")
        self._buckets = int.from_bytes(data[len(_MAGIC) : len(_MAGIC) + 4], "little")
        index_start = len(_MAGIC) + 4
        index_end = index_start + 4 * (self._buckets + 1)
        offsets = array("I")
        if offsets.itemsize != 4:
            raise ValueError("this platform has no 4-byte array type")
        offsets.frombytes(data[index_start:index_end])
        if sys.byteorder != "little":
            offsets.byteswap()
        if len(offsets) != self._buckets + 1 or offsets[-1] != len(data) - 4 or offsets[0] != index_end:
            raise ValueError("truncated word file")
        # the checksum covers the index too: a file that passes it is the one _encode wrote, whose
        # offsets rise and whose buckets each start with "\n" (checking that again, bucket by bucket
        # in Python, took more of a one-file run than the checksum)
        if not checked and crc32(memoryview(data)[:-4]) != int.from_bytes(data[-4:], "little"):
            raise ValueError("damaged word file (its checksum differs)")
        self._offsets = offsets
        self._data = data
        # words looked up before, and their frequency (-1: not a word): most words of a document
        # were in the documents before it, and a dict answers faster than a byte search
        self._seen: dict[str, int] = {}

    def lookup(self, words: Collection[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        seen = self._seen
        for word in words:
            frequency = seen.get(word)
            if frequency is None:
                frequency = self._find(word)
                if len(seen) >= _SEEN_MAX:
                    seen.clear()
                seen[word] = frequency
            if frequency >= 0:
                found[word] = frequency
        return found

    def _find(self, word: str) -> int:
        """The frequency of ``word`` in the file, or -1 when it is not there (or its entry is damaged)."""
        key = word.encode("utf-8")
        data, offsets = self._data, self._offsets
        bucket = crc32(key) % self._buckets
        start, end = offsets[bucket], offsets[bucket + 1]
        at = data.find(b"\n" + key + b"\t", start, end)
        if at < 0:
            return -1
        value_start = at + len(key) + 2
        value_end = data.find(b"\n", value_start, end)
        value = data[value_start : value_end if value_end >= 0 else end]
        return int(value) if value.isdigit() else -1  # a damaged entry counts as no entry


def _source() -> Path:
    """pyspellchecker's English word file, found without importing the package."""
    from importlib.util import find_spec

    try:
        spec = find_spec("spellchecker")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError("the spelling rule needs pyspellchecker (pip install pyspellchecker)")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "en.json.gz"


def _install_key(source: Path) -> str:
    """Which install the word file belongs to: a short hash of its folder."""
    return f"{crc32(str(source.parent.resolve()).encode('utf-8', 'surrogateescape')):08x}"


def cache_name(source: Path) -> str:
    """The cache file's name: one per install of pyspellchecker (a pre-commit environment and a
    virtual environment used in turn keep a file each), changing when its word file changes."""
    try:
        stat = source.stat()
        key = f"{stat.st_size}-{stat.st_mtime_ns}"
    except OSError:
        key = "unknown"
    return f"words-en-v{SCHEMA}-{_install_key(source)}-{key}.words"


def _read_words(source: Path) -> dict[str, int]:
    try:
        from spellchecker import SpellChecker

        spell = SpellChecker(language=None, local_dictionary=str(source))
    except Exception as exc:  # any failure of the library means "cannot load"
        raise LexiconError(f"cannot load pyspellchecker's English dictionary: {exc}") from None
    return {str(word): int(count) for word, count in spell.word_frequency.dictionary.items()}


def _encode(frequencies: dict[str, int]) -> bytes:
    """The hashed word file's bytes (see :class:`BucketLexicon`)."""
    count = max(1, len(frequencies) // _PER_BUCKET)
    buckets: list[list[bytes]] = [[] for _ in range(count)]
    for word, frequency in frequencies.items():
        key = word.encode("utf-8")
        if b"\n" in key or b"\t" in key:
            continue
        buckets[crc32(key) % count].append(b"\n" + key + b"\t" + str(int(frequency)).encode("ascii"))
    bodies = [b"".join(bucket) for bucket in buckets]
    header = len(_MAGIC) + 4 + 4 * (count + 1)
    offsets = [header]
    for body in bodies:
        offsets.append(offsets[-1] + len(body))
    parts = [_MAGIC, count.to_bytes(4, "little"), *(o.to_bytes(4, "little") for o in offsets), *bodies]
    blob = b"".join(parts)
    return blob + crc32(blob).to_bytes(4, "little")  # a damaged file is found, set aside and rebuilt


def _write(path: Path, frequencies: dict[str, int], source: Path) -> None:
    """Write the word file atomically (temporary file, then rename); remove this install's older ones.

    Other installs' files stay: each install reads its own.
    """
    from lint.atomic import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, _encode(frequencies), prefix=path.stem, mode=0o644)
    for old in path.parent.glob(f"words-en-v*-{_install_key(source)}-*.words"):
        if old != path:
            for name in (old, checkedfile.stamp_path(old)):
                try:
                    os.unlink(name)
                except OSError:
                    pass


def _open_cached(path: Path) -> Lexicon | None:
    import mmap as mmap_module

    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            mapped = mmap_module.mmap(handle.fileno(), 0, access=mmap_module.ACCESS_READ)
    except (OSError, ValueError):
        mapped = None
    if mapped is None:
        try:
            return BucketLexicon(path.read_bytes())
        except (OSError, ValueError):
            return None
    checked = checkedfile.trusted(path, stat)
    try:
        found = BucketLexicon(mapped, checked=checked)
    except ValueError:
        return None
    if not checked:
        checkedfile.mark(path, stat)
    return found


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The English dictionary, from the cache when it is there (built on first use)."""
    return load_from(_source(), cache_dir())


def load_from(source: Path, folder: Path | None) -> Lexicon:
    """The words of pyspellchecker's word file ``source``, through the cache in ``folder`` (None: no cache)."""
    path = folder / cache_name(source) if folder is not None else None
    if path is not None and path.is_file():
        cached = _open_cached(path)
        if cached is not None:
            return cached
        from lint.cachedir import set_aside
        from lint.escape import say

        say(f"spelling {set_aside(path)}")
    frequencies = _read_words(source)
    if path is not None:
        try:
            _write(path, frequencies, source)
            cached = _open_cached(path)
            if cached is not None:
                return cached
        except Exception:  # a cache we cannot write (read-only home, full disk) is no error
            pass
    return MemoryLexicon(frequencies)


def edits1(word: str, letters: str = "abcdefghijklmnopqrstuvwxyz'") -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away (Norvig)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + transposes + replaces + inserts)


def suggest(
    lexicon: Lexicon, words: Iterable[str], distance: int = 1, limit: int = 3, accept: Any = None
) -> dict[str, list[str]]:
    """The likeliest corrections of each word, most frequent first, up to ``distance`` edits.

    ``accept`` (a set) adds words known beyond the dictionary (user and domain words).
    """
    result: dict[str, list[str]] = {}
    if distance <= 0:
        return result
    extra = accept or set()
    # A word's candidates are ~54 x its length strings of its length: no suggestion for a
    # word longer than any in a dictionary (one 8 kB "word" took 3.5 GB), and the words
    # in batches, so that memory stays bounded however many unknown words a file has.
    pending = [word for word in dict.fromkeys(words) if len(word) <= MAX_SUGGEST_LENGTH]
    for first in range(0, len(pending), _BATCH):
        result.update(_suggest_batch(lexicon, pending[first : first + _BATCH], distance, limit, extra))
    return result


MAX_SUGGEST_LENGTH = 40  # longer than any word spelling suggestions could be for
_BATCH = 256


def _suggest_batch(lexicon: Lexicon, pending: list[str], distance: int, limit: int, extra: Any) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    candidates = {word: edits1(word) for word in pending}
    known = lexicon.lookup({c for cs in candidates.values() for c in cs})
    for word in pending:
        found = {c: known[c] for c in candidates[word] if c in known}
        found.update({c: _OWN_WORD for c in candidates[word] if c in extra})
        if not found and distance >= 2:
            second = {c2 for c in candidates[word] for c2 in edits1(c)}
            found = lexicon.lookup(second)
            found.update({c: _OWN_WORD for c in second if c in extra})
        if found:
            result[word] = sorted(found, key=lambda c: (-found[c], c))[:limit]
    return result
