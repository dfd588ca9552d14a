"""Shell completion (shtab): the bash script completes commands, options and paths in a real bash."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import run_cli


def _complete(script: Path, words: list[str], cwd: Path) -> list[str]:
    """What bash offers for the last of ``words`` with the script loaded (as pressing Tab does)."""
    line = " ".join(words)
    program = f"""
source {script}
COMP_WORDS=({" ".join(repr(w) for w in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE={line!r}
COMP_POINT={len(line)}
_shtab_response_lint response-lint "{words[-1]}" "{words[-2]}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(["bash", "-c", program], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completion_of_commands_options_and_paths(tmp_path):
    result = run_cli("completion", "bash")
    assert result.code == 0 and "_shtab_response_lint" in result.out
    script = tmp_path / "response-lint.bash"
    script.write_text(result.out, encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "harbour.md").write_text("# Action 1\n", encoding="utf-8")
    assert "check" in _complete(script, ["response-lint", "ch"], tmp_path)
    assert "completion" in _complete(script, ["response-lint", "comp"], tmp_path)
    options = _complete(script, ["response-lint", "check", "--min"], tmp_path)
    assert options == ["--min-severity"]
    assert "--force-exclude" in _complete(script, ["response-lint", "check", "--force"], tmp_path)
    assert "content/harbour.md" in _complete(script, ["response-lint", "check", "content/h"], tmp_path)


def test_zsh_and_tcsh_scripts_and_a_bad_shell():
    assert "#compdef response-lint" in run_cli("completion", "zsh").out
    assert "complete response-lint" in run_cli("completion", "tcsh").out
    assert run_cli("completion", "fish").code == 2
