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

from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from typing import Any

from lint.checks import identity
from lint.checks.api import Anchored, CheckKind, Context, Finding
from lint.checks.identity import keys_of, organisations
from lint.model import Document, Phase, Related, Span
from lint.options import Option
from lint.tuples import NamedTuple

OPTIONS = (
    Option("ignore-case", "bool", False, "treat text that differs only in case as the same"),
    Option("context-words", "int", 6, "at most this many words of each side in the message"),
)

# (character, replacement) pairs, replaced one after another in a text that holds them: faster than
# str.translate, which looks each character up in a Python dict
_LEVEL = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " "))


def _levelled(phase: Phase, ignore_case: bool) -> str:
    """The phase's words, levelled (quote marks, dashes, spaces; case with ``ignore-case``), one space apart.

    The words are the runs of non-space (str.split's white space is re's ``\\s``), of each paragraph
    in turn. A paragraph already so (printable, so with no white space but the space, and no two
    spaces together or at an end: nearly every paragraph a reader gives) is taken as it is rather
    than split into words and joined again (on the 500-file bench corpus, 83 ms -> 41 ms)."""
    parts = []
    for paragraph in phase.paragraphs:
        text = paragraph.text
        if not text.isascii():
            for char, replacement in _LEVEL:
                if char in text:
                    text = text.replace(char, replacement)
        if ignore_case:
            text = " ".join([w.lower() for w in text.split()])
        elif not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
            text = " ".join(text.split())
        if text:
            parts.append(text)
    return " ".join(parts)


def _quote(words: Sequence[str], limit: int) -> str:
    if not words:
        return "nothing"
    text = " ".join(words[:limit])
    return f"'{text}{' …' if len(words) > limit else ''}'"


