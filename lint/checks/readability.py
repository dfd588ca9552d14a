"""Check kind ``readability``: long sentences, and paragraphs past Flesch thresholds.

Per sentence, a word limit, with a margin for a sentence of one clause (see
:func:`clauses`). Per paragraph (of at least ``min-words`` words and
more than one sentence, since one long sentence is already reported as such), the
Flesch reading ease and the Flesch–Kincaid grade, computed with textstat's
formulas from our own counts: sentences from :mod:`lint.checks.sentences` (which
does not break on ``GOV.UK`` or ``e.g.``), words as textstat counts them, and
syllables from :mod:`lint.checks.syllables` (``syllables = "estimate"``, no load
cost) or from the CMU dictionary built into textstat-rs (``syllables = "cmudict"``,
~50 ms to load once). Both work offline.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Any

from lint import messages
from lint.checks import flesch
from lint.checks.api import CheckKind, Context, Finding
from lint.checks.perdoc import Remembered
from lint.model import Document
from lint.options import Option

MEASURES = ("sentence-length", "reading-ease", "grade")
# A clause has a verb group or a subordinator: "has been", "will", "that", "which", "when".
CLAUSE_WORDS = (
    *("am", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "having"),
    *("do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must"),
    *("that", "which", "who", "whom", "whose", "when", "where", "while", "whereas", "because"),
    *("although", "though", "if", "unless", "whether"),
)
# Words that may stand inside one verb group without starting another: "will not be", "has also been".
_IN_GROUP = frozenset({"not", "also", "still", "never", "always", "already", "now", "then", "just", "ever", "only"})

OPTIONS = (
    Option("max-sentence-words", "int", 25, "longest sentence allowed, in words (GOV.UK guidance: 25)"),
    Option("min-reading-ease", "float", 0.0, "lowest Flesch reading ease allowed for a paragraph"),
    Option("max-grade", "float", 18.0, "highest Flesch–Kincaid grade allowed for a paragraph"),
    Option("min-words", "int", 40, "paragraphs shorter than this are not scored (the formulas are noise there)"),
    Option(
        "margin",
        "int",
        5,
        "words over max-sentence-words that a sentence of one clause may have before it is reported",
        min=0,
    ),
    Option(
        "clause-words",
        "list[str]",
        list(CLAUSE_WORDS),
        "words that open a clause (auxiliary and modal verbs, subordinators); a run of them is one clause",
        extendable=True,
    ),
    Option(
        "measures",
        "list[str]",
        list(MEASURES),
        "which checks run: sentence-length, reading-ease, grade",
        choices=MEASURES,
    ),
    Option(
        "syllables",
        "str",
        "estimate",
        "syllable counter: estimate (built in), cmudict (textstat-rs) or textstat (needs NLTK's cmudict installed)",
        choices=("estimate", "cmudict", "textstat"),
        validate=lambda kind: flesch.unavailable(kind),
        environment=True,  # what is installed may change while the rule file does not
    ),
    Option(
        "sentence-message",
        "str",
        "sentence has {words} words (limit {limit})",
        "message for a paragraph with one long sentence ({words}, {limit})",
        validate=messages.validator({"words", "limit", "count"}),
    ),
    Option(
        "sentences-message",
        "str",
        "{count} sentences of this paragraph are over {limit} words; the longest has {words}",
        "message for a paragraph with several long sentences ({count}, {words}, {limit})",
        validate=messages.validator({"words", "limit", "count"}),
    ),
    Option(
        "names-as-one-word",
        "bool",
        True,
        "count a run of capitalised words ('Department for Business, Innovation and Skills') as one word",
    ),
)


def clauses(text: str, tokens: list[tuple[int, int]], markers: frozenset[str]) -> int:
    """:func:`clauses_of` the tokens ``text[s:e]``."""
    return clauses_of([text[s:e] for s, e in tokens], markers)


def clauses_of(tokens: Sequence[str], markers: frozenset[str]) -> int:
    """How many clauses ``tokens`` hold, counted by their verb groups and subordinators.

    A clause word (as written, lower case: "May" the month is not "may") opens a clause
    unless it continues the previous one: "will not be identified" and "that it has" are
    one and two clauses. Without a parser the count is rough (a bare past tense,
    "launched", has no marker; "that" as a determiner counts as one), but it only decides
    which sentences within the margin are spared: it never reports a sentence that is
    within the word limit.
    """
    count = 0
    grouped = False  # the previous word was in a verb group
    for token in tokens:
        word = token.strip("\"'‘’“”()[],;:.!?")
        if word in markers:
            count += not grouped
            grouped = True
        elif not (grouped and (word in _IN_GROUP or word.endswith("ly"))):
            grouped = False
    return count


def _message(template: str, words: int, limit: int, count: int) -> str:
    return messages.fill(template, {"words": words, "limit": limit, "count": count})  # fields checked at load


# a paragraph's finding, if any, as (start, end, args, message): by the rule's options
# (Context.settings), by text. It depends on nothing else: the paragraph's sentences, words, names
# and syllables come from its text, the limits and messages from the options; no entry name, phase,
# front matter or other paragraph enters it, and suppressions are applied by the engine afterwards.
_Found = tuple[tuple[int, int, dict[str, Any], str | None], ...]
_FOUND: Remembered[_Found] = Remembered()


def _values(context: Context) -> tuple[Any, ...]:
    """The option values :func:`_paragraph` reads, and the fewest words it reports (:func:`_least_words`)."""
    measures, limit, min_words = frozenset(context["measures"]), context["max-sentence-words"], context["min-words"]
    return (
        measures,
        limit,
        context["min-reading-ease"],
        context["max-grade"],
        context["names-as-one-word"],
        context["margin"],
        frozenset(context["clause-words"]),
        min_words,
        context["syllables"],
        context["sentence-message"],
        context["sentences-message"],
        _least_words(measures, limit, min_words),  # once a document, not once a paragraph
    )


def check(document: Document, context: Context) -> Iterator[Finding]:
    # a paragraph re-checked (the editor server's next change) is not measured again
    found = _FOUND.under(context.settings())
    values: tuple[Any, ...] | None = None
    for paragraph in document.paragraphs:
        text = paragraph.text
        answer = found.get(text)
        if answer is None:
            values = values or _values(context)
            answer = _FOUND.keep(found, text, _paragraph(text, values))
        for start, end, args, message in answer:
            yield Finding(span=paragraph.to_span(start, end), args=args, message=message)


def _least_words(measures: frozenset[str], limit: int, min_words: int) -> int:
    """The fewest words a measure reports: a sentence over the limit, the scores ``min_words``."""
    over = limit + 1 if "sentence-length" in measures and limit > 0 else 1 << 62  # (names only shorten it)
    return min(over, min_words if measures & {"reading-ease", "grade"} else 1 << 62)


def _paragraph(text: str, values: tuple[Any, ...]) -> _Found:
    """The finding of one paragraph, if any (on its sentences, or its scores), in offsets of ``text``."""
    measures, limit, min_ease, max_grade, names, margin, markers, min_words, syllables, *templates, least = values
    # a word is a run of non-space at most (a sentence ends at white space): with fewer runs, no finding
    if least > 0 and len(text.split(None, least - 1)) < least:
        return ()
    from lint.checks import sentences  # here, not at the top: loading the rule for its options stays cheap

    spans = sentences.split(text)
    flat = spans.flat  # the offsets as they are kept: read directly, no Python call a look
    if not flat:
        return ()
    # the paragraph's tokens in one flat list, and the number in each sentence (no list a
    # sentence, no string a word: a paragraph of many short sentences stays small)
    tokens, words_in = sentences.flat_words(text, spans)
    weights: Sequence[int] | None = None  # name_counts, once per paragraph
    # names only make a sentence shorter: with no sentence over the limit counting every
    # word, there is nothing to report and no need to find the names
    if "sentence-length" in measures and limit > 0 and max(words_in) > limit:
        ends = list(accumulate(words_in))
        bounds = list(zip([0, *ends[:-1]], ends, strict=True))  # each sentence's tokens
        weights = sentences.name_counts(tokens) if names else None
        lengths = [sum(weights[a:b]) for a, b in bounds] if weights is not None else words_in
        over = [i for i, n in enumerate(lengths) if n > limit]
        # a sentence a little over the limit is reported only with two clauses or more
        if any(
            lengths[i] > limit + margin or clauses_of(tokens[bounds[i][0] : bounds[i][1]], markers) > 1 for i in over
        ):
            # one finding per paragraph, on its longest sentence; no paragraph score on top
            worst = max(over, key=lambda i: (lengths[i], -i))
            n = lengths[worst]
            template = templates[0] if len(over) == 1 else templates[1]
            args = {"words": n, "limit": limit, "count": len(over)}
            return ((flat[2 * worst], flat[2 * worst + 1], args, _message(template, n, limit, len(over))),)
    total_words = sum(words_in)
    if total_words < min_words or not measures & {"reading-ease", "grade"}:
        return ()
    scores = flesch.scores(tokens, len(flat) >> 1, flesch.remembering(syllables), names, weights)
    if scores is None:
        return ()
    ease, grade = scores.reading_ease, scores.grade
    failed = []
    if "reading-ease" in measures and ease < min_ease:
        failed.append(f"Flesch reading ease {ease:.1f} (minimum {min_ease:g})")
    if "grade" in measures and grade > max_grade:
        failed.append(f"Flesch–Kincaid grade {grade:.1f} (maximum {max_grade:g})")
    if not failed:
        return ()
    args = {
        "detail": "; ".join(failed),
        "reading_ease": round(ease, 1),
        "grade": round(grade, 1),
        "min_reading_ease": min_ease,
        "max_grade": max_grade,
        "words": total_words,
        "sentences": len(flat) >> 1,
    }
    return ((flat[0], flat[-1], args, None),)


KIND = CheckKind(
    name="readability",
    summary="long sentences; paragraphs past Flesch thresholds",
    check=check,
    options=OPTIONS,
    message_fields=frozenset(
        {"words", "limit", "count", "detail", "reading_ease", "grade", "min_reading_ease", "max_grade", "sentences"}
    ),
    summary_role="hard-to-read",
    answer_text=True,
)
