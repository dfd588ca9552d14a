"""Sentence and word boundaries in a paragraph's plain text (offsets, not copies).

Sentences end at ``.``, ``!``, ``?`` or an ellipsis followed by white space and a
capital, a digit or an opening quote. A full stop does not end a sentence inside a
token (``GOV.UK``, ``£2.5m``, ``1.5``), after an abbreviation that is always
followed by more (``e.g.``, ``i.e.``, ``Mr.``, ``Dr.``, ``No. 10``), after an
initial (``J. Smith``), or after a dotted acronym (``U.K.``) unless the next word
is one that usually starts a sentence. Offsets index :attr:`Paragraph.text`; map
them back with :meth:`Paragraph.to_span`.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, MutableSequence, Sequence
from functools import lru_cache
from itertools import chain, compress

from lint import regexcache
from lint.checks.perdoc import per_document
from lint.checks.tokens import Bounds, shared

# Never the last word of a sentence: titles and Latin abbreviations followed by more text.
_NEVER_LAST = frozenset(
    {
        "e.g",
        "eg",
        "i.e",
        "ie",
        "cf",
        "viz",
        "vs",
        "v",
        "approx",
        "incl",
        "excl",
        "esp",
        "resp",
        "ca",
        "c",
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "rt",
        "hon",
        "rev",
        "revd",
        "sr",
        "jr",
        "st",
        "sir",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
        "cllr",
        "gov",
        "sen",
        "rep",
        "messrs",
    }
)
# Abbreviations that end a sentence only when a number does not follow ("No. 10", "p. 4").
_BEFORE_NUMBER = frozenset(
    {
        "no",
        "nos",
        "p",
        "pp",
        "para",
        "paras",
        "fig",
        "figs",
        "vol",
        "vols",
        "ch",
        "sec",
        "art",
        "ref",
        "op",
        "ed",
        "eds",
        "pt",
        "tel",
        "ext",
    }
)
# After a dotted acronym ("the U.K. Government"), a sentence ends only before these words.
_STARTERS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "these",
        "that",
        "those",
        "it",
        "its",
        "we",
        "our",
        "they",
        "their",
        "there",
        "he",
        "she",
        "his",
        "her",
        "i",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "as",
        "if",
        "when",
        "while",
        "however",
        "also",
        "and",
        "but",
        "so",
        "after",
        "before",
        "during",
        "since",
        "each",
        "all",
        "some",
        "many",
        "most",
        "no",
        "not",
        "one",
        "both",
        "further",
        "finally",
        "first",
        "then",
        "thus",
        "therefore",
        "what",
        "where",
        "which",
        "who",
        "why",
        "how",
        "with",
        "without",
        "work",
        "progress",
        "plans",
    }
)

# A run of . ! ? (or an ellipsis character), closing quotes or brackets, then white space. A
# match never starts right after . ! or ? (it would end where the run does, and fail as that
# run did): without that look-behind a run of n dots is scanned n times, O(n²). The pattern
# starts with one class of the characters a match can start with, so a search skips every
# other character in C instead of trying the pattern there (3-4 times faster on prose).
_END = regexcache.compile(r"[.!?…](?:(?<=…)|(?<!…)(?<![.!?][.!?])[.!?]*)[\"'’”)\]]*(?=\s)")
_NEXT = regexcache.compile(r"\s+([\"'‘“(\[]*)(\S)")
_DOTTED = regexcache.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD = regexcache.compile(r"[A-Za-z]+")
# a run of non-space that holds a letter or digit; it never starts right after punctuation (it
# would end where the punctuation's run does), or a long run of "." or "=" is scanned once a character
_WORD = regexcache.compile(r"(?<![^\s\w])[^\s\w]*\w\S*")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _word_before(text: str, stop: int) -> str | None:
    """The run of ASCII letters and dots that ends at ``stop`` and starts with a letter.

    Found by stepping back from ``stop``, so it costs the length of that word, never
    of the text before it: splitting stays linear in the paragraph's length.
    """
    if stop and text[stop - 1] == "\n":
        stop -= 1  # as a regex's ``$`` would: a word just before a line break
    start = stop
    while start and text[start - 1] in _WORD_CHARS:
        start -= 1
    while start < stop and text[start] == ".":
        start += 1
    return text[start:stop] if start < stop else None


def _ends_sentence(text: str, end: int, mark: str) -> bool:
    """Whether the terminator ``mark`` ending at ``end`` closes a sentence."""
    nxt = _NEXT.match(text, end)
    if nxt is None:
        return False
    first = nxt.group(2)
    if not (first.isupper() or first.isdigit() or first in "£$€#•–-" or nxt.group(1)):
        return False
    if not mark.startswith(".") or mark.startswith(".."):
        return True
    before = _word_before(text, end - len(mark))
    if before is None:
        return True
    token = before.rstrip(".")
    low = token.lower()
    if low in _NEVER_LAST:
        return False
    if low in _BEFORE_NUMBER and first.isdigit():
        return False
    if len(token) == 1 and token.isupper():
        return False  # an initial: "J. Smith"
    if _DOTTED.fullmatch(token):
        word = _NEXT_WORD.match(text, nxt.start(2))
        return word is not None and word.group(0).lower() in _STARTERS
    return True


@per_document
def split(text: str) -> Bounds:
    """The ``(start, end)`` offsets of each sentence of ``text``, surrounding space trimmed.

    The one sentence splitter of the project: readability counts these sentences and the
    copy checks compare them, so a paragraph is split once per document (:mod:`.perdoc`).
    Linear in the length of ``text``; the offsets are kept flat (:class:`.tokens.Bounds`).
    """
    ends = array("i")  # where each sentence ends, untrimmed
    for match in _END.finditer(text):
        end = match.end()
        if _ends_sentence(text, end, match.group(0).rstrip("\"'’”)]")):
            ends.append(end)
    ends.append(len(text))
    flat = array("i")
    start = 0
    for end in ends:
        s, e = start, end
        start = end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            flat.append(s)
            flat.append(e)
    return Bounds(flat)


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word tokens of ``text[start:end]``: runs of non-space holding a letter or digit."""
    stop = len(text) if end is None else end
    if start == 0 and stop >= len(text):
        return [m.span() for m in _WORD.finditer(text)]
    # a slice, not finditer's pos: the look-behind must not see the character before ``start``
    return [(s + start, e + start) for s, e in (m.span() for m in _WORD.finditer(text[start:stop]))]


