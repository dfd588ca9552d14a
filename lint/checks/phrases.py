"""Check kind ``phrases``: paragraphs that are, or contain, listed phrases or shapes.

``whole`` patterns must match a paragraph's entire text (so "Coming soon..." is a
placeholder, while "sites ... to follow by March 2014" is prose); ``short``
patterns must match the start of a short paragraph (at most ``short-words`` words:
"Please add the 2014 figures here", "Progress update to be provided by DfE"), and
with ``label`` a short paragraph whose rest after a leading label ("Status: TBC",
"Draft - awaiting clearance") is one;
``anywhere`` patterns match inside any paragraph ("[Insert date]", "{{date}}").
``shouting`` reports a paragraph written in capitals (an editor's note such as
"DEPT TO SEND TEXT"). ``extend-*`` options add patterns to the rule's lists
without replacing them, so a user's config can extend the built-in list; ``${name}``
in a pattern stands for ``terms[name]``, so shared vocabulary is written once.
With ``empty-phase``, a phase with no text at all is reported on its heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from lint import messages, regexcache
from lint.checks import casefold, firstchars, needles
from lint.checks.api import CheckKind, Context, Finding
from lint.checks.perdoc import Remembered
from lint.model import Document, Paragraph, Span
from lint.options import Option, combinable, regex_problem
from lint.tuples import NamedTuple

OPTIONS = (
    Option(
        "whole",
        "list[regex]",
        [],
        "regexes that a whole paragraph must match (case-insensitive)",
        extendable=True,
    ),
    Option(
        "anywhere",
        "list[regex]",
        [],
        "regexes that may match anywhere in a paragraph (case-insensitive)",
        extendable=True,
    ),
    Option(
        "short",
        "list[regex]",
        [],
        "regexes that must match the start of a short paragraph (case-insensitive)",
        extendable=True,
    ),
    Option("short-words", "int", 20, "longest paragraph, in words, that `short` patterns apply to"),
    Option(
        "label",
        "regex",
        "",
        "a leading label ('Status:', 'Draft -') of a short paragraph, taken off once so that the rest is "
        "matched against `whole` and `short` again (case-insensitive; empty: off)",
    ),
    Option("terms", "dict[str,str]", {}, "named regex parts: ${name} in a pattern is replaced by terms[name]"),
    Option("shouting", "int", 0, "report a paragraph of at least this many letters written in capitals (0: off)"),
    Option("empty-phase", "bool", False, "report a phase that has no text at all"),
    Option(
        "empty-message",
        "str",
        "{phase} has no text",
        "message for an empty phase ({phase}, {entry})",
        validate=messages.validator({"phase", "entry"}),
    ),
    Option("ignore-case", "bool", True, "match without regard to case"),
    Option("preamble", "bool", True, "also check the text before the first entry"),
)

# what may surround a whole-paragraph phrase: quotes, dots, dashes, brackets
_TRIM = " \t\"'“”‘’.!;:,-–—…()[]*_"


_TERM = regexcache.compile(r"\$\{([\w-]+)\}")
# the last clause of a short paragraph, after a comma, semicolon or dash
_CLAUSE_WORDS = 6  # a longer last clause says something of its own
_LAST_CLAUSE = regexcache.compile(r"(?:,|;|\s[–—-])\s*([^,;–—]+?)[\s.!]*$")


def _expand(pattern: str, terms: Mapping[str, str], depth: int = 0) -> str:
    """``pattern`` with each ``${name}`` replaced by ``terms[name]``, itself expanded (terms may use terms).

    KeyError for an undefined name; ValueError for a term that uses itself.
    """
    if "${" not in pattern:
        return pattern
    if depth > len(terms):
        raise ValueError("a term uses itself")
    return _TERM.sub(lambda m: f"(?:{_expand(terms[m.group(1)], terms, depth + 1)})", pattern)


def _expanded(options: Mapping[str, Any], key: str) -> tuple[str, ...]:
    patterns = tuple(_expand(p, options["terms"]) for p in options[key])
    if key == "short":
        patterns = tuple(p + r"(?![\w-])" if p else p for p in patterns)
    return patterns


def _validate(options: Mapping[str, Any]) -> tuple[str, str] | None:
    """At load: every ``${term}`` defined, and each list's patterns compile and combine into one regex."""
    for name, term in options["terms"].items():
        for used in _TERM.findall(term):
            if used not in options["terms"]:
                return "terms", f"term {name!r} uses ${{{used}}}, which `terms` does not define"
        try:
            _expand(term, options["terms"])
        except ValueError:
            return "terms", f"term {name!r} uses itself, directly or through other terms"
    for key in ("whole", "anywhere", "short"):
        for pattern in options[key]:
            for name in _TERM.findall(pattern):
                if name not in options["terms"]:
                    return key, f"pattern {pattern!r} uses ${{{name}}}, which `terms` does not define"
        patterns = _expanded(options, key)
        for pattern in patterns:
            problem = regex_problem(pattern)
            if problem is not None:
                return key, problem
        problem = combinable(patterns)
        if problem is not None:
            return key, problem
    return None


