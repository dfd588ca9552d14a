"""One answer published on two pages: a finding in its text is reported once (lint.republished)."""

from __future__ import annotations

import json
from pathlib import Path

from lint import checks, engine, republished
from lint.config import Config
from lint.model import Diagnostic, Edit, Fix, Severity, Span
from lint.readers import read

from .conftest import run_cli

# the Office of Tides' answer to Action 98, on the action's page and on the organisation's own page
_ANSWER = """### Progress during 2014

We will leverage the tide tables going forward.

### Planned activities in 2015

TBC
"""
ACTION_PAGE = "# Action 98: Open maps\n\n## Office of Tides\n\n" + _ANSWER
OWN_PAGE = (
    "# Office of Tides's actions in response to the Government Digital Strategy\n\n## Action 98: Open maps\n\n"
    + _ANSWER
)


def _check(folder: Path, pages: dict[str, str], *args: str) -> list[dict]:
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = run_cli("check", "--format", "json", "--fail-on", "never", "--no-links", *args, *pages, cwd=folder)
    assert result.code == 0, result.err
    found: list[dict] = json.loads(result.out)["diagnostics"]
    return found


def _where(found: list[dict]) -> list[tuple[str, int, str]]:
    return [(d["path"], d["line"], d["rule"]) for d in found]


def test_a_finding_in_one_answer_on_two_pages_is_reported_once_on_the_first(tmp_path: Path) -> None:
    found = _check(tmp_path, {"b-tides.md": OWN_PAGE, "a-action-98.md": ACTION_PAGE})
    # on the first page in the report's order, whatever the order the files were given in
    assert _where(found) == [
        ("a-action-98.md", 7, "plain-english"),
        ("a-action-98.md", 7, "plain-english"),
        ("a-action-98.md", 11, "placeholder"),
    ]
    placeholder = found[2]
    assert placeholder["message"] == "placeholder text 'TBC' stands in for content; also published in b-tides.md:11"
    (also,) = placeholder["related"]
    assert (also["path"], also["line"], also["column"], also["end_column"]) == ("b-tides.md", 11, 1, 4)
    assert also["message"] == republished.ALSO
    # the same place on the other page, word for word
    leverage = found[0]
    assert leverage["message"].endswith("; also published in b-tides.md:7")
    assert [(r["path"], r["line"], r["column"]) for r in leverage["related"]] == [("b-tides.md", 7, 9)]


def test_it_can_be_turned_off(tmp_path: Path) -> None:
    (tmp_path / ".response-lint.toml").write_text("republished-once = false\n", encoding="utf-8")
    found = _check(tmp_path, {"a-action-98.md": ACTION_PAGE, "b-tides.md": OWN_PAGE})
    assert [(path, rule) for path, _, rule in _where(found)].count(("b-tides.md", "placeholder")) == 1
    assert len(found) == 6 and not any("also published" in d["message"] for d in found)


def test_text_that_differs_is_not_merged(tmp_path: Path) -> None:
    own = OWN_PAGE.replace("We will leverage", "We shall leverage")
    found = _check(tmp_path, {"a-action-98.md": ACTION_PAGE, "b-tides.md": own}, "--select", "plain-english")
    assert _where(found) == [("a-action-98.md", 7, "plain-english")] * 2 + [("b-tides.md", 7, "plain-english")] * 2
    assert not any("also published" in d["message"] for d in found)
    # the phase that is still the same text still has its finding once
    found = _check(tmp_path, {"a-action-98.md": ACTION_PAGE, "b-tides.md": own}, "--select", "placeholder")
    assert _where(found) == [("a-action-98.md", 11, "placeholder")]


def test_other_answers_and_other_phases_are_not_merged(tmp_path: Path) -> None:
    pages = {
        "a-action-98.md": ACTION_PAGE,
        "b-action-97.md": ACTION_PAGE.replace("Action 98", "Action 97"),  # the same words, another answer
        "c-tides.md": OWN_PAGE.replace("Planned activities in 2015", "Planned activities in 2016"),
    }
    found = _check(tmp_path, pages, "--select", "placeholder")
    assert _where(found) == [(name, 11, "placeholder") for name in sorted(pages)]


