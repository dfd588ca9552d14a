"""Speed features never change output: --timings, --jobs, the result cache, the linear splitter."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bench.corpus import generate
from lint import resultcache
from lint.checks import sentences

from .conftest import run_cli, run_process


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """12 generated files in the three formats (copies across entries and files), and two that
    answer one action with different organisations, one with a suppression."""
    folder = tmp_path_factory.mktemp("corpus")
    for item in generate(12, seed=4, formats=("source-2012", "publication-2015", "markdown"), scale=0.5):
        (folder / item.name).write_bytes(item.data)
    (folder / "zz-a.md").write_text(
        "# Action 99: Open data\n\n## Office of Tides\n\n### Progress during 2014\n\nWe published it. TBC\n\n"
        "## Board of Weirs\n\n### Progress during 2014\n\nWe published the weir data.\n",
        encoding="utf-8",
    )
    (folder / "zz-b.md").write_text(
        "# Action 99: Open data\n\n## Office of Tides\n\n<!-- response-lint: disable=year-copy -->\n"
        "### Progress during 2014\n\nWe published the tide tables.\n",
        encoding="utf-8",
    )
    return folder


# one answer (Office of Tides, Action 97) on its action's page and on the organisation's own page, the
# same text on both: its placeholder, plain-english and year-copy findings are reported once (lint.republished)
_ANSWER = (
    "### Planned activities in 2014\n\nWe will leverage the tide tables going forward and publish them monthly.\n\n"
    "### Progress during 2014\n\nWe will leverage the tide tables going forward and publish them monthly.\n\n"
    "### Planned activities in 2015\n\nTBC\n"
)
REPUBLISHED = {
    "action": "# Action 97: Open tides\n\n## Office of Tides\n\n" + _ANSWER,
    "own": "# Office of Tides's actions in response to the Government Digital Strategy\n\n"
    "## Action 97: Open tides\n\n" + _ANSWER,
}


@pytest.fixture(scope="module", params=["generated", "republished"])
def runs(request, corpus, tmp_path_factory):
    """The corpus, and the corpus with one answer published on two pages that two of three shards
    check (each page in its own shard), for the tests that output never depends on how it was made."""
    if request.param == "generated":
        return corpus
    from lint.shards import owner

    folder = tmp_path_factory.mktemp("republished")
    shutil.copytree(corpus, folder, dirs_exist_ok=True)
    own = folder / "zz-own-tides.md"
    action = next(
        p
        for p in (folder / f"zz-action-97-{n}.md" for n in range(30))
        if owner(str(p), Path.cwd(), 3) != owner(str(own), Path.cwd(), 3)
    )
    own.write_text(REPUBLISHED["own"], encoding="utf-8")
    action.write_text(REPUBLISHED["action"], encoding="utf-8")
    report = _json(folder, "--jobs", "1")
    assert report.count("; also published in ") == 4  # 2 plain-english, 1 year-copy, 1 placeholder
    return folder


def _json(folder, *args, env=None):
    result = run_cli("check", str(folder), "--format", "json", "--fail-on", "never", *args)
    assert result.code == 0, result.err
    return result.out


def test_timings_table_follows_the_report_on_stderr():
    plain = run_cli("check", "fixtures/seeds", "--format", "json")
    timed = run_cli("check", "fixtures/seeds", "--format", "json", "--timings")
    assert timed.code == plain.code
    assert timed.out == plain.out  # the report is untouched
    stages = [line.split("|")[0].strip() for line in timed.err.split("\n\n")[0].splitlines()[2:]]
    assert stages[0] == "discover"
    assert {"check", "corpus rules", "report"} <= set(stages)
    rules = {line.split("|")[0].strip() for line in timed.err.split("\n\n")[1].splitlines()[2:]}
    assert {"placeholder", "readability", "entry-copy", "missing-entry"} <= rules


def test_jobs_give_the_same_report_in_the_same_order(runs, monkeypatch):
    corpus = runs
    one = _json(corpus, "--jobs", "1")
    assert '"entry-copy"' in one and '"missing-entry"' in one and '"year-copy"' in one  # corpus rules found things
    assert _json(corpus, "--jobs", "2") == one
    assert _json(corpus, "--jobs", "3") == one
    assert _json(corpus) == one  # default: one worker per core
    from lint import spool

    monkeypatch.setattr(spool, "SPOOL_FROM", 1)  # as a large run: results spooled by whichever process made them
    assert _json(corpus, "--jobs", "1") == one
    assert _json(corpus, "--jobs", "2") == one


def test_jobs_without_fork_check_here_with_the_same_report(corpus, monkeypatch):
    """Where workers cannot be forked (Windows has only spawn, and a plan's rules cannot be
    pickled), --jobs checks the documents in this process: the same report, no error."""
    import multiprocessing

    one = _json(corpus, "--jobs", "1")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: pytest.fail(f"a {method} pool"))
    assert _json(corpus, "--jobs", "2") == one


def test_jobs_must_be_a_positive_number():
    result = run_cli("check", "fixtures/seeds", "--jobs", "0")
    assert result.code == 2


def _cached(folder, cache, *args, replay=False):
    """A run with the result cache in ``cache``; the outputs earlier runs recorded are forgotten
    first unless ``replay`` (else a run with nothing changed would only replay one, lint.replay)."""
    if not replay:
        for recorded in cache.glob("v*/*/replay"):
            shutil.rmtree(recorded)
    os.environ["RESPONSE_LINT_RESULT_CACHE"] = str(cache)
    try:
        return _json(folder, *args)
    finally:
        os.environ["RESPONSE_LINT_RESULT_CACHE"] = ""


def test_cache_gives_the_same_report_cold_warm_and_after_a_change(runs, tmp_path, monkeypatch):
    work = tmp_path / "work"
    shutil.copytree(runs, work)
    cache = tmp_path / "cache"
    fresh = _json(work, "--jobs", "1")
    assert _cached(work, cache, "--jobs", "1") == fresh  # cold: fills the cache
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert any(cache.rglob("*")) and (cache / "CACHEDIR.TAG").exists()
    assert _cached(work, cache, "--jobs", "1") == fresh  # warm: every result from the cache
    assert _cached(work, cache, "--jobs", "2") == fresh
    changed = sorted(work.iterdir())[4]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Progress", "Progress", 1) + "\nTBC\n")
    after = _json(work, "--jobs", "1")
    assert after != fresh
    assert _cached(work, cache, "--jobs", "1") == after  # the changed file is checked again, the rest is cached
    assert _cached(work, cache, "--no-cache") == after
    from lint import spool

    monkeypatch.setattr(spool, "SPOOL_FROM", 1)  # as a large run: results spooled, summaries read from the cache
    changed.write_text(changed.read_text(encoding="utf-8") + "\nTBC again\n")
    again = _json(work, "--jobs", "1")
    assert _cached(work, cache, "--jobs", "2") == again
    assert _cached(work, cache, "--jobs", "1") == again


def test_cache_is_keyed_by_config_and_rules(corpus, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    _cached(work, cache)
    (work / ".response-lint.toml").write_text('[rules.readability]\nseverity = "error"\n', encoding="utf-8")
    assert _cached(work, cache) == _json(work)
    assert _cached(work, cache, "--select", "placeholder") == _json(work, "--select", "placeholder")


def test_cache_notices_an_edited_word_list_named_in_a_list(tmp_path):
    """A project's own list in ``dictionaries`` (a list option, not a string) is part of the key:
    adding a word to it must change a warm run's spelling findings."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "a.md").write_text(
        "# Action 1: Open data\n\n## Office of Tides\n\n### Progress during 2014\n\n"
        "We published the zorbleflux tables for every harbour.\n",
        encoding="utf-8",
    )
    (work / "words.txt").write_text("harbour\n", encoding="utf-8")
    (work / ".response-lint.toml").write_text(
        '[rules.spelling]\ndictionaries = ["words/uk-government.txt", "words.txt"]\n', encoding="utf-8"
    )
    cache = tmp_path / "cache"
    before = _cached(work, cache, "--select", "spelling")
    assert "zorbleflux" in before
    (work / "words.txt").write_text("harbour\nzorbleflux\n", encoding="utf-8")
    after = _cached(work, cache, "--select", "spelling")
    assert after == _json(work, "--select", "spelling", "--no-cache")
    assert "zorbleflux" not in after


