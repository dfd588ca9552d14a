"""Editors' ways in: ``check -`` with ``--stdin-filename``, and the ``concise`` output read by
problem matchers (our ``editors/problem-matcher.json`` and VS Code's ``$gcc``)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

from lint.app import CheckOptions, UsageError, check
from tests.conftest import ROOT, SEEDS, run_cli

# VS Code C/C++ extension's $gcc pattern (ms-vscode.cpptools package.json), as VS Code applies it
GCC = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")

PLACEHOLDER_MD = "# Action 1: Forms\n\n## Office of Forms\n\n### Progress during 2020\n\nComing soon...\n"


def _matcher() -> tuple[re.Pattern[str], dict[str, int]]:
    data = json.loads((ROOT / "editors" / "problem-matcher.json").read_text(encoding="utf-8"))
    pattern = data["problemMatcher"][0]["pattern"][0]
    return re.compile(pattern["regexp"]), pattern


def _both(*paths: str) -> tuple[list[str], list[dict[str, object]]]:
    concise = run_cli("check", *paths, "--format", "concise", "--fail-on", "never", "--no-color")
    as_json = run_cli("check", *paths, "--format", "json", "--fail-on", "never")
    assert concise.code == 0 and as_json.code == 0, concise.err + as_json.err
    return concise.out.splitlines(), as_json.json()["diagnostics"]


def test_our_matcher_reads_every_line_of_every_rule() -> None:
    regex, pattern = _matcher()
    lines, diagnostics = _both("fixtures")
    assert len(lines) == len(diagnostics) > 100
    assert {d["severity"] for d in diagnostics} == {"error", "warning", "info"}
    for text, d in zip(lines, diagnostics, strict=True):
        m = regex.match(text)
        assert m, text
        got = {key: m.group(pattern[key]) for key in ("file", "line", "column", "severity", "message", "code")}
        assert got == {
            "file": d["path"],
            "line": str(d["line"]),
            "column": str(d["column"]),
            "severity": d["severity"],
            "message": str(d["message"]).replace("\n", " "),
            "code": d["rule"],
        }


def test_vscode_gcc_matcher_reads_every_error_and_warning_of_the_seeds() -> None:
    lines, diagnostics = _both("fixtures/seeds")
    shown = [(t, d) for t, d in zip(lines, diagnostics, strict=True) if d["severity"] != "info"]
    assert len(shown) > 50
    for text, d in shown:
        m = GCC.match(text)
        assert m, text
        assert (m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)) == (
            d["path"],
            d["line"],
            d["column"],
            d["severity"],
        )
        assert m.group(5) == f"{d['message']} [{d['rule']}]"


def test_stdin_with_a_filename_finds_config_and_format(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / ".response-lint.toml").write_text('select = ["placeholder"]\n', encoding="utf-8")
    # no such file on disk: an unsaved buffer; the name decides config (upward) and path in the report
    proc = subprocess.run(
        [sys.executable, "-m", "lint", "check", "-", "--stdin-filename", "content/new.md", "--format", "concise"],
        input=PLACEHOLDER_MD.encode(),
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.decode().splitlines() == [
        "content/new.md:7:1: error: placeholder text 'Coming soon...' stands in for content [placeholder]"
    ]
    assert not (tmp_path / "content" / "new.md").exists()


def test_stdin_reads_seed_as_the_file_does() -> None:
    seed = SEEDS / "001.txt"
    from_file = run_cli("check", str(seed), "--format", "json", "--fail-on", "never").json()["diagnostics"]
    outcome = check(
        CheckOptions(
            paths=["-"], stdin_filename=str(seed), format="json", fail_on="never", stdin=io.BytesIO(seed.read_bytes())
        ),
        stdout=io.StringIO(),
    )
    got = [(i.diagnostic.rule, i.location.line, i.location.column) for i in outcome.report.items]
    assert got == [(d["rule"], d["line"], d["column"]) for d in from_file]


def test_stdin_without_a_name_is_dash() -> None:
    out = io.StringIO()
    check(CheckOptions(paths=["-"], format="concise", stdin=io.BytesIO(PLACEHOLDER_MD.encode())), stdout=out)
    assert out.getvalue().startswith("-:7:1: error: placeholder text")


def test_stdin_refuses_fix_and_mixing() -> None:
    import pytest

    with pytest.raises(UsageError, match="--fix"):
        check(CheckOptions(paths=["-"], fix=True, stdin=io.BytesIO(b"")), stdout=io.StringIO())
    with pytest.raises(UsageError, match="standard input"):
        check(CheckOptions(paths=["-", "fixtures/seeds"], stdin=io.BytesIO(b"")), stdout=io.StringIO())
    result = run_cli("check", "fixtures/seeds", "--stdin-filename", "x.md")
    assert result.code == 2 and "'-'" in result.err
