"""People's names among the capitalised words spelling would report: "Paul Shetler" is no typo of "shelter".

A capitalised word that the dictionary does not know, one edit from a common word,
is a typo when it stands among common words ("Goverment Digital Service") and a name
when it stands beside an uncommon capitalised word ("Paul Shetler", "Llywodraeth
Cymru") or after a title ("Dr Shetler"). The spelling check gathers each such word's
neighbours over the whole document and asks :func:`personal` which are names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lint import regexcache

if TYPE_CHECKING:
    from lint.checks.lexicon import Lexicon

# Titles before a person's name; as words some are common ("sir", "lord"), so they are named here.
TITLES = (
    *("mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady"),
    *("baron", "baroness", "cllr", "councillor", "rev", "revd", "reverend", "hon"),
)

# The capitalised word just before a token, and just after one (only white space between, no punctuation).
_BEFORE = regexcache.compile(r"(?<![\w’'-])([A-Z][a-z]+)(\.?)\s+$")
_AFTER = regexcache.compile(r"(?:[’']s)?\s+([A-Z][a-z]+)(?![\w’'-])")


def neighbours(text: str, start: int, end: int, titles: frozenset[str]) -> list[str]:
    """The capitalised words right beside ``text[start:end]`` in the same run of capitals, lower-cased.

    A title before the word ("Dr", "Dr.", "Sir") is given as ``""``: a name follows it.
    """
    found = []
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        word = before.group(1).lower()
        if word in titles:
            found.append("")
        elif not before.group(2):  # "Paul. Shetler": a sentence ends between them
            found.append(word)
    after = _AFTER.match(text, end)
    if after is not None:
        found.append(after.group(1).lower())
    return found


def personal(names: dict[str, list[str]], lex: Lexicon, threshold: int) -> set[str]:
    """The name typos that stand, somewhere in the document, beside a capitalised word that is not common.

    "Paul Shetler": "Paul" is rarer than ``threshold`` as a word, so the run is a person's
    name and "Shetler" (one edit from "shelter") is the surname, here and wherever else
    the document uses it; so is the word after a title ("Sir", given as ``""``).
    "Goverment Digital Service" is made of common words: a typo.
    """
    frequencies = lex.lookup({n for ns in names.values() for n in ns if n})  # "" (a title) is 0: uncommon
    return {part for part, neighbours in names.items() if any(frequencies.get(n, 0) < threshold for n in neighbours)}
