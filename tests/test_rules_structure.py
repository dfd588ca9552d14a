"""Content rules about what a response file holds: placeholder, missing-phase,
heading-style (and ``--fix``/``--diff``), phase-order and missing-entry."""

from __future__ import annotations

import codecs
import os
import shutil
import stat
from pathlib import Path

import pytest

from lint.checks.api import Context
from lint.checks.missing_entry import aliases
from lint.config import Config
from lint.engine import available_rules
from lint.names import canonical_key
from lint.readers.phases import ReaderOptions
from lint.source import load

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
RULES_FIXTURES = ROOT / "fixtures" / "rules"

MINE = "placeholder,missing-phase,heading-style,phase-order,missing-entry,broken-link,link-text,retired-domain"


def findings(cli, *paths: Path | str, select: str, cwd: Path | None = None, extra: tuple[str, ...] = ()):
    result = cli(
        "check", *(str(p) for p in paths), "--format", "json", "--select", select, "--fail-on", "never", *extra, cwd=cwd
    )
    assert result.code == 0, result.err
    return result.json()["diagnostics"]


def where(diagnostics, rule: str | None = None) -> list[tuple[str, int]]:
    return [(Path(d["path"]).name, d["line"]) for d in diagnostics if rule is None or d["rule"] == rule]


def write_config(folder: Path, body: str) -> None:
    (folder / "pyproject.toml").write_text("[tool.response-lint]\n" + body, encoding="utf-8")


# ---------------------------------------------------------------- the seeds


def test_seeds_give_exactly_the_expected_findings(cli):
    found = findings(cli, SEEDS, select=MINE, cwd=ROOT)
    placeholders = [d for d in found if d["rule"] == "placeholder"]
    assert where(placeholders) == [("001.txt", 41), ("001.txt", 129)]
    assert {d["entry"] for d in placeholders} == {
        "Department for Communities and Local Government",
        "Her Majesty's Treasury",
    }

    missing = [d for d in found if d["rule"] == "missing-entry"]
    assert len(missing) == 1
    (dclg,) = missing
    assert (Path(dclg["path"]).name, dclg["line"]) == ("000.txt", 1)
    assert dclg["entry"] == "Department for Communities and Local Government"
    assert "001.txt" in dclg["message"]
    assert [(Path(r["path"]).name, r["line"]) for r in dclg["related"]] == [("001.txt", 38)]

    styles = [d for d in found if d["rule"] == "heading-style"]
    assert where(styles) == [("000.txt", 95)]
    assert styles[0]["entry"] == "Department for Transport" and styles[0]["phase"] == "plan 2015"
    assert styles[0]["fix"]["edits"][0]["replacement"] == "Planned activities in 2015"

    assert not [d for d in found if d["rule"] in ("missing-phase", "phase-order", "broken-link")]

    retired = [d for d in found if d["rule"] == "retired-domain"]
    hosts = {d["message"].split()[4].rstrip(":") for d in retired}
    assert hosts == {
        "www.cabinetoffice.gov.uk",
        "discuss.bis.gov.uk",
        "www.dcms.gov.uk",
        "www.education.gov.uk",
        "www.decc.gov.uk",
        "www.defra.gov.uk",
        "digitalhealth.dh.gov.uk",
        "www.dfid.gov.uk",
        "www.dwp.gov.uk",
        "www.hmrc.gov.uk",
        "www.homeoffice.gov.uk",
        "open.justice.gov.uk",
    }
    assert all(Path(d["path"]).name == "001.txt" for d in retired)

    (vague,) = [d for d in found if d["rule"] == "link-text"]
    assert Path(vague["path"]).name == "001.txt" and "(16 in this file)" in vague["message"]
    assert len(vague["related"]) == 15


def test_every_seed_entry_name_matches_across_the_two_formats():
    rule = available_rules(Config())["missing-entry"]
    table = aliases(Context(rule.name, rule.severity, rule.options))
    new = load(str(SEEDS / "000.txt"), ReaderOptions())
    old = load(str(SEEDS / "001.txt"), ReaderOptions())
    new_keys = {canonical_key(e.name, table) for e in new.entries}
    old_keys = {canonical_key(e.name, table) for e in old.entries}
    assert len(new_keys) == 17 and len(old_keys) == 18
    assert new_keys <= old_keys
    assert old_keys - new_keys == {"department for communities and local government"}


