"""The rule engine: choose rules, run their checks, and turn findings into diagnostics.

The pure per-document seam: :func:`check_document` is a function of (config, rules,
document) alone and gives a :class:`DocumentResult` (the document rules' findings and
a small summary per corpus rule); :func:`finish` runs the corpus rules on the merged
summaries and applies suppressions. :func:`run` is both, in this process; worker
processes, the result cache and shards (:mod:`lint.pipeline`) put the same results
together in other ways. The engine never parses and never formats: it takes Documents
and gives Diagnostics.
"""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from lint import checks, messages, republished, rulenames, suppress
from lint.budget import OverBudget, time_budget
from lint.checks import perdoc
from lint.checks.api import CheckKind, Context, CorpusCheck, FileProblem, Finding
from lint.collector import collector_paused
from lint.config import Config
from lint.errors import ConfigError
from lint.files import matches, relative_to_root
from lint.findings import Findings, Shared
from lint.model import Diagnostic, Document, Severity, Span, outline
from lint.rules import Rule, builtin_rules_dir, load_rules
from lint.suggest import hint
from lint.tuples import NamedTuple

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

    Only chooses: a name that matches nothing chooses nothing. Whether every name given
    matches a rule is checked before, by :func:`check_rule_names`, which can say where
    the name came from (a flag, or the config file and key).
    """
    chosen = {name for name, rule in rules.items() if rule.default} if select is None else _expand(select, rules)
    chosen |= _expand(extend, rules)
    chosen -= _expand(ignore, rules)
    return [rules[name] for name in sorted(chosen)]


def read_files(rules: Sequence[Rule], config: Config) -> list[Rule]:
    """``rules`` with the files their options name read (word lists, rosters: each kind's
    ``check_files``), for rules not read yet; a :class:`ConfigError` naming the rule, the
    option and the problem. The checks use what was read, so a file that changes during
    the run cannot stop it halfway."""
    out = []
    for rule in rules:
        kind = checks.load(rule.check)
        if kind.check_files is not None and rule.files is None:
            found = kind.check_files(rule.options, str(config.root))
            if isinstance(found, FileProblem):
                raise ConfigError(f"{config.where}: rule {rule.name!r} option {found.key!r}: {found.problem}")
            rule = rule._replace(files=MappingProxyType(dict(found)))
        out.append(rule)
    return out


class Selection(NamedTuple):
    """A run's rules: every rule available (the names a suppression may use), and the ones chosen."""

    available: dict[str, Rule]
    chosen: list[Rule]


def choose_rules(
    config: Config,
    select: Sequence[str] | None = None,
    extend: Sequence[str] = (),
    ignore: Sequence[str] = (),
    *,
    every: bool = False,
) -> Selection:
    """The one way a command chooses its rules (``check``, the editor server, ``rules --test``):
    the rules with the config applied, every name given checked where it was given (the
    command line's ``select``/``extend``/``ignore``, then the config's), the selection
    (``every``: all rules), and the files the chosen rules name read, all before any
    response file is read."""
    rules = available_rules(config)
    check_rule_names(rules, config, {"--select": select or (), "--extend-select": extend, "--ignore": ignore})
    if every:
        chosen = [rules[name] for name in sorted(rules)]
    else:
        chosen = select_rules(
            rules,
            select if select is not None else config.select,
            [*config.extend_select, *extend],
            [*config.ignore, *ignore],
        )
    return Selection(rules, read_files(chosen, config))


class _Bound(NamedTuple):
    rule: Rule
    context: Context
    kind: CheckKind


def _fields(
    rule: Rule, finding: Finding, document: Document, explicit_severity: bool, shared: Shared
) -> tuple[Any, ...]:
    """A finding's diagnostic but its path: the fields of :class:`lint.model.Diagnostic` after ``path``."""
    entry_name, phase_key = finding.entry, finding.phase
    if entry_name is None and phase_key is None:
        entry, phase = document.phase_at(finding.span.start)
        entry_name = entry.name if entry else None
        phase_key = phase.key if phase else None
    severity = rule.severity if explicit_severity or finding.severity is None else finding.severity
    message = finding.message if finding.message is not None else render_message(rule.message, finding.args)
    message = shared.one(message)
    phase_key = shared.one(phase_key) if phase_key is not None else None
    return (
        finding.span,
        rule.name,
        severity,
        message,
        entry_name,
        phase_key,
        finding.related,
        finding.fix,
        finding.fingerprint,
    )


