"""Inline suppressions: the engine's post-pass that applies ``response-lint:`` comments.

In the formats that have comments (HTML comments in Markdown and the 2012 source),
a comment can switch rules off and on again::

    <!-- response-lint: disable=placeholder,year-copy -->   from here ...
    <!-- response-lint: enable -->                          ... to here (or enable=RULE)
    <!-- response-lint: disable-next-line=placeholder -->   the next line only

No rule list means every rule; names may be globs; `` -- reason`` may follow. This
module parses those directives from ``Document.comments`` (the readers' spans), drops
the diagnostics they cover, and then reports what can only be known once every other
rule has run: suppressions that suppressed nothing (rule ``unused-suppression``) and
suppressions that cannot work (rule ``invalid-suppression``: an unknown directive or
rule name, an empty rule list). Each is a rule of a post-pass check kind
(``unused-suppression``, ``invalid-suppression``) whose spec's ``post_pass`` says which
of the two it reports.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from lint import checks, rulenames
from lint.checks.api import Finding
from lint.config import Config
from lint.model import Comment, Diagnostic, Document, Edit, Fix, Span
from lint.rules import Rule, RuleError, builtin_rules_dir, load_rules
from lint.suggest import hint
from lint.suppress_sweep import covering as sweep

UNUSED, INVALID = "unused-suppression", "invalid-suppression"  # what a post-pass kind declares (``post_pass``)
ACTIONS = ("disable", "enable", "disable-next-line")

_HEAD = re.compile(r"^<!--\s*response-lint\b(?P<colon>\s*:)?\s*(?P<body>.*?)\s*-->$", re.DOTALL | re.IGNORECASE)
_ACTION = re.compile(r"^(?P<action>[A-Za-z][\w-]*)(?P<rest>.*)$", re.DOTALL)
_NAME = re.compile(r"^[\w*?\[\]!.-]+$")


@dataclass(slots=True)  # one per comment, and a file may hold tens of thousands: no dict, no empty set each
class Directive:
    """One ``response-lint:`` comment. ``rules`` is None for "every rule"."""

    action: str
    rules: tuple[str, ...] | None
    comment: Comment
    reason: str = ""
    used: frozenset[str] = frozenset()  # the rule patterns that suppressed something
    used_any: bool = False
    closes: tuple[Directive, ...] = ()  # for enable: the directives it ends


@dataclass(slots=True)
class _Region:
    directive: Directive
    start: int
    end: int
    rules: tuple[str, ...] | None  # None: every rule
    excepted: frozenset[str] = frozenset()  # rules re-enabled inside a blanket region


@dataclass(slots=True)
class _Problem:
    kind: str  # UNUSED or INVALID
    span: Span
    message: str
    fix: Fix | None = None
    fingerprint: str = ""


def _verdict(
    rule: str, rules: tuple[str, ...] | None, excepted: frozenset[str], explicit_only: bool
) -> list[str] | None:
    """The patterns of a region of ``rules`` (None: every rule) that suppress ``rule``, or None if it does not."""
    if any(fnmatch.fnmatchcase(rule, e) for e in excepted):
        return None
    if rules is None:
        return None if explicit_only else []
    return _matches(rule, rules) or None


def _matches(rule: str, patterns: Sequence[str]) -> list[str]:
    return [p for p in patterns if fnmatch.fnmatchcase(rule, p)]


def parse(comment: Comment) -> tuple[Directive | None, str | None]:
    """``(directive, None)``, ``(None, problem)`` for a malformed one, or ``(None, None)``."""
    head = _HEAD.match(comment.text)
    if head is None:
        return None, None
    body = " ".join(head.group("body").split())
    reason = ""
    if " -- " in f" {body} ":
        body, _, reason = f" {body} ".partition(" -- ")
        body, reason = body.strip(), reason.strip()
    m = _ACTION.match(body)
    action = m.group("action").lower() if m else ""
    if action not in ACTIONS:
        if head.group("colon") is None:
            return None, None  # "<!-- response-lint found ... -->": prose, not a directive
        if not body:
            return None, f"empty suppression: write one of {', '.join(ACTIONS)}"
        shown = action or body
        suggestion = hint(shown, ACTIONS) or f" (expected {', '.join(ACTIONS)})"
        return None, f"unknown suppression directive {shown!r}{suggestion}"
    rest = m.group("rest").strip() if m else ""
    if not rest:
        return Directive(action, None, comment, reason), None
    if not rest.startswith("="):
        return None, (
            f"cannot read {body!r}: write '{action}=RULE[,RULE]' (no '=' means every rule; put a reason after ' -- ')"
        )
    names = [part.strip() for part in rest[1:].split(",")]
    if not any(names):
        return None, f"'{action}=' names no rule: give rule names, or drop '=' to mean every rule"
    bad = [n for n in names if not n or not _NAME.match(n)]
    if bad:
        return None, f"cannot read the rule list {rest[1:].strip()!r}: separate rule names with commas"
    return Directive(action, tuple(dict.fromkeys(names)), comment, reason), None


def known_rule_names(config: Config, chosen: Collection[Rule]) -> set[str]:
    """Every rule a suppression may name: built-in, the config's rule packs, and those running."""
    names = {rule.name for rule in chosen}
    try:
        names.update(load_rules([builtin_rules_dir(), *config.rule_paths]))
    except RuleError:
        pass  # the run's own rule loading already reported (or survived) this
    return names


