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

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from typing import Any

from lint.checks import copies, sentences, workers
from lint.checks.api import Anchored, CheckKind, Context, Fields, Finding
from lint.checks.entry_paragraphs import Paragraphs
from lint.checks.entry_sources import Sources
from lint.checks.entry_summary import summarise
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


MIN_SHARED = 3  # word 3-grams a candidate paragraph shares with a later one, at least
MAX_CANDIDATES = 16  # candidates of a paragraph (those sharing most), besides one with the same text

FIELDS = ("entry", "other", "other_phase", "score", "kind", "count", "total")  # of each finding's message


class Match:
    """A sentence of a later paragraph, and its best source in an earlier one (a sentence: its
    start and end in its paragraph's text, then what :data:`~lint.checks.entry_summary.Compared` holds, when known)."""

    __slots__ = ("earlier", "later", "score", "sentence", "source")

    def __init__(self, later: int, sentence: tuple[Any, ...], earlier: int, source: tuple[Any, ...], score: float):
        self.later = later
        self.sentence = sentence
        self.earlier = earlier
        self.source = source
        self.score = score


def same_paragraph(
    paragraphs: Paragraphs,
    i: int,
    first: dict[bytes, int],
    other: dict[bytes, int],
    repeated: Container[bytes] | None = None,
) -> int | None:
    """An earlier paragraph of another entry with the same canonical text (and remember this one).
    ``repeated``: the texts of more than one paragraph (:meth:`Paragraphs.repeated_digests`), when
    known: a paragraph whose text is its own has none, and is not remembered."""
    canonical = paragraphs.digest(i)
    if repeated is not None and canonical not in repeated:
        return None  # (the first with it: what setdefault below would find)
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
    min_shared: int = MIN_SHARED,
    max_candidates: int = MAX_CANDIDATES,
    same_figures: bool = True,
    index: copies.ShingleIndex | None = None,
) -> Iterator[Match]:
    """For each sentence, its best match in an earlier paragraph of another entry (if any), in
    the order of the later paragraphs: given as they are found, so a run that turns them into
    findings at once never holds them all (a caller that keeps them makes a list).

    Candidates are the earlier paragraphs that share at least ``min_shared`` word
    3-grams with this one (a copied sentence of 8 words shares 6, or 3 with a
    word changed), the ``max_candidates`` that share most, and an earlier
    paragraph with the same canonical text (however common: boilerplate repeated
    by a hundred entries is found even though its 3-grams are stock phrases). ``index``: an
    empty one of ``max_bucket`` to fill (for a caller that reads it afterwards), else one is made.
    """
    index = copies.ShingleIndex(max_bucket=max_bucket) if index is None else index
    first_with: dict[bytes, int] = {}  # canonical paragraph -> the first paragraph with it
    other_with: dict[bytes, int] = {}  # canonical paragraph -> the first with it in another entry than that
    repeated = paragraphs.repeated_digests()
    for i in range(len(paragraphs)):
        shared = index.add(paragraphs.grams(i), min_shared)
        same = same_paragraph(paragraphs, i, first_with, other_with, repeated)  # however often it recurs
        yield from match_paragraph(paragraphs, i, shared, same, threshold, max_candidates, same_figures)


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
    earlier one of another entry with the same canonical text (``same``).

    A sentence is compared with a candidate's sentence when their canonical texts are equal
    (100) or when they share at least a fifth of the smaller one's shingles (then scored by
    :func:`~lint.checks.copies.similarity`); its best source is the first, in candidate order,
    of those scoring highest, at least ``threshold``, whose figures agree."""
    if not shared and same is None:
        return []
    keys = paragraphs.keys
    key = keys[i]
    ranked = sorted((-n, j) for j, n in shared.items())
    candidates = [j for _, j in ranked if keys[j] != key][:max_candidates]
    if same is not None and same not in candidates:
        candidates.append(same)
    if not candidates:
        return []
    candidates.sort()
    own = paragraphs.compared(i)
    sources = Sources(paragraphs, candidates, own)
    score_of = _scorer(threshold)
    text: str | None = None
    matches: list[Match] = []
    for start, end, encoded, grams in own:
        near = sources.near(grams, encoded)
        if not near or not _reaches(paragraphs, grams, candidates, sources.paragraph[near[0]]):
            continue
        size = len(grams)
        canonical: str | None = None  # (decoded when first scored)
        best: tuple[float, int, int] | None = None
        for k in near:
            if sources.encoded[k] == encoded:
                score = 100.0
            else:
                theirs = sources.size[k]
                if not size or not theirs or len(grams.intersection(sources.common[k])) / min(size, theirs) < 0.2:
                    continue  # copies.overlap below 0.2
                if canonical is None:
                    canonical = encoded.decode("utf-8", "surrogatepass")
                score = score_of(canonical, sources.text(k))
            if score < threshold or (best is not None and score <= best[0]):
                continue
            j = sources.paragraph[k]
            if same_figures:
                if text is None:
                    text = paragraphs.text(i)
                source_start, source_end = sources.bounds(k)
                if _figures(text, start, end) != _figures(paragraphs.text(j), source_start, source_end):
                    continue  # the same template with other figures: each entry's own facts
            best = (score, j, k)
            if score >= 100.0:
                break  # (no score is higher: the first source scoring it is the best)
        if best is not None:
            matches.append(Match(i, (start, end), best[1], sources.bounds(best[2]), best[0]))
    return matches


def _reaches(paragraphs: Paragraphs, grams: frozenset[int], candidates: list[int], likely: int) -> bool:
    """Whether a sentence shares a shingle with one of the candidate paragraphs (``likely`` first)."""
    if not grams.isdisjoint(paragraphs.grams(likely)):
        return True
    return not all(grams.isdisjoint(paragraphs.grams(j)) for j in candidates)


@lru_cache(maxsize=8)
def _scorer(threshold: float) -> Callable[[str, str], float]:
    """:func:`~lint.checks.copies.similarity` at ``threshold``, exact wherever it reaches the
    threshold (below it, some number below it): rapidfuzz stops early on a pair that cannot
    reach it, and is looked up once, not on each of a run's hundreds of thousands of pairs.

    A paragraph's sentence is scored against several sources in a row: the words of the last
    first text are kept (the text itself with them, so it is that very string), not split again
    for each (a third of the run's splits, which were a tenth of the corpus stage's work)."""
    if not 0.0 <= threshold <= 100.0:  # (NaN too) what rapidfuzz's cutoff does not take
        return lambda a, b: copies.similarity(a, b, threshold)
    from rapidfuzz.distance.LCSseq import similarity as common_words
    from rapidfuzz.fuzz import ratio

    last: list[tuple[str, list[str]]] = [("", [])]  # the last first text and its words, swapped as one

    def score(a: str, b: str) -> float:
        found: float = ratio(a, b, score_cutoff=threshold)  # 0 below the cutoff
        if found >= threshold:
            return found
        known = last[0]
        if known[0] is a:
            mine = known[1]
        else:
            mine = a.split()
            last[0] = (a, mine)
        theirs = b.split()
        short, long = (theirs, mine) if len(theirs) < len(mine) else (mine, theirs)  # as sorted(key=len)
        if len(short) < 12 or len(short) < 0.5 * len(long):  # as copies.similarity's defaults
            return found
        return 100.0 * common_words(short, long) / len(short)

    return score


def _figures(text: str, start: int, end: int) -> list[str]:
    return copies.figures(text[start:end])


def settings(context: Context) -> tuple[float, int, bool]:
    """The options :func:`find_matches` takes: threshold, max-bucket, same-figures."""
    return float(context["threshold"]), max(1, int(context["max-bucket"])), bool(context["same-figures"])


def check_corpus(summaries: Sequence[Anchored], context: Context) -> Iterator[Finding]:
    """The findings of a run. Spread over the run's jobs (:mod:`lint.checks.entry_spread`), the
    workers are started now, and the findings given as they come back: ``KIND`` declares
    ``starts_corpus``, so the run checks its other corpus rules meanwhile."""
    paragraphs = Paragraphs(summaries)
    if len(paragraphs) < 2:
        return iter(())
    if workers.jobs() > 1:  # (only then imported: multiprocessing is a one-file run's start-up time)
        from lint.checks import entry_spread

        if entry_spread.can_spread(paragraphs, workers.jobs()):
            return entry_spread.spread_findings(paragraphs, context, workers.jobs())
    threshold, max_bucket, same_figures = settings(context)
    return findings(paragraphs, find_matches(paragraphs, threshold, max_bucket, same_figures=same_figures), context)


def findings(paragraphs: Paragraphs, matches: Iterable[Match], context: Context) -> Iterator[Finding]:
    """The rule's findings from its matches (in the order of their later paragraphs): one a
    paragraph, on its copied sentences, pointing at the paragraphs that wrote them first.
    Reads only the bounds of each match's sentences, and each paragraph's matches as it
    comes to them (a paragraph's finding is made before the next paragraph's matches are read)."""
    return (finding for _, _, finding in placed_findings(paragraphs, matches, context))


def placed_findings(
    paragraphs: Paragraphs, matches: Iterable[Match], context: Context
) -> Iterator[tuple[int, tuple[int, ...], Finding]]:
    """:func:`findings`, each with its paragraph and the paragraph of each of its related places."""
    exempt_severity = copies.severity_option(context.rule, "exempt-severity", context["exempt-severity"])
    exempt = copies.exemption(context.rule, context["exempt"])
    # one Related for each place first written: boilerplate copied by a thousand entries points
    # a thousand findings at the same place, and each kept its own copy of it
    places: dict[tuple[int, int, int], Related] = {}
    for i, of_paragraph in groupby(matches, key=attrgetter("later")):
        group: list[tuple[Match, Span, bool]] = []
        for match in of_paragraph:
            (start, end, *_), source = match.sentence, match.source
            text = paragraphs.text(i)[start:end]
            is_exempt = copies.is_exempt(exempt, text) or copies.is_exempt(
                exempt, paragraphs.text(match.earlier)[source[0] : source[1]]
            )
            if is_exempt and exempt_severity is None:
                continue
            group.append((match, paragraphs.span_of(i, start, end), is_exempt))
        if not group:
            continue
        first, last = group[0][1], group[-1][1]
        best = max((m for m, _, _ in group), key=lambda m: m.score)
        related: list[Related] = []
        held: list[int] = []  # the paragraph of each
        seen: set[tuple[int, int]] = set()
        for match, _, _ in sorted(group, key=lambda g: -g[0].score):
            j, (start, end, *_) = match.earlier, match.source
            if (j, start) in seen:
                continue
            seen.add((j, start))
            place = places.get((j, start, end))
            if place is None:
                place = places[j, start, end] = Related(
                    paragraphs.path(j),
                    paragraphs.span_of(j, start, end),
                    f"first written here by {paragraphs.entry_name(j)} in {paragraphs.phase_key(j)}",
                )
            related.append(place)
            held.append(j)
        yield (
            i,
            tuple(held),
            Finding(
                span=Span(first.start, last.end),
                path=paragraphs.path(i),
                severity=exempt_severity if all(e for _, _, e in group) else None,
                related=tuple(related),
                args=Fields(
                    FIELDS,
                    (
                        paragraphs.entry_name(i),
                        paragraphs.entry_name(best.earlier),
                        paragraphs.phase_key(best.earlier),
                        round(best.score),
                        "the same" if best.score >= 100 else "nearly the same",
                        len(group),
                        len(sentences.split(paragraphs.text(i))),
                    ),
                ),
            ),
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
    message_fields=frozenset(FIELDS),
    summary_role="copied",
    starts_corpus=True,
)
