"""Text normalisation and similarity for the copy checks (year-copy, entry-copy, action-echo).

Three views of a piece of prose:

* :func:`verbatim_key`: the words only (case, punctuation, quote style and
  whitespace removed). Two texts with the same key are verbatim copies.
* :func:`analyse`: the words with tense and auxiliaries levelled ("will
  continue to", "continued to" and "has continued to" all become "continu to"),
  light stemming, numbers as ``#``, a defined acronym ("Government Digital
  Service (GDS)") reduced to the acronym, and the entry's own name and acronyms
  as ``@org``. Near copies score high on these *canonical* strings.
* shingles: hashes of the canonical string's word 3-grams, for a quick overlap
  test, and an inverted index of them (:class:`ShingleIndex`), so that near
  copies across a whole run are found without comparing every pair.

Everything a check needs about a paragraph is worked out once, in one pass, by
:func:`paragraph_text` (cached, shared by the three checks); its sentences, by
:func:`paragraph_sentences`, only for text that shares shingles with other
text. Also here: the per-entry :class:`Names`, :class:`PhaseText` (a phase's
text as the checks compare it), :class:`Unit` (a reported stretch of text), the
option helpers shared by the check kinds (severity per kind, exemption
patterns). rapidfuzz is imported inside
:func:`similarity`, when it is first needed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain, filterfalse, repeat
from operator import itemgetter

from lint.checks.sentences import split as split_sentences
from lint.model import Document, Entry, Paragraph, Phase, Severity, Span

ORG = "@org"
NUMBER = "#"
_SENTINEL = "Qzqorgqzq"  # stands for the entry's name until the words become tokens
_BREAK = "Zqbreakzq"  # separates the sentences of a paragraph tokenised in one pass

# One quote style, and the common non-ASCII punctuation as ASCII (so most text takes the fast path).
_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‒": "-",
        "−": "-",
        "…": "...",
        "•": " ",
        "·": " ",
        "£": " ",
        "€": " ",
        "\u00a0": " ",
        "\u200b": "",
    }
)
_PLAIN_WORD = re.compile(r"[^\W_]+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# ASCII text: letters, digits and apostrophes stay, everything else separates words.
_ASCII_WORDS = bytes(c if (chr(c).isalnum() or c == 39) else 32 for c in range(256))
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DEFINITION = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&]{1,11})\s*\)")
_SMALL = frozenset({"of", "and", "for", "the", "in", "on", "to", "&", "at", "by"})

# Auxiliaries dropped before scoring: "DfE will continue to" = "DfE has continued to".
AUXILIARIES = frozenset({"will", "shall", "has", "have", "had", "is", "are", "was", "were", "be", "been"})
_IRREGULAR = {
    "began": "begin",
    "begun": "begin",
    "built": "build",
    "made": "make",
    "led": "lead",
    "ran": "run",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "saw": "see",
    "seen": "see",
    "went": "go",
    "gone": "go",
    "met": "meet",
    "sought": "seek",
    "brought": "bring",
    "kept": "keep",
    "held": "hold",
    "sent": "send",
    "spent": "spend",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "won": "win",
    "grew": "grow",
    "grown": "grow",
    "found": "find",
    "bought": "buy",
    "taught": "teach",
    "thought": "think",
    "became": "become",
    "drew": "draw",
    "drawn": "draw",
    "underwent": "undergo",
    "undertook": "undertake",
    "undertaken": "undertake",
}
# Small words that carry no content (for action-echo's share of words).
_STOPWORD_TEXT = """
a an the of and or for to in on at by with from into onto as that this these those which who whom whose
it its their them they we our us he she his her be been is are was were will shall has have had would
could should may might can do does did not no so such than then there where when while also all any
both each more most other some
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _plain(text: str) -> str:
    """NFKC, one quote style, ASCII punctuation (ASCII text is returned as it is)."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text).translate(_PLAIN)


def _prose(text: str) -> str:
    """:func:`_plain`, and web addresses taken out: they are not prose."""
    text = _plain(text)
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    return text


def figures(text: str) -> list[str]:
    """The numbers a text states, other than years, in order ("£2.5m" and "25%" give "2.5", "25")."""
    return [n for n in _FIGURE.findall(_prose(text)) if not _YEAR.fullmatch(n)]


def words_of(text: str) -> list[str]:
    """The words of plain text: letters and digits, with apostrophes inside words kept."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    return _WORD.findall(text)


