"""Every mistake in a rule pack stops the run at load (exit 2), before any file is read,
naming the rule file, the key and what was expected; examples can assert messages,
columns and the fixed text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.escape import for_terminal

from .conftest import Result, run_cli

GOOD = """\
name = "{name}"
check = "phrases"
severity = "warning"
summary = "Text promised for later"
message = "{message}"
{extra}
[options]
whole = [{whole}]

[[examples]]
verdict = "fail"
{example}
text = "Action 1: x\\nOffice of Tests\\nProgress during 2013\\nTBC\\n"

[[examples]]
verdict = "pass"
text = "Done."
"""


def _pack(tmp_path: Path, file: str = "to-follow", **fields: str) -> Path:
    values = {
        "name": file,
        "message": "{text!r} promises text",
        "extra": "",
        "whole": "'tbc'",
        "example": "",
        **fields,
    }
    pack = tmp_path / "style"
    pack.mkdir(exist_ok=True)
    (pack / f"{file}.toml").write_text(GOOD.format(**values), encoding="utf-8")
    (tmp_path / ".response-lint.toml").write_text('rule-paths = ["style"]\n', encoding="utf-8")
    return pack / f"{file}.toml"


def _check(tmp_path: Path) -> Result:
    # the path does not exist: a run that read files first would say so instead
    return run_cli("check", "no-such-folder", cwd=tmp_path)


def test_a_good_pack_loads(tmp_path: Path) -> None:
    _pack(tmp_path)
    assert "no such file or folder" in _check(tmp_path).err
    result = run_cli("rules", "--test", cwd=tmp_path)
    assert result.code == 0, result.out + result.err


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"whole": "'(unclosed'"}, "option 'whole': invalid regex '(unclosed'"),
        ({"whole": "'(?P<x>a)', '(?P<x>b)'"}, "option 'whole': the patterns cannot be combined into one regex"),
        (
            {"message": "{txt!r} promises text"},
            "'message' '{txt!r} promises text': unknown field {txt} (did you mean 'text'?)",
        ),
        ({"message": "{text:>2000000000}"}, "'message' '{text:>2000000000}': not a valid template"),
        (
            {"example": 'format = "markdwn"'},
            "examples[0]: 'format' must be one of source-2012, publication-2015, markdown, "
            "got 'markdwn' (did you mean 'markdown'?)",
        ),
        ({"example": "count = -1"}, "examples[0]: 'count' must be a whole number, 0 or more, got -1"),
        ({"example": 'lines = "4"'}, "examples[0]: 'lines' must be a list of line numbers"),
        # true is no line number (Python's bool is an int: the option types know it)
        ({"example": "lines = [true]"}, "examples[0]: 'lines' must be a list of line numbers, got [True]"),
        ({"example": "columns = [1, 0]"}, "examples[0]: 'columns' must be a list of column numbers, got [1, 0]"),
        ({"name": "to-folow"}, "'name' must be the file's name without .toml ('to-follow'), got 'to-folow'"),
        ({"extra": 'check = "phrase"'}, ""),  # a repeated key: invalid TOML, also named
    ],
)
def test_mistakes_are_exit_2_at_load(tmp_path: Path, fields: dict[str, str], expected: str) -> None:
    path = _pack(tmp_path, **fields)
    result = _check(tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"response-lint: error: {path}"), result.err
    assert expected in result.err
    assert "no such file" not in result.err and result.out == ""
    assert run_cli("rules", "--test", cwd=tmp_path).code == 2


@pytest.mark.parametrize(
    "name",
    [
        "evil\x01\x1b[2Jrule",  # C0: a terminal escape
        "evil\x85rule",  # C1: NEL
        "evil\x7frule",  # DEL
        "evil\u202erule",  # bidi override
        "To-Follow",
        "to_follow",
        "to--follow",
        "2-follow",
        "to-follow*",
        "all",
    ],
)
def test_a_rule_name_that_is_no_name_is_exit_2_at_load(tmp_path: Path, name: str) -> None:
    """Control characters in a rule's name are refused when the pack loads (not only escaped on
    output); so is anything else that cannot be written everywhere a name goes."""
    toml_name = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in name)
    path = _pack(tmp_path, file=name, name=toml_name)  # named as its file: only the name is wrong
    result = _check(tmp_path)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("response-lint: error: "), result.err
    shown = result.err.splitlines()[0]
    problem = "cannot be 'all'" if name == "all" else "must be lowercase letters, digits and single hyphens"
    assert shown.startswith(f"response-lint: error: {for_terminal(str(path))}: 'name' {problem}"), shown
    assert not any(c in shown for c in "\x01\x1b\x85\x7f\u202e")  # stderr shows them escaped
    assert run_cli("rules", "--test", cwd=tmp_path).code == 2


def test_a_rule_without_examples_is_refused(tmp_path: Path) -> None:
    path = _pack(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('[[examples]]\nverdict = "pass"')], encoding="utf-8")
    result = _check(tmp_path)
    assert result.code == 2
    assert f"{path}: rule 'to-follow': 'examples' needs at least one 'pass' example" in result.err
    path.write_text(text[: text.index("[[examples]]")], encoding="utf-8")
    assert "needs at least one 'fail' and 'pass' example" in _check(tmp_path).err


def test_an_unknown_kind_option_or_choice_names_file_key_and_closest(tmp_path: Path) -> None:
    path = _pack(tmp_path, extra='check = "phrase"'.replace("check", "#"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('check = "phrases"', 'check = "phrase"'), encoding="utf-8")
    err = _check(tmp_path).err
    assert f"{path}: rule 'to-follow': 'check': unknown check kind 'phrase' (did you mean 'phrases'?)" in err
    path.write_text(text.replace("whole = ['tbc']", "wole = ['tbc']"), encoding="utf-8")
    err = _check(tmp_path).err
    assert f"{path}: rule 'to-follow' has no option 'wole' (did you mean 'whole'?)" in err


def test_config_values_are_checked_like_rule_values(tmp_path: Path) -> None:
    (tmp_path / ".response-lint.toml").write_text(
        '[rules.heading-style]\nreference = "house"\n[rules.missing-phase]\nmin-share = 2\n', encoding="utf-8"
    )
    err = _check(tmp_path).err
    assert "rule 'heading-style' option 'reference' must be one of 'document', 'canonical', got 'house'" in err
    (tmp_path / ".response-lint.toml").write_text("[rules.missing-phase]\nmin-share = 2\n", encoding="utf-8")
    err = _check(tmp_path).err
    assert "rule 'missing-phase' option 'min-share' must be a number from 0 to 1, got 2.0" in err or (
        "rule 'missing-phase' option 'min-share' must be a number from 0 to 1, got 2" in err
    )
    (tmp_path / ".response-lint.toml").write_text(
        '[rules.readability]\nsentence-message = "{wrds} words"\n[rules.year-copy]\nnear-severity = "loud"\n',
        encoding="utf-8",
    )
    err = _check(tmp_path).err
    assert "option 'sentence-message': unknown field {wrds} (did you mean 'words'?)" in err


def test_extend_options_are_generated_and_add_to_the_list(tmp_path: Path) -> None:
    _pack(tmp_path)
    (tmp_path / ".response-lint.toml").write_text(
        'rule-paths = ["style"]\n[rules.to-follow]\nextend-whole = ["to follow"]\n', encoding="utf-8"
    )
    doc = tmp_path / "a.txt"
    doc.write_text("Action 1: x\nOffice of Tests\nProgress during 2013\nTBC\n\nTo follow\n", encoding="utf-8")
    result = run_cli("check", "a.txt", "--select", "to-follow", "--format", "concise", cwd=tmp_path)
    assert result.out.count("[to-follow]") == 2, result.out
    shown = run_cli("rule", "to-follow", cwd=tmp_path).out
    assert "extend-whole (list[regex])" in shown


def test_examples_assert_messages_columns_and_fixed_text(tmp_path: Path) -> None:
    pack = tmp_path / "style"
    pack.mkdir()
    (tmp_path / ".response-lint.toml").write_text('rule-paths = ["style"]\n', encoding="utf-8")
    rule = pack / "heading-case.toml"
    body = """\
