"""What a check kind is (:class:`CheckKind`), gets (a :class:`Context`) and gives back (:class:`Finding`).

Every check module exports one spec, ``KIND = CheckKind(...)``: its name, the
function(s) that find things, its options, the message fields its findings fill, and
what generic code needs to know about its findings. The engine, the suppression
post-pass, ``--changed-since``, the job summary and the reports read the spec; none
of them ever names a rule or a check kind. The fields:

``name``
    the kind's name, as rule files write it (``check = "phrases"``).
``summary``
    one line saying what it finds (the generated docs' table of kinds).
``check``
    ``check(document, context)``: run on each document of the run; or None.
``check_corpus``
    ``check_corpus(summaries, context)``: run once on the summaries of all documents of
    the run, in run order (its findings must carry ``path``); or None. A kind may have
    both.
``check_corpus_again``
    ``check_corpus_again(state, before, summaries, context) -> (findings, state)``: the
    same findings as ``check_corpus`` on ``summaries``, worked out from what it kept of its
    last run (``state``, which it gives back for the next; None: there is none) and the
    summaries that run had of the documents changed, added or removed since (``before``:
    path -> summary, None for a document added). A kind declares it when a change to a few
    documents can be followed without its whole work again; the result cache keeps the
    state (:mod:`lint.pipeline`). Or None.
``starts_corpus``
    ``check_corpus`` hands its work to worker processes when it is called, with more than
    one job (:func:`lint.checks.workers.jobs`), and gives its findings as they come back:
    the run calls it before its other corpus rules and reads its findings after them
    (:mod:`lint.corpusorder`), so this process checks those while the workers work.
``summarise``
    ``summarise(document, context)``: for a corpus kind, the small picklable summary of
    one document that ``check_corpus`` reads (made per document, in worker processes
    with ``--jobs``, and kept in the result cache). Without it the summary is the
    document's outline (:func:`lint.model.outline`: entries and phases, no paragraphs).
    ``check_corpus`` never sees whole documents, so it costs the same whether documents
    were just checked, come from the cache or from shards.
``scope`` (derived)
    ``"document"`` (only ``check``), ``"corpus"`` (a ``check_corpus``), or
    ``"post-pass"`` (neither: the engine's suppression post-pass makes its findings,
    see ``post_pass``).
``options``
    its typed options (:class:`lint.options.Option`); a rule file and the config give values.
``message_fields``
    the ``{fields}`` its findings' ``args`` fill in a rule's ``message`` template; a rule
    whose template names another field is refused at load.
``needs_links``
    reads the online link results (``--links``) in ``context.links``.
``whole_document``
    its findings speak for the whole document (``--changed-since`` keeps them when the
    file changed at all, whatever line they stand on).
``runs_on_empty``
    also run on documents with no text (others are skipped for them).
``summary_role``
    what its findings mean in the entries × phases tables (job summary, HTML report,
    ``--summary``): ``"placeholder"``, ``"copied"``, ``"missing-phase"``,
    ``"missing-entry"``, ``"broken-link"``, ``"hard-to-read"``, or None.
``validate``
    ``validate(options)``: what the option types cannot say, across options (a pattern
    using a term another option defines); returns ``(key, problem)`` or None. Run at
    load, so that ``check`` never meets a bad option value.
``check_files``
    ``check_files(options, root)``: reads the files its options name (relative to the
    project root), once, before any response file is read, for the rules a run chose
    (:func:`lint.engine.choose_rules`); returns what it read, by option key, which
    ``check`` and ``check_corpus`` find in ``context.files`` (so a file that changes
    or goes away during the run cannot stop it halfway), or a :class:`FileProblem`.
``answer_text``
    its findings are about an answer's own words, each within the text of one phase (a
    placeholder, a word, a sentence, a link, a copied passage), so that one answer
    published with the same text on two pages has the same finding, at the same place,
    on each: the run reports it once (:mod:`lint.republished`; config
    ``republished-once``). Findings about a page's structure (headings, order, what a
    page lacks) do not declare it.
``post_pass``
    for post-pass kinds, what the post-pass reports for it: ``"unused-suppression"`` or
    ``"invalid-suppression"``.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from lint.model import Document, Fix, Related, Severity, Span
from lint.options import Option
from lint.record import Frozen, fill
from lint.tuples import NamedTuple

if TYPE_CHECKING:
    from lint.links.results import LinkResults


class Context(Frozen):
    """The rule a check runs for: its name, severity and resolved option values."""

    __slots__ = ("files", "links", "options", "root", "rule", "severity")
    rule: str
    severity: Severity
    options: Mapping[str, Any]
    root: str
    # online link results (``--links``), for check kinds that declare ``NEEDS_LINKS = True``; None when offline
    links: LinkResults | None
    # what the kind's ``check_files`` read for this rule at load, by option key
    files: Mapping[str, Any]

    def __init__(
        self,
        rule: str,
        severity: Severity,
        options: Mapping[str, Any],
        root: str = ".",
        links: LinkResults | None = None,
        files: Mapping[str, Any] | None = None,
    ) -> None:
        files = {} if files is None else files
        fill(self, locals())

    def __getitem__(self, key: str) -> Any:
        return self.options[key]

    def settings(self) -> Hashable:
        """Every option value of the rule as one hashable key (lists and tables as tuples, in their
        order): what a check remembers answers by (:class:`lint.checks.perdoc.Remembered`), so that
        no option can be left out of it. Made once for an options mapping and kept by its identity
        (with the mapping, so that the identity is not reused): a rule's options are never changed
        in place, and placeholder's took 35 us to make, once a document."""
        options = self.options
        kept = _SETTINGS.get(id(options))
        if kept is not None and kept[0] is options:
            return kept[1]
        key = _hashable(options)
        if len(_SETTINGS) >= _SETTINGS_MAX:
            _SETTINGS.clear()
        _SETTINGS[id(options)] = (options, key)
        return key


