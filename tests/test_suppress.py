"""Inline suppressions (``<!-- response-lint: ... -->``), unused and invalid ones, per-file-ignores."""

from __future__ import annotations

from pathlib import Path

from lint.model import Comment, Span
from lint.suppress import parse

from .conftest import Result, run_cli

RULES = "placeholder,syntax,unused-suppression,invalid-suppression"


def lint(tmp_path: Path, files: dict[str, str], *args: str, select: str = RULES, config: str = "") -> Result:
    (tmp_path / ".response-lint.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return run_cli("check", *files, "--format", "json", "--select", select, *args, cwd=tmp_path)


def found(result: Result) -> list[tuple[str, int, str]]:
    assert result.code in (0, 1), result.err
    return [(d["rule"], d["line"], d["message"]) for d in result.json()["diagnostics"]]


def rules_lines(result: Result) -> list[tuple[str, int]]:
    return [(rule, line) for rule, line, _ in found(result)]


def markdown(*body: str) -> str:
    return "\n".join(["# Action 12: Rural broadband", "", "## Office for Fenland Roads", "", *body, ""])


def test_disable_next_line_covers_only_the_next_line(tmp_path):
    text = markdown(
        "### Progress during 2021",
        "",
        "<!-- response-lint: disable-next-line=placeholder -->",
        "Coming soon...",
        "",
        "### Planned activities in 2022",
        "",
        "TBC",
    )
    assert rules_lines(lint(tmp_path, {"roads.md": text})) == [("placeholder", 12)]


def test_disable_region_ends_at_enable(tmp_path):
    text = markdown(
        "<!-- response-lint: disable=placeholder -->",
        "### Progress during 2021",
        "",
        "Coming soon...",
        "",
        "<!-- response-lint: enable -->",
        "### Planned activities in 2022",
        "",
        "TBC",
    )
    assert rules_lines(lint(tmp_path, {"roads.md": text})) == [("placeholder", 13)]


def test_blanket_disable_runs_to_the_end_and_enable_one_rule_narrows_it(tmp_path):
    text = markdown(
        "<!-- response-lint: disable -- imported from the 2019 archive -->",
        "### Progress during 2021",
        "",
        "TBC",
        "",
        "### Notes from the board",
        "",
        "Reviewed in March.",
        "",
        "<!-- response-lint: enable=placeholder -->",
        "### Planned activities in 2022",
        "",
        "Awaiting final sign-off",
        "",
        "### Minutes",
        "",
        "Kept on file.",
    )
    # the placeholder after enable=placeholder is reported; unknown headings (syntax) stay suppressed
    assert rules_lines(lint(tmp_path, {"roads.md": text})) == [("placeholder", 17)]


def test_rule_globs_and_a_directive_split_over_lines(tmp_path):
    text = markdown(
        "### Progress during 2021",
        "",
        "<!--",
        "  response-lint: disable-next-line=place*",
        "-->",
        "To be confirmed",
        "",
    )
    assert rules_lines(lint(tmp_path, {"roads.md": text})) == []


def test_a_comment_between_entry_heading_and_first_phase_counts(tmp_path):
    text = markdown("<!-- response-lint: disable=placeholder -->", "", "### Progress during 2021", "", "TBC")
    assert rules_lines(lint(tmp_path, {"roads.md": text})) == []


def test_suppressions_in_the_2012_source_format(tmp_path):
    text = "\n".join(
        [
            "#Action 4: Channel shift",
            "{div .department}",
            "##Agency for<br>Inland Waterways",
            "{div .statement}",
            "<!-- response-lint: disable-next-line=placeholder -->",
            "Coming soon...",
            "{/div}",
            "{/div}",
            "{div .department}",
            "##Board of<br>Canal Pilots",
            "{div .statement}",
            "Coming soon...",
            "{/div}",
            "{/div}",
            "",
        ]
    )
    assert rules_lines(lint(tmp_path, {"waterways.txt": text})) == [("placeholder", 12)]


def test_unused_suppression_is_reported_on_the_comment_and_fixed_away(tmp_path):
    text = markdown(
        "### Progress during 2021",
        "",
        "<!-- response-lint: disable-next-line=placeholder -->",
        "We resurfaced forty miles of drove roads.",
    )
    result = lint(tmp_path, {"roads.md": text})
    assert result.code == 0  # info does not fail the run
    [(rule, line, message)] = found(result)
    assert (rule, line) == ("unused-suppression", 7)
    assert "'placeholder'" in message and "next line" in message
    assert result.json()["diagnostics"][0]["severity"] == "info"

    fixed = run_cli("check", "roads.md", "--select", RULES, "--fix", "--format", "json", cwd=tmp_path)
    assert fixed.code == 0 and fixed.json()["diagnostics"] == []
    assert (tmp_path / "roads.md").read_text(encoding="utf-8") == markdown(
        "### Progress during 2021", "", "We resurfaced forty miles of drove roads."
    )


def test_partly_unused_suppression_names_the_idle_rule(tmp_path):
    text = markdown(
        "### Progress during 2021", "", "<!-- response-lint: disable-next-line=placeholder,syntax -->", "TBC"
    )
    [(rule, line, message)] = found(lint(tmp_path, {"roads.md": text}))
    assert (rule, line) == ("unused-suppression", 7)
    assert "'syntax'" in message and "'placeholder'" not in message.split("in '")[0]


def test_unused_region_and_stray_enable(tmp_path):
    text = markdown(
        "<!-- response-lint: disable=placeholder -->",
        "### Progress during 2021",
        "",
        "Both bridges reopened in May.",
        "",
        "<!-- response-lint: enable -->",
        "<!-- response-lint: enable=syntax -->",
    )
    result = lint(tmp_path, {"roads.md": text})
    assert rules_lines(result) == [("unused-suppression", 5), ("unused-suppression", 11)]
    assert "is not disabled" in found(result)[1][2]
    # --fix deletes the stray enable; an unused disable region is left for a person to judge
    run_cli("check", "roads.md", "--select", RULES, "--fix", cwd=tmp_path)
    assert "enable=syntax" not in (tmp_path / "roads.md").read_text(encoding="utf-8")
    assert rules_lines(lint(tmp_path, {}, "roads.md")) == [("unused-suppression", 5)]


def test_only_rules_that_ran_are_judged(tmp_path):
    text = markdown(
        "### Progress during 2021",
        "",
        "<!-- response-lint: disable-next-line=placeholder -->",
        "The ferry timetable is online.",
    )
    assert found(lint(tmp_path, {"roads.md": text}, select="unused-suppression")) == []
    # per-file-ignores switch placeholder off for this file: not judged either
    config = '[per-file-ignores]\n"roads.md" = ["placeholder"]\n'
    assert found(lint(tmp_path, {"roads.md": text}, config=config)) == []
    # a blanket suppression is judged against whatever ran
    blanket = text.replace("disable-next-line=placeholder", "disable-next-line")
    assert rules_lines(lint(tmp_path, {"roads.md": blanket}, select="unused-suppression")) == [
        ("unused-suppression", 7)
    ]


def test_a_named_suppression_can_keep_an_unused_one_quiet(tmp_path):
    text = markdown(
        "### Progress during 2021",
        "",
        "<!-- response-lint: disable-next-line=unused-suppression -->",
        "<!-- response-lint: disable-next-line=placeholder -->",
        "The ferry timetable is online.",
    )
    assert found(lint(tmp_path, {"roads.md": text})) == []


def test_unknown_rule_names_and_directives_are_invalid(tmp_path):
    text = markdown(
        "### Progress during 2021",
        "",
        "<!-- response-lint: disable-next-line=placholder -->",
        "Coming soon...",
        "",
        "<!-- response-lint: disabel=placeholder -->",
        "<!-- response-lint: disable=placeholder syntax -->",
        "<!-- response-lint: disable= -->",
        "<!-- response-lint found two problems here last spring -->",
        "<!-- An ordinary comment. -->",
    )
    result = lint(tmp_path, {"roads.md": text})
    got = found(result)
    assert [(rule, line) for rule, line, _ in got] == [
        ("invalid-suppression", 7),
        ("placeholder", 8),
        ("invalid-suppression", 10),
        ("invalid-suppression", 11),
        ("invalid-suppression", 12),
    ]
    messages = [message for _, _, message in got]
    assert "no rule matches 'placholder'" in messages[0] and "did you mean 'placeholder'" in messages[0]
    assert "unknown suppression directive 'disabel'" in messages[2] and "'disable'" in messages[2]
    assert "commas" in messages[3]
    assert "names no rule" in messages[4]
    assert result.json()["diagnostics"][0]["severity"] == "warning"


def test_rules_of_other_packs_may_be_named_while_not_selected(tmp_path):
    text = markdown(
        "### Progress during 2021", "", "<!-- response-lint: disable-next-line=missing-phase,heading-style -->", "TBC"
    )
    result = lint(tmp_path, {"roads.md": text}, select="placeholder,invalid-suppression")
    assert rules_lines(result) == [("placeholder", 8)]


def test_plain_text_files_use_per_file_ignores(tmp_path):
    text = "\n".join(
        ["Action 8: Open procurement", "Moorside Borough Council", "Progress during 2016", "Coming soon...", ""]
    )
    files = {"legacy/2016.txt": text, "current/2016.txt": text}
    config = '[per-file-ignores]\n"legacy/*.txt" = ["placeholder"]\n'
    result = lint(tmp_path, files, config=config)
    assert [(d["path"], d["rule"], d["line"]) for d in result.json()["diagnostics"]] == [
        ("current/2016.txt", "placeholder", 4)
    ]


def test_the_post_pass_kinds_have_no_options(tmp_path):
    """Which suppressions a rule reports is its check kind, not an option (there is no ``reports``)."""
    text = markdown("### Progress during 2021", "", "<!-- response-lint: disable -->", "TBC")
    config = '[rules.unused-suppression]\nreports = "everything"\n'
    result = lint(tmp_path, {"roads.md": text}, config=config)
    assert result.code == 2
    assert "rule 'unused-suppression' has no option 'reports'" in result.err


def test_parse_reads_directives_and_leaves_prose_alone():
    def directive(text: str):
        return parse(Comment(text, Span(0, len(text))))

    d, problem = directive("<!-- response-lint: disable = placeholder , year-copy -- agreed with the editor -->")
    assert problem is None and d is not None
    assert (d.action, d.rules, d.reason) == ("disable", ("placeholder", "year-copy"), "agreed with the editor")
    d, problem = directive("<!-- RESPONSE-LINT: Enable -->")
    assert problem is None and d is not None and (d.action, d.rules) == ("enable", None)
    assert directive("<!-- response-lint is run in CI -->") == (None, None)
    assert directive("<!-- a note -->") == (None, None)
    assert (
        directive("<!-- response-lint: -->")[1] == "empty suppression: write one of disable, enable, disable-next-line"
    )
    d, problem = directive("<!-- response-lint: disable-next-lines=placeholder -->")
    assert d is None and problem is not None and "disable-next-line" in problem


def test_a_run_hands_the_rules_it_loaded_to_the_suppressions(tmp_path, monkeypatch):
    """A suppression naming a rule is judged against the run's loaded rules: the rule files are not read again."""

    def reload(*args: object) -> set[str]:
        raise AssertionError("the suppression pass loaded the rule files again")

    monkeypatch.setattr("lint.suppress.known_rule_names", reload)
    text = markdown(
        "### Progress during 2021", "", "<!-- response-lint: disable-next-line=missing-phase,placholder -->", "TBC"
    )
    got = found(lint(tmp_path, {"roads.md": text}, select="placeholder,invalid-suppression"))
    assert [(rule, line) for rule, line, _ in got] == [("invalid-suppression", 7), ("placeholder", 8)]
    assert "no rule matches 'placholder'" in got[0][2]
