"""How a command-line run meets its surroundings: SIGTERM, and numbers given as flags."""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterator
from contextlib import contextmanager


def finite_seconds(text: str) -> float:
    """A number of seconds for argparse: finite (``nan`` would remove the timeout; the bounds are the settings').

    Raises :class:`argparse.ArgumentTypeError`.
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number of seconds, got {text!r}")
    return value


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM (a cancelled CI job, ``timeout``) ends the run as Ctrl-C does, so
    the cleanup of a ``--fix`` in progress runs: its temporary file removed, the file left whole.
    The previous handler comes back afterwards (the CLI also runs inside tests and editors)."""
    # (not threading, to ask for the main thread: signal.signal refuses any other). _signal is the C
    # module signal wraps: the same calls, without signal's enums, whose making was 0.5% of a run
    import _signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = _signal.signal(_signal.SIGTERM, stop)
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        _signal.signal(_signal.SIGTERM, previous)
