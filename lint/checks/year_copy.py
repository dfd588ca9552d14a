"""Check kind ``year-copy``: a phase that repeats text of another period of the same entry.

For each entry, every phase is compared with each phase written before it (in
the order commitment, progress Y, plans Y+1, ...). A later phase that is the
same text is a *verbatim* copy; nearly the same text after levelling tense,
auxiliaries, the entry's own name and numbers (see :mod:`lint.checks.copies`) is
a *near* copy; otherwise a passage of its long sentences carried over from an
earlier phase is a *partial* copy, one finding on the passage. Findings sit on the
later text, with ``related`` pointing at the earlier one. A plan that repeats no
earlier plan but restates an earlier commitment or progress ("has continued to
work with" -> "will continue to work with") is a *continuation*: what the
organisation will go on doing, judged apart (``continuation-severity``). Text that only says
there is nothing to report ("This action is not applicable to HMT.") matches the
``exempt`` patterns and gets ``exempt-severity``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from lint.checks import copies
from lint.checks.api import CheckKind, Context, Finding
from lint.model import Document, Entry, Paragraph, Related, Severity, Span
from lint.options import Option, combinable

OPTIONS = (
    Option(
        "near-threshold",
        "float",
        85.0,
        "lowest similarity (0-100) of two phases, after levelling tense, names and numbers, for a near copy",
    ),
    Option("partial-words", "int", 12, "a carried-over sentence must have at least this many words"),
    Option("sentence-threshold", "float", 85.0, "lowest similarity (0-100) of two sentences for a partial copy"),
    Option("min-words", "int", 5, "phases with fewer words are not compared (placeholders are another rule's job)"),
    Option("verbatim-severity", "severity", "error", "severity of a verbatim copy (error, warning, info or off)"),
    Option("near-severity", "severity", "warning", "severity of a near copy (error, warning, info or off)"),
    Option("partial-severity", "severity", "warning", "severity of a partial copy (error, warning, info or off)"),
    Option(
        "continuation-severity",
        "severity",
        "off",
        "severity of a plan that restates an earlier commitment or progress but repeats no earlier plan "
        "(error, warning, info or off)",
    ),
    Option(
        "exempt-severity",
        "severity",
        "info",
        "severity of a copy that matches an exempt pattern (error, warning, info or off)",
    ),
    Option(
        "exempt",
        "list[regex]",
        list(copies.NOT_APPLICABLE),
        "regexes for repeated text that is legitimate (each must match a whole line)",
        validate=combinable,
    ),
)

_RANK = {"verbatim": 0, "near": 1}
_HOW = {"verbatim": "repeats, word for word, the text of", "near": "nearly repeats the text of"}
_PLAN = "plan"


def _continues(later: copies.PhaseText, sources: list[copies.PhaseText]) -> bool:
    """Is ``later`` a plan whose copied text comes only from earlier commitments or progress?

    A plan saying it will go on doing what the commitment or the last progress
    said is a plan; a plan repeating an earlier plan says nothing new.
    """
    return later.phase.kind == _PLAN and all(t.phase.kind != _PLAN for t in sources)


class _Settings:
    """The rule's options, read and checked once per document."""

    __slots__ = ("exempt", "exempt_severity", "min_words", "near", "partial_words", "sentence", "severity")

    def __init__(self, context: Context) -> None:
        self.near = float(context["near-threshold"])
        self.sentence = float(context["sentence-threshold"])
        self.partial_words = max(1, int(context["partial-words"]))
        self.min_words = max(1, int(context["min-words"]))
        self.severity = {
            kind: copies.severity_option(context.rule, f"{kind}-severity", context[f"{kind}-severity"])
            for kind in ("verbatim", "near", "partial", "continuation")
        }
        self.exempt_severity = copies.severity_option(context.rule, "exempt-severity", context["exempt-severity"])
        self.exempt: re.Pattern[str] | None = copies.exemption(context.rule, context["exempt"])


def _severity(settings: _Settings, kind: str, text: str) -> tuple[Severity | None, bool]:
    """The severity for a copy of ``kind`` of ``text``, and whether it is exempt."""
    exempt = copies.is_exempt(settings.exempt, text)
    return (settings.exempt_severity, True) if exempt else (settings.severity[kind], False)


def check(document: Document, context: Context) -> Iterator[Finding]:
    settings = _Settings(context)
    for entry in document.entries:
        yield from _entry(document, entry, settings)


