"""The command line: the JSON contract, text and concise output, exit codes, commands."""

from __future__ import annotations

import json
import os
import shutil

from lint import __version__

from .conftest import FIXTURES, SEEDS, run_cli, run_process


def test_json_report_matches_the_contract():
    result = run_cli("check", "fixtures/seeds", "--format", "json", "--select", "placeholder,syntax")
    assert result.code == 1
    data = result.json()
    assert data["version"] == 1
    assert data["tool"] == {"name": "response-lint", "version": __version__}
    assert data["summary"] == {"files": 2, "error": 2, "warning": 0, "info": 0}
    first = data["diagnostics"][0]
    assert {
        k: first[k] for k in ("path", "line", "column", "end_line", "end_column", "rule", "severity", "entry", "phase")
    } == {
        "path": "fixtures/seeds/001.txt",
        "line": 41,
        "column": 1,
        "end_line": 41,
        "end_column": 15,
        "rule": "placeholder",
        "severity": "error",
        "entry": "Department for Communities and Local Government",
        "phase": "commitment 2012",
    }
    assert data["diagnostics"][1]["line"] == 129
    assert data["diagnostics"][1]["entry"] == "Her Majesty's Treasury"


def test_text_output_underlines_the_span_and_summarises():
    result = run_cli("check", "fixtures/seeds/001.txt", "--select", "placeholder", "--no-color")
    assert result.out == (
        "fixtures/seeds/001.txt:41:1: error [placeholder] placeholder text 'Coming soon...' stands in for content\n"
        "     41 | Coming soon...\n"
        "        | ^^^^^^^^^^^^^^\n"
        "\n"
        "fixtures/seeds/001.txt:129:1: error [placeholder] placeholder text 'Coming soon...' stands in for content\n"
        "    129 | Coming soon...\n"
        "        | ^^^^^^^^^^^^^^\n"
        "\n"
        "Found 2 errors, 0 warnings, 0 info in 1 file.\n"
    )


def test_concise_output():
    result = run_cli("check", "fixtures/seeds/001.txt", "--select", "placeholder", "--format", "concise")
    assert result.out.splitlines() == [
        "fixtures/seeds/001.txt:41:1: error: placeholder text 'Coming soon...' stands in for content [placeholder]",
        "fixtures/seeds/001.txt:129:1: error: placeholder text 'Coming soon...' stands in for content [placeholder]",
    ]


def test_clean_file_exits_0(tmp_path):
    clean = tmp_path / "clean.md"
    clean.write_text(
        "# Action 1: Publish\n\n## Office of Clear Writing\n\n### Progress during 2020\n\n"
        "We published the guide in May.\n",
        encoding="utf-8",
    )
    result = run_cli("check", str(clean), "--select", "placeholder,syntax")
    assert result.code == 0
    assert "All clear" in result.out


def test_fail_on_levels(tmp_path):
    (tmp_path / "w.txt").write_bytes("Action 1: x\nOrg\nProgress during 2013\nA \x93quote\x94.\n".encode("latin-1"))
    args = ("check", str(tmp_path / "w.txt"), "--select", "syntax")
    assert run_cli(*args).code == 0  # a warning does not fail by default
    assert run_cli(*args, "--fail-on", "warning").code == 1
    assert run_cli(*args, "--fail-on", "never").code == 0


def test_select_and_ignore_by_glob():
    names = {
        d["rule"]
        for d in run_cli("check", "fixtures/seeds", "--format", "json", "--select", "place*").json()["diagnostics"]
    }
    assert names == {"placeholder"}
    result = run_cli("check", "fixtures/seeds", "--format", "json", "--select", "placeholder", "--ignore", "place*")
    assert result.json()["diagnostics"] == []
    bad = run_cli("check", "fixtures/seeds", "--select", "nosuchrule")
    assert bad.code == 2 and "no rule matches 'nosuchrule'" in bad.err


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", "fixtures/seeds", "--format", "json", "--output", str(out), "--select", "placeholder")
    assert result.code == 1 and result.out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["error"] == 2


