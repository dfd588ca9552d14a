"""Shards: one run spread over CI jobs (``check --shard K/N --shard-file F``, then ``merge F...``).

Each shard checks a stable 1/N of the run's files (chosen by a hash of the file's path,
so a file stays in its shard as others come and go) and writes their per-document
results (:class:`lint.engine.DocumentResult`: findings, summaries, outlines) to a shard
file. ``merge`` reads every shard file of the run, puts the results back in the run's
order and runs what a single run runs after the per-document work: the corpus rules on
the summaries, suppressions, the report. So a sharded-then-merged report is the report
of one run, byte for byte, with the same exit code.

A shard file records the tool's version and the run's namespace (the hash of config,
rules and code that also keys the result cache, :func:`lint.cachekeys.namespace`);
``merge`` refuses files of another run, another version, another config or rules, or a
set of shards with one missing or twice. Shard files are pickles: read them only from
your own CI jobs.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint import __version__, engine
from lint.engine import DocumentResult
from lint.errors import UsageError, require_folder
from lint.escape import say
from lint.files import relative_to_root, to_display

if TYPE_CHECKING:
    from lint.config import Config
    from lint.model import Diagnostic, Document
    from lint.rules import Rule
    from lint.timings import Timings

MAGIC = "response-lint shard"
FORMAT = 4  # bump when what a shard holds changes (2: entry-copy SAME_GRAMS; 3: findings, 4: answers packed)


def parse(value: str) -> tuple[int, int]:
    """``"K/N"`` -> ``(K, N)``, 1 <= K <= N."""
    k, sep, n = value.partition("/")
    try:
        shard, count = int(k), int(n)
    except ValueError:
        shard = count = 0
    if not sep or count < 1 or not 1 <= shard <= count:
        raise UsageError(f"--shard: expected K/N with 1 <= K <= N, e.g. 2/4, got {value!r}")
    return shard, count


def owner(path: str, root: Path, count: int) -> int:
    """The shard (1 to ``count``) that checks ``path``: by a hash of its path from the project root."""
    rel = relative_to_root(path, root).replace(os.sep, "/")
    return int.from_bytes(hashlib.blake2b(rel.encode("utf-8", "surrogateescape"), digest_size=8).digest()) % count + 1


def pick(files: Sequence[str], shard: int, count: int, root: Path) -> list[str]:
    """The files of ``files`` that shard ``shard`` of ``count`` checks, in run order."""
    return [f for f in files if owner(f, root, count) == shard]


def write(
    target: str, shard: int, count: int, files: Sequence[str], space: str, results: Sequence[DocumentResult]
) -> None:
    """Write a shard file (whole or not at all)."""
    from lint.atomic import write_atomic

    require_folder(target, "--shard-file")
    data = {
        "magic": MAGIC,
        "format": FORMAT,
        "tool": __version__,
        "namespace": space,
        "shard": shard,
        "count": count,
        "files": [to_display(f) for f in files],
        "results": list(results),
    }
    write_atomic(target, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _load(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            data = pickle.load(handle)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the shard file: {exc.strerror or exc}") from None
    except Exception:
        raise UsageError(f"{path}: not a response-lint shard file") from None
    if not isinstance(data, dict) or data.get("magic") != MAGIC:
        raise UsageError(f"{path}: not a response-lint shard file")
    if data.get("format") != FORMAT or data.get("tool") != __version__:
        raise UsageError(f"{path}: written by response-lint {data.get('tool')}, this is {__version__}")
    return data


def merge(paths: Sequence[str], space: str) -> list[DocumentResult]:
    """The results of every shard, in the order of the run the shards split."""
    shards = [(path, _load(path)) for path in paths]
    first_path, first = shards[0]
    count, files = first["count"], first["files"]
    seen: dict[int, str] = {}
    for path, data in shards:
        if data["namespace"] != space:
            raise UsageError(
                f"{path}: the shard was checked with another config, other rules or options, "
                "or another copy of response-lint than this merge (give merge the same --config and --select)"
            )
        if data["count"] != count or data["files"] != files:
            raise UsageError(f"{path} and {first_path} are shards of different runs")
        if data["shard"] in seen:
            raise UsageError(f"{path} and {seen[data['shard']]} are both shard {data['shard']}/{count}")
        seen[data["shard"]] = path
    missing = [str(k) for k in range(1, count + 1) if k not in seen]
    if missing:
        raise UsageError(
            f"missing shard {', '.join(f'{k}/{count}' for k in missing)} (give every shard file of the run)"
        )
    by_path = {result.path: result for _, data in shards for result in data["results"]}
    absent = [f for f in files if f not in by_path]
    if absent:
        raise UsageError(f"no shard holds the results of {absent[0]}")
    return [by_path[f] for f in files]


def check(
    shard: tuple[int, int],
    target: str | None,
    files: Sequence[str],
    config: Config,
    chosen: Sequence[Rule],
    jobs: int | None,
    cached: bool,
    timings: Timings | None = None,
) -> int:
    """``check --shard K/N --shard-file F``: this shard's files checked (through the result cache
    when ``cached``), their results written to F; gives how many files it checked."""
    from lint import cachekeys, pipeline, resultcache

    if not target:
        raise UsageError("--shard needs --shard-file FILE (and --shard-file needs --shard)")
    k, count = shard
    mine = pick(files, k, count, config.root)
    cache = resultcache.open_for(chosen, config) if cached else None
    space = cache.space if cache is not None else cachekeys.namespace(chosen, config)  # computed once
    jobs = jobs if jobs is not None else pipeline.default_jobs()
    write(target, k, count, files, space, pipeline.results(mine, engine.Plan(chosen, config), jobs, cache, timings))
    say(f"shard {k}/{count}: checked {len(mine)} of {len(files)} files; wrote {target}", "note")
    if timings is not None:
        timings.render(sys.stderr)
    return len(mine)


def merge_run(
    paths: Sequence[str], config: Config, chosen: Sequence[Rule], known: Collection[str], timings: Timings | None
) -> tuple[list[Document], list[Diagnostic]]:
    """``merge FILE...``: the shards' results in run order, then the corpus rules and suppressions."""
    from lint import cachekeys

    results = merge(paths, cachekeys.namespace(chosen, config))
    diagnostics = engine.finish(engine.Plan(chosen, config, known=known), results, timings)
    return [result.outline for result in results], diagnostics
