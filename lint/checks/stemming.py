"""Tokens for the copy checks: a word's canonical token, tense and plurals levelled by a light stemmer.

"will continue to", "continued to" and "has continued to" all become "continu to":
auxiliaries are dropped, irregular past forms mapped, suffixes stripped; numbers
become ``#`` and the entry's own name ``@org``. :data:`TOKENS` caches a raw word's
token for the run (bounded).
"""

from __future__ import annotations

from lint.checks.plaintext import NUMBER, ORG, SENTINEL

# Auxiliaries dropped before scoring: "DfE will continue to" = "DfE has continued to".
AUXILIARIES = frozenset({"will", "shall", "has", "have", "had", "is", "are", "was", "were", "be", "been"})
_IRREGULAR = {
    "began": "begin",
    "begun": "begin",
    "built": "build",
    "made": "make",
    "led": "lead",
    "ran": "run",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "saw": "see",
    "seen": "see",
    "went": "go",
    "gone": "go",
    "met": "meet",
    "sought": "seek",
    "brought": "bring",
    "kept": "keep",
    "held": "hold",
    "sent": "send",
    "spent": "spend",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "won": "win",
    "grew": "grow",
    "grown": "grow",
    "found": "find",
    "bought": "buy",
    "taught": "teach",
    "thought": "think",
    "became": "become",
    "drew": "draw",
    "drawn": "draw",
    "underwent": "undergo",
    "undertook": "undertake",
    "undertaken": "undertake",
}


def stem(word: str) -> str:
    """A light suffix stripper: enough to level tense and plural, nothing clever."""
    word = _IRREGULAR.get(word, word)
    if len(word) <= 4 or word.isupper():
        return word
    if word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "planned" -> "plann" -> "plan"
    return word


class TokenCache(dict[str, str]):
    """Raw word -> canonical token ("" for a word that is dropped)."""

    def __missing__(self, raw: str) -> str:
        word = raw.strip("'")
        token = ORG if word.startswith(SENTINEL) else token_of(word)
        if len(self) < 500_000:
            self[raw] = token
        return token


def token_of(word: str) -> str:
    """The canonical token of one word ("" for a word that is dropped)."""
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if any(c.isdigit() for c in word):
        return NUMBER
    if word in AUXILIARIES or not word:
        return ""
    return stem(word)


TOKENS = TokenCache()
