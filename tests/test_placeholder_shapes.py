"""placeholder by shape: the development set, labels before a statement, terms built from terms, and the
start-character guard that keeps the ``anywhere`` union one fast pass."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks import firstchars, phrases

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "fixtures" / "dev"
RULE = tomllib.loads((ROOT / "rules" / "placeholder.toml").read_text(encoding="utf-8"))


def _document(body: str) -> str:
    return f"# Action 1: Shapes\n\n## Office of Samples\n\n### Progress during 2015\n\n{body}\n"


def _reported(cli, tmp_path: Path, bodies: dict[str, str], rule: str) -> set[str]:
    for name, body in bodies.items():
        (tmp_path / f"{name}.md").write_text(_document(body), encoding="utf-8")
    result = cli("check", str(tmp_path), "--select", rule, "--format", "json", "--fail-on", "never", "--no-links")
    assert result.code == 0, result.err
    return {Path(d["path"]).stem for d in result.json()["diagnostics"] if d["rule"] == rule}


def _dev_set(name: str, field: str) -> list[dict]:
    return [json.loads(line) for line in (DEV / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("rule", "name", "field", "body"),
    [
        ("placeholder", "placeholder.jsonl", "text", "{}"),
        ("broken-link", "link_targets.jsonl", "markdown", "The team published {} for readers."),
    ],
)
def test_the_development_set_hard_negatives_pass_and_its_unfinished_statements_are_reported(
    cli, tmp_path, rule, name, field, body
):
    items = _dev_set(name, field)
    assert sum(item["label"] for item in items) >= 60 and sum(not item["label"] for item in items) >= 60
    reported = _reported(cli, tmp_path, {item["id"]: body.format(item[field]) for item in items}, rule)
    wrong = sorted(item[field] for item in items if not item["label"] and item["id"] in reported)
    missed = [item[field] for item in items if item["label"] and item["id"] not in reported]
    assert wrong == []  # a wrong finding costs more than a missed one
    assert len(missed) <= 0.05 * sum(item["label"] for item in items), missed


def test_a_label_is_taken_off_once_and_the_rest_decides(cli, tmp_path):
    bodies = {
        "status-tbc": "RAG status: TBC",
        "draft-label": "Draft – the service launched in May.",
        "nb-check": "NB: check these figures with the policy team before publishing.",
        "status-done": "Status: complete. The service moved to GOV.UK in June 2014.",
        "update-given": "Update: the service went live in May 2014 and has processed 20,000 applications.",
        "two-labels": "Owner: Status: TBC",
    }
    assert _reported(cli, tmp_path, bodies, "placeholder") == {"status-tbc", "draft-label", "nb-check"}
    (tmp_path / "pyproject.toml").write_text('[tool.response-lint.rules.placeholder]\nlabel = ""\n', encoding="utf-8")
    assert _reported(cli, tmp_path, bodies, "placeholder") == set()  # off: neither "Status: TBC" nor a label


def test_terms_may_use_terms_and_a_term_that_uses_itself_stops_the_run_at_load(cli, tmp_path):
    options = RULE["options"]
    assert phrases._validate(options) is None  # the shipped lists, as the rule file sets them
    assert phrases._expand("^${a}$", {"a": "x${b}", "b": "y"}) == "^(?:x(?:y))$"
    terms = options["terms"]
    assert phrases._validate({**options, "terms": {**terms, "a": "${b}", "b": "${a}"}}) is not None
    assert phrases._validate({**options, "terms": {**terms, "a": "${c}"}}) is not None
    (tmp_path / "pyproject.toml").write_text(
        "[tool.response-lint.rules.placeholder.terms]\na = 'x|${b}'\nb = 'y|${a}'\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text(_document("Coming soon"), encoding="utf-8")
    result = cli("check", str(tmp_path / "a.md"), "--select", "placeholder", cwd=tmp_path)
    assert result.code == 2 and "uses itself" in result.err


def test_the_start_class_of_a_pattern():
    assert firstchars.start_class(r"\blorem\s+ipsum", re.I) == r"[\x6c]"
    assert firstchars.start_class(r"(?-i:\bTODO\b)|£X") == r"[\x54\xa3]"
    assert firstchars.start_class(r"x*y") == r"[\x78\x79]"
    assert firstchars.start_class("é|ж|😀") == r"[\xe9\u0436\U0001f600]"
    for anything in (r"\w+", r"a?", r"[^x]y", r".z", r"(a?)\1", r"(?=a)|b?"):
        assert firstchars.start_class(anything) is None, anything
        assert firstchars.guarded(anything) == anything
    assert re.search(firstchars.guarded("(?i:T)odo"), "see todo") is not None  # a case-insensitive part


_ANYWHERE = "|".join(f"(?:{p})" for p in phrases._expanded(RULE["options"], "anywhere"))
_PIECES = [
    "[",
    "]",
    "<",
    ">",
    "{{",
    "}}",
    "<<",
    ">>",
    "insert",
    "TODO",
    "X",
    "xx",
    "%",
    "£",
    "lorem ipsum",
    " ",
    "to be confirmed",
    "TBC",
    "(",
    ")",
    "Delete as appropriate",
    "name",
    "é",
    "ſ",
    "K",
    "to add",
    "DWP",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=14).map("".join))
def test_the_guard_changes_no_match_of_the_anywhere_union(text):
    for flags in (re.IGNORECASE, 0):
        plain = [m.span() for m in re.finditer(_ANYWHERE, text, flags)]
        assert [m.span() for m in re.finditer(firstchars.guarded(_ANYWHERE, flags), text, flags)] == plain