def verbatim_key(text: str) -> str:
    """The words of ``text`` without case, punctuation, quotes or spacing."""
    return " ".join(_PLAIN_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _stem(word: str) -> str:
    """A light suffix stripper: enough to level tense and plural, nothing clever."""
    word = _IRREGULAR.get(word, word)
    if len(word) <= 4 or word.isupper():
        return word
    if word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "planned" -> "plann" -> "plan"
    return word


class _TokenCache(dict[str, str]):
    """Raw word -> canonical token ("" for a word that is dropped)."""

    def __missing__(self, raw: str) -> str:
        word = raw.strip("'")
        token = ORG if word.startswith(_SENTINEL) else _token(word)
        if len(self) < 500_000:
            self[raw] = token
        return token


def _token(word: str) -> str:
    """The canonical token of one word ("" for a word that is dropped)."""
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if any(c.isdigit() for c in word):
        return NUMBER
    if word in AUXILIARIES or not word:
        return ""
    return _stem(word)


_TOKENS = _TokenCache()


def _defined_words(before: Sequence[str], acronym: str) -> int:
    """How many of the words ``before`` an acronym it abbreviates (0: none)."""
    letters = acronym.lower()
    if letters.endswith("s") and len(letters) > 2 and acronym[-1] == "s" and acronym[:-1].upper() == acronym[:-1]:
        letters = letters[:-1]  # "(APIs)"
    every = content = capitals = ""
    for k in range(1, min(len(before), 2 * len(letters) + 3) + 1):
        word = before[-k]
        if word == _BREAK:
            break
        small = word.lower() in _SMALL
        every = word[0].lower() + every
        if not small:
            content = word[0].lower() + content
            capitals = "".join(c for c in word if c.isupper()).lower() + capitals
        if small:
            continue
        if letters in (every, content) or (word[0].isupper() and capitals == letters):
            return k
        if len(every) > len(letters) and len(content) > len(letters) and len(capitals) > len(letters):
            break
    return 0


def collapse_definitions(text: str, found: set[str] | None = None) -> str:
    """A definition reads as its acronym: "Government Digital Service (GDS)" -> "GDS".

    With ``found``, each collapsed ``(acronym, defined words)`` is added to it as
    ``"ACRONYM\\x00defined words"``.
    """
    if "(" not in text:
        return text
    parts: list[str] = []
    last = 0
    for match in _DEFINITION.finditer(text):
        acronym = match.group(1)
        if acronym.islower() or text[max(last, match.start() - 12) : match.start()].rstrip().endswith(_SENTINEL):
            continue  # not an acronym, or the entry's own name (already a marker) before it
        window_start = max(last, match.start() - 24 * len(acronym) - 40)
        window = text[window_start : match.start()]
        before = words_of(window)
        k = _defined_words(before, acronym)
        if not k:
            continue
        position = len(window)
        for word in reversed(before[-k:]):
            position = window.rfind(word, 0, position)
        start = window_start + position
        if found is not None:
            found.add(acronym + "\x00" + window[position:].rstrip())
        parts.append(text[last:start])
        parts.append(acronym)
        last = match.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


class Names:
    """How an entry names itself: its name as written, and the spellings of its acronym.

    ``acronyms`` holds each spelling with and without a possessive ("DfE", "DfE's");
    ``lookup`` maps each to the marker word. Instances compare by identity (they
    key caches, and :meth:`of` gives the same instance for the same entry text),
    which keeps cache lookups cheap.
    """

    __slots__ = ("acronyms", "lookup", "name")

    def __init__(
        self, name: str = "", acronyms: frozenset[str] = frozenset(), lookup: dict[str, str] | None = None
    ) -> None:
        self.name = name
        self.acronyms = acronyms
        self.lookup = lookup if lookup is not None else dict.fromkeys(acronyms, _SENTINEL)

    def __repr__(self) -> str:
        return f"Names({self.name!r}, {sorted(self.acronyms)!r})"

    @classmethod
    def of(cls, entry: Entry) -> Names:
        texts = tuple(p.text for phase in entry.phases for p in phase.paragraphs if "(" in p.text)
        return _names(entry.organisation or entry.name, texts)


NO_NAMES = Names()


@lru_cache(maxsize=1 << 15)
def _names(name: str, texts: tuple[str, ...]) -> Names:
    """The entry's name and acronyms: initials of its name, and any acronym its text defines for it."""
    plain = " ".join(_plain(name).split())
    if plain.lower().startswith("the "):
        plain = plain[4:]
    words = [w.removesuffix("'s") for w in _WORD.findall(plain)]
    acronyms: set[str] = set()
    if len(words) > 1:
        content = [w for w in words if w.lower() not in _SMALL]
        acronyms.add("".join(c for w in words for c in w if c.isupper()))  # HMRC, DCMS
        acronyms.add("".join(w[0] for w in words))  # DfE
        acronyms.add("".join(w[0] for w in words).upper())  # MOJ, DFID
        acronyms.add("".join(w[0] for w in content).upper())  # FCO
    acronyms = {a for a in acronyms if sum(map(str.isupper, a)) >= 2}
    name_key = verbatim_key(" ".join(words))
    for text in texts:
        found: set[str] = set()
        collapse_definitions(_plain(text), found)
        for item in found:
            acronym, defined = item.split("\x00", 1)
            key = verbatim_key(defined)
            if key == name_key or key.endswith(" " + name_key) or name_key.endswith(" " + key):
                acronyms.add(acronym)  # Defra, BIS
    spellings = acronyms | {a + "'s" for a in acronyms}
    return Names(plain if len(words) > 1 else "", frozenset(spellings))


def _words(text: str, names: Names) -> tuple[list[str], int]:
    """The words of ``text`` with the entry's name and acronyms as one marker word, and the word count."""
    original = text = _prose(text)
    if names.name and names.name in text:
        text = text.replace(names.name, _SENTINEL)
    if "(" in text:
        text = collapse_definitions(text)
    words = words_of(text)
    count = len(words) if text is original else len(words_of(original))
    if names.acronyms and not names.acronyms.isdisjoint(words):
        words = list(map(names.lookup.get, words, words))
    return words, count


def _canonical(words: list[str]) -> tuple[str, list[str]]:
    """The canonical string of some words, and its tokens."""
    tokens = list(filter(None, map(_TOKENS.__getitem__, words)))
    joined = " ".join(tokens)
    if "the @org" in joined or "@org @org" in joined or "# #" in joined:
        levelled = _level(joined)
        return levelled, levelled.split()
    return joined, tokens


def _level(joined: str) -> str:
    """Level repeated markers: "the @org" and "@org @org" -> "@org"; "# #" -> "#"."""
    joined = " " + joined + " "
    joined = joined.replace(" the @org ", " @org ")
    while " @org @org " in joined:
        joined = joined.replace(" @org @org ", " @org ")
    while " # # " in joined:
        joined = joined.replace(" # # ", " # ")
    return joined.strip()


class _TokenIds(dict[str, int]):
    """Token -> a 64-bit number that is the same in every process (str hashes are not)."""

    def __missing__(self, token: str) -> int:
        value = int.from_bytes(hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest())
        if len(self) < 1 << 20:
            self[token] = value
        return value


_IDS = _TokenIds()


def _grams(tokens: list[str]) -> frozenset[int]:
    """Hashes of the word 3-grams (the whole token list if shorter).

    The same in every process (hashes of tuples of numbers, never of strings), so the
    summaries made in worker processes and kept in the result cache meet in one run.
    The checks use them only to test equality and overlap, never to order anything.
    """
    ids = list(map(_IDS.__getitem__, tokens))
    if len(ids) <= 3:
        return frozenset((hash(tuple(ids)),)) if ids else frozenset()
    return frozenset(map(hash, zip(ids, ids[1:], ids[2:])))  # noqa: B905 - shorter on purpose


class ParagraphText(tuple[str, int, frozenset[int]]):
    """A paragraph as the copy checks compare it: canonical text, words and shingles.

    (A tuple subclass with properties rather than a NamedTuple: cheaper to define
    at import and to create.)
    """

    __slots__ = ()

    @property
    def canonical(self) -> str:
        return self[0]

    @property
    def words(self) -> int:
        return self[1]

    @property
    def grams(self) -> frozenset[int]:
        return self[2]


_PARAGRAPHS: dict[Names, dict[str, ParagraphText]] = {}  # per entry's names: paragraph text -> its analysis
_PARAGRAPHS_MAX = 1 << 18
_paragraphs_cached = 0


def paragraph_text(text: str, names: Names = NO_NAMES) -> ParagraphText:
    """The paragraph levelled and shingled in one pass (cached: the three checks share it).

    The cache is two plain dictionaries (names, then text) rather than an LRU
    cache: no key tuples and no list nodes per entry, which keeps the garbage
    collector's work down on a large run. It is emptied when it grows too big.
    """
    global _paragraphs_cached
    cache = _PARAGRAPHS.get(names)
    if cache is None:
        cache = _PARAGRAPHS[names] = {}
    found = cache.get(text)
    if found is None:
        words, count = _words(text, names)
        joined, tokens = _canonical(words)
        found = tuple.__new__(ParagraphText, (joined, count, _grams(tokens)))
        if _paragraphs_cached >= _PARAGRAPHS_MAX:
            _PARAGRAPHS.clear()
            cache = _PARAGRAPHS[names] = {}
            _paragraphs_cached = 0
        cache[text] = found
        _paragraphs_cached += 1
    return found


def analyse(text: str, names: Names = NO_NAMES) -> tuple[str, int]:
    """``(canonical text, word count)`` of ``text`` (see the module docstring)."""
    words, count = _words(text, names)
    return _canonical(words)[0], count


def canonical(text: str, names: Names = NO_NAMES) -> str:
    """``text`` levelled for near-copy scoring (see the module docstring)."""
    return analyse(text, names)[0]


def content_words(canonical_text: str) -> list[str]:
    """The tokens of a canonical string that carry meaning (no stopwords, names or numbers)."""
    return [t for t in canonical_text.split() if t not in STOPWORDS and t not in (ORG, NUMBER)]


class Sentence(tuple[int, int, str, int, frozenset[int]]):
    """One sentence of a paragraph, as the copy checks compare it: offsets into the
    paragraph's text, canonical text, words and shingles."""

    __slots__ = ()

    @property
    def start(self) -> int:
        return self[0]

    @property
    def end(self) -> int:
        return self[1]

    @property
    def canonical(self) -> str:
        return self[2]

    @property
    def words(self) -> int:
        return self[3]

    @property
    def grams(self) -> frozenset[int]:
        return self[4]


def _new_sentence(values: tuple[int, int, str, int, frozenset[int]]) -> Sentence:
    return tuple.__new__(Sentence, values)


def _split(items: list[str], separator: str, parts: int) -> list[list[str]]:
    """``items`` cut at each ``separator`` (expected ``parts - 1`` times)."""
    pieces = []
    start = 0
    for _ in range(parts - 1):
        stop = items.index(separator, start)
        pieces.append(items[start:stop])
        start = stop + 1
    pieces.append(items[start:])
    return pieces


@lru_cache(maxsize=1 << 17)
def paragraph_sentences(text: str, names: Names = NO_NAMES) -> tuple[Sentence, ...]:
    """The sentences of a paragraph's text, each levelled and shingled (cached for all checks).

    The paragraph is tokenised in one pass, its sentences joined by a break word,
    which is much faster than one pass per sentence.
    """
    bounds = split_sentences(text)
    if not bounds:
        return ()
    n = len(bounds)
    joined = f" {_BREAK} ".join(text[a:b] for a, b in bounds)
    words = words_of(_prose(joined))
    counts = [len(w) for w in _split(words, _BREAK, n)]
    found = []
    for (start, end), count, part in zip(bounds, counts, _split(_words(joined, names)[0], _BREAK, n), strict=True):
        canonical_text, tokens = _canonical(part)
        found.append(_new_sentence((start, end, canonical_text, count, _grams(tokens))))
    return tuple(found)


class Unit:
    """A stretch of prose a copy check reports or points at: a sentence or a whole phase."""

    __slots__ = ("canonical", "entry", "phase", "span", "text", "words")

    def __init__(self, text: str, span: Span, canonical: str, words: int, phase: Phase, entry: Entry) -> None:
        self.text = text
        self.span = span
        self.canonical = canonical
        self.words = words
        self.phase = phase
        self.entry = entry


def sentence_unit(entry: Entry, phase: Phase, paragraph: Paragraph, sentence: Sentence) -> Unit:
    return Unit(
        paragraph.text[sentence.start : sentence.end],
        paragraph.to_span(sentence.start, sentence.end),
        sentence.canonical,
        sentence.words,
        phase,
        entry,
    )


class PhaseText:
    """A phase's text as the copy checks compare it: the whole, and (when asked) its span and sentences."""

    __slots__ = ("_canonical", "_parts", "_sentences", "_span", "entry", "grams", "key", "names", "phase", "words")

    def __init__(self, entry: Entry, phase: Phase, names: Names, paragraphs: list[ParagraphText]) -> None:
        self.entry = entry
        self.phase = phase
        self.key = phase.key
        self.names = names
        self._parts = paragraphs
        self._canonical: str | None = None
        self.words = sum(map(itemgetter(1), paragraphs))
        self.grams: frozenset[int] = (
            paragraphs[0].grams if len(paragraphs) == 1 else frozenset().union(*map(itemgetter(2), paragraphs))
        )
        self._span: Span | None = None
        self._sentences: list[tuple[Paragraph, Sentence]] | None = None

    @property
    def text(self) -> str:
        return self.phase.text.strip()

    @property
    def canonical(self) -> str:
        """The paragraphs' canonical texts, joined (worked out on first use)."""
        if self._canonical is None:
            self._canonical = " ".join(filter(None, map(itemgetter(0), self._parts)))
        return self._canonical

    @property
    def span(self) -> Span:
        """From the first paragraph's start to the last one's end."""
        if self._span is None:
            self._span = phase_span(self.phase) or self.phase.body_span
        return self._span

    @property
    def sentences(self) -> list[tuple[Paragraph, Sentence]]:
        """Each sentence with its paragraph (worked out on first use)."""
        if self._sentences is None:
            self._sentences = [(p, s) for p in self.phase.paragraphs for s in paragraph_sentences(p.text, self.names)]
        return self._sentences


def phase_span(phase: Phase) -> Span | None:
    """From the first paragraph's start to the last one's end (None for an empty phase)."""
    filled = [p for p in phase.paragraphs if p.text.strip()]
    if not filled:
        return None
    return Span(filled[0].span.start, filled[-1].span.end)


def phase_text(entry: Entry, phase: Phase, names: Names) -> PhaseText | None:
    """The phase's text as the checks compare it (None for a phase without paragraphs)."""
    if not phase.paragraphs:
        return None
    return PhaseText(entry, phase, names, [paragraph_text(p.text, names) for p in phase.paragraphs])


def chronological(phases: Iterable[Phase]) -> list[Phase]:
    """Phases in the order they were written (commitment, progress Y, plan Y+1, ...)."""
    return sorted(phases, key=lambda p: (p.order, p.span.start))


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller shingle set found in the other (0 to 1)."""
    if not a or not b or a.isdisjoint(b):
        return 0.0
    return len(a & b) / min(len(a), len(b))


def similarity(a: str, b: str, cutoff: float, share: float = 0.5, min_tokens: int = 12) -> float:
    """How alike two canonical strings are, 0 to 100.

    rapidfuzz's ``fuzz.ratio``; when that is below ``cutoff`` and the shorter text
    is at least ``share`` of the longer (and ``min_tokens`` long), also the share
    of the shorter text's words found in order in the longer one, so that a copy
    with a clause added or dropped still scores high.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import LCSseq

    score = fuzz.ratio(a, b)
    if score >= cutoff:
        return score
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) < min_tokens or len(short) < share * len(long):
        return score
    contained = 100.0 * LCSseq.similarity(short, long) / len(short)
    return max(score, contained)