_SETTINGS: dict[int, tuple[Mapping[str, Any], Hashable]] = {}  # id(options) -> the options and their key
_SETTINGS_MAX = 256  # (a run has one options mapping a rule; the editor server a few more a config)


def _hashable(value: Any) -> Hashable:
    if isinstance(value, Mapping):
        return tuple((key, _hashable(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(map(_hashable, value))
    if isinstance(value, (set, frozenset)):
        return frozenset(map(_hashable, value))
    hash(value)  # anything else must be hashable as it is (TypeError if not)
    return value


class Finding(NamedTuple):
    """One problem a check found.

    ``args`` fill the rule's message template; ``message`` replaces the template.
    ``severity`` overrides the rule's (for checks with several levels). ``path`` is
    needed only from corpus checks. ``entry``/``phase`` are found from the span when
    left None. ``fingerprint`` is text that identifies the finding across edits
    (defaults to the text under the span).
    """

    span: Span
    args: Mapping[str, Any] = MappingProxyType({})
    message: str | None = None
    severity: Severity | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    path: str | None = None
    entry: str | None = None
    phase: str | None = None
    fingerprint: str | None = None


class Fields(Mapping[str, Any]):
    """A finding's ``args`` as the field names every finding of a check shares and this one's
    values, in the same order: a corpus check that gives thousands of findings holds them all
    at once, and a dict of seven fields a finding is 270 bytes where this is about 160."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
        if len(names) != len(values):
            raise ValueError(f"{len(names)} field names for {len(values)} values")
        self._names = names
        self._values = values

    def __getitem__(self, key: str) -> Any:
        try:
            return self._values[self._names.index(key)]
        except ValueError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[type[Fields], tuple[tuple[str, ...], tuple[Any, ...]]]:
        return Fields, (self._names, self._values)


class FileProblem(NamedTuple):
    """What ``check_files`` gives for a file it cannot use: the option naming it, and what is wrong."""

    key: str
    problem: str


class Anchored(NamedTuple):
    """A corpus summary that keeps where its document's text is apart from what it says of it.

    ``summary`` holds no document offset: positions in it count from one of ``anchors``,
    the document offsets (ascending) where the stretches its rule's findings point into
    begin (entry-copy's compared paragraphs). Every span a finding gives in this document,
    or points at in ``related``, lies in one stretch. So an edit that moves text and leaves
    ``summary`` as it was (a heading fixed above a paragraph) leaves the rule's findings
    standing in the result cache, each span moved as its stretch moved.
    """

    summary: Any
    anchors: tuple[int, ...]


class Summaries(Sequence[Any]):
    """A corpus rule's summaries in run order, each read when first asked for: what the result
    cache hands ``check_corpus_again``, which after an edit may need only a few of them.
    :meth:`path` and :meth:`anchors` give a document's path and its :class:`Anchored`
    summary's anchors without reading the summary."""

    __slots__ = ()

    @abstractmethod
    def path(self, index: int) -> str:
        """The path of the document of summary ``index``."""

    @abstractmethod
    def anchors(self, index: int) -> tuple[int, ...]:
        """The anchors of summary ``index`` (an :class:`Anchored` one; else none)."""

    def let_go(self) -> None:
        """Forget the summaries read so far (each is read again if asked for): for a rule that holds
        what it needs of them, so that their memory can go (nothing to forget here)."""


def placed(span: Span, at: int = 0) -> Span:
    """``span`` moved to start at ``at`` (0: counted from its anchor, in an :class:`Anchored` summary)."""
    return Span(at, at + span.end - span.start)


DocumentCheck = Callable[[Document, Context], Iterable[Finding]]
CorpusCheck = Callable[[Sequence[Any], Context], Iterable[Finding]]
CorpusAgain = Callable[[Any, Mapping[str, Any], Sequence[Any], Context], tuple[list[Finding], Any]]
Scope = Literal["document", "corpus", "post-pass"]
SummaryRole = Literal["placeholder", "copied", "missing-phase", "missing-entry", "broken-link", "hard-to-read"]
PostPass = Literal["unused-suppression", "invalid-suppression"]
SUMMARY_ROLES: tuple[SummaryRole, ...] = (
    "placeholder",
    "copied",
    "missing-phase",
    "missing-entry",
    "broken-link",
    "hard-to-read",
)


class CheckKind(Frozen):
    """What a check kind declares about itself (see the module docs for each field)."""

    __slots__ = (
        "answer_text",
        "check",
        "check_corpus",
        "check_corpus_again",
        "check_files",
        "message_fields",
        "name",
        "needs_links",
        "options",
        "post_pass",
        "runs_on_empty",
        "starts_corpus",
        "summarise",
        "summary",
        "summary_role",
        "validate",
        "whole_document",
    )
    name: str
    summary: str
    check: DocumentCheck | None
    check_corpus: CorpusCheck | None
    check_corpus_again: CorpusAgain | None
    summarise: Callable[[Document, Context], Any] | None
    options: tuple[Option, ...]
    message_fields: frozenset[str]
    needs_links: bool
    whole_document: bool
    runs_on_empty: bool
    summary_role: SummaryRole | None
    post_pass: PostPass | None
    validate: Callable[[Mapping[str, Any]], tuple[str, str] | None] | None
    check_files: Callable[[Mapping[str, Any], str], Mapping[str, Any] | FileProblem] | None
    answer_text: bool
    starts_corpus: bool

    def __init__(
        self,
        name: str,
        summary: str,
        check: DocumentCheck | None = None,
        check_corpus: CorpusCheck | None = None,
        summarise: Callable[[Document, Context], Any] | None = None,
        options: tuple[Option, ...] = (),
        message_fields: Iterable[str] = frozenset(),
        needs_links: bool = False,
        whole_document: bool = False,
        runs_on_empty: bool = False,
        summary_role: SummaryRole | None = None,
        post_pass: PostPass | None = None,
        validate: Callable[[Mapping[str, Any]], tuple[str, str] | None] | None = None,
        check_files: Callable[[Mapping[str, Any], str], Mapping[str, Any] | FileProblem] | None = None,
        answer_text: bool = False,
        check_corpus_again: CorpusAgain | None = None,
        starts_corpus: bool = False,
    ) -> None:
        if (post_pass is not None) == (check is not None or check_corpus is not None):
            raise TypeError(f"check kind {name!r}: give check and/or check_corpus, or post_pass, not both")
        if summary_role is not None and summary_role not in SUMMARY_ROLES:
            raise TypeError(f"check kind {name!r}: unknown summary_role {summary_role!r}")
        message_fields = message_fields if isinstance(message_fields, frozenset) else frozenset(message_fields)
        fill(self, locals())

    @property
    def scope(self) -> Scope:
        if self.check_corpus is not None:
            return "corpus"
        if self.check is not None:
            return "document"
        return "post-pass"


class Mapped:
    """Bytes in a corpus rule's state (``check_corpus_again``) too large to read whole each run:
    the result cache keeps them in a file of their own, written once, and gives back something
    read a slice at a time (:mod:`lint.keptfiles`). ``data``: the bytes, or that (``len`` and
    ``data[start:end]`` as bytes, ``bytes(data)``), or None when the file could not be read back
    (the rule makes them again). ``name``: the file's name once kept. Pickled elsewhere, it is its bytes."""

    __slots__ = ("data", "name")

    def __init__(self, data: Any, name: str | None = None) -> None:
        self.data = data
        self.name = name

    def __reduce__(self) -> tuple[Any, ...]:
        return (Mapped, (None if self.data is None else bytes(self.data),))
