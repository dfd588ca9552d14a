"""A pickled Findings keeps its rarer fields (fix, fingerprint text) packed until a finding is made.

A warm run unpickles every unchanged document's findings from the result cache but makes few
of them into Diagnostic objects (their report pieces are kept): only the related places' paths
are read for all of them (a piece's key, :func:`lint.pieces.cut`).
"""

from __future__ import annotations

import pickle

from lint.findings import Findings
from lint.model import Diagnostic, Edit, Fix, Related, Severity, Span

MADE = [
    Diagnostic("a.md", Span(0, 3), "placeholder", Severity.ERROR, "m", "Org", "2017"),
    Diagnostic("a.md", Span(4, 9), "spelling", Severity.INFO, "n", fingerprint_text="teh"),
    Diagnostic(
        "a.md",
        Span(5, 7),
        "placeholder",
        Severity.WARNING,
        "m",
        related=(Related("b.md", Span(1, 2), "there"),),
        fix=Fix("drop it", (Edit(Span(5, 7), ""),)),
    ),
]


def _findings() -> Findings:
    findings = Findings("a.md")
    for diagnostic in MADE:
        findings.append(diagnostic)
    return findings


def _packed(findings: Findings) -> bool:
    return isinstance(findings._extras, tuple)


def test_related_paths_are_read_without_unpacking_the_rest():
    again = pickle.loads(pickle.dumps(_findings()))
    assert _packed(again)
    assert again.related_paths() == {2: ("b.md",)} == _findings().related_paths()
    assert _packed(again)  # still: a report's pieces are keyed by the related places' paths alone
    assert again.related() == {2: MADE[2].related} == _findings().related()
    assert list(again) == MADE
    assert not _packed(again)


def test_a_packed_findings_pickles_and_grows_as_one_that_was_never_pickled():
    again = pickle.loads(pickle.dumps(_findings()))
    twice = pickle.loads(pickle.dumps(again))  # pickled again while still packed
    assert list(twice) == MADE and twice.related() == {2: MADE[2].related} and twice.related_paths() == {2: ("b.md",)}
    twice.append(MADE[1])  # a finding added to a packed one unpacks it first: none is lost
    assert list(twice) == [*MADE, MADE[1]]
    assert twice[1].fingerprint_text == "teh" and twice[2].fix == MADE[2].fix


def test_findings_without_rarer_fields_round_trip():
    plain = Findings("a.md")
    plain.append(MADE[0])
    again = pickle.loads(pickle.dumps(plain))
    assert again.related() == {} and list(again) == [MADE[0]]


def test_an_unpickled_findings_takes_more_findings_of_its_own_and_new_rules():
    """Its rule names' index is made when first added to (an unpickled result seldom is)."""
    findings = pickle.loads(pickle.dumps(_findings()))
    more = [
        Diagnostic("a.md", Span(9, 10), "spelling", Severity.INFO, "o"),
        Diagnostic("a.md", Span(10, 11), "year-copy", Severity.WARNING, "p"),
        Diagnostic("a.md", Span(11, 12), "placeholder", Severity.ERROR, "m", "Org", "2017"),
    ]
    for diagnostic in more:
        findings.append(diagnostic)
    assert list(findings) == MADE + more
    assert findings._rules == ["placeholder", "spelling", "year-copy"]
