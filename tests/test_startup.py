"""Start-up of a one-file run (issue 11 target (d)): what it imports, and what it may skip."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import SEEDS

# heavy or optional packages a one-file check of the default rules has no use for (json: a text report's
# run; threading: the main-thread questions are asked through signal)
NOT_NEEDED = (
    "aiohttp",
    "pygls",
    "lsprotocol",
    "textstat",
    "shtab",
    "spellchecker",
    "_hashlib",
    "pickle",
    "shutil",
    "json",
    "threading",
)
# our modules it has no use for: the rules' whole documentation is for SARIF reports (formats.WITH_HELP)
NOT_NEEDED_HERE = ("lint.ruledoc",)


def test_a_one_file_run_does_not_import_what_it_does_not_use(tmp_path):
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['lint', 'check', {str(SEEDS / '000.txt')!r}, '--no-cache', '--output', {str(tmp_path / 'r')!r}]\n"
        "try:\n    runpy.run_module('lint', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert exc.code in (0, 1), exc.code\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    for _ in range(2):  # the second run finds the rule and regex caches written by the first
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    loaded = set(done.stdout.split())
    assert "lint.engine" in loaded and "rapidfuzz" in loaded  # the run did check the file
    assert sorted(m for m in loaded if m.split(".")[0] in NOT_NEEDED or m in NOT_NEEDED_HERE) == []


def test_token_ids_are_hashlib_blake2b():
    import hashlib

    from lint.checks.shingles import TokenIds

    for token in ("plan", "Cabinet", "naïve", "\udcff"):
        data = token.encode("utf-8", "surrogatepass")
        assert TokenIds()[token] == int.from_bytes(hashlib.blake2b(data, digest_size=8).digest())
