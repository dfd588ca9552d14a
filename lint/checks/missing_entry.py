"""Check kind ``missing-entry``: an organisation that should answer and does not.

Per document: every name on the roster (the ``roster`` option and the lines of
``roster-file``) must be an entry. Across documents: per-action documents of the
same action (same action number, else the same normalised title) should have the
same entries; an entry found in one and absent from another is reported in the one
that lacks it, with a related location where it answers (different plans may reuse
action numbers, so by default titles must be alike too). Across layouts: an
organisation whose own page answers an action must be an entry of that action's
page, and an organisation that answers on an action's page must have that action
on its own page. Names match after :func:`lint.names.canonical_key`, the
``aliases`` table (variant = canonical) and acronyms (:mod:`lint.checks.identity`).
Findings are on the document's title.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from lint import regexcache
from lint.checks.api import Anchored, CheckKind, Context, FileProblem, Finding, placed
from lint.checks.identity import action_key, organisation_keys
from lint.files import read_regular
from lint.model import PER_ACTION, PER_ORGANISATION, Document, Entry, Related, Span
from lint.names import canonical_key, normalise
from lint.options import Option
from lint.tuples import NamedTuple

OPTIONS = (
    Option("roster", "list[str]", [], "names of the organisations every document must have as entries"),
    Option(
        "roster-file",
        "str?",
        None,
        "a file of names, one a line ('#' starts a comment), or a TOML file with a `roster` list; "
        "relative to the folder of the config file",
    ),
    Option(
        "across-documents",
        "bool",
        True,
        "compare documents of the same action and report entries one has and another lacks",
    ),
    Option(
        "same-action",
        "str",
        "number-and-title",
        "which documents answer the same action: 'number-and-title' (same action number and alike titles), "
        "'number' (same action number) or 'title' (alike titles); documents with no number match by title",
        choices=("number-and-title", "number", "title"),
    ),
    Option(
        "title-similarity",
        "float",
        0.5,
        "how alike two titles must be (shared words over all words, 0 to 1)",
        min=0,
        max=1,
    ),
    Option(
        "aliases",
        "dict[str,str]",
        {},
        "other names of an organisation: variant = canonical name",
        extendable=True,
    ),
)


def aliases(context: Context) -> dict[str, str]:
    """The alias table with keys and values normalised, chains followed to the end."""
    raw: dict[str, str] = dict(context["aliases"])
    table = {normalise(k): normalise(v) for k, v in raw.items() if normalise(k) and normalise(v)}
    resolved: dict[str, str] = {}
    for key, value in table.items():
        seen = {key}
        while value in table and value not in seen:
            seen.add(value)
            value = table[value]
        resolved[key] = value
    return resolved


def title_span(document: Document) -> Span:
    """Where a document-level finding goes: the title, else the first line."""
    if document.title_span is not None:
        return document.title_span
    if not document.text:
        return Span(0, 0)
    return document.lines.line_span(1)


def _check_files(options: Mapping[str, Any], root: str) -> Mapping[str, Any] | FileProblem:
    """At load: the names of the roster file (``context.files["roster-file"]``), or why it cannot be used."""
    name = options["roster-file"]
    if not name:
        return {"roster-file": ()}
    path = name if os.path.isabs(name) else os.path.join(root, name)
    try:
        return {"roster-file": tuple(_roster_names(path))}
    except _Unusable as exc:
        return FileProblem("roster-file", str(exc))


class _Unusable(Exception):
    """A roster file that cannot be used; the message says why."""


def _roster_names(path: str) -> list[str]:
    try:
        data = read_regular(path)
    except OSError as exc:
        raise _Unusable(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unusable(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if path.endswith(".toml"):
        import tomllib

        try:
            names = tomllib.loads(text).get("roster")
        except tomllib.TOMLDecodeError as exc:
            raise _Unusable(f"{path}: invalid TOML: {exc}") from None
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise _Unusable(f'{path} must have `roster = ["name", ...]`')
        return names
    names = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


def _roster(context: Context) -> list[str]:
    """The ``roster`` option's names, then the roster file's (read at load)."""
    names = [*context["roster"], *context.files["roster-file"]]
    return [n for n in names if n.strip()]


def check(document: Document, context: Context) -> Iterator[Finding]:
    names = _roster(context)
    if not names or not document.entries:
        return
    table = aliases(context)
    present = {canonical_key(e.name, table) for e in document.entries}
    reported: set[str] = set()
    for name in names:
        key = canonical_key(name, table)
        if key in present or key in reported:
            continue
        reported.add(key)
        source = f"the roster file {context['roster-file']}" if name not in context["roster"] else "the roster"
        yield Finding(
            span=title_span(document),
            args={"entry": name, "why": f"{source} lists it, and this document has no entry for it"},
            entry=name,
            fingerprint=f"roster|{key}",
        )


class _Answer(NamedTuple):
    document: Document
    entry: Entry


_ACTION_PREFIX = regexcache.compile(r"^action \w+ ")
_SMALL_WORDS = "a an and the of to for in on by with will their its our be is are at as from"
_STOPWORDS = frozenset(_SMALL_WORDS.split())


def identifying_words(title: str | None) -> frozenset[str]:
    """The words that identify an action's title (no "Action N", case, punctuation or small words)."""
    if not title:
        return frozenset()
    text = _ACTION_PREFIX.sub("", normalise(title) + " ")
    return frozenset(word for word in text.split() if word not in _STOPWORDS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two titles' words are: shared words over all words (Jaccard), 0 to 1."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class _Group:
    """Documents taken to answer the same action: its number and title words, from the first of them."""

    __slots__ = ("documents", "number", "words")

    def __init__(self, number: str | None, words: frozenset[str], documents: list[Document]) -> None:
        self.number = number
        self.words = words
        self.documents = documents


def _same_action(group: _Group, number: str | None, words: frozenset[str], context: Context) -> bool:
    mode: str = context["same-action"]
    alike = similarity(group.words, words) >= context["title-similarity"]
    if mode == "title" or group.number is None or number is None:
        return alike
    if group.number != number:
        return False
    return mode == "number" or not group.words or not words or alike


def groups(documents: Sequence[Document], context: Context) -> list[list[Document]]:
    """Documents that answer the same action, in the order given; documents with no entries are left out.

    Each document joins the first group it matches. Only groups that could match are
    tried (those with its action number, and those sharing a title word), so the work
    grows with the documents, not with documents times groups.
    """
    found: list[_Group] = []
    by_number: dict[str, list[int]] = {}
    unnumbered: set[int] = set()
    by_word: dict[str, list[int]] = {}
    any_title = context["title-similarity"] <= 0  # then titles with no word in common are alike too
    by_title = context["same-action"] == "title"
    for document in documents:
        if not document.entries or document.layout != PER_ACTION:
            continue
        number = document.action.strip().lower() if document.action else None
        words = identifying_words(document.title)
        if number is None and not words:
            continue
        if any_title:
            titled: set[int] = set(range(len(found)))
        else:
            titled = {index for word in words for index in by_word.get(word, ())}
        candidates = titled if by_title or number is None else set(by_number.get(number, ())) | (titled & unnumbered)
        for index in sorted(candidates):
            if _same_action(found[index], number, words, context):
                found[index].documents.append(document)
                break
        else:
            index = len(found)
            found.append(_Group(number, words, [document]))
            if number is None:
                unnumbered.add(index)
            else:
                by_number.setdefault(number, []).append(index)
            for word in words:
                by_word.setdefault(word, []).append(index)
    return [group.documents for group in found]


def _missing(group: Sequence[Document], table: Mapping[str, str]) -> Iterator[Finding]:
    keyed: list[dict[str, Entry]] = []
    for document in group:
        entries: dict[str, Entry] = {}
        for entry in document.entries:
            entries.setdefault(canonical_key(entry.name, table), entry)
        keyed.append(entries)
    for index, document in enumerate(group):
        answers: dict[str, list[_Answer]] = {}
        for other_index, other in enumerate(group):
            if other_index == index:
                continue
            for key, entry in keyed[other_index].items():
                if key not in keyed[index]:
                    answers.setdefault(key, []).append(_Answer(other, entry))
        for key, found in answers.items():
            first = found[0]
            where = first.document.path + (f" and {len(found) - 1} more" if len(found) > 1 else "")
            related = tuple(Related(a.document.path, a.entry.name_span, f"{a.entry.name} answers here") for a in found)
            yield Finding(
                span=title_span(document),
                path=document.path,
                args={"entry": first.entry.name, "why": f"it answers in {where} for the same action, but not here"},
                related=related,
                entry=first.entry.name,
                fingerprint=f"corpus|{key}",
            )


def _alike(title: str | None, other: str | None, context: Context) -> bool:
    """Whether two titles of one action number are the same action under ``same-action``."""
    if context["same-action"] == "number":
        return True
    a, b = identifying_words(title), identifying_words(other)
    return not a or not b or similarity(a, b) >= context["title-similarity"]


def _same_plan(a: Document, b: Document, strict: bool) -> bool:
    """Whether two documents answer the same plan: the same plan name, or (not ``strict``)
    one of them does not say."""
    if a.plan and b.plan:
        return a.plan == b.plan
    return not strict


def _across_layouts(documents: Sequence[Document], table: Mapping[str, str], context: Context) -> Iterator[Finding]:
    """Per-action pages against per-organisation pages: each answer should be on both.

    An action's page lacking an organisation is matched by the organisation's entry for
    that action (number, and title unless ``same-action = "number"``); an organisation's
    page lacking an action has no entry to compare titles with, so the two pages must
    name the same plan ("… in response to the Government Digital Strategy", "This action
    forms part of the Government Digital Strategy")."""
    org_pages = [d for d in documents if d.layout == PER_ORGANISATION and d.organisation]
    action_pages = [d for d in documents if d.layout == PER_ACTION and d.action and d.entries]
    if not org_pages or not action_pages:
        return
    keys = organisation_keys(documents, table)
    for page in action_pages:
        number = action_key(page.action)
        present = {keys.get(e.organisation or "", "") for e in page.entries}
        for other in org_pages:
            org = keys.get(other.organisation or "", "")
            if org in present or not _same_plan(page, other, strict=False):
                continue
            for entry in other.entries:
                if action_key(entry.action) == number and _alike(page.title, entry.name, context):
                    yield Finding(
                        span=title_span(page),
                        path=page.path,
                        args={
                            "entry": other.organisation,
                            "why": f"its own page {other.path} answers this action, but this page has no entry for it",
                        },
                        related=(Related(other.path, entry.name_span, f"{other.organisation} answers here"),),
                        entry=other.organisation,
                        fingerprint=f"corpus|{org}",
                    )
                    break
    for other in org_pages:
        org = keys.get(other.organisation or "", "")
        have = {action_key(e.action) for e in other.entries}
        for page in action_pages:
            number = action_key(page.action)
            if number in have or not _same_plan(page, other, strict=True):
                continue
            for entry in page.entries:
                if keys.get(entry.organisation or "", "") == org:
                    yield Finding(
                        span=title_span(other),
                        path=other.path,
                        args={
                            "entry": page.title,
                            "why": f"{other.organisation} answers it in {page.path}, but this page has no entry for it",
                        },
                        related=(Related(page.path, entry.name_span, f"{entry.name} answers here"),),
                        entry=page.title,
                        fingerprint=f"corpus|action {number}",
                    )
                    break


def check_corpus(summaries: Sequence[Anchored], context: Context) -> Iterator[Finding]:
    if not context["across-documents"] or len(summaries) < 2:
        return
    documents = [_placed(summary) for summary in summaries]
    table = aliases(context)
    for group in groups(documents, context):
        if len(group) > 1:
            yield from _missing(group, table)
    yield from _across_layouts(documents, table, context)


def summarise(document: Document, context: Context) -> Anchored:
    """What ``check_corpus`` reads of the document: path, layout, plan, action, title, its entries'
    names, organisations and actions; the places (the title's, each name's) counted from anchors,
    so an edit that leaves these as they were leaves the rule's findings standing (the result cache)."""
    title = title_span(document)
    anchors = (title.start, *(e.name_span.start for e in document.entries))
    entries = tuple(
        Entry(e.name, e.key, placed(e.name_span), placed(e.name_span), organisation=e.organisation, action=e.action)
        for e in document.entries
    )
    kept = document._replace(text="", title_span=placed(title), entries=entries, issues=(), comments=())
    return Anchored(kept._replace(preamble=(), front_matter=()), anchors)


def _placed(summary: Anchored) -> Document:
    """The summary's document, each place counted from its anchor again."""
    document, (title, *names) = summary
    entries = tuple(
        e._replace(span=placed(e.span, at), name_span=placed(e.name_span, at))
        for e, at in zip(document.entries, names, strict=True)
    )
    return document._replace(title_span=placed(title_span(document), title), entries=entries)


KIND = CheckKind(
    name="missing-entry",
    summary="organisations a roster, or the other documents of the run, expect and a document lacks",
    check=check,
    check_corpus=check_corpus,
    summarise=summarise,
    options=OPTIONS,
    message_fields=frozenset({"entry", "why"}),
    whole_document=True,
    summary_role="missing-entry",
    check_files=_check_files,
)
