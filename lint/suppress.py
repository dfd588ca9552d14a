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
import itertools
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence

from lint import checks, rulenames
from lint.checks.api import Finding
from lint.config import Config
from lint.findings import Chosen, Findings, group_code
from lint.model import Diagnostic, Document, Edit, Fix, Span
from lint.rules import Rule, RuleError, builtin_rules_dir, load_rules
from lint.suppress_parse import Directive, parse
from lint.suppress_sweep import Regions
from lint.suppress_sweep import covering as sweep
from lint.tuples import NamedTuple

UNUSED, INVALID = "unused-suppression", "invalid-suppression"  # what a post-pass kind declares (``post_pass``)


class _Open(NamedTuple):
    """A region still open while the directives are read (a ``disable`` not yet ended)."""

    owner: int  # the index of its directive
    start: int
    end: int
    rules: tuple[str, ...] | None  # None: every rule
    excepted: frozenset[str] = frozenset()  # rules re-enabled inside a blanket region


class _Problem(NamedTuple):
    kind: str  # UNUSED or INVALID
    span: Span
    message: str
    fix: Fix | None = None
    fingerprint: str = ""


def _verdict(
    rule: str, rules: tuple[str, ...] | None, excepted: frozenset[str], explicit_only: bool
) -> tuple[str, ...] | None:
    """The patterns of a region of ``rules`` (None: every rule) that suppress ``rule``, or None if it does not."""
    if any(fnmatch.fnmatchcase(rule, e) for e in excepted):
        return None
    if rules is None:
        return None if explicit_only else ()
    return tuple(p for p in rules if fnmatch.fnmatchcase(rule, p)) or None


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
    """The directives and suppressed regions (:class:`lint.suppress_sweep.Regions`) of one document."""

    def __init__(
        self, document: Document, known: Callable[[], set[str]], shared: dict[tuple[str, ...], tuple[str, ...]]
    ) -> None:
        self.document = document
        self.directives: list[Directive] = []
        self.regions = Regions()
        self.problems: list[_Problem] = []
        judged: dict[str, str | None] = {}  # what is wrong with each pattern, asked once
        for comment in document.comments:
            directive, problem = parse(comment, shared)
            if problem is not None:
                self.problems.append(_Problem(INVALID, comment.span, problem, fingerprint=comment.text))
            if directive is None:
                continue
            if directive.rules is not None:
                names = known()
                for pattern in directive.rules:
                    if pattern not in judged:
                        judged[pattern] = rulenames.problem(pattern, names)
                unknown = tuple(p for p in directive.rules if judged[p])
                for pattern in unknown:
                    self.problems.append(
                        _Problem(
                            INVALID,
                            comment.span,
                            f"suppression: {judged[pattern]}",
                            fingerprint=f"{comment.text}\x1f{pattern}",
                        )
                    )
                if unknown:
                    directive.rules = tuple(p for p in directive.rules if p not in unknown)
                if not directive.rules:
                    continue  # nothing left that it could suppress; already reported
            self.directives.append(directive)
        self._build_regions()

    def _add(self, region: _Open) -> None:
        written = self.directives[region.owner].comment.span.start
        self.regions.add(region.owner, written, region.start, region.end, region.rules, region.excepted)

    def _build_regions(self) -> None:
        lines = self.document.lines
        text_end = len(self.document.text)
        open_regions: list[_Open] = []
        for index, directive in enumerate(self.directives):
            span = directive.comment.span
            if directive.action == "disable-next-line":
                line = lines.line_of(max(span.end - 1, span.start)) + 1
                if line <= lines.line_count:  # on the last line there is nothing to suppress
                    target = lines.line_span(line)
                    self.regions.add(index, span.start, target.start, target.end + 1, directive.rules)
            elif directive.action == "disable":
                open_regions.append(_Open(index, span.end, text_end, directive.rules))
            else:  # enable
                open_regions = self._enable(directive, open_regions)
        for region in open_regions:
            self._add(region)

    def _enable(self, enable: Directive, open_regions: list[_Open]) -> list[_Open]:
        """Close or narrow the open regions that ``enable`` ends; returns those still open."""
        at = enable.comment.span.start
        still: list[_Open] = []
        for region in open_regions:
            if enable.rules is None:
                self._add(region._replace(end=at))
                enable.closes = True
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
            self._add(region._replace(end=at))
            enable.closes = True
            if remaining is None or remaining:
                still.append(_Open(region.owner, at, region.end, remaining, frozenset(excepted)))
        return still

    def suppress(
        self, diagnostics: Sequence[Diagnostic], indexes: Sequence[int], meta: Collection[str] | None
    ) -> Iterator[int]:
        """The indexes (of ``indexes``, into ``diagnostics``) of the findings a region suppresses,
        each region's directive marked as used, in one sweep (:func:`lint.suppress_sweep.covering`).
        Findings of the ``meta`` rules (None: of every rule) are suppressed only by directives
        that name their rule."""
        offsets = [diagnostics[i].span.start for i in indexes]
        rules = [diagnostics[i].rule for i in indexes]
        for query in self.suppress_at(offsets, rules, meta):
            yield indexes[query]

    def suppress_at(self, offsets: Sequence[int], rules: Sequence[str], meta: Collection[str] | None) -> Iterator[int]:
        """:meth:`suppress` for findings given as their offsets and rules: the indexes of those suppressed."""
        explicit = bytes(meta is None or rule in meta for rule in rules)  # a byte a finding
        owner, directives = self.regions.owner, self.directives
        for query, region, patterns in sweep(offsets, rules, explicit, self.regions, _verdict):
            _mark(directives[owner[region]], patterns)
            yield query

    def unused(self, ran: Collection[str], meta: Collection[str]) -> list[_Problem]:
        """Suppressions that suppressed nothing, judged against the rules that ran here.

        A rule named in a suppression that did not run is not judged, nor are the
        ``meta`` rules (those about suppressions themselves).
        """
        found: list[_Problem] = []
        judged = [r for r in ran if r not in meta]
        idle_patterns: dict[str, bool] = {}  # whether a pattern names a rule that ran and is not a meta rule
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
            for p in directive.rules:
                if p not in idle_patterns:
                    idle_patterns[p] = not fnmatch.filter(meta, p) and bool(fnmatch.filter(judged, p))
            idle = [p for p in directive.rules if p not in directive.used and idle_patterns[p]]
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


