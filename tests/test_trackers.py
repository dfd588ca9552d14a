"""Other publishers' progress reports: trackers keyed by codes, dated status lines, label lines.

The real files are in fixtures/real/other (Canada's NAP tracker, the UK's NAP progress
updates); the crafted ones repeat each shape with other words, so that a reader that
only knew the real files' lines would fail them.
"""

from __future__ import annotations

from pathlib import Path

from lint.model import ACTIONS, PER_ACTION, UNNAMED, Document
from lint.readers import read
from lint.readers.phases import ReaderOptions, match_heading, newest_first
from lint.readers.titles import section_of
from lint.source import parse_bytes

from .conftest import FIXTURES
from .test_layouts import _check

OTHER = FIXTURES / "real" / "other"


def load(name: str) -> Document:
    path = OTHER / name
    return parse_bytes(str(path), path.read_bytes(), ReaderOptions())


def test_a_line_that_is_only_a_date_month_or_quarter_is_a_dated_progress_heading():
    options = ReaderOptions()
    cases = {
        "2019-03": (2019, 3, "2019-03"),
        "(Sept 2021)": (2021, 9, "Sept 2021"),
        "Q2 2018": (2018, 6, "Q2 2018"),
        "14 July 2020:": (2020, 7, "14 July 2020"),
        "January 2019 – March 2019": (2019, 3, "January 2019 – March 2019"),
    }
    for text, (year, month, period) in cases.items():
        match = match_heading(text, options)
        assert match is not None, text
        assert (match.kind, match.year, match.month, match.period) == ("progress", year, month, period), text
    # a bare year, a label, a status value or a sentence with a date is no heading
    for text in ("2021", "2019 ", "Progress Summary", "Status: Complete", "Published 16 January 2015", "Due 2019-03."):
        assert match_heading(text, options) is None, text


def test_record_codes_start_sections_and_short_codes_do_not():
    assert section_of("C01.7.1 - Microsimulation models are published") == "C01.7.1"
    assert section_of("US0113.2: Office of Science and Technology Policy") == "US0113.2"
    assert section_of("NZ0042 – Open budgets") == "NZ0042"
    assert section_of("Commitment 4: Secondary legislation") == "4"
    for text in ("G7 - leaders met", "Q3: done", "C01 - User-friendly open government", "2019-03", "co2 - emissions"):
        assert section_of(text) is None, text


def test_real_canadian_tracker_records_with_dated_updates_and_label_lines():
    doc = load("ca-nap-tracker-2019.txt")
    assert doc.layout == ACTIONS and not doc.issues
    assert [e.action for e in doc.entries] == ["C05.5.2", "C01.7.1", "C04.5.1"]
    assert [[p.key for p in e.phases] for e in doc.entries] == [
        ["progress 2019-06"],
        ["progress 2019-03"],
        ["progress 2019-03"],
    ]
    # the label lines are the update's text, not headings: each record has one phase
    summary = doc.entries[1].phases[0]
    assert [p.text.split(":")[0] for p in summary.paragraphs[:4]] == [
        "Milestone",
        "Commitment",
        "Lead Organization",
        "Status",
    ]
    assert any(p.text.startswith("A Request for proposal") for p in summary.paragraphs)


def test_real_uk_updates_one_statement_per_commitment():
    doc = load("uk-ogp-nap3-update-2018-04.txt")
    assert doc.layout == ACTIONS
    assert [e.action for e in doc.entries] == ["1", "2", "3", "4"]
    assert all([p.kind for p in e.phases] == [UNNAMED] for e in doc.entries)
    table = load("uk-ogp-nap3-update-2016-12.txt")
    # the table's label lines ("Timeline May 2016 to April 2018", "Overall commitment status On track")
    # are text of the one entry, checked as prose, never phase headings
    (entry,) = table.entries
    assert [p.kind for p in entry.phases] == [UNNAMED]
    texts = [p.text for p in entry.phases[0].paragraphs]
    assert "Timeline May 2016 to April 2018" in texts and "Overall commitment status On track" in texts


def test_crafted_tracker_is_read_like_the_real_one():
    text = (
        "Open Harbours Tracker\n\n"
        "HB02.1 - Publish berth data (March 2022)\n\n2021-12\n\n"
        "Lead Organization: Harbour Board\nStatus: Substantial progress\nProgress Summary\n\n"
        "Berth data is published each week.\n\n"
        "HB02.2 - Publish tide data (June 2022)\n\nQ1 2022\n\nStatus: Not started\nEvidence:\n\n"
        "The tide gauges are being replaced.\n"
    )
    doc = read("harbours.txt", text, ReaderOptions())
    assert doc.layout == ACTIONS and not doc.issues
    assert [(e.action, [p.key for p in e.phases]) for e in doc.entries] == [
        ("HB02.1", ["progress 2021-12"]),
        ("HB02.2", ["progress Q1 2022"]),
    ]
    assert [len(e.phases[0].paragraphs) for e in doc.entries] == [4, 3]


def test_a_list_of_organisations_stays_per_action():
    text = "Action 3: Open data\nHarbour Board\nProgress during 2021\nDone.\n"
    text += "Coast Office\nProgress during 2021\nDone.\n"
    assert read("a.txt", text, ReaderOptions()).layout == PER_ACTION


