"""Every rule's pass/fail examples, and the rule registry's own invariants."""

from __future__ import annotations

import pytest

from lint.config import Config
from lint.engine import available_rules
from lint.examples import run_example
from lint.rules import builtin_rules_dir

RULES = available_rules(Config())
CASES = [(rule, i, ex) for rule in RULES.values() for i, ex in enumerate(rule.examples)]


@pytest.mark.parametrize(("rule", "index", "example"), CASES, ids=[f"{r.name}-{i}-{e.verdict}" for r, i, e in CASES])
def test_rule_example(rule, index, example):
    result = run_example(rule, index, example)
    assert result.ok, f"{rule.source.name} examples[{index}]: {result.problem}"


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_rule_has_docs_and_both_kinds_of_example(rule):
    assert rule.docs, f"{rule.name} has no docs"
    verdicts = {example.verdict for example in rule.examples}
    assert verdicts == {"pass", "fail"}, f"{rule.name} needs at least one pass and one fail example"


def test_rule_file_names_match_rule_names():
    for path in builtin_rules_dir().glob("*.toml"):
        rule = next(r for r in RULES.values() if r.source == path)
        assert path.stem == rule.name


def test_contract_rule_names_exist():
    for name in ("placeholder", "syntax"):
        assert name in RULES


def test_parsed_rule_cache_follows_edits(tmp_path, monkeypatch):
    from lint.rules import load_rules

    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    pack.mkdir()
    rule = pack / "shout.toml"
    body = (
        'name = "shout"\ncheck = "phrases"\nseverity = "{sev}"\nsummary = "s"\nmessage = "m"\n'
        '[[examples]]\nverdict = "fail"\ntext = "TBC"\n[[examples]]\nverdict = "pass"\ntext = "Done."\n'
    )
    rule.write_text(body.format(sev="warning"), encoding="utf-8")
    assert str(load_rules([pack])["shout"].severity) == "warning"
    assert list((tmp_path / "cache").glob("rules-*.marshal"))
    rule.write_text(body.format(sev="info") + "# longer now\n", encoding="utf-8")
    assert str(load_rules([pack])["shout"].severity) == "info"
    (next((tmp_path / "cache").glob("rules-*.marshal"))).write_bytes(b"\x00garbage")
    assert str(load_rules([pack])["shout"].severity) == "info"
