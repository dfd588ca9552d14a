"""What a run gathered per file (:class:`Run`), and a corpus rule's summaries read back from it.

:mod:`lint.pipeline` fills a :class:`Run` from the result cache and from the checks (here,
or in workers); :func:`summaries` reads one corpus rule's summaries of the run's documents
from where they were kept (the run's spool, or the cache), so a rule's summaries are in
memory only while it runs. :func:`again` works a corpus rule out from what it kept of its
last run, handing it the summaries as :class:`Lazy`: after an edit it may read only a few.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, overload

from lint import engine, source
from lint.checks.api import Summaries

if TYPE_CHECKING:
    from lint.checks.api import Finding
    from lint.engine import DocumentResult
    from lint.model import Diagnostic
    from lint.resultcache import ResultCache
    from lint.rules import Rule
    from lint.spool import Handle, Keep

AGAIN_MOST = 32  # documents changed since a corpus rule's last run that it may follow (else it runs whole)


class Run:
    """What a run gathered, in the order of its files: each document's path as reported, its
    result (in memory: a cache hit, or every result once :meth:`load` ran) or the handle of the
    result a check kept (:mod:`lint.spool`), the handles of its summaries, its file's content
    hash (None: not cached), the digests of its summaries and the anchors of its anchored ones
    (:meth:`lint.resultcache.ResultCache.put`)."""

    __slots__ = ("anchors", "aside", "contents", "digests", "files", "kept", "left", "paths", "results", "summaries")

    def __init__(self, files: Sequence[str]) -> None:
        self.files = files
        self.paths: list[str | None] = [None] * len(files)
        self.results: list[DocumentResult | None] = [None] * len(files)
        self.kept: list[Handle | None] = [None] * len(files)
        self.summaries: list[dict[str, Handle]] = [{} for _ in files]
        self.contents: list[str | None] = [None] * len(files)
        self.digests: list[dict[str, str]] = [{} for _ in files]
        self.anchors: list[dict[str, tuple[int, ...]]] = [{} for _ in files]
        self.aside: dict[int, Handle] = {}  # cache hits set aside (:meth:`set_aside`)
        self.left: dict[int, bytes] = {}  # the bytes of the hits whose text is left to :meth:`texts_later`

    def texts_later(self, data: dict[int, bytes]) -> None:
        """Each cache hit's text, which its entry left out, decoded from its bytes (``data``, by place in
        the run) if a later stage reads it (most do not)."""
        for i, blob in data.items():
            result = self.results[i]
            if result is not None:  # (the outline just unpickled is this run's own object)
                result.outline.text_later(lambda blob=blob: source.decode(blob)[0])  # type: ignore[misc]
                self.left[i] = blob  # (held by the text's loader anyway)

    def set_aside(self, keep: Keep, data: dict[int, bytes]) -> None:
        """Every cache hit's result, and its bytes (``data``: of those whose text the entry left out), put
        in ``keep`` until :meth:`load`. A run that checked many files may work its corpus rules out whole,
        every summary in memory at once: the hits' results and bytes (about 70 MB of 2,000 files) would
        sit under them, at the run's peak of memory."""
        for i, result in enumerate(self.results):
            if result is not None:
                self.aside[i] = keep.put((result, data.get(i)))
                self.results[i] = None

    def set_aside_late(self, keep: Keep) -> None:
        """:meth:`set_aside`, for the hits still in memory once their texts were left to :meth:`texts_later`:
        when a corpus rule is about to be worked out whole though few files were checked (the files
        changed since its last run were cache hits: put back as they were, a branch checked out again)."""
        for i in self.left:
            result = self.results[i]
            if result is not None:
                result.outline.text_unread()  # (pickled without it; given its loader again by load)
        self.set_aside(keep, self.left)
        self.left = {}

    def summarised(self, rule: str) -> list[tuple[str, str]]:
        """``(path, digest)`` of each document ``rule`` summarised, in run order."""
        return [(p, self.digests[i][rule]) for i, p in enumerate(self.paths) if p and rule in self.digests[i]]

    def load(self, keep: Keep) -> None:
        """Every result kept by a check or set aside (:meth:`set_aside`), read back (its summaries are
        read by :func:`summaries`). A hit set aside whose document was checked again since (a summary
        of it could not be read) gives way to that check's result."""
        aside, self.aside = self.aside, {}
        for i, put in aside.items():
            self.results[i], blob = keep.get(put)
            if blob is not None:
                self.texts_later({i: blob})
        self.left = {}  # (no hit is set aside after this)
        for i, handle in enumerate(self.kept):
            if handle is not None:
                self.results[i], self.kept[i] = keep.get(handle), None

    def done(self) -> list[DocumentResult]:
        """The results in run order (after :meth:`load`)."""
        return [result for result in self.results if result is not None]

    def hashed(self) -> dict[str, str]:
        """Each document's content hash by its path as reported (those known)."""
        return {p: c for p, c in zip(self.paths, self.contents, strict=True) if p and c}


