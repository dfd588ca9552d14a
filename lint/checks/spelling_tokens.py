"""The words of a text as the ``spelling`` check judges them: tokens outside the URLs, email and
web addresses, markup, directives and code spans that it masks.

Apart from :mod:`lint.checks.spelling` so that what a word is (and what is not a word) is one
module's job, and both stay short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain

from lint import regexcache

# Words, with their hyphens, apostrophes and dots, and editorial brackets: "[t]ransformation", "organi[s]ation".
# Written as ``(?:\[L\](?=\w))?\w+(?:S\w+)*`` (L a bracket's letters, S a joint), it matches what that does:
# a word that starts with a bracket is an alternative of its own, so a search skips at once the places
# where no word starts (a first character outside ``\w`` and ``[``); and nothing matched is given back
# (possessive): a joint never starts with a word character, so a shorter run could never match more.
# A quarter fewer instructions splitting a document (issue 11 (d)); tests/test_speed.py compares the two.
JOINED = r"\w++(?:(?:[-'’.]|\[[^\W\d_]{1,3}\])\w++)*+"
TOKEN = regexcache.compile(rf"{JOINED}|\[[^\W\d_]{{1,3}}\]{JOINED}")
MASK_SOURCE = (
    r"(?:https?|ftp)://\S+|\bwww\.\S+|\bmailto:\S+"  # URLs
    # an email address, and a web address written without its scheme (canada.ca/analytique): tried
    # only where a run of their characters starts, since a later start in the run gives the same
    # answer (trying every one took time with the square of a long dotted run's length)
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w-])(?<![\w-]\.)(?:-+\.)*-*\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*"
    r"|<[^<>\n]{1,200}>|\{[^{}\n]{0,200}\}|&#?\w+;|`[^`\n]*`"  # markup, directives, code
)
MASK_MARKERS = ("/", "www.", "mailto:", "@", "<", "{", "&", "`")  # no marker, nothing to mask


def masked(text: str) -> tuple[tuple[int, int], ...]:
    """Ranges of ``text`` that are URLs, email addresses or markup."""
    if not any(map(text.lower().__contains__, MASK_MARKERS)):  # (in C: no Python step a marker)
        return ()
    return tuple((m.start(), m.end()) for m in mask().finditer(text))


@lru_cache(maxsize=1)
def mask() -> re.Pattern[str]:
    # built from the program a run kept (lint.regexcache): compiling it took a cold run 3.5 M
    # instructions on the first paragraph with a URL, an address or markup (issue 11 (d))
    return regexcache.compile(MASK_SOURCE, re.IGNORECASE)


def tokens(text: str, ranges: Sequence[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    """``(offset, token)`` of each word of ``text`` outside the masked ``ranges``.

    Tokens and ranges both come in order, so one walk along the two decides (asking every
    range for every token took time in the product: 20,000 URLs on a line, minutes).
    """
    j = 0
    for match in TOKEN.finditer(text):
        start, end = match.span()
        while j < len(ranges) and ranges[j][1] <= start:
            j += 1
        if j < len(ranges) and ranges[j][0] < end:
            continue
        yield start, match.group(0)


# the tokens of each run of non-space met (a word and what clings to it: "government,", "(DfE)"),
# kept across documents: most of a document's runs were met before, in it or in earlier ones
_RUNS: dict[str, tuple[str, ...]] = {}
_RUNS_MAX = 1 << 15  # runs kept: past this, found again


def every(texts: Iterable[str]) -> set[str]:
    """The tokens of ``texts`` outside their masked ranges: what :func:`tokens` gives for each, together.

    A text with nothing to mask is taken by its runs of non-space: no token holds white space
    (nor a character ``str.split`` splits on: none is ``\\w``, ``[``, ``]`` or a joint), so its
    tokens are those of its runs, each found alone. The texts' runs are met once each (one
    ``split`` of them all, into a set), and a run's tokens are looked for only the first time it
    is met (:data:`_RUNS`): about half the work of a search of every text for tokens.
    """
    plain: list[str] = []
    found: set[str] = set()
    for text in texts:
        mask = masked(text)
        if mask:
            found.update(token for _, token in tokens(text, mask))
        else:
            plain.append(text)
    runs = set(" ".join(plain).split())
    new = runs.difference(_RUNS)
    if len(_RUNS) + len(new) > _RUNS_MAX:
        _RUNS.clear()
        new = runs
    findall = TOKEN.findall
    for run in new:
        _RUNS[run] = (run,) if run.isalnum() else tuple(findall(run))  # (all \w but "_": the run is one token)
    found.update(chain.from_iterable(map(_RUNS.__getitem__, runs)))
    return found
