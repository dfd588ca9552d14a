"""Write a file whole or not at all: a temporary file beside it, then one rename."""

from __future__ import annotations

import os


def temporary_beside(folder: str, prefix: str = ".response-lint-") -> tuple[int, str]:
    """``(fd, path)`` of a new temporary file in ``folder``, named after this process.

    Temporary files that a process killed outright (SIGKILL, a power cut) left behind
    in ``folder`` are removed first: their names carry the process id, and a process
    that no longer exists will not come back for them. Raises :class:`OSError`.
    """
    import tempfile

    _remove_orphans(folder, prefix)
    return tempfile.mkstemp(prefix=f"{prefix}{os.getpid()}-", suffix=".tmp", dir=folder)


def _remove_orphans(folder: str, prefix: str) -> None:
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid_text = name[len(prefix) :].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            os.kill(int(pid_text), 0)
            continue  # still running (perhaps writing this very file)
        except ProcessLookupError:
            pass
        except (PermissionError, OSError, OverflowError):
            continue  # another user's live process, or we cannot tell
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, prefix: str = ".response-lint-", mode: int | None = None
) -> None:
    """Replace ``path`` by ``data``: a reader sees the old file or the new one, never part of it.

    The temporary file is made in the same folder (so the rename cannot cross file
    systems) and removed again whatever goes wrong. The new file gets ``mode``, or by
    default the mode ``open()`` would give a new file (0o666 less the umask), not the
    owner-only mode of a temporary file. Raises :class:`OSError`.
    """
    if mode is None:
        umask = os.umask(0)  # the only way to read it is to set it: put it straight back
        os.umask(umask)
        mode = 0o666 & ~umask
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = temporary_beside(folder, prefix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
