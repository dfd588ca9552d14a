"""The error types of response-lint, in one place.

Every error that ends a run with exit 2 and one line on stderr derives from
:class:`LintError`; its message names the place (file, key) and what was expected.
The modules that raise them re-export the names they always had
(``lint.config.ConfigError``, ``lint.rules.RuleError``, ...), so imports keep working.
This module imports nothing of ours.
"""

from __future__ import annotations


class LintError(Exception):
    """A problem that ends the run with exit 2 and this message (no traceback without ``--debug``)."""


class UsageError(LintError):
    """Bad arguments or nothing to lint."""


class ConfigError(LintError, ValueError):
    """A configuration problem; the message names the file and the key."""


class RuleError(ConfigError):
    """A rule file (or a rule pack) that cannot be used; the message names the file, the key and the problem."""


class OptionError(ConfigError):
    """A rule option with an unknown name or a value of the wrong type."""


class BaselineError(UsageError):
    """A baseline file that cannot be read or written."""


class ChangedError(UsageError):
    """``--changed-since`` cannot work here (no git, not a repository, an unknown revision)."""


def require_folder(path: str, option: str, error: type[UsageError] = UsageError) -> None:
    """Refuse, before any work, an output file whose folder does not exist:
    ``OPTION: folder FOLDER does not exist`` (the one wording for every output option)."""
    import os

    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise error(f"{option}: folder {folder} does not exist")


class FixError(LintError):
    """A file that fixes cannot be written to; the message names the file and why."""


class LexiconError(LintError, RuntimeError):
    """The spelling dictionary cannot be loaded."""


class WorkerError(LintError, RuntimeError):
    """A worker process ended before it gave back its work (killed, or out of memory)."""


__all__ = [
    "BaselineError",
    "ChangedError",
    "ConfigError",
    "FixError",
    "LexiconError",
    "LintError",
    "OptionError",
    "RuleError",
    "UsageError",
    "WorkerError",
    "require_folder",
]
