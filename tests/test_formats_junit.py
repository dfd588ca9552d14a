"""The ``junit`` format: valid against our JUnit XSD, read back by junitparser and ElementTree."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lint.formats import Settings, junit

from .conftest import run_cli
from .formats_support import rich_report, validate_junit, write_sample


def _run(tmp: Path, *args: str) -> str:
    result = run_cli("check", *args, "--format", "junit", cwd=tmp)
    assert result.code in (0, 1), result.err
    validate_junit(result.out)
    return result.out


def test_one_testcase_per_file_and_rule(tmp_path: Path) -> None:
    from junitparser import Failure, JUnitXml

    write_sample(tmp_path)
    text = _run(tmp_path, "responses", "--select", "placeholder,syntax")
    (tmp_path / "report.xml").write_text(text, encoding="utf-8")
    xml = JUnitXml.fromfile(str(tmp_path / "report.xml"))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"responses/harbour, 2018.txt", "responses/river-levels.md"}
    river = suites["responses/river-levels.md"]
    cases = {case.name: case for case in river}
    assert set(cases) == {"placeholder", "syntax"}
    assert river.tests == 2 and river.failures == 1 and river.errors == 0
    assert cases["syntax"].is_passed
    (failure,) = cases["placeholder"].result
    assert isinstance(failure, Failure)
    assert failure.type == "error"
    assert failure.message.startswith("2 findings: placeholder text 'Coming soon...'")
    assert failure.text.splitlines() == [
        "11:1: error placeholder text 'Coming soon...' stands in for content "
        "(Severn Valley Water Board, progress 2017)",
        "17:1: error placeholder text 'TBC' stands in for content (Marches Flood Forum, commitment 2016)",
    ]
    assert all(case.classname == "responses/river-levels.md" for case in river)
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("4", "2")


def test_clean_file_passes_every_rule(tmp_path: Path) -> None:
    (tmp_path / "clean.md").write_text(
        "# Action 2: Tide tables\n\n## Estuary Pilots\n\n### Progress during 2022\n\n"
        "Tide tables for three estuaries are published each week.\n",
        encoding="utf-8",
    )
    root = ET.fromstring(_run(tmp_path, "clean.md", "--select", "placeholder,syntax"))
    (suite,) = root
    assert suite.get("failures") == "0"
    assert sorted(case.get("name") or "" for case in suite) == ["placeholder", "syntax"]
    assert all(len(case) == 0 for case in suite)


def test_related_places_and_worst_severity() -> None:
    out = io.StringIO()
    junit.render(rich_report(), out, Settings(fail_on="info"))  # every finding fails
    validate_junit(out.getvalue())
    root = ET.fromstring(out.getvalue())
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {"placeholder", "year-copy", "missing-phase", "heading-style"}
    copied = cases["year-copy"].find("failure")
    assert copied is not None and copied.get("type") == "warning"
    assert "\n    first written here: logs/lighthouses.md:7:1" in (copied.text or "")


def test_characters_xml_cannot_hold_are_replaced(tmp_path: Path) -> None:
    (tmp_path / "odd.md").write_text(
        "# Action 5: Control\n\n## Bell\x01Rock Board\n\n### Progress during 2019\n\n"
        "We will [Insert date] publish the logs.\n",
        encoding="utf-8",
    )
    text = _run(tmp_path, "odd.md", "--select", "placeholder")
    failure = ET.fromstring(text).find("testsuite/testcase/failure")
    assert failure is not None
    assert "(Bell\ufffdRock Board, progress 2019)" in (failure.text or "")


def test_xsd_rejects_a_broken_report() -> None:
    out = io.StringIO()
    junit.render(rich_report(), out, Settings())
    broken = out.getvalue().replace('failures="', 'failures="many', 1)
    with pytest.raises(Exception, match="many"):
        validate_junit(broken)
