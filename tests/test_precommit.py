"""The pre-commit hooks, driven by the real pre-commit.

A copy of this project (the files a build needs) is committed to a temporary
repository; a second temporary repository stages seed 001 and a clean file and names
the first in its ``.pre-commit-config.yaml`` by path and revision, as ``pre-commit
try-repo`` does internally. try-repo itself builds a fresh store, and so a fresh hook
environment, on every call; ``pre-commit run`` with one ``PRE_COMMIT_HOME`` builds the
hook's environment (from the package index) once per test session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS
from .git_helpers import GIT_ENV, commit, git, init_repo, write

PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "lint", "rules")

CLEAN = """# Action 3: Shared parking

## Office of Harbours

### Progress during 2021

We opened two new car parks for staff and visitors.
"""


@dataclass
class Site:
    repo: Path
    env: dict[str, str]
    home: Path

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
            cwd=self.repo,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )


def _copy_project(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    base = tmp_path_factory.mktemp("pre-commit")
    hooks = base / "response-lint"
    hooks.mkdir()
    _copy_project(hooks)
    init_repo(hooks)
    revision = commit(hooks, "response-lint as a hook repository")

    repo = init_repo(base / "site")
    write(
        repo,
        {
            ".pre-commit-config.yaml": (
                f"repos:\n  - repo: {hooks}\n    rev: {revision}\n    hooks:\n"
                "      - id: response-lint\n      - id: response-lint-links\n"
            ),
            "responses/2012-source.txt": (SEEDS / "001.txt").read_text(encoding="utf-8"),
            "responses/parking.md": CLEAN,
            "tools/build.py": "print('not a response file')\n",
            "pyproject.toml": '[tool.response-lint]\nexclude = ["notes/*", "README.md"]\n',
            "README.md": "# Notes\n\nTBC\n\nComing soon...\n",
            "notes/draft.md": "# Draft\n\nTBC\n",
        },
    )
    git(repo, "add", "-A")  # staged, not committed: as in a commit being made
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    env |= GIT_ENV | {"PRE_COMMIT_HOME": str(base / "home"), "NO_COLOR": "1"}
    site = Site(repo, env, base / "home")
    # build the hook's environment once, here, so that a failure to build says so plainly
    built = site.pre_commit("install-hooks")
    if built.returncode != 0:
        log = site.home / "pre-commit.log"
        detail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else built.stderr
        pytest.fail(f"pre-commit could not build the hook environment:\n{built.stdout}\n{detail}")
    return site


@pytest.mark.slow
def test_hook_fails_on_seed_001_with_the_placeholder_findings(site):
    result = site.pre_commit("run", "response-lint", "--files", "responses/2012-source.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "response-lint" in out and "Failed" in out
    assert (
        "responses/2012-source.txt:41:1: error [placeholder] placeholder text 'Coming soon...' stands in for content"
    ) in out
    assert "responses/2012-source.txt:129:1: error [placeholder]" in out


@pytest.mark.slow
def test_hook_passes_on_a_clean_file(site):
    result = site.pre_commit("run", "response-lint", "--files", "responses/parking.md", "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
    assert "All clear: no findings in 1 file." in result.stdout


@pytest.mark.slow
def test_only_markdown_and_text_files_reach_the_hook_and_links_wait_for_the_manual_stage(site):
    result = site.pre_commit("run", "--files", "tools/build.py", "responses/parking.md", "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no findings in 1 file" in result.stdout  # build.py was not passed to the hook
    assert "online link check" not in result.stdout  # stages: [manual]
    skipped = site.pre_commit("run", "--files", "tools/build.py")
    assert "(no files to check)Skipped" in skipped.stdout


@pytest.mark.slow
def test_hook_skips_files_the_config_excludes(site):
    """pre-commit names every staged file; --force-exclude applies the config's exclude to them."""
    result = site.pre_commit("run", "response-lint", "--files", "README.md", "notes/draft.md", "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All clear: no findings in 0 files." in result.stdout
    mixed = site.pre_commit("run", "response-lint", "--files", "README.md", "responses/parking.md", "--verbose")
    assert mixed.returncode == 0, mixed.stdout + mixed.stderr
    assert "no findings in 1 file." in mixed.stdout


def test_hook_manifest_and_project_config_are_valid():
    from pre_commit.clientlib import load_config, load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"response-lint", "response-lint-links"}
    assert hooks["response-lint"]["entry"] == "response-lint check --force-exclude"
    assert "--force-exclude" in hooks["response-lint-links"]["entry"].split()
    assert hooks["response-lint"]["language"] == "python"
    assert hooks["response-lint"]["pass_filenames"] is True
    assert "--links" in hooks["response-lint-links"]["entry"].split()
    assert hooks["response-lint-links"]["stages"] == ["manual"]
    for hook in hooks.values():
        assert set(hook["types_or"]) == {"markdown", "plain-text"}
    config = load_config(str(ROOT / ".pre-commit-config.yaml"))
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff", "ruff-format", "mypy"} <= ids
    # nothing to fetch but packages from the index: no hook repository is cloned from the internet
    assert all(repo["repo"] in ("local", "meta") for repo in config["repos"])
