"""Choosing a run's rules: the names given are checked where they were given, then the rules are chosen."""

from __future__ import annotations

import pytest

from lint import engine
from lint.config import Config
from lint.errors import ConfigError

RULES = engine.available_rules(Config())


def test_select_rules_only_chooses() -> None:
    # names are checked before, where their source is known; selecting is set arithmetic
    assert engine.select_rules(RULES, ["no-such-rule"], [], []) == []
    chosen = engine.select_rules(RULES, ["placeholder", "spel*"], ["nothing-*"], ["no-such-rule"])
    assert [rule.name for rule in chosen] == ["placeholder", "spelling"]


def test_an_unknown_name_is_refused_naming_its_flag() -> None:
    with pytest.raises(ConfigError, match=r"^--ignore: no rule matches 'placeholdr' \(did you mean 'placeholder'\?\)"):
        engine.check_rule_names(RULES, Config(), {"--select": ["placeholder"], "--ignore": ["placeholdr"]})
