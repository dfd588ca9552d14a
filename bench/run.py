"""Run every benchmark in ``bench/`` (the ``bench_*.py`` modules) and print their figures in one run.

    python bench/run.py                         # every benchmark, full size
    python bench/run.py --quick                 # each benchmark's QUICK_ARGS: a few minutes in all
    python bench/run.py --only reading          # only these (repeat or comma-separate)
    python bench/run.py --skip links,copies     # all but these
    python bench/run.py --list                  # the benchmarks found
    python bench/run.py --only reading -- --files 500    # arguments after -- go to each benchmark

A benchmark is a module ``bench/bench_NAME.py`` with ``main(argv) -> int`` that prints
its figures and targets (0: ran, and met its targets; 1: ran, and missed one; other:
could not run); each runs in a fresh process. It may define ``QUICK_ARGS``, the arguments for a quick run; without
them ``--quick`` skips it. Figures are measurements, not assertions: the exit code is
0 when every benchmark ran, whatever its figures, unless ``--strict`` is given.
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
FIRST = ("reading",)  # run first: the most sensitive to what ran before


def discover() -> list[str]:
    """Names of the benchmarks (``bench_NAME.py`` gives ``NAME``), ``reading`` first."""
    names = sorted(p.stem[len("bench_") :] for p in BENCH.glob("bench_*.py"))
    return [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]


def _names(values: Sequence[str] | None) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown revision"
    return f"{head or 'unknown revision'}{' with local changes' if dirty else ''}"


def run_one(name: str, argv: list[str]) -> tuple[int, float]:
    """Call ``bench.bench_NAME.main(argv)`` in a fresh process: ``(exit code, seconds)``.

    A process each, so that one benchmark's memory (a heap the garbage collector walks,
    a peak RSS that child processes inherit) does not bend the next one's figures.
    """
    code = f"import sys; from bench.bench_{name} import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    sys.stdout.flush()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, env=env, check=False)
    return done.returncode, time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(prog="python bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="run each benchmark with its QUICK_ARGS")
    parser.add_argument("--only", action="append", metavar="NAMES", help="run only these benchmarks")
    parser.add_argument("--skip", action="append", metavar="NAMES", help="do not run these benchmarks")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a benchmark misses a target")
    args = parser.parse_args(argv)

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    found = discover()
    if args.list:
        for name in found:
            print(f"{name:<12} bench/bench_{name}.py")
        return 0
    only, skip = _names(args.only), _names(args.skip)
    unknown = [n for n in only + skip if n not in found]
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)} (found: {', '.join(found)})")
    chosen = [n for n in found if (not only or n in only) and n not in skip]

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"response-lint benchmarks at {_revision()}, {time.strftime('%Y-%m-%d %H:%M')}; "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.2f}"
    )
    results: list[tuple[str, str, int | None, float]] = []
    for name in chosen:
        if args.quick:
            try:
                quick = getattr(importlib.import_module(f"bench.bench_{name}"), "QUICK_ARGS", None)
            except Exception as exc:  # a broken benchmark must not stop the others
                print(f"\n=== {name}: cannot import bench/bench_{name}.py: {type(exc).__name__}: {exc}")
                results.append((name, "", 2, 0.0))
                continue
            if quick is None:
                print(f"\n=== {name}: skipped (--quick, and bench_{name}.py defines no QUICK_ARGS)")
                results.append((name, "", None, 0.0))
                continue
            bench_argv = [*quick, *extra]
        else:
            bench_argv = list(extra)
        shown = " ".join(bench_argv)
        print(f"\n=== {name}{' ' + shown if shown else ''}", flush=True)
        code, seconds = run_one(name, bench_argv)
        results.append((name, shown, code, seconds))

    print("\n=== summary")
    meaning = {0: "ran; targets met", 1: "ran; a target missed"}
    for name, shown, outcome, seconds in results:
        status = "skipped" if outcome is None else meaning.get(outcome, f"could not run (exit {outcome})")
        print(f"  {name:<12} {seconds:7.1f} s  {status}{f'  (args: {shown})' if shown else ''}")
    codes = [outcome for _, _, outcome, _ in results if outcome is not None]
    if any(outcome not in (0, 1) for outcome in codes):
        return 2
    return 1 if args.strict and any(codes) else 0


if __name__ == "__main__":
    sys.exit(main())
