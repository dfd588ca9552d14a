"""Memory in proportion to the input (issue 12: peak RSS under 10x the input plus a constant).

Measured with ``tracemalloc`` (Python's own allocations: the same on a busy machine), on the
shapes of :mod:`bench.growth_shapes` at sizes large enough for per-item costs to dominate.
Each bound is a multiple of the input size that the code before the change exceeded.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

from bench.growth_shapes import make
from lint.model import outline
from lint.readers import read


def traced_peak(action: Callable[[], Any]) -> tuple[int, Any]:
    """The peak of Python's traced allocations during ``action()`` (bytes), and what it returned."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        result = action()
        return tracemalloc.get_traced_memory()[1] - base, result
    finally:
        tracemalloc.stop()


def test_a_line_of_unclosed_link_targets_is_read_in_memory_in_proportion_to_it():
    # "[a]((" 40,000 times: each "(" once had a dict entry and an int, about 45x the line
    text = make("link-opens", 200_000)
    read("x.md", make("link-opens", 100))  # the reader's patterns compiled (through the regex cache) once
    peak, document = traced_peak(lambda: read("x.md", text))
    assert document.entries
    assert peak < 12 * len(text), f"{peak / len(text):.1f} x the input"


def test_many_entries_are_read_and_looked_up_in_memory_in_proportion_to_them():
    # a tuple per entry, phase and paragraph, a Span tuple and two ints per position: 52x the
    # input once, 32x with the reader's line tuples gone; 12x with the entries kept as columns
    # (lint.readers.columns) and the lines as offsets; 9.4x with offsets in 4 bytes, and each key
    # and each paragraph that is a slice of the text made when asked for
    text = make("entries", 4000)

    def read_and_look_up():
        document = read("x.md", text)
        assert document.phase_at(len(text) - 4)[1] is not None
        return document

    peak, document = traced_peak(read_and_look_up)
    assert len(document.entries) == 4000
    assert peak < 11 * len(text), f"{peak / len(text):.1f} x the input"


def test_many_unclosed_departments_are_read_in_memory_in_proportion_to_them():
    # each entry's tuples and an issue tuple (with its Span) per unclosed div: 35x the input before
    text = make("divs", 4000)
    peak, document = traced_peak(lambda: read("x.txt", text))
    assert len(document.entries) == 4000 and len(document.issues) == 4001
    assert peak < 20 * len(text), f"{peak / len(text):.1f} x the input"


def test_nested_unclosed_divs_are_read_and_reported_in_memory_in_proportion_to_them():
    # an open div held its line as a Line tuple and each line of text as another, and each of the
    # 16,001 issues was a tuple with a Span: 35x the input to read before; the syntax check then
    # held every issue in a list (now: the first of each kind, a count and the lines it shows).
    # 13x with each open div an object of indexes; 10.3x with its list of phases made when needed;
    # 5.9x with an open div two array items until it holds something (lint.readers.source2012._Stack)
    from lint import engine
    from lint.config import Config

    text = make("nested", 8000)
    peak, document = traced_peak(lambda: read("x.txt", text))
    assert len(document.issues) == 16001
    assert peak < 8 * len(text), f"{peak / len(text):.1f} x the input"
    plan = engine.Plan(engine.choose_rules(Config(), ["syntax"]).chosen, Config())
    peak, result = traced_peak(lambda: engine.check_document(plan, document))
    assert sorted(d.message.count("more like it") for d in result.diagnostics) == [0, 1, 1]
    assert peak < 3 * len(text), f"{peak / len(text):.1f} x the input"


def test_the_outline_of_many_entries_shares_what_the_document_holds():
    # the outline (what later stages keep of a document) made a tuple per entry and phase again:
    # 5.6x the input, on top of the document
    text = make("entries", 4000)
    document = read("x.md", text)
    peak, kept = traced_peak(lambda: outline(document))
    assert len(kept.entries) == 4000 and not any(phase.paragraphs for phase in kept.phases)
    assert [e.name for e in kept.entries] == [e.name for e in document.entries]
    assert peak < 1 * len(text), f"{peak / len(text):.2f} x the input"


def test_suppression_comments_are_judged_in_memory_in_proportion_to_them():
    # a dict and an empty set per directive, a dict per region, and a one-pattern set per
    # directive that suppressed something: 22x the input at the peak before, then 16x (an
    # object per region, a list per suppressed finding, ended regions kept in the sweep's
    # heap, a rule list and an empty set per directive); regions in columns: 3.5x; then 7.5x with
    # findings in columns made into Diagnostic objects to be dropped; made only when kept: 3.1x
    from lint import engine
    from lint.config import Config

    text = make("suppressions", 4000)
    chosen = engine.choose_rules(Config(), ["placeholder", "unused-suppression"]).chosen
    plan = engine.Plan(chosen, Config())
    result = engine.check_document(plan, read("x.md", text))
    peak, kept = traced_peak(lambda: engine.finish(plan, [result]))
    assert kept == [] and len(result.diagnostics) == 4000  # every placeholder suppressed, every comment used
    assert peak < 5 * len(text), f"{peak / len(text):.1f} x the input"