def _entry(document: Document, entry: Entry, settings: _Settings) -> Iterator[Finding]:
    names = copies.Names.of(entry)
    texts = [
        t
        for t in (copies.phase_text(entry, p, names) for p in copies.chronological(entry.phases))
        if t is not None and t.words >= settings.min_words
    ]
    if len(texts) < 2:
        return
    continued: set[int] = set()  # plans that are whole continuations
    # phases that are whole copies, by index: their matches (rank, score, earlier index)
    copied: dict[int, list[tuple[int, float, int]]] = {}
    for i, later in enumerate(texts):
        matches: list[tuple[int, float, int]] = []
        for j in range(i):
            earlier = texts[j]
            if earlier.key == later.key or later.grams.isdisjoint(earlier.grams):
                continue  # no word 3-gram in common: not the same text, not nearly
            if later.canonical != earlier.canonical:
                if copies.overlap(later.grams, earlier.grams) < 0.2:
                    continue
                score = copies.similarity(later.canonical, earlier.canonical, settings.near)
                if score < settings.near:
                    continue
            else:
                score = 100.0
            if copies.verbatim_key(later.text) == copies.verbatim_key(earlier.text):
                matches.append((_RANK["verbatim"], 100.0, j))
            else:
                matches.append((_RANK["near"], score, j))
        if not matches:
            continue
        if later.phase.kind == _PLAN:  # an earlier plan repeated is the copy to report, whatever else matches
            matches = [m for m in matches if texts[m[2]].phase.kind == _PLAN] or matches
        matches.sort(key=lambda m: (m[0], -m[1], -texts[m[2]].span.start))
        if _continues(later, [texts[m[2]] for m in matches]) and not copies.is_exempt(settings.exempt, later.text):
            yield from _continuation(document, entry, texts, i, matches[0], settings)
            continued.add(i)  # (its sentences may still repeat an earlier plan: a partial copy)
        else:
            copied[i] = matches
    yield from _grouped(document, entry, texts, copied, settings)
    yield from _partials(document, texts, copied.keys(), continued, settings)


def _continuation(
    document: Document,
    entry: Entry,
    texts: list[copies.PhaseText],
    i: int,
    match: tuple[int, float, int],
    settings: _Settings,
) -> Iterator[Finding]:
    """A plan restating an earlier commitment or progress as a whole: ``continuation-severity``."""
    later, (_, score, j) = texts[i], match
    severity = settings.severity["continuation"]
    if severity is None:
        return
    how = "only restates, as a plan, the text of"
    yield Finding(
        span=later.span,
        severity=severity,
        related=(Related(document.path, texts[j].span, f"first written here in {texts[j].phase.key}"),),
        args={
            "phase": later.phase.key,
            "earlier": texts[j].phase.key,
            "kind": "continuation",
            "score": round(score),
            "words": later.words,
            "sentences": len(later.sentences),
            "how": how,
            "entry": entry.name,
            "times": 2,
            "repeats": "",
        },
    )


