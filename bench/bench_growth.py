"""Growth: time and peak memory of one ``check`` run per input shape at n, 2n, 4n and 8n.

    python bench/run.py --only growth                  # every shape (a few minutes)
    python -m bench.bench_growth --only entries,divs   # some shapes
    python -m bench.bench_growth --scale 0.25          # smaller sizes (quick)

Each shape of :mod:`bench.growth_shapes` (entries, divs, a line of brackets, sentences
in a paragraph, URLs on a line, suppressions, changed lines, word length, copied entries
with links, ...) is written to a file at each size and linted in ``--repeat`` fresh
processes, each with empty caches (as on a fresh CI runner): in each, one run is timed
after a warm-up run on a tiny file of the same shape (so imports are not counted), and
its peak RSS read from ``getrusage``. A ``check`` is one process that lints its input
once: a second run in the same process would find the memos of the first (paragraphs
keyed by their text) and the pages its allocator kept, so no process times more than
one. The time is the best of the processes, the peak RSS the highest. Printed per
shape: the figures at each size, the ratio per doubling beside the target (at most 2.3x
time and memory per doubling; judged on their mean over n..8n, as one doubling of a
short run is noisy), and the peak RSS beside 10x the input size plus the constant (the
peak RSS of the warm-up alone, on a tiny input, in the same process). Figures are
measurements on a shared machine: read them as best-of-N. Exit 0 when every target
was met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.growth_shapes import SHAPES, make

ROOT = Path(__file__).resolve().parent.parent
QUICK_ARGS = ["--scale", "0.25", "--repeat", "1"]
TARGET_RATIO = 2.3
RSS_FACTOR = 10
BUDGET = 60  # seconds: the time-budget of the runs measured

# the child: warm up on a tiny file, then time one real run; print seconds and peak RSS (bytes)
_CHILD = r"""
import contextlib, io, json, sys, time
from bench.measure import peak_rss_bytes
from lint.cli import main
tiny, real, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sink = io.StringIO()
with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
    main(["check", tiny, *args])
base = peak_rss_bytes()
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    started = time.perf_counter()
    code = main(["check", real, *args])
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rss": peak_rss_bytes(), "base": base, "code": code}))
"""


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def measure(name: str, n: int, repeat: int) -> dict[str, float]:
    """Shape ``name`` at size ``n`` linted in ``repeat`` fresh processes: the best time, the highest peak RSS."""
    shape = SHAPES[name][0]
    with tempfile.TemporaryDirectory(prefix="growth-") as folder:
        work = Path(folder)
        real = work / f"{name}{shape.suffix}"
        tiny = work / f"tiny{shape.suffix}"
        args = ["--select", shape.rules, "--format", "json", "--fail-on", "never", "--no-color", "--no-cache"]
        args += ["--output", os.devnull]  # the result cache off: each timed run does the work
        if name == "changed":  # every line changed since the commit of an empty file
            _git(work, "init", "-q")
            _git(work, "-c", "user.email=b@e", "-c", "user.name=bench", "commit", "-q", "--allow-empty", "-m", "0")
            args += ["--changed-since", "HEAD"]
        # a run stopped by the time budget would look flat: the budget is set high, and a run that
        # reaches it is reported as such
        (work / ".response-lint.toml").write_text(f"time-budget = {BUDGET}\n", encoding="utf-8")
        tiny.write_text(make(name, 8), encoding="utf-8")
        text = make(name, n)
        real.write_text(text, encoding="utf-8")
        runs: list[dict[str, float]] = []
        for k in range(max(1, repeat)):
            # each process with empty caches, as on a fresh CI runner: the constant (the warm-up's
            # peak) is then the same in every process, the caches' building included
            env = {**os.environ, "PYTHONPATH": str(ROOT), "RESPONSE_LINT_CACHE_DIR": str(work / f"cache{k}")}
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(tiny), str(real), json.dumps(args)],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(f"{name} at {n}: {done.stderr.strip()[-500:]}")
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        figures = dict(max(runs, key=lambda run: run["rss"]))  # the highest peak, with that process's constant
        figures["seconds"] = min(run["seconds"] for run in runs)
        figures["bytes"] = len(text.encode("utf-8"))
        return figures


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB"


def report(name: str, base: int, repeat: int) -> bool:
    """Measure one shape at n..8n and print its figures; True when its targets are met."""
    shape = SHAPES[name][0]
    sizes = [base, 2 * base, 4 * base, 8 * base]
    rows = [measure(name, n, repeat) for n in sizes]
    print(f"\n{name}: {shape.what} (rules {shape.rules})")
    for n, row in zip(sizes, rows, strict=True):
        print(f"  n={n:>7,}  input {_mb(row['bytes']):>9}  time {row['seconds']:8.3f} s  peak RSS {_mb(row['rss']):>9}")
    ok = True
    if any(row["seconds"] >= 0.95 * BUDGET for row in rows):
        print(f"  stopped by the {BUDGET} s time budget: time grows faster than the input   MISSED")
        return False
    time_ratios = [b["seconds"] / max(a["seconds"], 1e-6) for a, b in itertools.pairwise(rows)]
    rss_ratios = [b["rss"] / max(a["rss"], 1) for a, b in itertools.pairwise(rows)]
    # judged on the mean per doubling over n..8n (the cube root of the 8n/n ratio): one noisy
    # doubling of a short run on a shared machine does not decide, a trend does
    mean_time = (rows[-1]["seconds"] / max(rows[0]["seconds"], 1e-6)) ** (1 / 3)
    mean_rss = (rows[-1]["rss"] / max(rows[0]["rss"], 1)) ** (1 / 3)
    ok &= mean_time <= TARGET_RATIO and mean_rss <= TARGET_RATIO
    print(
        f"  time per doubling:   {', '.join(f'{r:.2f}x' for r in time_ratios)}; mean {mean_time:.2f}x   "
        f"(target <= {TARGET_RATIO}x) {'met' if mean_time <= TARGET_RATIO else 'MISSED'}"
    )
    print(
        f"  memory per doubling: {', '.join(f'{r:.2f}x' for r in rss_ratios)}; mean {mean_rss:.2f}x   "
        f"(target <= {TARGET_RATIO}x) {'met' if mean_rss <= TARGET_RATIO else 'MISSED'}"
    )
    last = rows[-1]
    bound = RSS_FACTOR * last["bytes"] + last["base"]
    ok &= last["rss"] <= bound
    print(
        f"  peak RSS at 8n: {_mb(last['rss'])} (target < {RSS_FACTOR} x {_mb(last['bytes'])} input "
        f"+ {_mb(last['base'])} constant = {_mb(bound)}) {'met' if last['rss'] <= bound else 'MISSED'}"
    )
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_growth", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", action="append", help="shapes to run (comma-separated; default all)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every shape's n by this")
    parser.add_argument("--repeat", type=int, default=3, help="processes per size, one timed run each")
    args = parser.parse_args(argv)
    names = [p.strip() for v in args.only or [] for p in v.split(",") if p.strip()] or list(SHAPES)
    unknown = [n for n in names if n not in SHAPES]
    if unknown:
        parser.error(f"unknown shape {unknown[0]!r} (shapes: {', '.join(SHAPES)})")
    print(f"growth: n, 2n, 4n, 8n per shape; time best of {args.repeat} processes, one run each after a warm-up run")
    missed = [name for name in names if not report(name, max(8, int(SHAPES[name][0].base * args.scale)), args.repeat)]
    print(
        f"\ngrowth: {len(names) - len(missed)} of {len(names)} shapes met their targets"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
