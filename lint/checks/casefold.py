"""A case-insensitive regex rewritten as a case-sensitive one that gives the same matches on an ASCII text lowered.

``re`` matches a pattern compiled with ``IGNORECASE`` a good deal more slowly than the same
pattern without it: each character is compared through a case-folding call, and a union of
alternatives cannot reject an alternative by its first character (``_sre``'s fast test of a
branch looks only at a case-sensitive literal or class). placeholder's ``short`` union of 47
shapes, matched at the start of every short paragraph, spends most of its time there.

:func:`folded` rewrites such a pattern from its parse (``re._parser``): each literal, negated
literal and class becomes the set of characters of :data:`ALPHABET` (the characters of an ASCII
text after :meth:`str.lower`: every ASCII character but a capital) that the original matches
under ``IGNORECASE``, found by trying each of them with ``re`` itself, so ``re``'s own case
folding decides (``k`` matches the Kelvin sign ``K``, ``s`` the long ``ſ``: neither is in an
ASCII text). Everything else (repeats, groups, alternations, look-arounds, anchors, ``\\w``,
``\\s``, ``.``) is written back as it was: none of it depends on case. For an ASCII text every
node then matches ``text.lower()`` where the original matches ``text``, at the same offsets
(lowering an ASCII text keeps its length; ``re`` compares an ASCII character by its lower case).
A caller uses the result only on an ASCII text (:meth:`str.isascii`) and matches the original
on any other.

A pattern with a group reference, a group that turns case-insensitivity off (``(?-i:...)``) or
changes another flag, or a node this module does not know gives "" (no rewrite: the caller
keeps the original). The result is kept with the programs (:func:`lint.regexcache.derived`).
"""

from __future__ import annotations

import re
from typing import Any

ALPHABET = tuple(chr(code) for code in range(128) if not "A" <= chr(code) <= "Z")


class _Unsupported(Exception):
    """A node with no rewrite here: the pattern is kept as it is."""


def _escape(ch: str) -> str:
    if ch.isascii() and ch.isalnum():
        return ch
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


class _Writer:
    """Writes a parsed pattern back, its case-dependent nodes as sets of :data:`ALPHABET`."""

    def __init__(self, c: Any, flags: int) -> None:
        self.c = c
        self.flags = flags
        self.sets: dict[str, str] = {}  # a node's pattern -> its rewrite (the same letters come back)
        self.categories = {
            c.CATEGORY_DIGIT: r"\d",
            c.CATEGORY_NOT_DIGIT: r"\D",
            c.CATEGORY_SPACE: r"\s",
            c.CATEGORY_NOT_SPACE: r"\S",
            c.CATEGORY_WORD: r"\w",
            c.CATEGORY_NOT_WORD: r"\W",
        }
        self.anchors = {
            c.AT_BEGINNING: "^",
            c.AT_END: "$",
            c.AT_BOUNDARY: r"\b",
            c.AT_NON_BOUNDARY: r"\B",
            c.AT_BEGINNING_STRING: r"\A",
            c.AT_END_STRING: r"\Z",
        }

    def chars(self, node: str) -> str:
        """``node`` (one character's pattern) as the characters of ALPHABET it matches, in any case."""
        written = self.sets.get(node)
        if written is None:
            program = re.compile(node, self.flags)
            matched = [ch for ch in ALPHABET if program.fullmatch(ch)]
            if not matched:
                written = r"[^\s\S]"  # no character, but one wide (a look-behind keeps its width)
            elif len(matched) == 1:
                written = _escape(matched[0])
            else:
                written = "[" + "".join(map(_escape, matched)) + "]"
            self.sets[node] = written
        return written

    def klass(self, items: Any) -> str:
        c = self.c
        parts: list[str] = []
        for op, av in items:
            if op is c.NEGATE:
                parts.insert(0, "^")
            elif op is c.LITERAL:
                parts.append(_escape(chr(av)))
            elif op is c.RANGE:
                parts.append(f"{_escape(chr(av[0]))}-{_escape(chr(av[1]))}")
            elif op is c.CATEGORY and av in self.categories:
                parts.append(self.categories[av])
            else:
                raise _Unsupported(op)
        return "[" + "".join(parts) + "]"

    def write(self, sequence: Any) -> str:
        c = self.c
        out: list[str] = []
        for op, av in sequence:
            if op is c.LITERAL:
                out.append(self.chars(_escape(chr(av))))
            elif op is c.NOT_LITERAL:
                out.append(self.chars(f"[^{_escape(chr(av))}]"))
            elif op is c.IN:
                out.append(self.chars(self.klass(av)))
            elif op is c.ANY:
                out.append(".")
            elif op is c.AT and av in self.anchors:
                out.append(self.anchors[av])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
                least, most, inner = av
                bound = "" if most == c.MAXREPEAT else str(most)
                mode = "?" if op is c.MIN_REPEAT else "" if op is c.MAX_REPEAT else "+"
                out.append(f"(?:{self.write(inner)}){{{least},{bound}}}{mode}")
            elif op is c.SUBPATTERN:
                _, add, remove, inner = av
                if remove or add & ~c.SRE_FLAG_IGNORECASE:
                    raise _Unsupported("a group that changes the flags")
                out.append(f"(?:{self.write(inner)})")  # (?i:...) inside a pattern matched in any case
            elif op is c.BRANCH:
                out.append("(?:" + "|".join(self.write(branch) for branch in av[1]) + ")")
            elif op in (c.ASSERT, c.ASSERT_NOT):
                direction, inner = av
                behind = "<" if direction < 0 else ""
                out.append(f"(?{behind}{'=' if op is c.ASSERT else '!'}{self.write(inner)})")
            elif op is getattr(c, "ATOMIC_GROUP", None):
                out.append(f"(?>{self.write(av)})")
            else:
                raise _Unsupported(op)
        return "".join(out)


def folded(pattern: str, flags: int = 0) -> str:
    """``pattern``, matched with ``flags`` (``IGNORECASE`` among them), as a pattern matched with
    :func:`folded_flags` that matches ``text.lower()`` where the original matches an ASCII ``text``
    ("": no such rewrite; see the module's docstring)."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        every = int(parsed.state.flags)
        if not every & re.IGNORECASE or every & (re.LOCALE | re.ASCII | re.VERBOSE):
            return ""
        return _Writer(c, every).write(parsed)
    except (_Unsupported, ImportError, AttributeError, KeyError, TypeError, ValueError, IndexError, re.error):
        return ""


def folded_flags(flags: int) -> int:
    """The flags a :func:`folded` pattern is compiled with: ``flags`` without ``IGNORECASE``."""
    return flags & ~re.IGNORECASE
