"""--changed-since REF: only findings on what changed since a git revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.changed import FileChanges, keep, parse_diff
from lint.config import Config
from lint.model import Diagnostic, Severity, Span
from lint.source import load

from .conftest import Result, run_cli
from .git_helpers import commit, git, init_repo, write

SELECT = "placeholder,syntax"


def harbour(*, plans: str = "TBC", intro: tuple[str, ...] = (), second: str = "Coming soon...") -> str:
    return "\n".join(
        [
            "# Action 30: Port data",
            "",
            *intro,
            "## Harbour Authority of Westmouth",
            "",
            "### Progress during 2022",
            "",
            "Tide tables are published daily.",
            "",
            "### Planned activities in 2023",
            "",
            plans,
            "",
            "## Pilotage Service of the Estuary",
            "",
            "### Progress during 2022",
            "",
            second,
            "",
        ]
    )


def check(repo: Path, *args: str, paths: tuple[str, ...] = ("content",)) -> Result:
    return run_cli("check", *paths, "--select", SELECT, "--format", "json", *args, cwd=repo)


def lines(result: Result) -> list[tuple[str, int]]:
    assert result.code in (0, 1), result.err
    return [(d["path"], d["line"]) for d in result.json()["diagnostics"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(
        tmp_path / "port",
        {
            ".response-lint.toml": "",
            "content/harbour.md": harbour(),
            "content/quiet.md": harbour(plans="Dredging in June."),
        },
    )


def test_only_lines_added_or_changed_are_reported(repo):
    assert lines(check(repo)) == [("content/harbour.md", 11), ("content/harbour.md", 17), ("content/quiet.md", 17)]
    assert lines(check(repo, "--changed-since", "HEAD")) == []

    # new lines above move everything; only the changed line is reported, at its new place
    write(repo, {"content/harbour.md": harbour(intro=("Published by the port.", ""), plans="To be confirmed")})
    assert lines(check(repo, "--changed-since", "HEAD")) == [("content/harbour.md", 13)]


def test_staged_and_unstaged_edits_both_count(repo):
    write(repo, {"content/harbour.md": harbour(plans="To be confirmed")})
    git(repo, "add", "content/harbour.md")
    write(repo, {"content/quiet.md": harbour(plans="Awaiting sign-off")})
    assert lines(check(repo, "--changed-since", "HEAD")) == [("content/harbour.md", 11), ("content/quiet.md", 11)]


def test_untracked_and_newly_added_files_are_wholly_new(repo):
    write(repo, {"content/new.md": harbour(), "content/added.md": harbour(plans="Dredging in June.")})
    git(repo, "add", "content/added.md")
    assert lines(check(repo, "--changed-since", "HEAD")) == [
        ("content/added.md", 17),
        ("content/new.md", 11),
        ("content/new.md", 17),
    ]


def test_merge_base_with_three_dots(repo):
    # main fixes the placeholder after the branch left; the branch still has it, unchanged
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, {"content/quiet.md": harbour(plans="Dredging in June.", second="Pilots were trained.")})
    commit(repo, "feature work")
    git(repo, "checkout", "-q", "main")
    write(repo, {"content/harbour.md": harbour(plans="Survey boats replaced.")})
    commit(repo, "fix on main")
    git(repo, "checkout", "-q", "feature")
    # against main's tip, the branch's old placeholder looks changed; against the merge base it is not
    assert lines(check(repo, "--changed-since", "main")) == [("content/harbour.md", 11)]
    assert lines(check(repo, "--changed-since", "main...")) == []


def test_whole_document_and_heading_findings_follow_their_part(repo):
    config = Config()
    document = load(str(repo / "content/harbour.md"), config.reader, None, config.max_file_size)
    first, second = document.entries

    def diag(rule: str, span: Span) -> Diagnostic:
        return Diagnostic(path=document.path, span=span, rule=rule, severity=Severity.ERROR, message="m")

    missing_entry = diag("missing-entry", document.title_span)
    on_first_name = diag("missing-phase", first.name_span)
    on_second_heading = diag("heading-style", second.phases[0].heading_span)
    empty_file_issue = diag("syntax", Span(0, 0))
    # lines 7-8 (inside the first entry) were deleted: only the first entry changed
    deleted = FileChanges(touched={6, 7})
    assert keep(missing_entry, document, deleted)
    assert keep(empty_file_issue, document, deleted)
    assert keep(on_first_name, document, deleted)
    assert not keep(on_second_heading, document, deleted)
    # a change in the second entry's phase reaches its heading, not the first entry's name
    edited = FileChanges(lines={17})
    assert keep(on_second_heading, document, edited)
    assert not keep(on_first_name, document, edited)
    # an unchanged file keeps nothing, not even whole-document findings
    assert not keep(missing_entry, document, None)
    assert not keep(missing_entry, document, FileChanges())


def test_parse_diff_reads_hunks_deletions_quoted_paths_and_binaries():
    text = "\n".join(
        [
            "diff --git a/docs/a.md b/docs/a.md",
            "--- a/docs/a.md",
            "+++ b/docs/a.md",
            "@@ -3 +3 @@",
            "-old",
            "+new",
            "@@ -10,2 +9,0 @@",
            "@@ -20,0 +19,3 @@",
            'diff --git "a/docs/tab\\there.md" "b/docs/tab\\there.md"',
            '--- "a/docs/tab\\there.md"',
            '+++ "b/docs/tab\\there.md"',
            "@@ -0,0 +1,2 @@",
            'diff --git "a/caf\\303\\251.md" "b/caf\\303\\251.md"',
            '+++ "b/caf\\303\\251.md"',
            "@@ -1 +1 @@",
            "diff --git a/gone.md b/gone.md",
            "--- a/gone.md",
            "+++ /dev/null",
            "@@ -1,4 +0,0 @@",
            "diff --git a/img.txt b/img.txt",
            "Binary files a/img.txt and b/img.txt differ",
        ]
    )
    changes = parse_diff(text)
    assert set(changes) == {"docs/a.md", "docs/tab\there.md", "café.md", "img.txt"}
    assert changes["docs/a.md"].lines == {3, 19, 20, 21}
    assert changes["docs/a.md"].touched == {9, 10}
    assert changes["docs/tab\there.md"].lines == {1, 2}
    assert changes["café.md"].lines == {1}
    assert changes["img.txt"].new


def test_bad_revision_and_no_repository_are_usage_errors(repo, tmp_path):
    result = check(repo, "--changed-since", "no-such-branch")
    assert result.code == 2
    assert "unknown git revision 'no-such-branch'" in result.err and "Traceback" not in result.err
    result = check(repo, "--changed-since=--output=x")
    assert result.code == 2 and "is not a git revision" in result.err

    outside = tmp_path / "plain"
    write(outside, {"note.md": harbour()})
    result = check(outside, "--changed-since", "HEAD", paths=("note.md",))
    assert result.code == 2 and "is not inside a git repository" in result.err

    result = run_cli(
        "check", "content", str(outside / "note.md"), "--select", SELECT, "--changed-since", "HEAD", cwd=repo
    )
    assert result.code == 2 and "outside the git repository" in result.err


def test_the_sorted_changed_lines_are_kept_for_both_lookups(monkeypatch):
    """keep() asks for changed lines, then changed-or-touched lines (names and headings): each list is sorted once."""
    import lint.changed

    sorts = []

    def counting(numbers):
        sorts.append(1)
        return sorted(numbers)

    monkeypatch.setattr(lint.changed, "sorted", counting, raising=False)
    changes = FileChanges(lines={3, 9}, touched={6})
    for _ in range(5):
        assert not changes.meets(range(5, 8))
        assert changes.meets(range(5, 8), touched_too=True)
    assert len(sorts) == 2
    changes.add(6)  # more changed lines: sorted again
    assert changes.meets(range(5, 8))
    assert len(sorts) == 3
