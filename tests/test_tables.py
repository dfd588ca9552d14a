"""A progress table saved as text, and a meeting paper's heading lines, read as the form's.

The real file is Australia's March 2017 OGP progress report (fixtures/real/other): a
meeting paper's heading lines, a title, a table header whose column names carry the
form's guidance to the person filling it in, then one row per commitment. The crafted
files check that the same words are read as text wherever they are not the form's.
"""

from __future__ import annotations

from lint.model import Document
from lint.readers import read
from lint.readers.phases import ReaderOptions
from lint.source import parse_bytes

from .conftest import FIXTURES

AU = FIXTURES / "real" / "other" / "au-ogp-progress-2017-03.txt"


def load_au() -> Document:
    return parse_bytes(str(AU), AU.read_bytes(), ReaderOptions())


def lines_of(doc: Document) -> tuple[list[int], list[int]]:
    """The line numbers of ``doc``'s front matter and of the paragraphs rules score."""
    front = [doc.lines.line_of(span.start) for span in doc.front_matter]
    prose = [doc.lines.line_of(p.span.start) for p in doc.paragraphs]
    return front, prose


def test_real_progress_table_header_and_meeting_paper_lines_are_front_matter():
    doc = load_au()
    assert doc.title == "Commitment Implementation Progress Report – March 2017"
    front, prose = lines_of(doc)
    # "Agenda Item 2", "Attachment C", "OGP Interim Working Group – Meeting 6", "28 March 2017",
    # then the table header: column names, the form's guidance, the status key
    assert front == [1, 3, 5, 7, 11, 12, 13, 14, 15, 16, 17]
    # the meeting is no entry, and its date no phase heading
    assert all("Meeting" not in entry.name for entry in doc.entries)
    assert not any(phase.heading == "28 March 2017" for entry in doc.entries for phase in entry.phases)
    # every line of the rows is still read as text that rules score
    assert prose == list(range(19, 26))
    # the rows are read as the document's text, not yet as entries (one note says so)
    assert [issue.code for issue in doc.issues] == ["no-entries"]


TABLE = "Quarterly report\n\nCommitment / Lead / Delivery of milestones\n{below}\n\n{row}\n"
GUIDANCE = "Provide a brief overview of milestones that have been delivered. / Next steps"


def test_guidance_is_the_forms_only_in_a_table_header():
    doc = read("t.txt", TABLE.format(below=GUIDANCE, row="Open data / Cabinet Office / Done."), ReaderOptions())
    front, prose = lines_of(doc)
    assert front == [3, 4] and prose == [6]
    # the same sentence anywhere else may be a placeholder an editor left: it stays text
    alone = read("u.txt", f"Quarterly report\n\n{GUIDANCE}\n", ReaderOptions())
    assert lines_of(alone) == ([], [3])
    under = "Action 4: Open data\n\nCity Council\n\nProgress during 2022\n\nPlease provide an update on progress.\n"
    doc = read("v.txt", under, ReaderOptions())
    assert [p.text for p in doc.paragraphs] == ["Please provide an update on progress."]


def test_a_row_under_the_header_is_text_even_with_guidance_left_in_it():
    # no blank line between the header and a row whose last cell is the form's guidance,
    # left unfilled: the row starts with a name, so it is a row, read as text
    row = "Whistleblower protections / Treasury / Provide a brief overview of milestones."
    doc = read("t.txt", TABLE.format(below=row, row="Next row / Treasury / Done."), ReaderOptions())
    assert lines_of(doc) == ([3], [4, 6])
    # answer prose right under the column names is text too
    prose = "We published the register in March 2017."
    assert lines_of(read("w.txt", TABLE.format(below=prose, row="Row."), ReaderOptions())) == ([3], [4, 6])
    # two cells are no header row, and neither is a row of sentences
    for first in ("Commitment / Lead", "We met. / They agreed. / It was done."):
        text = f"Quarterly report\n\n{first}\n{GUIDANCE}\n"
        assert lines_of(read("x.txt", text, ReaderOptions())) == ([], [3, 4]), first


def test_a_date_heads_a_paper_only_between_its_heading_lines_and_its_title():
    paper = "Agenda Item 4\n\n12 May 2021\n\nDigital progress report\n\nAll services moved to the cloud.\n"
    doc = read("p.txt", paper, ReaderOptions())
    assert doc.title == "Digital progress report" and not doc.entries
    assert lines_of(doc) == ([1, 3], [7])
    # a log whose first dated update follows furniture: the date is the update's heading
    log = "Agenda Item 4\n\n12 May 2021\n\nAll services moved to the cloud.\n"
    doc = read("q.txt", log, ReaderOptions())
    assert lines_of(doc)[0] == [1] and doc.title is None
    started = read("s.txt", log.replace("Agenda Item 4\n\n", ""), ReaderOptions())
    assert [issue.message for issue in doc.issues] == [issue.message for issue in started.issues] != []
    # with no furniture before it, a date is a heading as before
    dated = "12 May 2021\n\nDigital progress report\n\nAll services moved to the cloud.\n"
    assert read("r.txt", dated, ReaderOptions()).front_matter == ()


def test_meeting_paper_lines_are_furniture_data():
    text = "Attachment C\n\nWorking Group – Meeting 6\n\nProgress report\n\nText.\n"
    assert read("m.txt", text, ReaderOptions()).title == "Progress report"
    # replacing the furniture list: the heading lines are read as the title again
    assert read("n.txt", text, ReaderOptions(furniture=())).title == "Attachment C"


def test_a_date_that_finishes_the_line_before_is_no_heading():
    tracker = FIXTURES / "real" / "holdout" / "ca-mandate-tracker-2019-05.txt"
    doc = parse_bytes(str(tracker), tracker.read_bytes(), ReaderOptions())
    # "Reflects progress up to" / "May 10, 2019": one statement over two lines, no entry named
    assert all("Reflects" not in entry.name for entry in doc.entries)
    prose = [doc.lines.line_of(p.span.start) for p in doc.paragraphs]
    assert 7 in prose and 8 in prose and 44 in prose  # still read, and scored, as text
    text = "Report\n\nUpdated as at\n12 May 2021\n\nDepartment for Ports\n\nProgress during 2021\n\nDone.\n"
    doc = read("a.txt", text, ReaderOptions())
    assert [entry.name for entry in doc.entries] == ["Department for Ports"]
    # a blank line between them, or a line that ends whole: the date is a heading
    for before in ("Updated as at\n\n", "Ports\n"):
        text = f"Report\n\n{before}12 May 2021\n\nDone.\n"
        doc = read("b.txt", text, ReaderOptions())
        assert [phase.heading for entry in doc.entries for phase in entry.phases] == ["12 May 2021"], before
