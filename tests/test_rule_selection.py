"""Choosing a run's rules: the names given are checked where they were given, then the rules are chosen."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from lint import checking, engine
from lint.config import Config
from lint.errors import ConfigError
from lint.model import Document

from .conftest import ROOT, Result, run_cli

RULES = engine.available_rules(Config())


def test_select_rules_only_chooses() -> None:
    # names are checked before, where their source is known; selecting is set arithmetic
    assert engine.select_rules(RULES, ["no-such-rule"], [], []) == []
    chosen = engine.select_rules(RULES, ["placeholder", "spel*"], ["nothing-*"], ["no-such-rule"])
    assert [rule.name for rule in chosen] == ["placeholder", "spelling"]


def test_an_unknown_name_is_refused_naming_its_flag() -> None:
    with pytest.raises(ConfigError, match=r"^--ignore: no rule matches 'placeholdr' \(did you mean 'placeholder'\?\)"):
        engine.check_rule_names(RULES, Config(), {"--select": ["placeholder"], "--ignore": ["placeholdr"]})


ROSTER = ROOT / "fixtures" / "rules" / "missing-entry" / "roster"
SPELLING = "# Action 1: Words\n\n## Office of Words\n\n### Progress during 2019\n\nThe qzxvplan met wibblewobble.\n"


def _project(tmp_path: Path) -> Path:
    """The roster fixture with a spelling word list beside it: two rules that read files at load."""
    for path in ROSTER.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "words.txt").write_text("qzxvplan\n", encoding="utf-8")
    (tmp_path / "words.md").write_text(SPELLING, encoding="utf-8")
    config = (tmp_path / ".response-lint.toml").read_text(encoding="utf-8")
    config = config.replace('select = ["missing-entry"]', 'select = ["missing-entry", "spelling"]')
    (tmp_path / ".response-lint.toml").write_text(config + '\n[rules.spelling]\nwords-file = "words.txt"\n')
    return tmp_path


def _findings(result: Result) -> list[tuple[str, str | None]]:
    return [(d["rule"], d["entry"]) for d in result.json()["diagnostics"]]


def test_files_read_at_load_serve_the_whole_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A roster or word list that goes away while files are read cannot stop the run halfway:
    the checks use what was read when the rules were chosen."""
    project = _project(tmp_path)
    before = run_cli("check", ".", "--format", "json", cwd=project)
    assert before.code == 1, before.err
    expected = _findings(before)
    assert ("missing-entry", "Forestry Office") in expected
    assert [d["message"] for d in before.json()["diagnostics"] if d["rule"] == "spelling"] == [
        "unknown word 'wibblewobble'"
    ]
    read = checking.read_document

    def read_and_delete(path: str, config: Config, data: bytes | None = None) -> Document:
        for name in ("roster.list", "words.txt"):
            (project / name).unlink(missing_ok=True)
        return read(path, config, data)

    monkeypatch.setattr(checking, "read_document", read_and_delete)
    during = run_cli("check", ".", "--format", "json", cwd=project)
    assert (during.code, during.err) == (1, "")
    assert _findings(during) == expected


def test_rules_test_reads_the_files_first(tmp_path: Path) -> None:
    """``rules --test`` chooses its rules as ``check`` does: a missing word list is named at load."""
    (tmp_path / ".response-lint.toml").write_text('[rules.spelling]\nwords-file = "nope.txt"\n', encoding="utf-8")
    result = run_cli("rules", "--test", cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    config = tmp_path / ".response-lint.toml"
    assert f"{config}: rule 'spelling' option 'words-file': word list {tmp_path / 'nope.txt'} does not exist" in (
        result.err
    )


def test_the_editor_server_chooses_rules_as_check_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lint.lsp.analysis import Analyzer

    project = _project(tmp_path)
    calls: list[Config] = []
    choose = engine.choose_rules

    def recording(config: Config, *args: Any, **kwargs: Any) -> engine.Selection:
        calls.append(config)
        return choose(config, *args, **kwargs)

    monkeypatch.setattr(engine, "choose_rules", recording)
    checked = run_cli("check", ".", "--format", "json", cwd=project)
    analyzer = Analyzer([str(project)])
    result = analyzer.lint(str(project / "action-24.txt"))
    assert len(calls) == 2 and calls[0] == calls[1] and result.diagnostics
    assert analyzer.project_for(str(project / "action-24.txt")).rules == choose(calls[0]).chosen
    assert [(d.rule, d.entry) for d in result.diagnostics] == [
        (d["rule"], d["entry"]) for d in checked.json()["diagnostics"] if d["path"].endswith("action-24.txt")
    ]
    # the roster was read when the project's rules were chosen: its loss does not break the next lint
    (project / "roster.list").unlink()
    assert analyzer.lint(str(project / "action-24.txt")).diagnostics == result.diagnostics
    # and a project whose roster cannot be read is refused when it is made, naming file, rule and key
    with pytest.raises(ConfigError, match=r"\.response-lint\.toml: rule 'missing-entry' option 'roster-file': "):
        Analyzer([str(project)]).lint(str(project / "action-24.txt"))


def test_the_editor_server_reads_a_saved_word_list_again(tmp_path: Path) -> None:
    from lint.lsp.analysis import Analyzer

    project = _project(tmp_path)
    analyzer = Analyzer([str(project)])
    words = str(project / "words.md")

    def spelling() -> list[str]:
        return [d.message for d in analyzer.lint(words).diagnostics if d.rule == "spelling"]

    assert spelling() == ["unknown word 'wibblewobble'"]
    (project / "words.txt").write_text("qzxvplan\nwibblewobble\n", encoding="utf-8")
    analyzer.file_saved(str(project / "words.txt"))
    assert spelling() == []
