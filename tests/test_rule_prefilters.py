"""Cheaper per-document rules (issue 11 (a)) find what they found before: each shortcut against the plain way."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint.checks.wordlist import Matcher


class _EveryHead(Matcher):
    """wordlist's matcher as it was: every first word of a phrase matches wherever it stands."""

    def _next_words(self, head: str) -> tuple[str, ...]:
        return ()


def test_a_word_that_only_starts_longer_phrases_is_found_only_before_their_next_word():
    matcher = Matcher(["in order to", "key", "going forward+"], ignore_case=True)
    heads = matcher.heads()
    assert heads is not None
    assert heads.search("in the end") is None  # "in" alone starts no phrase: not even tried
    assert heads.search("in\n order").group(0) == "in"
    assert heads.search("going forwards").group(0) == "going"
    assert heads.search("the key one").group(0) == "key"  # a phrase of one word: found as before
    assert list(matcher.finditer("In order to go, going  forwarded, in time")) == [(0, 0, 11), (2, 16, 32)]


_PHRASES = ["in order to", "in", "ab", "ab ba", "ab b a", "ba+", "b-a b", "a ab", "a’b ab"]


@given(st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=4), st.text(alphabet="ab -’\n.Iin", max_size=40))
@settings(max_examples=500)
@example(["a ab", "ab"], "a ab a abab a  ab")
@example(["b-a b"], "b-a b-a b")
def test_phrases_are_found_where_they_were_found_when_every_first_word_was_tried(phrases, text):
    assert list(Matcher(phrases, True).finditer(text)) == list(_EveryHead(phrases, True).finditer(text))
    assert list(Matcher(phrases, False).finditer(text)) == list(_EveryHead(phrases, False).finditer(text))


def test_a_document_is_spelt_as_if_alone_after_the_documents_before_it(tmp_path):
    """spelling keeps the tokens it found known from one document to the next, but not which
    names a document spells right: "Goverment" beside "Shetlar" is a surname here, whatever an
    earlier document spelt."""
    from lint import engine
    from lint.checks import spelling
    from lint.config import for_paths
    from lint.pipeline import read_document

    earlier, later = tmp_path / "a.md", tmp_path / "b.md"
    earlier.write_text("# Action 1: Tides\n\n## Office\n\n### Progress\n\nThe Government met.\n", encoding="utf-8")
    later.write_text("# Action 2: Weirs\n\n## Office\n\n### Progress\n\nWe met Zed Goverment.\n", encoding="utf-8")
    config = for_paths([str(tmp_path)], None)
    context = engine.Plan(engine.choose_rules(config, ["spelling"]).chosen, config).bound[0].context
    spelling._PASSED.clear()
    alone = list(spelling.check(read_document(str(later), config), context))
    spelling._PASSED.clear()
    list(spelling.check(read_document(str(earlier), config), context))
    assert spelling._PASSED  # the known tokens were kept ...
    assert list(spelling.check(read_document(str(later), config), context)) == alone  # ... and change nothing


def _readability(limit: int, min_words: int, measures: tuple[str, ...]) -> tuple[object, ...]:
    """readability's option values (``_values``) under which every measured paragraph fails: an ease and
    a grade no text reaches, no margin, names not joined."""
    from lint.checks import readability

    templates = ("{words} words (limit {limit})", "{count} sentences")
    least = readability._least_words(frozenset(measures), limit, min_words)
    return (
        frozenset(measures),
        limit,
        1000.0,
        -1000.0,
        False,
        0,
        frozenset(),
        min_words,
        "estimate",
        *templates,
        least,
    )


@given(
    st.text(alphabet="aB1 .!?,-\n\t", max_size=60),
    st.integers(min_value=-1, max_value=8),
    st.integers(min_value=-1, max_value=8),
    st.sets(st.sampled_from(["sentence-length", "reading-ease", "grade"])),
)
@settings(max_examples=500)
@example("a b. C d e", 2, 5, {"sentence-length"})  # a sentence of limit + 1 words, in as many runs
@example("a b c d e", 9, 5, {"reading-ease"})  # min-words words exactly
def test_readability_reports_what_it_reported_when_every_paragraph_was_split(text, limit, min_words, measures):
    from lint.checks import readability, sentences

    tokens, words_in = sentences.flat_words(text, sentences.split(text))
    assert len(tokens) <= len(text.split())  # what the shortcut counts on: a word is a run of non-space
    too_long = "sentence-length" in measures and limit > 0 and max(words_in, default=0) > limit
    scored = bool(measures & {"reading-ease", "grade"}) and 0 < len(tokens) >= min_words
    found = readability._paragraph(text, _readability(limit, min_words, tuple(measures)))
    assert bool(found) == (too_long or scored)


# the characters that make spelling's tokens, masks and runs differ: joints, brackets, markers, and
# white space that str.split splits on (U+001F, U+2028, U+3000) as well as the usual
_SPELT = st.text(alphabet="aB1_ -'’.[]/@<>{}&;`:wm\t\n\x1f\u2028\u3000é", max_size=40)


