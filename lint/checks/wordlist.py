"""Check kind ``wordlist``: listed words and phrases in prose, each with its advice.

The list is data: a table of phrase → advice (``words``, extended by ``extra``,
entries dropped with ``allow``). Matching is by whole words, case-insensitive,
with any run of white space between the words of a phrase. A phrase ending in
``+`` also matches its inflections (``deliver+``: delivers, delivered,
delivering). A hit inside one of the ``exceptions`` phrases is not reported
(``driving licence``, ``key stage``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from lint import regexcache
from lint.checks.api import CheckKind, Context, Finding
from lint.checks.perdoc import Remembered
from lint.model import Document, Paragraph, Related
from lint.options import Option

OPTIONS = (
    Option("words", "dict[str,str]", {}, "phrase -> advice ('' for none); a trailing + matches inflections"),
    Option("extra", "dict[str,str]", {}, "more phrases, added to words (for your config)"),
    Option("allow", "list[str]", [], "phrases of the list not to report"),
    Option("exceptions", "list[str]", [], "phrases in which a listed word is fine (e.g. 'driving licence')"),
    Option("ignore-case", "bool", True, "match without regard to case"),
)

_IRREGULAR = {"drive": ("drove", "driven"), "lead": ("led",), "take": ("took", "taken"), "make": ("made",)}
_WORD = regexcache.compile(r"\w+")
_CVC = regexcache.compile(r"[^aeiou][aeiou][bdgklmnprt]$")  # commit, combat: a doubled last letter
_SPACE = regexcache.compile(r"\s+")
# a character a word may follow, other than a space: any but an ASCII letter, digit, "_", "-" or space
# (every other character, non-ASCII letters too: a superset, for a test that may only say "none")
_BEFORE_WORD = r"[\x00-\x1f!-,./:-@\[-\^`{-\x7f\x80-\U0010ffff]"


def inflections(word: str) -> list[str]:
    """``word`` with its -s, -ed and -ing forms (commit: commits, committed, committing)."""
    if word.endswith("e"):
        stem = word[:-1]
        forms = [word, stem + "es", stem + "ed", stem + "ing"]
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        stem = word[:-1]
        forms = [word, stem + "ies", stem + "ied", word + "ing"]
    elif _CVC.search(word):
        double = word + word[-1]  # commit -> committed; combat -> combated or combatted
        forms = [word, word + "s", word + "ed", double + "ed", word + "ing", double + "ing"]
    else:
        forms = [word, word + "s", word + "es", word + "ed", word + "ing"]
    return forms + list(_IRREGULAR.get(word, ()))


def _boundary(text: str, index: int) -> bool:
    """Whether a word may end before ``text[index]`` (not inside a word, compound or contraction)."""
    if index >= len(text):
        return True
    c = text[index]
    if c.isalnum() or c in "-_":
        return False
    return not (c in "'’" and index + 1 < len(text) and text[index + 1].isalnum())


class Matcher:
    """Finds listed phrases by whole words, without a regex per phrase.

    One regex, a trie, finds the first words of the phrases (so a long list costs
    little); the rest of a phrase is compared word by word.
    """

    def __init__(self, phrases: Sequence[str], ignore_case: bool) -> None:
        self._fold = str.lower if ignore_case else (lambda text: text)
        self._words: dict[int, tuple[str, ...]] = {}
        self._last: dict[int, tuple[str, ...]] = {}
        self._by_head: dict[str, list[int]] = {}
        for index, phrase in enumerate(phrases):
            words = tuple(self._fold(w) for w in phrase.rstrip("+").split())
            if not words:
                continue
            last = inflections(words[-1]) if phrase.endswith("+") else [words[-1]]
            self._words[index] = words
            self._last[index] = tuple(sorted(set(last), key=lambda w: -len(w)))
            for head in self._last[index] if len(words) == 1 else (words[0],):
                heads = self._by_head.setdefault(head, [])
                if index not in heads:
                    heads.append(index)
        self._heads: re.Pattern[str] | None = None
        self._after: tuple[re.Pattern[str], re.Pattern[str]] | None = None  # (heads made)

    def _next_words(self, head: str) -> tuple[str, ...]:
        """The words one of ``head``'s phrases may go on with; () when one of them is ``head`` alone,
        or ``head`` is not all letters and digits (a place inside it could then start a word)."""
        if not head.isalnum():
            return ()
        following: set[str] = set()
        for index in self._by_head[head]:
            words = self._words[index]
            if len(words) == 1:
                return ()
            following.update(self._last[index] if len(words) == 2 else (words[1],))
        return tuple(sorted(following))

    def heads(self) -> re.Pattern[str] | None:
        """The regex of the phrases' first words (None: the list is empty), made once.

        A trie of the words (:func:`_trie`), so that a search costs about the same for a list
        of hundreds as for a few; at one place it matches the longest word that is followed by
        no more of a word, as an alternation of the words, longest first, would. Behind a ``\\b``
        when every word starts with a letter, digit or ``_`` (a match of :meth:`_heads_in` starts a
        word, so the places this skips at once are places it rejects), else with no look-behind;
        :meth:`_heads_in` rejects a match inside a word as the look-behind would. A word that only
        starts phrases of several words ("in" of "in order to") matches only where white space and
        a next word of one of them follow (:meth:`_next_words`): where they do not, no phrase can
        match, and the search goes on in C rather than through :meth:`_rest` (a plain-english
        run over 2,000 files met "in" 100,000 times, "in order to" never).
        """
        if self._heads is None and self._by_head:
            heads = list(self._by_head)
            start = r"\b" if all(_WORD.match(h) for h in heads) else ""
            lines = (" ".join((head, *self._next_words(head))) for head in heads)
            # worked out once, kept between runs; sorted: the words' order comes from sets (and _trie sorts them)
            trie = regexcache.derived("\n".join(sorted(lines)), 0, _trie_of)
            word = rf"{trie}(?![\w-]|['’]\w)"
            self._heads = regexcache.compile(start + word)
            if start:  # (see _none_in)
                self._after = (regexcache.compile(" " + word), regexcache.compile(_BEFORE_WORD + word))
        return self._heads

    def _none_in(self, heads: re.Pattern[str], folded: str) -> bool:
        """Whether ``folded`` surely holds no match of :meth:`_heads_in` (most paragraphs), found faster.

        Such a match starts the text, or follows a character that is not a letter, digit, ``_`` or
        ``-``: white space or punctuation. ``heads`` behind ``\\b`` tests that edge at every place of
        the text; a search for a space then a first word skips in C to each space, and one for the
        other characters (any but ASCII letters, digits, ``_``, ``-`` and space: a few a paragraph)
        to each of those. When neither finds a first word, ``heads`` would find none that starts a word.
        """
        if self._after is None:
            return False
        after_space, after_other = self._after
        return heads.match(folded) is None and after_space.search(folded) is None and after_other.search(folded) is None

    @staticmethod
    def _heads_in(heads: re.Pattern[str], folded: str) -> Iterator[re.Match[str]]:
        """The matches of ``heads`` that start a word, left to right, as ``(?<![\\w-])heads`` finds them.

        A match right after a letter, digit, ``_`` or ``-`` is not one, and the search goes on
        from the next character (not from its end: a word may start inside it).
        """
        search = heads.search
        at = 0
        while (head := search(folded, at)) is not None:
            start = head.start()
            before = folded[start - 1] if start else " "
            if before.isalnum() or before in "_-":
                at = start + 1
                continue
            at = head.end()
            yield head

    def _rest(self, folded: str, position: int, index: int) -> int | None:
        """End of phrase ``index`` whose first word ends at ``position``, or None."""
        words = self._words[index]
        for i in range(1, len(words)):
            space = _SPACE.match(folded, position)
            if space is None:
                return None
            position = space.end()
            choices = self._last[index] if i == len(words) - 1 else (words[i],)
            for choice in choices:
                end = position + len(choice)
                if folded.startswith(choice, position) and _boundary(folded, end):
                    position = end
                    break
            else:
                return None
        return position

    def finditer(self, text: str) -> Iterator[tuple[int, int, int]]:
        """``(phrase index, start, end)`` of each match, left to right, not overlapping."""
        heads = self.heads()
        if heads is None:
            return
        folded = self._fold(text)
        if len(folded) != len(text):  # lower-casing changed the length (rare Unicode): match as written
            folded = text
        if self._none_in(heads, folded):
            return
        position = 0
        for head in self._heads_in(heads, folded):
            start = head.start()
            if start < position:
                continue
            for index in self._by_head.get(head.group(0), ()):
                end = self._rest(folded, head.end(), index)
                if end is not None:
                    position = end
                    yield index, start, end
                    break


_Node = dict[str, "_Node"]  # a trie: character -> the node after it ("" -> {}: a word ends here)


def _trie(words: Sequence[str], after: Mapping[str, Sequence[str]] | None = None) -> str:
    """A regex matching each of ``words`` (not empty), the longest first where several match.

    Each node is one group of the branches that go on from it, one a character (so at most
    one of them can match), optional where a word ends there: greedy, so a longer word is tried
    before a shorter one, and the shorter one when what follows the longer one fails. A word
    with ``after[word]`` matches only where white space and one of those follow it (a look-ahead).
    """
    tree: _Node = {}
    for word in words:
        node = tree
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here
    after = after or {}

    def branches(node: _Node, word: str) -> str:
        options = [re.escape(c) + branches(node[c], word + c) for c in sorted(node) if c]
        ahead = _ahead(after.get(word, ())) if "" in node else ""
        if not options:
            return ahead
        group = "|".join(options)
        if ahead:
            return f"(?:{group}|{ahead})"  # the word itself last, as the optional group tries it
        return f"(?:{group})?" if "" in node else f"(?:{group})"

    return branches(tree, "")


def _ahead(following: Sequence[str]) -> str:
    """A look-ahead for white space then one of ``following`` (""; none when there are none)."""
    return rf"(?=\s+(?:{'|'.join(map(re.escape, following))}))" if following else ""


def _trie_of(lines: str, flags: int) -> str:
    """:func:`_trie` of the words that start ``lines``, each followed by the words that must come after it
    (if any), one a line (words hold no white space): as :func:`lint.regexcache.derived` keeps it, so that
    a later run does not build the trie again (a one-file run's plain-english lists: ~5 M instructions,
    issue 11 (d))."""
    words = [line.split(" ") for line in lines.split("\n")]
    return _trie([word for word, *_ in words], {word: following for word, *following in words if following})


@lru_cache(maxsize=32)
def _matcher(phrases: tuple[str, ...], ignore_case: bool) -> Matcher:
    return Matcher(phrases, ignore_case)


def _table(words: Mapping[str, str], extra: Mapping[str, str], allow: Sequence[str]) -> dict[str, str]:
    table = {**words, **extra}
    dropped = {a.strip().lower().rstrip("+") for a in allow}
    return {k.strip(): v for k, v in table.items() if k.strip() and k.strip().lower().rstrip("+") not in dropped}


_QUOTED = regexcache.compile(
    r"“[^”\n]{1,300}”|\"[^\"\n]{1,300}\"|(?<!\w)‘[^’\n]{1,300}’(?!\w)|(?<!\w)'[^'\n]{1,300}'(?!\w)"
)


def _quoted(text: str) -> list[tuple[int, int]]:
    """Ranges of ``text`` inside quotation marks: quoted titles, names and sayings."""
    if not any(q in text for q in "“\"‘'"):
        return []
    return [m.span() for m in _QUOTED.finditer(text)]


def _proper_name(text: str, start: int, end: int, sentence_starts: set[int]) -> bool:
    """Whether the hit ``text[start:end]`` is part of a proper name ("Driving Standards Agency").

    A capitalised hit inside a sentence is a name or a title ("Director General,
    Transforming Justice"); at the start of a sentence it is one only when the next
    word is capitalised too.
    """
    if not text[start : start + 1].isupper():
        return False
    if start not in sentence_starts:
        return True
    following = _WORD.search(text, end)
    if following is None or text[end : following.start()].strip(" "):
        return False
    return following.group(0)[:1].isupper()


def _sentence_starts(text: str) -> set[int]:
    from lint.checks import sentences

    starts = set()
    for s, _ in sentences.split(text):
        while s < len(text) and not text[s].isalnum():
            s += 1
        starts.add(s)
    return starts


def _groups(document: Document) -> Iterator[tuple[Paragraph, ...]]:
    """The paragraphs a word is counted over: the text before the first entry, then each entry."""
    if document.preamble:
        yield tuple(document.preamble)
    for entry in document.entries:
        yield tuple(p for phase in entry.phases for p in phase.paragraphs)


_Hits = tuple[tuple[int, int, int], ...]
# each paragraph's hits, by the rule's options (Context.settings), by text: a paragraph re-checked
# (the editor server's next change, the same paragraph in another file) is not searched again.
# They depend on nothing else: the phrases, exceptions and quotes are found in the paragraph's text
# (see _hits for the heads; no entry name, phase or front matter; suppressions are the engine's,
# after); what depends on the other paragraphs of its entry (which place is the first, the count)
# is worked out from the hits each time.
_FOUND: Remembered[_Hits] = Remembered()


def _hits(text: str, matcher: Matcher, exceptions: Matcher) -> _Hits:
    """``(phrase index, start, end)`` of each hit in one paragraph that is not excused, quoted or in a name."""
    found = list(matcher.finditer(text))
    if not found:  # most paragraphs: no exceptions or quotes to look for
        return ()
    excused = [(s, e) for _, s, e in exceptions.finditer(text)]
    excused += _quoted(text)
    starts: set[int] | None = None
    hits = []
    for index, start, end in found:
        if any(s <= start and end <= e for s, e in excused):
            continue
        if text[start : start + 1].isupper():
            if starts is None:
                starts = _sentence_starts(text)
            if _proper_name(text, start, end, starts):
                continue
        hits.append((index, start, end))
    return tuple(hits)


def check(document: Document, context: Context) -> Iterator[Finding]:
    table = _table(context["words"], context["extra"], context["allow"])
    ignore_case = context["ignore-case"]
    ordered = tuple(sorted(table, key=lambda p: -len(p)))  # "going forward" before a listed "going"
    matcher = _matcher(ordered, ignore_case)
    exceptions = _matcher(tuple(context["exceptions"]), ignore_case)
    found = _FOUND.under(context.settings())
    for group in _groups(document):
        hits: dict[str, list[tuple[Paragraph, int, int]]] = {}  # phrase -> places, in reading order
        for paragraph in group:
            text = paragraph.text
            answer = found.get(text)
            if answer is None:
                answer = _FOUND.keep(found, text, _hits(text, matcher, exceptions))
            for index, start, end in answer:
                hits.setdefault(ordered[index], []).append((paragraph, start, end))
        for phrase, places in hits.items():
            paragraph, start, end = places[0]
            advice = table[phrase]
            written = paragraph.text[start:end]
            count = len(places)
            yield Finding(
                span=paragraph.to_span(start, end),
                args={
                    "word": written,
                    "phrase": phrase.rstrip("+"),
                    "advice": advice,
                    "hint": f": {advice}" if advice else "",
                    "count": count,
                    "times": f" (used {count} times in this entry)" if count > 1 else "",
                },
                related=tuple(Related(document.path, p.to_span(s, e), "also used here") for p, s, e in places[1:]),
                fingerprint=written.lower(),
            )


KIND = CheckKind(
    name="wordlist",
    summary="listed words and phrases, whole words, each with its advice",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"word", "phrase", "advice", "hint", "count", "times"}),
    answer_text=True,
)
