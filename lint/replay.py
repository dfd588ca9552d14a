"""A run's whole output written again, byte for byte, when nothing it depends on changed.

A warm re-run with nothing changed would load every cached finding and render the same
report again: seconds for 70,000 findings. Instead a run records what it wrote after
checking: the report on standard output or in ``--output``, each ``--also-write`` file,
what it said on stderr, in the order it wrote them, and its exit code. The recording is
keyed by everything that output depends on: the result cache's namespace (the tool's
version and code, the chosen rules and the files they read), the Python version, the
whole config, the rule names known, the current folder, every option of the run but
``--jobs``, ``COLUMNS``, the colour and width of standard output, the baseline file's
bytes, and the run's files in order, each with the hash of its bytes (:func:`run_key`;
the hashes come from :mod:`lint.statindex`). A run whose key is recorded writes those
bytes again and stops (the CLI only: a caller of :func:`lint.app.check` wants the report).

Runs whose output depends on anything else are neither recorded nor replayed:
``--fix``, ``--diff``, ``--changed-since`` (git), ``--write-baseline``, ``--links`` (the
network), ``--timings``, standard input, shards, and GitHub's job summary. A file that
cannot be read gives no key. The key recorded is made from the hashes of the bytes the
checks read, not those read before, so a file edited during a run cannot be recorded
under its old contents.

A recording is two files in the namespace's ``replay`` folder: ``KEY.d`` (the bytes) and
then ``KEY`` (the order of writes, the exit code, and the size and CRC-32 of ``KEY.d``, then
a CRC-32 of itself), each written whole. A damaged, cut or mismatched pair is a miss, and is removed. Bytes the
run wrote from a file that is only ever appended to (the JSON report's kept pieces) are
recorded as where they lie there, with their CRC-32 (:mod:`lint.recording`): a place that no
longer holds them makes the recording a miss too.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import os
import sys
import zlib
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO, cast

from lint.recording import Sink, Tee, resolve
from lint.sealed import intact, sealed

if TYPE_CHECKING:
    from lint.config import Config
    from lint.resultcache import ResultCache
    from lint.rules import Rule

_LAYOUT = 3  # 2: bytes of a kept report piece recorded as where they lie (lint.recording); 3: the header's CRC
_KEPT = 4  # recordings kept per namespace: a project may write two or three kinds of report in turn
STDOUT, STDERR = 0, 1  # the targets of a recording's writes; 2 is --output, 3... each --also-write file
_NOT_KEYED = {"jobs", "cache", "stdin", "replay"}  # options that never change what a run writes


def run_key(files: Sequence[str], contents: Sequence[str | None]) -> str | None:
    """The run's files in order, each with its content hash, as one hash; None if one is unknown."""
    from lint.files import to_display

    if any(content is None for content in contents):
        return None
    joined = "\n".join(f"{to_display(path)}\0{content}" for path, content in zip(files, contents, strict=True))
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Options(Protocol):
    """What this module reads of :class:`lint.app.CheckOptions` (a layer above: not imported)."""

    fix: bool
    diff: bool
    changed_since: str | None
    write_baseline: str | None
    timings: bool
    shard: tuple[int, int] | None
    merge: Sequence[str]
    baseline: str | None
    output: str | None
    also_write: Sequence[tuple[str, str]]

    def _asdict(self) -> dict[str, Any]:
        """Every option and its value (:class:`lint.record.Record`)."""
        ...


def refused(options: Options) -> bool:
    """Whether this run's output depends on what no key holds (see the module docs)."""
    return bool(
        options.fix
        or options.diff
        or options.changed_since
        or options.write_baseline
        or options.timings
        or options.shard is not None
        or options.merge
        or os.environ.get("GITHUB_STEP_SUMMARY")
    )


