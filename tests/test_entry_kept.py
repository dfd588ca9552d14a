"""entry-copy after an edit that leaves the run's numbering as it was reads the summaries of the changed
documents and of what it compares again, not every one, keeps the other paragraphs' findings (moved with
their paragraphs when those moved in their documents) and gives a whole run's findings
(:mod:`lint.checks.entry_kept`); an edit that numbers the paragraphs otherwise numbers them from every summary."""

from __future__ import annotations

import pickle

import pytest

from bench.corpus import generate
from lint import engine, pipeline
from lint.checks import entry_copy, entry_copy_again, entry_kept
from lint.checks.api import Summaries
from lint.checks.entry_summary import PATH
from lint.config import Config

CONFIG = Config()
PLAN = engine.Plan(engine.select_rules(engine.available_rules(CONFIG), ["entry-copy"], [], []), CONFIG)
CONTEXT = PLAN.bound[0].context
TEXTS = {item.name: item.data for item in generate(16, seed=3, formats=("source-2012", "publication-2015", "markdown"))}


class Counted(Summaries):
    """Summaries that say which were read (paths and anchors are known without reading)."""

    def __init__(self, items):
        self.items, self.read = items, set()

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        item = self.items[index]  # (IndexError past the end: how a sequence is iterated)
        self.read.add(index)
        return item

    def path(self, index):
        return self.items[index].summary[1][PATH]

    def anchors(self, index):
        return self.items[index].anchors


def _summaries(texts):
    found = []
    for name in sorted(texts):
        document = pipeline.read_document(name, CONFIG, texts[name])
        found.append(engine.check_document(PLAN, document).summaries["entry-copy"])
    return found


def _reworded(data, line):
    lines = data.split(b"\n")
    words = lines[line].split(b" ")
    words[len(words) // 2] = b"rewritten"
    return b"\n".join([*lines[:line], b" ".join(words), *lines[line + 1 :]])


def _line_of(name, data, at):
    text = pipeline.read_document(name, CONFIG, data).text
    return text.count("\n", 0, at)


def _run(texts, edited, monkeypatch):
    """A whole run on ``texts``, then a run after ``edited`` (name -> new bytes, None: removed): its findings, the
    summaries it read, and whether it numbered the paragraphs from every summary."""
    before = _summaries(texts)
    _, state = entry_copy.check_corpus_again(None, {}, before, CONTEXT)
    now_texts = {name: data for name, data in {**texts, **edited}.items() if data is not None}
    now = Counted(_summaries(now_texts))
    names = sorted(texts)
    said = {name: anchored.summary for name, anchored in zip(sorted(now_texts), now.items, strict=True)}
    changed = {n: before[names.index(n)] for n in edited if before[names.index(n)].summary != said.get(n)}
    numbered = []
    real = entry_copy_again.Paragraphs
    monkeypatch.setattr(entry_copy_again, "Paragraphs", lambda s: numbered.append(1) or real(s))
    found, _ = entry_copy.check_corpus_again(pickle.loads(pickle.dumps(state)), changed, now, CONTEXT)
    assert found == list(entry_copy.check_corpus(now.items, CONTEXT))
    return found, now.read, bool(numbered)


@pytest.mark.parametrize("name", [sorted(TEXTS)[10], sorted(TEXTS)[11]])
def test_a_word_changed_reads_only_the_summaries_of_what_is_compared_again(name, monkeypatch):
    """Only the changed document's summary and those of the paragraphs compared again and of their
    candidates are read (on a corpus this small, one change often reaches every document)."""
    compared = set()  # documents of the paragraphs compared again and of their candidates
    real = entry_copy_again.match_paragraph

    def match_paragraph(paragraphs, i, shared, same, *args):
        compared.update(paragraphs.where(j)[0] for j in (i, *shared, *([] if same is None else [same])))
        return real(paragraphs, i, shared, same, *args)

    monkeypatch.setattr(entry_copy_again, "match_paragraph", match_paragraph)
    lines = TEXTS[name].split(b"\n")
    longest = sorted(range(len(lines)), key=lambda k: -len(lines[k]))[2]
    _, read, numbered = _run(TEXTS, {name: _reworded(TEXTS[name], longest)}, monkeypatch)
    assert not numbered
    assert read <= compared | {sorted(TEXTS).index(name)}
    assert len(read) < len(TEXTS)


def test_a_kept_finding_moves_with_its_paragraphs(monkeypatch):
    """A word changed in one document while lines were added above the copies and their sources in
    others (their summaries the same, their anchors moved): the kept findings move with them."""
    findings = list(entry_copy.check_corpus(_summaries(TEXTS), CONTEXT))
    edited = {}
    for finding in findings[:6]:
        for path, span in [(finding.path, finding.span), *((r.path, r.span) for r in finding.related)]:
            data = edited.get(path, TEXTS[path])
            lines = data.split(b"\n")
            at = _line_of(path, TEXTS[path], span.start)
            if path not in edited:  # (once a file: its lines counted in the text as it was)
                edited[path] = b"\n".join([*lines[:at], b"", *lines[at:]])
    reworded = next(n for n in sorted(TEXTS) if n not in edited)
    lines = TEXTS[reworded].split(b"\n")
    edited[reworded] = _reworded(TEXTS[reworded], max(range(len(lines)), key=lambda k: len(lines[k])))
    moved = []
    real = entry_kept._moved
    monkeypatch.setattr(
        entry_kept, "_moved", lambda record, p: moved.append(real(record, p) != record) or real(record, p)
    )
    _, _, numbered = _run(TEXTS, edited, monkeypatch)
    assert not numbered
    assert any(moved)  # kept findings, moved (the others made again, or kept as they were)


@pytest.mark.parametrize("edit", ["paragraph dropped", "file removed"])
def test_an_edit_that_numbers_the_paragraphs_otherwise_reads_every_summary(edit, monkeypatch):
    names = sorted(TEXTS)
    lines = TEXTS[names[4]].split(b"\n")
    longest = max(range(len(lines)), key=lambda k: len(lines[k]))
    dropped = {names[4]: b"\n".join([*lines[:longest], *lines[longest + 1 :]])}
    _, read, numbered = _run(TEXTS, {names[3]: None} if edit == "file removed" else dropped, monkeypatch)
    assert numbered and len(read) == len(TEXTS) - (edit == "file removed")
