"""Baselines: --write-baseline records today's findings, --baseline reports only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Result, run_cli
from .git_helpers import commit, git, init_repo, write

SELECT = "placeholder,syntax"


def roads(*extra: str, trunk: str = "Coming soon...") -> str:
    return "\n".join(
        [
            "# Action 12: Rural broadband",
            "",
            *extra,
            "## Office for Fenland Roads",
            "",
            "### Progress during 2021",
            "",
            trunk,
            "",
            "### Planned activities in 2022",
            "",
            "TBC",
            "",
            "## Drainage Board of the Levels",
            "",
            "### Progress during 2021",
            "",
            "We cleared the main drains twice.",
            "",
            "### Planned activities in 2022",
            "",
            "TBC",
            "",
        ]
    )


def check(repo: Path, *args: str, paths: tuple[str, ...] = ("docs",)) -> Result:
    return run_cli("check", *paths, "--select", SELECT, *args, cwd=repo)


def diagnostics(result: Result) -> list[tuple[str, int, str]]:
    assert result.code in (0, 1), result.err
    return [(d["path"], d["line"], d["message"]) for d in result.json()["diagnostics"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init_repo(
        tmp_path / "site",
        {
            ".response-lint.toml": "",
            "docs/roads.md": roads(),
            "docs/legacy.txt": "\n".join(
                [
                    "#Action 4: Channel shift",
                    "{div .department}",
                    "##Agency for<br>Inland Waterways",
                    "{div .statement}",
                    "TBC",
                    "{/div}",
                    "{/div}",
                    "",
                ]
            ),
        },
    )
    result = check(root, "--write-baseline", "baseline.json")
    assert result.code == 0, result.out + result.err
    assert "wrote 4 findings" in result.out
    commit(root, "accept today's findings")
    return root


def test_written_baseline_is_versioned_json_without_absolute_paths(repo):
    data = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"]["name"] == "response-lint"
    entries = data["findings"]
    assert [(e["path"], e["rule"], e["line"]) for e in entries] == [
        ("docs/legacy.txt", "placeholder", 5),
        ("docs/roads.md", "placeholder", 7),
        ("docs/roads.md", "placeholder", 11),
        ("docs/roads.md", "placeholder", 21),
    ]
    assert len({e["fingerprint"] for e in entries}) == 4  # the two TBCs of roads.md differ by entry
    assert entries[1]["entry"] == "Office for Fenland Roads" and entries[1]["phase"] == "progress 2021"


def test_moved_lines_stay_known_and_a_new_finding_is_reported(repo):
    # lines move down by four: nothing new
    write(repo, {"docs/roads.md": roads("Updated in spring.", "", "Second paragraph.", "")})
    result = check(repo, "--baseline", "baseline.json", "--no-color")
    assert result.code == 0, result.out
    assert "baseline baseline.json: 4 known findings not reported" in result.out
    assert "All clear" in result.out

    # a new placeholder in another phase is reported, alone, at its new line
    write(repo, {"docs/roads.md": roads("Updated in spring.", "", trunk="Coming soon...\n\nAwaiting sign-off")})
    result = check(repo, "--baseline", "baseline.json", "--format", "json")
    assert result.code == 1
    assert diagnostics(result) == [("docs/roads.md", 11, "placeholder text 'Awaiting sign-off' stands in for content")]
    assert "4 known findings not reported" in result.err  # machine formats: the note goes to stderr


def test_changed_text_is_a_new_finding_and_the_old_entry_is_stale(repo):
    write(repo, {"docs/roads.md": roads(trunk="To be confirmed")})
    result = check(repo, "--baseline", "baseline.json", "--format", "json")
    assert [m for _, _, m in diagnostics(result)] == ["placeholder text 'To be confirmed' stands in for content"]
    assert "1 baseline entry no longer occurs" in result.err


def test_fixed_findings_are_counted_as_no_longer_occurring(repo):
    write(repo, {"docs/roads.md": roads(trunk="Both bridges reopened in May.").replace("TBC", "Resurfacing.")})
    result = check(repo, "--baseline", "baseline.json", "--no-color")
    assert result.code == 0
    assert "1 known finding not reported; 3 baseline entries no longer occur" in result.out


def test_repeats_are_counted_by_occurrence(repo):
    twice = roads().replace("We cleared the main drains twice.", "TBC\n\nTBC")
    write(repo, {"docs/roads.md": twice})
    check(repo, "--write-baseline", "baseline.json")
    thrice = roads().replace("We cleared the main drains twice.", "TBC\n\nTBC\n\nTBC")
    write(repo, {"docs/roads.md": thrice})
    result = check(repo, "--baseline", "baseline.json", "--format", "json")
    assert [(path, line) for path, line, _ in diagnostics(result)] == [("docs/roads.md", 21)]


def test_paths_are_matched_relative_to_the_root_and_other_files_are_not_stale(repo):
    result = run_cli(
        "check", "./docs/roads.md", "--select", SELECT, "--baseline", "baseline.json", "--format", "json", cwd=repo
    )
    assert result.code == 0 and diagnostics(result) == []
    assert "3 known findings not reported" in result.err and "no longer" not in result.err


def test_rules_that_did_not_run_are_not_stale(repo):
    result = check(repo, "--select", "syntax", "--baseline", "baseline.json", "--no-color")
    assert result.code == 0 and "no longer" not in result.out


def test_baseline_and_changed_since_together(repo):
    git(repo, "checkout", "-q", "-b", "feature")
    # a known finding on an edited line (spacing only) and a new one on another edited line
    edited = roads("New intro.", "", trunk="Coming  soon...").replace("We cleared the main drains twice.", "TBC")
    write(repo, {"docs/roads.md": edited})
    commit(repo, "edit roads")
    result = check(repo, "--changed-since", "main", "--format", "json")
    assert [(path, line) for path, line, _ in diagnostics(result)] == [("docs/roads.md", 9), ("docs/roads.md", 19)]
    result = check(repo, "--baseline", "baseline.json", "--changed-since", "main", "--format", "json")
    assert [(path, line) for path, line, _ in diagnostics(result)] == [("docs/roads.md", 19)]
    assert "no longer" not in result.err  # stale counts come before --changed-since narrows


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file (create it with --write-baseline"),
        ("{not json", "is not valid JSON"),
        ('{"version": 99, "findings": []}', "unsupported baseline version 99"),
        ('{"diagnostics": []}', "not a response-lint baseline"),
        ('{"version": 1, "findings": [{"path": "a.md"}]}', "findings[0].fingerprint must be a non-empty string"),
    ],
)
def test_a_bad_baseline_file_is_a_usage_error(repo, content, expected):
    if content is not None:
        (repo / "bad.json").write_text(content, encoding="utf-8")
    result = check(repo, "--baseline", "bad.json")
    assert result.code == 2
    assert result.err.startswith("response-lint: error: --baseline: bad.json")
    assert expected in result.err and "Traceback" not in result.err


def test_writing_into_a_missing_folder_is_a_usage_error(repo):
    result = check(repo, "--write-baseline", "no/such/folder/baseline.json")
    assert result.code == 2 and "does not exist" in result.err
