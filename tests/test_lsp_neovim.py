"""The editor server with Debian's Neovim, headless, as a second real client: its built-in LSP
client shows the same diagnostics ``check`` finds, and the entries as document symbols."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_cli


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Debian's neovim is not installed (.ci/system-deps)")
def test_neovim_shows_the_diagnostics_and_symbols(tmp_path: Path) -> None:
    for name in ("000.txt", "001.txt"):
        shutil.copy(SEEDS / name, tmp_path / name)
    out = tmp_path / "out.json"
    env = {
        **os.environ,
        "RL_PYTHON": sys.executable,
        "RL_ROOT": str(tmp_path),
        "RL_FILE": str(tmp_path / "000.txt"),
        "RL_OUT": str(out),
        "PYTHONPATH": str(ROOT),
    }
    script = ROOT / "tests" / "nvim_lsp.lua"
    proc = subprocess.run(
        ["nvim", "--headless", "--clean", "-u", "NONE", "-c", f"luafile {script}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.exists(), proc.stdout + proc.stderr
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["waited"] is True
    expected = run_cli("check", ".", "--format", "json", "--fail-on", "never", cwd=tmp_path).json()["diagnostics"]
    mine = sorted((d["rule"], d["line"] - 1) for d in expected if d["path"] == "./000.txt")
    assert sorted((d["code"], d["lnum"]) for d in got["diagnostics"]) == mine
    assert {d["source"] for d in got["diagnostics"]} == {"response-lint"}
    assert len(got["symbols"]) == 17 and {s["children"] for s in got["symbols"]} == {5}
