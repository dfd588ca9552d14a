"""Judge a link from what its server answered: ok, broken (and why), moved (and where),
or pointing at a fragment the page lacks. Applies the ``accept`` list; standard
library only.
"""

from __future__ import annotations

import http

from lint.links.results import BROKEN, EXCLUDED, MOVED, OK, LinkResult, Probe
from lint.links.settings import Settings
from lint.links.urls import Target, checkable_fragment, with_fragment


def status_text(status: int, reason: str = "") -> str:
    """``"410 Gone"``: the code and its reason phrase (the standard one when the server gave none)."""
    if not reason:
        try:
            reason = http.HTTPStatus(status).phrase
        except ValueError:
            reason = ""
    return f"{status} {reason}".strip()


def works(probe: Probe, settings: Settings) -> bool:
    """Whether the final answer counts as a working page."""
    if probe.error is not None or probe.status is None:
        return False
    return probe.status in settings.accept or 200 <= probe.status < 400


def judge(target: Target, probe: Probe, settings: Settings) -> LinkResult:
    """The result for ``target`` given the ``probe`` of its URL."""
    cached = probe.from_cache
    if probe.error is not None:
        return LinkResult(target.raw, target.url, BROKEN, probe.detail, code=probe.error, cached=cached)
    assert probe.status is not None
    if not works(probe, settings):
        cause = status_text(probe.status, probe.reason)
        if probe.detail:
            cause += f" ({probe.detail})"
        if probe.hops and probe.final_url and probe.final_url != target.url:
            cause += f" at {probe.final_url}, after {probe.hops} redirect{'s' if probe.hops != 1 else ''}"
        return LinkResult(target.raw, target.url, BROKEN, cause, code=str(probe.status), cached=cached)
    fragment = None
    if settings.check_fragments and checkable_fragment(target.fragment) and probe.anchors is not None:
        assert target.fragment is not None
        if target.fragment not in probe.anchors:
            fragment = target.fragment
    if probe.moved_to and probe.moved_to != target.url:
        replacement = with_fragment(probe.moved_to, target.fragment, target.raw)
        return LinkResult(
            target.raw,
            target.url,
            MOVED,
            f"moved permanently to {replacement}",
            code=str(probe.status),
            replacement=replacement,
            fragment=fragment,
            cached=cached,
        )
    return LinkResult(
        target.raw,
        target.url,
        OK,
        status_text(probe.status, probe.reason),
        code=str(probe.status),
        fragment=fragment,
        cached=cached,
    )


def excluded(target: Target) -> LinkResult:
    return LinkResult(target.raw, target.url, EXCLUDED, "excluded by link-check.exclude", code="excluded")
