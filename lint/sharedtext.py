"""One copy of each text a document's findings repeat (:class:`Shared`), for the engine that records them."""

from __future__ import annotations


class Shared(dict[str, str]):
    """One copy of each message and phase key a document's findings repeat: 16,000 placeholders made 16,000
    equal messages and phase keys, 160 bytes a finding. Emptied past a bound: text never repeated costs no more."""

    BOUND = 1 << 12

    def one(self, text: str) -> str:
        kept = self.get(text)
        if kept is not None:
            return kept
        if len(self) >= self.BOUND:
            self.clear()
        self[text] = text
        return text
