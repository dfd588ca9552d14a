"""What a run shows (issue 15): --min-severity, --statistics, --quiet, --show-source, --force-exclude,
and text that fits COLUMNS."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli

MIXED = (
    "# Action 1: Parking\n\n## Office of Harbours\n\n### Progress during 2021\n\n"
    "We will leverage the car parks.\n\nTBC\n\n### Planned activities in 2022\n\nWe will rebuilt the wharff.\n"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / ".response-lint.toml").write_text("", encoding="utf-8")
    (tmp_path / "doc.md").write_text(MIXED, encoding="utf-8")
    return tmp_path


SELECT = ("--select", "placeholder,plain-english,spelling")


def _severities(result) -> list[str]:
    return sorted(d["severity"] for d in result.json()["diagnostics"])


def test_min_severity_hides_lower_findings_in_every_format(site):
    full = run_cli("check", "doc.md", *SELECT, "--format", "json", cwd=site)
    assert _severities(full) == ["error", "info", "warning"]
    errors = run_cli("check", "doc.md", *SELECT, "--format", "json", "--min-severity", "error", cwd=site)
    assert _severities(errors) == ["error"]
    assert run_cli("check", "doc.md", *SELECT, "--min-severity", "warning", cwd=site).out.count(" info [") == 0
    for fmt in ("junit", "gitlab", "checkstyle", "github", "concise"):
        shown = run_cli("check", "doc.md", *SELECT, "--format", fmt, "--min-severity", "error", cwd=site).out
        assert "leverage" not in shown and "wharff" not in shown and "TBC" in shown, fmt
    sarif = run_cli("check", "doc.md", *SELECT, "--format", "sarif", "--min-severity", "error", cwd=site).json()
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["placeholder"]


def test_min_severity_is_not_fail_on(site):
    # warnings shown, but only errors fail; and a hidden finding never fails the run
    result = run_cli("check", "doc.md", "--select", "spelling", "--min-severity", "warning", cwd=site)
    assert result.code == 0 and "wharff" in result.out
    args = ("--select", "plain-english", "--fail-on", "info")
    assert run_cli("check", "doc.md", *args, cwd=site).code == 1
    hidden = run_cli("check", "doc.md", *args, "--min-severity", "warning", cwd=site)
    assert hidden.code == 0 and "leverage" not in hidden.out


def test_min_severity_from_the_config_and_a_bad_value(site):
    (site / ".response-lint.toml").write_text('min-severity = "error"\n', encoding="utf-8")
    assert _severities(run_cli("check", "doc.md", *SELECT, "--format", "json", cwd=site)) == ["error"]
    flag_wins = run_cli("check", "doc.md", *SELECT, "--format", "json", "--min-severity", "info", cwd=site)
    assert len(_severities(flag_wins)) == 3
    (site / ".response-lint.toml").write_text('min-severity = "warn"\n', encoding="utf-8")
    bad = run_cli("check", "doc.md", cwd=site)
    assert bad.code == 2 and ".response-lint.toml" in bad.err and "'min-severity'" in bad.err


def test_statistics_counts_per_rule(site):
    result = run_cli("check", "doc.md", *SELECT, "--statistics", cwd=site)
    lines = result.out.splitlines()
    assert result.code == 1
    assert lines[0].split()[:3] == ["1", "placeholder", "error"]
    assert {line.split()[1] for line in lines[:3]} == {"placeholder", "plain-english", "spelling"}
    assert lines[-1] == "Found 1 error, 1 warning, 1 info in 1 file."
    as_json = run_cli("check", "doc.md", *SELECT, "--statistics", "--format", "json", cwd=site).json()
    assert {row["rule"]: row["count"] for row in as_json} == {"placeholder": 1, "plain-english": 1, "spelling": 1}


def test_quiet_prints_the_summary_only(site):
    result = run_cli("check", "doc.md", *SELECT, "-q", cwd=site)
    assert result.out == "Found 1 error, 1 warning, 1 info in 1 file.\n" and result.code == 1
    assert run_cli("check", "doc.md", *SELECT, "--quiet", "--format", "json", cwd=site).json()["summary"]["error"] == 1


def test_show_source_and_no_show_source(site):
    shown = run_cli("check", "doc.md", "--select", "placeholder", cwd=site).out
    assert "     9 | TBC" in shown
    bare = run_cli("check", "doc.md", "--select", "placeholder", "--no-show-source", cwd=site).out
    assert "| TBC" not in bare and bare.startswith("doc.md:9:1: error [placeholder]")
    (site / ".response-lint.toml").write_text("show-source = false\n", encoding="utf-8")
    assert "| TBC" not in run_cli("check", "doc.md", "--select", "placeholder", cwd=site).out
    assert "| TBC" in run_cli("check", "doc.md", "--select", "placeholder", "--show-source", cwd=site).out


def test_force_exclude_applies_exclude_to_named_files(site):
    (site / ".response-lint.toml").write_text('exclude = ["drafts", "README.md"]\n', encoding="utf-8")
    (site / "drafts").mkdir()
    (site / "drafts" / "a.md").write_text(MIXED, encoding="utf-8")
    (site / "README.md").write_text("# Read me\n\nTBC\n", encoding="utf-8")
    named = ("README.md", "drafts/a.md")
    plain = run_cli("check", *named, "--select", "placeholder", "--format", "json", cwd=site)
    assert {d["path"] for d in plain.json()["diagnostics"]} == {"README.md", "drafts/a.md"}
    forced = run_cli("check", *named, "--select", "placeholder", "--force-exclude", cwd=site)
    assert forced.code == 0 and "All clear: no findings in 0 files." in forced.out
    mixed = run_cli(
        "check", *named, "doc.md", "--select", "placeholder", "--force-exclude", "--format", "json", cwd=site
    )
    assert {d["path"] for d in mixed.json()["diagnostics"]} == {"doc.md"}
    (site / ".response-lint.toml").write_text('exclude = ["drafts"]\nforce-exclude = true\n', encoding="utf-8")
    from_config = run_cli("check", "drafts/a.md", "doc.md", "--select", "placeholder", "--format", "json", cwd=site)
    assert {d["path"] for d in from_config.json()["diagnostics"]} == {"doc.md"}
    again = run_cli("check", "drafts/a.md", "--select", "placeholder", "--no-force-exclude", cwd=site)
    assert again.code == 1


@pytest.mark.parametrize("columns", [60, 100])
def test_text_output_fits_columns(monkeypatch, columns):
    from .conftest import ROOT

    # a relative path, as users run it: an absolute one depends on where the checkout lies
    seeds = "fixtures/seeds"
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run_cli("check", seeds, "--select", "year-copy,entry-copy,readability,placeholder", cwd=ROOT)
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert any(line.startswith(f"{seeds}/000.txt:") and "[year-copy]" in line for line in lines)
    monkeypatch.delenv("COLUMNS")
    assert max(len(line) for line in run_cli("check", seeds, "--select", "year-copy", cwd=ROOT).out.splitlines()) > 100