def test_outline_command():
    data = run_cli("outline", "fixtures/seeds/000.txt").json()
    assert data["format"] == "publication-2015"
    assert len(data["entries"]) == 17
    phase = data["entries"][0]["phases"][1]
    assert phase == {
        "phase": "progress 2013",
        "kind": "progress",
        "year": 2013,
        "heading": "Progress during 2013",
        "canonical_heading": "Progress during 2013",
        "heading_line": 8,
        "lines": [8, 9],
        "body_lines": [9, 9],
        "period": None,
        "paragraphs": 1,
        "links": 0,
    }
    assert data["layout"] == "per-action" and data["action"] == "11" and data["organisation"] is None
    assert data["front_matter_lines"] == [2, 3, 4]
    first = data["entries"][0]
    assert (first["organisation"], first["action"]) == ("The Attorney General’s Office", "11")
    per_org = run_cli("outline", "fixtures/real/govuk/org-hmt.txt").json()
    assert per_org["layout"] == "per-organisation"
    assert per_org["organisation"] == "Her Majesty’s Treasury"
    assert [e["action"] for e in per_org["entries"]] == ["1", "2"]
    assert per_org["entries"][1]["intro_lines"] == [33, 33]
    both = run_cli("outline", "fixtures/seeds/000.txt", "fixtures/seeds/001.txt").json()
    assert [len(d["entries"]) for d in both] == [17, 18]
    assert both[1]["links"] == 16


def test_rules_and_rule_commands():
    listing = run_cli("rules")
    assert listing.code == 0 and "placeholder" in listing.out
    doc = run_cli("rule", "placeholder")
    assert doc.code == 0
    assert doc.out.startswith("placeholder (error): ")
    assert "FAIL" in doc.out and "PASS" in doc.out and "Options" in doc.out
    missing = run_cli("rule", "placeholdr")
    assert missing.code == 2 and "did you mean 'placeholder'" in missing.err


def test_rules_test_command_runs_every_example():
    result = run_cli("rules", "--test")
    assert result.code == 0, result.out
    assert result.out.strip().splitlines()[-1].endswith("0 failed")


