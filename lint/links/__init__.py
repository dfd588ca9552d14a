"""Online link checking (``--links``): ask each distinct http(s) target once.

The package is split so that nothing here imports aiohttp until a run really goes
online: :mod:`lint.links.results` (the values checks read), :mod:`~lint.links.settings`,
:mod:`~lint.links.urls`, :mod:`~lint.links.cache`, :mod:`~lint.links.fragments`,
:mod:`~lint.links.history` (failures across runs), :mod:`~lint.links.verdict` and
:mod:`~lint.links.report` (``links report``) are standard library only;
:mod:`~lint.links.client` and :mod:`~lint.links.safety` hold the network code and
are imported by :mod:`~lint.links.runner` only when the online phase runs.

The app calls :func:`check_all` between reading and checking; the result is an
immutable :class:`LinkResults` that the engine hands to checks in their
``Context`` (no global state).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from lint.links.results import LinkResult, LinkResults

if TYPE_CHECKING:
    from lint.links.settings import Settings


def check_all(
    targets: Iterable[str],
    settings: Settings,
    *,
    stderr: TextIO | None = None,
    hosts: dict[str, str] | None = None,
    warn: Callable[[str], None] | None = None,
) -> LinkResults:
    """Check every distinct http(s) target in ``targets`` online; see :func:`lint.links.runner.check_all`."""
    from lint.links.runner import check_all as run

    return run(targets, settings, stderr=stderr, hosts=hosts, warn=warn)


__all__ = ["LinkResult", "LinkResults", "check_all"]
