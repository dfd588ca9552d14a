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
    # (Cabinet Office, cut short by the stored copy, was trimmed away: fixtures/real/govuk/action-03.source)
    assert [(e.organisation, e.action) for e in doc.entries] == [("The Attorney General’s Office", "3")]


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
    text = "Next review due: May 2023\nAction 4: Open data\nCity Council\nProgress during 2022\nDone.\n"
    assert read("a.txt", text, ReaderOptions()).title == "Next review due: May 2023"
    extended = ReaderOptions(extend_furniture=(r"next review due: \w+ \d{4}",))
    doc = read("a.txt", text, extended)
    assert doc.title == "Action 4: Open data" and doc.action == "4"
    # replacing the list: "Updated …" is no longer furniture
    bare = ReaderOptions(furniture=())
    updated = "Updated 1 May 2020\nAction 4: Open data\nCity Council\nProgress during 2022\nDone.\n"
    assert read("b.txt", updated, bare).title == "Updated 1 May 2020"


MARKDOWN = """\
---
title: front matter is skipped
---
# Department for Ports's actions in response to the Coastal Data Plan

Action 1: publish tide data
---------------------------

Readings are published hourly.

###Progress during 2022
Twelve gauges publish within the hour.

<h3><span>Planned activities</span> in 2023</h3>

All gauges will publish within the hour.

<div class="note">
Coming soon... this HTML block is markup, not prose
</div>

## Action 2: retire the paper form

Set the flag `TODO` to off before the form goes.

```
TBC inside a fence is code
```

## Action 3: share vessel tracking

Coming soon...
"""


def test_markdown_as_commonmark_has_it_and_a_per_organisation_title():
    doc = read("ports.md", MARKDOWN, ReaderOptions())
    assert doc.layout == PER_ORGANISATION and doc.organisation == "Department for Ports"
    assert [(e.name, e.action) for e in doc.entries] == [
        ("Action 1: publish tide data", "1"),  # a setext heading
        ("Action 2: retire the paper form", "2"),
        ("Action 3: share vessel tracking", "3"),
    ]
    one, two, three = doc.entries
    assert [p.text for p in one.intro] == ["Readings are published hourly."]
    # "###Progress" (kramdown, no space) and a one-line HTML <h3> block are phase headings
    assert [(p.key, p.heading) for p in one.phases] == [
        ("progress 2022", "Progress during 2022"),
        ("plan 2023", "Planned activities in 2023"),
    ]
    assert one.phases[1].heading_span is not None
    assert one.phases[1].heading_span.slice(MARKDOWN).startswith("Planned activities</span>")
    assert [p.text for p in one.phases[0].paragraphs] == ["Twelve gauges publish within the hour."]
    assert [p.text for p in one.phases[1].paragraphs] == ["All gauges will publish within the hour."]
    # inline code is blanked, offsets kept; fenced code is not prose
    (statement,) = two.phases
    assert statement.kind == UNNAMED
    (para,) = statement.paragraphs
    assert "TODO" not in para.text and para.span.slice(MARKDOWN).startswith("Set the flag `TODO`")
    assert para.to_span(para.text.index("off"), para.text.index("off") + 3).slice(MARKDOWN) == "off"
    assert [p.text for p in three.phases[0].paragraphs] == ["Coming soon..."]
    assert all("HTML block" not in p.text and "TBC" not in p.text for p in doc.paragraphs)
    assert not doc.issues


def _check(tmp_path: Path, files: dict[str, str], *select: str) -> list[dict[str, object]]:
    import json
    import subprocess
    import sys

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    args = [sys.executable, "-m", "lint", "check", "--format", "json", "--fail-on", "never", "--no-color"]
    for rule in select:
        args += ["--select", rule]
    out = subprocess.run([*args, *sorted(files)], cwd=tmp_path, capture_output=True, text=True, check=True)
    diagnostics: list[dict[str, object]] = json.loads(out.stdout)["diagnostics"]
    return diagnostics


