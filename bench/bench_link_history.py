"""Benchmark the link history (issue 14): what keeping failures across runs adds to a run.

For N distinct URLs (a third failing, as in a bad week), times what the online phase
does with the history in a portable ``--link-history`` file: open it (with its page
check) and add the run's observations in one transaction (reading their rows); a
first run (empty file) and a later run (every URL already there); then
``links report`` over the whole file. Best of ``--repeat``; prints each figure beside
its target.

Target: at 10,000 URLs, a run's history work under 0.5 s (the link phase itself takes
about 12.5 s for 10,000 URLs at 100 ms latency, see ``bench_links.py``), and the file
under 200 bytes per URL.

    python bench/bench_link_history.py                 # 10,000 URLs, best of 5
    python bench/bench_link_history.py --urls 2000 --repeat 3
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUICK_ARGS = ["--urls", "2000", "--repeat", "3"]


def _run(path: Path, observations: list, when: float) -> float:
    from lint.links.history import History

    started = time.perf_counter()
    store = History.open(path, portable=True)
    assert store is not None
    store.record_run(observations, when)  # as the online phase does: the observed URLs' rows in one go
    store.close()
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from lint.links.history import History, Observation
    from lint.links.report import render_text, rows
    from lint.links.settings import Settings

    observations = [
        Observation(
            f"https://site{i % 97}.example/reports/{i}/summary.html",
            i % 3 != 0,
            "200 OK" if i % 3 else "503 Service Unavailable",
            "200" if i % 3 else "503",
            transient=i % 3 == 0,
            elapsed=0.2,
        )
        for i in range(args.urls)
    ]
    first = later = report = float("inf")
    size = 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "history.sqlite3"
            first = min(first, _run(path, observations, 1e9))
            later = min(later, _run(path, observations, 1e9 + 86400))
            size = path.stat().st_size
            started = time.perf_counter()
            store = History.open(path, portable=True)
            assert store is not None
            render_text(rows(store.records().values(), Settings(), 1e9 + 86400), io.StringIO())
            store.close()
            report = min(report, time.perf_counter() - started)
    scale = args.urls / 10_000
    per_url = size / args.urls

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print(f"link history, {args.urls} URLs (a third failing), best of {args.repeat}")
    print(f"  first run          {first * 1000:7.0f} ms  target < {500 * scale:.0f} ms: {verdict(first < 0.5 * scale)}")
    print(f"  later run          {later * 1000:7.0f} ms  target < {500 * scale:.0f} ms: {verdict(later < 0.5 * scale)}")
    print(f"  links report       {report * 1000:7.0f} ms")
    print(f"  file size          {per_url:7.0f} B per URL, target < 200: {verdict(per_url < 200)}")
    return 0 if first < 0.5 * scale and later < 0.5 * scale and per_url < 200 else 1


if __name__ == "__main__":
    raise SystemExit(main())
