"""The values of online link checking: what a server answered (:class:`Probe`) and
what that means for a link as written (:class:`LinkResult`, :class:`LinkResults`).

Standard library only: checks read these values without importing any network code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

# what a probe's ``error`` may be; the first group is permanent (cacheable)
PERMANENT_ERRORS = frozenset({"dns", "tls", "loop", "redirects", "scheme", "invalid", "location"})
TRANSIENT_ERRORS = frozenset({"timeout", "refused", "reset", "closed", "dns-temporary", "proxy", "other"})
POLICY_ERRORS = frozenset({"private"})  # depend on the settings: never cached

# statuses that may change soon: retried, and never cached
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class Probe:
    """What asking the server for one URL found: facts, before any policy is applied.

    ``url`` is the URL requested (no fragment, no credentials). ``status`` is the
    final HTTP status (None when no response came); ``error`` names what went wrong
    when there is no usable response (see the ``*_ERRORS`` sets) and ``detail`` says
    it in words. ``moved_to`` is where the leading run of permanent redirects
    (301, 308) ends; ``final_url`` the URL of the last response. ``anchors`` are the
    ``id``/``name`` values of the page, when its whole HTML was read;
    ``partial_anchors`` those of a page read in part (reading stops once every wanted
    fragment is found, or at the size cap): enough to confirm a fragment, not to deny
    one, and never cached. ``attempts`` counts the requests made (retries included);
    ``elapsed`` is how long the last of them took to answer, redirects included.
    """

    url: str
    status: int | None = None
    reason: str = ""
    error: str | None = None
    detail: str = ""
    final_url: str | None = None
    moved_to: str | None = None
    hops: int = 0
    anchors: frozenset[str] | None = None
    partial_anchors: frozenset[str] | None = None
    attempts: int = 1
    checked_at: float = 0.0
    from_cache: bool = False
    elapsed: float | None = None  # seconds the final request took, redirects included (not cached)

    @property
    def transient(self) -> bool:
        """True when asking again soon may give another answer."""
        if self.error is not None:
            return self.error not in PERMANENT_ERRORS
        return self.status is None or self.status in TRANSIENT_STATUSES or self.status >= 500

    @property
    def cacheable(self) -> bool:
        """Successes and permanent failures are cached; transient ones and refusals by policy are not."""
        return not self.transient and self.error not in POLICY_ERRORS


# the states of a LinkResult
OK, BROKEN, MOVED, EXCLUDED, UNRELIABLE = "ok", "broken", "moved", "excluded", "unreliable"
# categories of failures that rules other than broken-link report
LOGIN, TLS = "login", "tls"


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The outcome for one link target as written in a document.

    ``state`` is ``ok``, ``broken``, ``moved``, ``excluded`` or ``unreliable`` (a
    possibly transient failure that has not yet lasted ``broken-after-runs`` runs and
    ``broken-after`` time); ``cause`` says why in
    words ("410 Gone", "timed out after 20 s", "redirect loop after 2 hops"); ``code``
    names it for machines: the final status ("410") or the error ("timeout", "dns",
    "loop", "private", ...).
    ``replacement`` is the new target for a moved link (the original fragment kept).
    ``fragment`` is the ``#id`` that the page lacks when fragment checking found it
    missing (the link may be ok or moved otherwise).
    ``category`` sets a failure apart for its own rule: ``login`` (401, 403) or ``tls``
    (a certificate problem). ``status``, ``hops``, ``final_url`` and ``elapsed`` are the
    facts category rules read; ``history`` says how long a failure has lasted
    ("failing since 2026-11-20, 4 runs"), ``failing_runs`` in how many runs.
    """

    target: str
    url: str
    state: str
    cause: str = ""
    code: str = ""
    replacement: str | None = None
    fragment: str | None = None
    cached: bool = False
    category: str | None = None
    status: int | None = None
    hops: int = 0
    final_url: str | None = None
    elapsed: float | None = None
    history: str = ""
    failing_runs: int = 0


class LinkResults(Mapping[str, LinkResult]):
    """An immutable mapping from a target as written (``Link.target``) to its result."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, LinkResult] | None = None) -> None:
        self._items: dict[str, LinkResult] = dict(items or {})

    def __getitem__(self, target: str) -> LinkResult:
        return self._items[target]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"LinkResults({len(self._items)} targets)"


@dataclass(frozen=True, slots=True)
class Counts:
    """Distinct URLs of a run by outcome, for the line printed at the end."""

    ok: int = 0
    broken: int = 0
    moved: int = 0
    excluded: int = 0
    cached: int = 0
    unreliable: int = 0

    @property
    def total(self) -> int:
        return self.ok + self.broken + self.moved + self.excluded + self.unreliable

    def line(self) -> str:
        unreliable = f"{self.unreliable} unreliable, " if self.unreliable else ""
        return (
            f"links: {self.total} distinct target{'s' if self.total != 1 else ''}: {self.ok} ok, "
            f"{self.broken} broken, {unreliable}{self.moved} moved, {self.excluded} excluded, {self.cached} cached"
        )
