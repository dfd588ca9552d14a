"""The wheel carries the built-in rules inside the package and no top-level ``rules``."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, run_process


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (built,) = out.glob("*.whl")
    return built


def test_wheel_has_rules_inside_the_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "lint/builtin_rules/placeholder.toml" in names
    assert "lint/builtin_rules/README.md" in names
    assert not [n for n in names if n.startswith("rules/")]
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"lint"}


def test_unpacked_wheel_finds_its_rules_and_runs(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    seed = ROOT / "fixtures" / "seeds" / "001.txt"
    result = run_process("check", str(seed), "--select", "placeholder", "--format", "concise", cwd=tmp_path, env=env)
    assert result.code == 1, result.err
    assert result.out.count("[placeholder]") == 2
    where = subprocess.run(
        [sys.executable, "-c", "from lint.rules import builtin_rules_dir; print(builtin_rules_dir())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip() == str(site / "lint" / "builtin_rules")
