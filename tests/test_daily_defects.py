"""Daily-use defects (issue 15): --fix/--diff, --debug, outline of a folder, rules listing and docs,
JUnit and --fail-on, --changed-since's count, force-exclude."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import FIXTURES, run_cli, run_process
from .git_helpers import commit, init_repo, write

HEADINGS = (
    "Action 3: Example action\nHighway Office\nProgress during 2016\nThe office moved its forms.\n"
    "Planned Activities in 2017\nThe office will close its paper route.\nPort Office\n"
    "Progress during 2016\nThe forms moved.\nPlanned activities in 2017\nMore.\nCanal Office\n"
    "progress during 2016\nBookings moved.\nPlanned Activities in 2017\nThe office will follow.\n"
)


def _two_files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(HEADINGS, encoding="utf-8")
    b.write_text(HEADINGS.replace("Canal", "River"), encoding="utf-8")
    return a, b


@pytest.mark.parametrize("order", [("--fix", "--diff"), ("--diff", "--fix")], ids=["fix-diff", "diff-fix"])
def test_fix_with_diff_writes_nothing_and_prints_the_diff(tmp_path, order):
    a, b = _two_files(tmp_path)
    before = a.read_bytes(), b.read_bytes()
    result = run_cli("check", str(a), str(b), "--select", "heading-style", *order, cwd=tmp_path)
    assert (a.read_bytes(), b.read_bytes()) == before
    assert "+Progress during 2016" in result.out and result.out.startswith("--- a/")
    assert "Would fix 4 findings in 2 files (0 remaining)" in result.err
    assert result.code == 0
    # nothing was written, so the findings still count: --diff --fail-on info fails as a check would
    strict = run_cli("check", str(a), "--select", "heading-style", *order, "--fail-on", "info", cwd=tmp_path)
    assert strict.code == 1 and (a.read_bytes(), b.read_bytes()) == before


def test_fix_says_what_it_fixed_and_what_remains(tmp_path):
    a, b = _two_files(tmp_path)
    a.write_text(HEADINGS + "Coming soon...\n", encoding="utf-8")
    result = run_cli("check", str(a), str(b), "--select", "heading-style,placeholder", "--fix", cwd=tmp_path)
    assert "progress during" not in a.read_text(encoding="utf-8")
    assert "Fixed 4 findings in 2 files (1 remaining)." in result.out
    json_run = run_cli("check", str(a), "--select", "heading-style,placeholder", "--fix", "--format", "json")
    assert "Fixed 0 findings in 0 files (1 remaining)." in json_run.err
    assert json_run.json()["summary"]["error"] == 1


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback_of_an_internal_error(tmp_path, where):
    # a real internal error: a bug simulated in the report step (an unwritable --output is a
    # clear usage error now, issue 12, so it no longer serves)
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import lint.report\n\ndef build(*args, **kwargs):\n    raise RuntimeError('simulated bug')\n\n"
        "lint.report.build = build\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(FIXTURES.parent)])}
    args = ["check", str(FIXTURES / "clean")]
    args = ["--debug", *args] if where == "before" else [*args, "--debug"]
    result = run_process(*args, env=env)
    assert result.code != 0
    assert "Traceback (most recent call last)" in result.err and "simulated bug" in result.err
    quiet = run_process(*[a for a in args if a != "--debug"], env=env)
    assert quiet.code == 2 and "Traceback" not in quiet.err and "--debug" in quiet.err


def test_outline_accepts_a_folder_like_check():
    result = run_cli("outline", str(FIXTURES / "clean"))
    assert result.code == 0, result.err
    data = result.json()
    assert sorted(Path(d["path"]).name for d in data) == ["action-10.txt", "action-9.md"]
    missing = run_cli("outline", "no/such/folder")
    assert missing.code == 2 and "no such file or folder" in missing.err


def test_rules_list_says_fixable_once():
    result = run_cli("rules")
    assert result.code == 0
    assert "(fixable) (fixable)" not in result.out
    moved = next(line for line in result.out.splitlines() if line.startswith("moved-link "))
    assert moved.count("(fixable)") == 1


def test_rule_doc_prints_the_default_lists_whole():
    from lint import engine
    from lint.config import Config

    rule = engine.available_rules(Config())["placeholder"]
    result = run_cli("rule", "placeholder")
    assert "..." not in result.out.split("Options (")[1].split("FAIL")[0]
    for pattern in rule.options["whole"]:
        assert pattern in result.out.replace("\\\\", "\\")


INFO_ONLY = (
    "# Action 1: Parking\n\n## Office of Harbours\n\n### Progress during 2021\n\nWe will leverage the car parks.\n"
)


def test_junit_follows_fail_on_for_an_info_only_file(tmp_path):
    (tmp_path / "info.md").write_text(INFO_ONLY, encoding="utf-8")
    result = run_cli("check", "info.md", "--select", "plain-english", "--format", "junit", cwd=tmp_path)
    assert result.code == 0
    root = ET.fromstring(result.out)
    assert root.get("failures") == "0"
    case = root.find(".//testcase[@name='plain-english']")
    assert case is not None and case.find("failure") is None
    assert "leverage" in (case.findtext("system-out") or "")
    strict = run_cli(
        "check", "info.md", "--select", "plain-english", "--format", "junit", "--fail-on", "info", cwd=tmp_path
    )
    assert strict.code == 1
    assert ET.fromstring(strict.out).find(".//testcase[@name='plain-english']/failure") is not None


def test_changed_since_says_how_many_findings_it_hid(tmp_path):
    repo = init_repo(tmp_path / "r", {".response-lint.toml": "", "content/a.md": INFO_ONLY + "\nTBC\n"})
    write(repo, {"content/a.md": INFO_ONLY + "\nTBC\n\nComing soon...\n"})
    commit(repo, "more")
    write(repo, {"content/a.md": INFO_ONLY + "\nTBC\n\nComing soon...\n\nTo be confirmed\n"})
    result = run_cli("check", "content", "--select", "placeholder", "--changed-since", "HEAD", cwd=repo)
    assert result.code == 1
    assert "changed-since HEAD: 2 findings on unchanged lines not shown" in result.out
    quiet = run_cli(
        "check", "content", "--select", "placeholder", "--changed-since", "HEAD", "--format", "json", cwd=repo
    )
    assert "changed-since HEAD: 2 findings on unchanged lines not shown" in quiet.err


def test_two_installs_used_in_turn_keep_their_own_word_list(tmp_path):
    """A pre-commit environment and a venv (two installs of pyspellchecker) share the user's cache
    folder: each keeps its prepared word list instead of deleting the other's and rebuilding."""
    import os
    import shutil
    from importlib.util import find_spec

    spec = find_spec("spellchecker")
    assert spec is not None and spec.submodule_search_locations
    other = tmp_path / "other-install"
    # as pip installs it: same files, new dates
    shutil.copytree(next(iter(spec.submodule_search_locations)), other / "spellchecker", copy_function=shutil.copy)
    cache = tmp_path / "cache"
    (tmp_path / "doc.md").write_text(INFO_ONLY.replace("leverage", "reserve"), encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"RESPONSE_LINT_CACHE_DIR": str(cache)}
    envs = {"venv": base, "pre-commit": base | {"PYTHONPATH": str(other)}}

    def run(which: str) -> dict[str, int]:
        result = run_process("check", "doc.md", "--select", "spelling", cwd=tmp_path, env=envs[which])
        assert result.code == 0, result.out + result.err
        return {path.name: path.stat().st_mtime_ns for path in cache.glob("words-en-*.words")}

    first = run("venv")
    both = run("pre-commit")
    assert len(first) == 1 and len(both) == 2 and set(first) < set(both)
    assert run("venv") == both  # nothing rebuilt, nothing deleted
    assert run("pre-commit") == both
