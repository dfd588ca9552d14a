"""What a content designer acts on (issue 16): readability's margin for one-clause sentences,
Flesch thresholds off the scale, and spelling's people's names."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.checks import readability, sentences
from lint.config import Config
from lint.engine import available_rules, run
from lint.readers.phases import ReaderOptions
from lint.source import parse_bytes

RULES = available_rules(Config())
MARKERS = frozenset(readability.CLAUSE_WORDS)


def clauses(text: str) -> int:
    return readability.clauses(text, sentences.words(text), MARKERS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updates to the public include videos, answers to questions, and key dates.", 0),
        ("The role was transferred following the launch of the strategy.", 1),
        ("A sponsor will not be identified by April.", 1),  # one verb group, 'not' inside it
        ("The board has also been engaged.", 1),
        ("It has seized upon leadership and a sponsor will be identified by April.", 2),
        ("The services that will consider the needs of users were built.", 2),  # 'that will' is one
        ("We will ensure that it has the capability it requires.", 3),
        ("The team met in May and agreed a plan.", 0),  # 'May' the month is no modal verb
        ("THE TEAM WILL MEET.", 0),  # matched as written, in lower case
    ],
)
def test_clauses_are_counted_by_verb_groups_and_subordinators(text: str, expected: int) -> None:
    assert clauses(text) == expected


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(f"Action 1: Example action\nMinistry of Examples\nProgress during 2014\n{body}\n", encoding="utf-8")
    return path


def lint(path: Path, rule: str, **options: object) -> list:
    bound = RULES[rule].with_config(None, options, "test") if options else RULES[rule]
    return run([parse_bytes(str(path), path.read_bytes(), ReaderOptions())], [bound], Config())


ONE_CLAUSE_28 = (  # one clause: long because of its list
    "Updates to the public include informational videos about reporting, answers to frequently asked "
    "questions about the service, key dates for reporting, and a short guide to the forms."
)
TWO_CLAUSES_29 = (
    "The ministry has a digital leader for the department and has continued to champion the use of "
    "digital across the department in the way it makes policy and communicates."
)
ONE_CLAUSE_33 = (
    "Updates to the public include informational videos about reporting, answers to frequently asked "
    "questions about the service, key dates for reporting, and a short guide to the forms for small firms "
    "and charities."
)


def test_a_one_clause_sentence_within_the_margin_is_spared(tmp_path: Path) -> None:
    assert len(sentences.words(ONE_CLAUSE_28)) == 28
    assert lint(write(tmp_path, ONE_CLAUSE_28), "readability") == []
    assert [d.message for d in lint(write(tmp_path, ONE_CLAUSE_28), "readability", margin=0)] == [
        "sentence has 28 words (limit 25)"
    ]
    assert lint(write(tmp_path, ONE_CLAUSE_28), "readability", margin=2) != []


def test_two_clauses_or_past_the_margin_are_reported(tmp_path: Path) -> None:
    assert [d.message for d in lint(write(tmp_path, TWO_CLAUSES_29), "readability")] == [
        "sentence has 29 words (limit 25)"
    ]
    assert [d.message for d in lint(write(tmp_path, ONE_CLAUSE_33), "readability")] == [
        "sentence has 33 words (limit 25)"
    ]


def test_a_spared_sentence_still_counts_once_the_paragraph_is_reported(tmp_path: Path) -> None:
    found = lint(write(tmp_path, f"{TWO_CLAUSES_29} {ONE_CLAUSE_28}"), "readability")
    assert [d.message for d in found] == ["2 sentences of this paragraph are over 25 words; the longest has 29"]


def test_clause_words_come_from_the_options(tmp_path: Path) -> None:
    path = write(tmp_path, ONE_CLAUSE_28)
    assert lint(path, "readability", **{"extend-clause-words": ["include", "about"]}) != []
    assert lint(write(tmp_path, TWO_CLAUSES_29), "readability", **{"clause-words": []}) == []


def test_dense_paragraphs_on_the_scale_are_left_and_off_it_reported(tmp_path: Path) -> None:
    dense = (  # Flesch about 7: dense, but every sentence within the limit
        "The department will develop exceptional digital capability within the department to ensure it is "
        "continually innovating with the best digital solutions. The department will establish a new "
        "specialist digital unit, including business process and digital service designers. It will also "
        "assess the capability and digital literacy of the department as a whole and introduce digital "
        "capability training and support for all staff."
    )
    assert lint(write(tmp_path, dense), "readability") == []
    assert len(lint(write(tmp_path, dense), "readability", **{"min-reading-ease": 20.0})) == 1


MOJ = (
    "The digital leader sat on the departmental board with the chief digital officer, Paul Shetler, "
    "reporting to him directly."
)


def test_a_surname_beside_a_first_name_is_a_name(tmp_path: Path) -> None:
    assert lint(write(tmp_path, MOJ + " Shetler joined in May."), "spelling") == []
    found = lint(write(tmp_path, MOJ + " Shetler joined in May."), "spelling", **{"personal-names": False})
    assert [d.message for d in found] == ["unknown word 'Shetler' (did you mean 'Shelter' or 'Sheller'?)"] * 2


def test_a_name_typo_of_common_words_is_still_reported(tmp_path: Path) -> None:
    found = lint(write(tmp_path, "The Goverment Digital Service met the Shetler Trust."), "spelling")
    assert [d.message for d in found] == [
        "unknown word 'Goverment' (did you mean 'Government'?)",
        "unknown word 'Shetler' (did you mean 'Shelter' or 'Sheller'?)",
    ]


def test_a_name_is_reported_when_the_document_spells_it_right_elsewhere(tmp_path: Path) -> None:
    found = lint(write(tmp_path, MOJ + " The Shelter charity joined."), "spelling")
    assert [d.message for d in found] == ["unknown word 'Shetler' (did you mean 'Shelter' or 'Sheller'?)"]


@pytest.mark.parametrize("before", ["Dr", "Dr.", "Sir", "Councillor"])
def test_a_surname_after_a_title_is_a_name(tmp_path: Path, before: str) -> None:
    assert lint(write(tmp_path, f"The board met {before} Shetler in June."), "spelling") == []


def test_titles_come_from_the_options_and_a_sentence_end_is_no_title(tmp_path: Path) -> None:
    path = write(tmp_path, "The board met Sir Shetler in June.")
    assert len(lint(path, "spelling", **{"name-titles": []})) == 1
    assert len(lint(write(tmp_path, "We met Paul. Shetler came later."), "spelling")) == 1