def test_a_finding_on_every_line_is_held_in_columns_while_its_document_is_checked():
    # a Diagnostic object and its span (240 bytes) per finding while the whole document (every
    # paragraph) is alive: 50x the input of a file of one placeholder a line at the peak of
    # check_document before; findings in columns (lint.findings.Findings): 10x. The document is
    # checked once before, so that the views the model makes of it on demand (and keeps) are not
    # counted here: this measures the findings.
    from lint import engine
    from lint.config import Config

    # The entry (one phase of 8,000 paragraphs) was made whole for the check: 10.1x; its paragraphs
    # made one by one from the columns (lint.readers.views.Paragraphs), the findings' offsets in
    # 4 bytes and a run of findings saying the same message, entry and phase stored once: 3.5x;
    # the rule and severity code once a run too (8 bytes a finding): 2.1x.
    text = make("changed", 8000)
    plan = engine.Plan(engine.choose_rules(Config(), ["placeholder"]).chosen, Config())
    document = read("x.md", text)
    engine.check_document(plan, document)
    peak, result = traced_peak(lambda: engine.check_document(plan, document))
    assert len(result.diagnostics) == 8000
    assert peak < 3 * len(text), f"{peak / len(text):.1f} x the input"


def test_findings_read_and_pickle_as_the_diagnostics_they_hold():
    import pickle

    from lint.findings import Findings
    from lint.model import Diagnostic, Edit, Fix, Related, Severity, Span

    made = [
        Diagnostic("a.md", Span(0, 3), "placeholder", Severity.ERROR, "m", "Org", "2017"),
        Diagnostic("a.md", Span(4, 9), "spelling", Severity.INFO, "n", fingerprint_text="teh"),
        Diagnostic(
            "a.md",
            Span(2, 2),
            "placeholder",
            Severity.WARNING,
            "m",
            related=(Related("b.md", Span(1, 2), "there"),),
            fix=Fix("drop it", (Edit(Span(2, 2), ""),)),
        ),
    ]
    findings = Findings("a.md")
    for diagnostic in made:
        findings.append(diagnostic)
    assert list(findings) == made and findings[-1] == made[-1] and findings[1:] == made[1:]
    assert len(findings) == 3 and findings == made
    again = pickle.loads(pickle.dumps(findings))
    assert list(again) == made
    again.append(made[0])  # the rule names are known again after unpickling: no second code for one rule
    assert again[3] == made[0] and len(again._rules) == 2


def test_a_finding_on_every_line_is_reported_without_an_object_kept_for_each():
    # engine.finish made every kept finding a Diagnostic object and its span (240 bytes), sorted
    # them with a key tuple each, and the report an Item each: 5.6x the input at the peak of finish
    # alone, on a file of a placeholder an entry. Now the run's findings stay in columns
    # (lint.findings.Chosen: two array items each) and the report makes each item as a
    # formatter writes it.
    import io

    from lint import engine
    from lint.config import Config
    from lint.formats import Settings, json_report
    from lint.report import build

    text = make("entries", 8000)
    plan = engine.Plan(engine.choose_rules(Config(), ["placeholder"]).chosen, Config())
    result = engine.check_document(plan, read("x.md", text))
    assert result.outline.lines  # the document's line index (made once, kept with it) is not counted here

    class Sink(io.StringIO):  # the report written nowhere: its batches of a few hundred findings count
        def write(self, s: str) -> int:
            return len(s)

    def report() -> int:
        diagnostics = engine.finish_lazy(plan, [result])
        json_report.render(build(diagnostics, {"x.md": result.outline}, 1), Sink(), Settings())
        return len(diagnostics)

    peak, found = traced_peak(report)
    assert found == 8000
    assert peak < 2 * len(text), f"{peak / len(text):.2f} x the input"


def test_a_phase_of_many_paragraphs_is_read_and_walked_in_memory_in_proportion_to_it():
    # One phase of 8,000 one-line paragraphs: the reader built them all as a list of Paragraph,
    # Span and Line objects before the columns took them, and a walk made the entry whole again:
    # 70x the input. Now past LAZY_AT they go into the columns as they come, and the phase holds
    # a view that makes each paragraph when read: 18x.
    text = make("changed", 8000)
    read("x.md", make("changed", 300))

    def read_and_walk() -> int:
        document = read("x.md", text)
        return sum(1 for entry in document.entries for phase in entry.phases for _ in phase.paragraphs)

    peak, walked = traced_peak(read_and_walk)
    assert walked == 8000
    assert peak < 30 * len(text), f"{peak / len(text):.1f} x the input"


