"""Page furniture and document layout, shared by the readers.

*Furniture* is what a saved web page carries around its content: a document-type
label ("Policy paper"), "Published …"/"Updated …" lines, a history notice, fixed
intro sentences, and the header of a table saved as text (its column names, with the
form's guidance to the person filling it in, ``rules/words/form-guidance.txt``). The
patterns are rule data (``rules/words/furniture.txt``), which users extend
(``extend-furniture``) or replace (``furniture``) in the config.

*Layout*: a document either answers one action, with one entry per organisation
(``Action 11: …`` then organisation names), or gives one organisation's answers
to every action ("DCMS's actions in response to the Government Digital
Strategy", then ``Action 1: …`` entries), or lists actions ("Commitment 3: …"),
each with the organisation that answers it named on the next line. :func:`identify` fills in each entry's
identity (organisation, action) for the cross-document rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from lint import regexcache
from lint.model import ACTIONS, PER_ACTION, PER_ORGANISATION, Entry
from lint.names import acronym_of
from lint.readers.columns import names, organisations, with_identity
from lint.readers.titles import section_of

# "DCMS's actions in response to the Government Digital Strategy", "Actions by HMRC"
ORGANISATION_TITLE = regexcache.compile(
    r"^\s*#*\s*(?:(?P<org>.{2,120}?)['’]s?\s+(?:actions|responses?|answers)\s+(?:in\s+response\s+to|to|on)\b"
    r"(?:\s+(?:the\s+)?(?P<plan>.{3,160}?))?\s*$"
    r"|(?:actions|responses?)\s+(?:by|of|from)\s+(?P<org2>.{2,120}?)\s*$)",
    re.IGNORECASE,
)
# "This action forms part of the Government Digital Strategy."
PLAN_LINE = regexcache.compile(r"\bthis\s+action\s+forms\s+part\s+of\s+(?:the\s+)?(?P<plan>[^.]{3,160})", re.IGNORECASE)
_SENTENCE_END = regexcache.compile(r"(?<=[.!?])\s+")


def _builtin_file(name: str = "furniture.txt") -> Path:
    from lint.pack import builtin_rules_dir

    return builtin_rules_dir() / "words" / name


def _patterns(path: Path) -> tuple[str, ...]:
    """The patterns of a list file: one a line, '#' comments and blank lines left out."""
    patterns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(line)
    return tuple(patterns)


@lru_cache(maxsize=1)
def builtin_furniture() -> tuple[str, ...]:
    """The built-in furniture patterns (read once per process)."""
    return _patterns(_builtin_file())


@lru_cache(maxsize=1)
def guidance_pattern() -> re.Pattern[str]:
    """One regex that matches a sentence of form guidance (``rules/words/form-guidance.txt``),
    read when a document first has a table header: most never do."""
    every = _patterns(_builtin_file("form-guidance.txt"))
    return regexcache.compile("|".join(f"(?:{p})" for p in every), re.IGNORECASE)


@lru_cache(maxsize=16)
def furniture_pattern(patterns: tuple[str, ...] | None, extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One regex that matches a sentence of furniture (``patterns`` None: the built-in list)."""
    every = (*(builtin_furniture() if patterns is None else patterns), *extra)
    if not every:
        return re.compile(r"(?!)")
    return regexcache.compile("|".join(f"(?:{p})" for p in every), re.IGNORECASE)


def is_furniture(line: str, pattern: re.Pattern[str]) -> bool:
    """True when ``line`` is made only of furniture sentences."""
    text = " ".join(line.split())
    if not text or len(text) > 400:
        return False
    return all(pattern.fullmatch(part.strip()) for part in _SENTENCE_END.split(text) if part.strip())


# the cells of a table saved as text: run together with " / " or " | ", or split by tabs
_CELLS = regexcache.compile(r"\s+[/|]\s+|\s*\t\s*|^\s*[/|]\s+|\s+[/|]\s*$")
_LIST_MARK = regexcache.compile(r"^\s*(?:[-*•▪◦·‣]|\d{1,2}[.)])\s+")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in _CELLS.split(line) if cell.strip()]


def _column_name(cell: str) -> bool:
    """A column header or one of its listed values ("Delivery of milestones", "• On track"):
    a few words, no sentence."""
    words = _LIST_MARK.sub("", cell).split()
    return 0 < len(words) <= 6 and words[-1][-1] not in ".:;,!?…"


