"""A case-insensitive pattern folded (lint.checks.casefold) matches an ASCII text lowered where and as the original
matches the text; placeholder's shapes, folded, say what they said of every short paragraph."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.checks import casefold, phrases

ROOT = Path(__file__).resolve().parent.parent
_OPTIONS = tomllib.loads((ROOT / "rules" / "placeholder.toml").read_text(encoding="utf-8"))["options"]

# pieces of patterns: literals in both cases, the letters re folds with non-ASCII ones (k: the Kelvin
# sign, s: the long s), classes, ranges into punctuation ([Z-a] holds [ \ ] ^ _ `), anchors, look-arounds
_PIECES = [
    "a",
    "B",
    "k",
    "K",
    "s",
    "S",
    "\u212a",
    "\u017f",
    "i",
    "\u0130",
    "x",
    r"\.",
    "-",
    " ",
    "’",
    "[a-c]",
    "[^b]",
    "[Z-a]",
    "[^A-Z]",
    r"[\w’]",
    r"[\s,]",
    "[sK]",
    r"\w",
    r"\W",
    r"\s",
    r"\S",
    r"\d",
    ".",
    r"\b",
    r"\B",
    "^",
    "$",
    "(?i:b)",
    "[^\u212a]",
    r"[^\W\d]",
]
_TEXT = "abcksxyzABCKSXYZ_ -.,’\n1\u212a\u017f\u0130"


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    def sequence(depth: int) -> str:
        out = []
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.integers(0, 9 if depth < 2 else 5))
            if kind <= 5:
                out.append(draw(st.sampled_from(_PIECES)))
            elif kind == 6:
                out.append(f"(?:{sequence(depth + 1)}){draw(st.sampled_from(['*', '+', '?', '*?', '{1,2}', '{2}']))}")
            elif kind == 7:
                out.append(f"(?:{sequence(depth + 1)}|{sequence(depth + 1)})")
            elif kind == 8:
                out.append(f"(?{draw(st.sampled_from(['=', '!']))}{sequence(depth + 1)})")
            else:
                out.append(f"(?{draw(st.sampled_from(['<=', '<!']))}{draw(st.sampled_from(_PIECES[:20]))})")
        return "".join(out)

    return sequence(0)


def _same(pattern: str, text: str) -> None:
    original = re.compile(pattern, re.IGNORECASE)
    written = casefold.folded(pattern, re.IGNORECASE)
    assert written, pattern
    folded = re.compile(written, casefold.folded_flags(original.flags))
    ascii_text = text.encode("ascii", "ignore").decode()
    lowered = ascii_text.lower()
    assert [m.span() for m in folded.finditer(lowered)] == [m.span() for m in original.finditer(ascii_text)]
    for start in range(len(ascii_text) + 1):
        found, expected = folded.match(lowered, start), original.match(ascii_text, start)
        assert (found and found.span()) == (expected and expected.span()), (pattern, ascii_text, start)


@given(_patterns(), st.text(alphabet=_TEXT, max_size=24))
@settings(max_examples=500, deadline=None)
@example("k\u017f", "KS ks")  # re folds k with the Kelvin sign and s with the long s: neither is ASCII
@example("[Z-a]", "z_Z^")  # a range that holds capitals and punctuation: folded as re folds it
@example("(?<=[^\u212a])s", "ks Ks xs")  # a look-behind keeps its width
@example("\u0130", "i I")  # the dotted capital I matches no ASCII letter
def test_a_folded_pattern_matches_a_lowered_ascii_text_where_the_original_matches_it(pattern, text):
    _same(pattern, text)


def test_a_pattern_that_case_matters_to_or_that_is_matched_in_one_case_is_not_folded():
    assert casefold.folded(r"(?-i:TODO)|todo", re.IGNORECASE) == ""  # part of it case-sensitive
    assert casefold.folded(r"(a)\1", re.IGNORECASE) == ""  # a group reference compares as written
    assert casefold.folded("todo", 0) == ""  # not case-insensitive: nothing to fold
    assert casefold.folded("[A-Z]+x", re.IGNORECASE) == r"(?:[abcdefghijklmnopqrstuvwxyz]){1,}x"


_WORDS = (
    "please add update the figures here to be confirmed TBC awaiting DWP sign-off still to do Need needs updating "
    "Any update? describe your progress max 50 words, - – : Status: Draft. we'll add detail once we have it Comms "
    "are drafting this ?? [insert date] and X \u0130nsert \u017ftill"
)
_SHORT_TEXT = st.lists(st.sampled_from(_WORDS.split(" ")), max_size=12).map(" ".join)


@given(_SHORT_TEXT)
@settings(max_examples=500, deadline=None)
@example("Status: TBC")
@example("Text from last year – needs refreshing")
@example("Please provide an update")
def test_placeholders_shapes_folded_say_what_they_said_of_a_short_paragraph(text):
    values = (
        tuple(_OPTIONS["whole"]),
        tuple(_OPTIONS["anywhere"]),
        tuple(_OPTIONS["short"]),
        tuple(_OPTIONS["terms"].items()),
        _OPTIONS["short-words"],
        0,
        _OPTIONS["label"],
        True,
    )
    shapes = phrases._shapes(values)
    assert shapes.folded is not None  # the built-in shapes are all folded
    plain = shapes._replace(folded=None)
    core = text.strip(phrases._TRIM) or text.strip()
    assert phrases._unfinished(core, shapes) == phrases._unfinished(core, plain), core
