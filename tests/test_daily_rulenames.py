"""Every rule name a user writes (flags, config select/ignore, per-file-ignores, rules tables,
suppression comments) is checked the same way: the place, the key and a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli

DOC = "# Action 1: Parking\n\n## Office of Harbours\n\n### Progress during 2021\n\nTBC\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(DOC, encoding="utf-8")
    return tmp_path


def _pyproject(site: Path, body: str) -> None:
    (site / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.response-lint]\n" + body, encoding="utf-8")


@pytest.mark.parametrize("flag", ["--select", "--extend-select", "--ignore"])
def test_a_mistyped_rule_on_the_command_line_gets_a_suggestion(site, flag):
    result = run_cli("check", "content", flag, "placholder", cwd=site)
    assert result.code == 2
    assert f"{flag}: no rule matches 'placholder' (did you mean 'placeholder'?)" in result.err


@pytest.mark.parametrize("key", ["select", "extend-select", "ignore"])
def test_a_mistyped_rule_in_the_config_names_the_file_and_key_not_a_flag(site, key):
    _pyproject(site, f'{key} = ["placholder"]\n')
    result = run_cli("check", "content", cwd=site)
    assert result.code == 2
    assert "pyproject.toml" in result.err and f"[tool.response-lint]: {key}:" in result.err
    assert "no rule matches 'placholder' (did you mean 'placeholder'?)" in result.err
    assert "--" not in result.err


def test_per_file_ignores_with_an_unknown_rule_is_an_error(site):
    _pyproject(site, '[tool.response-lint.per-file-ignores]\n"content/*" = ["readabilty"]\n')
    result = run_cli("check", "content", cwd=site)
    assert result.code == 2
    assert "pyproject.toml" in result.err and "per-file-ignores" in result.err and "content/*" in result.err
    assert "no rule matches 'readabilty' (did you mean 'readability'?)" in result.err
    (site / "pyproject.toml").unlink()
    (site / ".response-lint.toml").write_text('[per-file-ignores]\n"content/*" = ["place*"]\n', encoding="utf-8")
    assert run_cli("check", "content", cwd=site).code == 0  # a glob that matches is fine


def test_rules_table_and_rule_command_suggest_the_same_way(site):
    _pyproject(site, '[tool.response-lint.rules.placholder]\nseverity = "info"\n')
    result = run_cli("check", "content", cwd=site)
    assert result.code == 2 and "pyproject.toml" in result.err and "rules.placholder" in result.err
    assert "(did you mean 'placeholder'?)" in result.err
    assert "(did you mean 'placeholder'?)" in run_cli("rule", "placholder").err


def test_suppression_comment_with_a_mistyped_rule_suggests_the_same_name(site):
    (site / "content" / "a.md").write_text(
        DOC.replace("TBC", "<!-- response-lint: disable-next-line=placholder -->\nTBC"), encoding="utf-8"
    )
    result = run_cli("check", "content", "--format", "json", cwd=site)
    (problem,) = [d for d in result.json()["diagnostics"] if d["rule"] == "invalid-suppression"]
    assert "no rule matches 'placholder' (did you mean 'placeholder'?)" in problem["message"]
