"""What a run holds of its corpus summaries: entry-copy's reads back as the paragraphs it was made from, in
little memory, and each rule's are let go once it has run."""

from __future__ import annotations

import pickle
import tracemalloc

import pytest

from bench.corpus import generate
from lint import engine, pipeline
from lint.checks import copies, entry_paragraphs, entry_summary
from lint.checks.entry_paragraphs import Paragraphs
from lint.config import Config


def _summaries(count, seed):
    config = Config()
    chosen = engine.select_rules(engine.available_rules(config), ["entry-copy"], [], [])
    plan = engine.Plan(chosen, config)
    documents, summaries = [], []
    for item in generate(count, seed=seed, formats=("source-2012", "publication-2015", "markdown")):
        document = pipeline.read_document(item.name, config, item.data)
        documents.append(document)
        summaries.append(engine.check_document(plan, document).summaries["entry-copy"])
    return documents, summaries


def test_the_run_reads_back_each_compared_paragraph_as_it_was_in_its_document():
    """Every paragraph of 8 words or more, in period order then run order, with its shingles,
    its sentences long enough to compare, its text and the document spans of its sentences."""
    documents, summaries = _summaries(6, seed=7)
    expected = []
    for document in documents:
        for entry in document.entries:
            names = copies.Names.of(entry)
            for phase in entry.phases:
                for paragraph in phase.paragraphs:
                    text = copies.paragraph_text(paragraph.text, names)
                    if text.words >= 8 and text.grams:
                        sentences = [
                            s for s in copies.paragraph_sentences(paragraph.text, names) if s.words >= 8 and s.canonical
                        ]
                        expected.append((phase.order, document.path, entry.name, phase.key, paragraph, text, sentences))
    expected.sort(key=lambda e: e[0])  # stable: run order within a period
    paragraphs = Paragraphs([pickle.loads(pickle.dumps(s)) for s in summaries])  # as a worker hands it back
    assert len(paragraphs) == len(expected) > 100
    for i, (_, path, entry, phase, paragraph, text, sentences) in enumerate(expected):
        assert (paragraphs.path(i), paragraphs.entry_name(i), paragraphs.phase_key(i)) == (path, entry, phase)
        assert paragraphs.text(i) == paragraph.text
        assert tuple(paragraphs.grams(i)) == tuple(text.grams)
        got = paragraphs.sentences(i)
        assert [(s[0], s[1], s[2], tuple(s[3])) for s in got] == [
            (s.start, s.end, s.canonical, tuple(s.grams)) for s in sentences
        ]
        assert [paragraphs.span_of(i, s[0], s[1]) for s in got] == [
            paragraph.to_span(s.start, s.end) for s in sentences
        ]


def test_a_summary_held_for_the_corpus_phase_takes_little_memory():
    """A run holds every document's summary until its corpus phase: as unpickled there (from a worker,
    the cache or a shard file), entry-copy's took 7.8 bytes per character of the documents as a tuple
    per paragraph and per sentence; flat arrays take about 5."""
    documents, summaries = _summaries(24, seed=5)
    blobs = [pickle.dumps(s) for s in summaries]
    size = sum(len(d.text) for d in documents)
    tracemalloc.start()
    try:
        held = [pickle.loads(blob) for blob in blobs]
        taken = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(held) == 24
    assert taken <= 6 * size


