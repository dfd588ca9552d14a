"""cross-page-drift worked out again from its last run after a few pages changed gives the findings of a
whole run, edit after edit (drift made and mended, pages added and removed, text moved above the
answers, organisation names changed), and reads only the summaries of the pages holding an answer a
changed page holds, through the result cache too."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lint import engine, pipeline
from lint.checks import cross_page_drift, cross_page_drift_again
from lint.checks.api import Anchored, Summaries
from lint.config import Config
from lint.resultcache import ResultCache

ORGS = ("Department for Harbours", "Office for Tides", "Ministry of Charts", "Agency for Buoys")
YEARS = (2019, 2020, 2021)


def _text(action: int, org: int, year: int, other: bool) -> str:
    published = "charts" if other else "tables"
    return (
        f"Team {org} works on action {action} in {year} and published {published} of the coast number {year + action}."
    )


def _pages(actions: int = 6, drift: frozenset[tuple[int, int, int]] = frozenset()) -> dict[str, str]:
    """A page per action (every organisation's answer) and a page per organisation (its answer to
    every action): the same answers on two layouts, with other text for ``drift``'s (action,
    organisation, year) on the organisation's page."""
    pages = {}
    for a in range(1, actions + 1):
        answers = "".join(
            f"{org}\n\n" + "".join(f"Progress during {y}\n\n{_text(a, o, y, False)}\n\n" for y in YEARS)
            for o, org in enumerate(ORGS)
        )
        pages[f"action-{a:02}.txt"] = f"Action {a}: Every agency will publish its survey data set {a}\n\n{answers}"
    for o, org in enumerate(ORGS):
        answers = "".join(
            f"Action {a}: Every agency will publish its survey data set {a}\n\n"
            + "".join(f"Progress during {y}\n\n{_text(a, o, y, (a, o, y) in drift)}\n\n" for y in YEARS)
            for a in range(1, actions + 1)
        )
        pages[f"org-{o}.txt"] = f"{org}'s actions in response to the Coastal Data Plan\n\n{answers}"
    return pages


DRIFT = frozenset({(1, 0, 2019), (2, 1, 2020), (3, 3, 2021), (5, 2, 2019)})


def _setup() -> tuple[Config, engine.Plan, Any]:
    config = Config()
    plan = engine.Plan(engine.select_rules(engine.available_rules(config), ["cross-page-drift"], [], []), config)
    return config, plan, plan.bound[0].context


def _summary(plan: engine.Plan, config: Config, name: str, text: str) -> Anchored:
    document = pipeline.read_document(name, config, text.encode())
    summary: Anchored = engine.check_document(plan, document).summaries["cross-page-drift"]
    return summary


class _Counted(Summaries):
    """Summaries that count the ones read."""

    def __init__(self, summaries: list[Anchored]) -> None:
        self.items, self.read = summaries, set()

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        self.read.add(index)
        return self.items[index]

    def path(self, index: int) -> str:
        return str(self.items[index].summary.path)

    def anchors(self, index: int) -> tuple[int, ...]:
        return self.items[index].anchors


def _edits(texts: dict[str, str]) -> Iterator[tuple[str, dict[str, str | None]]]:
    """(description, {name: new text or None}) for a run of edits, each on the texts before it."""
    drifted = _pages(drift=DRIFT | {(4, 2, 2020)})
    yield "drift made on one page", {"org-2.txt": drifted["org-2.txt"]}
    yield "drift mended", {"org-0.txt": _pages()["org-0.txt"]}
    yield "text moved above the answers", {"org-1.txt": "\n\n" + texts["org-1.txt"].replace("\n\n", "\n\n\n", 1)}
    yield (
        "an action's page drifts from every organisation's",
        {"action-03.txt": texts["action-03.txt"].replace("published tables", "published maps")},
    )
    yield "the first page of an answer removed", {"action-01.txt": None}
    yield "a page added before the others", {"action-00.txt": texts["action-02.txt"].replace("tables", "sheets")}
    yield "a page added after the others", {"zz-org.txt": texts["org-3.txt"].replace("tables", "rolls")}
    yield "two pages changed", {"org-3.txt": drifted["org-3.txt"] + "\n", "action-05.txt": _pages()["action-04.txt"]}
    yield (
        "an organisation renamed",
        {"action-02.txt": texts["action-02.txt"].replace("Office for Tides", "Tides Board")},
    )
    yield "an acronym spelled out by one name", {"zz-co.txt": texts["action-04.txt"].replace("Agency for Buoys", "AfB")}
    yield "the page spelling it removed", {"zz-co.txt": None}


def _holding(summaries: list[Anchored], changed: list[Anchored]) -> set[int]:
    """The places of the pages holding an answer one of ``changed`` holds."""
    keys = cross_page_drift.keys_of(name for s in summaries for name in s.summary.organisations)
    touched = {key for s in changed for key in cross_page_drift.keys_held(s.summary, keys)}
    return {i for i, s in enumerate(summaries) if not touched.isdisjoint(cross_page_drift.keys_held(s.summary, keys))}