def test_python_dash_m_and_colour_rules(tmp_path):
    shutil.copy(SEEDS / "001.txt", tmp_path / "001.txt")
    env = {**os.environ, "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    coloured = run_process("check", "001.txt", "--select", "placeholder", cwd=tmp_path, env=env)
    assert coloured.code == 1 and "\x1b[" in coloured.out
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR")
    plain = run_process("check", "001.txt", "--select", "placeholder", cwd=tmp_path, env=env)
    assert "\x1b[" not in plain.out and "001.txt:41:1: error [placeholder]" in plain.out


def test_usage_errors_are_exit_2_without_traceback():
    assert run_cli("check", "--fail-on", "sometimes").code == 2
    assert run_cli().code == 2
    result = run_cli("check", "fixtures/seeds", "--format", "nope")
    assert result.code == 2 and "unknown format 'nope'" in result.err


def test_folder_walk_respects_include_and_gitignore(tmp_path):
    import subprocess

    (tmp_path / "a.md").write_text("# Action 1\n\n## Org\n\n### Progress during 2013\n\nComing soon...\n")
    (tmp_path / "b.txt").write_text("Action 1: x\nOrg\nProgress during 2013\nTBC\n")
    (tmp_path / "c.rst").write_text("Action 1: x\nOrg\nProgress during 2013\nTBC\n")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "d.txt").write_text("Action 1: x\nOrg\nProgress during 2013\nTBC\n")
    (tmp_path / ".gitignore").write_text("ignored/\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = run_cli("check", str(tmp_path), "--format", "json", "--select", "placeholder")
    paths = sorted({d["path"].rsplit("/", 1)[-1] for d in result.json()["diagnostics"]})
    assert paths == ["a.md", "b.txt"]


def test_fixtures_formats_folder_is_linted_without_error():
    result = run_cli("check", str(FIXTURES / "formats"), "--format", "json", "--select", "syntax")
    assert result.code == 1  # the unclosed-div fixture has syntax errors
    assert {d["rule"] for d in result.json()["diagnostics"]} == {"syntax"}


def test_text_output_cuts_long_lines_to_a_window_around_the_span(tmp_path):
    filler = "We published the guide in May and wrote to every council about it. " * 8
    (tmp_path / "long.txt").write_text(
        f"Action 1: x\nCouncil of Windows\nProgress during 2013\n{filler}[Insert date] {filler}\n", encoding="utf-8"
    )
    result = run_cli("check", str(tmp_path / "long.txt"), "--select", "placeholder", "--no-color")
    source, caret = result.out.splitlines()[1:3]
    assert source.startswith("      4 | …") and source.endswith("…")
    shown = source.split(" | ", 1)[1]
    underline = caret.split(" | ", 1)[1]
    start = underline.index("^")
    assert shown[start : start + len(underline) - start] == "[Insert date]"
    assert len(shown) <= 102


def test_clean_fixtures_pass_every_default_rule():
    """fixtures/clean holds well-formed response files: the default rules, at every level, find nothing."""
    result = run_cli("check", "fixtures/clean", "--fail-on", "info", "--format", "json")
    assert result.code == 0, result.out
    assert result.json()["diagnostics"] == []
    assert result.json()["summary"]["files"] == 2


def test_every_output_option_refuses_a_missing_folder_alike(tmp_path) -> None:
    """One check (`errors.require_folder`) and one wording for the four output options."""
    shutil.copy(SEEDS / "001.txt", tmp_path / "001.txt")
    missing = tmp_path / "nope"
    for option, extra in (
        ("--output", ()),
        ("--also-write", ()),
        ("--write-baseline", ()),
        ("--shard-file", ("--shard", "1/2")),
    ):
        value = f"json={missing / 'out'}" if option == "--also-write" else str(missing / "out")
        result = run_cli("check", str(tmp_path / "001.txt"), option, value, *extra, "--no-cache", cwd=tmp_path)
        assert result.code == 2, (option, result.err)
        assert f"{option}: folder {missing} does not exist" in result.err, option
        assert not missing.exists()


def test_on_off_flag_pairs_are_none_true_or_false_and_exclude_each_other() -> None:
    """Every --NAME/--no-NAME pair is declared by `cli_view.on_off`: unset is None (the config decides)."""
    import pytest

    from lint.cli_parser import build

    parser = build()
    for name in ("links", "color", "show-source", "force-exclude"):
        dest = name.replace("-", "_")
        assert getattr(parser.parse_args(["check", "."]), dest) is None
        assert getattr(parser.parse_args(["check", f"--{name}", "."]), dest) is True
        assert getattr(parser.parse_args(["check", f"--no-{name}", "."]), dest) is False
        with pytest.raises(SystemExit):
            parser.parse_args(["check", f"--{name}", f"--no-{name}", "."])


def test_the_program_keeps_its_run_to_the_end_of_the_process(tmp_path, monkeypatch):
    """The program (``response-lint``, ``python -m lint``) ends with os._exit after the command
    (cli.leave): its check's outcome is kept to then, not freed object by object first (0.03 s of
    a warm 2,000-file run); a caller of main() in its own process gets it let go as usual."""
    from lint import cli

    page = tmp_path / "page.md"
    page.write_text("# Action 1: Open data\n\n## Office\n\n### Progress during 2014\n\nTBC\n", encoding="utf-8")
    monkeypatch.setattr(cli, "_KEPT_TO_EXIT", [])
    assert cli.main(["check", str(page), "--no-cache"]) == 1 and cli._KEPT_TO_EXIT == []
    monkeypatch.setattr(cli, "_PROGRAM", True)
    import gc

    try:
        assert cli.main(["check", str(page), "--no-cache"]) == 1
    finally:
        gc.enable()  # (the program leaves the collector off for a run of a few files)
    (kept,) = cli._KEPT_TO_EXIT
    assert kept.exit_code == 1


def test_a_folder_outside_any_git_work_tree_starts_no_git(tmp_path, monkeypatch):
    """git check-ignore only fails where git finds no work tree: it is not started there. Inside
    one, or through a symbolic link into one, or when the environment names one, it still is."""
    import subprocess

    from lint.files import collect

    outside, repo = tmp_path / "outside", tmp_path / "repo"
    for folder in (outside, repo / "sub"):
        folder.mkdir(parents=True)
        (folder / "a.md").write_text("# A\n")
        (folder / "b.md").write_text("# B\n")
    (repo / ".gitignore").write_text("b.md\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (tmp_path / "link").symlink_to(repo / "sub")
    started = []
    real = subprocess.run

    def run(*args, **kwargs):
        started.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    assert [os.path.basename(f) for f in collect([str(outside)], ["*.md"], [])[0]] == ["a.md", "b.md"]
    assert started == []
    assert [os.path.basename(f) for f in collect([str(repo / "sub")], ["*.md"], [])[0]] == ["a.md"]
    assert [os.path.basename(f) for f in collect([str(tmp_path / "link")], ["*.md"], [])[0]] == ["a.md"]
    assert len(started) == 2
    monkeypatch.setenv("GIT_DIR", str(repo / ".git"))
    collect([str(outside)], ["*.md"], [])
    assert len(started) == 3