def _line_removal(document: Document, span: Span) -> Edit | None:
    """An edit deleting the lines of ``span`` when nothing else stands on them."""
    lines = document.lines
    first, last = lines.line_of(span.start), lines.line_of(max(span.end - 1, span.start))
    start, end = lines.line_span(first), lines.line_span(last)
    text = document.text
    if text[start.start : span.start].strip() or text[span.end : end.end].strip():
        return None
    stop = end.end
    if text.startswith("\r\n", stop):
        stop += 2
    elif stop < len(text) and text[stop] in "\r\n":
        stop += 1
    return Edit(Span(start.start, stop), "")


_PATTERNS: dict[tuple[str, ...], frozenset[str]] = {}


def _mark(directive: Directive, patterns: Sequence[str]) -> None:
    """``directive`` suppressed a finding, by ``patterns`` (one frozenset per set of them: 216 bytes each)."""
    directive.used_any = True
    given = _PATTERNS.get(key := tuple(patterns)) or _PATTERNS.setdefault(key, frozenset(patterns))
    used = directive.used
    directive.used = given if not used else used if given <= used else used | given


def _describe(directive: Directive) -> str:
    rules = "" if directive.rules is None else "=" + ",".join(directive.rules)
    return directive.action + rules


class _Document:
    """The directives and suppressed regions of one document."""

    def __init__(self, document: Document, known: Callable[[], set[str]]) -> None:
        self.document = document
        self.directives: list[Directive] = []
        self.regions: list[_Region] = []
        self.problems: list[_Problem] = []
        for comment in document.comments:
            directive, problem = parse(comment)
            if problem is not None:
                self.problems.append(_Problem(INVALID, comment.span, problem, fingerprint=comment.text))
            if directive is None:
                continue
            if directive.rules is not None:
                names = known()
                unknown = tuple(p for p in directive.rules if rulenames.problem(p, names))
                for pattern in unknown:
                    self.problems.append(
                        _Problem(
                            INVALID,
                            comment.span,
                            f"suppression: {rulenames.problem(pattern, names)}",
                            fingerprint=f"{comment.text}\x1f{pattern}",
                        )
                    )
                directive.rules = tuple(p for p in directive.rules if p not in unknown)
                if not directive.rules:
                    continue  # nothing left that it could suppress; already reported
            self.directives.append(directive)
        self._build_regions()

    def _build_regions(self) -> None:
        lines = self.document.lines
        text_end = len(self.document.text)
        open_regions: list[_Region] = []
        for directive in self.directives:
            span = directive.comment.span
            if directive.action == "disable-next-line":
                line = lines.line_of(max(span.end - 1, span.start)) + 1
                if line <= lines.line_count:  # on the last line there is nothing to suppress
                    target = lines.line_span(line)
                    self.regions.append(_Region(directive, target.start, target.end + 1, directive.rules))
            elif directive.action == "disable":
                open_regions.append(_Region(directive, span.end, text_end, directive.rules))
            else:  # enable
                open_regions = self._enable(directive, open_regions)
        self.regions.extend(open_regions)

    def _enable(self, enable: Directive, open_regions: list[_Region]) -> list[_Region]:
        """Close or narrow the open regions that ``enable`` ends; returns those still open."""
        at = enable.comment.span.start
        still: list[_Region] = []
        for region in open_regions:
            if enable.rules is None:
                self.regions.append(_Region(region.directive, region.start, at, region.rules, region.excepted))
                enable.closes += (region.directive,)
                continue
            remaining = region.rules
            excepted = set(region.excepted)
            if region.rules is None:
                excepted.update(enable.rules)
            else:
                # "disable=year-copy" ends with "enable=year-copy" (or "enable=year-*"); a narrower
                # "enable=year-copy" inside "disable=year-*" keeps the rest of the glob disabled
                remaining = tuple(p for p in region.rules if not any(fnmatch.fnmatchcase(p, e) for e in enable.rules))
                excepted.update(e for e in enable.rules if any(fnmatch.fnmatchcase(e, p) for p in remaining))
            if remaining == region.rules and excepted == region.excepted:
                still.append(region)
                continue
            self.regions.append(_Region(region.directive, region.start, at, region.rules, region.excepted))
            enable.closes += (region.directive,)
            if remaining is None or remaining:
                still.append(_Region(region.directive, at, region.end, remaining, frozenset(excepted)))
        return still

    def covering(self, diagnostic: Diagnostic, explicit_only: bool) -> tuple[_Region, list[str]] | None:
        """The latest region that suppresses ``diagnostic``, with the patterns that match it."""
        return self.covering_all([(diagnostic, explicit_only)])[0]

    def covering_all(self, queries: Sequence[tuple[Diagnostic, bool]]) -> list[tuple[_Region, list[str]] | None]:
        """:meth:`covering` for many findings at once, in one sweep (:func:`lint.suppress_sweep.covering`)."""
        return sweep([(d.span.start, d.rule, explicit) for d, explicit in queries], self.regions, _verdict)

    def unused(self, ran: Collection[str], meta: Collection[str]) -> list[_Problem]:
        """Suppressions that suppressed nothing, judged against the rules that ran here.

        A rule named in a suppression that did not run is not judged, nor are the
        ``meta`` rules (those about suppressions themselves).
        """
        found: list[_Problem] = []
        judged = [r for r in ran if r not in meta]
        for directive in self.directives:
            span = directive.comment.span
            if directive.action == "enable":
                if directive.closes:
                    continue
                what = (
                    "every rule is enabled"
                    if directive.rules is None
                    else f"{', '.join(repr(r) for r in directive.rules)} is not disabled"
                )
                found.append(self._unused(directive, f"unused suppression '{_describe(directive)}': {what} here"))
                continue
            where = "on the next line" if directive.action == "disable-next-line" else "in its region"
            if directive.rules is None:
                if not directive.used_any:
                    found.append(
                        self._unused(
                            directive, f"unused suppression '{_describe(directive)}': no finding {where} to suppress"
                        )
                    )
                continue
            idle = [
                p
                for p in directive.rules
                if p not in directive.used and not fnmatch.filter(meta, p) and fnmatch.filter(judged, p)
            ]
            if not idle:
                continue
            names = ", ".join(repr(p) for p in idle)
            if len(idle) == len(directive.rules):
                found.append(
                    self._unused(directive, f"unused suppression '{_describe(directive)}': no {names} finding {where}")
                )
            else:
                found.append(
                    _Problem(
                        UNUSED,
                        span,
                        f"unused suppression of {names} in '{_describe(directive)}': no such finding {where}",
                        fingerprint=f"{directive.comment.text}\x1f{names}",
                    )
                )
        return found

    def _unused(self, directive: Directive, message: str) -> _Problem:
        fix = None
        if directive.action in ("disable-next-line", "enable"):
            edit = _line_removal(self.document, directive.comment.span)
            if edit is not None:
                fix = Fix("remove the unused suppression", (edit,))
        return _Problem(UNUSED, directive.comment.span, message, fix=fix, fingerprint=directive.comment.text)


