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
:func:`paragraph_text` (cached, shared by the three checks, forgotten after a large
document: :func:`forget_document`); its sentences, by :func:`paragraph_sentences`,
only for text that shares shingles with other text, or for all of entry-copy's (their
pass gives :func:`paragraph_text` its answer too). The levelling itself is in
:mod:`lint.checks.levelling`. Also here: the per-entry
:class:`Names`, :class:`PhaseText` (a phase's text as the checks compare it),
:class:`Unit` (a reported stretch of text); the option helpers shared by the check
kinds (severity per kind, exemption patterns) are re-exported from
:mod:`lint.checks.exempt`. rapidfuzz is imported by :func:`similarity`, when it
is first needed.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import filterfalse
from operator import itemgetter

from lint.checks import perdoc
from lint.checks.acronyms import NO_NAMES, Names, names_of
from lint.checks.exempt import NOT_APPLICABLE, SEVERITY_CHOICES, exemption, is_exempt, severity_option
from lint.checks.levelling import canonical as canonical_tokens
from lint.checks.levelling import marked, sentences_and_whole
from lint.checks.plaintext import NUMBER, ORG, STOPWORDS, figures, verbatim_key
from lint.checks.sentences import split as split_sentences
from lint.checks.shingles import IDS, ShingleIndex, grams, overlap, packed
from lint.checks.stemming import TOKENS
from lint.model import Document, Entry, Paragraph, Phase, Span

__all__ = [  # shared with the copy checks
    "NOT_APPLICABLE",
    "SEVERITY_CHOICES",
    "Names",
    "ShingleIndex",
    "exemption",
    "figures",
    "is_exempt",
    "overlap",
    "severity_option",
    "verbatim_key",
]


def _words(text: str, names: Names) -> tuple[list[str], int]:
    """The words of ``text`` with the entry's name and acronyms as one marker word, and the word count."""
    words, plain = marked(text, names)
    return words, len(plain)


class ParagraphText(tuple[str, int, "array[int]"]):
    """A paragraph as the copy checks compare it: canonical text, words and shingles.

    The shingles :func:`~lint.checks.shingles.packed` (the cache keeps a document's worth of
    paragraphs: as a frozenset they took 1.3 kB of a paragraph's 2 kB, six times its text), in
    the order of the set they were made from. (A tuple subclass with properties rather than a
    NamedTuple: cheaper to define at import and to create.)
    """

    __slots__ = ()

    @property
    def canonical(self) -> str:
        return self[0]

    @property
    def words(self) -> int:
        return self[1]

    @property
    def grams(self) -> array[int]:
        return self[2]


_PARAGRAPHS: dict[Names, dict[str, ParagraphText]] = {}  # per entry's names: paragraph text -> its analysis
# the checks share them within a document (in one of more than _PARAGRAPHS_MAX paragraphs, only
# those walked close together), and the engine has a large document's forgotten after it
# (:func:`forget_document`). A constant bound: 1 << 18 kept every paragraph a worker process saw
# (700 MB a worker on the 2,000-file benchmark corpus), and 1 << 12 a document of 4,000 entries'
# worth (4 MB, 4x its text: it missed the growth benchmark's peak-RSS bound)
_PARAGRAPHS_MAX = 1 << 10
_KEPT_ACROSS = 1 << 9  # analysed paragraphs (or entries' names) kept from one document to the next
_paragraphs_cached = 0


def paragraph_text(text: str, names: Names = NO_NAMES) -> ParagraphText:
    """The paragraph levelled and shingled in one pass (cached: the three checks share it).

    The cache is two plain dictionaries (names, then text) rather than an LRU
    cache: no key tuples and no list nodes per entry, which keeps the garbage
    collector's work down on a large run. It is emptied when it grows too big.
    """
    found = _PARAGRAPHS.get(names, _NOTHING).get(text)
    if found is None and len(split_sentences(text)) > 1:
        # levelling the sentences (which entry-copy asks for, and year-copy for most paragraphs) gives
        # the paragraph's own analysis in the same pass: asked first (action-echo runs before
        # entry-copy), the paragraph alone was levelled and hashed once more
        paragraph_sentences(text, names)
        found = _PARAGRAPHS.get(names, _NOTHING).get(text)
    if found is None:
        words, count = _words(text, names)
        joined, tokens = canonical_tokens(words)
        found = _remember(text, names, (joined, count, grams(tokens)))
    return found


_NOTHING: dict[str, ParagraphText] = {}  # never written to


def _remember(text: str, names: Names, analysed: tuple[str, int, frozenset[int]]) -> ParagraphText:
    """Keep a paragraph's analysis (canonical text, words, shingles) for :func:`paragraph_text`."""
    global _paragraphs_cached
    found = tuple.__new__(ParagraphText, (analysed[0], analysed[1], packed(analysed[2])))
    if _paragraphs_cached >= _PARAGRAPHS_MAX:
        _PARAGRAPHS.clear()
        _paragraphs_cached = 0
    cache = _PARAGRAPHS.get(names)
    if cache is None:
        cache = _PARAGRAPHS[names] = {}
    cache[text] = found
    _paragraphs_cached += 1
    return found


def analyse(text: str, names: Names = NO_NAMES) -> tuple[str, int]:
    """``(canonical text, word count)`` of ``text`` (see the module docstring)."""
    words, count = _words(text, names)
    return canonical_tokens(words)[0], count


def canonical(text: str, names: Names = NO_NAMES) -> str:
    """``text`` levelled for near-copy scoring (see the module docstring)."""
    return analyse(text, names)[0]


def content_words(canonical_text: str) -> list[str]:
    """The tokens of a canonical string that carry meaning (no stopwords, names or numbers).

    Filtered in C against one set: action-echo asks for every progress phase's, and a list
    comprehension testing the stopwords and then a tuple of two markers was a quarter of its time."""
    return list(filterfalse(_NOT_CONTENT.__contains__, canonical_text.split()))


_NOT_CONTENT = STOPWORDS | {ORG, NUMBER}


class Sentence(tuple[int, int, str, int, "array[int]"]):
    """One sentence of a paragraph, as the copy checks compare it: offsets into the
    paragraph's text, canonical text, words and shingles (packed, as :class:`ParagraphText`'s)."""

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
    def grams(self) -> array[int]:
        return self[4]


def _new_sentence(values: tuple[int, int, str, int, array[int]]) -> Sentence:
    return tuple.__new__(Sentence, values)


@lru_cache(maxsize=1 << 10)  # as _PARAGRAPHS_MAX
def paragraph_sentences(text: str, names: Names = NO_NAMES) -> tuple[Sentence, ...]:
    """The sentences of a paragraph's text, each levelled and shingled (cached for all checks).

    The paragraph is tokenised in one pass, its sentences joined by a break word,
    which is much faster than one pass per sentence; the same pass gives the
    paragraph's own analysis to :func:`paragraph_text` when it has none yet
    (:func:`~lint.checks.levelling.sentences_and_whole`).
    """
    bounds = split_sentences(text)
    if not bounds:
        return ()
    if len(bounds) == 1:  # the paragraph's own analysis: white space around the sentence changes no word
        start, end = bounds[0]
        return (_new_sentence((start, end, *paragraph_text(text, names))),)
    wanted = text not in _PARAGRAPHS.get(names, _NOTHING)
    found, whole = sentences_and_whole(text, names, bounds, wanted)
    if whole is not None:
        _remember(text, names, whole)
    return tuple(
        _new_sentence((start, end, canonical_text, count, packed(shingles)))
        for (start, end), (canonical_text, count, shingles) in zip(bounds, found, strict=True)
    )


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

    __slots__ = ("_canonical", "_grams", "_parts", "_sentences", "_span", "entry", "key", "names", "phase", "words")

    def __init__(self, entry: Entry, phase: Phase, names: Names, paragraphs: list[ParagraphText]) -> None:
        self.entry = entry
        self.phase = phase
        self.key = phase.key
        self.names = names
        self._parts = paragraphs
        self._canonical: str | None = None
        self.words = sum(map(itemgetter(1), paragraphs))
        self._grams: frozenset[int] | None = None
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
    def grams(self) -> frozenset[int]:
        """The paragraphs' shingles, as one set (worked out on first use: action-echo reads none)."""
        if self._grams is None:
            self._grams = frozenset().union(*map(itemgetter(2), self._parts))
        return self._grams

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


def similarity(a: str, b: str, cutoff: float, share: float = 0.5, min_tokens: int = 12) -> float:
    """How alike two canonical strings are, 0 to 100.

    rapidfuzz's ``fuzz.ratio``; when that is below ``cutoff`` and the shorter text
    is at least ``share`` of the longer (and ``min_tokens`` long), also the share
    of the shorter text's words found in order in the longer one, so that a copy
    with a clause added or dropped still scores high.
    """
    ratio, in_order = _SCORERS or _scorers()
    score = ratio(a, b)
    if score >= cutoff:
        return score
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) < min_tokens or len(short) < share * len(long):
        return score
    contained = 100.0 * in_order(short, long) / len(short)
    return max(score, contained)