def test_two_trackers_of_different_plans_are_not_one_action(tmp_path: Path):
    # alike titles ("… National Action Plan … tracker"), entries that are commitments: each
    # tracker lists its own plan's commitments, and no entry of one is missing from the other
    files = {
        "a.txt": "Open Government National Action Plan tracker\n\nAB01.1 - Open budgets\n\n2021-03\n\nDone.\n",
        "b.md": "# National Action Plan on Open Government: tracker\n\n## CD0002.1: Open courts\n\nUnder way.\n",
    }
    assert _check(tmp_path, files, "missing-entry") == []


def test_a_posts_category_and_date_is_furniture_not_the_title():
    doc = load("uk-ogp-nap3-update-2016-12.txt")
    assert doc.title == "2016-18 Open Government Action Plan: December 2016 Commitment Progress Updates"
    assert [doc.lines.line_of(s.start) for s in doc.front_matter] == [1]
    text = "News and updates 3rd March 2021\nOpen Rivers Plan: progress\nCommitment 1: Levels\nLevels are published.\n"
    doc = read("r.txt", text, ReaderOptions())
    assert doc.title == "Open Rivers Plan: progress" and [e.action for e in doc.entries] == ["1"]
    # a line naming a phase and a date is a heading, never furniture
    assert match_heading("Progress report 19 December 2016", ReaderOptions()) is not None


def test_the_words_of_a_real_whistleblowing_commitment_are_spelt_right(tmp_path: Path):
    # Australia's March 2017 OGP progress report: 'whistleblower' and 'whistleblowing' are
    # English words of the field that pyspellchecker's dictionary lacks (rules/words)
    text = (OTHER / "au-ogp-progress-2017-03.txt").read_text("utf-8")
    assert "whistleblowing" in text
    assert _check(tmp_path, {"au.txt": text}, "spelling") == []


def test_a_real_log_of_updates_newest_first_is_one_entry():
    # New Zealand's OGP "Check Progress" page: a year line over dated updates, newest first
    for name, periods in (
        ("nz-ogp-check-progress-2018.txt", ["10 August 2018", "3 August 2018", "31 July 2018"]),
        ("nz-ogp-check-progress-2023.txt", ["5 December 2023", "30 June 2023", "24 November 2022"]),
    ):
        doc = load(name)
        assert not doc.issues, name
        (entry,) = doc.entries
        assert [p.period for p in entry.phases][:3] == periods, name
    # the headlines between the dates are the updates' text, not entries named after them
    doc = load("nz-ogp-check-progress-2023.txt")
    texts = [p.text for p in doc.entries[0].phases[4].paragraphs]
    assert texts == ["Latest trust and confidence results"]
    assert [p.period for p in doc.entries[0].phases][-3:] == ["27 April 2022", "30 March 2022", "21 February 2022"]


def test_a_crafted_log_newest_first_is_read_like_the_real_one(tmp_path: Path):
    text = (
        "Harbour data programme: what's new\n\n2024\n\n"
        "14 March 2024 - Harbour Board Update\n\nTide tables are published.\n\n"
        "2 March 2024\n\nBerth data published\n\n"
        "Q4 2023. Progress report\n\nThe gauges were replaced.\n\n"
        "2023\n\n9 October 2023 – Update on the survey\n\nSurvey results are out.\n"
    )
    doc = read("harbour.txt", text, ReaderOptions())
    (entry,) = doc.entries
    assert [p.period for p in entry.phases] == ["14 March 2024", "2 March 2024", "Q4 2023", "9 October 2023"]
    assert [p.text for p in entry.phases[1].paragraphs] == ["Berth data published"]
    assert _check(tmp_path, {"h.txt": text}, "phase-order", "missing-phase", "placeholder") == []


def test_an_update_titled_after_its_date_is_a_phase_heading():
    options = ReaderOptions()
    cases = {
        "3 August 2018 - Third National Action Plan Update": ("progress", 2018, "3 August 2018"),
        "10 August 2018 – Update for Third National Action Plan": ("progress", 2018, "10 August 2018"),
        "27 April 2022. OGPNZ Update": ("progress", 2022, "27 April 2022"),
        "Q3 2016 - Progress report on the register": ("progress", 2016, "Q3 2016"),
        "June 2021: Next steps for the board": ("plan", 2021, "June 2021"),
    }
    for text, (kind, year, period) in cases.items():
        match = match_heading(text, options)
        assert match is not None, text
        assert (match.kind, match.year, match.period) == (kind, year, period), text
    # a headline without a kind, a sentence, a bare year and furniture are no headings
    for text in (
        "1 December 2021 - Final self-assessment for the Third National Action Plan published",
        "March 2024 - we published the update",
        "2019 - Update for the plan",
        "Updated 16 January 2015",
        "12 March 2024 - Progress was slow.",
    ):
        assert match_heading(text, options) is None, text


def test_newest_first_is_read_from_most_turns():
    assert newest_first([(2024, 3, 1), (2023, 9, 1), (2023, 9, 1), (2022, 0, 1)])
    # a tie, one period or none is read oldest first
    assert not newest_first([(2024, 2, 1), (2023, 9, 1), (2022, 0, 0), (2023, 9, 1), (2024, 2, 1)])
    assert not newest_first([(2024, 2, 1)]) and not newest_first([])


def test_a_download_links_file_type_and_size_are_not_a_broken_link_or_a_misspelling(tmp_path: Path):
    text = (OTHER / "nz-ogp-check-progress-2023.txt").read_text("utf-8")
    assert "[pdf] [678.07 KB]" in text
    assert _check(tmp_path, {"nz.txt": text}, "spelling", "broken-link") == []
