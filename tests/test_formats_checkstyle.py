"""The ``checkstyle`` format: valid against our Checkstyle XSD, and structured as Checkstyle's."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lint.formats import Settings, checkstyle

from .conftest import run_cli
from .formats_support import rich_report, validate_checkstyle, write_sample


def test_files_and_errors(tmp_path: Path) -> None:
    write_sample(tmp_path)
    (tmp_path / "responses" / "clean.md").write_text(
        "# Action 2: Tide tables\n\n## Estuary Pilots\n\n### Progress during 2022\n\n"
        "Tide tables for three estuaries are published each week.\n",
        encoding="utf-8",
    )
    result = run_cli("check", "responses", "--select", "placeholder", "--format", "checkstyle", cwd=tmp_path)
    assert result.code == 1, result.err
    validate_checkstyle(result.out)
    assert result.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">')
    root = ET.fromstring(result.out)
    files = {f.get("name"): f for f in root.findall("file")}
    assert set(files) == {"responses/clean.md", "responses/harbour, 2018.txt", "responses/river-levels.md"}
    assert len(files["responses/clean.md"]) == 0
    errors = [e.attrib for e in files["responses/river-levels.md"]]
    assert errors == [
        {
            "line": "11",
            "column": "1",
            "severity": "error",
            "source": "response-lint.rules.placeholder",
            "message": "placeholder text 'Coming soon...' stands in for content "
            "(Severn Valley Water Board, progress 2017)",
        },
        {
            "line": "17",
            "column": "1",
            "severity": "error",
            "source": "response-lint.rules.placeholder",
            "message": "placeholder text 'TBC' stands in for content (Marches Flood Forum, commitment 2016)",
        },
    ]
    (harbour,) = files["responses/harbour, 2018.txt"]
    assert "[Insert 50% figure: here, later]" in harbour.get("message", "")


def test_severities_and_escaping() -> None:
    out = io.StringIO()
    checkstyle.render(rich_report('logs/<odd & "name">.md'), out, Settings())
    validate_checkstyle(out.getvalue())
    root = ET.fromstring(out.getvalue())
    (file,) = root
    assert file.get("name") == 'logs/<odd & "name">.md'
    assert sorted({e.get("severity") for e in file}) == ["error", "info", "warning"]


def test_xsd_rejects_a_broken_report() -> None:
    out = io.StringIO()
    checkstyle.render(rich_report(), out, Settings())
    with pytest.raises(Exception, match="fatal"):
        validate_checkstyle(out.getvalue().replace('severity="error"', 'severity="fatal"', 1))
