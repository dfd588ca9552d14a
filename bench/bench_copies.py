"""Benchmark the copy rules (year-copy, entry-copy, action-echo) on planted copies.

Generates a corpus of 10,000 entries x 5 phases (Markdown, 100 entries per file)
from a seeded random generator and a pool of invented words, so that text nobody
copied is not similar by accident. Into it go a known number of copies of each
kind: verbatim, near (a word swapped or a clause added), tense-shifted ("will
continue to" -> "continued to"), partial (one long sentence carried over into
new text), cross-entry (a sentence of another organisation, its name swapped,
half of them with a word swapped too) and title echoes. Then it reads the corpus, runs the three rules through the
engine, and prints recall and precision on the planted copies and the time of
the copy rules next to the reading-only time.

    python bench/bench_copies.py                 # the full corpus
    python bench/bench_copies.py --entries 2000 --planted 20  # a quicker run (QUICK_ARGS)

Exit code 0 when every target is met (all planted copies found, none false, the
copy rules under 5 s of CPU time), 1 when one is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import timeit
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.copies_corpus import KINDS, Plant, build_corpus

RULE_OF = {
    "verbatim": "year-copy",
    "near": "year-copy",
    "tense": "year-copy",
    "partial": "year-copy",
    "cross-entry": "entry-copy",
    "echo": "action-echo",
}
EXPECTED_KIND = {"verbatim": "verbatim", "near": "near", "tense": "near", "partial": "partial"}
TARGET_SECONDS = 5.0
QUICK_ARGS = ["--entries", "2000", "--planted", "20"]


def _reference_ms() -> float:
    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) * 1000


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _kind_of(message: str) -> str:
    """The kind of a year-copy finding, from the wording of its message (``rules/year-copy.toml``)."""
    if "word for word" in message:
        return "verbatim"
    if "nearly repeats" in message or "only tense, names or numbers changed" in message:
        return "near"
    if "carries over" in message:
        return "partial"
    return "other"


def score(plants: Sequence[Plant], diagnostics: Sequence, documents: dict) -> tuple[Counter, Counter, int, int]:
    """(found per kind, planted per kind, true findings, false findings)."""
    wanted: dict[tuple[str, str, str, str], Plant] = {}
    for plant in plants:
        if plant.kind == "cross-entry":
            wanted[("entry-copy", *sorted([(plant.path, plant.entry, plant.phase), plant.source]))] = plant
        else:
            wanted[(RULE_OF[plant.kind], plant.path, plant.entry, plant.phase)] = plant
    found: set[Plant] = set()
    true = false = 0
    for d in diagnostics:
        plant = None
        if d.rule == "entry-copy" and d.related:
            rel = d.related[0]
            entry, phase = documents[rel.path].phase_at(rel.span.start)
            other = (rel.path, entry.name if entry else "", phase.key if phase else "")
            plant = wanted.get(("entry-copy", *sorted([(d.path, d.entry, d.phase), other])))
        elif d.rule in ("year-copy", "action-echo"):
            plant = wanted.get((d.rule, d.path, d.entry, d.phase))
            if plant is not None and d.rule == "year-copy" and _kind_of(d.message) != EXPECTED_KIND[plant.kind]:
                plant = None
        if plant is None:
            false += 1
        else:
            true += 1
            found.add(plant)
    return Counter(p.kind for p in found), Counter(p.kind for p in plants), true, false


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/bench_copies.py", description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000, help="entries in the corpus (default 10,000)")
    parser.add_argument("--per-file", type=int, default=100, help="entries per file (default 100)")
    parser.add_argument("--planted", type=int, default=100, help="planted copies of each kind (default 100)")
    parser.add_argument("--seed", type=int, default=4, help="random seed (default 4)")
    args = parser.parse_args(argv)
    if args.entries < args.per_file or args.per_file < 2 or args.planted < 1:
        parser.error("need --entries >= --per-file >= 2 and --planted >= 1")
    if args.planted * (len(KINDS) + 1) > args.entries or args.planted > args.entries // args.per_file:
        parser.error("too many planted copies for the corpus size (at most one title echo per file)")

    from lint import engine
    from lint.checks import copies
    from lint.config import Config
    from lint.source import load

    config = Config()
    rules = engine.available_rules(config)
    chosen = [rules[name] for name in ("year-copy", "entry-copy", "action-echo")]
    with tempfile.TemporaryDirectory(prefix="bench-copies-") as folder:
        started = time.perf_counter()
        plants = build_corpus(Path(folder), args.entries, args.per_file, args.planted, args.seed)
        generated = time.perf_counter() - started
        paths = sorted(str(p) for p in Path(folder).glob("*.md"))
        size = sum(Path(p).stat().st_size for p in paths)

        started, started_cpu = time.perf_counter(), time.process_time()
        documents = [load(p, config.reader, None, config.max_file_size) for p in paths]
        reading, reading_cpu = time.perf_counter() - started, time.process_time() - started_cpu

        copies.clear_caches()  # as a new process would start
        timings: dict[str, float] = {}
        cpu: dict[str, float] = {}
        diagnostics = []
        for rule in chosen:
            started, started_cpu = time.perf_counter(), time.process_time()
            diagnostics += engine.run(documents, [rule], config)
            timings[rule.name] = time.perf_counter() - started
            cpu[rule.name] = time.process_time() - started_cpu
    by_path = {d.path: d for d in documents}
    found, planted, true, false = score(plants, diagnostics, by_path)
    entries = sum(len(d.entries) for d in documents)
    phases = sum(len(e.phases) for d in documents for e in d.entries)
    total, total_cpu = sum(timings.values()), sum(cpu.values())
    all_planted, all_found = sum(planted.values()), sum(found.values())
    recall = all_found / all_planted if all_planted else 1.0
    precision = true / (true + false) if true + false else 1.0
    target = TARGET_SECONDS * entries / 10_000  # the target is for 10,000 entries
    fast, complete, exact = total_cpu < target, all_found == all_planted, false == 0

    print(
        f"corpus: {entries:,} entries, {phases:,} phases in {len(paths)} files ({size / 1e6:.1f} MB), "
        f"generated in {generated:.2f} s"
    )
    print(f"reading only      {reading_cpu:6.2f} s CPU ({reading:.2f} s wall)")
    print(f"machine           {_reference_ms():6.1f} ms for sum(range(10**6)), best of 5 (to compare machines)")
    print(
        f"copy rules        {total_cpu:6.2f} s CPU ({total:.2f} s wall)   target < {target:.2g} s CPU, one core"
        f"   {_verdict(fast)}"
    )
    print(
        "                  "
        + ", ".join(f"{name} {cpu[name]:.2f} s" for name in cpu)
        + f"; {total_cpu / max(reading_cpu, 1e-9):.1f}x the reading time"
    )
    print(f"{'planted copies':<16} {'count':>6} {'found':>6}")
    for kind in KINDS:
        print(f"  {kind:<14} {planted[kind]:>6} {found[kind]:>6}")
    print(
        f"recall            {100 * recall:5.1f}% ({all_found}/{all_planted})   target: all found   {_verdict(complete)}"
    )
    print(
        f"precision         {100 * precision:5.1f}% ({true} true, {false} false of {len(diagnostics)} findings)"
        f"   target: none false   {_verdict(exact)}"
    )
    return 0 if fast and complete and exact else 1


if __name__ == "__main__":
    sys.exit(main())
