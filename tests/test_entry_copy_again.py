"""entry-copy worked out again from its last run after a few documents changed gives the findings of a
whole run, edit after edit: a word changed, a paragraph added, a paragraph copied in or taken out, a
document added or removed, and with stock phrases reached early (a small max-bucket)."""

from __future__ import annotations

import pickle
import re

import pytest

from bench.corpus import generate
from lint import engine, pipeline
from lint.checks import entry_copy
from lint.checks.api import Context, Mapped
from lint.config import Config


def _setup(bucket):
    config = Config()
    chosen = engine.select_rules(engine.available_rules(config), ["entry-copy"], [], [])
    plan = engine.Plan(chosen, config)
    item = plan.bound[0]
    context = Context(item.context.rule, item.context.severity, {**item.context.options, "max-bucket": bucket})
    return config, plan, context


def _summary(plan, config, name, data):
    document = pipeline.read_document(name, config, data)
    return engine.check_document(plan, document).summaries["entry-copy"]


def _reworded(config, name, data, span):
    """``data`` with a word inside ``span`` (of its document's text) replaced, or None."""
    piece = pipeline.read_document(name, config, data).text[span.start : span.end]
    for word in re.finditer(r"(?<= )[a-z]{5,}(?= )", piece):
        start = max(0, word.start() - 12)
        snippet = piece[start : word.end() + 12].encode()
        if snippet.isascii() and data.count(snippet) == 1:
            at = data.index(snippet) + word.start() - start
            return data[:at] + b"rewritten" + data[at + len(word.group()) :]
    return None


