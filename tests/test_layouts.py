"""Both publication layouts, page furniture and periods as people write them.

Real GOV.UK pages (fixtures/real/govuk) and crafted files that no rule was tuned on.
"""

from __future__ import annotations

from pathlib import Path

from lint.model import PER_ACTION, PER_ORGANISATION, UNNAMED, Document
from lint.names import acronym_of
from lint.readers import read
from lint.readers.phases import ReaderOptions, match_heading, parse_period
from lint.source import parse_bytes

from .conftest import FIXTURES, SEEDS

REAL = FIXTURES / "real" / "govuk"


def load(path: Path, options: ReaderOptions | None = None) -> Document:
    return parse_bytes(str(path), path.read_bytes(), options or ReaderOptions())


def test_real_per_organisation_page_with_furniture():
    doc = load(REAL / "org-hmt.txt")
    assert doc.layout == PER_ORGANISATION
    assert doc.title == "HMT's actions in response to the Government Digital Strategy"
    # "HMT" is written out where the page defines it: "Her Majesty’s Treasury (HMT)"
    assert doc.organisation == "Her Majesty’s Treasury"
    assert [e.action for e in doc.entries] == ["1", "2"]
    assert {e.organisation for e in doc.entries} == {"Her Majesty’s Treasury"}
    assert [doc.lines.line_of(s.start) for s in doc.front_matter] == [1, 5, 7]  # label, Updated, notice
    assert doc.preamble == ()
    first, second = doc.entries
    assert first.intro == () and len(first.phases) == 5
    # Action 2's one-line intro is the entry's intro, scored but in no phase
    intro = "Service managers will be in place for new and redesigned transactions from April 2013."
    assert [p.text for p in second.intro] == [intro]
    assert [p.key for p in second.phases] == [p.key for p in first.phases]
    assert second.intro[0] in list(doc.paragraphs)


def test_real_per_action_page_with_repeated_title_and_intro_sentences():
    doc = load(REAL / "action-03.txt")
    assert doc.layout == PER_ACTION and doc.action == "3"
    assert doc.title is not None and doc.title.startswith("Action 3: all departments")
    # "Updated …", the repeated title, and the two standard intro sentences on one line
    assert [doc.lines.line_of(s.start) for s in doc.front_matter] == [2, 3, 4]
    assert doc.preamble == ()
    assert [(e.organisation, e.action) for e in doc.entries] == [
        ("The Attorney General’s Office", "3"),
        ("Cabinet Office", "3"),
    ]


def test_every_real_page_has_a_title_that_is_not_furniture():
    for path in sorted(REAL.glob("*.txt")):
        doc = load(path)
        assert doc.title and ("Action" in doc.title or "actions in response" in doc.title), path
        assert doc.entries, path
        assert not doc.issues, (path, doc.issues)
        for paragraph in doc.paragraphs:
            assert not paragraph.text.startswith(("Updated ", "Policy paper", "Corporate report", "This was published"))


def test_real_org_pages_name_their_organisation():
    names = {path.stem: load(path).organisation for path in sorted(REAL.glob("org-*.txt"))}
    assert names == {
        "org-ago": "Attorney General’s Office",
        "org-co": "CO",  # the page never writes the name out: matched by its initials across pages
        "org-dcms": "Department for Culture Media and Sport",
        "org-dh": "Department of Health",
        "org-hmt": "Her Majesty’s Treasury",
        "org-moj": "Ministry of Justice",
    }


CRAFTED_ORG = """\
Guidance
Published 4 May 2023
From: Harbour Authority
Harbour Authority's actions in response to the Coastal Data Plan
Action 1: publish tide gauge readings as open data
Readings are published hourly from June 2022.
Commitment (June 2022)
We will publish every gauge reading within the hour.
Q3 2022 update
Twelve of the 30 gauges publish within the hour.
Action 2: retire the paper licence form
The form is still posted to applicants on request.
Action 3 – share vessel tracking with ports
Progress in 2022
Three ports use the shared feed.
Next steps 2023
Add the remaining ports.
"""


