"""year-copy's partial copies: passages of a phase carried over, sentence by sentence, from an
earlier phase of its entry (one finding a passage). :mod:`lint.checks.year_copy` finds the whole
copies and hands the phases that are none to :func:`partials`."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from itertools import groupby

from lint.checks import copies
from lint.checks.api import Finding
from lint.checks.year_copy_options import PLAN, Settings, continues, severity_of
from lint.model import Document, Paragraph, Related, Span

_Sentence = tuple[copies.PhaseText, Paragraph, copies.Sentence]
# one carried-over sentence: its paragraph and sentence, its score, its source, its kind
_Carried = tuple[Paragraph, copies.Sentence, float, _Sentence, str]


def partials(
    document: Document,
    texts: list[copies.PhaseText],
    asking: Collection[int],
    continued: set[int],
    settings: Settings,
) -> Iterator[Finding]:
    """Passages of the phases ``asking`` carried over from an earlier phase.

    ``asking``: the phases that are not already a whole copy and share a word 3-gram
    with an earlier phase (only they can carry a sentence over). Consecutive long
    sentences carried over from the same earlier phase are one passage, one finding
    spanning them (a short sentence between them does not part them, a long one not
    carried over does). In a plan that is a whole continuation, only sentences
    repeating an earlier plan are reported.
    """
    floor = max(3, settings.partial_words // 2)
    earlier = _Earlier()  # the sentences of floor words or more of texts[:at]
    at = 0
    for i, text in enumerate(texts):
        if i not in asking:
            continue
        for t in texts[at:i]:
            for p, s in t.sentences:
                if s.words >= floor:
                    earlier.add(t, p, s)
        at = i
        passage: list[_Carried] = []
        for paragraph, sentence in text.sentences:
            if sentence.words < settings.partial_words:
                continue  # too short to judge: neither part of a passage nor a break in one
            carried = _carried(text, paragraph, sentence, earlier, i in continued, settings)
            if passage and (carried is None or not _same_passage(passage[-1], carried)):
                yield from _passage(document, text, passage, settings)
                passage = []
            if carried is not None:
                passage.append(carried)
        if passage:
            yield from _passage(document, text, passage, settings)


def _carried(
    text: copies.PhaseText,
    paragraph: Paragraph,
    sentence: copies.Sentence,
    earlier: _Earlier,
    continued: bool,
    settings: Settings,
) -> _Carried | None:
    """``sentence`` as carried over from an earlier phase, with its score, source and kind; None if it is not."""
    found = _best_sentence(text, sentence, earlier, settings)
    if found is None:
        return None
    score, source = found
    kind = "continuation" if continues(text, [source[0]]) else "partial"
    if kind == "continuation" and continued:
        return None
    return paragraph, sentence, score, source, kind


def _same_passage(last: _Carried, carried: _Carried) -> bool:
    """Do two consecutive carried-over sentences come from the same earlier phase, as the same kind of copy?"""
    return last[3][0] is carried[3][0] and last[4] == carried[4]


def _passage(
    document: Document, text: copies.PhaseText, passage: list[_Carried], settings: Settings
) -> Iterator[Finding]:
    """One finding for consecutive sentences of ``text`` carried over from one earlier phase."""
    kind, source_phase = passage[0][4], passage[0][3][0]
    severity, _ = severity_of(settings, kind, " ".join(p.text[s.start : s.end] for p, s, *_ in passage))
    if severity is None:
        return
    span = _spanning([p.to_span(s.start, s.end) for p, s, *_ in passage])
    source_span = _spanning([src[1].to_span(src[2].start, src[2].end) for *_, src, _ in passage])
    words, count = sum(s.words for _, s, *_ in passage), len(passage)
    article = "an" if str(words).startswith("8") or words in (11, 18) else "a"
    what = f"{article} {words}-word sentence" if count == 1 else f"{count} sentences ({words} words)"
    how = f"only restates, as a plan, {what} of" if kind == "continuation" else f"carries over {what} from"
    yield Finding(
        span=span,
        severity=severity,
        related=(Related(document.path, source_span, f"first written here in {source_phase.phase.key}"),),
        args={
            "phase": text.phase.key,
            "earlier": source_phase.phase.key,
            "kind": kind,
            "score": round(min(c[2] for c in passage)),
            "words": words,
            "sentences": count,
            "how": how,
            "entry": text.entry.name,
            "times": 2,
            "repeats": "",
        },
    )


def _spanning(spans: list[Span]) -> Span:
    """From the first of ``spans`` (in document order) to the end of the last."""
    return Span(spans[0].start, max(span.end for span in spans))


class _Earlier:
    """The sentences a later one may carry over, in order, and an inverted index of their shingles:
    which of them share shingles with a later sentence, and how many, without a walk through them
    all (on the 500-file bench corpus, 214,659 sentences were walked for the 32,652 sharing one)."""

    __slots__ = ("held", "sentences", "sizes")

    def __init__(self) -> None:
        self.sentences: list[_Sentence] = []
        self.sizes: list[int] = []  # each one's number of shingles
        # shingle -> the number of the one sentence holding it (most are in one), or of each, in order
        self.held: dict[int, int | list[int]] = {}

    def add(self, text: copies.PhaseText, paragraph: Paragraph, sentence: copies.Sentence) -> None:
        number = len(self.sentences)
        self.sentences.append((text, paragraph, sentence))
        grams = sentence.grams
        self.sizes.append(len(grams))
        held = self.held
        holding = held.setdefault
        for gram in grams:
            holders = holding(gram, number)
            if holders is number:  # (the shingle's first sentence: no earlier number is this object)
                continue
            if isinstance(holders, int):
                held[gram] = [holders, number]
            else:
                holders.append(number)

    def sharing(self, grams: Iterable[int]) -> list[tuple[int, int]]:
        """The number of each sentence holding some of ``grams`` (each shingle once), in order, with
        how many of them it holds."""
        numbers: list[int] = []
        held = self.held
        for holders in map(held.__getitem__, held.keys() & grams):
            if isinstance(holders, int):
                numbers.append(holders)
            else:
                numbers.extend(holders)
        numbers.sort()
        return [(number, len(list(run))) for number, run in groupby(numbers)]


def _best_sentence(
    text: copies.PhaseText, sentence: copies.Sentence, earlier: _Earlier, settings: Settings
) -> tuple[float, _Sentence] | None:
    """The earlier sentence ``sentence`` best copies (for a plan, an earlier plan's first), with its score: one pass
    over the earlier sentences sharing a shingle with it (:class:`_Earlier`), in order, keeps two bests (the best
    earlier plan's, the best of all; on a tie, the first)."""
    plan = text.phase.kind == PLAN
    grams = sentence.grams
    size = len(grams)
    sentences, sizes = earlier.sentences, earlier.sizes
    best: tuple[float, _Sentence] | None = None
    best_plan: tuple[float, _Sentence] | None = None
    for number, shared in earlier.sharing(grams):
        candidate = sentences[number]
        # (shared / the smaller size: copies.overlap of the two shingle sets, which hold each shingle once)
        if candidate[0].key == text.key or shared / min(size, sizes[number]) < 0.2:
            continue
        other = candidate[2]
        if other.canonical == sentence.canonical:
            score = 100.0
        else:
            score = copies.similarity(sentence.canonical, other.canonical, settings.sentence)
        if score < settings.sentence:
            continue
        if best is None or score > best[0]:
            best = (score, candidate)
        if plan and candidate[0].phase.kind == PLAN and (best_plan is None or score > best_plan[0]):
            best_plan = (score, candidate)
    return best_plan or best