@lru_cache(maxsize=64)
def _compile(patterns: tuple[str, ...], whole: bool, ignore_case: bool) -> re.Pattern[str] | None:
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)  # each pattern and their union were checked at load
    flags = re.IGNORECASE if ignore_case else 0
    # one pass for the union; a search skips at once the positions no pattern can start at
    # (the guard is worked out by parsing the union: kept between runs, as its program is)
    return regexcache.compile(rf"^(?:{body})$" if whole else regexcache.derived(body, flags, firstchars.guarded), flags)


def _lazy_rest(pattern: str, flags: int) -> str:
    """The rest of ``pattern`` when it is ``.*?`` then the rest, in sequence (not ``.*?a|b``); else "".

    Matched at a text's start, such a pattern is its rest searched for, found before the first line
    break (``.`` stops at one): see :func:`_starts`. Uses ``re._parser`` ("" if that fails); its
    answer is kept between runs (:func:`lint.regexcache.derived`).
    """
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        op, (least, most, repeated) = _parser.parse(pattern, flags)[0]
        lazy = op is c.MIN_REPEAT and (least, most) == (0, c.MAXREPEAT) and list(repeated) == [(c.ANY, None)]
    except Exception:  # an internal module that changed shape: match the pattern as written
        return ""
    return pattern[3:] if lazy and pattern.startswith(".*?") else ""


