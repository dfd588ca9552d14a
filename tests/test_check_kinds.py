"""Check kinds declare themselves (``KIND = CheckKind(...)``) and are found by name; one "did you mean"."""

from __future__ import annotations

import pkgutil

import pytest

import lint.checks
from lint import checks, suggest
from lint.checks.api import CheckKind
from lint.config import Config
from lint.engine import available_rules
from lint.errors import ConfigError, LintError, OptionError, RuleError, UsageError


def test_every_kind_lives_in_the_module_named_after_it() -> None:
    kinds = checks.all_kinds()
    assert {"phrases", "year-copy", "unused-suppression", "invalid-suppression"} <= set(kinds)
    modules = {info.name for info in pkgutil.iter_modules(lint.checks.__path__)}
    for name, kind in kinds.items():
        assert name.replace("-", "_") in modules
        assert checks.load(name) is kind
        assert isinstance(kind, CheckKind)


def test_every_builtin_rule_names_a_kind_with_a_scope() -> None:
    for rule in available_rules(Config()).values():
        kind = checks.load(rule.check)
        assert kind.scope in ("document", "corpus", "post-pass")
        assert (kind.scope == "post-pass") == (kind.post_pass is not None)


def test_an_unknown_kind_names_the_closest() -> None:
    with pytest.raises(KeyError, match=r"unknown check kind 'phrase' \(did you mean 'phrases'\?\)"):
        checks.load("phrase")
    with pytest.raises(KeyError, match="unknown check kind 'api'"):
        checks.load("api")  # a helper module, not a kind
    with pytest.raises(KeyError, match="unknown check kind 'year_copy'"):
        checks.load("year_copy")


def test_a_kind_is_a_check_or_a_post_pass() -> None:
    with pytest.raises(TypeError):
        CheckKind(name="nothing", summary="")
    with pytest.raises(TypeError):
        CheckKind(name="bad-role", summary="", post_pass="unused-suppression", summary_role="somewhere")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("placholder", "placeholder"),
        ("PLACEHOLDER", "placeholder"),
        ("placeh", "placeholder"),
        ("year-cpy", "year-copy"),
        ("zzzz", None),
        ("", None),
    ],
)
def test_closest(name: str, expected: str | None) -> None:
    assert suggest.closest(name, ["placeholder", "year-copy", "entry-copy", "spelling"]) == expected


def test_hint() -> None:
    assert suggest.hint("placholder", ["placeholder", "spelling"]) == " (did you mean 'placeholder'?)"
    assert suggest.hint("zzzz", ["placeholder"]) == ""
    assert suggest.hint("x", []) == ""


def test_every_error_that_ends_a_run_is_a_lint_error() -> None:
    for error in (ConfigError, RuleError, OptionError, UsageError):
        assert issubclass(error, LintError)
    assert issubclass(RuleError, ConfigError) and issubclass(OptionError, ConfigError)
    from lint.app import UsageError as app_usage
    from lint.config import ConfigError as config_error
    from lint.rules import RuleError as rules_error

    assert (app_usage, config_error, rules_error) == (UsageError, ConfigError, RuleError)
