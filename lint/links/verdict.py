"""Judge a link from what its server answered: ok, broken (and why), unreliable (a
possibly transient failure, not yet long enough in the history), moved (and where),
or pointing at a fragment the page lacks. Applies the ``accept`` list and the
``broken-after-runs`` / ``broken-after`` thresholds; standard library only.
"""

from __future__ import annotations

import http
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from lint.links.history import Observation, Record, describe, past_thresholds
from lint.links.results import BROKEN, EXCLUDED, LOGIN, MOVED, OK, TLS, UNRELIABLE, LinkResult, LinkResults, Probe
from lint.links.settings import Settings
from lint.links.urls import Target, checkable_fragment, parse_target, with_fragment


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


def observation(probe: Probe, settings: Settings) -> Observation | None:
    """What a new ``probe`` adds to the history (None for cached answers and refusals by policy)."""
    if probe.from_cache or probe.error == "private":
        return None
    if works(probe, settings):
        ok = status_text(probe.status or 0, probe.reason)
        return Observation(probe.url, True, ok, str(probe.status), False, probe.elapsed)
    if probe.error is not None:
        return Observation(probe.url, False, probe.detail, probe.error, probe.transient, probe.elapsed)
    assert probe.status is not None
    return Observation(
        probe.url, False, status_text(probe.status, probe.reason), str(probe.status), probe.transient, probe.elapsed
    )


def last_answer(record: Record) -> Probe:
    """The answer a history ``record`` saw last, as the probe :func:`observation` took it from
    (a status and its reason phrase, or an error and its words), for judging it again."""
    code = record.last_code
    if code.isdigit():
        reason = record.last_status.removeprefix(code).strip()
        return Probe(record.url, status=int(code), reason=reason, elapsed=record.elapsed)
    return Probe(record.url, error=code, detail=record.last_status, elapsed=record.elapsed)


def judge(
    target: Target, probe: Probe, settings: Settings, record: Record | None = None, at: float = 0.0
) -> LinkResult:
    """The result for ``target`` given the ``probe`` of its URL and the URL's history ``record``.

    A possibly transient failure is ``unreliable`` until the record shows it past both
    thresholds; a definite one is ``broken`` at once. ``at`` is the time of this run.
    """
    result = _judge(target, probe, settings)
    elapsed = probe.elapsed if probe.elapsed is not None else (record.elapsed if record is not None else None)
    facts = {"status": probe.status, "hops": probe.hops, "final_url": probe.final_url, "elapsed": elapsed}
    if result.state != BROKEN:
        return replace(result, **facts)  # type: ignore[arg-type]
    history = describe(record) if record is not None and record.failing else ""
    runs = record.failing_runs if record is not None else 0
    state = BROKEN
    lasting = record is not None and past_thresholds(record, settings.broken_after_runs, settings.broken_after, at)
    if probe.transient and probe.error != "private" and not lasting:
        state = UNRELIABLE
    category = None
    if probe.error == "tls":
        category = TLS
    elif probe.error is None and probe.status in (401, 403):
        category = LOGIN
    return replace(
        result,
        state=state,
        category=category,
        history=history,
        failing_runs=runs,
        **facts,  # type: ignore[arg-type]
    )


def _judge(target: Target, probe: Probe, settings: Settings) -> LinkResult:
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


def example_results(answers: Mapping[str, Mapping[str, Any]]) -> LinkResults:
    """Results for a rule example's ``links`` table (target -> what its server answered),
    judged as a first run with the default settings would judge them (the keys are
    checked when the rule file is loaded: ``lint.rules.EXAMPLE_ANSWER_KEYS``)."""
    results: dict[str, LinkResult] = {}
    settings = Settings()
    for raw, answer in answers.items():
        target = parse_target(raw)
        if target is None:
            raise ValueError(f"links: {raw!r} is not an http(s) URL")
        probe = Probe(url=target.url, **answer)
        results[raw] = judge(target, probe, settings)
    return LinkResults(results)
