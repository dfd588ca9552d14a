"""entry-copy's paragraph texts kept apart in a temporary file while a whole run is matched, each read back when asked.

A whole entry-copy run holds every document's summary while it matches the run's paragraphs
(:func:`lint.checks.entry_copy.find_matches`), and then its shingle index and the holder
index made from it (:func:`lint.checks.entry_holders.from_whole`): the run's peak of memory.
The paragraphs' texts are a fifth of the summaries (37 MiB of 172 on the 2,000-file benchmark
corpus), but matching reads few of them (the figures of a sentence and of its best sources:
17,000 reads of 137,000 paragraphs there), and the findings made afterwards about 5,000.
:class:`Apart` writes them to a temporary file (removed as soon as it is made) and reads a
paragraph's text back from it when asked (``os.pread``: a few microseconds a read), so they are
not in memory at the peak.
"""

from __future__ import annotations

import os
import weakref
from array import array
from collections.abc import Sequence


class Apart:
    """Each document's texts (``blobs``: bytes, in document order) in a temporary file; OSError
    when it cannot be written (the caller keeps them in memory). :meth:`close` removes it (and so
    does the garbage collector, if it was not)."""

    def __init__(self, blobs: Sequence[bytes]) -> None:
        import tempfile  # (here: a small run, which never sets its texts apart, does not import it)

        file = tempfile.TemporaryFile(prefix="response-lint-texts-")  # noqa: SIM115 - kept until close
        try:
            starts = array("q", [0])
            for blob in blobs:
                file.write(blob)
                starts.append(starts[-1] + len(blob))
            file.flush()
        except BaseException:
            file.close()
            raise
        self._fd = file.fileno()
        self._starts = starts
        self._close = weakref.finalize(self, file.close)

    def read(self, d: int, start: int, end: int) -> bytes:
        """Bytes ``start`` to ``end`` of document ``d``'s texts."""
        at = self._starts[d]
        if not 0 <= start <= end <= self._starts[d + 1] - at:
            raise IndexError(f"bytes {start} to {end} of document {d}'s texts")
        got = os.pread(self._fd, end - start, at + start)
        if len(got) != end - start:
            raise OSError(f"entry-copy's texts set apart were cut short (document {d})")
        return got

    def close(self) -> None:
        self._close()
