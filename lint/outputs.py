"""The reports a ``check`` run writes besides its main one: ``--also-write`` files and the job summary.

Also gathers the rules' metadata (:class:`lint.report.RuleInfo`) that formats such as
SARIF describe, so that formats never import the rules (and through them the checks).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, TextIO

from lint import __version__
from lint.errors import UsageError, require_folder
from lint.report import Report, RuleInfo
from lint.rules import Rule
from lint.utf8out import open_utf8

if TYPE_CHECKING:
    from pathlib import Path

    from lint.formats import Settings


def _help_uri(rule: Rule, builtin: Path) -> str:
    """The rule file's address: in the project's repository for a built-in rule, else the file itself.

    ``builtin`` is the built-in pack's folder; a rule file found there needs no resolving (75
    ``resolve()`` calls cost a one-file run a few milliseconds)."""
    from lint import HOMEPAGE

    try:
        relative = rule.source.relative_to(builtin)
    except ValueError:
        try:
            relative = rule.source.resolve().relative_to(builtin.resolve())
        except ValueError:
            return rule.source.resolve().as_uri()
    return f"{HOMEPAGE}/blob/v{__version__}/rules/{relative.as_posix()}"


def rule_info(rules: Sequence[Rule], with_help: bool = True) -> dict[str, RuleInfo]:
    """What formats may say about the rules that ran, by name (``with_help``: with each rule's whole
    documentation, :attr:`RuleInfo.help`, which only some formats show: ``formats.WITH_HELP``)."""
    from lint.checks import load
    from lint.rules import builtin_rules_dir

    if with_help:
        from lint.ruledoc import explain
    builtin = builtin_rules_dir()
    return {
        rule.name: RuleInfo(
            name=rule.name,
            severity=rule.severity,
            summary=rule.summary,
            docs=rule.docs,
            message=rule.message,
            check=rule.check,
            tags=rule.tags,
            fixable=rule.fixable,
            help=explain(rule) if with_help else "",
            summary_role=load(rule.check).summary_role,
            help_uri=_help_uri(rule, builtin),
        )
        for rule in rules
    }


def check_targets(also_write: Sequence[tuple[str, str]], output: str | None, formats: Collection[str]) -> None:
    """Refuse, before any work, an unknown format, a missing folder or a file named twice."""
    targets = [os.path.abspath(path) for _, path in also_write]
    if output:
        targets.append(os.path.abspath(output))
    for fmt, path in also_write:
        if fmt not in formats:
            raise UsageError(f"--also-write: unknown format {fmt!r} (expected one of {', '.join(sorted(formats))})")
        require_folder(path, "--also-write")
        if targets.count(os.path.abspath(path)) > 1:
            raise UsageError(f"--also-write: {path} is named as more than one output")


def refuse_linted(targets: Sequence[tuple[str, str | None]], files: Sequence[str]) -> None:
    """Exit 2 before any work when an output (``--output``, ``--also-write``, ``--write-baseline``)
    names a file being linted: writing the report there would overwrite the user's file.

    Compared by device and inode, which finds the file however it is named: through a symlink,
    ``..`` or a hard link. An output that does not exist yet, or is not a regular file
    (``/dev/null``, a pipe), cannot be one of them, and costs no look at the linted files.
    """
    import stat

    named = []
    for flag, path in targets:
        try:
            info = os.stat(path) if path else None
        except OSError:
            continue
        if info is not None and stat.S_ISREG(info.st_mode):
            named.append((flag, path, (info.st_dev, info.st_ino)))
    if not named:
        return
    identities = set()
    for f in files:
        try:
            info = os.stat(f)
        except OSError:
            continue
        identities.add((info.st_dev, info.st_ino))
    for flag, path, identity in named:
        if identity in identities:
            raise UsageError(f"{flag}: {path} is one of the files being linted; the report would overwrite it")


def write_extra(
    also_write: Sequence[tuple[str, str]],
    report: Report,
    settings: Settings | None = None,
    tee: Callable[[TextIO, str], TextIO] | None = None,
) -> None:
    """Write the ``--also-write`` reports, and the job summary when ``GITHUB_STEP_SUMMARY`` is set
    (``tee``: each file's stream, to record it, :mod:`lint.replay`)."""
    from lint.formats import Settings, get

    settings = (settings or Settings(tool_version=__version__))._replace(color=False, width=None)
    for fmt, path in also_write:
        try:
            with open_utf8(path) as handle:
                get(fmt).render(report, tee(handle, path) if tee else handle, settings)
        except OSError as exc:
            raise UsageError(f"--also-write: cannot write {path}: {exc.strerror or exc}") from None
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        from lint.formats import step_summary

        step_summary.append(report, summary_path, settings)
