"""The noise budget and the shapes (issue 16): grouped readability, plain-english per entry, nowhere links."""

from __future__ import annotations

from pathlib import Path

from lint.checks import flesch, sentences
from lint.checks.link_syntax import Nowhere, nowhere


def _weights(text: str) -> list[str]:
    tokens = sentences.words(text)
    counts = sentences.name_word_counts(text, tokens)
    return [text[s:e] for (s, e), n in zip(tokens, counts, strict=True) if n]


def test_an_official_name_counts_as_one_word() -> None:
    text = "The Department for Business, Innovation and Skills worked with the Driving Standards Agency in 2014."
    assert _weights(text) == ["The", "worked", "with", "the", "Driving", "in", "2014."]


def test_a_name_stops_at_lower_case_words_and_sentence_ends() -> None:
    text = "We asked HMRC. Then the Cabinet Office and users of the service agreed."
    assert _weights(text) == [
        "We",
        "asked",
        "HMRC.",
        "Then",
        "the",
        "Cabinet",
        "and",
        "users",
        "of",
        "the",
        "service",
        "agreed.",
    ]


def test_nowhere_targets() -> None:
    import re

    words = re.compile(r"tbc|link|[^/:]*\s[^/:]*", re.IGNORECASE)
    places = Nowhere(words, None, ("example.com", "localhost"))
    assert nowhere("#", places)
    assert nowhere("TBC", places)
    assert nowhere("url here", places)
    assert nowhere("https://www.example.com/a", places)
    assert nowhere("http://localhost:8080/", places)
    assert nowhere("#summary", places) is None
    assert nowhere("guide", places) is None
    assert nowhere("https://www.gov.uk/", places) is None
    assert nowhere("https://notexample.com/", places) is None


# Written with the rule, before the blind set was read: the shapes the docs promise.
UNFINISHED = [
    "Please add the 2014 figures here.",
    "Insert date",
    "Update this section when figures are final.",
    "To be published in spring 2015.",
    "Details to be agreed with DWP.",
    "Text to be provided by DfE",
    "Update awaited.",
    "Response pending from HMRC.",
    "Commitment Status Under Review",
    "Progress toward the commitment is under review by the agency point of contact",
    "Figures not yet available.",
    "Pending DWP input",
    "Awaiting sign-off from the minister.",
    "DEPT TO SEND TEXT BY FRIDAY",
    "We will publish <<number>> datasets.",
    "The service launched on {{ date }} in three regions.",
    "[Progress for 2014 to go here]",
    "Savings of £Xm were made.",
    "Take-up rose to XX% in 2014.",
    "[Department name] will report in May.",
]
FINISHED = [
    "The guidance is to be published in June.",
    "Pending the outcome of the review, we paused the pilot.",
    "Update: the service launched in May.",
    "The remaining sites are to follow by March 2014.",
    "Provide information to users about their tax code online.",
    "Update the service standard by May.",
    "HMRC, DVLA and DWP shared the platform.",
    "An update to the booking service was released in May.",
    "The board reviewed the pending applications.",
    "We will update the guidance when the law changes.",
    "Figures for 2014 show a 12% rise in online claims.",
]


def _placeholder_lines(tmp_path: Path, statements: list[str]) -> dict[str, bool]:
    import json

    from tests.conftest import run_cli

    lines, where = ["# Action 1: Example", ""], {}
    for i, statement in enumerate(statements):
        lines += [f"## Office {i}", "", "### Progress during 2014", ""]
        where[len(lines) + 1] = statement
        lines += [statement, ""]
    path = tmp_path / "statements.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("check", "--select", "placeholder", "--format", "json", str(path))
    hit = {d["line"] for d in json.loads(result.out)["diagnostics"]}
    return {statement: line in hit for line, statement in where.items()}


def test_placeholder_knows_unfinished_statements_by_their_shape(tmp_path: Path) -> None:
    found = _placeholder_lines(tmp_path, UNFINISHED)
    assert [s for s, hit in found.items() if not hit] == []


def test_placeholder_leaves_short_statements_that_say_something(tmp_path: Path) -> None:
    found = _placeholder_lines(tmp_path, FINISHED)
    assert [s for s, hit in found.items() if hit] == []


