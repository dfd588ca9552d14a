"""Rule files kept between runs: each one's parsed table, and whether it passed validation.

Loading a rule pack validates every rule file in full (option types and ranges, each
regex compiled, message templates, every example's options), so that a mistake in it
stops the run, naming the file and key, before any response file is read. That was
most of a one-file run's load time, and a pack seldom changes. So a rule file whose
exact bytes passed validation before, under the same tool code, is loaded without
validating it again: entries are keyed by the file's contents (compared byte for
byte), the tool's version (in the cache's name) and a stamp of its code (the size and
modification time of every module, :func:`lint.codestamp.code_stamp`), so an edited
rule or check is validated again. A missing, unreadable or stale cache is rebuilt, and
a corrupt one (its CRC-32 does not hold, :mod:`lint.sealed`, or it does not parse) is set
aside with one warning: the cache never changes what a run finds. Writing it removes this
copy's files of other versions and layouts (an upgrade in place leaves them unread for good).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lint.errors import RuleError
from lint.files import read_regular
from lint.sealed import intact, sealed

_LAYOUT = 2  # in the file's name: 2, a CRC-32 at the end (an older file is not read, nor warned about)
# path -> (the file's bytes, its TOML table, whether it passed validation under this code)
Entries = dict[str, tuple[bytes, dict[str, Any], bool]]


def parse(path: Path, data: bytes | None = None) -> dict[str, Any]:
    """A rule file's TOML table (``data``: its bytes, if already read)."""
    import tomllib

    try:
        if data is None:
            data = read_regular(path)
        return tomllib.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: invalid TOML: {exc}") from None


def _well_formed(loaded: Any) -> bool:
    """True for a cache as :meth:`RuleCache.save` writes it: {"code": [...], "files": Entries}."""
    if not (isinstance(loaded, dict) and set(loaded) == {"code", "files"}):
        return False
    code, files = loaded["code"], loaded["files"]
    return (
        isinstance(code, list)
        and all(isinstance(line, str) for line in code)
        and isinstance(files, dict)
        and all(
            isinstance(key, str)
            and isinstance(value, tuple)
            and len(value) == 3
            and isinstance(value[0], bytes)
            and isinstance(value[1], dict)
            and isinstance(value[2], bool)
            for key, value in files.items()
        )
    )


class RuleCache:
    """The rule files of one run (see the module docs); :meth:`save` keeps them for the next."""

    def __init__(self) -> None:
        from lint.codestamp import code_stamp

        self.entries: Entries = {}
        self.code = code_stamp()
        self.dirty = False
        self.path: Path | None = None
        self._stale: list[str] = []  # globs of this copy's files that no other version reads
        from lint import __version__
        from lint.cachedir import cache_dir

        folder = cache_dir()
        if folder is None:
            return
        import zlib

        # one file per installed copy of the tool: copies with other code do not take turns rewriting it
        here = zlib.crc32(os.path.dirname(os.path.abspath(__file__)).encode("utf-8", "surrogatepass"))
        # marshal, not pickle: loading it can never run code, and it is faster
        self.path = folder / f"rules-{__version__}-{here:08x}-{_LAYOUT}.marshal"
        # other versions of this very copy (upgraded in place), and the layouts before this one
        self._stale = [f"rules-*-{here:08x}.marshal", f"rules-*-{here:08x}-*.marshal"]
        try:
            import marshal

            with open(self.path, "rb") as handle:
                # loads of the whole, not load(handle): that reads the file object by object (2% of a run)
                blob = handle.read()
            loaded: Any = marshal.loads(blob) if intact(blob) else None  # (ends before the CRC)
        except FileNotFoundError:
            return
        except (OSError, EOFError, ValueError, TypeError):
            loaded = None
        if _well_formed(loaded):
            if loaded["code"] == self.code:
                self.entries = loaded["files"]
            else:  # the tool's code changed: the tables still hold, the validations do not
                self.entries = {key: (data, table, False) for key, (data, table, _) in loaded["files"].items()}
                self.dirty = True
            return
        from lint.cachedir import set_aside
        from lint.escape import say

        say(f"rule {set_aside(self.path)}")
        self.dirty = True

    def read(self, path: Path) -> tuple[dict[str, Any], bool]:
        """The TOML table of the rule file ``path``, and whether these very bytes passed validation."""
        try:
            data = read_regular(path)
        except OSError as exc:
            raise RuleError(f"{path}: cannot read rule file: {exc.strerror or exc}") from None
        key = os.path.abspath(path)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == data:
            return hit[1], hit[2]
        table = parse(path, data)
        self.entries[key] = (data, table, False)
        self.dirty = True
        return table, False

    def passed(self, path: Path) -> None:
        """Record that the rule file ``path``, as :meth:`read` last read it, passed validation."""
        key = os.path.abspath(path)
        data, table, done = self.entries[key]
        if not done:
            self.entries[key] = (data, table, True)
            self.dirty = True

    def save(self) -> None:
        if not self.dirty or self.path is None:
            return
        import marshal

        from lint.atomic import write_atomic

        try:
            blob = marshal.dumps({"code": self.code, "files": self.entries})
        except ValueError:
            return  # a value marshal cannot hold (a TOML date): parse those files each run
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, sealed(blob), prefix=".rules-")
        except OSError:
            return  # a read-only or full cache folder only costs speed
        self.dirty = False
        self._prune(self.path)

    def _prune(self, kept: Path) -> None:
        """Remove this copy's rule caches of other versions and layouts (see the module docs)."""
        for pattern in self._stale:
            for stale in kept.parent.glob(pattern):
                if stale != kept:
                    try:
                        stale.unlink()
                    except OSError:
                        pass  # gone already, or not ours to remove: it only takes room
