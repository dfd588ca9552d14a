"""A run's findings put in the report's order a document at a time (lint.findings_order), and cut
into report pieces a run of one group at a time (Chosen.segments): the same order as a stable sort,
the same pieces and keys as reading them one finding at a time."""

from __future__ import annotations

import hashlib
import pickle
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.findings import Chosen, Findings, group_code
from lint.model import Diagnostic, Related, Severity, Span
from lint.pieces import cut

_PATHS = ("a.txt", "b.txt", "c.txt")
_RULES = ("placeholder", "year-copy", "entry-copy")

_finding = st.tuples(
    st.integers(0, 6),  # start
    st.integers(0, 3),  # length
    st.sampled_from(_RULES),
    st.sampled_from(("one", "two")),  # message
    st.sampled_from((None, *_PATHS)),  # a related place's document
)


def _made(path, found):
    findings = Findings(path)
    for start, length, rule, message, related in found:
        places = (Related(related, Span(start, start + 1), "there"),) if related else ()
        findings.add(Span(start, start + length), rule, Severity.INFO, message, related=places)
    return findings


@st.composite
def _chosen(draw):
    """Some documents' findings and a corpus rule's (a list), all of them or some, in any order."""
    paths = draw(st.lists(st.sampled_from(_PATHS), unique=True, max_size=3))
    groups = [_made(path, draw(st.lists(_finding, max_size=8))) for path in sorted(paths)]
    corpus = [
        Diagnostic(path, Span(start, start + length), rule, Severity.WARNING, message)
        for path, (start, length, rule, message, _) in draw(st.lists(st.tuples(st.sampled_from(_PATHS), _finding)))
    ]
    groups.append(corpus)
    if draw(st.booleans()):  # as a cached document's: with the order worked out when it was pickled
        groups = pickle.loads(pickle.dumps(groups))
    if draw(st.booleans()):
        return Chosen.every(groups)
    pairs = [(w, i) for w, group in enumerate(groups) for i in range(len(group))]
    flags = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    kept = [pair for pair, keep in zip(pairs, flags, strict=True) if keep]
    if draw(st.booleans()):
        kept = draw(st.permutations(kept))
    which, index = array(group_code(len(groups))), array("i")
    for w, i in kept:
        which.append(w)
        index.append(i)
    return Chosen(groups, which, index)


@settings(max_examples=300, deadline=None)
@given(_chosen())
def test_sorted_is_a_stable_sort_by_path_and_position(chosen):
    assert list(chosen.sorted()) == sorted(chosen, key=Diagnostic.sort_key)


@settings(max_examples=300, deadline=None)
@given(st.lists(_finding, max_size=12))
def test_findings_know_whether_they_are_in_order(found):
    findings = _made("a.txt", found)
    keys = [findings.key(i) for i in range(len(findings))]
    assert findings.in_order() == (keys == sorted(keys))
    findings.add(Span(0, 0), "placeholder", Severity.INFO, "first")  # asked again after an addition
    keys.append(findings.key(len(keys)))
    assert findings.in_order() == (keys == sorted(keys))


def _cut_one_at_a_time(diagnostics, contents):
    """:func:`lint.pieces.cut` as it read each finding (main 996dad4; the key as :func:`_key` makes it)."""
    runs, path, start, members, related, at = [], None, 0, [], set(), -1
    for at, (group, i) in enumerate(diagnostics.origins()):
        if isinstance(group, Findings):
            where, member, places = group.path, i, group.related().get(i, ())
        else:
            found = group[i]
            where, member, places = found.path, repr(found), found.related
        if where != path:
            if path is not None:
                runs.append((_key(path, members, related, contents), start, at))
            path, start, members, related = where, at, [], set()
        members.append(member)
        related.update(place.path for place in places)
    if path is not None:
        runs.append((_key(path, members, related, contents), start, at + 1))
    return runs


def _key(path, members, related, contents):
    """A piece's key from its members one at a time: an own finding's index, another's repr."""
    texts = [(other, contents.get(other, "-")) for other in sorted(related)]
    key = hashlib.blake2b(repr((path, contents[path], texts)).encode("utf-8", "surrogatepass"), digest_size=16)
    for member in members:
        if isinstance(member, int):
            key.update(member.to_bytes(8, "little", signed=True))
        else:
            described = member.encode("utf-8", "surrogatepass")
            key.update((-1).to_bytes(8, "little", signed=True) + len(described).to_bytes(8, "little") + described)
    return key.digest()


@settings(max_examples=300, deadline=None)
@given(_chosen(), st.booleans())
def test_cut_by_runs_is_cut_one_finding_at_a_time(chosen, fold):
    contents = {"a.txt": "1", "b.txt": "2", "c.txt": "3"}
    diagnostics = chosen.sorted()
    if fold and len(diagnostics):  # a Chosen among the groups, as the folding of republished answers makes
        folded = [Diagnostic("c.txt", Span(9, 9), "placeholder", Severity.ERROR, "folded")]
        which = array("B", [0] * len(diagnostics) + [1])
        diagnostics = Chosen([diagnostics, folded], which, array("i", [*range(len(diagnostics)), 0]))
    assert cut(diagnostics, contents) == _cut_one_at_a_time(diagnostics, contents)


def test_a_cached_documents_findings_are_sorted_without_a_key_each(monkeypatch):
    found = _made("a.txt", [(5, 1, "year-copy", "one", None), (1, 1, "placeholder", "one", None)])
    found.add(Span(3, 4), "placeholder", Severity.INFO, "two")
    corpus = [Diagnostic("b.txt", Span(0, 1), "entry-copy", Severity.INFO, "copied")]
    expected = sorted([*found, *corpus], key=Diagnostic.sort_key)
    again = pickle.loads(pickle.dumps(found))
    monkeypatch.setattr(Findings, "key", lambda self, i: pytest.fail("a key made"))
    assert list(again.order()) == [1, 2, 0]
    assert list(Chosen.every([again, corpus]).sorted()) == expected
    suppressed = Chosen([again, corpus], array("B", [0, 0, 1]), array("i", [0, 1, 0]))  # finding 2 left out
    assert list(suppressed.sorted()) == [d for d in expected if d.message != "two"]
