"""Start-up of a one-file run (issue 11 target (d)): what it imports, and what it may skip."""

from __future__ import annotations

import ast
import os
import random
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS

# heavy or optional packages a one-file check of the default rules has no use for (json: a text report's
# run, and a JSON report's of plain data; signal: the C module _signal does its work, without making
# enums; threading: the main-thread questions are asked through _signal; difflib: only a
# cross-page-drift finding; pkgutil: only listing every check kind; ctypes: only a large document's
# memory given back, lint.spool.give_back)
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
    "ctypes",
)
# our modules it has no use for: the rules' whole documentation is for SARIF reports (formats.WITH_HELP);
# the typed [link-check] settings are for a config with such a table, or --links
NOT_NEEDED_HERE = ("lint.ruledoc", "lint.linkoptions")


# run as ``python -m lint`` does; what it loaded, and what it compiled with compile() (typing's
# ForwardRef does, for an annotation given as a string), printed at its exit (lint.cli.leave runs
# the exit handlers, then ends the process without tearing it down)
_RUN = """
import atexit, builtins, runpy, sys
compiled = []
def counted(source, *args, _compile=builtins.compile, **kwargs):
    if isinstance(source, str):  # (a module without its .pyc is compiled from bytes: not a run's doing)
        compiled.append(source)
    return _compile(source, *args, **kwargs)
builtins.compile = counted
import gc
atexit.register(lambda: print(' '.join(sorted(sys.modules)), '|', repr(compiled + [f'collector on: {gc.isenabled()}'])))
sys.argv = ['lint', 'check', *sys.argv[1:]]
runpy.run_module('lint', run_name='__main__')
"""


def _a_run(path: Path, out: Path, flag: str, env: dict[str, str] | None) -> tuple[set[str], list[str]]:
    """The modules a ``check`` of ``path`` had loaded by its end, and the texts it compiled (its second run)."""
    for _ in range(2):  # the second run finds the rule and regex caches written by the first
        done = subprocess.run(
            [sys.executable, "-c", _RUN, str(path), flag, "--output", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=env,
        )
        assert done.returncode in (0, 1), done.stderr
    modules, _, compiled = done.stdout.rpartition(" | ")
    *texts, collector = ast.literal_eval(compiled)
    # a check of a few files by the program: the collector off from the check to the end; of a folder: on
    assert collector == f"collector on: {path.is_dir()}"
    return set(modules.split()), texts


def _modules_of_a_run(path: Path, out: Path, flag: str = "--no-cache", env: dict[str, str] | None = None) -> set[str]:
    """The modules a ``check --no-cache`` of ``path`` had loaded by its end (its second run)."""
    return _a_run(path, out, flag, env)[0]


def test_a_one_file_run_does_not_import_what_it_does_not_use(tmp_path):
    loaded = _modules_of_a_run(SEEDS / "000.txt", tmp_path / "r")
    # the run did check the file; seed 000 has a near copy between years, which rapidfuzz's ratio scores
    assert {"lint.engine", "lint.checks.action_echo", "rapidfuzz"} <= loaded
    assert sorted(m for m in loaded if m.split(".")[0] in NOT_NEEDED or m in NOT_NEEDED_HERE) == []


def test_a_folders_run_keeps_the_collector(tmp_path):
    """Only a run of a few files leaves the collector off to its end: a folder may hold thousands."""
    assert "lint.engine" in _a_run(ROOT / "fixtures" / "clean", tmp_path / "r", "--no-cache", None)[0]


def test_a_one_file_run_compiles_no_source_text(tmp_path):
    """No annotation made a ForwardRef (typing compiles its text: lint.tuples.NamedTuple is why), nor
    did anything else call compile(): the first call alone sets up the compiler's syntax-tree types."""
    loaded, compiled = _a_run(SEEDS / "000.txt", tmp_path / "r", "--format=json", None)
    assert "lint.engine" in loaded
    assert compiled == []


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


def test_rules_from_the_cache_make_their_examples_when_read(tmp_path, monkeypatch):
    """A run reads no rule's examples: a rule file that passed validation before makes them when asked."""
    from lint import rules

    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", str(tmp_path))
    validated = rules.load_rules([rules.builtin_rules_dir()])  # an empty cache: every file validated
    cached = rules.load_rules([rules.builtin_rules_dir()])
    for name, rule in cached.items():
        assert isinstance(rule.examples, rules.Examples) and isinstance(validated[name].examples, tuple)
        assert len(rule.examples) == len(validated[name].examples) > 0
        assert rule.examples == validated[name].examples and tuple(rule.examples) == validated[name].examples
        assert rule == validated[name] and repr(rule) == repr(validated[name])
