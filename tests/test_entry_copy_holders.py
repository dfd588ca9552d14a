"""entry-copy followed from its last run through the holder index (:mod:`lint.checks.entry_holders`) gives
a whole run's findings after any run of edits: random words changed, lines copied in from other files,
taken out or moved, files removed, added, renamed and put back, organisations renamed, many files at once;
with small max-buckets and little slack, so lists cut short, the overlay and the index made again all matter."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus import generate
from lint import engine, pipeline
from lint.checks import entry_copy, entry_holders, entry_reached
from lint.checks.api import Context
from lint.checks.entry_paragraphs import Paragraphs
from lint.config import Config

CONFIG = Config()
_CHOSEN = engine.select_rules(engine.available_rules(CONFIG), ["entry-copy"], [], [])
PLAN = engine.Plan(_CHOSEN, CONFIG)
TEXTS = {item.name: item.data for item in generate(9, seed=11, formats=("source-2012", "publication-2015", "markdown"))}
_SUMMARIES: dict[tuple[str, bytes], object] = {}


def _context(bucket):
    item = PLAN.bound[0]
    return Context(item.context.rule, item.context.severity, {**item.context.options, "max-bucket": bucket})


def _summary(name, data):
    if (name, data) not in _SUMMARIES:
        document = pipeline.read_document(name, CONFIG, data)
        _SUMMARIES[name, data] = engine.check_document(PLAN, document).summaries["entry-copy"]
    return _SUMMARIES[name, data]


def _lines(data):
    return data.split(b"\n")


def _long(lines):
    return [k for k, line in enumerate(lines) if len(line) > 60]


def _edit(texts, draw):
    """One random edit of ``texts`` (name -> bytes); gives the names it changed."""
    names = sorted(texts)
    kind = draw(st.sampled_from(["word", "word", "copy", "drop", "move", "remove", "add", "rename", "many", "org"]))
    name = draw(st.sampled_from(names))
    lines = _lines(texts[name])
    long = _long(lines)
    if kind == "word" and long:
        k = draw(st.sampled_from(long))
        words = lines[k].split(b" ")
        words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from([b"rewritten", b"zebra", b"the", b"plans"]))
        lines[k] = b" ".join(words)
    elif kind == "copy":
        other = _lines(texts[draw(st.sampled_from(names))])
        taken = [other[k] for k in _long(other)] or [b"A new line of text with enough words to compare it here."]
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(taken)))
    elif kind == "drop" and long:
        del lines[draw(st.sampled_from(long))]
    elif kind == "move" and long:
        line = lines.pop(draw(st.sampled_from(long)))
        lines.insert(draw(st.integers(0, len(lines))), line)
    elif kind == "remove" and len(texts) > 3:
        del texts[name]
        return
    elif kind == "add":
        source = draw(st.sampled_from(sorted(TEXTS)))  # a file put back, or one under a new name
        texts[draw(st.sampled_from([source, "zz-" + source, "aa-" + source]))] = TEXTS[source]
        return
    elif kind == "rename":
        texts[draw(st.sampled_from(["b-", "zz-", "a"])) + name] = texts.pop(name)
        return
    elif kind == "many":
        for other in names[: len(names) // 2 + 1]:
            texts[other] = texts[other].replace(b" will ", b" shall ", 1)
        return
    elif kind == "org":
        texts[name] = re.sub(rb"Department for ([A-Z])", rb"Ministry for \1", texts[name], count=1)
        return
    texts[name] = b"\n".join(lines)


@pytest.mark.parametrize("bucket", [64, 4, 3])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_followed_through_the_holder_index_equal_a_whole_run(bucket, data):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("lint.checks.entry_copy_again.WHOLE_PAST", 1.0)  # followed however far a change reaches
        patch.setattr(entry_holders, "SLACK", data.draw(st.sampled_from([0, 1, 16])))
        patch.setattr(entry_holders, "OVERLAY_MOST", data.draw(st.sampled_from([1, 3, 64])))
        for name in ("reached", "shared"):  # each answer also what a walk of the run gives, exactly
            patch.setattr(entry_reached.Reach, name, _checked(getattr(entry_reached.Reach, name)))
        _edits_followed(bucket, data)


def _checked(method):
    def checked(self, *args):
        found = method(self, *args)
        walker = entry_reached.Reach(None, (), self.paragraphs, self.paths, self.holders)
        walker._walk = True  # no index: the walks
        assert found == method(walker, *args)
        return found

    return checked


def _edits_followed(bucket, data):
    context = _context(bucket)
    texts = dict(TEXTS)

    def ordered():
        return [_summary(name, texts[name]) for name in sorted(texts)]

    _, state = entry_copy.check_corpus_again(None, {}, ordered(), context)
    for _ in range(data.draw(st.integers(1, 6))):
        was = {name: _summary(name, data) for name, data in texts.items()}
        _edit(texts, data.draw)
        now = {name: _summary(name, data) for name, data in texts.items()}
        before = {name: was.get(name) for name in was.keys() | now.keys() if _said(was, name) != _said(now, name)}
        state = pickle.loads(pickle.dumps(state))  # as the result cache keeps it
        found, state = entry_copy.check_corpus_again(state, before, ordered(), context)
        assert found == list(entry_copy.check_corpus(ordered(), context))


def test_edits_are_followed_by_look_ups_not_walks(monkeypatch):
    """After a whole run, edits inside files are answered by look-ups in the index the whole run left
    (no walk of the run's shingles, no index made again: a list cut short that lost a holder is walked
    on from its last), and equal a whole run."""
    walks = []
    for name in ("walked_reach", "walked_shared", "from_walk"):
        real = getattr(entry_reached, name)
        monkeypatch.setattr(entry_reached, name, lambda *a, _n=name, _r=real, **k: walks.append(_n) or _r(*a, **k))
    context = _context(64)
    texts = dict(TEXTS)
    ordered = lambda: [_summary(name, texts[name]) for name in sorted(texts)]  # noqa: E731
    _, state = entry_copy.check_corpus_again(None, {}, ordered(), context)
    assert state[4] is not None
    for n, name in enumerate(sorted(texts)[::2]):
        lines = _lines(texts[name])
        k = _long(lines)[n % len(_long(lines))]
        before = {name: _summary(name, texts[name])}
        texts[name] = b"\n".join([*lines[:k], lines[k].replace(b" ", b" rewritten ", 1), *lines[k + 1 :]])
        found, state = entry_copy.check_corpus_again(state, before, ordered(), context)
        assert found == list(entry_copy.check_corpus(ordered(), context))
    assert not walks


@pytest.mark.parametrize("slack", [0, 2, 16])
def test_an_index_from_a_walk_is_the_one_a_whole_run_leaves(slack, monkeypatch):
    """The index made from the ShingleIndex a whole run fills (its stock phrases walked on for SLACK
    more holders) equals one made from a walk of the run."""
    monkeypatch.setattr(entry_holders, "SLACK", slack)
    for bucket in (64, 4, 3, 2, 1):
        summaries = [_summary(name, TEXTS[name]) for name in sorted(TEXTS)]
        paragraphs = Paragraphs(summaries)
        index = entry_holders.whole_index(bucket)
        list(entry_copy.find_matches(paragraphs, 85.0, bucket, index=index))
        paths = sorted(TEXTS)
        whole = entry_holders.from_whole(index, paragraphs, paths, max(2, bucket))
        assert _said_of(whole) == _said_of(entry_holders.from_walk(paragraphs, paths, max(2, bucket)))
        assert any(len(held) == max(2, bucket) + slack for held in _lists(whole))  # lists cut short


def _said(summaries, name):
    """What a document's summary says, without its anchors (what the result cache's digest is of)."""
    return None if name not in summaries else summaries[name].summary


def _lists(kept):
    keys, holders, _ = kept[2]
    data = memoryview(bytes(kept[3].data))
    starts = data[8 * keys : 12 * keys + 4].cast("i")
    flat = data[12 * keys + 4 : 12 * keys + 4 + 4 * holders].cast("i")
    return [flat[starts[n] : starts[n + 1]] for n in range(keys)]


def _said_of(kept):
    """An index as plain values (its bytes for its mapped part)."""
    return (*kept[:3], bytes(kept[3].data), *kept[4:])