def _entries(cache, suffix=""):
    """The cache's per-document entry files (``KEY``), or with ``suffix=".s"`` their summaries files."""
    return sorted(
        p
        for p in cache.rglob("*")
        if p.is_file()
        and p.parent.parent.parent.parent == cache
        and len(p.parent.name) == 2  # not a recording (replay/KEY)
        and (p.name.endswith(suffix) if suffix else "." not in p.name)
    )


def test_a_corrupt_or_half_written_cache_is_never_trusted(corpus, tmp_path):
    cache = tmp_path / "cache"
    fresh = _json(corpus, "--jobs", "1")
    _cached(corpus, cache, "--jobs", "1")
    entries = _entries(cache)
    assert len(entries) == 14 and len(_entries(cache, ".s")) == 14 * 3  # a summary per corpus rule
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:100])  # cut short, as a crash while writing would
    entries[2].write_bytes(entries[3].read_bytes())  # another file's result under this key
    assert _cached(corpus, cache, "--jobs", "1") == fresh
    assert _cached(corpus, cache, "--jobs", "1") == fresh  # and the damaged entries were rewritten
    runs = list(cache.rglob("corpus/*/*"))  # the corpus findings of the run, one file per corpus rule
    assert len(runs) == 3
    for found in runs:
        found.write_bytes(found.read_bytes()[:200])
    summaries = _entries(cache, ".s")
    summaries[5].write_bytes(b"not a pickle")
    summaries[6].write_bytes(summaries[7].read_bytes())
    assert _cached(corpus, cache, "--jobs", "1") == fresh  # those documents were checked again
    shutil.rmtree(cache / f"v{resultcache.FORMAT}")
    (cache / f"v{resultcache.FORMAT}").write_text("a file where the folder should be")
    assert _cached(corpus, cache, "--jobs", "1") == fresh  # an unwritable cache only costs speed