def test_a_file_of_many_read_issues_is_loaded_in_memory_in_proportion_to_it():
    # 16,001 read issues of nested unclosed divs: 40 bytes an issue in columns, copied once more
    # to join them with the decoder's (none): 9.0x the input. 4-byte offsets and numbers, a byte
    # for the (severity, code) pair, and the one part with issues kept as it is: 4.8x.
    from lint import source
    from lint.readers.phases import ReaderOptions

    data = make("nested", 8000).encode()
    source.parse_bytes("x.txt", make("nested", 50).encode(), ReaderOptions())
    peak, document = traced_peak(lambda: source.parse_bytes("x.txt", data, ReaderOptions()))
    assert len(document.issues) == 16001
    assert peak < 7 * len(data), f"{peak / len(data):.1f} x the input"


def test_links_of_many_entries_are_read_and_walked_in_memory_in_proportion_to_them():
    # 4,000 entries of a paragraph with two links: each link a Link tuple with three Span tuples,
    # its label and target strings, each piece of the paragraph a tuple of two ints, all kept in
    # the columns, and the document's links a tuple of them all: 10.1x the input. Links and
    # pieces as offsets (labels and targets cut from the text when read), the paragraph's text
    # joined again from its pieces, and the document's links a view: 2.7x.
    text = make("copied", 4000)
    read("x.md", make("copied", 50))

    def read_and_walk() -> int:
        document = read("x.md", text)
        links = sum(1 for _ in document.links) + sum(len(p.links) for p in document.paragraphs)
        assert document.links[-1] == document.entries[-1].links[-1]
        return links

    peak, walked = traced_peak(read_and_walk)
    assert walked == 2 * 8000
    assert peak < 4 * len(text), f"{peak / len(text):.1f} x the input"


def test_a_long_run_of_paragraphs_is_a_view_equal_to_the_tuple_of_them():
    import pickle

    from lint.model import outline
    from lint.readers.columns import LAZY_AT
    from lint.readers.views import Paragraphs

    parts = [f"[Link {i}](https://example.org/{i})\ncontinued TBC\n\n" if i % 3 else "TBC\n\n" for i in range(600)]
    text = "# Action 1: Growth\n\n## Org\n\n" + "".join(parts) + "## Other\n\n### Progress during 2017\n\nText.\n"
    document = read("x.md", text)
    intro = document.entries[0].phases[0].paragraphs  # text and no phase heading: the unnamed phase
    assert isinstance(intro, Paragraphs) and len(intro) == 600 > LAZY_AT
    made = tuple(intro)
    assert intro == made and made == intro and hash(intro) == hash(made)
    assert made[1].links[0].target == "https://example.org/1" and made[1].text == "Link 1 continued TBC"
    assert intro[-1] == made[-1] and intro[2:5] == made[2:5]
    assert pickle.loads(pickle.dumps(document.entries[0])) == document.entries[0]
    assert type(pickle.loads(pickle.dumps(intro))) is tuple
    assert all(not phase.paragraphs for entry in outline(document).entries for phase in entry.phases)


def test_chosen_findings_are_given_back_as_they_are_when_nothing_changes():
    from lint.findings import Chosen, Findings
    from lint.model import Severity, Span

    findings = Findings("a.md")
    for start in (1, 5, 9):
        findings.add(Span(start, start + 1), "placeholder", Severity.ERROR, "m")
    unordered = Findings("b.md")
    for start in (7, 2):
        unordered.add(Span(start, start + 1), "placeholder", Severity.ERROR, "m")
    chosen = Chosen.every([findings])
    assert chosen.sorted() is chosen and chosen.where([True] * 3) is chosen
    assert list(chosen.where([True, False, True])) == [findings[0], findings[2]]
    both = Chosen.every([unordered, findings])
    assert list(both.sorted()) == sorted([*findings, *unordered], key=lambda d: d.sort_key())
    gapped = Chosen.every([[], findings, [], unordered])  # no array item a finding: found by group
    assert len(gapped) == 5 and gapped[0] == findings[0] and gapped[3] == unordered[0] and gapped[-1] == unordered[1]
    assert list(gapped) == [*findings, *unordered] and list(gapped.sorted()) == list(both.sorted())
    alone = Chosen.every([[], findings, []])
    assert alone.sorted() is alone and list(alone) == list(findings)
    assert list(gapped.where([False, True, True, True, False])) == [findings[1], findings[2], unordered[0]]


