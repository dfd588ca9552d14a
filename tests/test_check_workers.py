"""The check stage's worker processes: one killed while checking (a signal, the out-of-memory killer) ends
the run with one line that names the stage and how the worker ended, exit 2, no traceback and no worker
left behind; as the corpus stage's workers do (tests/test_entry_spread.py)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys

import pytest

from lint import checking

from .conftest import run_cli, write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 12, seed=6)  # (more than checking._MIN_FOR_WORKERS)


def _killed_in_a_worker(parent: int, how: int | None):
    """A check_one that, in a worker process, kills it (``how``: the signal; None: exit code 3) at its
    third file; in the calling process, the real one."""
    real = checking.check_one
    count = [0]

    def check_one(*args, **kwargs):
        count[0] += 1
        if os.getpid() != parent and count[0] == 3:
            if how is None:
                os._exit(3)
            os.kill(os.getpid(), how)
        return real(*args, **kwargs)

    return check_one


@pytest.mark.parametrize(
    ("how", "said"),
    [
        (signal.SIGKILL, "a worker process was killed by signal 9 (SIGKILL: out of memory?)"),
        (None, "a worker process exited with code 3"),
    ],
)
def test_a_killed_worker_ends_the_run_with_one_line_and_exit_2(corpus, monkeypatch, how, said):
    monkeypatch.setattr(checking, "check_one", _killed_in_a_worker(os.getpid(), how))
    result = run_cli("check", str(corpus), "--format", "json", "--no-cache", "--jobs", "2")
    assert result.code == 2 and result.out == ""
    (line,) = result.err.strip().splitlines()
    assert line.startswith("response-lint: error: checking files: "), line
    assert said in line and line.endswith("; --jobs 1 checks them in this process"), line
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert not multiprocessing.active_children()  # (every worker gone: none left behind)


def test_a_worker_killed_in_a_real_run_says_so_on_its_real_stderr(corpus):
    """The same in a process of its own: what its workers (which share its stderr) print is seen too."""
    script = (
        "import os, signal, sys\n"
        "from lint import checking\n"
        "from lint.cli import main\n"
        "parent, real, count = os.getpid(), checking.check_one, [0]\n"
        "def check_one(*args):\n"
        "    count[0] += 1\n"
        "    if os.getpid() != parent and count[0] == 3:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(*args)\n"
        "checking.check_one = check_one\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    args = ("check", str(corpus), "--format", "json", "--no-cache", "--jobs", "2")
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "response-lint: error: checking files: a worker process was killed by signal 9 (SIGKILL: out of memory?) "
        "before it gave back its files' results; --jobs 1 checks them in this process"
    ]


def test_a_worker_sent_sigterm_ends_the_run_as_interrupted(corpus, monkeypatch):
    """SIGTERM is how a cancelled CI job or ``timeout`` stops every process of a run: a worker that gets
    it ends the run as Ctrl-C does (lint.process), exit 130, not as a worker that failed."""
    monkeypatch.setattr(checking, "check_one", _killed_in_a_worker(os.getpid(), signal.SIGTERM))
    result = run_cli("check", str(corpus), "--format", "json", "--no-cache", "--jobs", "2")
    assert (result.code, result.out, result.err) == (130, "", "response-lint: interrupted\n")
    assert not multiprocessing.active_children()


def test_the_same_run_with_workers_that_live_reports_as_with_one_process(corpus):
    """(What the killed runs above would have reported: the workers' results, merged in run order.)"""
    one = run_cli("check", str(corpus), "--format", "json", "--no-cache", "--jobs", "1")
    two = run_cli("check", str(corpus), "--format", "json", "--no-cache", "--jobs", "2")
    assert one.code == two.code == 1 and one.out == two.out
