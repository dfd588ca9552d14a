"""Fingerprints of findings that survive lines moving: for SARIF, GitLab and baselines.

A fingerprint hashes what identifies a finding, never where it stands: the rule, the
path, the entry and phase, and the finding's text (``Diagnostic.fingerprint_text``
when the check gave one, else the text of its span), normalised so that case and
whitespace changes do not matter. Identical findings in one file (the same
placeholder twice in one phase) are told apart by their order of occurrence.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from lint.model import Diagnostic

VERSION = "1"
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case-folded, with runs of whitespace reduced to one space and the ends trimmed."""
    return _SPACE.sub(" ", text).strip().casefold()


def identity(diagnostic: Diagnostic, text: str) -> str:
    """The fields a fingerprint hashes, joined by NUL (``text`` is the document's text)."""
    subject = diagnostic.fingerprint_text if diagnostic.fingerprint_text is not None else diagnostic.span.slice(text)
    parts = (
        VERSION,
        diagnostic.rule,
        diagnostic.path,
        diagnostic.entry or "",
        diagnostic.phase or "",
        normalise(subject),
    )
    return "\0".join(parts)


def fingerprints(diagnostics: Sequence[Diagnostic], texts: Mapping[str, str]) -> list[str]:
    """One hex SHA-256 fingerprint per diagnostic, unique within the run.

    ``texts`` maps each path to its document's text. The n-th repeat (n >= 1, in the
    order given) of an identity hashes ``identity + NUL + n``; the first hashes the
    identity alone, so a finding keeps its fingerprint when a copy is added after it.
    """
    seen: Counter[str] = Counter()
    result = []
    for diagnostic in diagnostics:
        key = identity(diagnostic, texts.get(diagnostic.path, ""))
        repeat = seen[key]
        seen[key] += 1
        if repeat:
            key = f"{key}\0{repeat}"
        result.append(hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest())
    return result
