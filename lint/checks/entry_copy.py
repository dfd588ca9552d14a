"""Check kind ``entry-copy``: the same or nearly the same text in two different entries.

A corpus check: it runs once over every document of the run, so boilerplate
passed between organisations is found across files too. Each sentence (of at
least ``min-words`` words) is levelled as :mod:`lint.checks.copies` does, with
the entry's own name and acronyms made neutral, so "DfE continued to work with
GDS" and "DECC continued to work with GDS" are the same sentence. Candidate
paragraphs come from a :class:`~lint.checks.copies.ShingleIndex` (an inverted
index of word 3-gram hashes): only paragraphs that share shingles with an
earlier one of another entry have their sentences compared, with rapidfuzz, so
the run never compares every pair. A paragraph is reported once,
on its copied sentences, with ``related`` pointing at the entry that wrote them
first: the earliest period (commitment, progress Y, plans Y+1, ...), then the
order of the run's files and their entries. Entries of one organisation (one
organisation in two files, or its answers on its own page and on an action's
page: :mod:`lint.checks.identity`) are one entry here: one answer published on
two pages is not a copy.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from lint.checks import copies, sentences
from lint.checks.api import Anchored, CheckKind, Context, Finding
from lint.checks.entry_summary import Paragraphs, Sentence, summarise
from lint.model import Related, Span
from lint.options import Option, combinable

OPTIONS = (
    Option(
        "threshold",
        "float",
        85.0,
        "lowest similarity (0-100) of two sentences, after levelling tense, names and numbers",
    ),
    Option("min-words", "int", 8, "sentences with fewer words are not compared"),
    Option(
        "same-figures",
        "bool",
        True,
        "sentences that state different figures (years aside) are each entry's own facts, not copies",
    ),
    Option(
        "exempt",
        "list[regex]",
        list(copies.NOT_APPLICABLE),
        "regexes for shared text that is legitimate (each must match a whole sentence)",
        validate=combinable,
    ),
    Option(
        "exempt-severity",
        "severity",
        "off",
        "severity for shared text matching an exempt pattern (error, warning, info or off)",
    ),
    Option(
        "max-bucket",
        "int",
        64,
        "a word 3-gram in more paragraphs than this is a stock phrase: only its first writers are candidates",
    ),
)


class Match:
    """A sentence of a later paragraph, and its best source in an earlier one (a sentence: its
    start and end in its paragraph's text: all the findings read, so a match keeps no more)."""

    __slots__ = ("earlier", "later", "score", "sentence", "source")

    def __init__(self, later: int, sentence: tuple[Any, ...], earlier: int, source: tuple[Any, ...], score: float):
        self.later = later
        self.sentence = sentence
        self.earlier = earlier
        self.source = source
        self.score = score


def same_paragraph(paragraphs: Paragraphs, i: int, first: dict[bytes, int], other: dict[bytes, int]) -> int | None:
    """An earlier paragraph of another entry with the same canonical text (and remember this one)."""
    canonical = paragraphs.digest(i)
    head = first.setdefault(canonical, i)
    if head == i:
        return None
    if paragraphs.keys[head] != paragraphs.keys[i]:
        other.setdefault(canonical, i)
        return head
    found = other.get(canonical)
    return found if found is not None and found < i else None


def find_matches(
    paragraphs: Paragraphs,
    threshold: float,
    max_bucket: int,
    min_shared: int = 3,
    max_candidates: int = 16,
    same_figures: bool = True,
) -> list[Match]:
    """For each sentence, its best match in an earlier paragraph of another entry (if any).

    Candidates are the earlier paragraphs that share at least ``min_shared`` word
    3-grams with this one (a copied sentence of 8 words shares 6, or 3 with a
    word changed), the ``max_candidates`` that share most, and an earlier
    paragraph with the same canonical text (however common: boilerplate repeated
    by a hundred entries is found even though its 3-grams are stock phrases).
    """
    index = copies.ShingleIndex(max_bucket=max_bucket)
    first_with: dict[bytes, int] = {}  # canonical paragraph -> the first paragraph with it
    other_with: dict[bytes, int] = {}  # canonical paragraph -> the first with it in another entry than that
    matches: list[Match] = []
    for i in range(len(paragraphs)):
        shared = index.add(paragraphs.grams(i), min_shared)
        same = same_paragraph(paragraphs, i, first_with, other_with)  # however often it recurs
        matches.extend(match_paragraph(paragraphs, i, shared, same, threshold, max_candidates, same_figures))
    return matches


def match_paragraph(
    paragraphs: Paragraphs,
    i: int,
    shared: dict[int, int],
    same: int | None,
    threshold: float,
    max_candidates: int,
    same_figures: bool,
) -> list[Match]:
    """Paragraph ``i``'s sentences with their best match among its candidates: the earlier
    paragraphs sharing shingles with it (``shared``: paragraph -> shingles shared) and the
    earlier one of another entry with the same canonical text (``same``)."""
    if not shared and same is None:
        return []
    keys = paragraphs.keys
    ranked = sorted((-n, j) for j, n in shared.items())
    candidates = [j for _, j in ranked if keys[j] != keys[i]][:max_candidates]
    if same is not None and same not in candidates:
        candidates.append(same)
    if not candidates:
        return []
    candidates.sort()
    reachable: set[int] = set()
    for j in candidates:
        reachable.update(paragraphs.grams(j))
    earlier: list[tuple[int, Sentence, frozenset[int]]] | None = None  # made when a sentence can reach them
    text = paragraphs.text(i)
    matches: list[Match] = []
    for sentence in paragraphs.sentences(i):
        grams = frozenset(sentence[3])
        if grams.isdisjoint(reachable):
            continue
        if earlier is None:
            earlier = [(j, s, frozenset(s[3])) for j in candidates for s in paragraphs.sentences(j)]
        best: tuple[float, int, Sentence] | None = None
        for j, source, source_grams in earlier:
            if source[2] == sentence[2]:
                score = 100.0
            elif copies.overlap(grams, source_grams) < 0.2:
                continue
            else:
                score = copies.similarity(sentence[2], source[2], threshold)
            if score < threshold or (best is not None and score <= best[0]):
                continue
            if same_figures and _figures(text, sentence) != _figures(paragraphs.text(j), source):
                continue  # the same template with other figures: each entry's own facts
            best = (score, j, source)
        if best is not None:
            matches.append(Match(i, sentence[:2], best[1], best[2][:2], best[0]))  # the findings read their bounds
    return matches


def _figures(text: str, sentence: Sentence) -> list[str]:
    return copies.figures(text[sentence[0] : sentence[1]])


def settings(context: Context) -> tuple[float, int, bool]:
    """The options :func:`find_matches` takes: threshold, max-bucket, same-figures."""
    return float(context["threshold"]), max(1, int(context["max-bucket"])), bool(context["same-figures"])


def check_corpus(summaries: Sequence[Anchored], context: Context) -> Iterator[Finding]:
    paragraphs = Paragraphs(summaries)
    if len(paragraphs) < 2:
        return
    threshold, max_bucket, same_figures = settings(context)
    yield from findings(paragraphs, find_matches(paragraphs, threshold, max_bucket, same_figures=same_figures), context)


def findings(paragraphs: Paragraphs, matches: Sequence[Match], context: Context) -> Iterator[Finding]:
    """The rule's findings from its matches (in the order of their later paragraphs): one a
    paragraph, on its copied sentences, pointing at the paragraphs that wrote them first.
    Reads only the bounds of each match's sentences."""
    exempt_severity = copies.severity_option(context.rule, "exempt-severity", context["exempt-severity"])
    exempt = copies.exemption(context.rule, context["exempt"])
    by_paragraph: dict[int, list[tuple[Match, Span, bool]]] = {}
    for match in matches:
        (start, end, *_), source = match.sentence, match.source
        text = paragraphs.text(match.later)[start:end]
        is_exempt = copies.is_exempt(exempt, text) or copies.is_exempt(
            exempt, paragraphs.text(match.earlier)[source[0] : source[1]]
        )
        if is_exempt and exempt_severity is None:
            continue
        by_paragraph.setdefault(match.later, []).append((match, paragraphs.span_of(match.later, start, end), is_exempt))
    for i, group in by_paragraph.items():
        first, last = group[0][1], group[-1][1]
        best = max((m for m, _, _ in group), key=lambda m: m.score)
        related: list[Related] = []
        seen: set[tuple[int, int]] = set()
        for match, _, _ in sorted(group, key=lambda g: -g[0].score):
            j, (start, end, *_) = match.earlier, match.source
            if (j, start) in seen:
                continue
            seen.add((j, start))
            related.append(
                Related(
                    paragraphs.path(j),
                    paragraphs.span_of(j, start, end),
                    f"first written here by {paragraphs.entry_name(j)} in {paragraphs.phase_key(j)}",
                )
            )
        yield Finding(
            span=Span(first.start, last.end),
            path=paragraphs.path(i),
            severity=exempt_severity if all(e for _, _, e in group) else None,
            related=tuple(related),
            args={
                "entry": paragraphs.entry_name(i),
                "other": paragraphs.entry_name(best.earlier),
                "other_phase": paragraphs.phase_key(best.earlier),
                "score": round(best.score),
                "kind": "the same" if best.score >= 100 else "nearly the same",
                "count": len(group),
                "total": len(sentences.split(paragraphs.text(i))),
            },
        )


def check_corpus_again(
    state: Any, before: Mapping[str, Any], summaries: Sequence[Anchored], context: Context
) -> tuple[list[Finding], Any]:
    """:func:`check_corpus` from what it kept of its last run (:mod:`lint.checks.entry_copy_again`)."""
    from lint.checks import entry_copy_again

    return entry_copy_again.check_corpus_again(state, before, summaries, context)


KIND = CheckKind(
    name="entry-copy",
    summary="the same or nearly the same sentences in two entries, across the run (a corpus check)",
    check_corpus=check_corpus,
    check_corpus_again=check_corpus_again,
    summarise=summarise,
    options=OPTIONS,
    message_fields=frozenset({"entry", "other", "other_phase", "score", "kind", "count", "total"}),
    summary_role="copied",
)
