"""Bad input gets a clear diagnostic and the run goes on with the other files."""

from __future__ import annotations

import shutil

from .conftest import SEEDS, run_cli, run_process


def _diags(result, path_end):
    return [d for d in result.json()["diagnostics"] if d["path"].endswith(path_end)]


def test_windows_1252_file_is_read_with_a_warning_naming_byte_and_line(tmp_path):
    (tmp_path / "word.txt").write_bytes(
        "Action 5: Test\nCouncil of Examples\nProgress during 2016\nWe said \u201cdone\u201d and it was.\n".encode(
            "cp1252"
        )
    )
    result = run_cli("check", str(tmp_path), "--format", "json")
    assert result.code == 0, result.err
    (diag,) = _diags(result, "word.txt")
    assert diag["rule"] == "syntax" and diag["severity"] == "warning"
    assert "byte 0x93 at line 4, column 9" in diag["message"] and "Windows-1252" in diag["message"]
    assert (diag["line"], diag["column"]) == (4, 9)
    assert diag["entry"] == "Council of Examples"


def test_binary_empty_and_good_files_in_one_run(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("\n   \n", encoding="utf-8")
    shutil.copy(SEEDS / "001.txt", tmp_path / "001.txt")
    result = run_cli("check", str(tmp_path), "--format", "json")
    assert result.code == 1
    data = result.json()
    assert data["summary"]["files"] == 4
    (binary,) = _diags(result, "image.txt")
    assert binary["severity"] == "error" and "binary file" in binary["message"]
    assert "empty file" in _diags(result, "empty.txt")[0]["message"]
    assert "empty file" in _diags(result, "blank.md")[0]["message"]
    assert [d["line"] for d in _diags(result, "001.txt") if d["rule"] == "placeholder"] == [41, 129]


def test_file_without_entries_is_reported(tmp_path):
    (tmp_path / "notes.txt").write_text("Just some notes.\nNothing structured here.\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "notes.txt"), "--format", "json")
    (diag,) = result.json()["diagnostics"]
    assert "no entries found" in diag["message"]


def test_huge_file_is_skipped_with_a_diagnostic(tmp_path):
    (tmp_path / ".response-lint.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("Action 1: x\n" + "word " * 400, encoding="utf-8")
    shutil.copy(SEEDS / "001.txt", tmp_path / "small.txt")
    (tmp_path / "small.txt").write_text("Action 1: x\nOrg\nProgress during 2013\nDone.\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path), "--format", "json")
    (diag,) = _diags(result, "big.txt")
    assert "larger than the limit of 1,000 bytes" in diag["message"]
    assert result.json()["summary"]["files"] == 2


def test_crlf_and_bom_report_the_same_lines(tmp_path):
    text = (SEEDS / "001.txt").read_text(encoding="utf-8")
    (tmp_path / "crlf.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "cr.txt").write_bytes(text.replace("\n", "\r").encode("utf-8"))
    result = run_cli("check", str(tmp_path), "--format", "json", "--select", "placeholder")
    for name in ("crlf.txt", "cr.txt"):
        assert [(d["line"], d["column"], d["end_column"]) for d in _diags(result, name)] == [(41, 1, 15), (129, 1, 15)]


def test_missing_path_alone_is_exit_2(tmp_path):
    result = run_cli("check", str(tmp_path / "nope.txt"))
    assert result.code == 2
    assert "nope.txt: no such file or folder" in result.err


def test_missing_path_beside_a_real_one_warns_and_goes_on(tmp_path):
    shutil.copy(SEEDS / "001.txt", tmp_path / "001.txt")
    result = run_cli("check", str(tmp_path / "nope.txt"), str(tmp_path / "001.txt"), "--format", "json")
    assert result.code == 1
    assert "nope.txt: no such file or folder" in result.err
    assert result.json()["summary"]["files"] == 1


def test_unclosed_div_is_a_syntax_error_and_the_rest_is_checked(tmp_path):
    (tmp_path / "x.txt").write_text(
        "#Action 9: Example\n{div .department}\n##Ministry<br>of Tests\n{div .statement}\nComing soon...\n",
        encoding="utf-8",
    )
    result = run_cli("check", str(tmp_path / "x.txt"), "--format", "json")
    found = [(d["rule"], d["line"]) for d in result.json()["diagnostics"]]
    assert ("syntax", 2) in found and ("syntax", 4) in found and ("placeholder", 5) in found


def test_no_traceback_on_unreadable_file(tmp_path):
    target = tmp_path / "locked.txt"
    target.write_text("Action 1: x\n", encoding="utf-8")
    target.chmod(0)
    try:
        result = run_process("check", str(target), "--format", "json")
    finally:
        target.chmod(0o644)
    assert "Traceback" not in result.err
    assert result.code in (0, 1)  # root can still read it; others get a syntax diagnostic
