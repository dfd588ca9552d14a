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

from array import array
from collections.abc import Iterator, Sequence
from functools import partial
from operator import itemgetter

from lint.checks import copies, sentences
from lint.checks.api import Anchored, CheckKind, Context, Finding
from lint.checks.identity import keys_of, organisations
from lint.checks.shingles import blake2b, packed
from lint.model import Document, Paragraph, Related, Span
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


class _Para(tuple[str, str, str, str, tuple[int, ...], Paragraph, bytes, "array[int]", str, "tuple[_Kept, ...]"]):
    """A paragraph in the run: path, entry key and name, phase key and order, paragraph (without
    its links), a digest of its canonical text (compared for equality only: 16 bytes where the
    text took a seventh of a summary), shingles (packed: a run keeps every paragraph's),
    organisation, and its sentences long enough to compare (shingles packed too).
    A document's summary holds its paragraphs long enough to compare (picklable: worker
    processes, the result cache and shards carry it), so the sentences are split, levelled
    and shingled in the workers, once per document, and kept in the result cache."""

    __slots__ = ()

    @property
    def path(self) -> str:
        return self[0]

    @property
    def entry_key(self) -> str:
        return self[1]

    @property
    def entry_name(self) -> str:
        return self[2]

    @property
    def phase_key(self) -> str:
        return self[3]

    @property
    def order(self) -> tuple[int, ...]:
        return self[4]

    @property
    def paragraph(self) -> Paragraph:
        return self[5]

    @property
    def canonical(self) -> bytes:
        return self[6]

    @property
    def grams(self) -> array[int]:
        return self[7]

    def sentences(self) -> list[copies.Sentence]:
        """The sentences long enough to compare, with their shingles as sets again."""
        return [_new_sentence((*kept[:4], frozenset(kept[4]))) for kept in self[9]]

    def text_of(self, sentence: copies.Sentence | _Kept) -> str:
        return self[5].text[sentence.start : sentence.end]

    def span_of(self, sentence: copies.Sentence | _Kept) -> Span:
        return self[5].to_span(sentence.start, sentence.end)


class _Kept(tuple[int, int, str, int, "array[int]"]):
    """A sentence as a summary keeps it: offsets into the paragraph's text, canonical text, words
    and shingles, packed. Earlier paragraphs' sentences are compared in this form: unpacked to
    sets for the whole run, they took four fifths of its memory on the benchmark corpus."""

    __slots__ = ()

    @property
    def start(self) -> int:
        return self[0]

    @property
    def end(self) -> int:
        return self[1]

    @property
    def canonical(self) -> str:
        return self[2]

    @property
    def grams(self) -> array[int]:
        return self[4]


_new_sentence = partial(tuple.__new__, copies.Sentence)


def _digest(canonical: str) -> bytes:
    """A digest of a paragraph's canonical text, the same in every process (str hashes are not)."""
    return blake2b(canonical.encode("utf-8", "surrogatepass"), digest_size=16).digest()


_new_kept = partial(tuple.__new__, _Kept)


class _Match:
    """A sentence of a later paragraph, and its best source in an earlier one."""

    __slots__ = ("earlier", "later", "score", "sentence", "source")

    def __init__(self, later: int, sentence: copies.Sentence, earlier: int, source: _Kept, score: float):
        self.later = later
        self.sentence = sentence
        self.earlier = earlier
        self.source = source
        self.score = score


def summarise(document: Document, context: Context) -> Anchored:
    """The organisations of the document's entries (for organisation identity across the run),
    and its paragraphs long enough to compare, levelled and shingled, each placed from its
    own start (its start is its anchor). Nothing else: a change this leaves as it was (a short
    paragraph added, text moved down the page by a line outside any compared paragraph)
    leaves the rule's findings standing."""
    min_words = max(1, int(context["min-words"]))
    found: list[_Para] = []
    anchors: list[int] = []
    new = partial(tuple.__new__, _Para)
    for entry in document.entries:
        names = copies.Names.of(entry)
        for phase in entry.phases:
            order = phase.order
            for paragraph in phase.paragraphs:
                text = copies.paragraph_text(paragraph.text, names)
                if text.words >= min_words and text.grams:
                    at = paragraph.span.start
                    anchors.append(at)
                    kept = _moved(paragraph._replace(links=()), -at)
                    item = (document.path, entry.key, entry.name, phase.key, order, kept, _digest(text.canonical))
                    compared = tuple(
                        _new_kept((s[0], s[1], s[2], s[3], packed(s[4])))
                        for s in copies.paragraph_sentences(paragraph.text, names)
                        if s.words >= min_words and s.canonical
                    )
                    found.append(new((*item, packed(text.grams), entry.organisation or "", compared)))
    return Anchored((organisations((document,)), found), tuple(anchors))


def _moved(paragraph: Paragraph, by: int) -> Paragraph:
    """``paragraph`` placed ``by`` characters further on (its span and the document offsets of its pieces)."""
    span = Span(paragraph.span.start + by, paragraph.span.end + by)
    return paragraph._replace(span=span, pieces=tuple((t, d + by) for t, d in paragraph.pieces))


