"""Find the files a run lints: explicit paths as given, folders walked by globs."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}


def to_display(path: str) -> str:
    """A path as reports show it: as given, with ``/`` separators."""
    return path.replace(os.sep, "/") if os.sep != "/" else path


def matches(path: str, globs: Iterable[str]) -> bool:
    """True when ``path`` (with ``/``) or its file name matches one of ``globs``."""
    name = path.rsplit("/", 1)[-1]
    for glob in globs:
        if (
            fnmatch.fnmatchcase(name, glob)
            or fnmatch.fnmatchcase(path, glob)
            or fnmatch.fnmatchcase(path, "*/" + glob.lstrip("/"))
        ):
            return True
    return False


_GIT_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM")


def _outside_git(folder: str) -> bool:
    """Whether git can find no work tree for ``folder``: no ``.git`` in it nor in a folder above it
    (git looks from the physical folder, symbolic links resolved: both paths are looked along), and
    nothing in the environment that tells git where to look. ``git check-ignore`` would then only
    fail, so its process is not started (a fork and an exec, and importing subprocess)."""
    if any(name in os.environ for name in _GIT_ENV):
        return False
    for start in {os.path.abspath(folder), os.path.realpath(folder)}:
        here = start
        while True:
            if os.path.lexists(os.path.join(here, ".git")):
                return False
            above = os.path.dirname(here)
            if above == here:
                break
            here = above
    return True


def _git_ignored(folder: str, candidates: list[str]) -> set[str]:
    if not candidates or _outside_git(folder):
        return set()
    import subprocess

    # the candidates come from os.walk(folder): cutting the folder off is relpath, ~50x faster
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    relative = (c[len(prefix) :] if c.startswith(prefix) else os.path.relpath(c, folder) for c in candidates)
    try:
        proc = subprocess.run(
            ["git", "-C", folder, "check-ignore", "--stdin", "-z"],
            input=b"\0".join(os.fsencode(c) for c in relative),
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):
        return set()
    names = os.fsdecode(proc.stdout).split("\0")  # file names are bytes: undecodable ones come back as they went
    return {os.path.normpath(os.path.join(folder, p)) for p in names if p}


def collect(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str], respect_gitignore: bool = True
) -> tuple[list[str], list[str]]:
    """``(files, missing)``: files to lint in order, and given paths that do not exist."""
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    for given in paths:
        if os.path.isfile(given) or (os.path.exists(given) and not os.path.isdir(given)):
            key = os.path.normpath(given)
            if key not in seen:
                seen.add(key)
                files.append(given)
            continue
        if not os.path.isdir(given):
            missing.append(given)
            continue
        found: list[str] = []
        for root, dirs, names in os.walk(given):
            dirs[:] = sorted(
                d for d in dirs if d not in SKIP_DIRS and not matches(to_display(os.path.join(root, d)), exclude)
            )
            for name in sorted(names):
                full = os.path.join(root, name)
                shown = to_display(full)
                if matches(shown, include) and not matches(shown, exclude):
                    found.append(full)
        if respect_gitignore:
            ignored = _git_ignored(given, found)
            found = [f for f in found if os.path.normpath(f) not in ignored]
        for full in found:
            key = os.path.normpath(full)
            if key not in seen:
                seen.add(key)
                files.append(full)
    return files, missing


def relative_to_root(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` (for per-file globs), or as is when outside."""
    try:
        return Path(os.path.abspath(path)).relative_to(root.resolve()).as_posix()
    except ValueError:
        return to_display(path)


def force_excluded(path: str, exclude: Sequence[str], root: Path) -> bool:
    """Whether a file named on the command line falls under ``exclude`` (``force-exclude``, as ruff).

    The file's path relative to the config's folder, and each folder above it, is
    matched as walking a folder would match it, so ``drafts/*`` and ``drafts``
    exclude ``drafts/a.md`` however it is named.
    """
    if not exclude:
        return False
    rel = relative_to_root(path, root)
    parts = rel.split("/")
    candidates = {to_display(path), rel, *("/".join(parts[:i]) for i in range(1, len(parts)))}
    return any(matches(candidate, exclude) for candidate in candidates if candidate)


class NotRegular(OSError):
    """A path that is a FIFO, a device, a socket or a folder: reading it could block forever."""


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _read_up_to(fd: int, want: int) -> bytes:
    """``want`` bytes from ``fd``, fewer at its end: as a buffered file's ``read(want)`` gives them
    (one read a short read), without making the buffered file (a fifth of reading a 20 kB file)."""
    chunks: list[bytes] = []
    got = 0
    while got < want:
        chunk = os.read(fd, want - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_whole(path: str | os.PathLike[str]) -> bytes:
    """All the bytes of ``path``, a file this tool wrote (a result cache entry): its size asked once,
    then read with as few reads as it takes, without a buffered file object (that was half the cost
    of reading a 13 kB entry). Raises :class:`OSError`."""
    fd = os.open(path, os.O_RDONLY)
    try:
        return _read_all(fd, os.fstat(fd).st_size)
    finally:
        os.close(fd)


def _read_all(fd: int, size: int) -> bytes:
    """The bytes of ``fd`` to its end, ``size`` the size its stat gave: that many asked for at once
    (and one more, to see the end), then the rest in chunks if it grew since."""
    data = _read_up_to(fd, size + 1)
    if len(data) <= size:
        return data  # its end reached
    rest = [data]  # grown since
    while chunk := os.read(fd, 1 << 16):
        rest.append(chunk)
    return b"".join(rest)


def read_regular(
    path: str | os.PathLike[str], limit: int | None = None, seen: list[os.stat_result] | None = None
) -> bytes:
    """The bytes of ``path`` (at most ``limit``), read only if it is a regular file.

    Opened without blocking and checked on the open descriptor (no race with a swap): a
    FIFO, ``/dev/stdin`` behind a symlink, a device or a socket raises :class:`NotRegular`
    naming what it is, where ``open().read()`` would hang or read without end. ``seen``, if
    given, gets the file's stat before and after the read (:meth:`lint.statindex.StatIndex.read`).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a regular file")
            raise NotRegular(f"{kind}, not a regular file")
        if limit is None:
            data = _read_all(fd, status.st_size)
        else:
            # reading ``limit`` at once allocates ``limit`` bytes first (10 MB for every file linted,
            # most of them a few kB): ask for what the size says, then for the rest if it grew since
            want = min(limit, status.st_size + 1)
            data = _read_up_to(fd, want)
            if len(data) == want and want < limit:
                data += _read_up_to(fd, limit - want)
        if seen is not None:
            seen.extend((status, os.fstat(fd)))
        return data
    finally:
        os.close(fd)
