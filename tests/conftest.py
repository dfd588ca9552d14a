"""Shared test helpers: paths to the fixtures and a way to run the CLI in-process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    """Run ``response-lint ARGS`` in-process (fast) and capture its output."""
    import os

    from lint.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(old)
    return Result(code, out.getvalue(), err.getvalue())


def run_with_result_cache(cache: Path | None, *args: str) -> Result:
    """:func:`run_cli` with the result cache in ``cache`` (None: no cache); the tests' setting
    (no result cache) again afterwards, whatever happens."""
    import os

    os.environ["RESPONSE_LINT_RESULT_CACHE"] = str(cache) if cache is not None else ""
    try:
        return run_cli(*args)
    finally:
        os.environ["RESPONSE_LINT_RESULT_CACHE"] = ""


def write_corpus(folder: Path, count: int, seed: int) -> Path:
    """``count`` generated files of the three formats (half size) written into ``folder``."""
    from bench.corpus import generate

    for item in generate(count, seed=seed, formats=("source-2012", "publication-2015", "markdown"), scale=0.5):
        (folder / item.name).write_bytes(item.data)
    return folder


def change_one_word(path: Path, k: int = 0) -> None:
    """The bench's edit of one file (figure (c)): a word of five letters or more in the middle of its
    longest line (a long paragraph, which entry-copy compares) replaced by ``rewritten{k}``."""
    from bench.bench_speed import _one_word_changed

    path.write_bytes(_one_word_changed(path.read_bytes(), k))


def run_process(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run ``python -m lint ARGS`` as a real process."""
    proc = subprocess.run(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session", autouse=True)
def _private_cache_folder(tmp_path_factory):
    """Caches (rule files, spelling dictionary, link results) go to a folder of this test
    session, never the user's; subprocesses inherit it through the environment."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("RESPONSE_LINT_CACHE_DIR")
    os.environ["RESPONSE_LINT_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("RESPONSE_LINT_CACHE_DIR", None)
    else:
        os.environ["RESPONSE_LINT_CACHE_DIR"] = old


@pytest.fixture(autouse=True)
def _no_result_cache(monkeypatch):
    """The result cache (issue 11) is off unless a test turns it on: a test that changes code
    in-process must not meet results cached by an earlier test."""
    monkeypatch.setenv("RESPONSE_LINT_RESULT_CACHE", "")


@pytest.fixture(autouse=True)
def _not_on_github_actions(monkeypatch):
    """Tests behave the same in GitHub Actions: there ``GITHUB_ACTIONS`` would make ``github``
    the default format and ``GITHUB_STEP_SUMMARY`` would collect every test run's summary."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
