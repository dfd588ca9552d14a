"""Configuration: discovery, validation with named keys, severities, options, per-file ignores."""

from __future__ import annotations

import shutil

import pytest

from .conftest import SEEDS, run_cli


def _seed(tmp_path, name="001.txt"):
    shutil.copy(SEEDS / name, tmp_path / name)
    return tmp_path / name


def test_unknown_top_level_key_names_file_and_key(tmp_path):
    _seed(tmp_path)
    (tmp_path / ".response-lint.toml").write_text('slect = ["placeholder"]\n')
    result = run_cli("check", str(tmp_path))
    assert result.code == 2
    assert ".response-lint.toml" in result.err and "unknown key 'slect'" in result.err
    assert "did you mean 'select'" in result.err
    assert "Traceback" not in result.err


def test_pyproject_section_found_upward(tmp_path):
    sub = tmp_path / "content" / "2015"
    sub.mkdir(parents=True)
    _seed(sub)
    (tmp_path / "pyproject.toml").write_text('[project]\nname="x"\n\n[tool.response-lint]\nfail-on = "never"\n')
    result = run_cli("check", str(sub))
    assert result.code == 0
    (tmp_path / "pyproject.toml").write_text('[tool.response-lint]\nfail_on = "never"\n')
    bad = run_cli("check", str(sub))
    assert bad.code == 2 and "pyproject.toml" in bad.err and "'fail_on'" in bad.err


def test_wrong_type_names_the_key_and_expectation(tmp_path):
    _seed(tmp_path)
    (tmp_path / ".response-lint.toml").write_text('include = "*.txt"\n')
    result = run_cli("check", str(tmp_path))
    assert result.code == 2 and "'include' must be a list of strings" in result.err


def test_rule_option_errors_name_rule_and_key(tmp_path):
    _seed(tmp_path)
    cfg = tmp_path / ".response-lint.toml"
    cfg.write_text('[rules.placeholder]\nwhole = "coming soon"\n')
    result = run_cli("check", str(tmp_path))
    assert result.code == 2
    assert "rule 'placeholder' option 'whole' must be a list of regular expressions" in result.err
    cfg.write_text('[rules.placeholder]\nwholly = ["x"]\n')
    result = run_cli("check", str(tmp_path))
    assert "rule 'placeholder' has no option 'wholly'" in result.err
    cfg.write_text('[rules.placeholdr]\nseverity = "info"\n')
    result = run_cli("check", str(tmp_path))
    assert result.code == 2 and "no rule named 'placeholdr'" in result.err


def test_per_rule_severity_and_options(tmp_path):
    _seed(tmp_path)
    (tmp_path / ".response-lint.toml").write_text(
        'select = ["placeholder"]\n[rules.placeholder]\nseverity = "warning"\nwhole = ["we support.*"]\nshort = []\n'
    )
    result = run_cli("check", str(tmp_path), "--format", "json")
    assert result.code == 0  # warnings do not fail at the default fail-on = error
    diags = result.json()["diagnostics"]
    assert {d["severity"] for d in diags} == {"warning"}
    # "Coming soon..." is also an unfinished statement by shape (`short`), so that list is emptied too
    assert [d["entry"] for d in diags] == ["Department for Work and Pensions"]


def test_per_file_ignores(tmp_path):
    _seed(tmp_path)
    (tmp_path / "archive").mkdir()
    _seed(tmp_path / "archive")
    (tmp_path / ".response-lint.toml").write_text(
        'select = ["placeholder"]\n[per-file-ignores]\n"archive/*" = ["place*"]\n'
    )
    result = run_cli("check", str(tmp_path), "--format", "json")
    assert {d["path"].split("/")[-2] for d in result.json()["diagnostics"]} == {tmp_path.name}


def test_explicit_config_wins_and_missing_config_is_exit_2(tmp_path):
    _seed(tmp_path)
    (tmp_path / ".response-lint.toml").write_text('fail-on = "error"\n')
    other = tmp_path / "other.toml"
    other.write_text('fail-on = "never"\n')
    assert run_cli("check", str(tmp_path)).code == 1
    assert run_cli("check", str(tmp_path), "--config", str(other)).code == 0
    missing = run_cli("check", str(tmp_path), "--config", str(tmp_path / "nope.toml"))
    assert missing.code == 2 and "config file not found" in missing.err


