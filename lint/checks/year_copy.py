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

Here: the whole copies and their grouping; the options and the judgements both kinds
share are in :mod:`lint.checks.year_copy_options`, the partial copies in
:mod:`lint.checks.year_copy_partial`.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks import copies, year_copy_partial
from lint.checks.api import CheckKind, Context, Finding
from lint.checks.year_copy_options import OPTIONS, PLAN, Settings, continues, severity_of
from lint.model import Document, Entry, Related

_RANK = {"verbatim": 0, "near": 1}
_HOW = {"verbatim": "repeats, word for word, the text of", "near": "nearly repeats the text of"}


def check(document: Document, context: Context) -> Iterator[Finding]:
    settings = Settings(context)
    for entry in document.entries:
        yield from _entry(document, entry, settings)


def _entry(document: Document, entry: Entry, settings: Settings) -> Iterator[Finding]:
    names = copies.Names.of(entry)
    texts = [
        t
        for t in (copies.phase_text(entry, p, names) for p in copies.chronological(entry.phases))
        if t is not None and t.words >= settings.min_words
    ]
    if len(texts) < 2:
        return
    continued: set[int] = set()  # plans that are whole continuations
    sharing: set[int] = set()  # phases sharing a word 3-gram with an earlier one (only they may carry one over)
    # phases that are whole copies, by index: their matches (rank, score, earlier index)
    copied: dict[int, list[tuple[int, float, int]]] = {}
    shingles = [t.grams for t in texts]
    for i, later in enumerate(texts):
        matches: list[tuple[int, float, int]] = []
        for j in range(i):
            earlier = texts[j]
            if shingles[i].isdisjoint(shingles[j]):
                continue  # no word 3-gram in common: not the same text, not nearly
            sharing.add(i)
            if earlier.key == later.key:
                continue
            if later.canonical != earlier.canonical:
                if copies.overlap(shingles[i], shingles[j]) < 0.2:
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
        if later.phase.kind == PLAN:  # an earlier plan repeated is the copy to report, whatever else matches
            matches = [m for m in matches if texts[m[2]].phase.kind == PLAN] or matches
        matches.sort(key=lambda m: (m[0], -m[1], -texts[m[2]].span.start))
        if continues(later, [texts[m[2]] for m in matches]) and not copies.is_exempt(settings.exempt, later.text):
            yield from _continuation(document, entry, texts, i, matches[0], settings)
            continued.add(i)  # (its sentences may still repeat an earlier plan: a partial copy)
        else:
            copied[i] = matches
    yield from _grouped(document, entry, texts, copied, settings)
    yield from year_copy_partial.partials(document, texts, sharing.difference(copied), continued, settings)


def _continuation(
    document: Document,
    entry: Entry,
    texts: list[copies.PhaseText],
    i: int,
    match: tuple[int, float, int],
    settings: Settings,
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
    settings: Settings,
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
            severity_of(settings, "verbatim" if copied[i][0][0] == 0 else "near", texts[i].text)
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
