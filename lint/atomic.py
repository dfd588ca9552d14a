"""Write a file whole or not at all: a temporary file beside it, then one rename."""

from __future__ import annotations

import os


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, prefix: str = ".response-lint-", mode: int | None = None
) -> None:
    """Replace ``path`` by ``data``: a reader sees the old file or the new one, never part of it.

    The temporary file is made in the same folder (so the rename cannot cross file
    systems) and removed again whatever goes wrong. The new file gets ``mode``, or by
    default the mode ``open()`` would give a new file (0o666 less the umask), not the
    owner-only mode of a temporary file. Raises :class:`OSError`.
    """
    import tempfile

    if mode is None:
        umask = os.umask(0)  # the only way to read it is to set it: put it straight back
        os.umask(umask)
        mode = 0o666 & ~umask
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
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