class Replay:
    """The recordings of one namespace; :meth:`play` one, or :meth:`recording` this run's."""

    def __init__(self, folder: Path, base: str, targets: list[str]) -> None:
        self.folder = folder
        self.base = base  # the key of everything but the files' contents
        self.targets = targets  # the files written, by target number - 2
        self.exit_code = 0
        self._sink: Sink | None = None

    def _key(self, run: str) -> str:
        return hashlib.blake2b(f"{self.base}\n{run}".encode(), digest_size=16).hexdigest()

    def play(self, files: Sequence[str], config: Config, stdout: TextIO) -> bool:
        """Write the recording of this run again, if there is one; True if it was written."""
        from lint.statindex import StatIndex

        index = StatIndex(self.folder.parent.parent / "stat.marshal")
        contents = [index.digest(path, config.max_file_size + 1) for path in files]
        index.save()
        run = run_key(files, contents)
        loaded = self._load(self._key(run)) if run is not None else None
        if loaded is None:
            return False
        _write(loaded, stdout, self.targets)
        return True

    def _load(self, key: str) -> list[tuple[int, memoryview]] | None:
        header, body = self.folder / key, self.folder / f"{key}.d"
        try:
            with open(header, "rb") as handle:
                blob = handle.read()
            if not intact(blob):
                raise ValueError("damaged")
            layout, stored, code, writes, size, check, places = marshal.loads(blob)  # (ends before the CRC)
            if layout != _LAYOUT or stored != key:
                raise ValueError("another layout or key")
            with open(body, "rb") as handle:
                data = handle.read()
            if len(data) != size or zlib.crc32(data) != check:
                raise ValueError("cut or damaged")
            chunks = resolve(self.folder, writes, memoryview(data), places)
        except FileNotFoundError:
            return None
        except (OSError, EOFError, ValueError, TypeError):
            for path in (header, body):
                try:
                    path.unlink()
                except OSError:
                    pass
            return None
        self.exit_code = int(code)
        return chunks

    def recording(self, stdout: TextIO) -> _Recording:
        """Within it, what the run writes to ``stdout`` (the stream it gives), to ``sys.stderr`` and to
        the files it opens through :meth:`tee` is recorded; :meth:`commit` keeps it."""
        return _Recording(self, stdout)

    def tee(self, handle: TextIO, path: str) -> TextIO:
        """``handle`` (opened to write the file ``path``), its writes recorded."""
        if self._sink is None:
            return handle
        try:
            target = 2 + self.targets.index(os.path.abspath(path))
        except ValueError:
            self._sink.broken = True  # a file no key names: never recorded
            return handle
        self._sink.add(target, "")  # opened: a report with nothing in it still makes the file
        return cast(TextIO, Tee(handle, self._sink, target))

    def commit(self, files: Sequence[str], contents: Sequence[str | None], exit_code: int) -> None:
        """Keep what was recorded as the output of the run of ``files`` with these content hashes
        (those of the bytes the checks read)."""
        run = run_key(files, contents)
        sink, self._sink = self._sink, None
        if sink is None or run is None or sink.broken:
            if sink is not None:
                sink.discard()
            return
        key = self._key(run)
        from lint.atomic import write_atomic

        try:
            size, check = sink.close(self.folder / f"{key}.d")
            header = (_LAYOUT, key, exit_code, sink.writes, size, check, sink.places)
            write_atomic(self.folder / key, sealed(marshal.dumps(header)))
        except (OSError, ValueError):
            sink.discard()
            return
        self._prune()

    def _prune(self) -> None:
        """Only the newest few recordings are kept (and nothing left of a recording cut short)."""
        try:
            found = [(entry.stat().st_mtime_ns, entry.name) for entry in os.scandir(self.folder) if entry.is_file()]
        except OSError:
            return
        keys = sorted({name.removesuffix(".d") for _, name in found if len(name.removesuffix(".d")) == 32})
        newest = {key: max(t for t, name in found if name.removesuffix(".d") == key) for key in keys}
        for key in sorted(keys, key=newest.__getitem__)[:-_KEPT]:
            for name in (key, f"{key}.d"):
                try:
                    (self.folder / name).unlink()
                except OSError:
                    pass


def _write(chunks: list[tuple[int, memoryview]], stdout: TextIO, targets: list[str]) -> None:
    """The recorded writes again, in order: to the streams as text, to the files as bytes."""
    from lint.errors import UsageError

    files: dict[int, io.BufferedWriter] = {}
    try:
        for target, chunk in chunks:
            if target == STDOUT:
                stdout.write(bytes(chunk).decode("utf-8", "surrogatepass"))
            elif target == STDERR:
                sys.stderr.write(bytes(chunk).decode("utf-8", "surrogatepass"))
            else:
                path = targets[target - 2]
                flag = "--output" if target == 2 else "--also-write"
                try:
                    if target not in files:
                        files[target] = open(path, "wb")  # noqa: SIM115 (closed below, in order)
                    files[target].write(chunk)
                except OSError as exc:
                    raise UsageError(f"{flag}: cannot write {path}: {exc.strerror or exc}") from None
    finally:
        for handle in files.values():
            handle.close()


class _Recording:
    def __init__(self, replay: Replay, stdout: TextIO) -> None:
        self._replay = replay
        self._stdout = stdout
        self._stderr: TextIO | None = None

    def __enter__(self) -> TextIO:
        try:
            sink = Sink(self._replay.folder)
        except OSError:
            return self._stdout  # a cache that cannot be written only costs speed
        self._replay._sink = sink
        self._stderr = sys.stderr
        sys.stderr = cast(TextIO, Tee(sys.stderr, sink, STDERR))
        return cast(TextIO, Tee(self._stdout, sink, STDOUT))

    def __exit__(self, *exc: object) -> None:
        if self._stderr is not None:
            sys.stderr = self._stderr
        sink, self._replay._sink = self._replay._sink, None
        if sink is not None:
            sink.discard()  # not committed: the run failed


def open_for(
    cache: ResultCache,
    options: Options,
    config: Config,
    chosen: Sequence[Rule],
    known: Collection[str],
    shown: tuple[str, bool],
    stdout: TextIO,
) -> Replay | None:
    """The recordings this run may play or make (None: see :func:`refused`, or the baseline is unreadable).

    ``shown`` is what the options do not say about the output: the format chosen (by the
    options, the config or the CI), and whether standard output is in colour.
    """
    from lint.cachekeys import FORMAT, stable
    from lint.view import width

    if refused(options):
        return None
    baseline = None
    if options.baseline:
        from lint.cachekeys import digest
        from lint.files import read_regular

        try:
            baseline = digest(read_regular(options.baseline))
        except OSError:
            return None  # the run says why
    targets = [os.path.abspath(path) for path in ([options.output] if options.output else [])]
    targets += [os.path.abspath(path) for _, path in options.also_write]
    if not options.output:
        targets.insert(0, "")  # target 2 is --output, even when there is none
    asked = [(name, value) for name, value in options._asdict().items() if name not in _NOT_KEYED]
    base = (
        _LAYOUT,
        cache.space,
        sys.version,
        os.getcwd(),
        stable(config),
        sorted(known),
        [rule.name for rule in chosen],
        repr(stable(asked)),
        shown,
        width(stdout),
        os.environ.get("COLUMNS"),
        baseline,
        targets,
    )
    key = hashlib.blake2b(repr(base).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return Replay(cache.folder / f"v{FORMAT}" / cache.space / "replay", key, targets)
