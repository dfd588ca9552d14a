"""Fuzzing: response files generated from each format's grammar, with hostile fragments mixed in.

Hypothesis builds Markdown, 2012-source and 2015-publication files from their parts
(title, entries, phase headings, paragraphs) and fills the paragraphs with links,
bare URLs, placeholders, suppression comments, markup fragments (``[``, ``](``,
``{div .x}``, ``<!--``) and random Unicode, line separators and control characters
included. The properties: readers never raise; every span lies inside the file;
line and column are the same in every output format; ``--fix`` twice equals
``--fix`` once; fingerprints survive unrelated lines added above.

Kept cheap for CI: a bounded number of examples per property, derandomized (the same
examples every run; set ``HYPOTHESIS_PROFILE=fuzz-long`` for a longer, random search).
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.app import CheckOptions, check
from lint.model import Span
from lint.readers import read

settings.register_profile(
    "fuzz-ci", max_examples=20, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile("fuzz-long", max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fuzz-ci")
if PROFILE not in ("fuzz-ci", "fuzz-long"):
    PROFILE = "fuzz-ci"
FUZZ = settings.get_profile(PROFILE)

WORDS = ["We", "published", "the", "tide", "tables", "online", "in", "March", "data", "Board", "maps", "plan"]
FRAGMENTS = [
    "TBC",
    "Coming soon...",
    "[Insert date]",
    "[Read more »](https://example.org/a)",
    "[text](https://example.org/b_(c))",
    "https://example.org/p?q=1",
    "www.example.org",
    "[",
    "](",
    "[a]((",
    "{div .x}",
    "<!--",
    "-->",
    "<!-- response-lint: disable-next-line=placeholder -->",
    "**bold**",
    "`code`",
    "\t",
    "\u2028",
    "\x85",
    "\x0c",
    "\u202e",
    "\x1b[31m",
    "é",
    "日本",
    "🌊",
    "e\u0301",
]
PHASES = [
    "Progress during 2013",
    "Planned activities in 2014",
    "progress during 2015",
    "Departmental digital strategy commitments (December 2012)",
    "Commitment 2016",
    "Update",
]

_word = st.sampled_from(WORDS)
_fragment = st.sampled_from(FRAGMENTS)
_unicode = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)
_piece = st.one_of(_word, _word, _word, _fragment, _unicode)
paragraph = st.lists(_piece, min_size=1, max_size=12).map(lambda parts: " ".join(parts).replace("\n", " ").strip())
name = st.lists(_word, min_size=1, max_size=3).map(" ".join)
phase = st.tuples(st.sampled_from(PHASES), st.lists(paragraph, min_size=0, max_size=3))
entry = st.tuples(name, st.lists(phase, min_size=1, max_size=3))
entries = st.lists(entry, min_size=1, max_size=4)
newline = st.sampled_from(["\n", "\n", "\r\n"])


def markdown(parts: list, nl: str) -> str:
    out = ["# Action 3: Tides online", ""]
    for who, phases in parts:
        out += [f"## {who}", ""]
        for heading, paras in phases:
            out += [f"### {heading}", ""]
            for para in paras:
                out += [para, ""]
    return nl.join(out) + nl


def source2012(parts: list, nl: str) -> str:
    out = ["#Action 3: Tides online", ""]
    for who, phases in parts:
        out += ["{div .department}", f"##{who}", ""]
        for _, paras in phases[:1]:
            out += ["{div .statement}", *paras, "{/div}"]
        out += ["{/div}", ""]
    return nl.join(out) + nl


def publication(parts: list, nl: str) -> str:
    out = ["Action 3: Tides online"]
    for who, phases in parts:
        out.append(who)
        for heading, paras in phases:
            out += [heading, *paras]
    return nl.join(out) + nl


FORMATS = {
    "markdown": (markdown, ".md"),
    "source-2012": (source2012, ".txt"),
    "publication-2015": (publication, ".txt"),
}
documents = st.tuples(st.sampled_from(sorted(FORMATS)), entries, newline).map(
    lambda t: (t[0], FORMATS[t[0]][0](t[1], t[2]), FORMATS[t[0]][1])
)


def _spans(document) -> list[Span]:
    spans = [document.title_span] if document.title_span else []
    for entry in document.entries:
        spans += [entry.span, entry.name_span]
        for ph in entry.phases:
            spans += [ph.span, ph.body_span] + ([ph.heading_span] if ph.heading_span else [])
            for para in ph.paragraphs:
                spans.append(para.span)
                spans += [s for link in para.links for s in (link.span, link.text_span, link.target_span) if s]
                if para.text:
                    spans.append(para.to_span(0, len(para.text)))
    spans += [c.span for c in document.comments] + [i.span for i in document.issues]
    return spans


@FUZZ
@given(documents)
def test_readers_never_raise_and_spans_lie_inside_the_file(case):
    fmt, text, _ = case
    for reader in (fmt, None):  # as generated, and as sniffed
        document = read("f", text, None, reader)
        for span in _spans(document):
            assert 0 <= span.start <= span.end <= len(text), (span, len(text))


@FUZZ
@given(st.text(max_size=200), st.sampled_from(sorted(FORMATS)))
def test_readers_never_raise_on_any_text(text, fmt):
    document = read("f", text, None, fmt)
    for span in _spans(document):
        assert 0 <= span.start <= span.end <= len(text)


def _run(folder: Path, *extra: str, fix: bool = False, also: bool = True) -> dict:
    outputs = {fmt: folder.parent / f"{folder.name}.{fmt}" for fmt in ("sarif", "gitlab", "junit", "checkstyle")}
    options = CheckOptions(
        paths=[str(folder)],
        format="json",
        output=str(folder.parent / f"{folder.name}.json"),
        fix=fix,
        fail_on="never",
        also_write=[(fmt, str(path)) for fmt, path in outputs.items()] if also else [],
        ignore=["spelling", *extra],
    )
    check(options)
    result = {"json": json.loads((folder.parent / f"{folder.name}.json").read_text(encoding="utf-8"))}
    if also:
        for fmt, path in outputs.items():
            result[fmt] = path.read_text(encoding="utf-8")
    return result


def _write(tmp: Path, label: str, text: str, suffix: str) -> Path:
    folder = tmp / label
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / f"plan{suffix}").write_bytes(text.encode("utf-8"))
    return folder


@FUZZ
@given(documents)
def test_line_and_column_are_the_same_in_every_format(tmp_path_factory, case):
    _fmt, text, suffix = case
    folder = _write(tmp_path_factory.mktemp("pos"), "a", text, suffix)
    out = _run(folder)
    found = out["json"]["diagnostics"]
    json_lines = sorted((d["rule"], d["line"], d["column"]) for d in found)
    lines = re.split("\r\n|\r|\n", text)
    for d in found:
        assert 1 <= d["line"] <= len(lines) + 1 and d["column"] >= 1
    results = json.loads(out["sarif"])["runs"][0]["results"]
    sarif = sorted(
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    )
    assert sarif == json_lines
    gitlab = sorted((i["check_name"], i["location"]["lines"]["begin"]) for i in json.loads(out["gitlab"]))
    assert gitlab == sorted((rule, line) for rule, line, _ in json_lines)
    checkstyle = sorted(
        (e.get("source").rsplit(".", 1)[-1], int(e.get("line")), int(e.get("column")))
        for e in ET.fromstring(out["checkstyle"].encode("utf-8")).iter("error")
    )
    assert checkstyle == json_lines
    junit = ET.fromstring(out["junit"].encode("utf-8"))
    positions = sorted(
        (test.get("name"), *map(int, line.split(":")[:2]))
        for test in junit.iter("testcase")
        for listed in [*test.iter("failure"), *test.iter("system-out")]  # below --fail-on: system-out
        for line in (listed.text or "").splitlines()
        if re.match(r"\d+:\d+: ", line)
    )
    assert positions == json_lines


@FUZZ
@given(documents)
def test_fix_twice_equals_fix_once(tmp_path_factory, case):
    _fmt, text, suffix = case
    folder = _write(tmp_path_factory.mktemp("fix"), "f", text, suffix)
    _run(folder, fix=True, also=False)
    once = (folder / f"plan{suffix}").read_bytes()
    _run(folder, fix=True, also=False)
    assert (folder / f"plan{suffix}").read_bytes() == once


@FUZZ
@given(documents, st.integers(min_value=1, max_value=5))
def test_fingerprints_survive_unrelated_lines_added_above(tmp_path_factory, case, blank):
    _fmt, text, suffix = case
    first, rest = text.split("\n", 1) if "\n" in text else (text, "")
    nl = "\r\n" if first.endswith("\r") else "\n"
    moved = first + "\n" + nl * blank + rest  # blank lines after the title: nothing else changes
    tmp = tmp_path_factory.mktemp("fp")
    before = _run(_write(tmp, "a", text, suffix), "missing-entry")
    after = _run(_write(tmp, "a", moved, suffix), "missing-entry")  # the same path, lines moved down

    def prints(out: dict) -> list[tuple[str, str]]:
        results = json.loads(out["sarif"])["runs"][0]["results"]
        return sorted((r["ruleId"], r["partialFingerprints"]["responseLint/v1"]) for r in results)

    def relative(out: dict) -> list:
        return sorted((d["rule"], d["message"]) for d in out["json"]["diagnostics"])

    if relative(before) == relative(after):  # the same findings (blank lines may end a paragraph early)
        assert prints(before) == prints(after)
