"""SARIF that GitHub code scanning accepts at scale, and that Microsoft's SARIF multitool validates clean:
at most 25,000 results a run (errors first, a warning naming the rest), the rules that ran with a
Pascal-case name, a helpUri and the driver's informationUri."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from lint.app import CheckOptions, check
from lint.formats import Settings, sarif

from .conftest import SEEDS, run_cli
from .formats_support import validate_sarif

MULTITOOL = "@microsoft/sarif-multitool"
# SARIF2006 (URIs should be reachable) fetches every URI in the log: tests never reach the internet
POLICY = """<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
"""


def test_rules_that_ran_with_names_and_uris():
    log = validate_sarif(run_cli("check", str(SEEDS), "--format", "sarif").out)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    names = [rule["name"] for rule in driver["rules"]]
    assert len(set(name.casefold() for name in names)) == len(names)
    assert all(
        name[0].isupper() and name.isalnum() and name.casefold() != i for i, name in zip(ids, names, strict=True)
    )
    assert dict(zip(ids, names, strict=True))["year-copy"] == "YearCopy"
    assert all(rule["helpUri"].endswith(f"/rules/{rule['id']}.toml") for rule in driver["rules"])
    only = validate_sarif(run_cli("check", str(SEEDS), "--format", "sarif", "--select", "placeholder").out)
    assert [rule["id"] for rule in only["runs"][0]["tool"]["driver"]["rules"]] == ["placeholder"]


def test_a_rule_pack_rule_links_to_its_file(tmp_path):
    pack = tmp_path / "style"
    pack.mkdir()
    source = Path(__file__).resolve().parent.parent / "rules" / "placeholder.toml"
    text = source.read_text(encoding="utf-8").replace('name = "placeholder"', 'name = "house-placeholder"', 1)
    (pack / "house-placeholder.toml").write_text(text, encoding="utf-8")
    (tmp_path / ".response-lint.toml").write_text('rule-paths = ["style"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# Action 1: A\n\n## Office\n\n### Progress during 2021\n\nTBC\n", encoding="utf-8")
    log = json.loads(run_cli("check", "a.md", "--select", "house-*", "--format", "sarif", cwd=tmp_path).out)
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["helpUri"] == (pack / "house-placeholder.toml").resolve().as_uri()
    assert rule["name"] == "HousePlaceholder"


def _report(*paths: str):
    return check(CheckOptions(paths=paths, format="json"), stdout=io.StringIO()).report


def test_cap_keeps_errors_first_and_names_what_was_left_out():
    report = _report(str(SEEDS))
    severities = [item.diagnostic.severity for item in report.items]
    errors = sum(1 for s in severities if str(s) == "error")
    assert 0 < errors < 40 < len(severities)
    log = sarif.document(report, Settings(), max_results=errors + 1)
    results = log["runs"][0]["results"]
    assert len(results) == errors + 1
    assert [r["level"] for r in results].count("error") == errors
    (note,) = [n["message"]["text"] for n in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    assert f"SARIF holds {errors + 1} of {len(severities)} findings" in note
    assert f"left out {len(severities) - errors - 1} (" in note
    warnings = [i.diagnostic.rule for i in report.items if str(i.diagnostic.severity) == "warning"]
    # the first warning in report order fills the last place; results stay in report order
    assert [r["ruleId"] for r in results if r["level"] != "error"] == [warnings[0]]
    dropped = Counter(i.diagnostic.rule for i in report.items if str(i.diagnostic.severity) != "error")
    dropped[warnings[0]] -= 1
    (rule, count), *_ = sorted(dropped.items(), key=lambda pair: (-pair[1], pair[0]))
    assert f": {rule} {count}, " in note
    validate_sarif(log)


def test_a_run_over_githubs_limit_is_capped_with_a_warning(tmp_path):
    entries = "".join(
        f"## Office {n}\n\n### Progress during 2021\n\nTBC\n\nWe will leverage the car parks.\n\n"
        for n in range(12_510)
    )  # an error and an info (plain-english reports a word once per entry) in each entry
    (tmp_path / "big.md").write_text(f"# Action 1: Big\n\n{entries}", encoding="utf-8")
    result = run_cli("check", "big.md", "--select", "placeholder,plain-english", "--format", "sarif", cwd=tmp_path)
    assert result.code == 1
    run = json.loads(result.out)["runs"][0]
    assert len(run["results"]) == 25_000
    assert sum(1 for r in run["results"] if r["level"] == "error") == 12_510  # every error kept
    assert (
        "SARIF holds 25000 of 25020 findings" in result.err and "left out 20 (20 info): plain-english 20" in result.err
    )
    assert "\n  " not in result.out[:2000]  # written compactly


@pytest.fixture(scope="session")
def multitool() -> str:
    """Microsoft's SARIF multitool, installed from npm into a cache folder (once per machine)."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed (.ci/system-deps installs it)")
    folder = Path(os.environ.get("SARIF_MULTITOOL_DIR", Path.home() / ".cache" / "response-lint-tests" / "npm"))
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "node_modules" / MULTITOOL).is_dir():
        installed = subprocess.run(
            [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", MULTITOOL],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if installed.returncode != 0:
            pytest.skip(f"npm could not install {MULTITOOL}: {installed.stderr[-500:]}")
    found = subprocess.run(
        ["node", "-p", f"require('{MULTITOOL}')"], cwd=folder, capture_output=True, text=True, check=True
    )
    binary = found.stdout.strip()  # the platform's executable (the npm wrapper mangles ';' in --level)
    os.chmod(binary, 0o755)
    return binary


@pytest.mark.slow
def test_multitool_validate_is_clean_on_the_seeds(multitool, tmp_path):
    log = tmp_path / "seeds.sarif"
    assert run_cli("check", str(SEEDS), "--format", "sarif", "--output", str(log)).code == 1
    (tmp_path / "policy.xml").write_text(POLICY, encoding="utf-8")
    out = tmp_path / "validation.sarif"

    def validate(*levels: str) -> list[dict]:
        out.unlink(missing_ok=True)
        command = [multitool, "validate", str(log), "-o", str(out), "-c", str(tmp_path / "policy.xml")]
        done = subprocess.run([*command, "--level", ";".join(levels)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0]["results"]

    assert validate("Error", "Warning") == []
    # notes too: none about rule metadata (SARIF2012: helpUri, Pascal-case names) or the tool (SARIF2005)
    notes = {result["ruleId"] for result in validate("Error", "Warning", "Note")}
    assert not notes & {"SARIF1001", "SARIF2005", "SARIF2012"}, notes


def test_entry_at_agrees_with_a_scan_at_every_offset():
    """entry_at is a binary search (a run with 25,000 findings in 12,000 entries was quadratic)."""
    from lint.readers.phases import ReaderOptions
    from lint.source import load

    for path in sorted(SEEDS.iterdir()):
        document = load(str(path), ReaderOptions())
        assert len(document.entries) > 10
        for offset in range(-1, len(document.text) + 2, 7):
            scan = next(
                (e for e in document.entries if e.span.start <= offset < max(e.span.end, e.span.start + 1)), None
            )
            assert document.entry_at(offset) is scan
