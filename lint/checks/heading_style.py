"""Check kind ``heading-style``: a phase heading spelt differently from its canonical text.

A recognised heading ("Planned Activities in 2015") whose text differs from the
canonical heading for its phase ("Planned activities in 2015") is reported with a
fix that writes the canonical text. With ``reference = "document"`` (the default)
the text to write is the document's own house style when it has one (two or more
headings of that phase agree, and outnumber any other spelling), else
:attr:`Phase.canonical`. So is a heading the reader could not place
that is a near spelling of a phase the document uses ("Planed activites in 2015").
No fix is offered when the heading names a different date than the canonical text
(a month or a number that the canonical text does not have), since rewriting it
would change what it says.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from lint import regexcache
from lint.checks.api import CheckKind, Context, Finding
from lint.checks.phase_names import known, labels, variant_of
from lint.model import Document, Edit, Fix, Phase, Span
from lint.options import Option

OPTIONS = (
    Option(
        "reference",
        "str",
        "document",
        "what a heading should read: 'document' (the spelling most of the document's headings for that "
        "phase use, when two or more agree; else the canonical text) or 'canonical' (always the canonical text)",
        choices=("document", "canonical"),
    ),
    Option(
        "case-only",
        "bool",
        False,
        "report only headings that differ from the canonical text in letter case and spacing",
    ),
    Option(
        "variants",
        "bool",
        True,
        "also report unrecognised headings that are near spellings of a phase the document uses",
    ),
)

_DATE_WORDS = regexcache.compile(
    r"\d+|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)
_SPACE = regexcache.compile(r"\s+")


def _dates(text: str) -> list[str]:
    found = (m.group(0).lower() for m in _DATE_WORDS.finditer(text))
    return sorted(word if word.isdigit() else word[:3] for word in found)


def _finding(phase: Phase, span: Span, canonical: str, heading: str) -> Finding:
    fix = None
    if _dates(heading) == _dates(canonical):
        fix = Fix(f"write the heading as {canonical!r}", (Edit(span, canonical),))
    note = "" if fix else " (not fixed automatically: the dates differ, check which is right)"
    return Finding(
        span=span,
        args={"heading": heading, "canonical": canonical, "note": note},
        fix=fix,
        fingerprint=f"{heading}|{canonical}",
    )


def _house_style(document: Document) -> dict[str, str]:
    """Per phase key, the heading most of the document uses for it, when at least two agree."""
    counts: dict[str, Counter[str]] = {}
    for phase in known(document.phases):
        if phase.heading:
            counts.setdefault(phase.key, Counter())[phase.heading] += 1
    style: dict[str, str] = {}
    for key, counter in counts.items():
        ranked = counter.most_common(2)
        if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            style[key] = ranked[0][0]
    return style


def check(document: Document, context: Context) -> Iterator[Finding]:
    reference: str = context["reference"]
    house = _house_style(document) if reference == "document" else {}
    case_only: bool = context["case-only"]
    names = labels(document) if context["variants"] else {}
    for entry in document.entries:
        have = {p.key for p in known(entry.phases)}
        for phase in entry.phases:
            if phase.heading is None or phase.heading_span is None:
                continue
            if phase.kind == "other":
                missing = {k: v for k, v in names.items() if k not in have}
                key = variant_of(phase.heading, missing) if missing else None
                if key is None or case_only:
                    continue
                yield _finding(phase, phase.heading_span, missing[key], phase.heading)
                continue
            canonical = house.get(phase.key, phase.canonical)
            if not canonical or phase.heading == canonical:
                continue
            if case_only and _SPACE.sub(" ", phase.heading).strip().lower() != canonical.lower():
                continue
            yield _finding(phase, phase.heading_span, canonical, phase.heading)


KIND = CheckKind(
    name="heading-style",
    summary="phase headings that differ from the canonical wording",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"heading", "canonical", "note"}),
)