def test_reader_format_override_and_statement_phase(tmp_path):
    (tmp_path / "legacy.txt").write_text(
        "#Action 2: x\n{div .department}\n##Office<br>of Tests\n{div .statement}\nComing soon...\n{/div}\n{/div}\n"
    )
    (tmp_path / ".response-lint.toml").write_text(
        'statement-phase = "commitment 2013"\n[formats]\n"legacy*" = "source-2012"\n'
    )
    data = run_cli("check", str(tmp_path), "--format", "json", "--select", "placeholder").json()
    assert [d["phase"] for d in data["diagnostics"]] == ["commitment 2013"]


def test_invalid_toml_and_bad_phase_pattern(tmp_path):
    _seed(tmp_path)
    cfg = tmp_path / ".response-lint.toml"
    cfg.write_text("select = [\n")
    result = run_cli("check", str(tmp_path))
    assert result.code == 2 and "invalid TOML" in result.err
    cfg.write_text('[[phase-headings]]\nkind = "progress"\npattern = "^update (\\\\d{4})$"\n')
    result = run_cli("check", str(tmp_path))
    assert result.code == 2 and "phase-headings[0]" in result.err and "year" in result.err


def test_user_rule_pack(tmp_path):
    _seed(tmp_path)
    pack = tmp_path / "style"
    pack.mkdir()
    (pack / "no-cooperate.toml").write_text("""
name = "no-cooperate"
check = "phrases"
severity = "warning"
summary = "Say work with"
message = "say 'work with' instead of {text!r}"
docs = "House style."
[options]
anywhere = ['\\bco-?operat\\w*']
[[examples]]
verdict = "fail"
text = "Action 1: x\\nOrg\\nProgress during 2013\\nWe will cooperate.\\n"
[[examples]]
verdict = "pass"
text = "Action 1: x\\nOrg\\nProgress during 2013\\nWe will work with them.\\n"
""")
    (tmp_path / ".response-lint.toml").write_text('rule-paths = ["style"]\nselect = ["no-cooperate"]\n')
    result = run_cli("check", str(tmp_path), "--format", "json")
    assert [d["entry"] for d in result.json()["diagnostics"]] == [
        "Department for Culture Media & Sport",
        "Department of Energy and Climate Change",
    ]
    listing = run_cli("rules", "--test", "--config", str(tmp_path / ".response-lint.toml"))
    assert listing.code == 0
    (pack / "broken.toml").write_text(
        'name = "broken"\ncheck = "nosuchkind"\nseverity="error"\nsummary="x"\nmessage="x"\n'
    )
    result = run_cli("check", str(tmp_path))
    assert result.code == 2 and "broken.toml" in result.err and "unknown check kind 'nosuchkind'" in result.err


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ('fail-on = "errors"', "'fail-on' must be one of 'error', 'warning', 'info', 'never', got 'errors'"),
        ('min-severity = "never"', "'min-severity' must be one of 'error', 'warning', 'info', got 'never'"),
        ('[rules.placeholder]\nseverity = "fatal"', "rules.placeholder: 'severity' must be one of"),
        ('[formats]\n"*.txt" = "word"', "formats['*.txt'] must be one of source-2012"),
        ('statement-phase = "commitment of 2012"', "'statement-phase' must look like 'commitment 2012'"),
        ('extend-furniture = ["ok", "(unclosed"]', "'extend-furniture': invalid regex '(unclosed'"),
        ("time-budget = nan", "'time-budget' must be a number, more than 0, got nan"),
        ("max-file-size = 0", "'max-file-size' must be a positive integer, got 0"),
    ],
)
def test_every_config_key_is_checked_by_its_typed_option_at_load(tmp_path, toml, says):
    """Config keys are declared as typed options (lint.options), like rule options and link
    settings: a bad value is exit 2 before any file is read, naming the file and the key."""
    _seed(tmp_path)
    (tmp_path / ".response-lint.toml").write_text(toml + "\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path))
    assert result.code == 2, result.out
    assert ".response-lint.toml" in result.err and says in result.err, result.err
    assert "Traceback" not in result.err and result.out == ""