@pytest.mark.parametrize("config", ["", "[rules.entry-copy]\nmax-bucket = 2\n"], ids=["default", "tiny-buckets"])
def test_corpus_findings_are_reused_only_for_the_same_files_and_contents(corpus, tmp_path, config):
    """A run with every file unchanged reuses the corpus findings and reads no summary; a changed,
    added, removed or renamed file, entries moved to another file, or a copy written in a file
    earlier in the run, makes the corpus rules whose summaries changed run again: byte for byte a
    run without a cache. entry-copy depends on the order of the run (the first writer of a text is
    the source; a word 3-gram stops giving candidates once ``max-bucket`` paragraphs have it, which
    ``tiny-buckets`` makes happen all the time), so a change in one file changes findings in others."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    (work / ".response-lint.toml").write_text(config, encoding="utf-8")
    cache = tmp_path / "cache"
    fresh = _json(work, "--jobs", "1")
    assert _cached(work, cache, "--jobs", "1") == fresh
    for summary in _entries(cache, ".s"):
        summary.unlink()  # a warm run must not need them
    assert _cached(work, cache, "--jobs", "1") == fresh
    assert not _entries(cache, ".s")
    for runs in cache.rglob("corpus"):
        shutil.rmtree(runs)  # now the corpus rules run again: each document is checked again for its summary
    assert _cached(work, cache, "--jobs", "2") == fresh  # (in workers)
    assert len(_entries(cache, ".s")) == 14 * 3
    files = sorted(p for p in work.iterdir() if not p.name.startswith("."))
    copied = files[4].read_bytes()
    year, paragraph = re.search(rb"\nProgress during (\d{4})\n\n?(.{200,}?)\n", files[7].read_bytes()).groups()
    weirs = "## Board of Weirs\n\n### Progress during 2014\n\nWe published the weir data.\n"

    def move_entry():
        (work / "zz-a.md").write_text((work / "zz-a.md").read_text(encoding="utf-8").replace(weirs, ""), "utf-8")
        (work / "zz-b.md").write_text((work / "zz-b.md").read_text(encoding="utf-8") + "\n" + weirs, "utf-8")

    steps = {
        "changed": lambda: files[4].write_bytes(copied[: len(copied) // 2]),  # its second half's copies go
        "added": lambda: (work / "00012-added.txt").write_bytes(copied.replace(b"Bangor", b"Bognor")),
        "removed": lambda: files[1].unlink(),
        "renamed": lambda: files[3].rename(work / "zz-renamed.txt"),  # and last in the run now
        "entries moved": move_entry,
        "copied earlier": lambda: (work / "0-first.md").write_bytes(
            b"# Action 2: Echoes\n\n## Office of Echoes\n\n### Progress during " + year + b"\n\n" + paragraph + b"\n"
        ),
    }
    before = fresh
    for step, make in steps.items():
        make()
        after = _json(work, "--jobs", "1")
        assert config or _corpus_findings(after) != _corpus_findings(before), step  # each step matters
        assert _cached(work, cache, "--jobs", "1") == after, step
        assert _cached(work, cache, "--jobs", "2") == after, step
        assert _cached(work, cache, "--jobs", "1") == after, step  # now reused
        before = after
    # the copy written earlier in the run is now the source
    assert any(r["path"].endswith("0-first.md") for d in _corpus_findings(after) for r in d["related"])


def test_a_corpus_rule_whose_summaries_did_not_change_reuses_its_findings(corpus, tmp_path):
    """A short paragraph added at the end of a file changes what cross-page-drift reads (the phase's
    text), not what entry-copy (paragraphs of 8 words or more) or missing-entry (entries, titles)
    read: their findings are reused without reading one of their summaries (each is deleted
    first; a summary that is needed and missing has its file checked again, which writes it
    back), and the report is byte for byte a run's without a cache."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    assert _cached(work, cache, "--jobs", "1") == _json(work, "--jobs", "1")
    changed = sorted(work.iterdir())[4]
    changed.write_bytes(changed.read_bytes() + b"\n\nEdited paragraph.\n")

    def summaries(rule):
        return [s for s in _entries(cache, ".s") if s.name.endswith(f".{rule}.s")]

    for summary in summaries("entry-copy") + summaries("missing-entry"):
        summary.unlink()
    after = _json(work, "--jobs", "1")
    assert _cached(work, cache, "--jobs", "1") == after
    assert len(summaries("entry-copy")) == len(summaries("missing-entry")) == 1  # the changed file's
    assert len(summaries("cross-page-drift")) == 15  # and its old one: cross-page-drift ran again