def test_alias_table_maps_acronyms_and_follows_chains():
    rule = available_rules(Config())["missing-entry"].with_config(None, {"extend-aliases": {"MHCLG": "DCLG"}}, "test")
    table = aliases(Context(rule.name, rule.severity, rule.options))
    dclg = canonical_key("Department for<br>Communities and<br>Local Government", table)
    assert canonical_key("DCLG", table) == dclg
    assert canonical_key("MHCLG", table) == dclg
    assert canonical_key("Attorney <br> General's <br> Office", table) == canonical_key(
        "The Attorney General’s Office", table
    )
    assert canonical_key("HMT", table) == canonical_key("Her Majesty's Treasury", table)


# ---------------------------------------------------------------- placeholder


def test_placeholder_bad_publication(cli):
    found = findings(cli, RULES_FIXTURES / "placeholder" / "bad.txt", select="placeholder")
    assert [d["line"] for d in found] == [8, 10, 13, 15, 17, 20, 22, 24]
    texts = [d["message"] for d in found]
    assert "'Awaiting Northshire finance committee confirmation.'" in texts[1]
    assert "'[Insert date]'" in texts[4]
    assert "'“Coming Soon…”'" in texts[5]
    insert = found[4]
    assert (insert["column"], insert["end_column"]) == (39, 52)


def test_placeholder_bad_markdown_with_empty_phase(cli):
    found = findings(cli, RULES_FIXTURES / "placeholder" / "bad.md", select="placeholder")
    assert [d["line"] for d in found] == [7, 9, 13, 19, 23]
    empty = found[1]
    assert "Progress during 2019 has no text" in empty["message"]
    assert empty["entry"] == "Lakeland Parks Authority" and empty["phase"] == "progress 2019"


def test_placeholder_leaves_prose_alone(cli):
    assert findings(cli, RULES_FIXTURES / "placeholder" / "good.txt", select="placeholder") == []


def test_placeholder_config_extends_the_built_in_lists(cli, tmp_path):
    write_config(
        tmp_path,
        "[tool.response-lint.rules.placeholder]\n"
        'extend-whole = ["see\\\\s+last\\\\s+year"]\n'
        'extend-anywhere = ["\\\\{\\\\{\\\\s*fill\\\\s*\\\\}\\\\}"]\n',
    )
    (tmp_path / "a.txt").write_text(
        "Action 2: Example\nValley Water Office\nProgress during 2024\nSee last year.\n"
        "Planned activities in 2025\nWe will open {{ fill }} sites.\nProgress during 2025\nTBC\n",
        encoding="utf-8",
    )
    found = findings(cli, tmp_path / "a.txt", select="placeholder", cwd=tmp_path)
    assert [d["line"] for d in found] == [4, 6, 8]


def test_placeholder_bad_regex_in_config_is_a_clean_error(cli, tmp_path):
    write_config(tmp_path, '[tool.response-lint.rules.placeholder]\nextend-whole = ["(unclosed"]\n')
    (tmp_path / "a.txt").write_text(
        "Action 2: Example\nValley Water Office\nProgress during 2024\nDone.\n", encoding="utf-8"
    )
    result = cli("check", str(tmp_path / "a.txt"), "--select", "placeholder", cwd=tmp_path)
    assert result.code == 2
    assert "invalid regex" in result.err and "Traceback" not in result.err


# ---------------------------------------------------------------- missing-phase


def test_missing_phase_reports_on_the_entry_name_and_says_where(cli):
    found = findings(cli, RULES_FIXTURES / "missing-phase" / "bad.md", select="missing-phase")
    assert [(d["line"], d["column"], d["phase"]) for d in found] == [
        (21, 4, "progress 2020"),
        (21, 4, "progress 2021"),
        (31, 4, "commitment 2019"),
    ]
    assert found[0]["message"] == (
        "'Canal and Lakes Board' has no 'Progress during 2020' phase: it belongs after 'Commitment 2019'"
    )
    assert found[1]["message"].endswith("it belongs after 'Planned activities in 2021'")
    assert found[2]["message"].endswith("it belongs before 'Progress during 2020'")
    assert found[0]["entry"] == "Canal and Lakes Board"


def test_missing_phase_counts_variant_headings_as_the_phase(cli):
    assert findings(cli, RULES_FIXTURES / "missing-phase" / "good.txt", select="missing-phase") == []
    assert findings(cli, RULES_FIXTURES / "heading-style" / "variant.md", select="missing-phase") == []


