"""Which answers are the same answer: identity across documents for the cross-document rules.

An answer is identified by ``(organisation, action)``: on a per-action page the
organisation is the entry and the action the page's; on a per-organisation page
the organisation is the page's and the action the entry's. Organisation names
match after :func:`lint.names.canonical_key` (with an alias table when the rule
has one), and an acronym that only one full name of the run spells ("CO" and
"Cabinet Office") is that name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from lint.model import Document, Entry
from lint.names import acronym_of, canonical_key
from lint.readers.columns import organisations as entry_organisations


def organisation_keys(documents: Sequence[Document], aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each organisation name written in ``documents`` -> its matching key."""
    return keys_of(organisations(documents), aliases)


def organisations(documents: Iterable[Document]) -> tuple[str, ...]:
    """The organisation names the documents' entries are written by, in order (repeats too)."""
    # read from the entries' columns where a large document keeps them: no entry is made
    return tuple(name for document in documents for name in entry_organisations(document.entries) if name)


def keys_of(organisations: Iterable[str], aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each organisation name -> its matching key (names in the order of the run's entries)."""
    names: dict[str, str] = {}
    for name in organisations:
        if name not in names:
            names[name] = canonical_key(name, aliases)
    full = {key: name for name, key in names.items() if " " in key}
    for name, key in names.items():
        if " " in key or not name.strip():
            continue
        spelled = {other for other, other_name in full.items() if acronym_of(name.strip(), other_name)}
        if len(spelled) == 1:
            names[name] = spelled.pop()
    return names


def action_key(action: str | None) -> str | None:
    return action.strip().lower() if action else None


def answers(
    documents: Iterable[Document], keys: Mapping[str, str]
) -> Iterable[tuple[Document, Entry, str, str | None]]:
    """``(document, entry, organisation key, action key)`` for every entry with an organisation."""
    for document in documents:
        for entry in document.entries:
            if entry.organisation:
                yield document, entry, keys.get(entry.organisation, entry.organisation), action_key(entry.action)