def test_text_moved_by_an_edit_outside_what_corpus_rules_read_keeps_their_findings(corpus, tmp_path):
    """A blank line added below the first line of a file moves every paragraph, phase and entry name
    below it, in the corpus findings on that file and in those pointing at it, but changes nothing
    a corpus rule reads: every corpus rule's findings are reused (no summary of another file is
    read: each is deleted first), each place moved with what it is on (the summaries' anchors),
    and the report is byte for byte a run's without a cache."""
    import json

    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    before = _cached(work, cache, "--jobs", "1")
    copied = [d for d in json.loads(before)["diagnostics"] if d["rule"] == "entry-copy"]
    sources = {Path(r["path"]).name for d in copied for r in d["related"]}
    (name,) = [n for n in sorted({Path(d["path"]).name for d in copied} & sources)][:1]
    changed = work / name
    data = changed.read_bytes()
    cut = data.index(b"\n") + 1  # after the first line
    changed.write_bytes(data[:cut] + b"\n" + data[cut:])
    for summary in _entries(cache, ".s"):
        summary.unlink()
    after = _json(work, "--jobs", "1")
    assert _cached(work, cache, "--jobs", "1") == after
    assert len(_entries(cache, ".s")) == 3  # the changed file's: the others were not needed
    moved = [d for d in json.loads(after)["diagnostics"] if d["rule"] == "entry-copy"]
    assert [d["line"] for d in moved] != [d["line"] for d in copied]  # places on the file moved


def _corpus_findings(report):
    import json

    found = json.loads(report)["diagnostics"]
    return [d for d in found if d["rule"] in ("entry-copy", "missing-entry", "cross-page-drift")]


def test_cached_summaries_meet_in_a_process_with_another_hash_seed(corpus, tmp_path):
    """entry-copy compares word 3-gram hashes made in other processes: they must not depend on str hashes."""
    cache = tmp_path / "cache"
    env = {**os.environ, "RESPONSE_LINT_RESULT_CACHE": str(cache)}
    args = ("check", str(corpus), "--format", "json", "--fail-on", "never", "--jobs", "1")
    first = run_process(*args, env={**env, "PYTHONHASHSEED": "1"})
    for entry in _entries(cache)[::2]:
        entry.unlink()  # half the results come from the cache, half are made with another seed
    for runs in cache.rglob("corpus"):
        shutil.rmtree(runs)  # and the corpus rules run again on them
    second = run_process(*args, env={**env, "PYTHONHASHSEED": "2"})
    assert first.code == second.code == 0
    assert second.out == first.out
    assert '"entry-copy"' in first.out


def test_summary_digests_are_the_same_in_a_process_with_another_hash_seed(corpus, tmp_path):
    """A document checked again in another process (another hash seed) gives its summaries the
    same digests, so the corpus rules' findings are reused: the other documents' summaries,
    deleted, are not needed (a needed, missing summary has its document checked again, which
    writes it back)."""
    cache = tmp_path / "cache"
    env = {**os.environ, "RESPONSE_LINT_RESULT_CACHE": str(cache)}
    args = ("check", str(corpus), "--format", "json", "--fail-on", "never", "--jobs", "1")
    first = run_process(*args, env={**env, "PYTHONHASHSEED": "1"})
    entries = _entries(cache)
    for entry in entries[::2]:
        entry.unlink()  # checked again, with another seed
    kept = {entry.name for entry in entries[1::2]}
    for summary in _entries(cache, ".s"):
        if summary.name.split(".")[0] in kept:
            summary.unlink()
    second = run_process(*args, env={**env, "PYTHONHASHSEED": "2"})
    assert second.code == first.code == 0 and second.out == first.out
    assert not [s for s in _entries(cache, ".s") if s.name.split(".")[0] in kept]


