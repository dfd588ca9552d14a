"""Benchmark reading, the default rules and the start-up of a one-file ``check``.

Prints, from one run:

(a) reading alone: ``lint.source.parse_bytes`` over a generated corpus of 2,000
    response files in the two seed formats (bytes in memory, so the disk is not
    measured), in MB/s of CPU time on one core, every document kept as ``check``
    keeps them. Target: at least 20 MB/s. Also each document dropped once read (the
    difference is garbage collection), overall and per format.
(b) the default rule set (``lint.engine.run``) on the same documents, in MB/s and
    files/s, next to the reading figure, with each rule's share.
(c) start-up: the wall time of a cold process ``python -m lint check SEED`` (both
    seeds, default rules, then ``--select placeholder``) against ``python -c pass``,
    median of N interleaved runs. Target: less than 150 ms more than ``python -c pass``.
(d) the ten heaviest imports (cumulative) of ``python -X importtime -m lint check
    fixtures/seeds/000.txt``, so an import that breaks the start-up target shows.

    python bench/bench_reading.py            # everything (a few minutes: the rules take most)
    python bench/bench_reading.py --quick    # 300 files, one pass, 5 start-up runs
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import SEED_FORMATS, CorpusFile, generate
from lint.model import Diagnostic, Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("fixtures/seeds/000.txt", "fixtures/seeds/001.txt")
READING_TARGET_MBS = 20.0
STARTUP_TARGET_MS = 150.0
QUICK_ARGS = ["--quick"]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _clear_reader_caches() -> None:
    """Forget what the readers cached (names, heading matches), so every pass starts as a new process."""
    for name, module in list(sys.modules.items()):
        if name.startswith("lint.") and module is not None:
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def _timed(
    work: Callable[[], object],
    repeat: int,
    setup: Callable[[], object] | None = None,
) -> tuple[float, float, float]:
    """``(best CPU seconds, best wall seconds, first-pass CPU seconds)`` of ``work`` over ``repeat`` passes.

    Before each pass, untimed: ``setup``, the readers' caches cleared, a full collection.
    """
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        _clear_reader_caches()
        gc.collect()
        started_wall, started_cpu = time.perf_counter(), time.process_time()
        work()
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
    return min(cpu), min(wall), cpu[0]


def _mbs(size: int, seconds: float) -> float:
    return size / 1e6 / seconds if seconds > 0 else float("inf")


# --- (a) reading -----------------------------------------------------------------------------


def bench_reading(files: Sequence[CorpusFile], repeat: int) -> tuple[float, list[Document]]:
    from lint.collector import collector_paused
    from lint.readers.phases import ReaderOptions
    from lint.source import parse_bytes

    options = ReaderOptions()
    size = sum(len(f.data) for f in files)
    print(f"(a) reading alone: {len(files):,} files, {size / 1e6:.1f} MB in memory, best of {repeat} passes")

    def read_and_drop(subset: Sequence[CorpusFile] = files) -> None:
        for f in subset:
            parse_bytes(f"corpus/{f.name}", f.data, options)

    drop_cpu, _, _ = _timed(read_and_drop, repeat)
    for fmt in SEED_FORMATS:
        subset = [f for f in files if f.format == fmt]
        if subset:
            sub_size = sum(len(f.data) for f in subset)
            sub_cpu, _, _ = _timed(partial(read_and_drop, subset), repeat)
            print(
                f"    {_mbs(sub_size, sub_cpu):6.1f} MB/s CPU  {fmt} only, each document dropped once read "
                f"({len(subset):,} files, mean {sub_size / len(subset) / 1000:.1f} kB)"
            )
    print(f"    {_mbs(size, drop_cpu):6.1f} MB/s CPU  both, each document dropped once read")

    documents: list[Document] = []

    def read_all() -> None:  # as ``check`` does: every document kept until the rules have run
        with collector_paused():
            documents.extend(parse_bytes(f"corpus/{f.name}", f.data, options) for f in files)

    cpu, wall, first = _timed(read_all, repeat, setup=documents.clear)
    rate = _mbs(size, cpu)
    print(
        f"    {rate:6.1f} MB/s CPU  both, every document kept as check keeps them ({len(files) / cpu:,.0f} files/s; "
        f"{cpu:.2f} s CPU; {_mbs(size, wall):.1f} MB/s wall; first pass {_mbs(size, first):.1f} MB/s CPU)"
    )
    if rate < 0.8 * _mbs(size, drop_cpu):
        print(
            "           (kept is slower than dropped: Python's garbage collector walks the kept documents again "
            "and again)"
        )
    print(
        f"    target >= {READING_TARGET_MBS:.0f} MB/s on one core, documents kept: "
        f"{verdict(rate >= READING_TARGET_MBS)}"
    )
    return rate, documents


# --- (b) the default rules ---------------------------------------------------------------------


def bench_rules(documents: Sequence[Document], size: int, read_rate: float, per_rule: bool) -> None:
    from collections import Counter

    from lint import engine
    from lint.config import Config
    from lint.rules import Rule

    config = Config(root=ROOT)
    rules = engine.select_rules(engine.available_rules(config), None, [], [])
    found: list[Diagnostic] = []

    def run_all() -> None:
        found[:] = engine.run(documents, rules, config)

    cpu, wall, _ = _timed(run_all, 1)
    files = len(documents)
    mean = size / files
    rate = _mbs(size, cpu)
    combined = 1 / (1 / read_rate + 1 / rate) if rate and read_rate else 0.0
    print(f"(b) the default rules ({len(rules)}) on the same documents, one pass")
    print(
        f"    rules alone    {rate:7.2f} MB/s CPU  {files / cpu:8,.1f} files/s  ({cpu:.1f} s CPU, {wall:.1f} s wall; "
        f"{len(found):,} findings)"
    )
    print(f"    reading alone  {read_rate:7.2f} MB/s CPU  {read_rate * 1e6 / mean:8,.1f} files/s")
    print(
        f"    read + rules   {combined:7.2f} MB/s CPU  {combined * 1e6 / mean:8,.1f} files/s  "
        f"(the rules take {read_rate / rate if rate else 0:.1f}x the reading time)"
    )
    by_rule = Counter(d.rule for d in found)
    if not per_rule:
        print("    findings: " + ", ".join(f"{name} {count:,}" for name, count in by_rule.most_common()))
        return
    shares = []
    for rule in rules:

        def run_one(rule: Rule = rule) -> None:
            engine.run(documents, [rule], config)

        rule_cpu, _, _ = _timed(run_one, 1)
        shares.append((rule_cpu, rule.name))
    total = sum(seconds for seconds, _ in shares) or 1.0
    print(f"    per rule, alone (one pass each; {total:.1f} s in all):")
    for seconds, name in sorted(shares, reverse=True):
        print(
            f"      {name:<20} {seconds:7.2f} s  {100 * seconds / total:3.0f}%  {_mbs(size, seconds):8.1f} MB/s  "
            f"{by_rule.get(name, 0):7,} findings"
        )


# --- (c) start-up ------------------------------------------------------------------------------


def _run_once(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def bench_startup(runs: int) -> bool:
    env = {**os.environ, "NO_COLOR": "1"}
    python = sys.executable
    commands: dict[str, list[str]] = {"python -c pass": [python, "-c", "pass"]}
    for seed in SEEDS:
        commands[f"check {seed}"] = [python, "-m", "lint", "check", seed]
    for seed in SEEDS:
        commands[f"check {seed} --select placeholder"] = [
            python,
            "-m",
            "lint",
            "check",
            seed,
            "--select",
            "placeholder",
        ]
    for label, command in commands.items():  # warm the bytecode caches; make sure each command works
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            print(f"(c) start-up: {label!r} exits {done.returncode}: {done.stderr.strip()[-300:]}")
            return False
    times: dict[str, list[float]] = {label: [] for label in commands}
    labels = list(commands)
    for round_ in range(runs):  # interleaved, the order rotating, so drift hits every command alike
        shift = round_ % len(labels)
        for label in labels[shift:] + labels[:shift]:
            times[label].append(_run_once(commands[label], env))
    base = statistics.median(times["python -c pass"]) * 1000
    print(f"(c) start-up, cold processes, median of {runs} interleaved runs (min in brackets)")
    print(f"    {'python -c pass':<52} {base:7.1f} ms  ({min(times['python -c pass']) * 1000:.1f})")
    ok = True
    for label in labels[1:]:
        median = statistics.median(times[label]) * 1000
        extra = median - base
        default_rules = "--select" not in label
        if default_rules:
            ok = ok and extra < STARTUP_TARGET_MS
        note = f"target < {STARTUP_TARGET_MS:.0f} ms: {verdict(extra < STARTUP_TARGET_MS)}"
        print(
            f"    {'python -m lint ' + label:<52} {median:7.1f} ms  ({min(times[label]) * 1000:.1f})  "
            f"+{extra:6.1f} ms  {note}"
        )
    return ok


# --- (d) import time ---------------------------------------------------------------------------


def bench_imports(top: int = 10) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lint", "check", SEEDS[0]],
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    rows: list[tuple[int, int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue  # the header line
        rows.append((int(parts[0]), int(parts[1]), parts[2].rstrip()))
    if not rows:
        print(f"(d) import time: no -X importtime output (exit {done.returncode})")
        return
    total = sum(own for own, _, _ in rows)
    ours = sum(own for own, _, name in rows if name.strip().split(".")[0] == "lint")
    print(
        f"(d) imports of 'python -m lint check {SEEDS[0]}': {len(rows)} modules, {total / 1000:.1f} ms in all "
        f"({ours / 1000:.1f} ms in lint.*); the {top} heaviest, cumulative:"
    )
    for own, cumulative, name in sorted(rows, key=lambda r: r[1], reverse=True)[:top]:
        print(
            f"    {cumulative / 1000:7.1f} ms  (self {own / 1000:5.1f})  {name.strip()}"
            f"{'  [depth ' + str((len(name) - len(name.lstrip())) // 2) + ']' if name.startswith('  ') else ''}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/bench_reading.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 files, 1 pass, 5 start-up runs")
    parser.add_argument("--files", type=int, help="corpus size (default 2,000; 300 with --quick)")
    parser.add_argument("--repeat", type=int, help="passes over the corpus, best kept (default 3; 1 with --quick)")
    parser.add_argument("--runs", type=int, help="start-up runs per command (default 15; 5 with --quick)")
    parser.add_argument("--seed", type=int, default=1, help="corpus random seed (default 1)")
    parser.add_argument("--skip-rules", action="store_true", help="skip (b), the default rules")
    parser.add_argument("--no-per-rule", action="store_true", help="in (b), skip the time of each rule alone")
    parser.add_argument("--skip-startup", action="store_true", help="skip (c) and (d), the process start-up")
    args = parser.parse_args(argv)
    count = args.files or (300 if args.quick else 2000)
    repeat = args.repeat or (1 if args.quick else 3)
    runs = args.runs or (5 if args.quick else 15)
    if count < 2 or repeat < 1 or runs < 1:
        parser.error("--files must be at least 2, --repeat and --runs at least 1")

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.2f}"
        + ("  (a busy machine: figures will be low)" if load > (os.cpu_count() or 1) * 0.5 else "")
    )
    machine = min(_timed(partial(sum, range(10**6)), 1)[0] for _ in range(5))
    print(f"machine: {machine * 1000:.1f} ms of CPU for sum(range(10**6)), best of 5 (to compare machines and runs)")
    started = time.perf_counter()
    files = generate(count, args.seed, SEED_FORMATS)
    size = sum(len(f.data) for f in files)
    print(
        f"corpus: {count:,} files in {', '.join(SEED_FORMATS)} ({size / 1e6:.1f} MB), seed {args.seed}, "
        f"generated in {time.perf_counter() - started:.1f} s"
    )

    rate, documents = bench_reading(files, repeat)
    ok = rate >= READING_TARGET_MBS
    if not args.skip_rules:
        bench_rules(documents, size, rate, per_rule=not args.no_per_rule)
    del documents, files  # a smaller process starts the child processes below faster
    gc.collect()
    if not args.skip_startup:
        ok = bench_startup(runs) and ok
        bench_imports()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