def _unsuppressed(group: Sequence[Diagnostic], parsed: Mapping[str, _Document], meta: Collection[str]) -> Iterable[int]:
    """The indexes of the diagnostics of ``group`` no directive suppresses (marking the directives that do).

    A document's :class:`lint.findings.Findings` is judged on its columns: no Diagnostic
    object is made (a file of suppressed findings made one each, to drop them at once)."""
    if isinstance(group, Findings):
        state = parsed.get(group.path)
        if state is None or not group:
            return range(len(group))
        hit = bytearray(len(group))
        for query in state.suppress_at(group.starts, group.rules(), meta):
            hit[query] = 1
        return (i for i in range(len(group)) if not hit[i])
    asked: dict[str, array[int]] = {}  # the indexes of each parsed document's findings
    for index, diagnostic in enumerate(group):
        if diagnostic.path in parsed:
            asked.setdefault(diagnostic.path, array("i")).append(index)
    suppressed = bytearray(len(group))
    for path, indexes in asked.items():
        for index in parsed[path].suppress(group, indexes, meta):
            suppressed[index] = 1
    return itertools.compress(range(len(group)), [not hit for hit in suppressed])


def post_pass(
    documents: Sequence[Document],
    groups: Sequence[Sequence[Diagnostic]],
    rules: Sequence[Rule],
    ignored: Mapping[str, Collection[str]],
    config: Config,
    make: Callable[[Rule, Finding, Document], Diagnostic],
    available: Collection[str] | None = None,
) -> Chosen:
    """The diagnostics of ``groups`` without the suppressed ones, plus the suppression rules' own findings
    (in that order; made into objects when read).

    A group is a document's :class:`lint.findings.Findings` or a list of diagnostics of any
    paths (the corpus rules').

    ``rules`` are the rules of the run and ``ignored`` the rule names per-file-ignores
    switch off per path; ``make`` turns a finding of a rule into a diagnostic.
    ``available``: the names of the rules the run loaded (built-in and the config's rule
    packs), so that a suppression naming a rule does not load the rule files again;
    None: :func:`known_rule_names` loads them when one does.
    """
    parsed: dict[str, _Document] = {}
    cache: list[set[str]] = []
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}

    def known() -> set[str]:
        if not cache:
            if available is None:
                cache.append(known_rule_names(config, rules))
            else:
                cache.append({*available, *(rule.name for rule in rules)})
        return cache[0]

    for document in documents:
        if document.comments and _has_directives(document):
            parsed[document.path] = _Document(document, known, shared)
    if not parsed:
        return Chosen.every(groups)
    reporters = _reporters(rules)
    meta = {rule.name for group in reporters.values() for rule in group}

    which, index = array(group_code(len(groups) + 1)), array("i")
    for number, group in enumerate(groups):
        for i in _unsuppressed(group, parsed, meta):
            which.append(number)
            index.append(i)

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
        hits = set(state.suppress(made, range(len(made)), None))
        extra.extend(d for i, d in enumerate(made) if i not in hits)
    which.extend(itertools.repeat(len(groups), len(extra)))
    index.extend(range(len(extra)))
    return Chosen([*groups, extra], which, index)
