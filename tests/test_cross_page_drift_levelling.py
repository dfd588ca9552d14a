"""cross-page-drift levels a phase's text paragraph by paragraph, taking a paragraph already levelled as it is
(:func:`lint.checks.cross_page_drift._levelled`): the answer must be the phase's whole text levelled at once,
its words (runs of non-space) one space apart, for any white space, quote marks, dashes and case."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from lint.checks import cross_page_drift

_SPACES = ["\t", "\n", "\r", "\x0b", "\x1c", "\xa0", "\u2003", "\u2028"]
_CHARS = st.sampled_from([*"ab Σσz.'", *_SPACES, "’", "“", "—", "–"])
_TEXTS = st.lists(st.text(_CHARS, max_size=12), max_size=5)


def _at_once(texts: list[str], ignore_case: bool) -> str:
    """The phase's text (its paragraphs one a line), levelled as a whole: what the rule did."""
    text = "\n".join(texts)
    for char, replacement in cross_page_drift._LEVEL:
        text = text.replace(char, replacement)
    words = text.split()
    return " ".join([w.lower() for w in words] if ignore_case else words)


@given(_TEXTS, st.booleans())
def test_a_phase_is_levelled_paragraph_by_paragraph_as_it_was_whole(texts, ignore_case):
    phase = SimpleNamespace(paragraphs=[SimpleNamespace(text=t) for t in texts])
    assert cross_page_drift._levelled(phase, ignore_case) == _at_once(texts, ignore_case)
