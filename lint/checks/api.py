"""What a check kind gets (a :class:`Context`) and gives back (:class:`Finding`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from lint.model import Fix, Related, Severity, Span

if TYPE_CHECKING:
    from lint.links.results import LinkResults


@dataclass(frozen=True, slots=True)
class Context:
    """The rule a check runs for: its name, severity and resolved option values."""

    rule: str
    severity: Severity
    options: Mapping[str, Any]
    root: str = "."
    # online link results (``--links``), for check kinds that declare ``NEEDS_LINKS = True``; None when offline
    links: LinkResults | None = None

    def __getitem__(self, key: str) -> Any:
        return self.options[key]


class Finding(NamedTuple):
    """One problem a check found.

    ``args`` fill the rule's message template; ``message`` replaces the template.
    ``severity`` overrides the rule's (for checks with several levels). ``path`` is
    needed only from corpus checks. ``entry``/``phase`` are found from the span when
    left None. ``fingerprint`` is text that identifies the finding across edits
    (defaults to the text under the span).
    """

    span: Span
    args: Mapping[str, Any] = MappingProxyType({})
    message: str | None = None
    severity: Severity | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    path: str | None = None
    entry: str | None = None
    phase: str | None = None
    fingerprint: str | None = None
