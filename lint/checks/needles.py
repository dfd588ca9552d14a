"""The substrings a regex match must contain: a test, far cheaper than the search, that a text holds no match.

A union of many ``anywhere`` patterns costs a pass of the regex engine over every paragraph,
and nearly every paragraph holds no match. Most patterns need a literal somewhere: an
alternative ``\\blorem\\s+ipsum\\b`` cannot match a text without ``lorem`` and ``ipsum`` in
it (in any case), nor ``\\[\\s*(?:insert|add)\\b[^\\]]*\\]`` one without ``[`` and ``]``.
:func:`needles` works these out from the parsed pattern: for each alternative of the union,
clauses that must all hold, each a set of substrings of which the text must contain one.
:func:`may_match` tests a text against them with ``in`` (a C search each): when it says
no, the regex would find nothing; when it says yes, the caller runs the regex as before,
so the findings are the regex's own. Every condition kept is a necessary one; a part of
a pattern that cannot be bounded (a class of many characters, a group reference) adds
none, and an alternative with none at all means no test (always "may match").

Case: a needle from a part matched without regard to case is compared with the text in
lower case. That is what ``re`` does for ASCII; the few characters where Python's
:meth:`str.lower` and ``re``'s case folding differ (a lower-case form of another length,
the dotless ``ı`` and the long ``ſ``) make :func:`may_match` say yes, and a needle that is
a cased non-ASCII letter is not kept. The needles are kept as one string
(:func:`encode`), so that :func:`lint.regexcache.derived` keeps them with the programs
and a later run does not parse the pattern again. Uses ``re._parser``, an internal
module; if it is missing or changes shape there is no test.
"""

from __future__ import annotations

from itertools import compress
from typing import Any

Needle = tuple[str, bool]  # (substring, compared in lower case)
Clause = frozenset[Needle]  # the text holds one of them
_MAX_CLASS = 12  # a class of more characters than this says too little to be worth a test
_SEP_ALT, _SEP_CLAUSE, _SEP_NEEDLE = "\x01", "\x02", "\x03"


def _usable(ch: str, fold: bool) -> str | None:
    """``ch`` as compared (lower case when ``fold``), or None when a fold of it cannot be trusted."""
    if not fold or ch.lower() == ch.upper():
        return ch
    if ch.isascii():
        return ch.lower()
    return None  # a cased non-ASCII letter: re's case folding and str.lower may differ


def _needle(text: str, fold: bool) -> Needle:
    """A needle, compared in lower case only when it holds a letter (``[`` is ``[`` in any case)."""
    return text, fold and text.lower() != text.upper()


def _best(clauses: list[Clause]) -> Clause:
    """The clause that says the most: its shortest needle the longest, then the fewest needles."""
    return max(clauses, key=lambda c: (min(len(n) for n, _ in c), -len(c)))


