"""bench/real.py and bench/blind.py run, every label parses and every real file is linted (not the scores)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import real  # noqa: E402


def test_every_real_file_has_labels_that_parse() -> None:
    rules = real.default_rules()
    files = real.response_files(real.REAL)
    assert {p.parent.name for p in files} >= {"govuk", "other"}
    for path in files:
        labels = real.read_labels(path, rules)
        assert labels, f"{path} has no labels"
        assert path.with_suffix(".source").exists(), f"{path} has no .source (source and licence)"


def test_the_command_lints_every_labelled_file_and_prints_each_rule() -> None:
    result = subprocess.run(
        [sys.executable, "bench/real.py", "--json"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    sets = json.loads(result.stdout)["sets"]
    assert set(sets) == {"tuning", "holdout"}
    files = {p.relative_to(ROOT).as_posix() for p in real.response_files(real.REAL)}
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
    with pytest.raises(real.LabelError, match="missing"):
        real.read_labels(page, {"placeholder"})
    (tmp_path / "page.labels.toml").write_text(
        'must = [{ rule = "placeholder", lines = 9, reason = "x" }]\n', encoding="utf-8"
    )
    with pytest.raises(real.LabelError, match=r"page\.labels\.toml: must\[0\]: 'lines'"):
        real.read_labels(page, {"placeholder"})
    (tmp_path / "page.labels.toml").write_text('must = [{ rule = "placeholdr", lines = 4, reason = "x" }]\n')
    with pytest.raises(real.LabelError, match="unknown rule 'placeholdr'"):
        real.read_labels(page, {"placeholder"})


def test_the_blind_sets_are_scored() -> None:
    result = subprocess.run(
        [sys.executable, "bench/real.py", "--blind", "--json"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    scores = {r["rule"]: r for r in json.loads(result.stdout)}
    assert set(scores) == {"placeholder", "broken-link"}
    assert scores["placeholder"]["items"] == 100 and scores["broken-link"]["items"] == 80