# kept beside a corpus rule's findings (:func:`names_of`): the content hash of each document they
# are on, and the entry and phase each was reported in
Names = tuple[dict[str, str], list[tuple[str | None, str | None]]]


def names_of(findings: Sequence[Finding], diagnostics: Sequence[Diagnostic], contents: dict[str, str]) -> Names:
    """What :func:`named` reads of a corpus rule's ``findings`` made into ``diagnostics`` (one each, in order)."""
    paths = {finding.path for finding in findings if finding.path in contents}
    return {p: contents[p] for p in paths if p}, [(d.entry, d.phase) for d in diagnostics]


def named(findings: list[Finding], names: Any, contents: dict[str, str]) -> list[Finding]:
    """A corpus rule's stored findings, each given the entry and phase it was reported in (``names``:
    :func:`names_of`) when its document's content hash is the one it had then: its outline is the
    same, so is the finding's place (its anchors too), and so what :meth:`lint.model.Document.phase_at`
    would give it, without reading (unpickling) the entry it is in again."""
    if not (isinstance(names, tuple) and len(names) == 2 and isinstance(names[0], dict)):
        return findings
    then, pairs = names
    if not isinstance(pairs, list) or len(pairs) != len(findings):
        return findings
    found = []
    for finding, pair in zip(findings, pairs, strict=True):
        now = contents.get(finding.path or "")
        if finding.entry is None and finding.phase is None and now is not None and then.get(finding.path) == now:
            finding = finding._replace(entry=pair[0], phase=pair[1])
        found.append(finding)
    return found


def summaries(
    cache: ResultCache | None, keep: Keep, run: Run, rule: str, recheck: Callable[[list[int]], None]
) -> dict[int, Any] | None:
    """``rule``'s summaries of the run's documents, by place in the run: kept by a document
    checked in this run, else read from the cache. The documents whose summary cannot be read
    are checked again (``recheck``: their places in the run; it puts what it finds in ``run``),
    and None returned when that changed what they hold (a file edited during the run): their
    digests changed, so the caller starts over."""
    found: dict[int, Any] = {}
    missing: list[int] = []
    for i in _holders(cache, run, rule):
        got = _summary(cache, keep, run, rule, i)
        if got is _CANNOT:
            missing.append(i)
        else:
            found[i] = got
    if missing:
        before = [run.digests[i] for i in missing]
        recheck(missing)
        if [run.digests[i] for i in missing] != before:
            return None
        for i in missing:
            found[i] = keep.get(run.summaries[i][rule])
    return {i: found[i] for i in sorted(found)}


def _holders(cache: ResultCache | None, run: Run, rule: str) -> list[int]:
    """The places of the run's documents that hold a summary of ``rule``: kept by a document
    checked in this run, or (with a cache) stored under the document's content hash."""
    return [
        i
        for i, path in enumerate(run.paths)
        if path is not None
        and (rule in run.summaries[i] or (cache is not None and rule in run.digests[i] and run.contents[i] is not None))
    ]


_CANNOT = object()  # a summary the cache cannot give back (its file gone or damaged)


def _summary(cache: ResultCache | None, keep: Keep, run: Run, rule: str, i: int) -> Any:
    """Document ``i``'s summary of ``rule`` (one of :func:`_holders`): kept by this run, else
    read from the cache, else ``_CANNOT``."""
    handle = run.summaries[i].get(rule)
    if handle is not None:
        return keep.get(handle)
    path, content = run.paths[i], run.contents[i]
    assert cache is not None and path is not None and content is not None, "not a holder"
    stored = cache.summary(path, content, rule, run.digests[i][rule])
    return _CANNOT if stored is None else stored[0]


class Unread(Exception):
    """A summary :class:`Lazy` could not read (its cache file gone or damaged): the caller reads
    them all as :func:`summaries` does, which checks such a file again."""


_NOT_YET = object()