class ShingleIndex:
    """An inverted index of shingle hashes: which earlier texts share word 3-grams with a new one.

    ``add(grams)`` registers a text and returns the earlier texts it shares
    shingles with, each with the number shared (those sharing fewer than
    ``min_shared`` are left out). The work is in C set and dict
    operations for the shingles seen for the first time; only shared shingles
    cost a Python step. Once a shingle is in ``max_bucket`` texts it is a stock
    phrase ("work with other departments") and offers no candidates any more, so
    common phrases cannot make the work grow with the square of the corpus.
    """

    def __init__(self, max_bucket: int = 64) -> None:
        self.max_bucket = max_bucket
        self._first: dict[int, int] = {}  # shingle -> the first text with it
        self._more: dict[int, list[int]] = {}  # shingle -> the later texts with it
        self._stock: set[int] = set()  # shingles in max_bucket texts or more
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, grams: frozenset[int], min_shared: int = 1) -> dict[int, int]:
        """Register a text; the earlier texts sharing at least ``min_shared`` live shingles with it."""
        index = self._count
        self._count += 1
        first = self._first
        common = list(filter(first.__contains__, grams))
        if not common:
            first.update(zip(grams, repeat(index)))
            return {}
        first.update(zip(grams.difference(common), repeat(index)))
        more, stock, limit = self._more, self._stock, self.max_bucket
        live = list(filterfalse(stock.__contains__, common))
        shared: dict[int, int] = {}
        if len(live) >= min_shared:
            # count, at C speed, each earlier text once per live shingle it has: its first
            # writer, then the later ones (a bucket holds up to max_bucket of them)
            counts = Counter(map(first.__getitem__, live))
            counts.update(chain.from_iterable(map(more.get, live, repeat(()))))
            shared = {j: n for j, n in counts.items() if n >= min_shared}
        for gram in live:
            owners = more.get(gram)
            if owners is None:
                owners = more[gram] = [index]
            else:
                owners.append(index)
            if len(owners) + 1 >= limit:
                stock.add(gram)
                del more[gram]
        return shared