def _edits(texts, config, found):
    """(description, {name: new bytes or None}) for a run of edits, each on the texts before it:
    first a word changed in a copied paragraph and in a paragraph copied from, then others."""
    for what, places in [
        ("a word changed in a copy", [(f.path, f.span) for f in found]),
        ("a word changed in what was copied", [(r.path, r.span) for f in found for r in f.related]),
    ]:
        edits = ({path: _reworded(config, path, texts[path], span)} for path, span in places)
        edit = next((e for e in edits if None not in e.values()), None)
        if edit is not None:  # a run with few findings may have none with a word to change
            yield what, edit
    names = sorted(texts)
    middle, other = names[len(names) // 2], names[1]
    lines = texts[middle].split(b"\n")
    longest = max(range(len(lines)), key=lambda k: len(lines[k]))
    words = lines[longest].split(b" ")
    words[len(words) // 2] = b"rewritten"
    reworded = b"\n".join([*lines[:longest], b" ".join(words), *lines[longest + 1 :]])
    copied = max(texts[other].split(b"\n"), key=len)
    yield "one word changed", {middle: reworded}
    yield "paragraph added", {middle: reworded + b"\n\nEdited paragraph number 1.\n"}
    yield "paragraph copied in", {middle: reworded + b"\n\n" + copied + b"\n"}
    yield "copy taken out again", {middle: texts[middle]}
    yield "document removed", {names[0]: None}
    extra = next(iter(generate(1, seed=99, formats=("markdown",))))
    yield "document added", {"zz-" + extra.name: extra.data}
    yield "two documents changed", {other: texts[middle], middle: texts[other]}


@pytest.mark.parametrize("bucket", [64, 3])
def test_again_equals_a_whole_run_after_each_edit(bucket, monkeypatch):
    """Each edit followed from the state of the one before equals a whole run; the edits inside one
    document are followed, never worked out whole."""
    from lint.checks import entry_copy_again

    whole = []
    real = entry_copy_again.find_matches
    monkeypatch.setattr(entry_copy_again, "find_matches", lambda *a, **k: whole.append(1) or real(*a, **k))
    monkeypatch.setattr(entry_copy_again, "WHOLE_PAST", 1.0)  # a small run: followed however far a change reaches
    config, plan, context = _setup(bucket)
    texts = {
        item.name: item.data for item in generate(14, seed=3, formats=("source-2012", "publication-2015", "markdown"))
    }
    summaries = {name: _summary(plan, config, name, data) for name, data in texts.items()}

    def ordered():
        return [summaries[name] for name in sorted(summaries)]

    found, state = entry_copy.check_corpus_again(None, {}, ordered(), context)
    assert found == list(entry_copy.check_corpus(ordered(), context)) and len(found) >= 2
    followed, made = [], []
    for what, edit in _edits(dict(texts), config, found):
        made.append(what)
        whole.clear()
        before = {name: summaries.get(name) for name in edit}
        for name, data in edit.items():
            if data is None:
                del summaries[name]
            else:
                summaries[name] = _summary(plan, config, name, data)
        state = pickle.loads(pickle.dumps(state))  # as the result cache keeps it
        expected = list(entry_copy.check_corpus(ordered(), context))
        found, state = entry_copy.check_corpus_again(state, before, ordered(), context)
        assert found == expected, what
        followed.append(what) if not whole else None
    if bucket == 64:
        assert made[:2] == ["a word changed in a copy", "a word changed in what was copied"]
    in_one_document = made[: made.index("copy taken out again") + 1]
    assert followed[: len(in_one_document)] == in_one_document


def test_a_state_it_did_not_write_gives_a_whole_run():
    """A state of other options, of other documents, of another shape or pointing nowhere is not followed."""
    config, plan, context = _setup(64)
    items = list(generate(6, seed=5, formats=("markdown", "publication-2015")))
    summaries = [_summary(plan, config, item.name, item.data) for item in items]
    expected = list(entry_copy.check_corpus(summaries, context))
    _, good = entry_copy.check_corpus_again(None, {}, summaries, context)
    options, paths, columns, scores, index, kept = good
    pointing_nowhere = tuple(type(c)(c.typecode, [10**6] * len(c)) for c in columns)
    version, part, sizes, *rest = kept
    cut = Mapped(bytes(part.data)[:-8])
    for state in [
        ("nonsense",),
        (options, paths, columns, scores),
        (options, paths, (), scores, index, kept),
        ((1.0, 2, True), paths, columns, scores, index, kept),
        (options, ("a", *paths), columns, scores, index, kept),
        (options, paths, pointing_nowhere, scores, index, kept),
        (options, paths, columns, scores, index),  # no numbering kept
        (options, paths, columns, scores, index, (version + 1, *kept[1:])),
        (options, paths, columns, scores, index, (version, Mapped(None), *kept[2:])),  # its file not read back
        (options, paths, columns, scores, index, (version, cut, *kept[2:])),
        (options, paths, columns, scores, index, (version, part, (sizes[0] - 1, sizes[1] + 1), *rest)),
        (options, paths, columns, scores, index, (*kept[:-2], b"", kept[-1])),  # no digests
        (options, paths, columns, scores, index, (*kept[:-1], [(10**6, *kept[-1][0][1:])])),  # findings of nothing
    ]:
        found, _ = entry_copy.check_corpus_again(state, {}, summaries, context)
        assert found == expected


@pytest.mark.parametrize("bucket", [64, 3, 2, 1])
def test_the_holders_found_in_one_pass_are_what_the_index_gives(bucket):
    """For every paragraph, the earlier paragraphs sharing live shingles with it, counted from each
    shingle's first holders (``_shared``), are what :class:`ShingleIndex` gives a whole run."""
    from lint.checks import copies, entry_reached
    from lint.checks.entry_paragraphs import Paragraphs

    config, plan, _ = _setup(bucket)
    items = generate(8, seed=6, formats=("source-2012", "publication-2015", "markdown"))
    paragraphs = Paragraphs([_summary(plan, config, item.name, item.data) for item in items])
    index = copies.ShingleIndex(max_bucket=bucket)
    expected = [index.add(paragraphs.grams(i), entry_reached.MIN_SHARED) for i in range(len(paragraphs))]
    got = entry_reached.walked_shared(paragraphs, list(range(len(paragraphs))), max(2, bucket))
    assert [got[i] for i in range(len(paragraphs))] == expected
    assert sum(1 for shared in expected if shared) > 10


@pytest.mark.parametrize("entries", [None, 2, 3])
def test_the_same_text_found_from_the_digests_is_what_a_walk_of_the_run_gives(entries):
    """``_same`` (an earlier paragraph of another entry with the same canonical text, from the paragraphs
    with that text) gives every paragraph what ``same_paragraph`` gives it walking the whole run; also
    with the paragraphs' entries dealt out again among a few (so texts recur within and across entries)."""
    import random

    from lint.checks import entry_reached
    from lint.checks.entry_paragraphs import Paragraphs

    config, plan, _ = _setup(64)
    items = list(generate(10, seed=6, formats=("source-2012", "publication-2015", "markdown")))
    copies = [(f"copy-{n}-{item.name}", item.data) for n in range(2) for item in items[:3]]  # texts held thrice
    named = [*((item.name, item.data) for item in items), *copies]
    paragraphs = Paragraphs([_summary(plan, config, name, data) for name, data in named])
    if entries is not None:
        dealt = random.Random(entries)
        paragraphs.keys = [f"entry {dealt.randrange(entries)}" for _ in paragraphs.keys]
    first: dict[bytes, int] = {}
    other: dict[bytes, int] = {}
    expected = {i: entry_copy.same_paragraph(paragraphs, i, first, other) for i in range(len(paragraphs))}
    found = [i for i, j in expected.items() if j is not None]
    assert found
    if entries is not None:  # each way: the first with the text, the first in another entry, none yet
        head = {i: first[paragraphs.digest(i)] for i in range(len(paragraphs))}
        assert any(expected[i] == head[i] for i in found)
        assert any(expected[i] != head[i] for i in found)
        assert any(
            expected[i] is None and head[i] != i and other.get(paragraphs.digest(i), -1) > i
            for i in range(len(paragraphs))
        )
    assert entry_reached.same(paragraphs, set(range(len(paragraphs)))) == expected
    some = set(range(0, len(paragraphs), 7)) | set(found[::2])
    assert entry_reached.same(paragraphs, some) == {i: expected[i] for i in some}


def test_organisations_that_changed_are_compared_and_the_same_ones_are_not_worked_out_again(monkeypatch):
    """A changed document whose organisations differ has the run's entry keys compared before and
    after (here made to differ: a whole run); one whose organisations are the ones they were, in a run
    of the same documents, leaves them as they were and is followed."""
    from lint.checks import entry_copy_again

    config, plan, context = _setup(64)
    items = list(generate(6, seed=5, formats=("markdown", "publication-2015")))
    texts = {item.name: item.data for item in items}
    summaries = {name: _summary(plan, config, name, data) for name, data in texts.items()}
    _, state = entry_copy.check_corpus_again(None, {}, list(summaries.values()), context)
    whole = []
    real = entry_copy_again.find_matches
    monkeypatch.setattr(entry_copy_again, "find_matches", lambda *a, **k: whole.append(1) or real(*a, **k))
    name = next(n for n in texts if n.endswith(".md"))
    heading = next(line for line in texts[name].split(b"\n") if line.startswith(b"## "))
    renamed = {**summaries, name: _summary(plan, config, name, texts[name].replace(heading, b"## Renamed Office", 1))}
    assert renamed[name].summary[0] != summaries[name].summary[0]
    asked = []
    monkeypatch.setattr(entry_copy_again, "_organisations", lambda s: asked.append(1) or {"keys": len(asked)})
    found, _ = entry_copy.check_corpus_again(state, {name: summaries[name]}, list(renamed.values()), context)
    assert asked and whole  # the keys (made to differ) compared: worked out whole
    assert found == list(entry_copy.check_corpus(list(renamed.values()), context))
    whole.clear()
    asked.clear()
    line = max(texts[name].split(b"\n"), key=len)
    words = line.split(b" ")
    words[len(words) // 2] = b"rewritten"
    reworded = {**summaries, name: _summary(plan, config, name, texts[name].replace(line, b" ".join(words)))}
    assert reworded[name].summary[0] == summaries[name].summary[0]
    found, _ = entry_copy.check_corpus_again(state, {name: summaries[name]}, list(reworded.values()), context)
    assert not asked and not whole
    assert found == list(entry_copy.check_corpus(list(reworded.values()), context))