def test_names_and_acronyms_do_not_make_a_plain_paragraph_hard_to_read() -> None:
    text = (
        "Scottish Fisheries Licensing Authority staff wrote the Coastal Community Broadband Resilience Plan. "
        "A Regional Connectivity Taskforce inside SFLA runs the DCMS pilot with the RNLI. "
        "It surveyed every harbour so that councils can plan their own networks."
    )
    tokens = sentences.words(text)
    spans = sentences.split(text)
    with_names = flesch.score_of(text, len(spans), tokens, flesch.counter("estimate"), names=True)
    every_word = flesch.score_of(text, len(spans), tokens, flesch.counter("estimate"), names=False)
    assert with_names is not None and every_word is not None
    assert every_word.reading_ease < 20 <= with_names.reading_ease  # the names alone made it "hard"
    runs = sentences.name_runs(text, tokens)
    assert [text[tokens[a][0] : tokens[b - 1][1]] for a, b, name in runs if name][:3] == [
        "Scottish Fisheries Licensing Authority",
        "Coastal Community Broadband Resilience Plan.",
        "A Regional Connectivity Taskforce",
    ]


def test_a_hard_paragraph_stays_hard_with_names_counted_as_one_word() -> None:
    text = (
        "The Marine Registry's operational infrastructure modernisation necessitated comprehensive "
        "reconfiguration of organisational accountability arrangements. "
        "Consequently, interdepartmental administrative responsibilities were systematically "
        "redistributed, notwithstanding considerable institutional apprehension."
    )
    tokens = sentences.words(text)
    scores = flesch.score_of(text, len(sentences.split(text)), tokens, flesch.counter("estimate"), names=True)
    assert scores is not None and scores.reading_ease < 20


def test_a_statement_repeated_in_several_phases_is_one_year_copy_finding(tmp_path: Path) -> None:
    same = "The Lighthouse Board will keep publishing its buoy maintenance schedule every month for harbour pilots."
    text = (
        "Action 6: Publish maintenance schedules\n\nLighthouse Board\n\n"
        f"Departmental digital strategy commitments (December 2012)\n\n{same}\n\n"
        f"Progress during 2013\n\n{same}\n\n"
        "Planned activities in 2014\n\nThe board will move the schedule to an open data feed for the ports.\n\n"
        f"Progress during 2014\n\n{same}\n\n"
        f"Progress during 2015\n\n{same}\n"
    )
    path = tmp_path / "action-06.txt"
    path.write_text(text, encoding="utf-8")
    import json
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", "--select", "year-copy", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    (finding,) = json.loads(run.stdout)["diagnostics"]
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == same]
    assert finding["line"] == lines[-1] and finding["severity"] == "error"
    assert "in 4 phases of this entry" in finding["message"]
    assert [r["line"] for r in finding["related"]] == lines[-2::-1]  # each earlier place, latest first


def test_a_plan_restating_the_progress_is_a_continuation_and_last_years_plan_a_copy(tmp_path: Path) -> None:
    # judged from fixtures/real/govuk labels: plans restating a commitment or progress are "either way";
    # a plan repeating last year's plan and a progress repeating an earlier period are worth acting on
    text = (
        "Action 3: Digital capability\n\nLighthouse Board\n\n"
        "Progress during 2013\n\nThe board has continued to train its pilots in the new booking service.\n\n"
        "Planned activities in 2014\n\nThe board will continue to train its pilots in the new booking service.\n\n"
        "Progress during 2014\n\nThe board has continued to train its pilots in the new booking service.\n\n"
        "Planned activities in 2015\n\nThe board will continue to train its pilots in the new booking service.\n"
    )
    path = tmp_path / "action-03.txt"
    path.write_text(text, encoding="utf-8")
    import json
    import subprocess
    import sys

    def findings(*extra: str) -> list[tuple[int, str]]:
        run = subprocess.run(
            [sys.executable, "-m", "lint", "check", "--format", "json", "--select", "year-copy", *extra, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        return [(d["line"], d["message"].split(" (")[0]) for d in json.loads(run.stdout)["diagnostics"]]

    assert findings() == [
        (15, "progress 2014 repeats, word for word, the text of progress 2013"),
        (19, "plan 2015 repeats, word for word, the text of plan 2014"),
    ]
    assert (11, "plan 2014 only restates, as a plan, the text of progress 2013") in findings(
        "--config", str(_continuation_config(tmp_path))
    )


def _continuation_config(folder: Path) -> Path:
    config = folder / "continuation.toml"
    config.write_text('[tool.response-lint.rules.year-copy]\ncontinuation-severity = "info"\n', encoding="utf-8")
    return config
