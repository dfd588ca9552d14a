"""Check kind ``phase-order``: an entry whose phases are out of chronological order.

Phases run commitment, then progress and plans year by year (:attr:`Phase.order`:
plans for year Y come after progress in Y-1). A phase that comes after a later one
is reported on its heading, naming the phase it follows. Headings the reader could
not place (kind ``other``) are left out; so are repeated phases (same key), which
are a different problem.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.api import CheckKind, Context, Finding
from lint.checks.phase_names import known, phase_name
from lint.model import Document, Phase, Span
from lint.options import Option

OPTIONS = (
    Option(
        "order",
        "str",
        "auto",
        "'oldest-first', 'newest-first', or 'auto': each entry in the direction its first and last phases take",
        choices=("auto", "oldest-first", "newest-first"),
    ),
    Option("newest-first", "bool", False, "the same as order = 'newest-first' (kept for older configs)"),
)


def _span(phase: Phase) -> Span:
    if phase.heading_span is not None:
        return phase.heading_span
    return Span(phase.span.start, phase.span.start + min(phase.span.length, 200))


def check(document: Document, context: Context) -> Iterator[Finding]:
    order: str = "newest-first" if context["newest-first"] else context["order"]
    for entry in document.entries:
        phases = known(entry.phases)
        if order == "auto":  # an entry that lists its periods newest first is not out of order
            newest_first = len(phases) > 1 and phases[0].order > phases[-1].order
        else:
            newest_first = order == "newest-first"
        direction = "newest to oldest" if newest_first else "oldest to newest"
        latest: Phase | None = None
        for phase in phases:
            if latest is not None and phase.order != latest.order:
                out_of_order = phase.order > latest.order if newest_first else phase.order < latest.order
                if out_of_order:
                    yield Finding(
                        span=_span(phase),
                        args={
                            "phase": phase_name(phase),
                            "after": phase_name(latest),
                            "entry": entry.name,
                            "direction": direction,
                        },
                        entry=entry.name,
                        phase=phase.key,
                        fingerprint=f"{entry.key}|{phase.key}|{latest.key}",
                    )
                    continue
            if latest is None or (phase.order < latest.order if newest_first else phase.order > latest.order):
                latest = phase


KIND = CheckKind(
    name="phase-order",
    summary="phases out of chronological order",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"phase", "after", "entry", "direction"}),
)
