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


def _spy_regex_checks(monkeypatch) -> list[str]:
    import lint.options

    seen: list[str] = []
    real = lint.options.regex_problem

    def spy(pattern, flags=0):
        seen.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(lint.options, "regex_problem", spy)
    return seen


def test_a_rule_file_is_validated_again_unless_these_very_bytes_passed_under_this_code(tmp_path, monkeypatch):
    import lint.codestamp
    from lint.errors import OptionError
    from lint.rules import load_rules

    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    pack.mkdir()
    rule = pack / "shout.toml"
    body = (
        'name = "shout"\ncheck = "phrases"\nseverity = "warning"\nsummary = "s"\nmessage = "m"\n'
        "options = {{ whole = [{pattern!r}] }}\n"
        '[[examples]]\nverdict = "fail"\ntext = "TBC"\n[[examples]]\nverdict = "pass"\ntext = "Done."\n'
    )
    rule.write_text(body.format(pattern="TBC"), encoding="utf-8")
    checked = _spy_regex_checks(monkeypatch)
    first = load_rules([pack])
    assert "TBC" in checked  # validated in full the first time
    checked.clear()
    assert load_rules([pack]) == first and checked == []  # the same bytes passed: not compiled again
    monkeypatch.setattr(lint.codestamp, "code_stamp", lambda: ["the tool's code changed"])
    assert load_rules([pack]) == first and "TBC" in checked  # other code: validated again
    rule.write_text(body.format(pattern="TBC("), encoding="utf-8")  # same size class, new bytes
    with pytest.raises(OptionError, match=r"shout\.toml: rule 'shout' option 'whole': invalid regex 'TBC\('"):
        load_rules([pack])
    with pytest.raises(OptionError, match="invalid regex"):  # a failed file is never trusted
        load_rules([pack])


def test_a_check_of_the_machine_runs_on_every_load_even_for_a_rule_file_that_passed(tmp_path, monkeypatch):
    import importlib.util

    from lint.errors import OptionError
    from lint.rules import load_rules

    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "hard.toml").write_text(
        'name = "hard"\ncheck = "readability"\nseverity = "warning"\nsummary = "s"\nmessage = "m"\n'
        'options = { syllables = "cmudict" }\n'
        '[[examples]]\nverdict = "fail"\ntext = "x"\n[[examples]]\nverdict = "pass"\ntext = "y"\n',
        encoding="utf-8",
    )
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: object() if name == "textstat_rs" else real(name))
    assert load_rules([pack])["hard"].options["syllables"] == "cmudict"  # passes, and is recorded
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "textstat_rs" else real(name))
    with pytest.raises(OptionError, match="needs the textstat-rs package"):  # uninstalled since
        load_rules([pack])


def test_the_built_in_pack_loads_the_same_from_the_rule_cache_as_validated_in_full(tmp_path, monkeypatch):
    from lint.rules import builtin_rules_dir, load_rules

    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", "")  # no cache: validated in full
    full = load_rules([builtin_rules_dir()])
    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", str(tmp_path / "cache"))
    load_rules([builtin_rules_dir()])  # validated, and recorded as passed
    checked = _spy_regex_checks(monkeypatch)
    assert load_rules([builtin_rules_dir()]) == full and checked == []


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


def test_rule_cache_of_an_older_version_of_this_copy_is_removed(tmp_path, monkeypatch):
    """An upgrade in place names the cache afresh; the old version's file would stay unread for good."""
    from lint.rules import load_rules

    cache = tmp_path / "cache"
    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", str(cache))
    load_rules([builtin_rules_dir()])
    (ours,) = cache.glob("rules-*.marshal")
    here = ours.name.split("-")[2]  # rules-VERSION-HERE-LAYOUT.marshal
    older = [cache / f"rules-0.0.1-{here}-2.marshal", cache / f"rules-0.0.1-{here}.marshal"]
    other_copy = cache / "rules-0.0.1-0badc0de-2.marshal"  # another installed copy: not this one's to remove
    for path in [*older, other_copy]:
        path.write_bytes(b"kept by an older version")
    ours.unlink()  # the next load writes the cache again
    load_rules([builtin_rules_dir()])
    assert sorted(p.name for p in cache.glob("rules-*.marshal")) == sorted([ours.name, other_copy.name])
