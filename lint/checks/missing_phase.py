"""Check kind ``missing-phase``: an entry that lacks a phase the document expects.

The expected phases are those listed in the ``phases`` option, or else those the
document's other entries have (a phase counts once at least ``min-share`` of the
entries have it; the default 0 takes the union). Headings the reader could not
place (kind ``other``) that are near spellings of an expected phase count as that
phase: ``heading-style`` reports them instead. Each finding is on the entry's name
and says where the phase belongs.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.api import CheckKind, Context, Finding
from lint.checks.phase_names import known, label_for, labels, parse_key, phase_name, variant_of
from lint.model import PER_ACTION, Document, Entry, phase_order
from lint.options import Option


def _phase_keys(listed: list[str]) -> str | None:
    for text in listed:
        if parse_key(text) is None:
            return f"cannot read {text!r} as a phase (write 'commitment 2012', 'progress 2013' or 'plan 2014')"
    return None


OPTIONS = (
    Option(
        "phases",
        "list[str]",
        [],
        "phases every entry must have, as keys ('progress 2013') or headings ('Progress during 2013'); "
        "empty: the phases the document's entries have",
        validate=_phase_keys,
    ),
    Option(
        "min-share",
        "float",
        0.0,
        "with no `phases` list: expect a phase once this share of the entries (0 to 1) have it; "
        "0 expects every phase any entry has",
        min=0,
        max=1,
    ),
)


def _expected(document: Document, context: Context) -> list[tuple[str, int]]:
    listed: list[str] = context["phases"]
    if listed:
        parsed = [found for found in map(parse_key, listed) if found is not None]  # all readable: checked at load
        return sorted(set(parsed), key=lambda kp: phase_order(*kp))
    share: float = context["min-share"]
    counts: dict[tuple[str, int], int] = {}
    for entry in document.entries:
        for kp in {(p.kind, p.year) for p in known(entry.phases) if p.year is not None}:
            counts[kp] = counts.get(kp, 0) + 1
    total = len(document.entries)
    chosen = [kp for kp, n in counts.items() if n >= 1 and n >= share * total]
    return sorted(chosen, key=lambda kp: phase_order(*kp))


def _where(entry: Entry, kind: str, year: int) -> str:
    order = phase_order(kind, year)
    present = sorted(known(entry.phases), key=lambda p: p.order)
    before = [p for p in present if p.order < order]
    if before:
        return f"after {phase_name(before[-1])!r}"
    after = [p for p in present if p.order > order]
    if after:
        return f"before {phase_name(after[0])!r}"
    return "as its first phase"


def check(document: Document, context: Context) -> Iterator[Finding]:
    expected = _expected(document, context)
    if not expected:
        return
    names = labels(document)
    for entry in document.entries:
        # a period within a year ("progress Q3 2016") answers for its kind and year
        have = {p.key for p in known(entry.phases)} | {f"{p.kind} {p.year}" for p in known(entry.phases)}
        others = [p.heading for p in entry.phases if p.kind == "other" and p.heading]
        # an action added later (Actions 15 and 16 of the Government Digital Strategy) starts later:
        # on a page of actions, an entry owes no phase from before its first one
        first = min((p.order for p in known(entry.phases)), default=None) if document.layout != PER_ACTION else None
        for kind, year in expected:
            key = f"{kind} {year}"
            if key in have or (first is not None and phase_order(kind, year) < first):
                continue
            label = label_for(kind, year, names)
            if any(variant_of(heading, {key: label}) for heading in others):
                continue
            where = _where(entry, kind, year)
            yield Finding(
                span=entry.name_span,
                args={"entry": entry.name, "phase": label, "key": key, "where": where},
                entry=entry.name,
                phase=key,
                fingerprint=f"{entry.key}|{key}",
            )


KIND = CheckKind(
    name="missing-phase",
    summary="an entry without a phase its document's other entries have",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"entry", "phase", "key", "where"}),
    summary_role="missing-phase",
)
