"""The GitHub job summary: appended to $GITHUB_STEP_SUMMARY, counts per rule, entries × phases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lint.formats import step_summary
from lint.model import Diagnostic, Severity
from lint.readers import read
from lint.report import Item, RuleInfo, build

from .conftest import run_cli
from .formats_support import LIGHTHOUSE, RULES, rich_report, write_sample


def _split(row: str) -> list[str]:
    """A table row's cells, split at the pipes Markdown does not see escaped."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip().strip("|"))]


def _cells(markdown: str, entry: str) -> list[str]:
    row = next(line for line in markdown.splitlines() if line.startswith(f"| {entry} |"))
    return _split(row)[1:]


def _header(markdown: str) -> list[str]:
    row = next(line for line in markdown.splitlines() if line.startswith("| entry |"))
    return _split(row)[1:]


def test_statuses_from_findings() -> None:
    text = step_summary.markdown(rich_report())
    assert _header(text) == ["progress 2019", "plan 2020", "progress 2020"]
    assert _cells(text, "Northern Lights Trust") == ["✅ present", "📋 copied", "⚠️ placeholder"]
    assert _cells(text, "Skerry Keepers' Association") == ["✅ present", "❌ missing", "❌ missing"]


def test_counts_per_rule() -> None:
    text = step_summary.markdown(rich_report())
    assert "**2** errors, **1** warnings, **1** info in 1 file." in text
    assert "| `placeholder` Unfinished text standing in for content | 1 | 1 | 0 | 0 |" in text
    assert "| `year-copy` A phase that repeats another year's text | 1 | 0 | 1 | 0 |" in text
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == 4


def test_missing_entry_and_named_missing_phase() -> None:
    path = "logs/lighthouses.md"
    document = read(path, LIGHTHOUSE, fmt="markdown")
    diagnostics = [
        Diagnostic(
            path,
            document.entries[0].name_span,
            "missing-phase",
            Severity.ERROR,
            "no 2018 commitment",
            document.entries[0].name,
            "commitment 2018",
        ),
        Diagnostic(
            path,
            document.entries[0].name_span,
            "missing-entry",
            Severity.ERROR,
            "'Fair Isle | Lights' is missing",
            "Fair Isle | Lights",
        ),
    ]
    report = build(diagnostics, {path: document}, 1)
    report.rules = {
        **RULES,
        "missing-entry": RuleInfo(
            "missing-entry", Severity.ERROR, "An organisation is missing", summary_role="missing-entry"
        ),
    }
    text = step_summary.markdown(report)
    assert _header(text)[0] == "commitment 2018"
    assert _cells(text, "Northern Lights Trust")[0] == "❌ missing"
    assert _cells(text, "Skerry Keepers' Association")[0] == "❌ missing"
    assert _cells(text, "Skerry Keepers' Association")[1] == "✅ present"
    assert _cells(text, "Fair Isle \\| Lights") == ["❌ missing"] * 4


def test_clean_run() -> None:
    path = "logs/lighthouses.md"
    report = build([], {path: read(path, LIGHTHOUSE, fmt="markdown")}, 1)
    text = step_summary.markdown(report)
    assert "No findings in 1 file." in text
    assert "Findings per rule" not in text
    assert _cells(text, "Northern Lights Trust") == ["✅ present"] * 3


def test_cut_short_below_githubs_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(step_summary, "LIMIT", 600)
    text = step_summary.markdown(rich_report())
    assert len(text.encode("utf-8")) <= 600
    assert text.rstrip().endswith("See the full report in the log._")