name = "heading-case"
check = "heading-style"
severity = "info"
fixable = true
summary = "Headings as written by the canonical text"
message = "heading {heading!r} should read {canonical!r}"
[options]
reference = "canonical"
[[examples]]
verdict = "fail"
format = "markdown"
lines = [5]
columns = [%s]
messages = [%s]
fixed = "# Action 1: Test\\n\\n## Office of Tests\\n\\n### Progress during 2013\\n\\nDone.\\n"
text = "# Action 1: Test\\n\\n## Office of Tests\\n\\n### progress during 2013\\n\\nDone.\\n"
[[examples]]
verdict = "pass"
format = "markdown"
text = "# Action 1: Test\\n\\n## Office of Tests\\n\\n### Progress during 2013\\n\\nDone.\\n"
"""
    right = "\"heading 'progress during 2013' should read 'Progress during 2013'\""
    rule.write_text(body % ("5", right), encoding="utf-8")
    result = run_cli("rules", "--test", cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    rule.write_text(body % ("1", right), encoding="utf-8")
    result = run_cli("rules", "--test", cwd=tmp_path)
    assert result.code == 1 and "expected findings at columns [1], got [5]" in result.out + result.err
    rule.write_text(body % ("5", '"something else"'), encoding="utf-8")
    result = run_cli("rules", "--test", cwd=tmp_path)
    assert result.code == 1 and "expected the messages ['something else']" in result.out + result.err
    rule.write_text(
        body.replace('Progress during 2013\\n\\nDone.\\n"\ntext', 'Progress 2013\\n\\nDone.\\n"\ntext') % ("5", right),
        encoding="utf-8",
    )
    result = run_cli("rules", "--test", cwd=tmp_path)
    assert result.code == 1 and "expected the fixed text" in result.out + result.err


def test_files_the_options_name_are_read_before_any_response_file(tmp_path: Path) -> None:
    (tmp_path / ".response-lint.toml").write_text('[rules.spelling]\nwords-file = "nope.txt"\n', encoding="utf-8")
    result = run_cli("check", "no-such-folder", "--select", "spelling", cwd=tmp_path)
    assert result.code == 2 and "no such file" not in result.err.lower()
    assert "rule 'spelling' option 'words-file': word list" in result.err and "nope.txt" in result.err
    (tmp_path / "bodies.toml").write_text('roster = "not a list"\n', encoding="utf-8")
    (tmp_path / ".response-lint.toml").write_text(
        '[rules.missing-entry]\nroster-file = "bodies.toml"\n', encoding="utf-8"
    )
    result = run_cli("check", "no-such-folder", "--select", "missing-entry", cwd=tmp_path)
    assert result.code == 2
    assert "rule 'missing-entry' option 'roster-file':" in result.err and "must have `roster = [" in result.err
