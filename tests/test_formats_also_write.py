"""``--also-write FORMAT=FILE``: more reports of the same run, and its usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli
from .formats_support import validate_gitlab, validate_sarif, write_sample
from .test_formats_github import GITHUB_EXPECTED


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


def test_annotations_and_sarif_from_one_run(sample: Path) -> None:
    result = run_cli(
        "check",
        "responses",
        "--select",
        "placeholder",
        "--format",
        "github",
        "--also-write",
        "sarif=out/results.sarif",
        "--also-write",
        "gitlab=out/quality.json",
        cwd=(sample / "out").mkdir() or sample,
    )
    assert result.code == 1, result.err
    assert result.out == GITHUB_EXPECTED
    data = validate_sarif(json.loads((sample / "out" / "results.sarif").read_text(encoding="utf-8")))
    assert len(data["runs"][0]["results"]) == 3
    assert len(validate_gitlab((sample / "out" / "quality.json").read_text(encoding="utf-8"))) == 3


def test_with_output_too(sample: Path) -> None:
    result = run_cli(
        "check",
        "responses",
        "--select",
        "placeholder",
        "--format",
        "json",
        "--output",
        "r.json",
        "--also-write",
        "concise=r.txt",
        cwd=sample,
    )
    assert result.code == 1 and result.out == ""
    assert len(json.loads((sample / "r.json").read_text(encoding="utf-8"))["diagnostics"]) == 3
    assert len((sample / "r.txt").read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sarif", "expected FORMAT=FILE, got 'sarif'"),
        ("=x.sarif", "expected FORMAT=FILE"),
        ("sarif=", "expected FORMAT=FILE"),
        ("yaml=x.yaml", "--also-write: unknown format 'yaml'"),
        ("sarif=missing/x.sarif", "does not exist"),
    ],
)
def test_usage_errors(sample: Path, value: str, message: str) -> None:
    result = run_cli("check", "responses", "--also-write", value, cwd=sample)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (sample / "x.sarif").exists()


def test_same_file_twice_is_refused(sample: Path) -> None:
    result = run_cli(
        "check", "responses", "--output", "r.sarif", "--format", "sarif", "--also-write", "sarif=./r.sarif", cwd=sample
    )
    assert result.code == 2 and "named as more than one output" in result.err


def test_unwritable_file_is_a_usage_error(sample: Path) -> None:
    (sample / "taken").mkdir()
    result = run_cli("check", "responses", "--also-write", "sarif=taken", cwd=sample)
    assert result.code == 2
    assert "--also-write: cannot write taken" in result.err
