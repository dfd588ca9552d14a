"""The ``gitlab`` format: a Code Quality report valid against the schema written from GitLab's docs."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest

from lint.formats import Settings, gitlab, sarif

from .conftest import run_cli
from .formats_support import rich_report, validate_gitlab, write_sample


def test_issues_on_sample(tmp_path: Path) -> None:
    write_sample(tmp_path)
    result = run_cli("check", "./responses", "--select", "placeholder", "--format", "gitlab", cwd=tmp_path)
    assert result.code == 1, result.err
    issues = validate_gitlab(result.out)
    assert len(issues) == 3
    first = issues[1]
    assert first["description"] == (
        "placeholder text 'Coming soon...' stands in for content (Severn Valley Water Board, progress 2017)"
    )
    assert first["check_name"] == "placeholder"
    assert first["severity"] == "major"
    assert first["location"] == {"path": "responses/river-levels.md", "lines": {"begin": 11, "end": 11}}
    assert len({issue["fingerprint"] for issue in issues}) == 3


def test_severity_mapping_and_same_fingerprints_as_sarif() -> None:
    report = rich_report()
    issues = validate_gitlab(json.loads(_render(report)))
    assert {i["check_name"]: i["severity"] for i in issues} == {
        "year-copy": "minor",
        "heading-style": "info",
        "placeholder": "major",
        "missing-phase": "major",
    }
    results = sarif.document(report, Settings())["runs"][0]["results"]
    assert [i["fingerprint"] for i in issues] == [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in results]


def _render(report) -> str:
    out = io.StringIO()
    gitlab.render(report, out, Settings())
    return out.getvalue()


def test_schema_rejects_broken_reports() -> None:
    issues = json.loads(_render(rich_report()))
    for path, value in ((("severity",), "fatal"), (("location", "lines", "begin"), 0), (("fingerprint",), "")):
        broken = copy.deepcopy(issues)
        target = broken[0]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(AssertionError):
            validate_gitlab(broken)
    missing = copy.deepcopy(issues)
    del missing[0]["check_name"]
    with pytest.raises(AssertionError, match="check_name"):
        validate_gitlab(missing)
