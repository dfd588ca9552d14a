"""Regular expressions built from programs compiled by an earlier run (start-up time).

CPython compiles a regex in Python (``re._parser`` and ``re._compiler``); only the
resulting program, a list of opcodes, is handed to ``_sre.compile``. A one-file run
compiles about a hundred patterns, some long (the combined phase-heading pattern, the
placeholder phrase lists), and that was a quarter of its time. :func:`compile` keeps
each program in a file in the cache folder, so a later run builds the same pattern
object from it without parsing again.

It can only change how fast a pattern is built, never what it matches:
- a program is kept only if the pattern built from it equals :func:`re.compile`'s
  (``Pattern.__eq__`` compares the flags, the text and the program), with the same groups;
- the file is per Python build and ``_sre.MAGIC`` (the opcode format), carries a
  checksum, and ``_sre`` validates every program it is given;
- anything unexpected (another interpreter, a corrupt or unwritable file, a locale- or
  bytes-dependent pattern) falls back to :func:`re.compile`, silently.

The file is read whole by every run, and checksummed when a run first meets it (a stamp beside
it, :mod:`lint.checkedfile`, says it passed, until the file changes), so it is kept small: at most
:data:`MAX_BYTES` and :data:`MAX_ENTRIES`. When a run writes it (it compiled something new),
entries leave least recently used first: the file keeps its entries in the order they were
last used by a run that wrote it, and the entries this run used are never dropped (a run
whose own patterns outgrow the bounds would otherwise compile them again every time).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Collection
from typing import Any

MAX_ENTRIES = 4096  # patterns of old versions and old configs pile up: the oldest go past this ...
MAX_BYTES = 1 << 20  # ... or past this many bytes (a one-file run of the default rules keeps about 0.55 MB)
# what _sre.compile takes after the pattern: flags, program, group count, group names both ways
_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
# as kept: the program as bytes of native 4-byte opcodes (a list of ints is slow to unmarshal)
_Kept = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
# (pattern, flags) -> its program; (pattern, flags, maker) -> a pattern text derived from it (derived)
_Entries = dict[tuple[Any, ...], Any]
_entries: _Entries | None = None
_path: Any = None  # the file they were read from, and are saved to
_added = False
_used: dict[tuple[Any, ...], None] = {}  # the keys this process used or added, in the order it last used them


def _file() -> Any:
    import _sre

    from lint.cachedir import cache_dir

    folder = cache_dir()
    if folder is None or memoryview(bytes(4)).cast("I").itemsize != _sre.CODESIZE:
        return None
    import zlib

    build = zlib.crc32(f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}".encode())
    return folder / f"regex-v2-{build:08x}.marshal"


def _read(path: Any) -> _Entries:
    """The programs the file ``path`` holds ({} if there is none, or it is damaged)."""
    if path is None:
        return {}
    try:
        import marshal
        import os
        import zlib

        from lint import checkedfile

        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            blob = handle.read()
        checked = checkedfile.trusted(path, stat)
        if not checked and int.from_bytes(blob[:4], "big") != zlib.crc32(blob[4:]):
            return {}
        loaded = marshal.loads(blob[4:])
    except Exception:  # a missing or damaged file is only slower
        return {}
    if not isinstance(loaded, dict):
        return {}
    if not checked:
        checkedfile.mark(path, stat)
    return loaded


def _load() -> _Entries:
    global _entries, _path
    if _entries is None:
        try:
            _path = _file()
        except Exception:  # no cache folder to be had: compile as usual
            _path = None
        _entries = _read(_path)
    return _entries


def _program(pattern: str, flags: int) -> _Program:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern`` (the same steps)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses: plain ints
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, built from a kept program when there is one."""
    flags = int(flags)
    if not isinstance(pattern, str) or flags & (re.LOCALE | re.DEBUG):
        return re.compile(pattern, flags)
    import _sre

    entries = _load()
    key = (pattern, flags)
    kept = entries.get(key)
    if kept is not None:
        _touch(key)
        try:
            final, code, groups, groupindex, indexgroup = kept
            opcodes = memoryview(code).cast("I").tolist()
            built: re.Pattern[str] = _sre.compile(pattern, final, opcodes, groups, groupindex, indexgroup)
            return built
        except Exception:  # a program this _sre does not take: compile afresh
            del entries[key]
    expected = re.compile(pattern, flags)  # raises re.error for a bad pattern, as always
    try:
        program = _program(pattern, flags)
        built = _sre.compile(pattern, *program)
    except Exception:  # internals not as expected: use re's pattern, keep nothing
        return expected
    if built == expected and built.groupindex == expected.groupindex and built.groups == expected.groups:
        from array import array

        final, opcodes, groups, groupindex, indexgroup = program
        _keep(key, (final, array("I", opcodes).tobytes(), groups, groupindex, indexgroup))
    return expected


