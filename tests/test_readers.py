"""Readers: the seeds' structure, unseen files in each format, spans, line endings."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.model import Document
from lint.readers import detect_format, read
from lint.readers.phases import ReaderOptions
from lint.source import parse_bytes

from .conftest import FIXTURES, SEEDS


def load(path: Path) -> Document:
    return parse_bytes(str(path), path.read_bytes(), ReaderOptions())


def test_seed_000_is_17_entries_of_5_phases():
    doc = load(SEEDS / "000.txt")
    assert doc.format == "publication-2015"
    assert doc.action == "11"
    assert len(doc.entries) == 17
    keys = ["commitment 2012", "progress 2013", "plan 2014", "progress 2014", "plan 2015"]
    for entry in doc.entries:
        assert [p.key for p in entry.phases] == keys, entry.name
    assert doc.entries[0].name == "The Attorney General’s Office"
    assert doc.entries[-1].name == "Ministry of Justice"
    dft = next(e for e in doc.entries if e.name == "Department for Transport")
    plan = dft.phase("plan 2015")
    assert plan is not None and plan.heading == "Planned Activities in 2015"
    assert plan.canonical == "Planned activities in 2015"
    assert plan.heading_span is not None and doc.lines.line_of(plan.heading_span.start) == 95
    assert not doc.issues


def test_seed_001_is_18_entries_of_one_phase_and_16_links():
    doc = load(SEEDS / "001.txt")
    assert doc.format == "source-2012"
    assert len(doc.entries) == 18
    assert all([p.key for p in e.phases] == ["commitment 2012"] for e in doc.entries)
    assert len(doc.links) == 16
    assert doc.entries[0].name == "Attorney General's Office"
    assert doc.entries[0].name_span.slice(doc.text) == "Attorney <br> General's <br> Office"
    dclg = doc.entries[3]
    assert dclg.key == "department for communities and local government"
    assert dclg.phases[0].paragraphs[0].text == "Coming soon..."
    assert doc.lines.line_of(dclg.phases[0].paragraphs[0].span.start) == 41
    assert not doc.issues


def test_publication_reader_on_unseen_file():
    doc = load(FIXTURES / "formats" / "publication-unseen.txt")
    assert [e.name for e in doc.entries] == [
        "Borough of Eastwick",
        "Westford District Council",
        "Northam Unitary Authority",
    ]
    eastwick, westford, northam = doc.entries
    assert [p.key for p in eastwick.phases] == ["commitment 2019", "progress 2019", "plan 2020"]
    assert [p.kind for p in eastwick.phases[1].paragraphs] == ["paragraph", "bullet", "bullet"]
    assert eastwick.phases[1].paragraphs[1].text == "a weekly CSV file"
    # an entry that starts without its commitment is still a new entry
    assert [p.key for p in westford.phases] == ["progress 2019", "plan 2020"]
    assert westford.phases[1].heading == "PLANNED ACTIVITIES IN 2020"
    assert northam.phase("progress 2019") is not None and not northam.phase("progress 2019").paragraphs
    assert [link.target for link in doc.links] == ["https://example.org/northam"]
    # "Updated 3 March 2021" and "Here is how councils are responding:" are page furniture
    assert doc.preamble == ()
    assert [doc.lines.line_of(s.start) for s in doc.front_matter] == [2, 3]


def test_markdown_reader_on_unseen_file():
    doc = load(FIXTURES / "formats" / "markdown-unseen.md")
    assert doc.format == "markdown"
    assert doc.title == "Action 4: Trusts will make appointment booking digital"
    riverside, hillside = doc.entries
    assert [p.key for p in riverside.phases] == ["commitment 2018", "progress 2019", "plan 2020"]
    commitment = riverside.phases[0].paragraphs
    assert len(commitment) == 1
    assert commitment[0].text == (
        "Riverside will offer online booking for outpatient clinics, starting with dermatology."
    )
    bullets = riverside.phases[1].paragraphs
    assert [b.kind for b in bullets] == ["bullet", "bullet"]
    assert bullets[1].text == "a pilot for physiotherapy that continues into the spring"
    link = riverside.phases[2].links[0]
    assert link.target is None and link.text == "Read more »"
    # the fenced block is not a heading; the unknown heading is an "other" phase with a warning
    assert [p.kind for p in hillside.phases] == ["commitment", "other"]
    assert any("Notes from the board" in issue.message for issue in doc.issues)
    assert len(doc.comments) == 1 and "disable=spelling" in doc.comments[0].text
    assert doc.preamble[0].links[0].target == "https://example.org/guide"


def test_source2012_reports_unclosed_and_unmatched_divs_and_goes_on():
    doc = load(FIXTURES / "formats" / "source2012-unclosed.txt")
    lines = {doc.lines.line_of(i.span.start): i.message for i in doc.issues}
    assert "unclosed {div .department}" in lines[14]
    assert "unknown directive {sidebar}" in lines[27]
    assert "without a matching" in lines[29]
    assert [e.name for e in doc.entries] == ["Agency for Coastal Safety", "Office of Rural Roads", "Harbour Authority"]
    assert doc.entries[1].links[0].target is None


def test_unclosed_div_at_end_of_file_points_at_opening_line():
    text = "#Action 1: X\n{div .department}\n##Office of Tests\n{div .statement}\nWe will test.\n"
    doc = read("x.txt", text)
    opened = sorted(doc.lines.line_of(i.span.start) for i in doc.issues)
    assert opened == [2, 4]
    assert doc.entries[0].phases[0].paragraphs[0].text == "We will test."


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_give_the_same_structure(newline):
    original = (FIXTURES / "formats" / "publication-unseen.txt").read_text(encoding="utf-8")
    text = original.replace("\n", newline)
    doc = read("x.txt", text)
    base = read("x.txt", original)
    assert [(e.name, [p.key for p in e.phases]) for e in doc.entries] == [
        (e.name, [p.key for p in e.phases]) for e in base.entries
    ]
    for entry, base_entry in zip(doc.entries, base.entries, strict=True):
        assert doc.lines.line_of(entry.name_span.start) == base.lines.line_of(base_entry.name_span.start)
        for phase in entry.phases:
            for para in phase.paragraphs:
                assert "\r" not in para.text and "\n" not in para.text


def test_bom_is_removed_and_remembered():
    data = b"\xef\xbb\xbf" + (SEEDS / "000.txt").read_bytes()
    doc = parse_bytes("bom.txt", data, ReaderOptions())
    assert doc.bom and doc.encoding == "utf-8"
    assert doc.title and doc.title.startswith("Action 11")
    assert len(doc.entries) == 17


@pytest.mark.parametrize(
    "path", sorted((FIXTURES / "formats").iterdir()) + sorted(SEEDS.iterdir()), ids=lambda p: p.name
)
def test_every_span_maps_back_to_its_text(path):
    doc = load(path)
    text = doc.text
    for entry in doc.entries:
        assert entry.span.contains(entry.name_span)
        for phase in entry.phases:
            assert entry.span.contains(phase.span)
            if phase.heading_span:
                assert phase.heading_span.slice(text) == phase.heading
            for para in phase.paragraphs:
                assert phase.span.contains(para.span)
                # every character of the plain text comes from the document, except joins
                for i, ch in enumerate(para.text):
                    offset = para.to_offset(i)
                    assert para.span.start <= offset < para.span.end
                    if ch != " ":
                        assert text[offset] == ch
                for link in para.links:
                    assert para.span.contains(link.span)
                    assert link.text_span.slice(text) == link.text
                    if link.target_span is not None:
                        assert link.target_span.slice(text) == link.target


def test_format_detection():
    assert detect_format("{div .department}\n##X\n") == "source-2012"
    assert detect_format("# Action 1\n\n## Org\n") == "markdown"
    assert detect_format("Action 1: x\nOrg\nProgress during 2013\n") == "publication-2015"
    assert detect_format("Action 1: x\n", "notes.md") == "markdown"
    # a template marker alone is not 2012 markup; the 2012 directives come with its blocks
    marker = "Action 1: x\nOrg\nProgress during 2013\n{{progress}}\n"
    assert detect_format(marker) == "publication-2015"
    assert detect_format("# Action 1\n\n## Org\n\n### Progress in 2013\n\n{{progress}}\n") == "markdown"
    assert detect_format("{{DEPARTMENTRESPONSE}}\n\n#Action 01: x\n\n{div .department}\n##Org\n") == "source-2012"


def test_custom_phase_heading_patterns():
    from lint.readers.phases import DEFAULT_HEADINGS, PhaseHeading

    options = ReaderOptions(
        headings=(
            PhaseHeading.compile("progress", r"^update\s+for\s+(?P<year>\d{4})$", "Update for {year}"),
            *DEFAULT_HEADINGS,
        )
    )
    text = "Action 2: x\nCouncil of Testing\nUpdate for 2022\nWe tested.\nPlanned activities in 2023\nMore tests.\n"
    doc = read("x.txt", text, options)
    assert [p.key for p in doc.entries[0].phases] == ["progress 2022", "plan 2023"]


def test_built_in_heading_patterns_are_as_a_config_pattern_must_be():
    # they are built without compiling (start-up time): hold them to PhaseHeading.compile's checks here
    from lint.readers import phases

    for heading in phases.DEFAULT_HEADINGS:
        assert phases.PhaseHeading.compile(heading.kind, heading.pattern, heading.canonical) == heading


def test_combined_heading_pattern_matches_as_the_patterns_one_by_one():
    from lint.readers import phases

    options = ReaderOptions(
        headings=(
            phases.PhaseHeading.compile("progress", r"^(?P<month>[a-z]+) update (?P<year>\d{4})$", "Update {year}"),
            phases.PhaseHeading.compile("plan", r"^(?P<month>[a-z]+) plan (?P<year>\d{4})$", "Plan {year}"),
            *phases.DEFAULT_HEADINGS,
        )
    )
    assert phases._combined(options.headings) is not None
    lines = [
        "Progress during 2013",
        "PLANNED ACTIVITIES IN 2015",
        "Departmental digital strategy commitments (December 2012)",
        "Commitment 2018",
        "Plans for 2020:",
        "march update 2021",
        "june plan 2022",
        "Progress during 13",
        "We made progress during 2013.",
        "",
        "Planned  activities   in 2014",
    ]
    for line in lines:
        one_by_one = None
        stripped = " ".join(line.split())
        for heading in options.headings:
            m = heading.regex().match(stripped)
            if m:
                year = int(m.group("year"))
                one_by_one = phases.HeadingMatch(heading.kind, year, heading.canonical.format(year=year))
                break
        assert phases.match_heading(line, options) == one_by_one, line
    # inline flags cannot be combined: the patterns are then tried one by one
    odd = ReaderOptions(headings=(phases.PhaseHeading.compile("plan", r"(?x) ^ next \s+ (?P<year>\d{4}) $", "N"),))
    assert phases._combined(odd.headings) is None
    assert phases.match_heading("next 2030", odd) == phases.HeadingMatch("plan", 2030, "N")


def test_a_line_without_a_digit_names_no_phase_with_or_without_the_digit_gate():
    """heading_matcher skips the combined pattern for a line with no digit: every line of the
    fixtures and seeds is matched as it was, through the pattern and _matched alone."""
    from lint.readers import phases

    options = ReaderOptions(
        headings=(
            phases.PhaseHeading.compile("progress", r"^(?P<period>spring|autumn) update$", ""),  # no year: no phase
            phases.PhaseHeading.compile("plan", r"^plan (?P<year>\d{4})$", "Plan {year}"),
            *phases.DEFAULT_HEADINGS,
        )
    )
    combined = phases._combined(options.headings)
    assert combined is not None
    match = phases.heading_matcher(options)
    lines = {"Spring update", "autumn update", "plan ٢٠١٣", "Progress during 2013", "Plans for next year"}
    for folder in (FIXTURES, SEEDS):
        for path in folder.rglob("*"):
            if path.is_file():
                lines.update(path.read_bytes().decode("utf-8", "replace").splitlines())
    found = 0
    for line in lines:
        stripped = " ".join(line.split())
        m = combined.match(stripped) if 0 < len(stripped) <= 120 else None
        index = phases._alternative(m) if m else 0
        ungated = phases._matched(options.headings[index], m, f"__{index}", stripped) if m else None
        assert match(line) == ungated, line
        found += ungated is not None
    assert match("plan ٢٠١٣") == phases.HeadingMatch("plan", 2013, "Plan 2013")  # a digit, not an ASCII one
    assert found > 50


def test_markdown_text_before_the_first_phase_is_the_entrys_intro_not_lost():
    text = "# Action 3: x\n\n## Office of Tests\n\nComing soon...\n\n### Progress during 2020\n\nWe tested.\n"
    doc = read("x.md", text)
    assert doc.issues == ()
    (entry,) = doc.entries
    assert [p.text for p in entry.intro] == ["Coming soon..."]
    assert doc.lines.line_of(entry.intro[0].span.start) == 5
    assert [p.key for p in entry.phases] == ["progress 2020"]
    assert [p.text for p in doc.paragraphs] == ["Coming soon...", "We tested."]


def test_a_comment_line_ends_a_paragraph():
    text = "# Action 3: x\n\n## Office of Tests\n\n### Progress during 2020\n\nTBC\n<!-- note -->\nDone.\n"
    doc = read("x.md", text)
    assert [p.text for p in doc.entries[0].phases[0].paragraphs] == ["TBC", "Done."]