def test_clean_removes_the_cache(corpus, tmp_path):
    cache = tmp_path / "cache"
    _cached(corpus, cache, "--select", "placeholder")
    os.environ["RESPONSE_LINT_RESULT_CACHE"] = str(cache)
    try:
        assert run_cli("clean", str(corpus)).code == 0
    finally:
        os.environ["RESPONSE_LINT_RESULT_CACHE"] = ""
    assert not cache.exists()


def test_the_cache_lives_in_the_project_and_git_ignores_it(tmp_path, monkeypatch):
    monkeypatch.delenv("RESPONSE_LINT_RESULT_CACHE")
    shutil.copy("fixtures/seeds/001.txt", tmp_path)
    (tmp_path / ".response-lint.toml").write_text("", encoding="utf-8")
    result = run_process("check", "001.txt", "--select", "placeholder", cwd=tmp_path)
    assert result.code == 1
    assert (tmp_path / ".response-lint-cache" / ".gitignore").exists()
    if shutil.which("git"):
        import subprocess

        subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path, capture_output=True, text=True
        )
        assert ".response-lint-cache" not in status.stdout
    assert sys.executable  # the process above ran with this interpreter


def test_sentence_split_of_a_long_paragraph_is_the_split_of_its_sentences():
    one = "Prof. Smith met the U.K. team at No. 10 on Monday. See para. 4 of the plan, e.g. its costs. "
    text = one * 500
    bounds = sentences.split(text)
    assert len(bounds) == 1000
    assert {text[a:b] for a, b in bounds} == {
        "Prof. Smith met the U.K. team at No. 10 on Monday.",
        "See para. 4 of the plan, e.g. its costs.",
    }


def test_sharded_then_merged_is_the_single_run_byte_for_byte(runs, tmp_path):
    corpus = runs
    single = run_cli("check", str(corpus), "--format", "json")
    files = []
    for k in (1, 2, 3):
        target = tmp_path / f"shard-{k}.bin"
        shard = run_cli("check", str(corpus), "--shard", f"{k}/3", "--shard-file", str(target), "--jobs", "1")
        assert shard.code == 0, shard.err
        assert f"shard {k}/3: checked" in shard.err
        files.append(str(target))
    merged = run_cli("merge", *reversed(files), "--format", "json")
    assert merged.code == single.code == 1
    assert merged.out == single.out
    out = tmp_path / "report.sarif"
    assert run_cli("merge", *files, "--format", "sarif", "--output", str(out)).code == 1
    assert out.read_text(encoding="utf-8") == run_cli("check", str(corpus), "--format", "sarif").out
    assert run_cli("merge", *files, "--fail-on", "never").code == 0


def test_merge_refuses_shards_that_do_not_make_one_run(corpus, tmp_path):
    one, two = tmp_path / "1.bin", tmp_path / "2.bin"
    assert run_cli("check", str(corpus), "--shard", "1/2", "--shard-file", str(one)).code == 0
    missing = run_cli("merge", str(one))
    assert missing.code == 2 and "missing shard 2/2" in missing.err
    run_cli("check", str(corpus), "--shard", "2/2", "--shard-file", str(two), "--select", "placeholder")
    other = run_cli("merge", str(one), str(two))
    assert other.code == 2 and "another config" in other.err
    (tmp_path / "junk.bin").write_bytes(b"junk")
    assert "not a response-lint shard file" in run_cli("merge", str(one), str(tmp_path / "junk.bin")).err
    assert run_cli("check", str(corpus), "--shard", "3/2", "--shard-file", str(one)).code == 2
    assert run_cli("check", str(corpus), "--shard", "1/2").code == 2