def _paragraphs(summaries: Sequence[Anchored]) -> list[_Para]:
    """Every paragraph of the run long enough to compare, placed at its anchor: the earliest
    period first, then run order.

    Entries of one organisation are one entry (:func:`~lint.checks.identity.organisation_keys`).
    """
    keys = keys_of(name for anchored in summaries for name in anchored.summary[0])
    new = partial(tuple.__new__, _Para)
    found = [
        new((para[0], keys.get(para[8], para[1]) if para[8] else para[1], *para[2:5], _moved(para[5], at), *para[6:]))
        for anchored in summaries
        for para, at in zip(anchored.summary[1], anchored.anchors, strict=True)
    ]
    return sorted(found, key=itemgetter(4))


def _figures(para: _Para, sentence: copies.Sentence | _Kept) -> list[str]:
    return copies.figures(para.paragraph.text[sentence.start : sentence.end])


def _same_paragraph(
    paragraphs: Sequence[_Para], para: _Para, i: int, first: dict[bytes, int], other: dict[bytes, int]
) -> int | None:
    """An earlier paragraph of another entry with the same canonical text (and remember this one)."""
    head = first.setdefault(para.canonical, i)
    if head == i:
        return None
    if paragraphs[head].entry_key != para.entry_key:
        other.setdefault(para.canonical, i)
        return head
    found = other.get(para.canonical)
    return found if found is not None and found < i else None


def find_matches(
    paragraphs: Sequence[_Para],
    threshold: float,
    max_bucket: int,
    min_shared: int = 3,
    max_candidates: int = 16,
    same_figures: bool = True,
) -> list[_Match]:
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
    matches: list[_Match] = []
    for i, para in enumerate(paragraphs):
        shared = index.add(para.grams, min_shared)
        same = _same_paragraph(paragraphs, para, i, first_with, other_with)  # however often it recurs
        if not shared and same is None:
            continue
        ranked = sorted((-n, j) for j, n in shared.items())
        candidates = [j for _, j in ranked if paragraphs[j].entry_key != para.entry_key][:max_candidates]
        if same is not None and same not in candidates:
            candidates.append(same)
        if not candidates:
            continue
        candidates.sort()
        earlier = [(j, s) for j in candidates for s in paragraphs[j][9]]  # packed: compared as they are
        reachable = frozenset().union(*(paragraphs[j].grams for j in candidates))
        for sentence in para.sentences():
            if sentence.grams.isdisjoint(reachable):
                continue
            best: tuple[float, int, _Kept] | None = None
            for j, source in earlier:
                if source.canonical == sentence.canonical:
                    score = 100.0
                elif copies.overlap(sentence.grams, source.grams) < 0.2:
                    continue
                else:
                    score = copies.similarity(sentence.canonical, source.canonical, threshold)
                if score < threshold or (best is not None and score <= best[0]):
                    continue
                if same_figures and _figures(para, sentence) != _figures(paragraphs[j], source):
                    continue  # the same template with other figures: each entry's own facts
                best = (score, j, source)
            if best is not None:
                matches.append(_Match(i, sentence, best[1], best[2], best[0]))
    return matches


def check_corpus(summaries: Sequence[Anchored], context: Context) -> Iterator[Finding]:
    exempt_severity = copies.severity_option(context.rule, "exempt-severity", context["exempt-severity"])
    exempt = copies.exemption(context.rule, context["exempt"])
    paragraphs = _paragraphs(summaries)
    if len(paragraphs) < 2:
        return
    matches = find_matches(
        paragraphs,
        float(context["threshold"]),
        max(1, int(context["max-bucket"])),
        same_figures=bool(context["same-figures"]),
    )
    by_paragraph: dict[int, list[tuple[_Match, Span, bool]]] = {}
    for match in matches:
        later, earlier = paragraphs[match.later], paragraphs[match.earlier]
        text = later.text_of(match.sentence)
        is_exempt = copies.is_exempt(exempt, text) or copies.is_exempt(exempt, earlier.text_of(match.source))
        if is_exempt and exempt_severity is None:
            continue
        by_paragraph.setdefault(match.later, []).append((match, later.span_of(match.sentence), is_exempt))
    for i, group in by_paragraph.items():
        later = paragraphs[i]
        first, last = group[0][1], group[-1][1]
        best = max((m for m, _, _ in group), key=lambda m: m.score)
        source = paragraphs[best.earlier]
        related: list[Related] = []
        seen: set[tuple[int, int]] = set()
        for match, _, _ in sorted(group, key=lambda g: -g[0].score):
            if (match.earlier, match.source.start) in seen:
                continue
            seen.add((match.earlier, match.source.start))
            earlier = paragraphs[match.earlier]
            related.append(
                Related(
                    earlier.path,
                    earlier.span_of(match.source),
                    f"first written here by {earlier.entry_name} in {earlier.phase_key}",
                )
            )
        yield Finding(
            span=Span(first.start, last.end),
            path=later.path,
            severity=exempt_severity if all(e for _, _, e in group) else None,
            related=tuple(related),
            args={
                "entry": later.entry_name,
                "other": source.entry_name,
                "other_phase": source.phase_key,
                "score": round(best.score),
                "kind": "the same" if best.score >= 100 else "nearly the same",
                "count": len(group),
                "total": len(sentences.split(later.paragraph.text)),
            },
        )


KIND = CheckKind(
    name="entry-copy",
    summary="the same or nearly the same sentences in two entries, across the run (a corpus check)",
    check_corpus=check_corpus,
    summarise=summarise,
    options=OPTIONS,
    message_fields=frozenset({"entry", "other", "other_phase", "score", "kind", "count", "total"}),
    summary_role="copied",
)
