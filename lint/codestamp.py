"""The size and modification time of files in a folder tree: a cheap stamp of "what changed"."""

from __future__ import annotations

import os


def walk(folder: str, suffixes: tuple[str, ...]) -> list[str]:
    """``folder``'s files (and its sub-folders') ending in ``suffixes``, each with its size and
    modification time, sorted: os.scandir gives the stat without another system call."""
    found: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
            found.extend(walk(entry.path, suffixes))
        elif entry.name.endswith(suffixes):
            try:
                stat = entry.stat()
            except OSError:
                continue
            found.append(f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}")
    return sorted(found)


def code_stamp() -> list[str]:
    """Size and modification time of every module of the tool (so editing the code invalidates what
    was cached from it)."""
    return walk(os.path.dirname(os.path.abspath(__file__)), (".py",))