def test_again_equals_a_whole_run_after_each_edit(monkeypatch):
    """Each edit followed from the state of the one before equals a whole run (kept through pickle,
    as the result cache keeps it), findings and state; every edit but those changing the organisations' keys is
    followed, reading only the pages that hold an answer the changed ones hold."""
    whole: list[int] = []
    real = cross_page_drift_again._whole
    monkeypatch.setattr(cross_page_drift_again, "_whole", lambda *a: whole.append(1) or real(*a))
    config, plan, context = _setup()
    texts = _pages(drift=DRIFT)
    summaries = {name: _summary(plan, config, name, text) for name, text in texts.items()}

    def ordered() -> list[Anchored]:
        return [summaries[name] for name in sorted(summaries)]

    found, state = cross_page_drift.check_corpus_again(None, {}, ordered(), context)
    assert found == list(cross_page_drift.check_corpus(ordered(), context)) and len(found) == len(DRIFT)
    followed, made = [], []
    for what, edit in _edits(dict(texts)):
        made.append(what)
        whole.clear()
        before = {name: summaries.get(name) for name in edit}
        for name, text in edit.items():
            texts.pop(name, None)
            summaries.pop(name, None)
            if text is not None:
                texts[name] = text
                summaries[name] = _summary(plan, config, name, text)
        if what == "text moved above the answers":
            assert before["org-1.txt"].summary == summaries["org-1.txt"].summary
            assert before["org-1.txt"].anchors != summaries["org-1.txt"].anchors
            del before["org-1.txt"]  # what it says is as it was: the cache gives it as unchanged
        now = [summaries[name] for name in before if name in summaries]
        state = pickle.loads(pickle.dumps(state))
        expected = list(cross_page_drift.check_corpus(ordered(), context))
        whole_state = cross_page_drift.check_corpus_again(None, {}, ordered(), context)[1]
        whole.clear()
        counted = _Counted(ordered())
        found, state = cross_page_drift.check_corpus_again(state, before, counted, context)
        assert found == expected, what
        assert state == whole_state, what
        if not whole:
            followed.append(what)
            assert counted.read == _holding(ordered(), [s for s in [*before.values(), *now] if s is not None]), what
        if what == "drift made on one page":
            assert len(found) == len(DRIFT) + 1
        if what == "text moved above the answers":
            assert not counted.read  # moved findings, no page read
    keys_changed = ("an organisation renamed", "an acronym spelled out by one name", "the page spelling it removed")
    assert followed == [w for w in made if w not in keys_changed]


def test_a_cached_run_reads_only_the_summaries_an_edit_touches(tmp_path: Path, monkeypatch):
    """Through the result cache, the rule's summaries are handed one by one (:class:`gathered.Lazy`):
    after an edit to one organisation's page only the pages holding its answers are read, and the
    findings are a run's without a cache, edit after edit. A summary it needs that cannot be read
    (its cache file removed) has all read and that file checked again, with the same findings."""
    import os

    from lint.cachekeys import digest

    config = Config()
    every = ["cross-page-drift", "entry-copy", "missing-entry"]
    plan = engine.Plan(engine.select_rules(engine.available_rules(config), every, [], []), config)
    read: list[str] = []
    real = ResultCache.summary

    def summary(self, path, content, rule, digest):
        if rule == "cross-page-drift":
            read.append(path)
        return real(self, path, content, rule, digest)

    monkeypatch.setattr(ResultCache, "summary", summary)
    monkeypatch.chdir(tmp_path)
    cache = ResultCache(tmp_path / "cache", "space")

    def run(texts: dict[str, str]) -> list[Any]:
        for old in tmp_path.glob("*.txt"):
            if old.name not in texts:
                old.unlink()
        for name, text in texts.items():
            if not os.path.exists(name) or Path(name).read_text(encoding="utf-8") != text:
                Path(name).write_text(text, encoding="utf-8")
        files = sorted(texts)
        expected = pipeline.check_files(files, plan, 1)[1]
        read.clear()
        found = pipeline.check_files(files, plan, 1, cache)[1]
        assert found == expected
        return list(found)

    texts = _pages(drift=DRIFT)
    found = run(texts)
    assert sum(d.rule == "cross-page-drift" for d in found) == len(DRIFT)
    texts["org-2.txt"] = _pages(drift=DRIFT | {(4, 2, 2020)})["org-2.txt"]
    found = run(texts)
    assert sum(d.rule == "cross-page-drift" for d in found) == len(DRIFT) + 1
    # the last run's summary of the page changed (its new one is the run's), then the action pages'
    assert sorted(read) == sorted(["org-2.txt", *(n for n in texts if n.startswith("action"))])
    texts["org-1.txt"] = "\n\n" + texts["org-1.txt"]  # the findings on it moved, no summary read
    run(texts)
    assert read == []
    texts["org-3.txt"] = texts["org-3.txt"].replace("published tables", "published rolls", 1)
    holder = "action-04.txt"
    (Path(cache._summary_file(holder, digest(texts[holder].encode()), "cross-page-drift"))).unlink()
    found = run(texts)
    assert holder in read and len(read) > len(texts)  # the lazy read failed, then all were read
    texts["zz-org.txt"] = texts.pop("org-0.txt")
    run(texts)


def test_the_holders_spliced_are_the_holders_rebuilt():
    """The places of the keys changed, spliced into the kept arrays, are the arrays made whole from
    the same places (keys added before, between and after the others, replaced and removed)."""
    import random
    from array import array

    rng = random.Random(7)
    for _ in range(200):
        holding = {rng.randrange(40): sorted(rng.sample(range(30), rng.randrange(1, 4))) for _ in range(20)}
        changes = {rng.randrange(45): sorted(rng.sample(range(30), rng.randrange(0, 3))) for _ in range(5)}

        def arrays(held):
            names = sorted(n for n in held if held[n])
            counts = array("l", [len(held[n]) for n in names])
            return array("L", names), counts, array("l", [j for n in names for j in held[n]])

        got = cross_page_drift_again._spliced(arrays(holding), changes)
        assert got == arrays({**holding, **changes})
