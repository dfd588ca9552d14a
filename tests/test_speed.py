"""Speed features keep output the same: --timings, the one linear sentence splitter."""

from __future__ import annotations

from lint.checks import sentences

from .conftest import run_cli


def test_timings_table_follows_the_report_on_stderr():
    plain = run_cli("check", "fixtures/seeds", "--format", "json")
    timed = run_cli("check", "fixtures/seeds", "--format", "json", "--timings")
    assert timed.code == plain.code
    assert timed.out == plain.out  # the report is untouched
    stages = [line.split("|")[0].strip() for line in timed.err.split("\n\n")[0].splitlines()[2:]]
    assert stages[:3] == ["discover", "read", "check"]
    assert "report" in stages
    rules = {line.split("|")[0].strip() for line in timed.err.split("\n\n")[1].splitlines()[2:]}
    assert {"placeholder", "readability", "entry-copy", "missing-entry"} <= rules


def test_sentence_split_of_a_long_paragraph_is_the_split_of_its_sentences():
    one = "Prof. Smith met the U.K. team at No. 10 on Monday. See para. 4 of the plan, e.g. its costs. "
    text = one * 500
    bounds = sentences.split(text)
    assert len(bounds) == 1000
    assert {text[a:b] for a, b in bounds} == {
        "Prof. Smith met the U.K. team at No. 10 on Monday.",
        "See para. 4 of the plan, e.g. its costs.",
    }