_makers: dict[str, str] = {}  # a deriving function's name -> its name and its module file's stamp


def _maker(make: Callable[[str, int], str]) -> str:
    """``make`` as named in a key: its name, and the size and modification time of the file of its
    module, so that a kept text is never used once that code changed (an upgrade, an edit)."""
    name = f"{make.__module__}.{make.__qualname__}"
    stamp = _makers.get(name)
    if stamp is None:
        import os

        try:
            found = os.stat(sys.modules[make.__module__].__file__ or "")
            stamp = f"{name}|{found.st_size}|{found.st_mtime_ns}"
        except (KeyError, AttributeError, OSError):
            stamp = ""  # no file to stamp it by: worked out every run, never kept
        _makers[name] = stamp
    return stamp


def derived(pattern: str, flags: int, make: Callable[[str, int], str]) -> str:
    """``make(pattern, flags)``, kept with the programs: a pattern text a pure function derives from
    ``pattern`` by parsing it (:func:`lint.checks.firstchars.guarded`), so that a later run does not
    parse it again (``make`` and the stamp of its module's file are in the key)."""
    maker = _maker(make)
    if not maker:
        return make(pattern, flags)
    key = (pattern, int(flags), maker)
    kept = _load().get(key)
    if isinstance(kept, str):
        _touch(key)
        return kept
    made = make(pattern, flags)
    _keep(key, made)
    return made


def _touch(key: tuple[Any, ...]) -> None:
    """Note that this process used ``key`` now (the most recently used entry)."""
    _used.pop(key, None)
    _used[key] = None


def _keep(key: tuple[Any, ...], value: Any) -> None:
    """Keep ``value`` under ``key`` for the next run (written by :func:`save` at exit)."""
    global _added
    if not _added:
        import atexit

        atexit.register(save)
        _added = True
    entries = _load()
    if len(entries) >= MAX_ENTRIES:  # a long-lived process (the editor server): forget the least recent
        old = next((k for k in entries if k not in _used), None) or next(iter(_used))
        entries.pop(old, None)
        _used.pop(old, None)
    entries[key] = value
    _touch(key)


def bounded(entries: _Entries, used: Collection[tuple[Any, ...]]) -> _Entries:
    """``entries`` in the order to keep them (least recently used first: those not in ``used``, in
    their order, then ``used`` in its order), the least recent left out while the marshalled whole
    would pass :data:`MAX_BYTES` or :data:`MAX_ENTRIES`; never one of ``used``."""
    import marshal

    ordered = {key: value for key, value in entries.items() if key not in used}
    ordered.update((key, entries[key]) for key in used if key in entries)
    sizes = {key: len(marshal.dumps((key, value))) for key, value in ordered.items()}  # at most the whole's
    total = sum(sizes.values())
    for key in [key for key in ordered if key not in used]:
        if total <= MAX_BYTES and len(ordered) <= MAX_ENTRIES:
            break
        total -= sizes[key]
        del ordered[key]
    return ordered


def save() -> None:
    """Write the programs compiled in this process for the next run (at exit; never raises)."""
    global _added
    if not _added or _entries is None:
        return
    _added = False
    try:
        import marshal
        import zlib

        from lint.atomic import write_atomic

        path = _path
        if path is None:
            return
        fresh = _read(path)  # another run may have added programs since this one read the file
        body = marshal.dumps(bounded({**fresh, **_entries}, _used))
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, zlib.crc32(body).to_bytes(4, "big") + body, prefix=".regex-")
    except Exception:  # a read-only or full cache folder only costs speed
        pass