def test_findings_in_runs_read_back_as_they_were_added():
    from lint.findings import Findings
    from lint.model import Diagnostic, Severity, Span

    said = [("x", Severity.ERROR, "m", "A"), ("x", Severity.ERROR, "m", "A"), ("x", Severity.WARNING, "m", "A")]
    said += [("y", Severity.WARNING, "m", "A"), ("y", Severity.WARNING, "n", "A"), ("y", Severity.WARNING, "n", "B")]
    said += [("x", Severity.ERROR, "m", "A"), ("x", Severity.ERROR, "m", "A")]
    made = [Diagnostic("a.md", Span(k, k + 2), r, s, m, e) for k, (r, s, m, e) in enumerate(said)]
    findings = Findings("a.md")
    for diagnostic in made:
        findings.append(diagnostic)
    assert list(findings) == made and findings.rules() == [r for r, *_ in said]
    assert [findings.key(k) for k in range(len(made))] == [d.sort_key()[1:] for d in made]
    assert len(findings._codes) == 6  # a run a change of rule, severity, message or entry


def test_a_document_kept_as_columns_is_freed_as_soon_as_it_is_dropped():
    # a long phase's Paragraphs view held the entries' columns, which keep the entry last made
    # (and so the view): a cycle, and the pipeline runs with the cyclic collector paused, so the
    # whole document's columns stayed alive through the report. The view holds the paragraph
    # columns alone now.
    import gc

    text = make("changed", 8000)
    read("x.md", make("changed", 300))  # the reader's imports and patterns made once
    gc.disable()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        document = read("x.md", text)
        assert sum(len(phase.paragraphs) for entry in document.entries for phase in entry.phases) == 8000
        del document
        left = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
        gc.enable()
    assert left < len(text) / 4, f"{left / len(text):.2f} x the input left"


def test_the_names_of_many_entries_without_acronyms_are_kept_in_little_memory():
    # the copy checks keep each entry's Names (names_of's cache, a run's worth): an empty
    # frozenset and dict of its own took 280 of its 720 bytes; entries with no acronym share them
    from lint.checks.acronyms import Names, names_of

    entries = list(read("x.md", make("copied", 4000)).entries)
    names_of.cache_clear()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        kept = [Names.of(entry) for entry in entries]
        each = (tracemalloc.get_traced_memory()[0] - base) / len(entries)
    finally:
        tracemalloc.stop()
        names_of.cache_clear()
    assert len({id(names) for names in kept}) == 4000 and not kept[0].acronyms and kept[0].lookup == {}
    assert each < 450, f"{each:.0f} bytes an entry"


def test_the_copy_checks_keep_a_paragraph_analysed_in_little_memory():
    # the copy checks' caches kept a document's worth of analysed paragraphs (text, sentences):
    # their word 3-gram hashes as a frozenset took 1.3 kB of a paragraph's 2 kB, nine times its
    # input; packed in an array of 64-bit numbers, 8 bytes a shingle, 960 bytes a paragraph
    from lint.checks import copies

    document = read("x.md", make("copied", 3000))
    paragraphs = [(p.text, entry) for entry in document.entries for phase in entry.phases for p in phase.paragraphs]
    copies.clear_caches()
    each_names = [(text, copies.Names.of(entry)) for text, entry in paragraphs]
    copies.paragraph_text("warm up the token ids", each_names[0][1])
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for text, names in each_names:
            copies.paragraph_sentences(text, names)
            copies.paragraph_text(text, names)
        each = (tracemalloc.get_traced_memory()[0] - base) / len(each_names)
    finally:
        tracemalloc.stop()
        copies.clear_caches()
    assert len(each_names) == 3000
    # and only the last 1,024 or fewer are kept (4,096 were: 4 MB, a large document's worth)
    assert each < 450, f"{each:.0f} bytes a paragraph"


def test_the_copy_checks_forget_a_large_documents_analysed_paragraphs_after_it():
    # kept for the run (up to 4,096 paragraphs and 32,768 entries' names), a document's analysed
    # paragraphs outlived it: 5 MB of 4,000 entries through the corpus rules' stage. A small
    # document's are kept for the next check (the editor server checks it again after a change).
    from lint import engine
    from lint.checks import copies
    from lint.checks.acronyms import names_of
    from lint.config import Config

    config = Config()
    rules = [r for r in engine.available_rules(config).values() if r.name in ("entry-copy", "year-copy")]
    plan = engine.Plan(rules, config)
    copies.clear_caches()
    engine.check_document(plan, read("x.md", make("copied", 50)))
    assert len(copies._PARAGRAPHS) == 50 and names_of.cache_info().currsize == 50
    result = engine.check_document(plan, read("x.md", make("copied", 1100)))
    assert len(result.summaries["entry-copy"].anchors) == 1100  # each paragraph analysed
    assert not copies._PARAGRAPHS and not copies.paragraph_sentences.cache_info().currsize
    assert not names_of.cache_info().currsize