class DocumentResult(NamedTuple):
    """What checking one document gives: a pure function of (config, rules, document).

    ``diagnostics``: the document rules' findings (suppressions not yet applied);
    ``summaries``: per corpus rule, what its ``check_corpus`` needs of this document;
    ``outline``: the document without its prose (:func:`lint.model.outline`), for the
    stages after the checks; ``times``: seconds per rule. Picklable, so worker processes,
    the result cache and shard files can carry it.
    """

    path: str
    diagnostics: Findings  # a Sequence[Diagnostic], in columns until read
    summaries: dict[str, Any]
    outline: Document
    times: dict[str, float]


class Plan:
    """The rules of a run bound to their contexts, and what the config says about each file."""

    def __init__(
        self,
        rules: Sequence[Rule],
        config: Config,
        links: LinkResults | None = None,
        known: Collection[str] | None = None,
    ) -> None:
        rules = read_files(rules, config)  # rules chosen without choose_rules (examples with their own options)
        self.rules = rules
        self.config = config
        # every rule a suppression may name (the run's available_rules, already loaded);
        # None: the suppression pass loads them itself when a suppression names a rule
        self.known = frozenset(known) if known is not None else None
        self.bound = [
            _Bound(
                rule,
                Context(rule.name, rule.severity, rule.options, str(config.root), links, rule.files or {}),
                checks.load(rule.check),
            )
            for rule in rules
        ]
        self.explicit = {name for name, rc in config.rules.items() if rc.severity}
        self._names = [b.rule.name for b in self.bound]
        # the rules whose findings are about an answer's own words (lint.republished)
        self.answer_text = frozenset(b.rule.name for b in self.bound if b.kind.answer_text)
        self._shared = Shared()

    def ignored(self, path: str) -> set[str]:
        """The rule names ``per-file-ignores`` switch off for ``path``."""
        if not self.config.per_file_ignores:
            return set()  # most projects: no path to resolve (0.17 s of a warm 2,000-file run)
        rel = relative_to_root(path, self.config.root)
        names: set[str] = set()
        for glob, rule_globs in self.config.per_file_ignores.items():
            if matches(rel, [glob]) or matches(path, [glob]):
                for rule_glob in rule_globs:
                    names.update(fnmatch.filter(self._names, rule_glob))
        return names

    def make(self, rule: Rule, finding: Finding, document: Document) -> Diagnostic:
        return Diagnostic(document.path, *_fields(rule, finding, document, rule.name in self.explicit, self._shared))

    def add(self, findings: Findings, rule: Rule, finding: Finding, document: Document) -> None:
        """:meth:`make`, kept in ``findings`` (:class:`lint.findings.Findings`: columns, not an object each)."""
        findings.add(*_fields(rule, finding, document, rule.name in self.explicit, self._shared))


def _over_budget(rule: Rule, document: Document, seconds: float) -> Diagnostic:
    """The finding that says a rule was stopped on a file (a pattern that backtracks, most likely)."""
    return Diagnostic(
        path=document.path,
        span=Span(0, 0),
        rule=rule.name,
        severity=Severity.ERROR,
        message=(
            f"rule {rule.name!r} was stopped after {seconds:g} s on this file (time-budget): one of its "
            "patterns may backtrack without end; its findings here may be incomplete"
        ),
    )


def check_document(plan: Plan, document: Document) -> DocumentResult:
    """The per-document work of a run: document rules' findings and corpus rules' summaries."""
    ignored = plan.ignored(document.path)
    diagnostics = Findings(document.path)
    summaries: dict[str, Any] = {}
    times: dict[str, float] = {}
    clock = time.perf_counter
    outlined: Document | None = None
    try:
        for item in plan.bound:
            name = item.rule.name
            if name in ignored:
                continue
            started = clock()
            check = item.kind.check
            if check is not None and (document.text or item.kind.runs_on_empty):
                try:
                    with time_budget(plan.config.time_budget):
                        for finding in check(document, item.context):
                            plan.add(diagnostics, item.rule, finding, document)
                except OverBudget:
                    diagnostics.append(_over_budget(item.rule, document, plan.config.time_budget))
            if item.kind.check_corpus is not None and document.text:
                if item.kind.summarise is not None:
                    summaries[name] = item.kind.summarise(document, item.context)
                else:
                    outlined = outlined or outline(document)
                    summaries[name] = outlined
            times[name] = clock() - started
    finally:
        perdoc.forget()  # what the checks shared about this document's paragraphs
    return DocumentResult(document.path, diagnostics, summaries, outlined or outline(document), times)


def corpus_rules(plan: Plan) -> list[tuple[Rule, CorpusCheck]]:
    """The run's corpus rules, in the plan's order, each with its ``check_corpus``."""
    return [(item.rule, item.kind.check_corpus) for item in plan.bound if item.kind.check_corpus is not None]