def test_text_outside_a_phase_is_checked(tmp_path: Path):
    text = (
        "# Action 4: Open data\n\n## Department for Communities and Local Government\n\nComing soon...\n\n"
        "## Cabinet Office\n\nTBC\n\n### Progress during 2014\n\nWe opened 12 datasets.\n\n"
        "## Home Office\n\n### Progress during 2014\n\nSet `TODO` in the config before launch.\n"
    )
    found = _check(tmp_path, {"a.md": text}, "placeholder")
    assert sorted((d["line"], d["entry"]) for d in found) == [
        (5, "Department for Communities and Local Government"),  # an unnamed phase
        (9, "Cabinet Office"),  # the entry's intro
    ]


def _action_01_with_cabinet_office() -> str:
    """The Action 1 page with the Cabinet Office's answer after the AGO's, as the full page has it.

    The stored copy cuts the Cabinet Office short, so the fixture ends after the AGO
    (fixtures/real/govuk/action-01.source); its answer is taken from its own page, org-co.txt.
    """
    action = (REAL / "action-01.txt").read_text(encoding="utf-8")
    own = (REAL / "org-co.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    phases = "".join(own[3:])  # from its 2012 commitment heading to its 2015 plans
    return action + "Cabinet Office\n" + phases


def test_one_answer_on_two_pages(tmp_path: Path):
    action = _action_01_with_cabinet_office()
    own = (REAL / "org-ago.txt").read_text(encoding="utf-8")
    files = {"action-01.txt": action, "org-ago.txt": own, "org-co.txt": (REAL / "org-co.txt").read_text("utf-8")}
    # the same answer twice is normal: no copy, no drift
    found = _check(tmp_path, files, "entry-copy", "cross-page-drift", "missing-entry")
    assert [d["rule"] for d in found] == []
    # the AGO's own page edited in one place: drift, pointing at the action's page
    files["org-ago.txt"] = own.replace(
        "AGO will continue to provide board-level responsibility for digital, with oversight of the digital by "
        "default agenda.\nProgress during 2014",
        "AGO will keep board-level responsibility for digital, with oversight of the digital by default agenda."
        "\nProgress during 2014",
    )
    found = _check(tmp_path, files, "cross-page-drift")
    (drift,) = found
    assert drift["path"] == "org-ago.txt" and drift["line"] == 8 and drift["phase"] == "plan 2014"
    assert "'keep' here, 'continue to provide' there" in str(drift["message"])
    assert [r["path"] for r in drift["related"]] == ["action-01.txt"]  # type: ignore[attr-defined]
    # other quote marks, dashes and spaces are the same text; other case is the same only with ignore-case
    files["org-ago.txt"] = own.replace("board-level responsibility", "board\u2013level  Responsibility", 1)
    assert len(_check(tmp_path, files, "cross-page-drift")) == 1
    (tmp_path / ".response-lint.toml").write_text("[rules.cross-page-drift]\nignore-case = true\n", encoding="utf-8")
    assert _check(tmp_path, files, "cross-page-drift") == []


def test_missing_entry_across_layouts(tmp_path: Path):
    action = _action_01_with_cabinet_office()
    files = {"action-01.txt": action, "org-co.txt": (REAL / "org-co.txt").read_text("utf-8")}
    # the Cabinet Office's own page without Action 1: reported on its page
    files["org-co.txt"] = files["org-co.txt"].replace("Action 1: Departmental", "Action 6: Departmental")
    found = _check(tmp_path, files, "missing-entry")
    assert [d["path"] for d in found] == ["org-co.txt"]
    assert str(found[0]["message"]).startswith("'Action 1: ensure there is an active digital leader")
    assert "CO answers it in action-01.txt" in str(found[0]["message"])
    # and the reverse: the action's page without the Cabinet Office
    files["org-co.txt"] = (REAL / "org-co.txt").read_text("utf-8")
    files["action-01.txt"] = action.replace("Cabinet Office\nDepartmental", "Home Office\nDepartmental")
    found = _check(tmp_path, files, "missing-entry")
    assert [(d["path"], str(d["message"])[:30]) for d in found] == [("action-01.txt", "'CO' is missing: its own page ")]


def test_syntax_reports_once_per_document_with_a_count(tmp_path: Path):
    headings = "".join(f"### Note {n}\n\nText {n}.\n\n" for n in range(1, 6))
    text = f"# Action 2: Open data\n\n## Harbour Board\n\n{headings}### Progress in 2020\n\nDone.\n"
    (finding,) = _check(tmp_path, {"a.md": text}, "syntax")
    assert finding["line"] == 5
    assert "(and 4 more like it in this file, at lines 9, 13, 17, 21)" in str(finding["message"])


def test_phase_order_is_silent_on_newest_first_entries(tmp_path: Path):
    text = (
        "Commitment 7: Open contracting\nOffice for Procurement\nFebruary 2024 Progress\nAll published.\n"
        "Q3 2023 update\nHalf published.\nCommitment 2022\nWe will publish.\n"
        "Office for Grants\nCommitment 2022\nWe will publish.\nQ3 2023 update\nSome published.\n"
        "February 2024 progress\nAll published.\n"
    )
    assert _check(tmp_path, {"a.txt": text}, "phase-order") == []


def test_a_list_of_commitments_each_with_its_organisation():
    text = (
        "Progress on the Open Rivers Plan\n\nStatus as at 30 June 2021\n\n"
        "Commitment 1: Publish river levels\n\nEnvironment Agency\n\nLevels are published every 15 minutes.\n\n"
        "Commitment 2.1 - Open the flood maps\n\nOrdnance Survey (OS)\n\nTo be confirmed.\n"
    )
    doc = read("rivers.txt", text, ReaderOptions())
    assert doc.title == "Progress on the Open Rivers Plan"
    assert doc.layout == "actions"
    assert [(e.organisation, e.action) for e in doc.entries] == [
        ("Environment Agency", "1"),
        ("Ordnance Survey (OS)", "2.1"),
    ]
    # the one period given for them all is each statement's phase
    assert [[p.key for p in e.phases] for e in doc.entries] == [["progress 30 June 2021"]] * 2
    assert [p.text for p in doc.paragraphs] == ["Levels are published every 15 minutes.", "To be confirmed."]
    assert len(doc.front_matter) == 1 and not doc.issues
    real = load(FIXTURES / "real" / "other" / "nz-ogp-nap3-update-2022.txt")
    assert real.layout == "actions" and [e.organisation for e in real.entries][:1] == ["Ministry of Education"]


def test_a_per_organisation_title_without_action_lines_is_read_per_action():
    text = "Councils' responses to the Open Rivers Plan\nWestford Council\nProgress during 2021\nLevels are open.\n"
    doc = read("c.txt", text, ReaderOptions())
    assert doc.layout == PER_ACTION and [e.name for e in doc.entries] == ["Westford Council"]


def test_an_organisation_defined_in_a_possessive_is_its_whole_name(tmp_path: Path):
    org_page = (
        "FPR's actions in response to the Coastal Data Plan\n\n"
        "Action 2: Every agency will publish its survey data\n\n"
        "Progress during 2021\n\n"
        "The Department for Fisheries, Ports and Rivers’ (FPR) survey team published {what} in March.\n"
    )
    action_page = (
        "Action 2: Every agency will publish its survey data\n\n"
        "Department for Fisheries, Ports and Rivers\n\n"
        "Progress during 2021\n\n"
        "The Department for Fisheries, Ports and Rivers’ (FPR) survey team published {what} in March.\n"
    )
    path = tmp_path / "org-fpr.txt"
    path.write_text(org_page.format(what="tide tables"), encoding="utf-8")
    doc = load(path)
    # not "Fisheries, Ports and Rivers’": the head the acronym leaves out is kept, the possessive is not
    assert doc.layout == PER_ORGANISATION and doc.organisation == "Department for Fisheries, Ports and Rivers"
    files = {"org-fpr.txt": org_page.format(what="tide tables"), "action-02.txt": action_page.format(what="charts")}
    (drift,) = _check(tmp_path, files, "cross-page-drift")
    assert drift["path"] == "org-fpr.txt" and [r["path"] for r in drift["related"]] == ["action-02.txt"]  # type: ignore[attr-defined]
