"""Start-up of a one-file run (issue 11 target (d)): what it imports, and what it may skip."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS

# heavy or optional packages a one-file check of the default rules has no use for (json: a text report's
# run, and a JSON report's of plain data; signal: the C module _signal does its work, without making
# enums; threading: the main-thread questions are asked through _signal; difflib: only a
# cross-page-drift finding; pkgutil: only listing every check kind)
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
    "signal",
    "threading",
    "difflib",
    "pkgutil",
)
# our modules it has no use for: the rules' whole documentation is for SARIF reports (formats.WITH_HELP);
# the typed [link-check] settings are for a config with such a table, or --links
NOT_NEEDED_HERE = ("lint.ruledoc", "lint.linkoptions")


def _modules_of_a_run(path: Path, out: Path, flag: str = "--no-cache", env: dict[str, str] | None = None) -> set[str]:
    """The modules a ``check --no-cache`` of ``path`` had loaded by its end (its second run)."""
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['lint', 'check', {str(path)!r}, {flag!r}, '--output', {str(out)!r}]\n"
        "try:\n    runpy.run_module('lint', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert exc.code in (0, 1), exc.code\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    for _ in range(2):  # the second run finds the rule and regex caches written by the first
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True, env=env
        )
    return set(done.stdout.split())


def test_a_one_file_run_does_not_import_what_it_does_not_use(tmp_path):
    loaded = _modules_of_a_run(SEEDS / "000.txt", tmp_path / "r")
    # the run did check the file; seed 000 has a near copy between years, which rapidfuzz's ratio scores
    assert {"lint.engine", "lint.checks.action_echo", "rapidfuzz"} <= loaded
    assert sorted(m for m in loaded if m.split(".")[0] in NOT_NEEDED or m in NOT_NEEDED_HERE) == []


def test_a_run_with_the_result_cache_turned_off_does_not_load_its_code(tmp_path):
    """``RESPONSE_LINT_RESULT_CACHE=`` (empty) is as --no-cache: no replay, no hashing, no pickling."""
    env = {**os.environ, "RESPONSE_LINT_RESULT_CACHE": ""}
    loaded = _modules_of_a_run(SEEDS / "000.txt", tmp_path / "r", "--fail-on=never", env)
    assert "lint.engine" in loaded
    assert sorted(m for m in loaded if m in ("lint.replay", "lint.resultcache", "lint.statindex", "_hashlib")) == []


def test_a_json_report_is_written_without_the_json_package(tmp_path):
    loaded = _modules_of_a_run(SEEDS / "000.txt", tmp_path / "r", "--format=json")
    assert "lint.formats.json_report" in loaded
    assert sorted(m for m in loaded if m.split(".")[0] in ("json", "signal")) == []


def test_a_file_without_near_copies_is_checked_without_rapidfuzz(tmp_path):
    """action-echo's in-order word count (lint.checks.action_echo.lcs_length) needs no rapidfuzz."""
    loaded = _modules_of_a_run(ROOT / "fixtures" / "clean" / "action-10.txt", tmp_path / "r")
    assert "lint.checks.action_echo" in loaded and "lint.checks.year_copy" in loaded
    assert sorted(m for m in loaded if m.split(".")[0] == "rapidfuzz") == []


def test_action_echo_counts_words_in_order_as_rapidfuzz_does():
    from rapidfuzz.distance import LCSseq

    from lint.checks.action_echo import lcs_length

    rng = random.Random(11)
    for _ in range(3000):
        vocabulary = [f"w{i}" for i in range(rng.randint(1, 12))]
        a = [rng.choice(vocabulary) for _ in range(rng.randint(0, 40))]
        b = [rng.choice(vocabulary) for _ in range(rng.randint(0, 90))]  # titles past 64 words too
        assert lcs_length(a, b) == LCSseq.similarity(a, b) == lcs_length(b, a), (a, b)


def test_token_ids_are_hashlib_blake2b():
    import hashlib

    from lint.checks.shingles import TokenIds

    for token in ("plan", "Cabinet", "naïve", "\udcff"):
        data = token.encode("utf-8", "surrogatepass")
        assert TokenIds()[token] == int.from_bytes(hashlib.blake2b(data, digest_size=8).digest())


def test_a_run_builds_only_its_own_commands_parser():
    import argparse

    from lint import cli_parser

    def commands(parser: argparse.ArgumentParser) -> list[str]:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return list(sub.choices)

    assert cli_parser.command_of(["--debug", "check", "a.md"]) == "check"
    assert cli_parser.command_of(["chekc", "a.md"]) is None and cli_parser.command_of(["--version"]) is None
    assert commands(cli_parser.build("check")) == ["check"]
    assert commands(cli_parser.build()) == list(cli_parser.PARSERS)  # help and completion: every command
    for argv in (["check", "a.md", "--format", "json", "-j", "1", "--no-links"], ["--debug", "rules", "--json"]):
        alone, full = cli_parser.build(cli_parser.command_of(argv)), cli_parser.build()
        assert vars(alone.parse_args(argv)) == vars(full.parse_args(argv))