def test_appended_by_a_run_on_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_sample(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier step\n\nIt wrote this.\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli("check", "responses", "--select", "placeholder", "--format", "concise", cwd=tmp_path)
    assert result.code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Earlier step\n\nIt wrote this.\n\n## response-lint\n")
    assert "| `placeholder` Unfinished text standing in for content | 3 | 3 | 0 | 0 |" in text
    assert _cells(text, "Severn Valley Water Board") == ["✅ present", "⚠️ placeholder"]
    assert _cells(text, "Marches Flood Forum") == ["⚠️ placeholder", "✅ present"]
    assert _cells(text, "Port of Kestrel Bay") == ["✅ present", "⚠️ placeholder"]
    run_cli("check", "responses", "--select", "placeholder", "--format", "concise", cwd=tmp_path)
    assert summary.read_text(encoding="utf-8").count("## response-lint") == 2


def test_a_users_own_placeholder_rule_is_in_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The table reads the check kind's summary role, not rule names: a pack's phrases rule counts."""
    write_sample(tmp_path)
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "to-follow.toml").write_text(
        'name = "to-follow"\ncheck = "phrases"\nseverity = "warning"\nsummary = "Text promised later"\n'
        'message = "{text!r} promises text"\n[options]\nwhole = ["coming soon", "tbc"]\n'
        '[[examples]]\nverdict = "fail"\ntext = "TBC"\n[[examples]]\nverdict = "pass"\ntext = "Done."\n',
        encoding="utf-8",
    )
    (tmp_path / ".response-lint.toml").write_text('rule-paths = ["style"]\n', encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli("check", "responses", "--select", "to-follow", "--format", "concise", cwd=tmp_path)
    assert result.code == 0, result.err
    text = summary.read_text(encoding="utf-8")
    assert "`to-follow`" in text
    assert _cells(text, "Marches Flood Forum") == ["⚠️ placeholder", "✅ present"]


def test_unwritable_summary_warns_and_keeps_the_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_sample(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no-such-folder" / "summary.md"))
    result = run_cli("check", "responses", "--select", "placeholder", "--format", "concise", cwd=tmp_path)
    assert result.code == 1
    assert "cannot write the step summary" in result.err


def test_no_summary_without_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_sample(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    run_cli("check", "responses", "--format", "concise", cwd=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["responses"]


def test_tables_parse_as_markdown_tables() -> None:
    from markdown_it import MarkdownIt

    path = "logs/lighthouses.md"
    document = read(path, LIGHTHOUSE.replace("Skerry Keepers' Association", "Skerry | *Keepers* <b>"), fmt="markdown")
    report = build([], {path: document}, 1)
    tokens = (
        MarkdownIt("commonmark")
        .enable("table")
        .parse(step_summary.markdown(rich_report()) + "\n" + step_summary.markdown(report))
    )
    tables = [t for t in tokens if t.type == "table_open"]
    assert len(tables) == 3  # counts and entries, then entries of the clean run
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            rows[-1].append("".join(child.content for child in token.children or ()))  # as rendered
    widths = {len(row) for row in rows if row[0] in ("entry", "Northern Lights Trust") or "Skerry" in row[0]}
    assert widths == {4}
    name = document.entries[1].name
    assert "|" in name and "*" in name
    assert any(row[0] == name for row in rows)  # shown as written, not as markup


def test_rule_counts_are_one_table_for_every_summary_format() -> None:
    """`Report.rule_counts`: per rule and severity, most findings first, then by name; the job
    summary and the HTML report both print it."""
    report = rich_report()
    first_item = report.items[0]
    extra = Item(first_item.diagnostic._replace(severity=Severity.INFO), report.documents[first_item.path].lines)
    report.items.append(extra)  # a second finding of the first item's rule
    table = report.rule_counts()
    first = report.items[0].diagnostic.rule
    assert table[0][0] == first and sum(table[0][1].values()) == 2
    assert [rule for rule, _ in table[1:]] == sorted(rule for rule, _ in table[1:])
    assert all(set(counts) == {"error", "warning", "info"} for _, counts in table)
    assert sum(sum(c.values()) for _, c in table) == len(report.items)
    text = step_summary.markdown(report)
    rows = [_split(line) for line in text.splitlines() if line.startswith("| `")]
    assert [row[0].split()[0].strip("`") for row in rows] == [rule for rule, _ in table]
    assert [row[1:] for row in rows] == [
        [str(sum(c.values())), str(c["error"]), str(c["warning"]), str(c["info"])] for _, c in table
    ]


def test_a_copy_and_its_original_are_found_once_for_every_format() -> None:
    """`wordmark.pair` / `originals`: the HTML pair, the hover and the status tables' copied
    period read the copy's related place through one function, with one label."""
    from lint.formats import status, wordmark

    report = rich_report()
    (copy,) = [item for item in report.items if item.diagnostic.rule == "year-copy"]
    found = wordmark.pair(copy, report)
    assert found is not None
    original, mine, theirs = found
    assert original.phase is not None and original.label(copy) == original.period(copy) == "progress 2019"
    assert "".join(p.text for p in theirs) == original.place.excerpt
    assert "".join(p.text for p in mine) == copy.diagnostic.span.slice(report.documents[copy.path].text)
    assert any(p.shared for p in mine) and any(p.shared for p in theirs)
    table = status.table(report.documents[copy.path], report)
    assert table is not None
    assert any("progress 2019" in cell.copies for row in table.rows for cell in row.cells)
    # an original in another file names the file, in every format alike
    lines = report.documents[copy.path].lines
    moved = Item(
        copy.diagnostic, lines, (original.place._replace(related=original.place.related._replace(path="x.md")),)
    )
    report.documents = {**report.documents, "x.md": report.documents[copy.path]}
    (elsewhere,) = wordmark.originals(moved, report)
    assert elsewhere.label(moved) == "progress 2019 in x.md"
    assert wordmark.pair(Item(copy.diagnostic, lines, ()), report) is None