def corpus_rule(plan: Plan, rule: Rule, check_corpus: CorpusCheck, summaries: Sequence[Any]) -> list[Finding]:
    """One corpus rule's findings on its summaries (in run order): a pure function of them,
    so the result cache may keep them, keyed by the summaries."""
    context = next(item.context for item in plan.bound if item.rule is rule)
    return list(check_corpus(summaries, context))


def corpus_rule_again(
    plan: Plan, rule: Rule, state: Any, before: Mapping[str, Any], summaries: Sequence[Any]
) -> tuple[list[Finding], Any] | None:
    """:func:`corpus_rule` from what the rule kept of its last run (its kind's ``check_corpus_again``),
    with what to keep for the next; None when its kind does not declare it."""
    item = next(item for item in plan.bound if item.rule is rule)
    again = item.kind.check_corpus_again
    return None if again is None else again(state, before, summaries, item.context)


def corpus_diagnostics(
    plan: Plan, rule: Rule, findings: Iterable[Finding], outlines: Mapping[str, Document]
) -> list[Diagnostic]:
    """A corpus rule's findings as diagnostics, on the run's documents (``outlines``: path -> outline)."""
    diagnostics = []
    for finding in findings:
        target = outlines.get(finding.path or "")
        if target is None:
            raise RuntimeError(f"check {rule.check!r} gave a finding with no known path")
        diagnostics.append(plan.make(rule, finding, target))
    return diagnostics


def corpus_findings(plan: Plan, results: Sequence[DocumentResult], timings: Timings | None = None) -> list[Diagnostic]:
    """The corpus rules' findings on the documents' summaries (``results`` in run order; suppressions
    not applied)."""
    clock = time.perf_counter
    outlines = {result.path: result.outline for result in results}
    diagnostics: list[Diagnostic] = []
    started = clock()
    for rule, check_corpus in corpus_rules(plan):
        rule_started = clock()
        summaries = [result.summaries[rule.name] for result in results if rule.name in result.summaries]
        findings = corpus_rule(plan, rule, check_corpus, summaries)
        diagnostics.extend(corpus_diagnostics(plan, rule, findings, outlines))
        if timings is not None:
            timings.add_rule(rule.name, clock() - rule_started)
    if timings is not None:
        timings.add_stage("corpus rules", clock() - started)
    return diagnostics


def finish(
    plan: Plan,
    results: Sequence[DocumentResult],
    timings: Timings | None = None,
    corpus: list[Diagnostic] | None = None,
) -> list[Diagnostic]:
    """The run's diagnostics from its documents' results (:func:`finish_lazy`), in a list."""
    return list(finish_lazy(plan, results, timings, corpus))


def finish_lazy(
    plan: Plan,
    results: Sequence[DocumentResult],
    timings: Timings | None = None,
    corpus: list[Diagnostic] | None = None,
) -> Sequence[Diagnostic]:
    """The run's diagnostics from its documents' results (in run order): corpus rules on the summaries
    (``corpus``: their findings, when the caller has them already), then suppressions; sorted by path
    and position, each made when read (:class:`lint.findings.Chosen`: a report reads them one by one)."""
    clock = time.perf_counter
    outlines = {result.path: result.outline for result in results}
    groups: list[Sequence[Diagnostic]] = [result.diagnostics for result in results]  # made into objects when read
    if timings is not None:
        for result in results:
            timings.merge_rules(result.times)
    groups.append(corpus_findings(plan, results, timings) if corpus is None else corpus)
    started = clock()
    ignored = {path: plan.ignored(path) for path in outlines}
    documents = list(outlines.values())
    chosen = suppress.post_pass(documents, groups, plan.rules, ignored, plan.config, plan.make, plan.known)
    diagnostics: Sequence[Diagnostic]
    if plan.config.republished_once and len(outlines) > 1 and plan.answer_text:  # lint.republished
        diagnostics = republished.report_once(chosen.sorted(), outlines, plan.answer_text)
    else:
        diagnostics = chosen.sorted()
    if timings is not None:
        timings.add_stage("suppressions", clock() - started)
    return diagnostics


def run(
    documents: Sequence[Document],
    rules: Sequence[Rule],
    config: Config,
    links: LinkResults | None = None,
    timings: Timings | None = None,
    known: Collection[str] | None = None,
) -> list[Diagnostic]:
    """All diagnostics of ``rules`` on ``documents``, sorted by path and position.

    ``links`` are the online link results of the run (``--links``), handed to checks in their Context.
    ``timings`` (``--timings``) collects the time of each rule and stage.
    ``known``: every rule name a suppression may name, when the caller has loaded them (:class:`Plan`).
    """
    with collector_paused():
        plan = Plan(rules, config, links, known)
        started = time.perf_counter()
        results = [check_document(plan, document) for document in documents]
        if timings is not None:
            timings.add_stage("check", time.perf_counter() - started)
        return finish(plan, results, timings)
