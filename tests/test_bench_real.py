"""bench/real.py (its sets and labels in bench/real_labels.py) and bench/blind.py run, every label
parses and every real file is linted (not the scores)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import real, real_labels  # noqa: E402


def test_every_real_file_has_labels_that_parse() -> None:
    rules = real.default_rules()
    files = real_labels.response_files(real_labels.REAL)
    assert {p.parent.name for p in files} >= {"govuk", "other"}
    for path in files:
        labels = real_labels.read_labels(path, rules)
        assert labels, f"{path} has no labels"
        assert path.with_suffix(".source").exists(), f"{path} has no .source (source and licence)"


def test_the_command_lints_every_labelled_file_and_prints_each_rule() -> None:
    result = subprocess.run(
        [sys.executable, "bench/real.py", "--json"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    sets = json.loads(result.stdout)["sets"]
    assert set(sets) == {"tuning", "holdout"}
    files = {p.relative_to(ROOT).as_posix() for p in real_labels.response_files(real_labels.REAL)}
    assert set(sets["tuning"]["files"]) | set(sets["holdout"]["files"]) == files
    assert all(f.startswith("fixtures/real/holdout/") for f in sets["holdout"]["files"])
    assert not any(f.startswith("fixtures/real/holdout/") for f in sets["tuning"]["files"])
    for figures in sets.values():
        assert figures["words"] > 1000 and figures["labels"] > 0
        assert set(figures["rules"]) == real.default_rules()
        for figure in figures["rules"].values():
            assert figure["right"] + figure["wrong"] + figure["maybe"] == figure["findings"]


def test_a_malformed_label_names_the_file_and_the_problem(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Action 1: x\nOffice\nProgress during 2014\nText.\n", encoding="utf-8")
    with pytest.raises(real_labels.LabelError, match="missing"):
        real_labels.read_labels(page, {"placeholder"})
    (tmp_path / "page.labels.toml").write_text(
        'must = [{ rule = "placeholder", lines = 9, reason = "x" }]\n', encoding="utf-8"
    )
    with pytest.raises(real_labels.LabelError, match=r"page\.labels\.toml: must\[0\]: 'lines'"):
        real_labels.read_labels(page, {"placeholder"})
    (tmp_path / "page.labels.toml").write_text('must = [{ rule = "placeholdr", lines = 4, reason = "x" }]\n')
    with pytest.raises(real_labels.LabelError, match="unknown rule 'placeholdr'"):
        real_labels.read_labels(page, {"placeholder"})


def test_the_blind_sets_are_scored() -> None:
    result = subprocess.run(
        [sys.executable, "bench/real.py", "--blind", "--json"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    scores = {r["rule"]: r for r in json.loads(result.stdout)}
    assert set(scores) == {"placeholder", "broken-link"}
    assert scores["placeholder"]["items"] == 100 and scores["broken-link"]["items"] == 80


_ACTION_PAGE = """Action 1: ensure there is an active digital leader on departmental and transactional agency boards
Updated 16 January 2015
This action forms part of the Government Digital Strategy.
Here’s how departments are responding to this action:
The Attorney General’s Office
Departmental digital strategy commitments (December 2012)
AGO has a board member with responsibility for digital.
Progress during 2013
AGO reviewed its board.
"""

_ORG_PAGE = """AGO's actions in response to the Government Digital Strategy
Updated 16 January 2015
Action 1: Departmental and transactional agency boards will include an active digital leader
Departmental digital strategy commitments (December 2012)
AGO has a board member with responsibility for digital.
Progress during 2013
AGO reviewed its board.
Action 3: All departments will ensure that they have appropriate digital capability in-house
Departmental digital strategy commitments (December 2012)
AGO will work with GDS.
Progress during 2013
AGO worked with GDS.
"""


def test_a_run_whose_pages_disagree_on_an_answer_is_not_closed(tmp_path: Path) -> None:
    action1, ago = tmp_path / "action-01.txt", tmp_path / "org-ago.txt"
    action1.write_text(_ACTION_PAGE, encoding="utf-8")
    ago.write_text(_ORG_PAGE, encoding="utf-8")
    assert real_labels.open_answers([action1, ago]) == []  # AGO's answer to Action 1 is on both pages
    action3 = tmp_path / "action-03.txt"
    action3.write_text(_ACTION_PAGE.replace("Action 1: ensure", "Action 3: make sure"), encoding="utf-8")
    assert real_labels.open_answers([action1, action3]) == []  # no organisation page: nothing to disagree with
    ago.write_text(_ORG_PAGE.split("Action 3:")[0], encoding="utf-8")  # AGO's page cut after Action 1
    (problem,) = real_labels.open_answers([action1, action3, ago])
    assert "to action 3 is on its action page but not on its organisation page" in problem


def test_runs_toml_splits_a_set_and_the_rest_is_one_run(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / "govuk").mkdir(exist_ok=True)
        (tmp_path / "govuk" / name).write_text("x\n", encoding="utf-8")
    (tmp_path / "runs.toml").write_text(
        '[[run]]\nset = "tuning"\nfiles = ["govuk/a.txt", "govuk/c.txt"]\nwhy = "closed"\n', encoding="utf-8"
    )
    runs = [[p.name for p in run] for run in real_labels.set_runs("tuning", tmp_path)]
    assert runs == [["a.txt", "c.txt"], ["b.txt"]]
    (tmp_path / "runs.toml").write_text(
        '[[run]]\nset = "tuning"\nfiles = ["govuk/a.txt", "govuk/z.txt"]\nwhy = "closed"\n', encoding="utf-8"
    )
    with pytest.raises(real_labels.LabelError, match=r"govuk/z\.txt is not a file of the tuning set"):
        real_labels.set_runs("tuning", tmp_path)


def test_a_finding_reported_once_for_one_answer_on_two_pages_names_both_places(tmp_path: Path) -> None:
    """lint.republished reports the copy once, on the first page: the score counts it once and takes
    it as reporting what the labels of its rule ask for on the other page too (recall)."""
    done = "AGO reviewed its board and named a digital leader who reports to the board every month."
    copy = f"Progress during 2014\n{done}\n"
    action1, ago = tmp_path / "action-01.txt", tmp_path / "org-ago.txt"
    action1.write_text(_ACTION_PAGE.replace("AGO reviewed its board.", done) + copy, encoding="utf-8")
    ago.write_text(_ORG_PAGE.split("Action 3:")[0].replace("AGO reviewed its board.", done) + copy, encoding="utf-8")
    found = [d for d in real.lint_json([action1, ago], cwd=tmp_path)["diagnostics"] if d["rule"] == "year-copy"]
    (finding,) = found
    assert real.places(finding) == [("action-01.txt", 11), ("org-ago.txt", 9)]