def _has_directives(document: Document) -> bool:
    return any("response-lint" in c.text.lower() for c in document.comments)


def _reporters(rules: Sequence[Rule]) -> dict[str, list[Rule]]:
    """The rules of the post-pass kinds, by what they report (their kind's ``post_pass``)."""
    found: dict[str, list[Rule]] = {UNUSED: [], INVALID: []}
    for rule in rules:
        role = checks.load(rule.check).post_pass
        if role is not None:
            found[role].append(rule)
    return found


def post_pass(
    documents: Sequence[Document],
    diagnostics: Sequence[Diagnostic],
    rules: Sequence[Rule],
    ignored: Mapping[str, Collection[str]],
    config: Config,
    make: Callable[[Rule, Finding, Document], Diagnostic],
    available: Collection[str] | None = None,
) -> list[Diagnostic]:
    """``diagnostics`` without the suppressed ones, plus the suppression rules' own findings.

    ``rules`` are the rules of the run and ``ignored`` the rule names per-file-ignores
    switch off per path; ``make`` turns a finding of a rule into a diagnostic.
    ``available``: the names of the rules the run loaded (built-in and the config's rule
    packs), so that a suppression naming a rule does not load the rule files again;
    None: :func:`known_rule_names` loads them when one does.
    """
    parsed: dict[str, _Document] = {}
    cache: list[set[str]] = []

    def known() -> set[str]:
        if not cache:
            if available is None:
                cache.append(known_rule_names(config, rules))
            else:
                cache.append({*available, *(rule.name for rule in rules)})
        return cache[0]

    for document in documents:
        if document.comments and _has_directives(document):
            parsed[document.path] = _Document(document, known)
    if not parsed:
        return list(diagnostics)
    reporters = _reporters(rules)
    meta = {rule.name for group in reporters.values() for rule in group}

    kept: list[Diagnostic] = []
    asked: dict[str, list[int]] = {}
    for index, diagnostic in enumerate(diagnostics):
        if diagnostic.path in parsed:
            asked.setdefault(diagnostic.path, []).append(index)
    hits: dict[int, tuple[_Region, list[str]] | None] = {}
    for path, indexes in asked.items():
        answers = parsed[path].covering_all([(diagnostics[i], diagnostics[i].rule in meta) for i in indexes])
        hits.update(zip(indexes, answers, strict=True))
    for index, diagnostic in enumerate(diagnostics):
        hit = hits.get(index)
        if hit is None:
            kept.append(diagnostic)
            continue
        region, patterns = hit
        _mark(region.directive, patterns)

    names = [rule.name for rule in rules]
    extra: list[Diagnostic] = []
    for path, state in parsed.items():
        ran = [n for n in names if n not in ignored.get(path, ())]
        problems = list(state.problems)
        if any(rule.name in ran for rule in reporters[UNUSED]):
            problems.extend(state.unused(ran, meta))
        made: list[Diagnostic] = []
        for problem in problems:
            for rule in reporters[problem.kind]:
                if rule.name not in ran:
                    continue
                finding = Finding(
                    span=problem.span, message=problem.message, fix=problem.fix, fingerprint=problem.fingerprint or None
                )
                made.append(make(rule, finding, state.document))
        for diagnostic, hit in zip(made, state.covering_all([(d, True) for d in made]), strict=True):
            if hit is None:
                extra.append(diagnostic)
            else:
                _mark(hit[0].directive, hit[1])
    return kept + extra
