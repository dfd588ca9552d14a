"""The needles of a regex (lint.checks.needles): a text they rule out holds no match, and they rule out most prose."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.checks import needles, phrases

ROOT = Path(__file__).resolve().parent.parent
RULE = tomllib.loads((ROOT / "rules" / "placeholder.toml").read_text(encoding="utf-8"))
_ANYWHERE = "|".join(f"(?:{p})" for p in phrases._expanded(RULE["options"], "anywhere"))
_PIECES = [
    *("[", "]", "<", ">", "{{", "}}", "<<", ">>", "(", ")", "?", "%", "£", " ", "\n"),
    *("insert", "INSERT", "İnsert", "TODO", "todo", "X", "xx", "lorem ipsum", "LOREM IPSUM", "to be confirmed"),
    *("TBC", "Delete as appropriate", "note to editor", "use this space to", "name", "é", "ſ", "ı", "K", "to add"),
    *("DWP", "something", "Something", "ﬆ"),
]


def _tests(pattern: str, flags: int) -> needles.Tests | None:
    return needles.decode(needles.encode(pattern, flags))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=14).map("".join))
def test_a_text_the_needles_rule_out_holds_no_match(text):
    for flags in (re.IGNORECASE, 0):
        tests = _tests(_ANYWHERE, flags)
        assert tests is not None
        if re.search(_ANYWHERE, text, flags) is not None:
            assert needles.may_match(tests, text), text


def test_needles_rule_out_prose_and_keep_each_kind_of_match():
    tests = _tests(_ANYWHERE, re.IGNORECASE)
    assert tests is not None
    prose = "The department will publish its plans in March; this work continues with other teams."
    assert not needles.may_match(tests, prose)
    for text in ("[Insert date]", "lorem IPSUM dolor", "a TODO here", "{{ date }}", "Delete as appropriate"):
        assert needles.may_match(tests, f"Some text. {text} more."), text
    assert not needles.may_match(tests, "a todo here")  # TODO is matched in capitals only
    assert needles.may_match(tests, "[İNSERT date]")  # str.lower and re's case folding differ: no test


def test_what_cannot_be_bounded_gives_no_test():
    for anything in (r"\w+", r"a?", r"[^x]", r".", r"(a?)\1", r"lorem|\d+"):
        assert needles.encode(anything) == "", anything
    (clauses,) = needles.needles(r"\bdelete\s+as\s+(?:appropriate|applicable)", re.I) or [[]]
    # (re's parser takes the branches' common start out of them: "app", then "ropriate" or "licable")
    assert set(clauses) == {
        frozenset({("delete", True)}),
        frozenset({("as", True)}),
        frozenset({("app", True)}),
        frozenset({("ropriate", True), ("licable", True)}),
    }


def _may_match_by_sets(tests: needles.Tests, text: str) -> bool:
    """may_match as it was: every first clause's needle tried and the hits kept in a set, then the groups."""
    written, written_needles, folded, folded_needles, groups, _, _ = tests
    hits = {needle for n, needle in zip(written, written_needles, strict=True) if n in text}
    lowered = text.lower()
    if folded:
        if not text.isascii() and (len(lowered) != len(text) or "ı" in text or "ſ" in text):
            return True
        hits |= {needle for n, needle in zip(folded, folded_needles, strict=True) if n in lowered}
    return any(
        not hits.isdisjoint(first)
        and any(all(any(n in (lowered if fold else text) for n, fold in clause) for clause in rest) for rest in rests)
        for first, rests in groups
    )


def test_the_fewest_needles_are_those_that_hold_no_other():
    assert needles._fewest(("<", "<<", "FIXME", "TODO", "X", "XX")) == ("<", "TODO", "X")
    tests = _tests(_ANYWHERE, re.IGNORECASE)
    assert tests is not None
    assert set(tests[5]) < set(tests[0])  # "<<" and "{{" go: "<" and "{" rule them out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=14).map("".join))
@example("<< X {{")
def test_may_match_says_what_it_said_when_every_needle_was_tried(text):
    for flags in (re.IGNORECASE, 0):
        tests = _tests(_ANYWHERE, flags)
        assert tests is not None
        assert needles.may_match(tests, text) == _may_match_by_sets(tests, text), text
