"""Where the built-in rule pack lives (rule files and their word lists); imports nothing of ours."""

from __future__ import annotations

from pathlib import Path


def builtin_rules_dir() -> Path:
    """The built-in rule pack: inside the installed package, or ``rules/`` of a checkout."""
    packaged = Path(__file__).with_name("builtin_rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"
