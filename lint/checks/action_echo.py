"""Check kind ``action-echo``: a progress phase that mostly restates the action's own title.

"FCO has supported the development of a new suite of common technology
platforms which will underpin ..." under the action "Cabinet Office will lead in
the definition and delivery of a new suite of common technology platforms which
will underpin ..." reports no progress: it repeats the action. The score is the
share of the phase's content words (stopwords, names and numbers left out, tense
levelled as in :mod:`lint.checks.copies`) that follow the title's words in
order. The title's "Action 11:" label is not part of the comparison. Words that any
plan's actions share ("digital", "services", "departments", "users": the ``generic``
option) show no echo: at least ``min-specific`` of the words restated in order must be
other words, so progress that only speaks the plan's common language is not
reported. A phase that
says the action does not apply ("Our offices do not have any services handling
over 100,000 transactions a year") names the action's subject to say it is absent:
that is an answer, not an echo, and text matching ``exempt`` (by default
:data:`lint.checks.copies.NOT_APPLICABLE`, shared with year-copy and entry-copy) is
never reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from lint import regexcache
from lint.checks import copies
from lint.checks.api import CheckKind, Context, Finding
from lint.model import Document, Related, Span
from lint.options import Option, combinable

OPTIONS = (
    Option(
        "threshold", "float", 60.0, "lowest share (0-100) of the phase's content words that restate the title, in order"
    ),
    Option("min-shared", "int", 6, "at least this many of the title's content words must be restated"),
    Option(
        "min-specific",
        "int",
        3,
        "at least this many of the restated words, in order, must be other than the generic words",
        min=0,
    ),
    Option(
        "generic",
        "list[str]",
        [],
        "words common to any plan's actions, which alone show no echo (levelled as the text is)",
        extendable=True,
    ),
    Option("phases", "list[str]", ["progress"], "phase kinds to check (commitment, progress, plan)"),
    Option(
        "exempt",
        "list[regex]",
        list(copies.NOT_APPLICABLE),
        "regexes for statements that the action does not apply (each must match a whole line): never an echo",
        validate=combinable,
    ),
)

_LABEL = regexcache.compile(r"^\s*(?:action|commitment|recommendation)\s*[\w.-]{0,8}\s*[:.–—-]\s*", re.IGNORECASE)


def echo_words(title: str) -> list[str]:
    """The title's levelled content words in order, without its "Action 11:" label (what an echo repeats)."""
    return copies.content_words(copies.canonical(_LABEL.sub("", title, count=1)))


def check(document: Document, context: Context) -> Iterator[Finding]:
    if not document.title or document.title_span is None:
        return
    title = echo_words(document.title)
    min_shared = max(1, int(context["min-shared"]))
    if len(title) < min_shared:
        return
    threshold = float(context["threshold"])
    kinds = set(context["phases"])
    exempt = copies.exemption(context.rule, context["exempt"])
    generic = levelled(tuple(context["generic"]))
    limits = (min_shared, threshold, kinds, exempt)
    specific = (max(0, int(context["min-specific"])), generic)
    yield from _echoes(document, document.title_span, title, limits, specific, lcs_length)


def lcs_length(words: Sequence[str], title: Sequence[str]) -> int:
    """The length of the longest common subsequence of ``words`` and ``title`` (rapidfuzz's
    ``LCSseq.similarity``), found a bit per word of ``title`` at once (Allison and Dix's bit-vector
    method; Hyyrö, 2004): a one-file run need not import rapidfuzz (issue 11 (d))."""
    if not words or not title:
        return 0
    masks: dict[str, int] = {}
    for i, word in enumerate(title):
        masks[word] = masks.get(word, 0) | (1 << i)
    full = (1 << len(title)) - 1
    row = full  # bit i clear: title[: i + 1] has one more word in common than title[:i] so far
    for word in words:
        mask = masks.get(word)
        if mask:
            matched = row & mask
            row = ((row + matched) | (row - matched)) & full
    return len(title) - row.bit_count()


@lru_cache(maxsize=8)
def levelled(words: tuple[str, ...]) -> frozenset[str]:
    """``words`` levelled as a phase's content words are (case, tense, stems)."""
    return frozenset(copies.content_words(copies.canonical(" ".join(words))))


def _echoes(
    document: Document,
    title_span: Span,
    title: list[str],
    limits: tuple[int, float, set[str], re.Pattern[str] | None],
    specific: tuple[int, frozenset[str]],
    lcs: Callable[..., int],
) -> Iterator[Finding]:
    min_shared, threshold, kinds, exempt = limits
    min_specific, generic = specific
    title_specific = [word for word in title if word not in generic]
    for entry in document.entries:
        names = copies.Names.of(entry)
        for phase in entry.phases:
            if phase.kind not in kinds:
                continue
            text = copies.phase_text(entry, phase, names)
            if text is None:
                continue
            words = copies.content_words(text.canonical)
            if len(words) < min_shared:
                continue
            shared = lcs(words, title)
            score = 100.0 * shared / len(words)
            if shared < min_shared or score < threshold:
                continue
            # restating only the plan's common words ("digital services for users") is no echo; an
            # exempt statement is none either (tested last: its whole-line patterns cost the most)
            if lcs([word for word in words if word not in generic], title_specific) >= min_specific and not (
                copies.is_exempt(exempt, text.text)
            ):
                yield Finding(
                    span=text.span,
                    related=(Related(document.path, title_span, "the action's title"),),
                    args={
                        "phase": phase.key,
                        "score": round(score),
                        "shared": shared,
                        "words": len(words),
                        "entry": entry.name,
                    },
                )


KIND = CheckKind(
    name="action-echo",
    summary="a phase that mostly restates the action's title",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"phase", "score", "shared", "words", "entry"}),
    answer_text=True,
)