def test_crafted_per_organisation_file():
    doc = read("harbour.txt", CRAFTED_ORG, ReaderOptions())
    assert doc.layout == PER_ORGANISATION and doc.organisation == "Harbour Authority"
    assert doc.title == "Harbour Authority's actions in response to the Coastal Data Plan"
    assert len(doc.front_matter) == 3
    assert [e.action for e in doc.entries] == ["1", "2", "3"]
    one, two, three = doc.entries
    assert [p.text for p in one.intro] == ["Readings are published hourly from June 2022."]
    assert [p.key for p in one.phases] == ["commitment 2022", "progress Q3 2022"]
    # text and no phase heading: one unnamed phase, which every prose rule reads
    assert [(p.kind, p.key) for p in two.phases] == [(UNNAMED, UNNAMED)]
    assert two.phases[0].text == "The form is still posted to applicants on request."
    assert [p.key for p in three.phases] == ["progress 2022", "plan 2023"]
    assert not doc.issues


def test_a_file_that_starts_with_its_first_entry_has_no_title():
    doc = read("x.txt", "Cabinet Office\nProgress during 2013\nDone.\n", ReaderOptions())
    assert doc.title is None and [e.name for e in doc.entries] == ["Cabinet Office"]


def test_seed_000_is_still_per_action_with_its_furniture_skipped():
    doc = load(SEEDS / "000.txt")
    assert doc.layout == PER_ACTION and doc.action == "11"
    assert len(doc.front_matter) == 3 and doc.preamble == ()
    assert all(e.action == "11" and e.organisation == e.name for e in doc.entries)


def test_periods_as_people_write_them():
    options = ReaderOptions()
    cases = {
        "February 2024 Progress": ("progress", 2024, "February 2024"),
        "Q3 2016 update": ("progress", 2016, "Q3 2016"),
        "Status: 12 March 2024": ("progress", 2024, "12 March 2024"),
        "NEXT STEPS (2025)": ("plan", 2025, None),
        "2021 progress": ("progress", 2021, None),
        "Update, April 2013 to March 2014": ("progress", 2014, "April 2013 to March 2014"),
        "Plans for 2016/17": ("plan", 2017, "2016/17"),
        "Original commitment: 2019": ("commitment", 2019, None),
        "Progress in the second quarter of 2020": ("progress", 2020, "second quarter of 2020"),
    }
    for text, (kind, year, period) in cases.items():
        match = match_heading(text, options)
        assert match is not None, text
        assert (match.kind, match.year, match.period) == (kind, year, period), text
    for text in ("Progress Update:", "Evidence:", "Updated 16 January 2015", "The Attorney General's Office", "2021"):
        assert match_heading(text, options) is None, text
    assert parse_period("Q3 2016") == (2016, 9, "Q3 2016")
    assert parse_period("2024-02") == (2024, 2, "2024-02")
    assert parse_period("2013-14") == (2014, 0, "2013-14")


def test_acronyms_match_names_by_their_initials():
    assert acronym_of("AGO", "The Attorney General’s Office")
    assert acronym_of("DCMS", "Department for Culture, Media and Sport")
    assert acronym_of("DfE", "Department for Education")
    assert acronym_of("HMRC", "HM Revenue and Customs")
    assert acronym_of("CO", "Cabinet Office")
    assert not acronym_of("CO", "Coastguard")
    assert not acronym_of("EMC", "Cabinet Office")


def test_furniture_is_configurable():
    text = "Last reviewed 2 May 2023\nAction 4: Open data\nCity Council\nProgress during 2022\nDone.\n"
    assert read("a.txt", text, ReaderOptions()).title == "Last reviewed 2 May 2023"
    extended = ReaderOptions(extend_furniture=(r"last reviewed \d{1,2} \w+ \d{4}",))
    doc = read("a.txt", text, extended)
    assert doc.title == "Action 4: Open data" and doc.action == "4"
    # replacing the list: "Updated …" is no longer furniture
    bare = ReaderOptions(furniture=())
    updated = "Updated 1 May 2020\nAction 4: Open data\nCity Council\nProgress during 2022\nDone.\n"
    assert read("b.txt", updated, bare).title == "Updated 1 May 2020"
