"""entry-copy's memory on one document of many copied entries, and the memory a large document's
check leaves behind (the growth shape ``copied``, issue 12: peak RSS under 10x the input plus a
constant).

Measured with ``tracemalloc`` (Python's own allocations: the same on a busy machine). Each bound
lies between what the code before the change took and what it takes now.
"""

from __future__ import annotations

from bench.growth_shapes import make
from lint import checking, engine, pipeline, spool
from lint.checks import entry_copy
from lint.config import Config
from tests.test_memory_bound import traced_peak

ENTRIES = 3_000


def _plan() -> engine.Plan:
    config = Config()
    chosen = engine.select_rules(engine.available_rules(config), ["entry-copy"], [], [])
    return engine.Plan(chosen, config)


def test_a_document_of_copied_entries_is_summarised_in_memory_in_proportion_to_it():
    # each paragraph's text and canonical sentences were kept as a list of parts and then joined:
    # both at once, 8.6x the input at the peak (now 7.0x)
    plan = _plan()
    text = make("copied", ENTRIES)
    document = pipeline.read_document("copied.md", plan.config, text.encode())
    engine.check_document(plan, pipeline.read_document("tiny.md", plan.config, make("copied", 8).encode()))
    peak, result = traced_peak(lambda: engine.check_document(plan, document))
    assert result.summaries["entry-copy"]
    assert peak < 7.8 * len(text), f"{peak / len(text):.1f} x the input"


def test_a_summary_keeps_each_shingle_once_in_four_byte_offsets():
    # a paragraph of one sentence kept its shingles twice (as the paragraph's and the sentence's),
    # and every offset took eight bytes: the summary (as pickled: its arrays' bytes) was
    # 3.23x the input (now 2.24x)
    import pickle

    plan = _plan()
    text = make("copied", ENTRIES)
    document = pipeline.read_document("copied.md", plan.config, text.encode())
    size = len(pickle.dumps(engine.check_document(plan, document).summaries["entry-copy"]))
    assert size < 2.7 * len(text), f"{size / len(text):.2f} x the input"


def test_a_sentence_reads_its_own_shingles_or_its_paragraphs():
    from lint.checks import copies
    from lint.checks.entry_summary import SAME_GRAMS, SENTENCE_AT, sentence_grams, summarise

    plan = _plan()
    context = next(item.context for item in plan.bound if item.rule.name == "entry-copy")
    one = "We worked with partners across the sector to deliver the new programme this year."
    two = one + " We also trained four hundred staff in the new methods of working together."
    text = f"# Action 1: Growth\n\n## Organisation 0\n\n### Progress during 2017\n\n{one}\n\n{two}\n"
    document = pipeline.read_document("two.md", plan.config, text.encode())
    summary = summarise(document, context).summary[1]
    paragraphs = [p for entry in document.entries for phase in entry.phases for p in phase.paragraphs]
    assert list(summary[SAME_GRAMS]) == [1, 0, 0]
    for k, paragraph in enumerate(paragraphs):
        expected = [list(s.grams) for s in copies.paragraph_sentences(paragraph.text)]
        got = [list(sentence_grams(summary, k, m)) for m in range(summary[SENTENCE_AT][k], summary[SENTENCE_AT][k + 1])]
        assert got == expected


def test_the_findings_of_many_copies_of_one_paragraph_share_the_place_it_was_first_written():
    # each finding kept its own Related (a span and a message naming the first writer), and every
    # match was held until the last finding was made, and its message fields were a dict: 1,470
    # bytes a finding (805 with the first two mended, now 679; about 750 after the tests before
    # it have emptied caches this run fills again)
    plan = _plan()
    text = make("copied", ENTRIES)
    summary = engine.check_document(plan, pipeline.read_document("copied.md", plan.config, text.encode()))
    context = next(item.context for item in plan.bound if item.rule.name == "entry-copy")
    summaries = [summary.summaries["entry-copy"]]
    list(entry_copy.check_corpus([_tiny(plan)], context))
    peak, findings = traced_peak(lambda: list(entry_copy.check_corpus(summaries, context)))
    assert len(findings) == ENTRIES - 1
    assert len({id(finding.related[0]) for finding in findings}) == 1
    assert peak < 1_000 * len(findings), f"{peak / len(findings):.0f} bytes a finding"


def _tiny(plan: engine.Plan) -> object:
    document = pipeline.read_document("tiny.md", plan.config, make("copied", 8).encode())
    return engine.check_document(plan, document).summaries["entry-copy"]


def test_the_heap_is_handed_back_after_a_large_document_and_only_then(monkeypatch, tmp_path):
    given = []
    monkeypatch.setattr(spool, "give_back", lambda: given.append(1))
    plan = _plan()
    small = make("copied", 8)
    large = make("copied", checking.GIVE_BACK_AFTER // len(small) * 8 + 8)
    for name, text in (("small.md", small), ("large.md", large)):
        checking.check_one(plan, None, spool.Memory(), str(tmp_path / name), text.encode())
        given.append(name)
    assert given == ["small.md", 1, "large.md"]


def test_fields_read_compare_and_pickle_as_the_dict_of_them():
    import pickle

    from lint.checks.api import Fields
    from lint.messages import fill

    fields = Fields(("entry", "score"), ("DfE", 92))
    assert fields == {"entry": "DfE", "score": 92} and dict(fields) == {"entry": "DfE", "score": 92}
    assert fields["score"] == 92 and "entry" in fields and "other" not in fields and len(fields) == 2
    assert pickle.loads(pickle.dumps(fields)) == fields
    assert fill("{entry} ({score}%) {other}", fields) == "DfE (92%) {other}"
    try:
        Fields(("entry",), ())
    except ValueError:
        pass
    else:
        raise AssertionError("names and values of different lengths were taken")
