"""The characters a regex match can start with, as a lookahead that skips every other position.

Python's ``re`` tries each branch of an alternation at every position of the text, so a
union of many ``anywhere`` patterns (``(?:\\[insert...)|(?:\\blorem...)|...``) costs the
sum of its branches on every character. Most such patterns can only start with a few
characters (``[``, ``<``, ``{``, the first letter of a word); :func:`guarded` puts a
one-class lookahead of those characters in front, so positions that cannot start a
match are rejected by one class test. The set is worked out from the parsed pattern,
and it is always a superset of the true one: the class is matched in any case. When
it cannot be worked out (a pattern that may start with any character, or may match
the empty string) the pattern is returned unchanged. Uses ``re._parser``, an
internal module, and falls back to no guard if it is missing or changes shape.
"""

from __future__ import annotations

from typing import Any

_MAX_CHARS = 200  # a class larger than this saves nothing


class _Unknown(Exception):
    """The start of a pattern cannot be bounded."""


def _chars_of_set(items: Any, c: Any) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < _MAX_CHARS:
            chars.update(chr(i) for i in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY (\w, \s), a huge range
            raise _Unknown
    return chars


def _first(sequence: Any, c: Any) -> tuple[set[str], bool]:
    """(characters a match of ``sequence`` can start with, whether it can match empty)."""
    chars: set[str] = set()
    for op, av in sequence:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the next item decides
        if op is c.LITERAL:
            return chars | {chr(av)}, False
        if op is c.IN:
            return chars | _chars_of_set(av, c), False
        if op is c.SUBPATTERN:
            found, empty = _first(av[-1], c)
        elif op is c.BRANCH:
            found, empty = set(), False
            for branch in av[1]:
                more, more_empty = _first(branch, c)
                found |= more
                empty = empty or more_empty
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            found, empty = _first(av[2], c)
            empty = empty or av[0] == 0
        elif op is getattr(c, "ATOMIC_GROUP", None):
            found, empty = _first(av, c)
        else:  # ANY, NOT_LITERAL, GROUPREF, conditionals
            raise _Unknown
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def start_class(pattern: str, flags: int = 0) -> str | None:
    """A character class (``[...]``) holding every character a match can start with, or None."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        chars, empty = _first(_parser.parse(pattern, flags), c)
    except (_Unknown, ImportError, AttributeError, TypeError, ValueError, IndexError):
        return None
    if empty or not chars or len(chars) > _MAX_CHARS:
        return None
    return "[" + "".join(map(_escape, sorted(chars))) + "]"


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def guarded(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a lookahead of the characters its matches start with, when that is known."""
    chars = start_class(pattern, flags)
    return pattern if chars is None else f"(?=(?i:{chars}))(?:{pattern})"  # (?i:): any case, a superset