def test_paragraph_sentences_are_shared_within_a_document_and_forgotten_after_it(monkeypatch):
    """Every check reads one split of a paragraph; the engine lets go of it after the document."""
    from lint import engine
    from lint.checks import perdoc
    from lint.config import Config
    from lint.model import Document, Paragraph, Span

    text = "One sentence here. Another one follows it."
    split = sentences.split
    calls = []
    monkeypatch.setattr(perdoc, "_MEMOS", [])  # a fresh memo around a counting splitter
    counted = perdoc.per_document(lambda t: calls.append(t) or split.__wrapped__(t))
    assert counted(text) is counted(text) and calls == [text]  # worked out once, the same answer
    assert counted(text) == ((0, 18), (19, 42))
    perdoc.forget()
    counted(text)
    assert calls == [text, text]  # forgotten: worked out again

    monkeypatch.setattr(perdoc, "_MEMOS", [])
    monkeypatch.setattr(sentences, "split", perdoc.per_document(split.__wrapped__))
    document = Document("a.md", text, "markdown", preamble=(Paragraph(text, Span(0, len(text))),))
    config = Config()
    rules = [r for r in engine.available_rules(config).values() if r.name == "readability"]
    engine.check_document(engine.Plan(rules, config), document)
    assert all(not memo for memo in perdoc._MEMOS) and perdoc._MEMOS  # the engine forgot the document


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith went. To the Department for Business, Innovation and Skills. Then (GDS) and DfE’s HMRC's plan.",
        "“The Cabinet Office.” The Government Digital Service (GDS) said... £2.5m, e.g. GOV.UK’s 1.5 pages!",
        "  ...  -- A & B of C, D and E; F.  ",
        "",
    ],
)
def test_sentence_words_are_the_paragraph_words_and_names_count_alike(text):
    """readability measures each sentence's words as strings: the same tokens, names and units as by offsets."""
    tokens = sentences.words(text)
    written = [text[s:e] for s, e in tokens]
    assert [w for group in sentences.sentence_words(text, sentences.split(text)) for w in group] == written
    assert sentences.name_counts(written) == sentences.name_word_counts(text, tokens)
    assert sentences.name_units(written) == sentences.name_runs(text, tokens)


def test_a_lexicon_remembers_what_it_looked_up_and_answers_the_same(monkeypatch):
    """The word file is searched once per word; the answers do not change, and what is kept stays bounded."""
    from lint.checks import lexicon

    words = lexicon.BucketLexicon(lexicon._encode({"plan": 120, "tide": 7, "zero": 0}))
    assert words.lookup(["plan", "tides", "zero"]) == {"plan": 120, "zero": 0}
    searched = []
    monkeypatch.setattr(words, "_find", lambda word: searched.append(word) or -1)
    assert words.lookup(["zero", "plan", "tides"]) == {"zero": 0, "plan": 120} and searched == []
    monkeypatch.setattr(lexicon, "_SEEN_MAX", 4)
    words.lookup([f"w{i}" for i in range(10)])
    assert len(words._seen) <= 4


def test_paragraph_scores_count_the_name_units():
    """readability counts a paragraph's units and syllables without building them: the same as from the units."""
    from lint.checks import flesch

    text = "The Government Digital Service (GDS) met HMRC and the Department for Education, MOD and DfE’s team."
    tokens = [text[s:e] for s, e in sentences.words(text)]
    count = flesch.counter("estimate")
    units = sentences.name_units(tokens)
    expected = sum(1 if name else count(tokens[i]) for i, _, name in units)
    scores = flesch.scores(tokens, 1, count, names=True)
    assert scores is not None and (scores.words, scores.syllables) == (len(units), expected)
    assert len(units) < len(tokens)  # names were joined: the case is not trivial


def test_a_sentence_alone_is_analysed_as_within_a_paragraph():
    """A paragraph of one sentence takes the paragraph's own analysis: the same as the sentence's among others."""
    from lint.checks import copies
    from lint.checks.acronyms import Names

    names = Names("Government Digital Service", frozenset({"GDS"}), {"GDS": "Qzqorgqzq"})
    one = "  The Government Digital Service (GDS) will publish £2.5m of data, as GDS said in 2014.  "
    alone = copies.paragraph_sentences(one, names)
    among = copies.paragraph_sentences(one + " Then we will stop.", names)
    assert len(alone) == 1 and len(among) == 2
    assert alone[0] == among[0]


@given(st.text(alphabet=".!?… \t\n\u00a0\"'’”)]aA1“", max_size=24))
@settings(max_examples=400)
@example("It ended…. Then more.. Go?! Now... “Yes.” (So.) end")
def test_the_splitter_finds_the_ends_its_plain_pattern_finds(text):
    """The sentence-end pattern is written to start with one class (fast to search); it finds what
    the plain form finds: a run of . ! ? not after another (or an ellipsis), closers, white space."""
    import re

    plain = re.compile(r"(?:(?<![.!?])[.!?]+|…)[\"'’”)\]]*(?=\s)")
    assert [m.span() for m in sentences._END.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.text(alphabet="ab-_ '’1é.", max_size=30))