def _late(patterns: tuple[str, ...], ignore_case: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``short`` patterns split: those matched at the start, and the rests of those that open with ``.*?``.

    Such a pattern, in the union matched at the start, was tried again at every character up to
    where its rest matched (a fifth of the union's cost on a one-file run); a search finds its
    rest in one pass.
    """
    flags = re.IGNORECASE if ignore_case else 0
    rests = {p: regexcache.derived(p, flags, _lazy_rest) for p in patterns if p.startswith(".*?")}
    return tuple(p for p in patterns if not rests.get(p)), tuple(rest for rest in rests.values() if rest)


@lru_cache(maxsize=16)
def _search(patterns: tuple[str, ...], ignore_case: bool) -> re.Pattern[str] | None:
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)  # each pattern and their union were checked at load
    return regexcache.compile(body, re.IGNORECASE if ignore_case else 0)


@lru_cache(maxsize=64)
def _needles(patterns: tuple[str, ...], ignore_case: bool) -> needles.Tests | None:
    """What a paragraph must contain for the ``anywhere`` union to match in it (see :mod:`.needles`)."""
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)
    return needles.decode(regexcache.derived(body, re.IGNORECASE if ignore_case else 0, needles.encode))


@lru_cache(maxsize=16)
def _label(pattern: str, ignore_case: bool) -> re.Pattern[str] | None:
    return regexcache.compile(pattern, re.IGNORECASE if ignore_case else 0) if pattern else None


class _Shapes(NamedTuple):
    whole: re.Pattern[str] | None
    anywhere: re.Pattern[str] | None
    short: re.Pattern[str] | None  # the ``short`` patterns matched at the start ...
    short_late: re.Pattern[str] | None  # ... and the rests of those that open with ``.*?`` (_late)
    short_words: int
    shouting: int
    label: re.Pattern[str] | None
    needles: needles.Tests | None  # a text without them holds no ``anywhere`` match
    # the same shapes matched case-sensitively on a short ASCII paragraph lowered (None: not all could be)
    folded: _Shapes | None = None


def _fold(program: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """``program`` rewritten by :func:`.casefold.folded` (None: it could not be); kept between runs."""
    if program is None or not program.flags & re.IGNORECASE:
        return None
    pattern = regexcache.derived(program.pattern, program.flags, casefold.folded)
    return regexcache.compile(pattern, casefold.folded_flags(program.flags)) if pattern else None


def _folded(shapes: _Shapes) -> _Shapes | None:
    """``shapes`` with the programs :func:`_unfinished` matches on a short paragraph folded (:func:`_fold`), or
    None when one of them cannot be."""
    programs = (shapes.whole, shapes.short, shapes.short_late, shapes.label)
    whole, short, late, label = rewritten = tuple(map(_fold, programs))
    if any(program is not None and folded is None for program, folded in zip(programs, rewritten, strict=True)):
        return None
    return shapes._replace(whole=whole, short=short, short_late=late, label=label)


# the commonest small letters of English: counted at C speed, a lower bound of a text's small letters
_COMMON_SMALL = "etaoinsrhl"


def _shouting(core: str, least: int) -> bool:
    """Whether ``core`` is written in capitals: an editor's note ("DEPT TO SEND TEXT BY FRIDAY")."""
    if least <= 0 or len(core) < least or (core.count("e") + core.count("t")) * 10 > len(core):
        return False  # too short, or over a tenth "e" and "t" alone: prose (nearly every paragraph: two walks, in C)
    if sum(map(core.count, _COMMON_SMALL)) * 10 > len(core):
        return False  # over a tenth small letters: prose, decided without a walk per letter
    letters = [c for c in core if c.isalpha()]
    if len(letters) < least or len(core.split()) < 2:
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _starts(text: str, shapes: _Shapes) -> bool:
    """Whether a ``short`` pattern matches at the start of ``text``: one matched there, or the rest of
    one that opens with ``.*?`` found before the first line break (the first place the rest matches
    is the earliest: if a line break comes before it, one comes before any)."""
    if shapes.short is not None and shapes.short.match(text):
        return True
    found = shapes.short_late.search(text) if shapes.short_late is not None else None
    return found is not None and "\n" not in text[: found.start()]


def _unfinished(core: str, shapes: _Shapes) -> bool:
    """Whether ``core`` (a paragraph less what surrounds it) is, or starts like, an unfinished statement."""
    whole = shapes.whole
    if len(core.split(None, shapes.short_words)) > shapes.short_words:
        return whole is not None and whole.match(core) is not None  # over short_words words: whole alone
    if shapes.folded is not None and core.isascii():  # (most short paragraphs)
        core, shapes = core.lower(), shapes.folded  # the same matches, about twice as fast (.casefold)
        whole = shapes.whole
    if whole is not None and whole.match(core):
        return True
    if _starts(core, shapes):
        return True
    if shapes.label is not None:
        m = shapes.label.match(core)  # "Status: TBC", "Draft - anything", "NB: check this"
        if m is not None:
            label, rest = core[: m.end()].rstrip(_TRIM + " :;"), core[m.end() :].strip(_TRIM)
            if whole is not None and ((label and whole.match(label)) or (rest and whole.match(rest))):
                return True
            if rest and _starts(rest, shapes):
                return True
        last = _LAST_CLAUSE.search(core)  # "Text from last year - needs refreshing", "see tracker, to be summarised"
        if last is not None and len(last.group(1).split()) <= _CLAUSE_WORDS:
            return _starts(last.group(1), shapes)
    return False


def _shape_options(context: Context) -> tuple[Any, ...]:
    """The options :func:`_shapes` compiles (the patterns as written), as its cache's key."""
    return (
        tuple(context["whole"]),
        tuple(context["anywhere"]),
        tuple(context["short"]),
        tuple(context["terms"].items()),
        context["short-words"],
        context["shouting"],
        context["label"],
        context["ignore-case"],
    )


@lru_cache(maxsize=16)
def _shapes(values: tuple[Any, ...]) -> _Shapes:
    """The patterns of :func:`_shape_options`, compiled."""
    whole, anywhere, short, terms, short_words, shouting, label, ignore_case = values
    options = {"whole": whole, "anywhere": anywhere, "short": short, "terms": dict(terms)}
    at_start, late = _late(_expanded(options, "short"), ignore_case)
    shapes = _Shapes(
        _compile(_expanded(options, "whole"), True, ignore_case),
        _compile(_expanded(options, "anywhere"), False, ignore_case),
        _compile(at_start, False, ignore_case),
        _search(late, ignore_case),
        short_words,
        shouting,
        _label(label, ignore_case),
        _needles(_expanded(options, "anywhere"), ignore_case),
    )
    return shapes._replace(folded=_folded(shapes))


def _paragraph(text: str, shapes: _Shapes) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, text)`` of each finding in one paragraph: the whole of it, or what ``anywhere`` matches."""
    core = text.strip(_TRIM) or text.strip()  # "???" or "..." alone is matched as written
    if core and (_unfinished(core, shapes) or _shouting(core, shapes.shouting)):
        stripped = text.strip()
        start = text.index(stripped[0])
        return ((start, start + len(stripped), stripped),)
    anywhere, tests = shapes.anywhere, shapes.needles
    if anywhere is None or (tests is not None and not needles.may_match(tests, text)):
        return ()
    return tuple((m.start(), m.end(), m.group(0)) for m in anywhere.finditer(text) if m.end() > m.start())


# each paragraph's findings, by the rule's options (Context.settings), by text: a paragraph
# re-checked (the editor server's next change, the same paragraph in another file) is not matched
# again. They depend on nothing else: the paragraph's text is matched against the options' patterns
# alone (no entry name, phase, front matter or other paragraph; suppressions are the engine's, after).
# An empty phase's finding, which depends on the phase, is not kept here.
_Answer = tuple[tuple[int, int, str], ...]
_FOUND: Remembered[_Answer] = Remembered()


def _scan(paragraphs: Iterable[Paragraph], found: dict[str, _Answer], shapes: _Shapes) -> Iterator[Finding]:
    """The findings of ``paragraphs``, each from ``found`` (its answers under the rule's options) or made."""
    for paragraph in paragraphs:
        text = paragraph.text
        answer = found.get(text)
        if answer is None:
            answer = _FOUND.keep(found, text, _paragraph(text, shapes))
        for start, end, matched in answer:
            yield Finding(span=paragraph.to_span(start, end), args={"text": matched})


def check(document: Document, context: Context) -> Iterator[Finding]:
    found = _FOUND.under(context.settings())
    shapes = _shapes(_shape_options(context))  # once a document, not once a paragraph (~5 us each)
    if context["preamble"]:
        yield from _scan(document.preamble, found, shapes)
    for entry in document.entries:
        yield from _scan(entry.intro, found, shapes)  # text before the entry's first phase heading
        for phase in entry.phases:
            if context["empty-phase"] and not any(p.text.strip() for p in phase.paragraphs):
                span = phase.heading_span or phase.span
                if not phase.heading_span:
                    span = Span(phase.span.start, phase.span.start + min(phase.span.length, 200))
                label = phase.heading or phase.key
                yield Finding(
                    span=span,
                    message=messages.fill(context["empty-message"], {"phase": label, "entry": entry.name}),
                    entry=entry.name,
                    phase=phase.key,
                )
                continue
            yield from _scan(phase.paragraphs, found, shapes)


KIND = CheckKind(
    name="phrases",
    summary="paragraphs that *are* (`whole`), start like (`short`) or contain (`anywhere`) a phrase; empty phases",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"text"}),
    summary_role="placeholder",
    validate=_validate,
    answer_text=True,
)
