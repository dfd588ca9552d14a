"""The ``github`` format: workflow commands, their escaping, and automatic choice on Actions."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lint.formats import Settings, github

from .conftest import run_cli
from .formats_support import rich_report, write_sample

GITHUB_EXPECTED = """\
::error file=responses/harbour%2C 2018.txt,line=6,endLine=6,col=10,endColumn=42,title=response-lint [placeholder]::\
placeholder text '[Insert 50%25 figure: here, later]' stands in for content (Port of Kestrel Bay, progress 2018)
::error file=responses/river-levels.md,line=11,endLine=11,col=1,endColumn=15,title=response-lint [placeholder]::\
placeholder text 'Coming soon...' stands in for content (Severn Valley Water Board, progress 2017)
::error file=responses/river-levels.md,line=17,endLine=17,col=1,endColumn=4,title=response-lint [placeholder]::\
placeholder text 'TBC' stands in for content (Marches Flood Forum, commitment 2016)
Found 3 errors, 0 warnings, 0 info in 2 files.
"""

CONCISE_EXPECTED = """\
responses/harbour, 2018.txt:6:10: error: placeholder text '[Insert 50% figure: here, later]' \
stands in for content [placeholder]
responses/river-levels.md:11:1: error: placeholder text 'Coming soon...' stands in for content [placeholder]
responses/river-levels.md:17:1: error: placeholder text 'TBC' stands in for content [placeholder]
"""


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


def test_github_output_exactly(sample: Path) -> None:
    result = run_cli("check", "responses", "--select", "placeholder", "--format", "github", cwd=sample)
    assert result.code == 1, result.err
    assert result.out == GITHUB_EXPECTED


def test_leading_dot_slash_is_dropped(sample: Path) -> None:
    result = run_cli("check", "./responses", "--select", "placeholder", "--format", "github", cwd=sample)
    assert result.out == GITHUB_EXPECTED


def test_concise_output_exactly(sample: Path) -> None:
    result = run_cli("check", "responses", "--select", "placeholder", "--format", "concise", cwd=sample)
    assert result.code == 1, result.err
    assert result.out == CONCISE_EXPECTED


def test_chosen_automatically_on_github_actions(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = run_cli("check", "responses", "--select", "placeholder", cwd=sample)
    assert result.out == GITHUB_EXPECTED
    explicit = run_cli("check", "responses", "--select", "placeholder", "--format", "concise", cwd=sample)
    assert explicit.out == CONCISE_EXPECTED


def test_config_format_wins_over_github_actions(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (sample / ".response-lint.toml").write_text('format = "concise"\n', encoding="utf-8")
    result = run_cli("check", "responses", "--select", "placeholder", cwd=sample)
    assert result.out == CONCISE_EXPECTED


def test_not_chosen_off_actions(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    result = run_cli("check", "responses", "--select", "placeholder", "--no-color", cwd=sample)
    assert not result.out.startswith("::")
    assert "responses/river-levels.md:11:1: error [placeholder]" in result.out


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("50% done", "50%25 done", "50%25 done"),
        ("a\r\nb\nc", "a%0D%0Ab%0Ac", "a%0D%0Ab%0Ac"),
        ("key: value, more", "key: value, more", "key%3A value%2C more"),
        ("%0A is not a newline", "%250A is not a newline", "%250A is not a newline"),
        ("::error::injected", "::error::injected", "%3A%3Aerror%3A%3Ainjected"),
    ],
)
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_commands_round_trip_and_carry_related_places() -> None:
    report = rich_report("logs/light: house, north.md")
    out = io.StringIO()
    github.render(report, out, Settings())
    lines = out.getvalue().splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(report.items)
    for line, item in zip(commands, report.items, strict=True):
        head, _, message = line[2:].partition("::")
        command, _, properties = head.partition(" ")
        assert command == github.COMMAND[item.diagnostic.severity]
        props = dict(part.split("=", 1) for part in properties.split(","))
        assert _unescape(props["file"]) == "logs/light: house, north.md"
        assert int(props["line"]) == item.location.line
        assert _unescape(message).startswith(item.diagnostic.message)
        assert "\n" not in line and "\r" not in line
    copy = next(c for c, i in zip(commands, report.items, strict=True) if i.diagnostic.rule == "year-copy")
    related = report.items[[i.diagnostic.rule for i in report.items].index("year-copy")].related[0]
    assert f"%0Afirst written here: logs/light: house, north.md:{related.location.line}:1" in copy
    assert {c.split(" ", 1)[0] for c in commands} == {"::error", "::warning", "::notice"}


def test_multi_line_span_has_no_columns() -> None:
    report = rich_report()
    item = report.items[0]

    from lint.report import Item, Location
    from lint.spans import LineIndex, Span

    lines = LineIndex("one\ntwo\nabcdef\nfour\nfive of them\n")
    wide = Item(item.diagnostic._replace(span=Span(9, 26)), lines)
    assert wide.location == Location(3, 2, 5, 7)
    assert "line=3,endLine=5,title" in github.command(wide)
    ends_with_newline = Item(item.diagnostic._replace(span=Span(9, 15)), lines)
    assert (ends_with_newline.location, ends_with_newline.source_line) == (Location(3, 2, 4, 1), "abcdef")
    assert "line=3,endLine=3,col=2,endColumn=7," in github.command(ends_with_newline)