def test_missing_phase_with_phases_from_config(cli, tmp_path):
    shutil.copy(RULES_FIXTURES / "missing-phase" / "good.txt", tmp_path / "good.txt")
    write_config(
        tmp_path,
        "[tool.response-lint.rules.missing-phase]\n"
        'phases = ["commitment 2019", "Progress during 2020", "plan 2021", "progress 2021"]\n',
    )
    found = findings(cli, tmp_path / "good.txt", select="missing-phase", cwd=tmp_path)
    assert [(d["line"], d["phase"]) for d in found] == [(2, "progress 2021"), (9, "progress 2021")]
    assert found[0]["message"].endswith("'Progress during 2021' phase: it belongs after 'Planned activities in 2021'")


def test_missing_phase_min_share_ignores_a_stray_phase(cli, tmp_path):
    text = (
        "Action 1: Example\n"
        + "".join(
            f"Office {n}\nProgress during 2020\nDone.\nPlanned activities in 2021\nMore.\n"
            for n in ("North", "South", "East")
        )
        + "Office West\nProgress during 2020\nDone.\nPlanned activities in 2201\nA typo in the year.\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    union = findings(cli, tmp_path / "a.txt", select="missing-phase", cwd=tmp_path)
    assert len(union) == 4  # three lack the stray 2201 plans, West lacks the 2021 plans
    write_config(tmp_path, "[tool.response-lint.rules.missing-phase]\nmin-share = 0.5\n")
    majority = findings(cli, tmp_path / "a.txt", select="missing-phase", cwd=tmp_path)
    assert [(d["entry"], d["phase"]) for d in majority] == [("Office West", "plan 2021")]


def test_missing_phase_bad_phase_name_is_a_clean_error(cli, tmp_path):
    shutil.copy(RULES_FIXTURES / "missing-phase" / "good.txt", tmp_path / "good.txt")
    write_config(tmp_path, '[tool.response-lint.rules.missing-phase]\nphases = ["summer 2020"]\n')
    result = cli("check", str(tmp_path / "good.txt"), "--select", "missing-phase", cwd=tmp_path)
    assert result.code == 2
    assert "cannot read 'summer 2020' as a phase" in result.err


# ---------------------------------------------------------------- heading-style


def test_heading_style_finds_variants_with_fixes(cli):
    found = findings(cli, RULES_FIXTURES / "heading-style" / "bad-crlf.txt", select="heading-style")
    assert [(d["line"], d["fix"]["edits"][0]["replacement"]) for d in found] == [
        (10, "Planned activities in 2017"),
        (13, "Progress during 2016"),
        (15, "Planned activities in 2017"),
    ]
    assert all(d["severity"] == "info" for d in found)
    assert findings(cli, RULES_FIXTURES / "heading-style" / "good.txt", select="heading-style") == []


def test_heading_style_misspelt_heading_the_reader_could_not_place(cli):
    (found,) = findings(cli, RULES_FIXTURES / "heading-style" / "variant.md", select="heading-style")
    assert found["line"] == 19 and found["column"] == 5
    assert found["fix"]["edits"][0]["replacement"] == "Planned activities in 2017"


def test_heading_style_follows_house_style_unless_told_canonical(cli, tmp_path):
    text = (
        "Action 1: Example\nOffice North\nCommitments (March 2018)\nWe will.\n"
        "Office South\nCommitments (March 2018)\nWe will too.\n"
        "Office East\nCOMMITMENTS (MARCH 2018)\nAnd us.\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = findings(cli, tmp_path / "a.txt", select="heading-style", cwd=tmp_path)
    assert [(d["line"], d["fix"]["edits"][0]["replacement"]) for d in found] == [(9, "Commitments (March 2018)")]
    write_config(tmp_path, '[tool.response-lint.rules.heading-style]\nreference = "canonical"\n')
    found = findings(cli, tmp_path / "a.txt", select="heading-style", cwd=tmp_path)
    assert [d["line"] for d in found] == [3, 6, 9]
    assert all(d["fix"] is None and "the dates differ" in d["message"] for d in found)


def _fix_case(tmp_path: Path, data: bytes, mode: int = 0o640) -> Path:
    path = tmp_path / "response.txt"
    path.write_bytes(data)
    os.chmod(path, mode)
    return path


DFT_LIKE = (
    "Action 3: Example action\nHighway Office\nProgress during 2016\n"
    "The office moved its forms – all of them.\n"
    "Planned activities in 2017\nThe office will close its paper route.\nPort Office\n"
    "Progress during 2016\nThe office’s forms moved.\nPlanned activities in 2017\nMore.\nCanal Office\n"
    "Progress during 2016\nCafé bookings moved.\nPlanned Activities in 2017\nThe office will follow.\n"
)


@pytest.mark.parametrize(
    ("encoding", "prefix", "newline"),
    [
        ("utf-8", b"", "\n"),
        ("utf-8", codecs.BOM_UTF8, "\r\n"),
        ("cp1252", b"", "\r\n"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
    ],
    ids=["utf8-lf", "utf8-bom-crlf", "cp1252-crlf", "utf16le-bom", "utf16be-bom-crlf"],
)
def test_fix_changes_only_the_heading_and_keeps_the_bytes_around_it(cli, tmp_path, encoding, prefix, newline):
    before = DFT_LIKE.replace("\n", newline)
    expected = before.replace("Planned Activities in 2017", "Planned activities in 2017")
    path = _fix_case(tmp_path, prefix + before.encode(encoding), 0o640)
    result = cli("check", str(path), "--select", "heading-style", "--fix", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.json()["diagnostics"] == []  # the fixed finding is gone
    assert path.read_bytes() == prefix + expected.encode(encoding)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["response.txt"]  # no temporary file left behind


def test_diff_prints_a_unified_diff_and_writes_nothing(cli, tmp_path):
    data = codecs.BOM_UTF8 + DFT_LIKE.replace("\n", "\r\n").encode("utf-8")
    path = _fix_case(tmp_path, data)
    result = cli("check", str(path), "--select", "heading-style", "--diff", cwd=tmp_path)
    assert path.read_bytes() == data
    lines = result.out.splitlines()
    assert lines[0].startswith("--- a/") and lines[1].startswith("+++ b/")
    assert lines[2].startswith("@@ ")
    assert "-Planned Activities in 2017" in lines and "+Planned activities in 2017" in lines
    assert sum(1 for line in lines if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))) == 2


def test_diff_marks_a_last_line_without_newline(cli, tmp_path):
    path = _fix_case(
        tmp_path, DFT_LIKE.rstrip("\n").replace("The office will follow.", "").rstrip("\n").encode("utf-8")
    )
    result = cli("check", str(path), "--select", "heading-style", "--diff", cwd=tmp_path)
    assert result.out.endswith("+Planned activities in 2017\n\\ No newline at end of file\n")


def test_fix_leaves_a_read_only_file_alone_with_a_warning(cli, tmp_path):
    data = DFT_LIKE.encode("utf-8")
    path = _fix_case(tmp_path, data, 0o444)
    result = cli("check", str(path), "--select", "heading-style", "--fix", "--format", "json", cwd=tmp_path)
    assert path.read_bytes() == data
    assert "read-only" in result.err and "Traceback" not in result.err
    assert len(result.json()["diagnostics"]) == 1  # still reported, since not fixed


def test_fix_writes_through_a_symlink(cli, tmp_path):
    real = _fix_case(tmp_path, DFT_LIKE.encode("utf-8"))
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = cli("check", str(link), "--select", "heading-style", "--fix", cwd=tmp_path)
    assert result.code == 0, result.err
    assert link.is_symlink()
    assert b"Planned Activities" not in real.read_bytes()


def test_fix_refuses_a_file_that_changed_since_it_was_read(tmp_path):
    from lint import fixes

    path = _fix_case(tmp_path, DFT_LIKE.encode("utf-8"))
    document = load(str(path), ReaderOptions())
    path.write_bytes(DFT_LIKE.replace("Café", "Cafe").encode("utf-8"))
    with pytest.raises(fixes.FixError, match="changed since it was read"):
        fixes.write(document, document.text.replace("Activities", "activities"))


def test_fix_apply_skips_overlaps_and_duplicates():
    from lint.fixes import apply
    from lint.model import Edit, Span

    text = "abcdef"
    edits = [Edit(Span(1, 3), "X"), Edit(Span(1, 3), "X"), Edit(Span(2, 4), "Y"), Edit(Span(5, 5), "!")]
    assert apply(text, edits) == ("aXde!f", 2)


# ---------------------------------------------------------------- phase-order


def test_phase_order(cli):
    found = findings(cli, RULES_FIXTURES / "phase-order" / "bad.txt", select="phase-order")
    assert [(d["line"], d["entry"]) for d in found] == [(9, "Employment Support Service"), (16, "Housing Advice Unit")]
    assert found[0]["message"] == (
        "'Planned activities in 2018' comes after 'Progress during 2018': phases run from oldest to newest"
    )
    assert found[1]["message"].startswith("'Progress during 2017' comes after 'Planned activities in 2019'")
    assert findings(cli, RULES_FIXTURES / "phase-order" / "good.txt", select="phase-order") == []


# ---------------------------------------------------------------- missing-entry


def test_missing_entry_across_documents_of_one_action(cli):
    folder = RULES_FIXTURES / "missing-entry" / "corpus-bad"
    (found,) = findings(cli, folder, select="missing-entry")
    assert (Path(found["path"]).name, found["line"]) == ("2016-publication.txt", 1)
    assert found["entry"] == "Department for Rural Transport"
    assert "2013-source.txt" in found["message"]
    assert [(Path(r["path"]).name, r["line"]) for r in found["related"]] == [("2013-source.txt", 23)]


def test_missing_entry_needs_another_document_of_the_same_action(cli):
    folder = RULES_FIXTURES / "missing-entry" / "corpus-bad"
    assert findings(cli, folder / "2016-publication.txt", folder / "other-action.txt", select="missing-entry") == []
    assert findings(cli, RULES_FIXTURES / "missing-entry" / "corpus-good", select="missing-entry") == []


def test_missing_entry_matches_documents_by_title_without_an_action_number(cli, tmp_path):
    (tmp_path / "a.md").write_text(
        "# Shared tide data\n\n## Harbour Board\n\n### Commitment 2020\n\nYes.\n\n"
        "## Coast Agency\n\n### Commitment 2020\n\nYes.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        "# Shared Tide Data\n\n## Coast Agency\n\n### Commitment 2020\n\nYes.\n", encoding="utf-8"
    )
    (found,) = findings(cli, tmp_path, select="missing-entry", cwd=tmp_path)
    assert Path(found["path"]).name == "b.md" and found["entry"] == "Harbour Board"


def test_missing_entry_from_a_roster_file(cli):
    folder = RULES_FIXTURES / "missing-entry" / "roster"
    (found,) = findings(cli, folder / "action-24.txt", select="missing-entry", cwd=folder)
    assert found["entry"] == "Forestry Office" and found["line"] == 1
    assert "roster.list" in found["message"]


def test_missing_entry_unreadable_roster_file_is_a_clean_error(cli, tmp_path):
    shutil.copy(RULES_FIXTURES / "missing-entry" / "roster" / "action-24.txt", tmp_path / "a.txt")
    write_config(tmp_path, '[tool.response-lint.rules.missing-entry]\nroster-file = "nowhere.txt"\n')
    result = cli("check", str(tmp_path / "a.txt"), "--select", "missing-entry", cwd=tmp_path)
    assert result.code == 2
    assert "roster-file" in result.err and "nowhere.txt" in result.err and "Traceback" not in result.err


def test_missing_entry_roster_as_toml_and_in_config(cli, tmp_path):
    shutil.copy(RULES_FIXTURES / "missing-entry" / "roster" / "action-24.txt", tmp_path / "a.txt")
    (tmp_path / "bodies.toml").write_text('roster = ["National Parks Office", "Met Office"]\n', encoding="utf-8")
    write_config(
        tmp_path,
        '[tool.response-lint.rules.missing-entry]\nroster-file = "bodies.toml"\n'
        'roster = ["Department for Rural Transport", "Ordnance Office"]\n',
    )
    found = findings(cli, tmp_path / "a.txt", select="missing-entry", cwd=tmp_path)
    assert [d["entry"] for d in found] == ["Ordnance Office", "Met Office"]


def test_missing_entry_same_number_but_another_plan_is_not_compared(cli, tmp_path):
    body = "\n\n### Commitment 2020\n\nYes.\n\n"
    (tmp_path / "a.md").write_text(
        "# Action 4: Agencies will open their booking systems\n\n## Harbour Board" + body + "## Coast Agency" + body,
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        "# Action 4: Trusts will make appointment booking digital\n\n## Coast Agency" + body, encoding="utf-8"
    )
    (tmp_path / "c.md").write_text(
        "# Action 4: Agencies will open their booking systems to others\n\n## Coast Agency" + body, encoding="utf-8"
    )
    found = findings(cli, tmp_path, select="missing-entry", cwd=tmp_path)
    assert [(Path(d["path"]).name, d["entry"]) for d in found] == [("c.md", "Harbour Board")]
    write_config(tmp_path, '[tool.response-lint.rules.missing-entry]\nsame-action = "number"\n')
    found = findings(cli, tmp_path, select="missing-entry", cwd=tmp_path)
    assert sorted((Path(d["path"]).name, d["entry"]) for d in found) == [
        ("b.md", "Harbour Board"),
        ("c.md", "Harbour Board"),
    ]
