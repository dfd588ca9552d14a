"""The GitHub Action (action.yml), the project's workflow, and the .ci/selfcheck script.

The metadata and the workflow are validated against the schemas that check-jsonschema
ships (offline); the action's lint step runs for real, as the runner would run it
(``bash --noprofile --norc -eo pipefail``), with the tool from this environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .formats_support import validate_sarif, write_sample

ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
SELFCHECK = ROOT / ".ci" / "selfcheck"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    other = shutil.which(name)
    if other is None:
        pytest.fail(f"{name} is not installed next to {sys.executable} nor on PATH")
    return other


@pytest.mark.parametrize(("path", "schema"), [(ACTION, "vendor.github-actions"), (WORKFLOW, "vendor.github-workflows")])
def test_valid_against_githubs_schemas(path: Path, schema: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_schema_check_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "action.yml"
    broken.write_text(
        ACTION.read_text(encoding="utf-8").replace("using: composite", "using: compost"), encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1


def test_workflow_covers_the_matrix_and_the_checks() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["tests"]["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    commands = "\n".join(step.get("run", "") for job in jobs.values() for step in job["steps"])
    for command in (
        "python -m pytest",
        "ruff check",
        "ruff format --check",
        "mypy",
        "lint-imports",
        "response-lint rules --test",
        ".ci/selfcheck",
    ):
        assert command in commands
    assert any(step.get("uses") == "./" for step in jobs["action"]["steps"])


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_inputs_and_outputs() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"paths", "fail-on", "args", "sarif-file"}
    assert action["outputs"]["sarif-file"]["value"] == "${{ steps.lint.outputs.sarif-file }}"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert '"$ACTION_PATH"' in steps[1]["run"] and steps[1]["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    for step in steps:  # inputs go through the environment, never into the script text
        assert "${{" not in step.get("run", "")


def _run_lint_step(tmp: Path, inputs: dict[str, str], summary: Path | None = None) -> tuple[int, str, dict]:
    step = next(s for s in _action()["runs"]["steps"] if s.get("id") == "lint")
    defaults = {name: spec.get("default", "") for name, spec in _action()["inputs"].items()}
    values = {**defaults, **inputs}
    output = tmp / "github-output"
    output.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(
        {
            "RESPONSE_LINT": _tool("response-lint"),
            "INPUT_PATHS": values["paths"],
            "INPUT_FAIL_ON": values["fail-on"],
            "INPUT_ARGS": values["args"],
            "INPUT_SARIF_FILE": values["sarif-file"],
            "INPUT_STEP_SUMMARY": values["step-summary"],
            "GITHUB_OUTPUT": str(output),
            "GITHUB_ACTIONS": "true",
        }
    )
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    script = tmp / "lint-step.sh"
    script.write_text(step["run"], encoding="utf-8")
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=tmp,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if line)
    return proc.returncode, proc.stdout + proc.stderr, outputs


def test_action_lint_step_annotates_and_writes_sarif(tmp_path: Path) -> None:
    write_sample(tmp_path)
    summary = tmp_path / "summary.md"
    code, out, outputs = _run_lint_step(
        tmp_path,
        {
            "paths": "'responses/harbour, 2018.txt'\nresponses",
            "args": "--select placeholder",
            "sarif-file": "out/r.sarif",
        },
        summary,
    )
    assert code == 1, out
    assert outputs == {"sarif-file": "out/r.sarif", "exit-code": "1"}
    annotations = [line for line in out.splitlines() if line.startswith("::error file=")]
    assert len(annotations) == 3
    data = validate_sarif(json.loads((tmp_path / "out" / "r.sarif").read_text(encoding="utf-8")))
    assert len(data["runs"][0]["results"]) == 3
    assert "## response-lint" in summary.read_text(encoding="utf-8")


def test_action_lint_step_fail_on_never_and_no_summary(tmp_path: Path) -> None:
    write_sample(tmp_path)
    summary = tmp_path / "summary.md"
    code, out, outputs = _run_lint_step(
        tmp_path, {"paths": "responses", "fail-on": "never", "step-summary": "false"}, summary
    )
    assert code == 0, out
    assert outputs["exit-code"] == "0"
    assert (tmp_path / "response-lint.sarif").is_file()
    assert not summary.exists()


def test_action_lint_step_reports_usage_errors(tmp_path: Path) -> None:
    write_sample(tmp_path)
    code, out, outputs = _run_lint_step(tmp_path, {"paths": "responses", "args": "--select no-such-rule"})
    assert code == 2
    assert "no rule matches 'no-such-rule'" in out
    assert outputs["exit-code"] == "2"


def _selfcheck(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "RESPONSE_LINT": _tool("response-lint"),
        "SELFCHECK_ROOT": str(tmp),
        "SELFCHECK_PATHS": "responses",
        "SELFCHECK_EXPECTED": str(tmp / "expected.txt"),
    }
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        ["bash", str(SELFCHECK), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_selfcheck_compares_with_the_expected_report(tmp_path: Path) -> None:
    write_sample(tmp_path)
    missing = _selfcheck(tmp_path)
    assert missing.returncode == 1 and "--update" in missing.stderr
    assert _selfcheck(tmp_path, "--update").returncode == 0
    expected = (tmp_path / "expected.txt").read_text(encoding="utf-8")
    assert "responses/river-levels.md:11:1: error: placeholder text" in expected
    same = _selfcheck(tmp_path)
    assert same.returncode == 0, same.stderr
    assert "as expected" in same.stdout
    (tmp_path / "responses" / "river-levels.md").write_text(
        (tmp_path / "responses" / "river-levels.md").read_text(encoding="utf-8").replace("Coming soon...", "Done."),
        encoding="utf-8",
    )
    changed = _selfcheck(tmp_path)
    assert changed.returncode == 1
    assert "-responses/river-levels.md:11:1: error: placeholder text" in changed.stdout


def test_selfcheck_fails_when_the_tool_fails(tmp_path: Path) -> None:
    write_sample(tmp_path)
    (tmp_path / ".response-lint.toml").write_text("no-such-key = 1\n", encoding="utf-8")
    result = _selfcheck(tmp_path, "--update")
    assert result.returncode == 1
    assert "exited 2" in result.stderr