@pytest.mark.parametrize(("cached", "spooled"), [(False, False), (True, False), (False, True), (True, True)])
def test_each_corpus_rules_summaries_are_let_go_once_it_has_run(cached, spooled, monkeypatch, tmp_path):
    """The summaries are the largest part of what a run holds: while a corpus rule runs, the run holds
    no summary of a rule that has run before it, and none once the corpus phase is over (with and
    without the result cache). Spooled (:mod:`lint.spool`, a large run), a checked document's outline
    and findings are not held while the corpus rules run either. The report is the same."""
    from lint import gathered, pipeline, spool
    from lint.config import for_paths
    from lint.resultcache import ResultCache

    for item in generate(10, seed=4, formats=("source-2012", "publication-2015", "markdown"), scale=0.5):
        (tmp_path / item.name).write_bytes(item.data)
    files = sorted(str(p) for p in tmp_path.iterdir())
    config = for_paths([str(tmp_path)], None)
    plan = engine.Plan(engine.select_rules(engine.available_rules(config), None, [], []), config)
    runs, seen = [], []

    class Watched(gathered.Run):
        def __init__(self, files):
            super().__init__(files)
            runs.append(self)

    real_rule, real_again = engine.corpus_rule, engine.corpus_rule_again

    def watch(rule):
        run = runs[-1]
        if spooled:
            assert not any(run.results[i] for i, handle in enumerate(run.kept) if handle is not None)
        held = {name for result in run.done() for name in result.summaries}
        seen.append((rule.name, held | {name for kept in run.summaries for name in kept}))

    def corpus_rule(plan, rule, check_corpus, summaries):
        watch(rule)
        return real_rule(plan, rule, check_corpus, summaries)

    def corpus_rule_again(plan, rule, state, before, summaries):
        done = real_again(plan, rule, state, before, summaries)
        if done is not None:  # the rule ran (from what it kept of its last run): else corpus_rule runs it
            watch(rule)
        return done

    expected = pipeline.check_files(files, plan, 1)[1]
    monkeypatch.setattr(spool, "SPOOL_FROM", 1 if spooled else 10**9)
    monkeypatch.setattr(gathered, "Run", Watched)
    monkeypatch.setattr(engine, "corpus_rule", corpus_rule)
    monkeypatch.setattr(engine, "corpus_rule_again", corpus_rule_again)
    cache = ResultCache(tmp_path / "cache", "space") if cached else None
    assert pipeline.check_files(files, plan, 1, cache)[1] == expected
    names = [name for name, _ in seen]
    assert names == [rule.name for rule, _ in engine.corpus_rules(plan)] and len(names) == 3
    for k, (name, held) in enumerate(seen):
        assert name in held and held.isdisjoint(names[:k]), (name, held)
    assert not any(result.summaries for result in runs[-1].done())
    assert not any(runs[-1].summaries) and not any(runs[-1].kept)


def test_the_pieces_of_a_document_are_walked_once_however_many_of_its_paragraphs_are_asked(monkeypatch):
    """span_of() of a paragraph with links finds its pieces through an index of its document's,
    made once: walking them for each paragraph asked took time in the square of a document's
    paragraphs (8,000 copied entries with a link each: 15 s)."""

    documents, summaries = _summaries(6, seed=7)
    walks = []
    real = entry_paragraphs._piece_index
    monkeypatch.setattr(entry_paragraphs, "_piece_index", lambda flat, n: walks.append(len(flat)) or real(flat, n))
    paragraphs = Paragraphs(summaries)
    for i in range(len(paragraphs)):  # (the spans themselves: the test above)
        paragraphs.span_of(i, 0, len(paragraphs.text(i)))
    assert sum(1 for s in summaries if len(s.summary[1][entry_summary.PIECES])) >= 2  # links to find
    assert len(walks) <= len(documents)


def test_the_run_is_read_by_number_by_shingles_and_by_digest_as_paragraph_by_paragraph():
    """``number`` undoes ``where`` (and knows no other paragraph), ``each_grams`` gives each paragraph's
    shingles in order, and ``with_digests`` the paragraphs with each canonical text, as asking each."""
    _, summaries = _summaries(8, seed=11)
    paragraphs = Paragraphs(summaries)
    count = len(paragraphs)
    assert [paragraphs.number(*paragraphs.where(i)) for i in range(count)] == list(range(count))
    for d, k in [(-1, 0), (len(summaries), 0), (0, -1), (0, len(summaries[0].anchors))]:
        with pytest.raises(IndexError):
            paragraphs.number(d, k)
    assert [list(g) for g in paragraphs.each_grams()] == [list(paragraphs.grams(i)) for i in range(count)]
    assert [list(g) for g in paragraphs.each_grams(count // 3)] == [
        list(paragraphs.grams(i)) for i in range(count // 3)
    ]
    by_digest: dict[bytes, list[int]] = {}
    for i in range(count):
        by_digest.setdefault(paragraphs.digest(i), []).append(i)
    assert any(len(held) > 1 for held in by_digest.values())  # boilerplate: texts held by several
    absent = bytes(16)
    assert len(by_digest) > entry_paragraphs._FOUND_ONE_BY_ONE  # the digests cut out once and picked
    twin = paragraphs.digest(0)[:8] + bytes(8)  # the first half of one, not the rest
    assert paragraphs.with_digests([*by_digest, absent, twin]) == {**by_digest, absent: [], twin: []}
    few = [*(d for d, held in by_digest.items() if len(held) > 1)][:4] + list(by_digest)[:3] + [absent]
    assert len(set(few)) <= entry_paragraphs._FOUND_ONE_BY_ONE
    assert paragraphs.with_digests(few) == {d: by_digest.get(d, []) for d in few}  # each searched for
    # a digest found across two paragraphs' digests (the end of one and the start of the next) is not theirs
    straddling = paragraphs.digest(0)[8:] + paragraphs.digest(paragraphs.number(0, 1))[:8]
    assert paragraphs.with_digests([straddling]) == {straddling: []}
