"""Normalise organisation names so that spellings of one name match.

``normalise("Attorney <br> General's <br> Office")`` and
``normalise("The Attorney General’s Office")`` give the same key. Aliases (a
mapping of normalised variant to normalised canonical key) come from rule data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from lint import regexcache

_BR = regexcache.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_TAG = regexcache.compile(r"<[^>]{0,200}>")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_PUNCT = regexcache.compile(r"[^\w\s]")
_SPACE = regexcache.compile(r"\s+")
_HM = regexcache.compile(r"\bher majesty'?s\b|\bhis majesty'?s\b")


def display_name(raw: str) -> str:
    """The name as a reader shows it: line breaks and tags become single spaces."""
    text = _TAG.sub(" ", _BR.sub(" ", raw)) if "<" in raw else raw
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=4096)  # a corpus names few organisations, each many times (2,000 files: 29 k calls)
def normalise(raw: str) -> str:
    """A matching key: no markup, case, punctuation, leading "The", "&"/"and", "HM"."""
    return key_of_display(display_name(raw))


def key_of_display(display: str) -> str:
    """:func:`normalise` of a name already passed through :func:`display_name`."""
    text = unicodedata.normalize("NFKC", display).translate(_QUOTES).lower()
    text = _HM.sub("hm", text)
    text = text.replace("&", " and ")
    text = text.replace("'s ", "s ").replace("'", "")
    text = _PUNCT.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def canonical_key(raw: str, aliases: Mapping[str, str] | None = None) -> str:
    """``normalise`` then map through ``aliases`` (keys and values already normalised)."""
    key = normalise(raw)
    if aliases:
        return aliases.get(key, key)
    return key


_SMALL = frozenset({"and", "of", "for", "the", "&", "on", "in", "to"})


def acronym_of(acronym: str, name: str) -> bool:
    """True when ``acronym`` spells the initials of ``name``: "AGO" and "Attorney General's
    Office", "DCMS" and "Department for Culture, Media and Sport", "DfE" and "Department
    for Education", "HMT" and "HM Treasury" (an all-capitals word gives all its letters)."""
    letters = acronym.replace("&", "").replace(".", "")
    if not letters.isalpha() or len(letters) < 2 or letters.lower() == normalise(name).replace(" ", ""):
        return False
    words = [w for w in _PUNCT.sub(" ", display_name(name).translate(_QUOTES).replace("'s ", " ")).split() if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2 and not (words and words[0].isupper()):
        return False
    every = "".join(w if w.isupper() and len(w) <= 4 else w[0] for w in words).lower()
    main = "".join(w if w.isupper() and len(w) <= 4 else w[0] for w in words if w.lower() not in _SMALL).lower()
    return letters.lower() in (every, main)