def test_two_pages_of_one_layout_are_two_editions_not_one_answer_published_twice(tmp_path: Path) -> None:
    """As cross-page-drift: the 2012 source and the 2015 page of one action are both action pages."""
    found = _check(tmp_path, {"a-2012.md": ACTION_PAGE, "b-2015.md": ACTION_PAGE}, "--select", "placeholder")
    assert _where(found) == [("a-2012.md", 11, "placeholder"), ("b-2015.md", 11, "placeholder")]


def test_a_finding_suppressed_on_one_page_leaves_the_other_page_s(tmp_path: Path) -> None:
    """Suppressions apply first: a suppressed finding is not "also published", and the suppression is used."""
    action = ACTION_PAGE.replace("TBC", "<!-- response-lint: disable-next-line=placeholder -->\nTBC")
    found = _check(tmp_path, {"a-action-98.md": action, "b-tides.md": OWN_PAGE}, "--select", "placeholder")
    (left,) = found
    assert (left["path"], left["line"], left["rule"]) == ("b-tides.md", 11, "placeholder")
    assert "also published" not in left["message"] and left["related"] == []


def _diagnostic(path: str, at: int, rule: str = "placeholder", fix: Fix | None = None) -> Diagnostic:
    return Diagnostic(path, Span(at, at + 3), rule, Severity.ERROR, "placeholder text 'TBC'", fix=fix)


def test_only_declared_kinds_and_findings_without_a_fix_are_merged() -> None:
    outlines = {"a.md": read("a.md", ACTION_PAGE), "b.md": read("b.md", OWN_PAGE)}
    at = {path: doc.text.index("TBC") for path, doc in outlines.items()}
    pair = [_diagnostic("a.md", at["a.md"]), _diagnostic("b.md", at["b.md"])]
    assert [d.path for d in republished.report_once(pair, outlines, {"placeholder"})] == ["a.md"]
    assert republished.report_once(pair, outlines, {"spelling"}) == pair  # a rule whose kind does not declare it
    fix = Fix("remove", (Edit(Span(at["b.md"], at["b.md"] + 3), ""),))
    fixed = [pair[0], _diagnostic("b.md", at["b.md"], fix=fix)]
    assert republished.report_once(fixed, outlines, {"placeholder"}) == fixed  # a fix edits its own page only


def test_the_plan_knows_the_rules_whose_kind_declares_answer_text() -> None:
    selection = engine.choose_rules(Config(), ["placeholder", "heading-style", "year-copy", "missing-phase"])
    plan = engine.Plan(selection.chosen, Config())
    assert plan.answer_text == {"placeholder", "year-copy"}
    assert checks.load("heading-style").answer_text is False  # a page's headings are the page's own


def test_folded_findings_are_made_when_read_in_the_order_sorting_would_give() -> None:
    """On findings sorted by position the answer is the sorted answer on unsorted ones, and is a
    lazy sequence (a run's findings are not all made objects at once: issue 12)."""
    from lint.findings import Chosen, Findings

    outlines = {"a.md": read("a.md", ACTION_PAGE), "b.md": read("b.md", OWN_PAGE)}
    groups = []
    for path in ("b.md", "a.md"):  # run order is not report order
        found = Findings(path)
        text = outlines[path].text
        for at in (text.index("TBC"), text.index("leverage"), 0):
            d = _diagnostic(path, at)
            found.add(d.span, d.rule, d.severity, d.message, d.entry, d.phase, d.related, d.fix, d.fingerprint_text)
        groups.append(found)
    chosen = Chosen.every(groups)
    expected = sorted(republished.report_once(list(chosen), outlines, {"placeholder"}), key=Diagnostic.sort_key)
    got = republished.report_once(chosen.sorted(), outlines, {"placeholder"})
    assert isinstance(got, Chosen)
    assert list(got) == expected and len(got) == len(expected) == 4
    assert [d.path for d in expected] == ["a.md", "a.md", "a.md", "b.md"]
    assert ["also published in b.md" in d.message for d in expected] == [False, True, True, False]
