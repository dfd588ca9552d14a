"""Names of phases shared by the structure checks: keys, labels and heading variants.

A phase's *key* is ``"kind year"`` (``"progress 2013"``); its *label* is the
heading a reader would expect for it (the heading the document mostly uses for
that key, else one derived from the kind). A heading the reader could not
place (kind ``other``) that is a near spelling of a label is a *variant* of that
phase, so that ``missing-phase`` does not call it missing and ``heading-style``
offers the canonical text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from lint import regexcache
from lint.model import PHASE_KINDS, Document, Phase
from lint.readers.phases import ReaderOptions, match_heading

KIND_LABELS: Mapping[str, str] = {
    "commitment": "Commitment {year}",
    "progress": "Progress during {year}",
    "plan": "Planned activities in {year}",
}

_KEY = regexcache.compile(r"^\s*(?P<kind>[a-z]+)\s+(?P<year>\d{4})\s*$", re.IGNORECASE)
_SPACE = regexcache.compile(r"\s+")


def parse_key(text: str) -> tuple[str, int] | None:
    """``(kind, year)`` for ``"progress 2013"`` or a heading such as ``"Progress during 2013"``."""
    m = _KEY.match(text)
    if m and m.group("kind").lower() in PHASE_KINDS:
        return m.group("kind").lower(), int(m.group("year"))
    heading = match_heading(text, ReaderOptions())
    if heading is not None:
        return heading.kind, heading.year
    return None


def known(phases: Iterable[Phase]) -> list[Phase]:
    """The phases whose kind and year the reader recognised."""
    return [p for p in phases if p.kind != "other" and p.year is not None]


def labels(document: Document) -> dict[str, str]:
    """The heading text each phase key has in ``document``: the spelling most of its headings
    use (the canonical text breaks a tie), else the canonical text."""
    seen: dict[str, dict[str, int]] = {}
    canonical: dict[str, str] = {}
    for phase in known(document.phases):
        if phase.canonical:
            canonical.setdefault(phase.key, phase.canonical)
        text = phase.heading or phase.canonical
        if text:
            counts = seen.setdefault(phase.key, {})
            counts[text] = counts.get(text, 0) + 1
    return {key: max(counts, key=lambda t: (counts[t], t == canonical.get(key), t)) for key, counts in seen.items()}


def label_for(kind: str, year: int, document_labels: Mapping[str, str]) -> str:
    """The heading a phase ``kind year`` should have in a document with ``document_labels``."""
    key = f"{kind} {year}"
    if key in document_labels:
        return document_labels[key]
    for other_key, text in sorted(document_labels.items()):
        other = parse_key(other_key)
        if other and other[0] == kind and text.count(str(other[1])) == 1:
            return text.replace(str(other[1]), str(year))
    return KIND_LABELS.get(kind, "{kind} {year}").format(kind=kind, year=year)


def phase_name(phase: Phase) -> str:
    """How a message names a phase that is present: its heading as written, else its key."""
    return phase.heading or phase.canonical or phase.key


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def variant_of(heading: str, candidates: Mapping[str, str], threshold: float = 0.8) -> str | None:
    """The key whose label ``heading`` misspells (same year, similar words), or None."""
    from difflib import SequenceMatcher

    folded = _fold(heading)
    best: tuple[float, str] | None = None
    for key, label in candidates.items():
        parsed = parse_key(key)
        if parsed is None or str(parsed[1]) not in folded:
            continue
        ratio = SequenceMatcher(None, folded, _fold(label)).ratio()
        if ratio >= threshold and (best is None or ratio > best[0]):
            best = (ratio, key)
    return best[1] if best else None
