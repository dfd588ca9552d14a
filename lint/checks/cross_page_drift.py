"""Check kind ``cross-page-drift``: one answer published on two pages with different text.

GOV.UK published each answer twice: on the action's page and on the organisation's
own page. The same ``(organisation, action, phase)`` (:mod:`lint.checks.identity`)
with different text in two documents means one page is stale. The finding is on
the phase in the later document of the run, says what differs (the first words
that differ on each side, and how many places differ), and its related location
is the same phase on the other page. Text is compared after levelling
whitespace, quote marks and dashes (``ignore-case`` also levels case).

Only documents of different layouts are compared (an action's page against an
organisation's page, the two views of one publication): two documents of one
layout for the same action are usually two editions (the 2012 source and the 2015
publication), where a reworded commitment is an edit, not a stale page.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from lint.checks.api import CheckKind, Context, Finding
from lint.checks.identity import answers, organisation_keys
from lint.model import Document, Entry, Paragraph, Phase, Related, Span
from lint.options import Option

OPTIONS = (
    Option("ignore-case", "bool", False, "treat text that differs only in case as the same"),
    Option("context-words", "int", 6, "at most this many words of each side in the message"),
)

_LEVEL = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_WORD = re.compile(r"\S+")


def _levelled(phase: Phase, ignore_case: bool) -> str:
    """The phase's words, levelled (quote marks, dashes, spaces; case with ``ignore-case``), one space apart."""
    text = phase.text.translate(_LEVEL)
    words = _WORD.findall(text)
    return " ".join([w.lower() for w in words] if ignore_case else words)


def _quote(words: Sequence[str], limit: int) -> str:
    if not words:
        return "nothing"
    text = " ".join(words[:limit])
    return f"'{text}{' …' if len(words) > limit else ''}'"


def _difference(here: list[str], there: list[str], limit: int) -> str:
    """What differs, e.g. "'had' here, 'has' there (2 places differ)"."""
    matcher = difflib.SequenceMatcher(None, here, there, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    _, i1, i2, j1, j2 = changes[0]
    text = f"{_quote(here[i1:i2], limit)} here, {_quote(there[j1:j2], limit)} there"
    if len(changes) > 1:
        text += f" ({len(changes)} places differ)"
    return text


def _phase_span(phase: Phase) -> Span:
    return phase.heading_span if phase.heading_span is not None else phase.body_span


def check_corpus(documents: Sequence[Document], context: Context) -> Iterator[Finding]:
    limit = max(1, int(context["context-words"]))
    keys = organisation_keys(documents)
    # the first place of each answer; its words are split only when a page of the other layout
    # has it too, with other text (keeping every phase's word list took more memory than the summaries)
    first: dict[tuple[str, str, str], tuple[Document, Entry, Phase]] = {}
    for document, entry, org, action in answers(documents, keys):
        if action is None:
            continue
        for phase in entry.phases:
            if phase.year is None and phase.period is None:
                continue  # unnamed or unplaced phases have no identity to compare
            key = (org, action, phase.key)
            seen = first.get(key)
            if seen is None:
                first[key] = (document, entry, phase)
                continue
            other_doc, other_entry, other_phase = seen
            # levelled by summarise: words one space apart, so the same text is the same words
            if other_doc.layout == document.layout or phase.text == other_phase.text:
                continue
            words, other_words = phase.text.split(), other_phase.text.split()
            yield Finding(
                span=_phase_span(phase),
                path=document.path,
                args={
                    "entry": entry.organisation,
                    "action": action,
                    "phase": phase.key,
                    "other": other_doc.path,
                    "difference": _difference(words, other_words, limit),
                },
                related=(
                    Related(other_doc.path, _phase_span(other_phase), f"{other_entry.name}: {other_phase.key} there"),
                ),
                entry=entry.name,
                phase=phase.key,
                fingerprint=f"drift|{org}|{action}|{phase.key}",
            )


def summarise(document: Document, context: Context) -> Document:
    """The document's outline with each phase's prose as one paragraph of its levelled words:
    all ``check_corpus`` reads. Levelling here (in the workers, kept in the result cache)
    leaves the corpus phase a split and a compare per phase."""
    ignore_case = bool(context["ignore-case"])
    entries = tuple(
        entry._replace(
            phases=tuple(
                phase._replace(
                    paragraphs=(Paragraph(_levelled(phase, ignore_case), phase.body_span),) if phase.paragraphs else ()
                )
                for phase in entry.phases
            )
        )
        for entry in document.entries
    )
    return replace(document, text="", entries=entries, preamble=(), comments=(), issues=())


KIND = CheckKind(
    name="cross-page-drift",
    summary="one answer (organisation, action, phase) published on two pages with different text",
    check_corpus=check_corpus,
    summarise=summarise,
    options=OPTIONS,
    message_fields=frozenset({"entry", "action", "phase", "other", "difference"}),
)