SEVERITY_CHOICES = ("error", "warning", "info", "off")


def severity_option(rule: str, key: str, value: str) -> Severity | None:
    """A per-kind severity option (type ``severity``, checked at load): a :class:`Severity`, or None for "off"."""
    cleaned = value.strip().lower()
    return None if cleaned == "off" else Severity.parse(cleaned)


@lru_cache(maxsize=64)
def _exemption(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def exemption(rule: str, patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for a list of exemption patterns (each must match a whole line of text; checked at load)."""
    return _exemption(tuple(patterns))


_TRIM = " \t\r\n\"'“”‘’.!;:,-–—…"


def is_exempt(pattern: re.Pattern[str] | None, text: str) -> bool:
    """Does the whole of ``text`` (each of its lines) match an exemption pattern?"""
    if pattern is None:
        return False
    lines = [line.strip(_TRIM) for line in text.splitlines() if line.strip(_TRIM)]
    if not lines:
        return False
    return all(pattern.fullmatch(" ".join(line.split())) for line in lines)


def documents_entries(documents: Sequence[Document]) -> Iterator[tuple[Document, Entry]]:
    for document in documents:
        for entry in document.entries:
            yield document, entry


def clear_caches() -> None:
    """Forget every levelled text (a long-running process re-reading edited files may call it)."""
    global _paragraphs_cached
    _PARAGRAPHS.clear()
    _paragraphs_cached = 0
    paragraph_sentences.cache_clear()
    _names.cache_clear()
    _TOKENS.clear()
    _IDS.clear()
