"""A progress bar for long runs: files checked of the total, on stderr, on a terminal only.

The bar appears only once a run has taken :data:`DELAY` seconds (2 by default;
``RESPONSE_LINT_PROGRESS_DELAY`` sets it), so a pre-commit run on a few files never
draws one; it is never drawn when stderr is not a terminal (piped, redirected to a CI
log), when ``CI`` is set or ``TERM=dumb`` (the same policy as the link checker's bar,
:func:`lint.links.progress.wanted`). rich is imported only when the bar is drawn.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, TextIO

DELAY_ENV = "RESPONSE_LINT_PROGRESS_DELAY"


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get(DELAY_ENV, "2")))
    except ValueError:
        return 2.0


class RunProgress:
    """Counts files done; draws a bar after the delay when ``enabled``. Use as a context manager."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        from lint.terminal import wanted

        self.total = total
        self.done = 0
        self._stream = stream or sys.stderr
        self._enabled = (wanted(None, self._stream) if enabled is None else enabled) and total > 1
        self._start = time.monotonic()
        self._delay = _delay()
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> RunProgress:
        return self

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self._enabled:
            return
        if self._progress is None:
            if time.monotonic() - self._start < self._delay or self.done >= self.total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("checking files"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(file=self._stream),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("files", total=self.total)
        self._progress.update(self._task, completed=self.done)

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)
            self._progress = None