def sentence_words(text: str, spans: Iterable[tuple[int, int]]) -> list[list[str]]:
    """The word tokens of each sentence of ``text``, as strings (what :func:`words` finds, sentence by sentence).

    ``spans`` are :func:`split`'s: a sentence starts at the start of the text or after white
    space, and ends before white space or at the end, so no token crosses a sentence's edge and
    the sentences' tokens, in order, are the paragraph's. Strings, not offsets: the measures
    need only the words, and finding them as strings is about twice as fast.
    """
    return [_found(text, s, e) for s, e in spans]


_alnum = str.isalnum  # what \w is, with "_": both ask Py_UNICODE_ISALNUM (as \s and str.split, Py_UNICODE_ISSPACE)


def _found(text: str, start: int, end: int) -> list[str]:
    """``_WORD.findall(text, start, end)``, by ``str.split``: half the instructions of the regex (issue 11 (d)).

    The same when ``start`` is where the text starts or follows white space, as a sentence's does
    (:func:`split`): each run of non-space then starts where the look-behind holds, and the pattern
    takes the whole of a run that holds a letter, digit or ``_`` (\\S* to its end) and nothing of one
    that does not (a later start in it fails the look-behind). Any other ``start``: the regex.
    """
    if end < 0 or not (start == 0 or (0 < start <= len(text) and text[start - 1].isspace())):
        return _WORD.findall(text, start, end)
    return [word for word in text[start:end].split() if _alnum(word) or "_" in word or any(map(_alnum, word))]


_SMALL = 1 << 13  # a paragraph shorter than this many characters holds too few words to be worth sharing them
COMPACT = 1 << 11  # from this many tokens, per-token flags are kept a byte each (slower to make, 8 times smaller)


def flat_words(text: str, spans: Iterable[tuple[int, int]]) -> tuple[list[str], array[int]]:
    """:func:`sentence_words` kept flat: the paragraph's tokens in one list and the number of tokens
    of each sentence. In a long paragraph each word form is one string (:func:`.tokens.shared`), so
    that its words cost 8 bytes each, whatever their number."""
    findall = _found
    if len(text) < _SMALL:  # (a list a sentence costs little in a paragraph of this size)
        grouped = [findall(text, s, e) for s, e in spans]
        return list(chain.from_iterable(grouped)), array("i", map(len, grouped))
    tokens: list[str] = []
    counts = array("i")
    for s, e in spans:
        found = findall(text, s, e)
        counts.append(len(found))
        tokens.extend(shared(found))
    return tokens, counts