@given(st.lists(_SPELT, max_size=4))
@settings(max_examples=500)
@example(["a [t]ransformation,x", "www.a.b/c d"])
@example(["a\u3000b\x1fc-d", "[ab]c", "<a b> c"])
def test_a_documents_tokens_are_its_paragraphs_tokens_found_one_by_one(texts):
    from lint.checks import spelling_tokens as s

    each = set().union(*(frozenset(token for _, token in s.tokens(t, s.masked(t))) for t in texts))
    assert s.every(texts) == each
    assert s.every(texts) == each  # again, from the runs kept the first time


def _shouting_by_letters(core: str, least: int) -> bool:
    """placeholder's ``shouting`` as its option says, with no shortcut: at least ``least`` letters (and
    characters), two runs of non-space, nine in ten letters capitals."""
    letters = [c for c in core if c.isalpha()]
    if least <= 0 or len(core) < least or len(letters) < least or len(core.split()) < 2:
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


@given(st.text(alphabet="etETaAxX .1-é\n", max_size=40), st.integers(min_value=-1, max_value=12))
@settings(max_examples=500)
@example("TEXT TO COME e", 8)  # one small letter in fourteen characters: a note in capitals
@example("TEXT TO COME et", 8)  # two in fifteen: prose
def test_a_paragraph_in_capitals_is_what_it_was_when_every_letter_was_counted(core, least):
    from lint.checks.phrases import _shouting

    assert _shouting(core, least) == _shouting_by_letters(core, least)


class _SearchedEverywhere(Matcher):
    """wordlist's matcher with no quick test: the first words searched for at every word edge."""

    def _none_in(self, heads, folded):
        return False


_LISTED = ["key", "in order to", "deliver+", "going forward+", "a_b", "x-ray", "é", "deal"]


@given(
    st.lists(st.sampled_from(_LISTED), min_size=1, max_size=4),
    st.text(alphabet="keyinordtgfwalx-_é ’'\n\t.,(“[£İK2", max_size=40),
)
@settings(max_examples=500)
@example(["key"], "key")  # at the start: no character before it
@example(["key"], "a-key _key 2key (key")  # after "-", "_" or a digit no word starts; after "(" one does
@example(["deal"], "édeal\tdeal")  # after a letter that is not ASCII, none; after a tab, one
def test_phrases_are_found_where_they_were_found_when_every_word_edge_was_searched(phrases, text):
    for ignore_case in (True, False):
        expected = list(_SearchedEverywhere(phrases, ignore_case).finditer(text))
        assert list(Matcher(phrases, ignore_case).finditer(text)) == expected


def _name_counts_walked(tokens: list[str]) -> list[int]:
    """sentences.name_counts as it was: a walk from each name word over the tokens after it."""
    from lint.checks.sentences import _NAME_JOINERS, _name_word

    n = len(tokens)
    counts, caps = [1] * n, [_name_word(t) for t in tokens]
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j, k = i, i + 1
        while k < n:
            ending = tokens[k - 1][-1]
            if ending in ".;:!?)" or (ending == "," and not caps[k]):
                break
            if caps[k]:
                j, k = k, k + 1
                continue
            word = tokens[k]
            sentence_start = i == 0 or tokens[i - 1][-1] in ".!?"
            joiner = word.lower().strip(",") in _NAME_JOINERS and k + 1 < n and not (j == i and sentence_start)
            if joiner and caps[k + 1] and word[-1] not in ".;:,":
                k += 1
                continue
            break
        for m in range(i + 1, j + 1):
            counts[m] = 0
        i = j + 1
    return counts


_TOKENS = ["Department", "Agency", "HMRC", "DfE", "2014", "2Gb", "for", "of", "and", "the", "&", "For", "And", "in"]
_ENDS = ["", "", "", ",", ".", "!", "?", ";", ":", ")", "'s"]


@given(st.lists(st.tuples(st.sampled_from([*_TOKENS, "we", "(The", ",and", "“Digital", "é"]), st.sampled_from(_ENDS))))
@settings(max_examples=500)
@example([("Department", ""), ("for", ""), ("Business", ","), ("Innovation", ""), ("and", ""), ("Skills", "")])
@example([("The", ""), ("of", ""), ("Agency", "")])  # a joiner right after a name that starts the text
@example([("we", "."), ("For", ""), ("of", ""), ("Agency", ""), ("and", "!"), ("Skills", "")])
def test_official_names_are_the_runs_the_walk_over_the_tokens_found(pieces):
    from lint.checks.sentences import COMPACT, name_counts

    tokens = [word + end for word, end in pieces]
    assert list(name_counts(tokens)) == _name_counts_walked(tokens)
    long = tokens * (COMPACT // max(1, len(tokens)) + 1) if tokens else []
    assert list(name_counts(long)) == _name_counts_walked(long)  # (a long paragraph: a byte a token)
