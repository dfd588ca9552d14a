"""One escape for untrusted text, per output kind: terminal, GitHub workflow commands, XML, JSON.

Every file name, entry name, message and remote string (a server's reason phrase, a
redirect target) passes through one of these functions before a format or a warning
writes it, so that a file named ``a\\n::error ::pwned.md`` cannot write a workflow
command into a CI log, an ESC cannot recolour or retitle a terminal, a bidirectional
override cannot make a report read differently from what it says, and a control
character in a rule's name cannot make an XML report invalid.

- :func:`for_terminal`: control characters (C0, DEL, C1, including tab and the line
  breaks), Unicode line and paragraph separators and the bidirectional controls are
  shown escaped (``\\x1b``, ``\\u202e``); an undecodable byte of a file name (a lone
  surrogate from ``surrogateescape``) as ``\\xNN``. Everything else is left as written.
- :func:`for_github`: the same for everything but CR and LF, then the escapes GitHub
  documents for workflow commands: ``%``, CR, LF as ``%25``, ``%0D``, ``%0A``, and in a
  property also ``:`` and ``,`` as ``%3A`` and ``%2C``.
- :func:`for_xml`: characters XML 1.0 cannot carry (C0 but tab, LF and CR; surrogates;
  U+FFFE and U+FFFF) replaced: an undecodable file-name byte as ``\\xNN``, the rest by U+FFFD.
- :func:`for_json`: lone surrogates (which no UTF-8 writer accepts) as ``\\xNN`` or U+FFFD;
  JSON itself escapes the C0 controls, and :func:`json_text` the rest that a terminal acts on.
"""

from __future__ import annotations

import math
import re
import sys
from functools import cache
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Callable


@cache
def _chars(ranges: str) -> re.Pattern[str]:
    """The character class ``[ranges]``, compiled when an output first needs it: a class that
    reaches past U+00FF takes ``re`` a 65,536-entry table to compile, start-up time of every run.

    None of the characters these classes hold is printable (controls, separators, format
    characters, surrogates, non-characters), so text that :meth:`str.isprintable` passes
    holds none of them: the functions below return it as it is, without the regex."""
    return re.compile(f"[{ranges}]")


