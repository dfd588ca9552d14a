"""The progress bar of long runs: drawn on a terminal (a real pseudo-terminal here), never when
stderr is piped or in CI. RESPONSE_LINT_PROGRESS_DELAY=0 stands for a run past the 2 s delay."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_process

DOC = "# Action {n}: Parking\n\n## Office of Harbours\n\n### Progress during 2021\n\nWe opened car park {n}.\n"


@pytest.fixture
def many(tmp_path: Path) -> Path:
    for n in range(40):
        (tmp_path / f"doc{n:02}.md").write_text(DOC.format(n=n), encoding="utf-8")
    (tmp_path / ".response-lint.toml").write_text("", encoding="utf-8")
    return tmp_path


def _on_a_terminal(folder: Path, env: dict[str, str]) -> str:
    """stderr of a check run whose stderr is a pseudo-terminal (stdout is piped)."""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "lint", "check", ".", "--select", "placeholder", "--jobs", "1"],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=follower,
            stdin=subprocess.DEVNULL,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not data:
                break
            chunks.append(data)
        assert proc.wait(timeout=120) == 0
        assert proc.stdout is not None and b"All clear" in proc.stdout.read()
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "NO_COLOR")}
    return env | {"TERM": "xterm", "COLUMNS": "100", "RESPONSE_LINT_PROGRESS_DELAY": "0"} | extra


def test_a_long_run_on_a_terminal_shows_a_progress_bar(many):
    drawn = _on_a_terminal(many, _env())
    assert "checking files" in drawn and "/40" in drawn


def test_no_bar_in_ci_before_the_delay_or_when_piped(many):
    assert "checking files" not in _on_a_terminal(many, _env(CI="true"))
    assert "checking files" not in _on_a_terminal(many, _env(RESPONSE_LINT_PROGRESS_DELAY="600"))
    piped = run_process("check", ".", "--select", "placeholder", cwd=many, env=_env())
    assert piped.code == 0 and "checking files" not in piped.err and piped.err == ""