@settings(max_examples=400)
@example("ab-ab _ab ab' ab’s 1ab éab b ba.ab xb.ab xb.a")
def test_listed_words_are_found_where_a_word_starts_as_with_a_look_behind(text):
    """wordlist searches its words without a look-behind (fast in C) and skips a match inside a word
    itself: the same matches as the look-behind pattern, a word starting inside a rejected match included."""
    import re

    from lint.checks.wordlist import Matcher

    matcher = Matcher(["ab", "b", "a-b", "ba", "b a", "b.a", "a"], ignore_case=True)
    heads = matcher.heads()
    assert heads is not None
    behind = re.compile(r"(?<![\w-])" + heads.pattern)
    assert [m.span() for m in Matcher._heads_in(heads, text)] == [m.span() for m in behind.finditer(text)]


_PLAIN_SPLIT = (  # syllables._SPLIT as first written, each look-behind in front of its alternative
    r"(?:(?<![ctsxg])ia|(?<![ctsxgl])io(?!u)|(?<![ctgx])iou|iu|ii|(?<![qg])ua(?!r)|uo|(?<![qg])ue(?!$|s$|d$)"
    r"|(?<=cr)ea|(?<=[aeiouy].)ea$|(?<=[^aeiouy][aeiouy][^aeiouy])ea$|ie(?=t|r$|rs$|st$)|(?<![tcs])ie(?=n[ct])"
    r"|oi(?=ng)|ei(?=ng)|yi|ee(?=ing|ist)|oe(?=ing|r$|rs$)|(?<=[^aeiouy])eo(?!u)|ao"
    r"|(?<=[aeiou])y(?=[aeiou])(?!ed$|es$|s$)|^re(?=[uoi])|^co(?=o[rp]|e)|[^aeiouy]ism$"
    r"|(?<![aeiouy])ire[sd]?$|^(?:h|fl|s)?our(?=s?$|selves$|ly$))"
)
_PLAIN_INNER_E = (
    r"(?<=[aeiouy][^aeiouy])e(?=(?:ly|ful|fully|ment|ments|ness|less|thing|things|one|ones|body|times|where"
    r"|how|ward|wards|ty|ties)$)"
)


def _estimate_as_first_written(word: str) -> int:
    """:func:`lint.checks.syllables.estimate` as first written: two vowels in a row found by a search."""
    import re

    from lint.checks import syllables as s

    w = word.lower()
    known = s._EXCEPTIONS.get(w)
    if known is not None:
        return known
    n = len(s._GROUPS.findall(w))
    if n == 0:
        return 1
    if re.search("[aeiouy]{2}", w) or w.endswith(("ism", "ire", "ires", "ired")):
        n += len(s._SPLIT.findall(w))
    if n > 1 and w[-1] in "eds" and s._SILENT_END.search(w, len(w) - 2) and not s._SYLLABIC_L.search(w, len(w) - 4):
        n -= 1
    if "e" in w[2:-2]:
        n -= len(s._INNER_E.findall(w))
    return max(1, n)


def _same_syllable_matches(word: str) -> None:
    import re

    from lint.checks import syllables

    assert syllables.estimate(word) == _estimate_as_first_written(word), word
    assert syllables._SPLIT.findall(word) == re.findall(_PLAIN_SPLIT, word), word
    assert syllables._INNER_E.findall(word) == re.findall(_PLAIN_INNER_E, word), word
    silent, syllabic = syllables._SILENT_END, syllables._SYLLABIC_L
    assert bool(silent.search(word, len(word) - 2)) == bool(silent.search(word)), word
    assert bool(syllabic.search(word, len(word) - 4)) == bool(syllabic.search(word)), word


_SYLLABLE_LETTERS = "aeiouyctsxglqrdnhfmbw"  # every letter the patterns name, and a few they do not


@given(st.text(alphabet=_SYLLABLE_LETTERS, min_size=4, max_size=14))
@settings(max_examples=1500)
@example("creation")
@example("ideas")
@example("tourism")
@example("hourly")
@example("pioneer")
@example("casement")
@example("stylement")
@example("gioue")
@example("qua")
def test_syllable_patterns_starting_with_their_letter_match_as_first_written(word):
    """The syllable counter's patterns start each alternative with its letter and look behind from
    after it (faster: a letter rejects an alternative at once), and its endings are searched from
    where they can start: the same matches as the patterns as first written, searched everywhere."""
    _same_syllable_matches(word)


def test_syllable_patterns_match_as_first_written_on_every_short_word():
    from itertools import product

    for n in range(4):
        for letters in product(_SYLLABLE_LETTERS, repeat=n):
            _same_syllable_matches("".join(letters))