def _difference(here: list[str], there: list[str], limit: int) -> str:
    """What differs, e.g. "'had' here, 'has' there (2 places differ)"."""
    import difflib  # only for a finding (start-up time of every run otherwise)

    matcher = difflib.SequenceMatcher(None, here, there, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    _, i1, i2, j1, j2 = changes[0]
    text = f"{_quote(here[i1:i2], limit)} here, {_quote(there[j1:j2], limit)} there"
    if len(changes) > 1:
        text += f" ({len(changes)} places differ)"
    return text


def _phase_span(phase: Phase) -> Span:
    return phase.heading_span if phase.heading_span is not None else phase.body_span


class _Answer(NamedTuple):
    """An entry's answer as the summary keeps it: the entry's name and organisation, the action's
    key, and each placed phase's key, levelled words and the length of the span a finding on it
    goes on (which starts at the phase's anchor: :class:`~lint.checks.api.Anchored`)."""

    entry: str
    organisation: str
    action: str
    phases: tuple[tuple[str, str, int], ...]


class _Page(NamedTuple):
    """A document as the summary keeps it: its path and layout, every entry's organisation (for
    organisation identity across the run) and its answers."""

    path: str
    layout: str
    organisations: tuple[str, ...]
    answers: tuple[_Answer, ...]


Key = tuple[str, str, str]  # an answer's phase: (organisation key, action, phase)
Drift = tuple[int, int, int, Key, Finding]  # a finding, after its page's place in the run, the number of
# its phase there and of the phase on the other page, and its key


def limit_of(context: Context) -> int:
    """At most this many words of each side in a message (``context-words``)."""
    return max(1, int(context["context-words"]))


def keys_held(page: _Page, keys: Mapping[str, str]) -> Iterator[Key]:
    """The key of each placed phase of a page's answers, in order (one per anchor)."""
    for answer in page.answers:
        org = keys.get(answer.organisation, answer.organisation)
        for phase, _, _ in answer.phases:
            yield (org, answer.action, phase)


def drifts(
    pages: Iterable[tuple[int, Anchored]], keys: Mapping[str, str], limit: int, wanted: Container[Key] | None = None
) -> Iterator[Drift]:
    """The findings on ``pages`` (their places in the run, in run order, and summaries), those of
    the keys ``wanted`` only when given (a key's findings depend only on the pages holding it):
    each after its page's place, the number of its phase in the page, that of the phase on the
    other page and its key."""
    # the first place of each answer; its words are split only when a page of the other layout
    # has it too, with other text
    first: dict[Key, tuple[_Page, _Answer, str, Span, int]] = {}
    for place, summary in pages:
        page: _Page = summary.summary
        anchors = summary.anchors
        n = -1
        for answer in page.answers:
            org = keys.get(answer.organisation, answer.organisation)
            for phase, text, length in answer.phases:
                n += 1
                key = (org, answer.action, phase)
                if wanted is not None and key not in wanted:
                    continue
                at = anchors[n]
                span = Span(at, at + length)
                seen = first.get(key)
                if seen is None:
                    first[key] = (page, answer, text, span, n)
                    continue
                other_page, other_answer, other_text, other_span, other_n = seen
                # levelled by summarise: words one space apart, so the same text is the same words
                if other_page.layout == page.layout or text == other_text:
                    continue
                finding = Finding(
                    span=span,
                    path=page.path,
                    args={
                        "entry": answer.organisation,
                        "action": answer.action,
                        "phase": phase,
                        "other": other_page.path,
                        "difference": _difference(text.split(), other_text.split(), limit),
                    },
                    related=(Related(other_page.path, other_span, f"{other_answer.entry}: {phase} there"),),
                    entry=answer.entry,
                    phase=phase,
                    fingerprint=f"drift|{org}|{answer.action}|{phase}",
                )
                yield place, n, other_n, key, finding


def check_corpus(summaries: Sequence[Anchored], context: Context) -> Iterator[Finding]:
    keys = keys_of(name for summary in summaries for name in summary.summary.organisations)
    for *_, finding in drifts(enumerate(summaries), keys, limit_of(context)):
        yield finding


def check_corpus_again(
    state: Any, before: Mapping[str, Any], summaries: Sequence[Anchored], context: Context
) -> tuple[list[Finding], Any]:
    """:func:`check_corpus` from what it kept of its last run (:mod:`lint.checks.cross_page_drift_again`)."""
    from lint.checks import cross_page_drift_again

    return cross_page_drift_again.check_corpus_again(state, before, summaries, context)


def summarise(document: Document, context: Context) -> Anchored:
    """All ``check_corpus`` reads of the document: its answers (entries with an organisation and
    an action), each placed phase (a year or a period: unnamed or unplaced phases have no
    identity to compare) with its levelled words, and where each such phase's span starts (its
    anchor, so text moved above it leaves the summary as it was). Levelling here (in the
    workers, kept in the result cache) leaves the corpus phase a split and a compare per phase."""
    ignore_case = bool(context["ignore-case"])
    keys = {name: name for name in organisations((document,))}
    anchors: list[int] = []
    answers = []
    for _, entry, organisation, action in identity.answers((document,), keys):
        if action is None:
            continue
        phases = []
        for phase in entry.phases:
            if phase.year is not None or phase.period is not None:
                span = _phase_span(phase)
                anchors.append(span.start)
                phases.append(
                    (phase.key, _levelled(phase, ignore_case) if phase.paragraphs else "", span.end - span.start)
                )
        answers.append(_Answer(entry.name, organisation, action, tuple(phases)))
    return Anchored(_Page(document.path, document.layout, tuple(keys), tuple(answers)), tuple(anchors))


KIND = CheckKind(
    name="cross-page-drift",
    summary="one answer (organisation, action, phase) published on two pages with different text",
    check_corpus=check_corpus,
    check_corpus_again=check_corpus_again,
    summarise=summarise,
    options=OPTIONS,
    message_fields=frozenset({"entry", "action", "phase", "other", "difference"}),
)