def _clauses(sequence: Any, c: Any, fold: bool) -> list[Clause]:
    """Clauses that every match of ``sequence`` (an ``re._parser`` sequence) satisfies."""
    found: list[Clause] = []
    run: list[str] = []  # consecutive literal characters: they stand together in the text

    def flush() -> None:
        if run:
            found.append(frozenset({_needle("".join(run), fold)}))
            run.clear()

    for op, av in sequence:
        if op is c.LITERAL:
            ch = _usable(chr(av), fold)
            if ch is None:
                flush()
            else:
                run.append(ch)
            continue
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the characters on either side still stand together
        flush()
        if op is c.IN:
            chars = _class(av, c, fold)
            if chars:
                found.append(frozenset(_needle(ch, fold) for ch in chars))
        elif op is c.SUBPATTERN:
            _, add, remove, inner = av
            inner_fold = (fold or bool(add & c.SRE_FLAG_IGNORECASE)) and not remove & c.SRE_FLAG_IGNORECASE
            found.extend(_clauses(inner, c, inner_fold))
        elif op is c.BRANCH:
            each = [_clauses(branch, c, fold) for branch in av[1]]
            if all(each):
                found.append(frozenset().union(*map(_best, each)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            if av[0] >= 1:
                found.extend(_clauses(av[2], c, fold))
        elif op is getattr(c, "ATOMIC_GROUP", None):
            found.extend(_clauses(av, c, fold))
        # anything else (ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...): no condition
    flush()
    return found


def _class(items: Any, c: Any, fold: bool) -> set[str] | None:
    """The characters of a small class of literals and ranges (None: negated, a category, too many)."""
    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    usable = {_usable(ch, fold) for ch in chars}
    if None in usable or len(usable) > _MAX_CLASS:
        return None
    return usable  # type: ignore[return-value]


def needles(pattern: str, flags: int = 0) -> list[list[Clause]] | None:
    """For each top-level alternative of ``pattern``, the clauses its matches satisfy; None: no test."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = list(_parser.parse(pattern, flags))
        fold = bool(flags & c.SRE_FLAG_IGNORECASE)
        if len(parsed) == 1 and parsed[0][0] is c.BRANCH:
            alternatives = [_clauses(branch, c, fold) for branch in parsed[0][1][1]]
        else:
            alternatives = [_clauses(parsed, c, fold)]
    except (ImportError, AttributeError, TypeError, ValueError, IndexError):
        return None
    if not all(alternatives):
        return None
    # the clause of fewest and rarest needles first: a text that fails fails at the first, cheapest test
    return [sorted(clauses, key=_weakness) for clauses in alternatives]


def _weakness(clause: Clause) -> float:
    """About how likely prose is to satisfy a clause: a letter or two are in most texts, a longer
    word in few, punctuation (``[``, ``{``, ``<``) in fewer still."""
    return sum((0.5 if n.isalnum() else 0.05) * 0.5 ** (len(n) - 1) for n, _ in clause)


def encode(pattern: str, flags: int = 0) -> str:
    """:func:`needles` as one string ("" for no test), for :func:`lint.regexcache.derived`."""
    found = needles(pattern, flags)
    if found is None or any(
        _SEP_ALT in n or _SEP_CLAUSE in n or _SEP_NEEDLE in n for a in found for cl in a for n, _ in cl
    ):
        return ""
    return _SEP_ALT.join(
        _SEP_CLAUSE.join(_SEP_NEEDLE.join(("i" if f else "s") + n for n, f in sorted(cl)) for cl in clauses)
        for clauses in found
    )


Group = tuple[tuple[Needle, ...], tuple[tuple[tuple[Needle, ...], ...], ...]]  # a first clause, the clauses after it
# the first clauses' needles, as written and in lower case (strings, then the same as needles), the groups,
# and the fewest of those strings whose absence rules all of them out (as written, in lower case)
Tests = tuple[
    tuple[str, ...],
    tuple[Needle, ...],
    tuple[str, ...],
    tuple[Needle, ...],
    tuple[Group, ...],
    tuple[str, ...],
    tuple[str, ...],
]


def _fewest(needles: tuple[str, ...]) -> tuple[str, ...]:
    """``needles`` less each that holds another: a text without ``<`` holds no ``<<``."""
    return tuple(n for n in needles if not any(other != n and other in n for other in needles))


def decode(text: str) -> Tests | None:
    """What :func:`encode` gave back, ready for :func:`may_match` (None for no test): the needles of the
    alternatives' first clauses, and the alternatives grouped by their first clause."""
    if not text:
        return None
    grouped: dict[tuple[Needle, ...], list[tuple[tuple[Needle, ...], ...]]] = {}
    for alternative in text.split(_SEP_ALT):
        clauses = [tuple((n[1:], n[0] == "i") for n in cl.split(_SEP_NEEDLE)) for cl in alternative.split(_SEP_CLAUSE)]
        grouped.setdefault(clauses[0], []).append(tuple(clauses[1:]))
    firsts = {needle for first in grouped for needle in first}
    written = tuple(sorted(needle for needle in firsts if not needle[1]))
    folded = tuple(sorted(needle for needle in firsts if needle[1]))
    groups = tuple((first, tuple(rests)) for first, rests in grouped.items())
    as_written, in_lower_case = tuple(n for n, _ in written), tuple(n for n, _ in folded)
    return as_written, written, in_lower_case, folded, groups, _fewest(as_written), _fewest(in_lower_case)


def may_match(tests: Tests, text: str) -> bool:
    """False only when no alternative's clauses all hold in ``text``: the regex cannot match it.

    Most texts hold none of the first clauses' needles, which is decided by one ``in`` a
    needle (``map``, no Python step between them); for the others, only the alternatives
    whose first clause holds are tested further (most texts: a test of the fewest needles, no set)."""
    written, written_needles, folded, folded_needles, groups, fewest_written, fewest_folded = tests
    lowered = ""
    if folded:
        lowered = text.lower()
        if not text.isascii() and (len(lowered) != len(text) or "ı" in text or "ſ" in text):
            return True  # case folding that str.lower does not do as re does: no test
    if not any(map(text.__contains__, fewest_written)) and not any(map(lowered.__contains__, fewest_folded)):
        return False  # no first clause holds
    hits = set(compress(written_needles, map(text.__contains__, written)))
    if folded:
        hits.update(compress(folded_needles, map(lowered.__contains__, folded)))
    for first, rests in groups:
        if hits.isdisjoint(first):
            continue
        for clauses in rests:
            for clause in clauses:
                for needle, fold in clause:
                    if needle in (lowered if fold else text):
                        break
                else:
                    break  # this clause fails: so does the alternative
            else:
                return True  # every clause holds
    return False