class Lazy(Summaries):
    """``rule``'s summaries of the run's documents (those :func:`summaries` gives, in the same
    order), each read when first asked for and then held: kept by a document checked in this
    run, else from the cache (:class:`Unread` when it cannot be)."""

    __slots__ = ("_cache", "_got", "_keep", "_paths", "_places", "_rule", "_run", "reads")

    def __init__(self, cache: ResultCache, keep: Keep, run: Run, rule: str) -> None:
        self._cache, self._keep, self._run, self._rule = cache, keep, run, rule
        self._places = _holders(cache, run, rule)  # as summaries() finds them
        self._paths: list[str] = [run.paths[i] or "" for i in self._places]
        self._got: list[Any] = [_NOT_YET] * len(self._places)
        self.reads = 0  # summaries read so far (again after let_go)

    def __len__(self) -> int:
        return len(self._places)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        got = self._got[index]
        if got is _NOT_YET:
            got = _summary(self._cache, self._keep, self._run, self._rule, self._places[index])
            if got is _CANNOT:
                raise Unread(self._paths[index])
            self._got[index] = got
            self.reads += 1
        return got

    def path(self, index: int) -> str:
        return self._paths[index]

    def let_go(self) -> None:
        """Forget the summaries read so far (each is read again if asked for)."""
        self._got = [_NOT_YET] * len(self._places)

    def anchors(self, index: int) -> tuple[int, ...]:
        return self._run.anchors[self._places[index]].get(self._rule, ())


def again(
    plan: engine.Plan,
    cache: ResultCache,
    run: Run,
    rule: Rule,
    summaries: Sequence[Any],
    whole: Callable[[], None] | None = None,
) -> list[Finding] | None:
    """A corpus rule's findings worked out from what it kept of its last run (its kind's
    ``check_corpus_again``), given that run's summaries of the documents changed, added or removed
    since (read from the cache); the state it gives back kept for the next run. None: its kind
    does not declare it (or some documents have no content hash: nothing to find them by).
    :class:`Unread` when ``summaries`` is :class:`Lazy` and one it needs cannot be read. ``whole`` is
    called first when the rule kept a state it cannot follow (too many documents changed since): it
    will read every summary."""
    name = rule.name
    now = [(p, run.contents[i], run.digests[i][name]) for i, p in enumerate(run.paths) if p and name in run.digests[i]]
    if any(content is None for _, content, _ in now):
        return None
    state: Any = None
    before: dict[str, Any] = {}
    kept = cache.again(name)
    then = None if kept is None else kept[0]  # the documents of the last run (path, content hash, summary digest)
    if kept is not None:
        state, was = kept[1], {p: (content, digest) for p, content, digest in kept[0]}
        digests = {p: digest for p, _, digest in now}
        changed = sorted(p for p in was.keys() | digests.keys() if was.get(p, ("", ""))[1] != digests.get(p))
        for p in changed if len(changed) <= AGAIN_MOST else ():
            if p not in was:
                before[p] = None  # added
                continue
            stored = cache.summary(p, was[p][0], name, was[p][1])
            if stored is None:
                break
            before[p] = stored[0]
        if len(before) != len(changed):
            state, before = None, {}  # too many changes to follow, or a summary of the last run is gone
            if whole is not None:
                whole()
    from lint import keptfiles  # (here: a one-file run imports no pickle: tests/test_startup.py)

    try:
        done = engine.corpus_rule_again(plan, rule, state, before, summaries)
    except keptfiles.DamagedPart:  # a block of its state's parts read back damaged (and removed): without it
        done = engine.corpus_rule_again(plan, rule, None, {}, summaries)
    if done is None:
        return None
    del state, before, kept
    if isinstance(summaries, Lazy):
        summaries.let_go()  # before the state is written (a copy of it, pickled): the rule is done with them
    cache.put_again(name, [(p, str(content), digest) for p, content, digest in now], done[1])
    return done[0] if then is None else _named_as_last(cache, name, then, done[0], run.hashed())


def _named_as_last(
    cache: ResultCache, rule: str, then: Any, findings: list[Finding], contents: dict[str, str]
) -> list[Finding]:
    """A corpus rule's ``findings`` worked out again, each given the entry and phase (:func:`named`) a finding
    of its last run's (``then``: its documents) beginning at the same place had, when its document's content
    hash is the one it had then: what :meth:`lint.model.Document.phase_at` gives it, without reading the
    entries again (most findings of a run after an edit are the last run's)."""
    from lint.cachekeys import rule_key

    stored = cache.corpus_places(rule_key(rule, [(p, digest) for p, _, digest in then]))
    names = None if stored is None else stored[1]
    if not (isinstance(names, tuple) and len(names) == 2 and isinstance(names[0], dict)):
        return findings
    hashed, pairs = names
    if not isinstance(pairs, list) or stored is None or len(pairs) != len(stored[0]):
        return findings
    same = {p for p, content in hashed.items() if contents.get(p) == content}  # (so at the same places)
    at = {place: pair for place, pair in zip(stored[0], pairs, strict=True) if place[0] in same}
    found = []
    for finding in findings:
        pair = at.get((finding.path, finding.span.start)) if finding.entry is None and finding.phase is None else None
        found.append(finding if pair is None else finding._replace(entry=pair[0], phase=pair[1]))
    return found