def _groups(copied: dict[int, list[tuple[int, float, int]]]) -> list[list[int]]:
    """Phases joined by their best copies into groups (each sorted): one statement repeated in several phases."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    for i, matches in copied.items():  # each phase joins the one it copies best: a progress that also
        parent[root(i)] = root(matches[0][2])  # echoes a plan stays apart from that plan's own repeats
    groups: dict[int, list[int]] = {}
    for i in sorted(parent):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _grouped(
    document: Document,
    entry: Entry,
    texts: list[copies.PhaseText],
    copied: dict[int, list[tuple[int, float, int]]],
    settings: _Settings,
) -> Iterator[Finding]:
    """One finding per repeated statement: on its latest repeat, pointing at every earlier place.

    A statement written in four phases of an entry is one thing to fix, not three
    pairs; the finding is as severe as the worst copy in the group.
    """
    for group in _groups(copied):
        *earlier_ones, last = group
        later = texts[last]
        rank, score, best_index = copied[last][0]
        best = texts[best_index]
        kind = "verbatim" if rank == 0 else "near"
        found = [
            _severity(settings, "verbatim" if copied[i][0][0] == 0 else "near", texts[i].text)
            for i in group
            if i in copied  # a member that copies nothing here is only a source (say, a plan restating progress)
        ]
        severities = [severity for severity, _ in found if severity is not None]
        if not severities:
            continue
        exempt = found[-1][1]
        related = tuple(
            Related(document.path, texts[i].span, f"first written here in {texts[i].phase.key}")
            for i in sorted(earlier_ones, key=lambda i: -texts[i].span.start)
        )
        if exempt:
            how = "repeats the nothing-to-report statement of"
        elif kind == "near" and later.canonical == best.canonical:
            how = "repeats, with only tense, names or numbers changed, the text of"
        else:
            how = _HOW[kind]
        times = len(group)
        yield Finding(
            span=later.span,
            severity=max(severities),
            related=related,
            args={
                "phase": later.phase.key,
                "earlier": best.phase.key,
                "kind": kind,
                "score": round(score),
                "words": later.words,
                "sentences": len(later.sentences),
                "how": how,
                "entry": entry.name,
                "times": times,
                "repeats": f"; the same statement is in {times} phases of this entry" if times > 2 else "",
            },
        )


_Sentence = tuple[copies.PhaseText, Paragraph, copies.Sentence, frozenset[int]]  # (its shingles as a set, made once)
# one carried-over sentence: its paragraph and sentence, its score, its source, its kind
_Carried = tuple[Paragraph, copies.Sentence, float, _Sentence, str]


def _partials(
    document: Document,
    texts: list[copies.PhaseText],
    covered: Collection[int],
    continued: set[int],
    settings: _Settings,
) -> Iterator[Finding]:
    """Passages of a phase (not already a whole copy) carried over from an earlier phase.

    Consecutive long sentences carried over from the same earlier phase are one
    passage, one finding spanning them (a short sentence between them does not part
    them, a long one not carried over does). In a plan that is a whole continuation,
    only sentences repeating an earlier plan are reported. Only a phase sharing a
    word 3-gram with an earlier phase can carry a sentence over.
    """
    floor = max(3, settings.partial_words // 2)
    seen: set[int] = set()  # shingles of the phases so far
    earlier: list[_Sentence] = []  # the sentences of floor words or more of texts[:at]
    at = 0
    for i, text in enumerate(texts):
        if i not in covered and seen and not text.grams.isdisjoint(seen):
            earlier += [(t, p, s, frozenset(s.grams)) for t in texts[at:i] for p, s in t.sentences if s.words >= floor]
            at = i
            passage: list[_Carried] = []
            for paragraph, sentence in text.sentences:
                if sentence.words < settings.partial_words:
                    continue  # too short to judge: neither part of a passage nor a break in one
                carried = _carried(text, paragraph, sentence, earlier, i in continued, seen, settings)
                if passage and (carried is None or not _same_passage(passage[-1], carried)):
                    yield from _passage(document, text, passage, settings)
                    passage = []
                if carried is not None:
                    passage.append(carried)
            if passage:
                yield from _passage(document, text, passage, settings)
        seen.update(text.grams)


def _carried(
    text: copies.PhaseText,
    paragraph: Paragraph,
    sentence: copies.Sentence,
    earlier: list[_Sentence],
    continued: bool,
    seen: set[int],
    settings: _Settings,
) -> _Carried | None:
    """``sentence`` as carried over from an earlier phase, with its score, source and kind; None if it is not."""
    if seen.isdisjoint(sentence.grams):
        return None
    found = _best_sentence((text, paragraph, sentence, frozenset(sentence.grams)), earlier, settings)
    if found is None:
        return None
    score, source = found
    kind = "continuation" if _continues(text, [source[0]]) else "partial"
    if kind == "continuation" and continued:
        return None
    return paragraph, sentence, score, source, kind


def _same_passage(last: _Carried, carried: _Carried) -> bool:
    """Do two consecutive carried-over sentences come from the same earlier phase, as the same kind of copy?"""
    return last[3][0] is carried[3][0] and last[4] == carried[4]


def _passage(
    document: Document, text: copies.PhaseText, passage: list[_Carried], settings: _Settings
) -> Iterator[Finding]:
    """One finding for consecutive sentences of ``text`` carried over from one earlier phase."""
    kind, source_phase = passage[0][4], passage[0][3][0]
    severity, _ = _severity(settings, kind, " ".join(p.text[s.start : s.end] for p, s, *_ in passage))
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


def _best_sentence(item: _Sentence, earlier: list[_Sentence], settings: _Settings) -> tuple[float, _Sentence] | None:
    """The earlier sentence ``item`` best copies (for a plan, an earlier plan's first), with its score: one pass
    keeps two bests (the best earlier plan's, the best of all); a candidate sharing no shingle costs one C call."""
    text, _, sentence, grams = item
    plan = text.phase.kind == _PLAN
    best: tuple[float, _Sentence] | None = None
    best_plan: tuple[float, _Sentence] | None = None
    for candidate in earlier:
        other = candidate[2]
        if grams.isdisjoint(candidate[3]) or candidate[0].key == text.key or copies.overlap(grams, candidate[3]) < 0.2:
            continue
        if other.canonical == sentence.canonical:
            score = 100.0
        else:
            score = copies.similarity(sentence.canonical, other.canonical, settings.sentence)
        if score < settings.sentence:
            continue
        if best is None or score > best[0]:
            best = (score, candidate)
        if plan and candidate[0].phase.kind == _PLAN and (best_plan is None or score > best_plan[0]):
            best_plan = (score, candidate)
    return best_plan or best


KIND = CheckKind(
    name="year-copy",
    summary="a phase repeating (verbatim, nearly, or one long sentence) another period of its entry",
    check=check,
    options=OPTIONS,
    message_fields=frozenset(
        {"phase", "earlier", "kind", "score", "words", "sentences", "how", "entry", "times", "repeats"}
    ),
    summary_role="copied",
    answer_text=True,
)