def table_header(texts: Sequence[str], lines: Sequence[int], k: int, pattern: re.Pattern[str]) -> int:
    """How many lines from ``texts[k]`` are the header of a table saved as text, or 0.

    The header starts with a row of three or more column names run together as cells
    ("Commitment / Portfolio / Delivery of milestones") and goes on, with no blank line
    (``lines`` holds each text's line number), over lines that go on under the last
    column, with the form's guidance for it or a value it lists ("• On track"), and may
    name the next ("Provide a brief overview of … / Next steps", :func:`guidance_pattern`).
    It is the form's, not an answer: guidance is recognised here only, under the column
    names, and a line that starts with a name starts the rows."""
    first = texts[k]
    if first.count(" / ") + first.count(" | ") + first.count("\t") < 2:
        return 0  # fewer than three cells (most lines: a plain count spares them the split)
    cells = _cells(first)
    if len(cells) < 3 or not all(_column_name(cell) for cell in cells):
        return 0
    stop = k + 1
    while stop < len(texts) and lines[stop] == lines[stop - 1] + 1:
        cells = _cells(texts[stop])
        # a line of the header goes on under the last column (its guidance, or a value it
        # lists); a line that starts with a name starts a row: "Whistleblower protections /
        # Treasury / Provide a brief overview …" is a row the form's guidance was left in
        first = cells[0] if cells else ""
        if not (_form_text(first, pattern) or (_LIST_MARK.match(first) and _column_name(first))):
            break
        if not all(_column_name(cell) or _form_text(cell, pattern) for cell in cells[1:]):
            break
        stop += 1
    return stop - k


def _form_text(cell: str, furniture: re.Pattern[str]) -> bool:
    return is_furniture(cell, furniture) or is_furniture(cell, guidance_pattern())


def organisation_of(title: str | None) -> str | None:
    """The organisation a per-organisation title names ("DCMS" in "DCMS's actions in response to …")."""
    if not title:
        return None
    m = ORGANISATION_TITLE.match(title)
    if not m:
        return None
    org = (m.group("org") or m.group("org2") or "").strip().strip("'’").strip()
    return org or None


def plan_of(title: str | None, front: str = "") -> str | None:
    """The plan a document answers: from a per-organisation title ("… in response to the
    Government Digital Strategy") or a front-matter line ("This action forms part of …")."""
    m = ORGANISATION_TITLE.match(title or "")
    plan = m.group("plan") if m else None
    if not plan:
        line = PLAN_LINE.search(front)
        plan = line.group("plan") if line else None
    return " ".join(plan.split()).rstrip(".").lower() if plan else None


def expand_acronym(org: str, text: str) -> str:
    """``org`` written out when it is an acronym the document defines ("The Attorney
    General’s Office (AGO)" for "AGO"), else ``org`` as it is."""
    if not org.replace("&", "").isalnum() or not any(c.isupper() for c in org) or len(org) > 8:
        return org
    define = re.compile(r"((?:[A-Z][\w’'&-]*,?\s+(?:(?:and|of|for|the|&)\s+)*){1,8})\(" + re.escape(org) + r"\)")
    for m in define.finditer(text, 0, min(len(text), 200_000)):
        words = m.group(1).split()
        words[-1] = _POSSESSIVE.sub("", words[-1])  # "Skills’ (BIS)": the name, not its possessive
        # the shortest tail of the capitalised run whose initials spell the acronym
        for start in range(len(words) - 1, -1, -1):
            candidate = " ".join(words[start:]).rstrip(",")
            if acronym_of(org, candidate):
                # with the head the acronym leaves out: "Department for" Business, Innovation and Skills
                while start >= 2 and words[start - 1].lower() in _HEAD_JOINERS and words[start - 2][:1].isupper():
                    start -= 2
                return " ".join(words[start:]).rstrip(",")
    return org


_POSSESSIVE = regexcache.compile(r"[’']s?$")
# "Department for Business, Innovation and Skills (BIS)", "Ministry of Justice" heads that some acronyms leave out
_HEAD_JOINERS = frozenset({"for", "of"})


def identify(
    title: str | None, action: str | None, entries: Sequence[Entry], text: str, organisation: str | None = None
) -> tuple[str, str | None, Sequence[Entry]]:
    """``(layout, organisation, entries)``: the document's layout and its entries with
    their identity (organisation, action) filled in."""
    if organisation is None and action is None:
        organisation = organisation_of(title)
    named = names(entries)  # no entry made: a document of many keeps them as columns
    if organisation is not None and not any(section_of(name) for name in named):
        organisation = None  # the title reads like one organisation's page, but the entries are not actions
    if organisation is not None:
        organisation = expand_acronym(organisation, text)
        found = with_identity(entries, [organisation] * len(named), [section_of(name) for name in named])
        return PER_ORGANISATION, organisation, found
    answered = organisations(entries)
    if action is None and entries and all(o or section_of(name) for o, name in zip(answered, named, strict=True)):
        # the entries are actions ("Commitment 3: …", a tracker's "C01.7.1 - …"), each with the
        # organisation named under it when the document names one: not organisations answering
        # one action, so never compared with another action's page as if they were
        return ACTIONS, None, with_identity(entries, answered, [section_of(name) for name in named])
    return PER_ACTION, None, with_identity(entries, list(named), [action] * len(named))
