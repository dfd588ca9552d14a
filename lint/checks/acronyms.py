"""Acronyms for the copy checks: a defined acronym reads as the acronym, and an entry's own names.

"Government Digital Service (GDS)" reads as "GDS" (:func:`collapse_definitions`);
:class:`Names` holds how an entry names itself (its name, the initials of its name,
the acronyms its text defines for it), so that "Department for Education" and "DfE"
read alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from lint import regexcache
from lint.checks.plaintext import BREAK, SENTINEL, WORD, plain, verbatim_key, words_of
from lint.model import Entry

_DEFINITION = regexcache.compile(r"\(\s*([A-Za-z][A-Za-z0-9&]{1,11})\s*\)")
SMALL = frozenset({"of", "and", "for", "the", "in", "on", "to", "&", "at", "by"})


def _defined_words(before: Sequence[str], acronym: str) -> int:
    """How many of the words ``before`` an acronym it abbreviates (0: none)."""
    letters = acronym.lower()
    if letters.endswith("s") and len(letters) > 2 and acronym[-1] == "s" and acronym[:-1].upper() == acronym[:-1]:
        letters = letters[:-1]  # "(APIs)"
    every = content = capitals = ""
    for k in range(1, min(len(before), 2 * len(letters) + 3) + 1):
        word = before[-k]
        if word == BREAK:
            break
        small = word.lower() in SMALL
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
        if acronym.islower() or text[max(last, match.start() - 12) : match.start()].rstrip().endswith(SENTINEL):
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


# an entry with no acronym (most) shares these: a run keeps a Names per entry (names_of's cache),
# and an empty frozenset and dict of its own were 280 of its 500 bytes
_NO_ACRONYMS: frozenset[str] = frozenset()
_NO_LOOKUP: dict[str, str] = {}  # never written to


class Names:
    """How an entry names itself: its name as written, and the spellings of its acronym.

    ``acronyms`` holds each spelling with and without a possessive ("DfE", "DfE's");
    ``lookup`` maps each to the marker word. Instances compare by identity (they
    key caches, and :meth:`of` gives the same instance for the same entry text),
    which keeps cache lookups cheap.
    """

    __slots__ = ("acronyms", "lookup", "name")

    def __init__(
        self, name: str = "", acronyms: frozenset[str] = _NO_ACRONYMS, lookup: dict[str, str] | None = None
    ) -> None:
        self.name = name
        self.acronyms = acronyms
        self.lookup = lookup if lookup is not None else dict.fromkeys(acronyms, SENTINEL) if acronyms else _NO_LOOKUP

    def __repr__(self) -> str:
        return f"Names({self.name!r}, {sorted(self.acronyms)!r})"

    @classmethod
    def of(cls, entry: Entry) -> Names:
        texts = tuple(p.text for phase in entry.phases for p in phase.paragraphs if "(" in p.text)
        return names_of(entry.organisation or entry.name, texts)


NO_NAMES = Names()


@lru_cache(maxsize=1 << 15)
def names_of(name: str, texts: tuple[str, ...]) -> Names:
    """The entry's name and acronyms: initials of its name, and any acronym its text defines for it."""
    written = " ".join(plain(name).split())
    if written.lower().startswith("the "):
        written = written[4:]
    words = [w.removesuffix("'s") for w in WORD.findall(written)]
    acronyms: set[str] = set()
    if len(words) > 1:
        content = [w for w in words if w.lower() not in SMALL]
        acronyms.add("".join(c for w in words for c in w if c.isupper()))  # HMRC, DCMS
        acronyms.add("".join(w[0] for w in words))  # DfE
        acronyms.add("".join(w[0] for w in words).upper())  # MOJ, DFID
        acronyms.add("".join(w[0] for w in content).upper())  # FCO
    acronyms = {a for a in acronyms if sum(map(str.isupper, a)) >= 2}
    name_key = verbatim_key(" ".join(words))
    for text in texts:
        found: set[str] = set()
        collapse_definitions(plain(text), found)
        for item in found:
            acronym, defined = item.split("\x00", 1)
            key = verbatim_key(defined)
            if key == name_key or key.endswith(" " + name_key) or name_key.endswith(" " + key):
                acronyms.add(acronym)  # Defra, BIS
    spellings = acronyms | {a + "'s" for a in acronyms}
    return Names(written if len(words) > 1 else "", frozenset(spellings) if spellings else _NO_ACRONYMS)