# C0 and C1 controls and DEL, U+2028/9, bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI), surrogates.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_TERMINAL = f"\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff"
_GITHUB = f"\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff"
_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_SURROGATE = "\ud800-\udfff"
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` safe to print on a terminal or a CI log, on one line."""
    if text.isprintable() or not _chars(_TERMINAL).search(text):
        return text
    return _chars(_TERMINAL).sub(_shown, text)


def for_github(text: str, prop: bool = False) -> str:
    """``text`` as the message (or, with ``prop``, a property value) of a GitHub workflow command."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    if text.isprintable() or not _chars(_GITHUB).search(text):
        return text
    return _chars(_GITHUB).sub(_shown, text)


def _xml_replacement(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def for_xml(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced (XML escaping itself is the writer's)."""
    if text.isprintable() or not _chars(_XML).search(text):
        return text
    return _chars(_XML).sub(_xml_replacement, text)


def for_json(text: str) -> str:
    """``text`` without lone surrogates, so that any UTF-8 writer can write it as JSON."""
    if text.isprintable() or not _chars(_SURROGATE).search(text):
        return text
    return _chars(_SURROGATE).sub(_xml_replacement, text)


def json_safe(value: object) -> object:
    """``value`` (JSON data: dicts, lists, strings, numbers) with :func:`for_json` applied to every string."""
    if isinstance(value, str):
        return for_json(value)
    if isinstance(value, dict):
        return {for_json(str(k)): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


_JSON_INERT = f"\x7f-\x9f\u2028\u2029{_BIDI}"


def _members(ranges: str) -> frozenset[str]:
    """The characters of the class ``[ranges]`` (characters and ``a-z`` ranges only, as these are)."""
    found: set[str] = set()
    at = 0
    while at < len(ranges):
        if at + 2 < len(ranges) and ranges[at + 1] == "-":
            found.update(map(chr, range(ord(ranges[at]), ord(ranges[at + 2]) + 1)))
            at += 3
        else:
            found.add(ranges[at])
            at += 1
    return frozenset(found)


_JSON_INERT_SET = _members(_JSON_INERT)


class _NotPlain(Exception):
    """A value :func:`_indented` leaves to the json module (another type, a key that is not a string)."""


def _indented(value: object, step: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=len(step))``, byte for byte, for plain data
    (dicts with string keys, lists, tuples, strings, numbers, booleans, None).

    The json module writes indented JSON in Python, a generator per level: 35 µs a finding of
    the ``json`` report. This writes the same text into one list, strings escaped by the json
    module's own (C) escape. (Module-level helpers, not nested functions: a nested function that
    calls itself is a reference cycle holding the list, kept to the end of a run whose collector
    is paused, as ``check``'s is.)
    """
    try:  # the C escape json.encoder uses, without importing the json package (start-up: issue 11 (d))
        from _json import encode_basestring as quoted
    except ImportError:  # a Python without the accelerator
        from json.encoder import encode_basestring as quoted

    parts: list[str] = []
    _write(value, "\n", step, parts.append, quoted)
    return "".join(parts)


def _scalar(item: object, quoted: Callable[[str], str]) -> str:
    if isinstance(item, str):
        return quoted(item)
    if item is None:
        return "null"
    if item is True:
        return "true"
    if item is False:
        return "false"
    if isinstance(item, int):
        return int.__repr__(item)
    if isinstance(item, float) and math.isfinite(item):
        return float.__repr__(item)
    raise _NotPlain  # another type; NaN and infinities as the json module writes them


def _write(item: object, newline: str, step: str, add: Callable[[str], None], quoted: Callable[[str], str]) -> None:
    kind = type(item)
    if kind is dict:
        if not item:
            add("{}")
            return
        inner = newline + step
        separator = "{" + inner
        for key, each in item.items():  # type: ignore[attr-defined]
            if type(key) is not str:
                raise _NotPlain
            kind = type(each)
            if kind is str:
                add(separator + quoted(key) + ": " + quoted(each))
            elif kind is dict or kind is list or kind is tuple:
                add(separator + quoted(key) + ": ")
                _write(each, inner, step, add, quoted)
            else:
                add(separator + quoted(key) + ": " + _scalar(each, quoted))
            separator = "," + inner
        add(newline + "}")
    elif kind is list or kind is tuple:
        if not item:
            add("[]")
            return
        inner = newline + step
        add("[" + inner)
        first = True
        for each in item:  # type: ignore[attr-defined]
            if not first:
                add("," + inner)
            first = False
            _write(each, inner, step, add, quoted)
        add(newline + "]")
    elif isinstance(item, dict | list | tuple):
        raise _NotPlain  # a subclass: the json module's rules
    else:
        add(_scalar(item, quoted))


def json_text(value: object, indent: int | None = 2) -> str:
    """``value`` as JSON text: strings through :func:`for_json`, and the characters a terminal or
    an editor would act on (DEL, C1, line separators, bidi controls) written as ``\\uXXXX``
    escapes: the same data, inert on display (JSON escapes C0 itself)."""

    def dumps(data: object) -> str:
        if indent is not None:
            try:
                return _indented(data, " " * indent)
            except (_NotPlain, RecursionError):
                pass  # the json module writes it, or says why it cannot
        import json

        return json.dumps(data, ensure_ascii=False, indent=indent)

    text = dumps(value)
    if text.isascii():
        return text
    # which characters the text holds, at C speed: compiling the classes' regexes (past U+00FF) took
    # 5 M instructions of a one-file run, for text that seldom holds one of their characters
    held = set(text)
    if max(held) >= "\ud800" and any("\ud800" <= char <= "\udfff" for char in held):
        text = dumps(json_safe(value))  # rare (a file name that is not UTF-8): walk the data only then
        held = set(text)
    if _JSON_INERT_SET.isdisjoint(held):
        return text
    return _chars(_JSON_INERT).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_inert(text: str) -> str | None:
    """JSON ``text`` (written with the json module's escape) as :func:`json_text` finishes its own:
    DEL, C1, line separators and bidi controls as ``\\uXXXX``; None when it holds a lone surrogate
    (give :func:`json_text` the data then: it writes those in its own way)."""
    if _chars(_SURROGATE).search(text):
        return None
    return _chars(_JSON_INERT).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def xml_inert(document: str) -> str:
    """A serialised XML ``document`` with DEL, C1, line separators and bidi controls written as
    character references (``&#x202e;``): the same document, inert when shown as text."""
    return _chars(_JSON_INERT).sub(lambda m: f"&#x{ord(m.group()):x};", document)


def say(message: str, kind: str = "warning", stream: TextIO | None = None) -> None:
    """Print ``response-lint: KIND: MESSAGE`` on stderr (or ``stream``), the message escaped for a terminal."""
    print(f"response-lint: {kind}: {for_terminal(message)}", file=stream if stream is not None else sys.stderr)