# words that may join the capitalised words of one official name ("Department for Education")
_NAME_JOINERS = frozenset({"for", "of", "and", "the", "on", "in", "&", "de", "du", "la", "le", "und"})


def _capitalised(word: str) -> bool:
    first = word[0] if word[:1].isalnum() else next((c for c in word if c.isalnum()), "")
    return first.isupper() or (first.isdigit() and not word.islower() and any(c.isupper() for c in word))


@lru_cache(maxsize=1 << 16)  # per word form: the same words come back paragraph after paragraph
def _name_word(word: str) -> bool:
    """Whether a token may be a word of an official name (a word that starts with a small letter may not)."""
    return not (word[0].islower() and word[0].isalnum()) and _capitalised(word)


def name_word_counts(text: str, tokens: list[tuple[int, int]]) -> MutableSequence[int]:
    """:func:`name_counts` of the tokens ``text[s:e]``."""
    return name_counts([text[s:e] for s, e in tokens])


@lru_cache(maxsize=1 << 16)
def _kind(word: str) -> str:
    """What :func:`name_counts` asks of a token, as a letter: a name word ending in a letter or the
    like (A), a comma (B), ``.!?`` (D) or ``;:)`` (E); another word ending in ``.!?`` (p), a joiner
    ("for", "of", ...) that ends in neither those nor ``,;:)`` (j), or anything else (x)."""
    last = word[-1]
    if _name_word(word):
        return "D" if last in ".!?" else "E" if last in ";:)" else "B" if last == "," else "A"
    if last in ".!?":
        return "p"
    return "j" if last not in ",;:)" and word.lower().strip(",") in _NAME_JOINERS else "x"


# a name of two tokens or more, in the tokens' kinds: a name word, then name words, each after one
# that ends in a letter or a comma, or a joiner and a name word after one that ends in a letter
# (not as the name's second token when it starts a sentence: after D, p or at the start)
_NAME = regexcache.compile(r"[ABDE](?:(?<=[AB])[ABDE]|(?<=[^Dp]A)j[ABDE])(?:(?<=[AB])[ABDE]|(?<=A)j[ABDE])*")


def name_counts(tokens: Sequence[str]) -> MutableSequence[int]:
    """Per token, 1 if it starts a word, 0 if it continues an official name.

    A run of capitalised words, joined by small words ("for", "of", "and", "the",
    "&") or by a comma between capitals, is one name ("Department for Business,
    Innovation and Skills" counts as one word), so long official names do not make
    a sentence "long" by themselves. Found by one regex over the tokens' kinds (:func:`_kind`).
    """
    n = len(tokens)
    counts: MutableSequence[int] = array("b", b"\x01") * n if n >= COMPACT else [1] * n  # (long: a byte a token)
    for name in _NAME.finditer("".join(map(_kind, tokens))):
        for m in range(name.start() + 1, name.end()):
            counts[m] = 0
    return counts


_ACRONYM = regexcache.compile(r"[^\w]*(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{2,})(?:[’']s)?[^\w]*")


@lru_cache(maxsize=1 << 16)  # per word form: the same words come back paragraph after paragraph
def is_acronym(word: str) -> bool:
    """``MOD``, ``(CIO)``, ``DfE``, ``HMRC's``: an initialism (two capitals or more), punctuation aside."""
    return _ACRONYM.fullmatch(word) is not None


def name_runs(
    text: str, tokens: list[tuple[int, int]], counts: Sequence[int] | None = None
) -> list[tuple[int, int, bool]]:
    """:func:`name_units` of the tokens ``text[s:e]``."""
    return name_units([text[s:e] for s, e in tokens], counts)


def name_units(tokens: Sequence[str], counts: Sequence[int] | None = None) -> list[tuple[int, int, bool]]:
    """The tokens grouped as a reader reads them: ``(first, end, is_name)`` token indexes.

    An official name (a run of capitalised words, see :func:`name_counts`) or an
    acronym is one unit and a name; every other token is a unit of its own. Both the
    sentence measure and the paragraph scores of readability count these units, so a
    name is one word wherever the text is measured. ``counts``, when the caller has them
    already, are :func:`name_counts` of these tokens.
    """
    if not tokens:
        return []
    if counts is None:
        counts = name_counts(tokens)
    firsts = list(compress(range(len(tokens)), counts))  # a unit starts where a count is 1
    ends = [*firsts[1:], len(tokens)]
    return [(i, j, j - i > 1 or is_acronym(tokens[i])) for i, j in zip(firsts, ends, strict=True)]
