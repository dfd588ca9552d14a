"""What the user sees while links are checked: a rich progress bar on a terminal
(checked/total, rate, failures so far), nothing when piped or in CI logs.
"""

from __future__ import annotations

import time
from typing import Any, TextIO

from lint.terminal import wanted

__all__ = ["Bar", "wanted"]


class Bar:
    """A progress bar over ``total`` URLs; does nothing when not ``enabled``."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.failures = 0
        self._enabled = enabled and total > 0
        self._stream = stream
        self._progress: Any = None
        self._task: Any = None
        self._start = time.monotonic()
        self._last = 0.0

    def __enter__(self) -> Bar:
        if self._enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("checking links"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TextColumn("{task.fields[failures]}"),
                TimeElapsedColumn(),
                console=Console(file=self._stream),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("links", total=self.total, rate="", failures="")
        return self

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failures += failed
        if self._progress is None:
            return
        now = time.monotonic()
        if now - self._last < 0.05 and self.done < self.total:
            return
        self._last = now
        rate = self.done / max(now - self._start, 1e-6)
        self._progress.update(
            self._task,
            completed=self.done,
            rate=f"{rate:,.0f}/s",
            failures=f"{self.failures} failed" if self.failures else "",
        )

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)
            self._progress = None
