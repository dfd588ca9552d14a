"""``syllables = "textstat"``: textstat's own counts when NLTK's cmudict is installed,
and a clear exit-2 message (never a download, never a traceback) when it is not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import SEEDS


def _offline_prefix() -> list[str]:
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n"]
    return []


def _env(tmp_path: Path, nltk_data: Path) -> dict[str, str]:
    env = {**os.environ, "NLTK_DATA": str(nltk_data), "HOME": str(tmp_path / "home")}
    # without a network namespace, make any download attempt fail fast on a dead local port
    env.update({"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""})
    return env


def test_missing_cmudict_is_a_clear_configuration_error(tmp_path):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    (tmp_path / "home").mkdir()
    cfg = tmp_path / "rl.toml"
    cfg.write_text('select = ["readability"]\n[rules.readability]\nsyllables = "textstat"\n', encoding="utf-8")
    proc = subprocess.run(
        [*_offline_prefix(), sys.executable, "-m", "lint", "check", str(SEEDS / "000.txt"), "--config", str(cfg)],
        env=_env(tmp_path, empty),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "needs NLTK's cmudict" in proc.stderr and "nltk.downloader cmudict" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not any(empty.iterdir()), "nothing may be downloaded during a lint run"


def test_installed_cmudict_is_what_textstat_counts_with(tmp_path):
    data = tmp_path / "nltk_data" / "corpora" / "cmudict"
    data.mkdir(parents=True)
    (tmp_path / "home").mkdir()
    # a tiny dictionary with one deliberately odd entry: if "cat" counts 3, the dictionary was used
    (data / "cmudict").write_text(
        "banana 1 B AH0 N AE1 N AH0\ncat 1 K AE1 T AH0 AH0\nplatform 1 P L AE1 T F AO2 R M\n", encoding="utf-8"
    )
    code = (
        "from lint.checks.flesch import counter\n"
        "count = counter('textstat')\n"
        "print(count('banana'), count('cat'), count('platform'))\n"
    )
    proc = subprocess.run(
        [*_offline_prefix(), sys.executable, "-c", code],
        env=_env(tmp_path, tmp_path / "nltk_data"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["3", "3", "2"]