_Scorer = Callable[..., float]
_SCORERS: tuple[_Scorer, _Scorer] | None = None  # rapidfuzz's, once imported


def _scorers() -> tuple[_Scorer, _Scorer]:
    """rapidfuzz's ``fuzz.ratio`` and ``LCSseq.similarity``, imported on first use (not at start-up) and
    kept: importing them at each call cost 2.5 us (importlib's ``_handle_fromlist``, in Python), more
    than ``fuzz.ratio`` itself."""
    global _SCORERS
    from rapidfuzz import fuzz
    from rapidfuzz.distance import LCSseq

    _SCORERS = (fuzz.ratio, LCSseq.similarity)
    return _SCORERS


def documents_entries(documents: Sequence[Document]) -> Iterator[tuple[Document, Entry]]:
    for document in documents:
        for entry in document.entries:
            yield document, entry


def forget_document() -> None:
    """After each document (the engine): forget the analysed paragraphs and the entries' names
    when there are more than :data:`_KEPT_ACROSS` of them. A large document's worth outlived it
    (of 4,000 entries, 5 MB through the corpus rules' stage); a small one's is kept for the next
    (the editor server checks the same document again after each change)."""
    if (
        max(_paragraphs_cached, paragraph_sentences.cache_info().currsize, names_of.cache_info().currsize)
        > _KEPT_ACROSS
    ):
        _forget()


def _forget() -> None:
    global _paragraphs_cached
    _PARAGRAPHS.clear()
    _paragraphs_cached = 0
    paragraph_sentences.cache_clear()
    names_of.cache_clear()


perdoc.also_forget(forget_document)


def clear_caches() -> None:
    """Forget every levelled text (a long-running process re-reading edited files may call it)."""
    _forget()
    TOKENS.clear()
    IDS.clear()
