"""A paragraph levelled with its sentences in one pass is levelled exactly as when it is levelled alone.

entry-copy's summaries hold both (and the result cache digests them), so the one pass
(:func:`lint.checks.levelling.sentences_and_whole`) must give the same canonical texts, word
counts and shingle arrays, byte for byte and in the same order, as the paragraph and each
sentence levelled on their own: the reference below is how ``copies`` made them before.
"""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks import copies, levelling
from lint.checks.levelling import canonical, marked
from lint.checks.plaintext import BREAK
from lint.checks.sentences import split
from lint.checks.shingles import grams, grams_in_parts

NAMES = [
    copies.NO_NAMES,
    copies.Names("Marine Licensing Agency", frozenset({"MLA", "MLA's"})),
    copies.Names("Yahoo! Group", frozenset({"YG"})),  # a name that holds a sentence's end
    copies.Names("Agency", frozenset()),
]
WORDS = [
    "The",
    "the",
    "Marine",
    "Licensing",
    "Agency",
    "MLA",
    "MLA's",
    "(MLA)",
    "Dept.",
    "for",
    "Things",
    "will",
    "continue",
    "to",
    "work",
    "with",
    "other",
    "departments",
    "2012",
    "3",
    "4.5",
    "£2m",
    "e.g.",
    "Mr.",
    "J.",
    "Smith",
    "“quoted”",
    "‘single’",
    "it's",
    "plans",
    "www.example.org/x.",
    "https://gov.uk.",
    "…",
    "–",
    "\u00a0",
    "(see",
    "this)",
    "GDS",
    "Government",
    "Digital",
    "Service",
    "(GDS)",
    BREAK,
    "Qzqorgqzq",
    "ﬁne",
    "（full）",
    "Yahoo!",
    "Group",
    "YG",
    "\x85",
]
ENDS = [". ", "! ", "? ", ".\n", ".\u00a0", ".” ", ".) ", "… ", " ", ". The ", ".  ", "\u2003", ".\x85"]


def _old_text(text, names):
    words, plain = marked(text, names)
    joined, tokens = canonical(words)
    return joined, len(plain), array("q", grams(tokens)).tobytes()


def _split_at(items, separator, parts):
    """``items`` cut at each ``separator`` (``parts - 1`` of them): how the old levelling cut a paragraph."""
    pieces = []
    start = 0
    for _ in range(parts - 1):
        stop = items.index(separator, start)
        pieces.append(items[start:stop])
        start = stop + 1
    pieces.append(items[start:])
    return pieces


def _old_sentences(text, names):
    bounds = split(text)
    if len(bounds) == 1:
        return [(*bounds[0], *_old_text(text, names))]
    n = len(bounds)
    words, plain = marked(f" {BREAK} ".join(text[a:b] for a, b in bounds), names)
    counts = [len(w) for w in _split_at(plain, BREAK, n)]
    found = []
    for (start, end), count, part in zip(bounds, counts, _split_at(words, BREAK, n), strict=True):
        joined, tokens = canonical(part)
        found.append((start, end, joined, count, array("q", grams(tokens)).tobytes()))
    return found


def _new(text, names, sentences_first):
    copies.clear_caches()
    if sentences_first:
        found = copies.paragraph_sentences(text, names)
        whole = copies.paragraph_text(text, names)
    else:
        whole = copies.paragraph_text(text, names)
        found = copies.paragraph_sentences(text, names)
    return [(s.start, s.end, s.canonical, s.words, s.grams.tobytes()) for s in found], (
        whole.canonical,
        whole.words,
        whole.grams.tobytes(),
    )


def _check(text, names):
    expected = (_old_sentences(text, names) if split(text) else [], _old_text(text, names))
    assert _new(text, names, sentences_first=True) == expected
    assert _new(text, names, sentences_first=False) == expected


paragraphs = st.lists(
    st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.sampled_from(ENDS)),
    min_size=1,
    max_size=6,
).map(lambda sentences: "".join(" ".join(words) + end for words, end in sentences))


@settings(max_examples=400, deadline=None)
@given(paragraphs, st.sampled_from(NAMES))
def test_a_paragraph_and_its_sentences_are_levelled_as_each_alone(text, names):
    _check(text, names)


def test_text_that_tells_the_sentences_words_from_the_paragraphs_is_tokenised_again():
    """A definition reaching back over a sentence's end (its bracket as written, or made by NFKC), a
    name across two sentences, the break word in the text, and white space that stays not ASCII
    between two ASCII sentences (ASCII text is cut into words otherwise): each makes the words of
    the sentences joined differ from the paragraph's, and each is seen."""
    mla, yahoo = NAMES[1], NAMES[2]
    for text, names in [
        ("It is Marine Licensing. Agency (MLA) will act on it now.", mla),
        ("It is Marine Licensing. Agency （MLA） will act on it now.", mla),
        ("We met the Yahoo! Group staff and others there. Then we left.", yahoo),
        (f"One two three four {BREAK} five. Six seven eight nine ten.", mla),
        ("It's the plan to act.\x85'Then' we left for good.", copies.NO_NAMES),
    ]:
        joined = f" {BREAK} ".join(text[a:b] for a, b in split(text))
        assert marked(text, names)[0] != [word for word in marked(joined, names)[0] if word != BREAK]
        assert not levelling.same_words(text, joined, names)
        _check(text, names)


def test_each_3_gram_is_hashed_once_for_the_parts_and_the_whole():
    parts = [["a", "b", "c", "d", "e"], [], ["f"], ["g", "h"], ["i", "j", "k"], ["l", "m", "n", "o"]]
    whole, each = grams_in_parts(parts, whole=True)
    assert each == [grams(part) for part in parts]
    assert whole == grams([t for part in parts for t in part])
    assert [array("q", s).tobytes() for s in each] == [array("q", grams(part)).tobytes() for part in parts]
    assert grams_in_parts([["a", "b"], ["c"]], whole=True)[0] == grams(["a", "b", "c"])
    assert grams_in_parts([["a"], []], whole=False) == (frozenset(), [grams(["a"]), frozenset()])


def test_a_paragraph_of_several_sentences_asked_for_alone_is_levelled_in_one_pass_with_them():
    """action-echo asks for paragraphs before entry-copy asks for their sentences: the paragraph's
    own analysis then comes from the sentences' pass (kept for entry-copy), not from a second one."""
    names = NAMES[1]
    text = "The Marine Licensing Agency will publish the data. Then MLA will review it again in 2025."
    copies.clear_caches()
    whole = copies.paragraph_text(text, names)
    assert copies.paragraph_sentences.cache_info().currsize == 1  # the sentences were levelled with it
    assert (whole.canonical, whole.words, whole.grams.tobytes()) == _old_text(text, names)
    assert [
        (s.start, s.end, s.canonical, s.words, s.grams.tobytes()) for s in copies.paragraph_sentences(text, names)
    ] == (_old_sentences(text, names))
    copies.clear_caches()
    copies.paragraph_text("One sentence alone is levelled alone.", names)
    assert copies.paragraph_sentences.cache_info().currsize == 0
