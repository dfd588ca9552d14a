"""The rule engine: choose rules, run their checks, and turn findings into diagnostics.

Document checks run on each document; corpus checks run once on all documents of
the run. The engine never parses and never formats: it takes Documents and gives
Diagnostics.
"""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from lint import checks, messages, rulenames, suppress
from lint.checks.api import CheckKind, Context, Finding
from lint.collector import collector_paused
from lint.config import Config
from lint.errors import ConfigError
from lint.files import matches, relative_to_root
from lint.model import Diagnostic, Document, Severity
from lint.rules import Rule, builtin_rules_dir, load_rules
from lint.suggest import hint

if TYPE_CHECKING:
    from lint.links.results import LinkResults
    from lint.timings import Timings


def render_message(template: str, args: Mapping[str, Any]) -> str:
    """Fill ``template``'s ``{name}`` fields from ``args`` (:func:`lint.messages.fill`)."""
    return messages.fill(template, args)


def available_rules(config: Config) -> dict[str, Rule]:
    """Built-in rules plus the config's rule packs, with the config's severities and options."""
    rules = load_rules([builtin_rules_dir(), *config.rule_paths])
    for name, rule_config in config.rules.items():
        if name not in rules:
            raise ConfigError(f"{config.where}: rules.{name}: no rule named {name!r}{hint(name, rules)}")
        severity = Severity.parse(rule_config.severity) if rule_config.severity else None
        rules[name] = rules[name].with_config(severity, rule_config.options, config.source)
    return rules


def _expand(patterns: Iterable[str], names: Collection[str]) -> set[str]:
    return {name for pattern in patterns for name in rulenames.matching(pattern, names)}


def check_rule_names(
    rules: Mapping[str, Rule], config: Config, flags: Mapping[str, Sequence[str]] = MappingProxyType({})
) -> None:
    """Every rule name given, on the command line (``flags``: ``--select`` → patterns) or in the config,
    matches a rule; else a :class:`ConfigError` naming the flag, or the file and key, with a suggestion."""
    for flag, patterns in flags.items():
        rulenames.check(patterns, rules, flag)
    keys = {"select": config.select or (), "extend-select": config.extend_select, "ignore": config.ignore}
    for key, given in keys.items():
        rulenames.check(given, rules, f"{config.where}: {key}")
    for glob, patterns in config.per_file_ignores.items():
        rulenames.check(patterns, rules, f"{config.where}: per-file-ignores.{glob!r}")


def select_rules(
    rules: Mapping[str, Rule], select: Sequence[str] | None, extend: Sequence[str], ignore: Sequence[str]
) -> list[Rule]:
    """Rules chosen by name or glob: ``select`` (default: the default rules) + ``extend`` - ``ignore``.

    Names that match nothing are errors; where they came from is checked by :func:`check_rule_names`.
    """
    for flag, patterns in (("--select", select or ()), ("--extend-select", extend), ("--ignore", ignore)):
        rulenames.check(patterns, rules, flag)
    chosen = {name for name, rule in rules.items() if rule.default} if select is None else _expand(select, rules)
    chosen |= _expand(extend, rules)
    chosen -= _expand(ignore, rules)
    return [rules[name] for name in sorted(chosen)]


class _Bound(NamedTuple):
    rule: Rule
    context: Context
    kind: CheckKind


def _diagnostic(rule: Rule, finding: Finding, document: Document, explicit_severity: bool) -> Diagnostic:
    entry_name, phase_key = finding.entry, finding.phase
    if entry_name is None and phase_key is None:
        entry, phase = document.phase_at(finding.span.start)
        entry_name = entry.name if entry else None
        phase_key = phase.key if phase else None
    severity = rule.severity if explicit_severity or finding.severity is None else finding.severity
    message = finding.message if finding.message is not None else render_message(rule.message, finding.args)
    return Diagnostic(
        path=document.path,
        span=finding.span,
        rule=rule.name,
        severity=severity,
        message=message,
        entry=entry_name,
        phase=phase_key,
        related=finding.related,
        fix=finding.fix,
        fingerprint_text=finding.fingerprint,
    )


def run(
    documents: Sequence[Document],
    rules: Sequence[Rule],
    config: Config,
    links: LinkResults | None = None,
    timings: Timings | None = None,
) -> list[Diagnostic]:
    """All diagnostics of ``rules`` on ``documents``, sorted by path and position.

    ``links`` are the online link results of the run (``--links``), handed to checks in their Context.
    ``timings`` (``--timings``) collects the time of each rule and stage.
    """
    with collector_paused():
        return _run(documents, rules, config, links, timings)


def _run(
    documents: Sequence[Document],
    rules: Sequence[Rule],
    config: Config,
    links: LinkResults | None,
    timings: Timings | None,
) -> list[Diagnostic]:
    bound = [
        _Bound(rule, Context(rule.name, rule.severity, rule.options, str(config.root), links), checks.load(rule.check))
        for rule in rules
    ]
    explicit = {name for name, rc in config.rules.items() if rc.severity}
    ignored_per_file: dict[str, set[str]] = {}
    for document in documents:
        rel = relative_to_root(document.path, config.root)
        names: set[str] = set()
        for glob, rule_globs in config.per_file_ignores.items():
            if matches(rel, [glob]) or matches(document.path, [glob]):
                for rule_glob in rule_globs:
                    names.update(fnmatch.filter([b.rule.name for b in bound], rule_glob))
        ignored_per_file[document.path] = names
    by_path = {document.path: document for document in documents}
    diagnostics: list[Diagnostic] = []
    clock = time.perf_counter
    for item in bound:
        started = clock()
        check, check_corpus = item.kind.check, item.kind.check_corpus
        if check is not None:
            for document in documents:
                if item.rule.name in ignored_per_file[document.path]:
                    continue
                if not document.text and not item.kind.runs_on_empty:
                    continue
                for finding in check(document, item.context):
                    diagnostics.append(_diagnostic(item.rule, finding, document, item.rule.name in explicit))
        checked = clock()
        if check_corpus is not None:
            readable = [d for d in documents if d.text and item.rule.name not in ignored_per_file[d.path]]
            for finding in check_corpus(readable, item.context):
                target = by_path.get(finding.path or "")
                if target is None:
                    raise RuntimeError(f"check {item.rule.check!r} gave a finding with no known path")
                diagnostics.append(_diagnostic(item.rule, finding, target, item.rule.name in explicit))
        if timings is not None:
            done = clock()
            timings.add_rule(item.rule.name, done - started)
            timings.add_stage("check", checked - started)
            timings.add_stage("corpus rules", done - checked)
    started = clock()
    diagnostics = suppress.post_pass(
        documents,
        diagnostics,
        rules,
        ignored_per_file,
        config,
        lambda rule, finding, doc: _diagnostic(rule, finding, doc, rule.name in explicit),
    )
    diagnostics.sort(key=Diagnostic.sort_key)
    if timings is not None:
        timings.add_stage("suppressions", clock() - started)
    return diagnostics
