"""Entries and issues kept as columns (lint/readers/columns.py) read the same as tuples.

Every fixture is read twice: with its entries kept as tuples (as a small document is) and as
columns (``PACK_AT`` set to 0, as a document of many nodes is). The two must be equal node for
node, and so must what is made of them: outlines, pickles, the entry and phase of each offset,
and every finding of the default rules.
"""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from lint import engine
from lint.config import Config
from lint.model import ReadIssue, Span, outline
from lint.readers import columns, lines, read
from lint.readers.columns import Entries
from lint.readers.lines import LineTable, split_lines
from lint.readers.records import Issues

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FILES = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())


def _both(path: Path, monkeypatch: pytest.MonkeyPatch):
    text = path.read_text(encoding="utf-8", errors="replace")
    as_tuples = read(str(path), text)
    monkeypatch.setattr(columns, "PACK_AT", 0)
    as_columns = read(str(path), text)
    monkeypatch.undo()
    return text, as_tuples, as_columns


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_a_document_read_into_columns_is_the_document_read_into_tuples(path, monkeypatch):
    text, as_tuples, as_columns = _both(path, monkeypatch)
    assert isinstance(as_tuples.entries, tuple)
    if as_tuples.entries:
        assert isinstance(as_columns.entries, Entries)
    assert as_columns == as_tuples
    assert tuple(as_columns.entries) == as_tuples.entries
    assert tuple(as_columns.issues) == tuple(as_tuples.issues)
    assert as_columns.comments == as_tuples.comments
    assert list(as_columns.paragraphs) == list(as_tuples.paragraphs)
    assert tuple(as_columns.links) == as_tuples.links and len(as_columns.links) == len(as_tuples.links)
    kept = outline(as_columns)
    assert tuple(kept.entries) == tuple(outline(as_tuples).entries)
    assert tuple(kept.links) == tuple(outline(as_tuples).links)
    assert tuple(pickle.loads(pickle.dumps(kept)).entries) == tuple(kept.entries)
    assert tuple(pickle.loads(pickle.dumps(as_columns)).entries) == as_tuples.entries
    for offset in range(-1, len(text) + 2, max(1, len(text) // 300)):
        assert as_columns.phase_at(offset) == as_tuples.phase_at(offset)
    if as_tuples.entries:
        assert as_columns.entries[-1] == as_tuples.entries[-1]
        assert as_columns.entries[1:3] == as_tuples.entries[1:3]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_links_are_in_reading_order_when_runs_of_paragraphs_went_into_columns_first(path, monkeypatch):
    # past LAZY_AT a phase's paragraphs go into the columns as they are read, before the
    # shorter runs of the same entry: the columns' order is not the reading order
    text = path.read_text(encoding="utf-8", errors="replace")
    as_tuples = read(str(path), text)
    monkeypatch.setattr(columns, "PACK_AT", 0)
    monkeypatch.setattr(columns, "LAZY_AT", 1)
    as_columns = read(str(path), text)
    assert tuple(as_columns.entries) == as_tuples.entries
    assert tuple(as_columns.links) == as_tuples.links


def test_links_of_intro_short_and_long_phases_come_in_reading_order(monkeypatch):
    text = "# Action 1: Links\n\nSee [the plan](https://example.org/plan).\n\n" + "".join(
        f"## Org {i}\n\nAbout [us {i}](https://example.org/us/{i}).\n\n"
        f"### Progress during 2017\n\nDone [a {i}](https://example.org/a/{i}).\n\n"
        "### Plans for 2018\n\n" + "".join(f"Next [b {i}.{k}](https://example.org/b/{i}/{k}).\n\n" for k in range(4))
        for i in range(3)
    )
    as_tuples = read("links.md", text)
    monkeypatch.setattr(columns, "PACK_AT", 0)
    monkeypatch.setattr(columns, "LAZY_AT", 2)
    as_columns = read("links.md", text)
    assert isinstance(as_columns.entries, Entries)
    assert [link.text for link in as_tuples.links][:6] == ["the plan", "us 0", "a 0", "b 0.0", "b 0.1", "b 0.2"]
    assert tuple(as_columns.links) == as_tuples.links
    assert tuple(outline(as_columns).links) == outline(as_tuples).links


def test_every_finding_is_the_same_whether_entries_are_tuples_or_columns(monkeypatch):
    config = Config()
    plan = engine.Plan(engine.choose_rules(config, None).chosen, config)
    for path in FILES:
        _, as_tuples, as_columns = _both(path, monkeypatch)
        want = engine.finish(plan, [engine.check_document(plan, as_tuples)])
        got = engine.finish(plan, [engine.check_document(plan, as_columns)])
        assert got == want, path


def test_paragraphs_kept_as_columns_read_back_as_they_were_given():
    # links and pieces are kept as offsets, labels and targets cut from the text when read, a
    # paragraph's text joined from its pieces: what they do not give is kept as it was
    from lint.readers.views import ParagraphColumns

    text = '# Action 1: Growth\n\n## Org\n\nSee [a](b) and www.x.org, [c].\nNext [d](<e f> "t") [](x).\n\n- [g](h)\n'
    given = list(read("x.md", text).paragraphs)
    assert len(given) == 2 and len(given[0].links) == 5 and given[1].kind == "bullet"
    link = given[0].links[0]
    given.append(
        given[0]._replace(links=(link._replace(text="A"), link._replace(target_span=None), link._replace(target=None)))
    )
    given.append(given[0]._replace(text="See a and www.x.org, [c]. Next d."))  # not its pieces' text
    given.append(given[1]._replace(span=Span(1, 2)))  # nor cut from the text at its span
    store = ParagraphColumns(text)
    assert store.add_run(given) == (0, 5)
    assert [store.paragraph(k) for k in range(len(store))] == given
    assert len(store.odd) == 3 and store.texts[0] is None and store.texts[1] is None


def test_many_issues_are_kept_as_columns_and_read_back_in_order():
    text = "#Action 1: Growth\n\n{div .department}\n##Org\n" + "{div .section}\n" * 3000
    document = read("x.txt", text)
    assert isinstance(document.issues, Issues)
    assert [issue.span.start for issue in document.issues] == sorted(
        (issue.span.start for issue in document.issues), reverse=True
    )
    assert document.issues[0] == next(iter(document.issues)) and document.issues[-1] == tuple(document.issues)[-1]


def test_issue_messages_with_a_number_read_back_as_they_were_given(monkeypatch):
    monkeypatch.setattr(columns, "PACK_AT", 0)
    messages = ["at line 8123 here", "line 007 kept", "two 1 numbers 2", "٣ digits", "12", "none", "x 0"]
    issues = Issues(ReadIssue(Span(k, k + 1), message) for k, message in enumerate(messages))
    assert [issue.message for issue in issues] == messages


def test_a_long_text_cut_into_lines_on_demand_has_the_lines_of_split_lines(monkeypatch):
    rng = random.Random(12)
    samples = ["", "\n", "a", "a\n", "a\r\nb\r", "\r\r\n\n", "x\ry\n\nz\r\n"]
    samples += ["".join(rng.choice("ab\r\n") for _ in range(rng.randint(0, 40))) for _ in range(500)]
    for split_up_to in (1 << 30, -1):  # kept as strings; cut from the text when asked for
        monkeypatch.setattr(lines, "SPLIT_UP_TO", split_up_to)
        for text in samples:
            want = list(split_lines(text))
            table = LineTable(text)
            assert list(table) == want
            assert [table.text(k) for k in range(len(table))] == [line.text for line in want]
            assert [table.start(k) for k in range(len(table))] == [line.start for line in want]
            assert list(table.after(1)) == want[1:]
