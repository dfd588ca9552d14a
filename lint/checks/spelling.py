"""Check kind ``spelling``: words that neither the dictionary nor the accepted word lists know.

Words are checked against pyspellchecker's English list (see
:mod:`lint.checks.lexicon`), accepting British spellings whose American form is
known (:mod:`lint.checks.british`), plurals and prefixed forms of known words, the
rule's word lists and the user's words. Not checked: acronyms and initialisms (two
or more capitals: HMRC, DfE, GOV.UK), tokens with digits (1HMG), dotted
abbreviations and domains (e.g., gov.uk), URLs, email addresses, markup and link
targets. Hyphenated compounds are checked as wholes: known as a whole, or each
part known.

Capitalised words inside a sentence, or in a run of capitalised words, are taken
as names (Blaby, Woking, Ofsted) and reported only when they look like a misspelt
common word: at least 7 letters, and one edit (keeping the first letter) from a
word used at least ``name-typo-frequency`` times in the dictionary's corpus
("Goverment" → "government"), and not when they stand beside an uncommon capitalised
word, as a surname beside a first name does ("Paul Shetler", ``personal-names``), unless
the document spells them right elsewhere. Suggestions are at one edit unless ``suggestions``
asks for two (which can take a second per word).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from lint.checks import spelling_names, spelling_tokens, spelling_words
from lint.checks.api import CheckKind, Context, Finding
from lint.model import Document, Paragraph
from lint.options import Option
from lint.tuples import NamedTuple

OPTIONS = (
    Option("words", "list[str]", [], "words to accept, case-insensitive (your project's names and terms)"),
    Option(
        "words-file", "str?", None, "file of words to accept, one a line (# comments), relative to the project root"
    ),
    Option(
        "dictionaries",
        "list[str]",
        [],
        "word lists to accept, relative to the built-in rule pack (or the project root)",
    ),
    Option("british", "bool", True, "accept British spellings whose American form is known (organisation, centre)"),
    Option(
        "suggestions",
        "int",
        1,
        "edit distance of suggestions: 0 none, 1 fast, 2 slow (up to a second a word)",
        choices=(0, 1, 2),
    ),
    Option(
        "name-typo-frequency",
        "int",
        10000,
        "a capitalised word inside a sentence is reported only when one edit from a word this common",
    ),
    Option(
        "personal-names",
        "bool",
        True,
        "a capitalised word beside a capitalised word that is not a common word ('Paul Shetler') is part of a "
        "person's or place's name, reported only when spelt right elsewhere in the document",
    ),
    Option(
        "name-titles",
        "list[str]",
        list(spelling_names.TITLES),
        "titles that come before a person's name ('Dr Shetler', 'Sir …'): the word after one is a name",
        extendable=True,
    ),
    Option("min-length", "int", 2, "shorter words are not checked"),
)

_PREFIXES = (
    "re",
    "un",
    "non",
    "co",
    "pre",
    "post",
    "inter",
    "multi",
    "cross",
    "sub",
    "dis",
    "over",
    "under",
    "de",
    "mis",
    "out",
    "self",
    "cyber",
    "tele",
    "micro",
    "auto",
    "anti",
    "counter",
    "super",
    "semi",
    "mid",
    "e",
    "bi",
    "tri",
    "hyper",
    "meta",
    "mini",
    "mega",
    "pan",
    "intra",
    "trans",
    "up",
)
_NAME_MIN_LENGTH = 7
_PROPER = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)


class _Kind(NamedTuple):
    """How a written word is judged: the lower-case parts to look up, and whether it may be a name."""

    parts: tuple[str, ...]  # the whole word, then the parts of a compound
    name: bool  # capitalised: perhaps a name


def _paragraphs(document: Document) -> Iterator[Paragraph]:
    if (
        document.title
        and document.title_span is not None
        and document.title_span.slice(document.text) == document.title
    ):
        yield Paragraph(text=document.title, span=document.title_span)
    yield from document.paragraphs


def _acronym(word: str) -> bool:
    return sum(1 for c in word if c.isupper()) >= 2


def _kind(word: str, min_length: int) -> _Kind | None:
    """How to judge ``word`` (possessive removed), or None when it is not checked at all."""
    if word.isalpha():  # the common case, quickly
        if len(word) < min_length:
            return None
        if word.islower():
            return _Kind((word,), False)
        if word[1:].islower() or len(word) == 1:
            return _Kind((word.lower(),), word[0].isupper())
    if len(word) < min_length or "." in word or "_" in word or any(c.isdigit() for c in word):
        return None
    pieces = [p for p in word.split("-") if p]
    kept = [p for p in pieces if len(p) >= min_length and not _acronym(p)]
    if not kept or (len(pieces) == 1 and _acronym(word)):
        return None
    first = pieces[0]
    name = any(c.isupper() for c in first)  # Capitalised or camel-cased (iPlayer): perhaps a name
    whole = spelling_words.normal(word)
    return _Kind((whole,) if len(pieces) == 1 else (whole, *(spelling_words.normal(p) for p in kept)), name)


@lru_cache(maxsize=1 << 16)  # the same tokens come back document after document
def _judged(token: str, min_length: int) -> _Kind | None:
    """:func:`_kind` of a token as written."""
    return _kind(_written(token), min_length)


def _bare(token: str) -> str:
    """A token without its possessive ending."""
    return token[:-2] if token[-2:] in ("’s", "'s", "’S", "'S") else token


def _written(token: str) -> str:
    """The word as judged: no possessive ending, no editorial brackets."""
    word = _bare(token)
    return word.replace("[", "").replace("]", "") if "[" in word else word


@lru_cache(maxsize=1 << 15)  # the same unknown words come back document after document
def _forms(word: str, use_british: bool) -> frozenset[str]:
    """Other spellings under which ``word`` counts as known (British, plural, prefixed)."""
    from lint.checks.british import american_forms

    forms = set(american_forms(word)) if use_british else set()
    if "-" in word:
        forms.add(word.replace("-", ""))  # co-ordinated, e-mail
    stems = {word}
    if word.endswith("s") and len(word) > 3:
        stems.add(word[:-1])
        if word.endswith("es"):
            stems.add(word[:-2])
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            rest = word[len(prefix) :].lstrip("-")
            stems.add(rest)
            if rest.endswith("s"):
                stems.add(rest[:-1])
    for stem in stems - {word}:
        forms.add(stem)
    if use_british:
        for stem in stems - {word}:
            forms |= american_forms(stem, depth=2)
    return frozenset(forms)


def _name_typo(
    word: str, suggestions: list[str], known: dict[str, int], threshold: int, proper: frozenset[str] | set[str]
) -> bool:
    """Whether a capitalised unknown word is a misspelling rather than a name."""
    low = word.lower()
    return len(low) >= _NAME_MIN_LENGTH and any(
        s[:1] == low[:1] and (known.get(s, 0) >= threshold or s in proper) for s in suggestions
    )


def _match_case(word: str, suggestion: str) -> str:
    if word.isupper():
        return suggestion.upper()
    if word[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


@lru_cache(maxsize=1 << 14)  # misspellings come back document after document
def _hints(word: str, distance: int, accepted: frozenset[str]) -> tuple[str, ...]:
    """The suggestions for one unknown word (:func:`lexicon.suggest`; the check has loaded the lexicon)."""
    from lint.checks import lexicon

    return tuple(lexicon.suggest(lexicon.load(), (word,), distance=distance, accept=accepted).get(word, ()))


# tokens judged in earlier documents, under the rule's settings and the word lists it read, that
# are not checked or are known (never a misspelling: judged again when met again), and of those
# the capitalised words' lower-case forms (what a misspelt name may be spelt right as, elsewhere)
_PASSED: dict[Hashable, tuple[Mapping[str, Any], set[str], dict[str, str]]] = {}
_PASSED_MAX = 1 << 16  # tokens kept: past this, judged again


def _passed(settings: Hashable, context: Context) -> tuple[set[str], dict[str, str]]:
    kept = _PASSED.get(settings)
    if kept is None or kept[0] is not context.files or len(kept[1]) > _PASSED_MAX:
        _PASSED.clear()
        kept = _PASSED[settings] = (context.files, set(), {})
    return kept[1], kept[2]


def check(document: Document, context: Context) -> Iterator[Finding]:
    from lint.checks import lexicon

    distance = context["suggestions"]
    min_length = context["min-length"]
    # Judge each distinct token once; positions are worked out only for the words reported.
    paragraphs = list(_paragraphs(document))
    settings = context.settings()
    every = spelling_tokens.every(p.text for p in paragraphs)  # the document's tokens
    passed, capitalised = _passed(settings, context)  # (tokens met in earlier documents: most of them)
    kinds = {token: _judged(token, min_length) for token in every.difference(passed)}
    if not any(kinds.values()):
        passed.update(kinds)
        return
    accepted = spelling_words.accepted(context)
    try:
        lex = lexicon.load()
    except lexicon.LexiconError as exc:
        raise lexicon.LexiconError(f"rule {context.rule!r}: {exc}") from None
    use_british = context["british"]

    distinct = {kind for kind in kinds.values() if kind is not None}
    lookups = {part for kind in distinct for part in kind.parts} - accepted
    known = lex.lookup(lookups)
    unknown = lookups - known.keys()
    forms = {part: _forms(part, use_british) for part in unknown}
    form_known = lex.lookup({f for fs in forms.values() for f in fs} - accepted)

    def part_known(part: str) -> bool:
        return part in accepted or part in known or any(f in accepted or f in form_known for f in forms.get(part, ()))

    good = {
        kind
        for kind in distinct
        if part_known(kind.parts[0]) or (len(kind.parts) > 1 and all(part_known(p) for p in kind.parts[1:]))
    }
    bad = {token: kind for token, kind in kinds.items() if kind is not None and kind not in good}
    passed.update(token for token, kind in kinds.items() if kind is None or kind in good)
    capitalised.update((t, k.parts[0]) for t, k in kinds.items() if k in good and k.name and len(k.parts) == 1)
    if not bad:
        return
    # Capitalised words spelt right elsewhere in the document: "Goverment" next to "Government".
    proper = _PROPER | {capitalised[token] for token in capitalised.keys() & every}
    misspelt = {  # names shorter than a name typo can be need no suggestion
        kind.parts[0]
        for kind in bad.values()
        if "-" not in kind.parts[0] and (not kind.name or len(kind.parts[0]) >= _NAME_MIN_LENGTH)
    }
    reach = max(distance, 1 if any(k.name for k in bad.values()) else 0)
    hints = {word: list(fixes) for word in misspelt if (fixes := _hints(word, reach, accepted))}
    frequencies = lex.lookup({s for ss in hints.values() for s in ss})
    threshold = context["name-typo-frequency"]
    titles = frozenset(t.lower() for t in context["name-titles"])
    found: list[tuple[str, Finding]] = []
    names: dict[str, list[str]] = {}  # name typos: their capitalised neighbours, wherever they stand
    for paragraph in paragraphs:
        text = paragraph.text
        if not any(map(text.__contains__, bad)):  # (a token is a part of its text: a search in C each)
            continue
        for start, token in spelling_tokens.tokens(text, spelling_tokens.masked(text)):
            kind = bad.get(token)
            if kind is None:
                continue
            word = _bare(token)
            span = paragraph.to_span(start, start + len(word))
            if any(
                link.target_span is not None and link.target_span.start <= span.start < link.target_span.end
                for link in paragraph.links
            ):
                continue
            options = hints.get(kind.parts[0], [])
            judged = _written(token)
            if kind.name:
                if not _name_typo(judged, options, frequencies, threshold, proper):
                    continue
                if not any(s in proper for s in options):  # no right spelling elsewhere in the document
                    beside = spelling_names.neighbours(paragraph.text, start, start + len(token), titles)
                    names.setdefault(kind.parts[0], []).extend(beside)
            shown = [_match_case(judged, s) for s in options] if distance else []
            hint = f" (did you mean {' or '.join(repr(s) for s in shown)}?)" if shown else ""
            args = {"word": word, "suggestions": ", ".join(shown), "hint": hint}
            found.append((kind.parts[0], Finding(span=span, args=args, fingerprint=word.lower())))
    personal = spelling_names.personal(names, lex, threshold) if context["personal-names"] and names else set()
    yield from (finding for part, finding in found if part not in personal)


KIND = CheckKind(
    name="spelling",
    summary="words no dictionary or word list knows",
    check=check,
    options=OPTIONS,
    message_fields=frozenset({"word", "suggestions", "hint"}),
    check_files=spelling_words.check_files,
    answer_text=True,
)