@given(
    st.text(alphabet="ab_1-.’é\u0130 \t\n\x1c\u2003\u00a0—(", max_size=24),
    st.integers(-3, 27),
    st.integers(-3, 27),
)
@settings(max_examples=1500)
@example("Go now. It is (so) — x_y. ’a _ .", 0, 30)
@example("a.b c", 2, 5)
def test_the_words_of_a_sentence_found_by_split_are_the_patterns(text, start, end):
    """sentences finds a sentence's words with str.split, not its regex (issue 11 (d)): the same
    words, for each sentence split() finds and for any other start and end."""
    from lint.checks import sentences

    for s, e in [*sentences.split(text), (start, end)]:
        assert sentences._found(text, s, e) == sentences._WORD.findall(text, s, e), (s, e)


_TOKEN_AS_WRITTEN = r"(?:\[[^\W\d_]{1,3}\](?=\w))?\w+(?:(?:[-'’.]|\[[^\W\d_]{1,3}\])\w+)*"


@given(st.text(alphabet="ab_1-'’.[] é\u0130ß\n", max_size=24))
@settings(max_examples=1500)
@example("organi[s]ation [t]ransformation [ab]c [abcd]e a[b] x[y]z-w's co-op. e.g. a_b [1]a ’a")
def test_spelling_finds_the_words_its_pattern_as_first_written_finds(text):
    """spelling's word pattern, rewritten so that a search skips at once the places where no word
    starts, and gives nothing back (issue 11 (d)): the same words, at the same places."""
    import re

    from lint.checks import spelling_tokens

    found = [m.span() for m in spelling_tokens.TOKEN.finditer(text)]
    assert found == [m.span() for m in re.finditer(_TOKEN_AS_WRITTEN, text)]


@given(
    st.lists(st.text(alphabet="ab-’ .é", min_size=1, max_size=5), min_size=1, max_size=8),
    st.text(alphabet="ab-’ .é", max_size=30),
)
@settings(max_examples=400)
@example(["a", "ab", "abb", "b a"], "abb ab- ab’a a b a abbb")
def test_the_trie_of_listed_words_matches_what_their_alternation_matches(words, text):
    """wordlist finds its first words with one trie, not an alternation of hundreds: at every
    place the same word as the alternation, longest first, with the same look-ahead."""
    import re

    from lint.checks.wordlist import _trie

    after = r"(?![\w-]|['’]\w)"
    trie = re.compile(_trie(words) + after)
    alternation = re.compile(
        "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")" + after
    )
    for at in range(len(text) + 1):
        found, expected = trie.match(text, at), alternation.match(text, at)
        assert (found and found.group(0)) == (expected and expected.group(0))


@given(st.text(alphabet="ab1é.-+/@< ", max_size=24))
@settings(max_examples=600)
@example("see canada.ca/analytique, a.b+c@x.gov.uk or -foo.ca/x x..y.ca/z --.ab.cd/e")
def test_the_spelling_mask_skips_the_words_its_plain_pattern_skips(text):
    """The spelling mask tries an address only where a run of its characters starts (a later start
    in the run gives the same answer, and trying every one took time with the square of the run):
    the words it leaves to check are those the plain pattern leaves."""
    import re

    from lint.checks import spelling_tokens

    plain = re.compile(
        r"(?:https?|ftp)://\S+|\bwww\.\S+|\bmailto:\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
        r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*"
        r"|<[^<>\n]{1,200}>|\{[^{}\n]{0,200}\}|&#?\w+;|`[^`\n]*`",
        re.IGNORECASE,
    )
    masked = [m.span() for m in plain.finditer(text)]
    tokens, mask = spelling_tokens.tokens, spelling_tokens.masked
    assert list(tokens(text, mask(text))) == list(tokens(text, masked))


@given(st.text(alphabet="abxyz \n-", max_size=24))
@settings(max_examples=800, deadline=None)  # the first example compiles the patterns
@example("b\nab")
@example("z ab")
@example("xx\n y")
def test_short_patterns_that_open_lazily_are_searched_as_they_would_match(text):
    """A ``short`` pattern that opens with ``.*?`` is its rest searched for, found before the first
    line break: the same answer as the union of all of them matched at the start."""
    import re

    from lint.checks import phrases

    patterns = (r".*?\bab", r"zz?\s", r".*?x\s+y|b", r"(?:.*?)y", r".*?(?:a|b)\b")
    options = {"whole": (), "anywhere": (), "short": patterns, "terms": {}}
    shapes = phrases._shapes(((), (), patterns, (), 20, 0, "", True))
    late = phrases._late(phrases._expanded(options, "short"), True)[1]
    assert len(late) == 2  # ".*?x\\s+y|b" is an alternation, "(?:.*?)y" a group: matched as written
    union = re.compile("|".join(f"(?:{p})" for p in phrases._expanded(options, "short")), re.IGNORECASE)
    assert phrases._starts(text, shapes) == bool(union.match(text))
