"""``response-lint check --links`` end to end: findings at every place a target is
written, ``--fix`` for moved links, the counts line, config and flags, and the
promise that a run without ``--links`` never imports the network code."""

from __future__ import annotations

import json
import re
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_cli, run_process
from tests.links_support import Server, _no_proxy_from_outside, server

__all__ = ["_no_proxy_from_outside", "server"]

SOURCE_2012 = """\
#Action 7: Departments will publish their open data plans

{div .department}
##Marine<br>Survey<br>Office
{div .statement}
We will release tide gauge readings every hour. [Read more »]({base}/moved-301)
{/div}
{/div}

{div .department}
##Rural<br>Payments<br>Board
{div .statement}
Claims data will follow the new schema from April. [Read more »]({base}/status/404)
{/div}
{/div}
"""

MARKDOWN = """\
# Action 7: Open data plans

## Rural Payments Board

### Progress during 2019

We linked the [claims guide]({base}/status/404) and the [schema]({base}/ok/schema#intro) again.

### Planned activities in 2020

The [archive]({base}/loop-a) and the [old portal]({base}/moved-308) will be reviewed.
"""


@pytest.fixture
def project(tmp_path: Path, server: Server) -> Path:
    base = f"http://127.0.0.1:{server.port}"
    (tmp_path / "2013-source.txt").write_text(SOURCE_2012.replace("{base}", base), encoding="utf-8")
    (tmp_path / "2020-plans.md").write_text(MARKDOWN.replace("{base}", base), encoding="utf-8")
    (tmp_path / ".response-lint.toml").write_text(
        "select = ['broken-link', 'moved-link']\n\n"
        "[link-check]\nallow-private = true\nretries = 0\ntimeout = 2\ncache-path = 'cache/links.sqlite3'\n",
        encoding="utf-8",
    )
    return tmp_path


def test_findings_at_every_place(project: Path, server: Server) -> None:
    server.seen.clear()
    result = run_cli("check", "--links", "--format", "json", ".", cwd=project)
    assert result.code == 1, result.err
    found = sorted(
        (d["path"].removeprefix("./"), d["line"], d["rule"], d["severity"], d["message"])
        for d in result.json()["diagnostics"]
    )
    port = server.port
    assert found == [
        (
            "2013-source.txt",
            6,
            "moved-link",
            "warning",
            f"link target http://127.0.0.1:{port}/moved-301 has moved: moved permanently to http://127.0.0.1:{port}/ok",
        ),
        ("2013-source.txt", 13, "broken-link", "error", "broken link: 404 Not Found"),
        ("2020-plans.md", 7, "broken-link", "error", "broken link: 404 Not Found"),
        ("2020-plans.md", 11, "broken-link", "error", "broken link: redirect loop after 2 hops"),
        (
            "2020-plans.md",
            11,
            "moved-link",
            "warning",
            f"link target http://127.0.0.1:{port}/moved-308 has moved: moved permanently to http://127.0.0.1:{port}/ok",
        ),
    ]
    assert server.seen.count("/status/404", "HEAD") == 1  # once for both places
    assert "links: 5 distinct targets: 1 ok, 2 broken, 2 moved, 0 excluded, 0 cached" in result.err
    assert (project / "cache" / "links.sqlite3").exists()
    again = run_cli("check", "--links", "--format", "json", ".", cwd=project)
    assert "5 cached" in again.err


def test_fix_rewrites_moved_targets(project: Path, server: Server) -> None:
    result = run_cli("check", "--links", "--fix", "--select", "moved-link", ".", cwd=project)
    assert result.code == 0, result.out + result.err
    base = f"http://127.0.0.1:{server.port}"
    text = (project / "2020-plans.md").read_text(encoding="utf-8")
    assert f"[old portal]({base}/ok)" in text
    assert f"[archive]({base}/loop-a)" in text  # broken links are not "fixed"
    assert f"[Read more »]({base}/ok)" in (project / "2013-source.txt").read_text(encoding="utf-8")


def test_offline_without_links(project: Path, server: Server) -> None:
    server.seen.clear()
    result = run_cli("check", "--format", "json", ".", cwd=project)
    assert result.code == 0
    assert result.json()["diagnostics"] == []
    assert "links:" not in result.err
    assert server.seen.total() == 0


def test_links_in_config_and_no_links_flag(project: Path, server: Server) -> None:
    config = project / ".response-lint.toml"
    config.write_text("links = true\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("check", ".", cwd=project).code == 1
    server.seen.clear()
    result = run_cli("check", "--no-links", ".", cwd=project)
    assert result.code == 0
    assert server.seen.total() == 0


def test_no_online_phase_when_no_selected_rule_reads_it(project: Path, server: Server) -> None:
    server.seen.clear()
    result = run_cli("check", "--links", "--select", "syntax", ".", cwd=project)
    assert result.code == 0
    assert server.seen.total() == 0
    assert "links:" not in result.err


def test_flags(project: Path, server: Server) -> None:
    result = run_cli(
        "check",
        "--links",
        "--no-cache",
        "--link-exclude",
        "loop-",
        "--link-exclude",
        "status/",
        "--check-fragments",
        "--link-timeout",
        "1.5",
        "--format",
        "json",
        ".",
        cwd=project,
    )
    assert "links: 5 distinct targets: 1 ok, 0 broken, 2 moved, 2 excluded, 0 cached" in result.err
    assert not (project / "cache").exists()
    rules = [d["rule"] for d in result.json()["diagnostics"]]
    assert rules == ["moved-link", "moved-link"]


def test_loopback_refused_without_allow_private(tmp_path: Path, server: Server) -> None:
    (tmp_path / "plans.md").write_text(MARKDOWN.replace("{base}", f"http://127.0.0.1:{server.port}"), encoding="utf-8")
    server.seen.clear()
    result = run_cli("check", "--links", "--no-cache", "--select", "broken-link", "--format", "json", ".", cwd=tmp_path)
    messages = {d["message"] for d in result.json()["diagnostics"]}
    assert messages == {
        "broken link: not requested: 127.0.0.1 is a loopback address "
        "(use --allow-private or link-check.allow to permit it)"
    }
    assert server.seen.total() == 0
    allowed = run_cli(
        "check",
        "--links",
        "--no-cache",
        "--allow-private",
        "--select",
        "broken-link",
        "--format",
        "json",
        ".",
        cwd=tmp_path,
    )
    assert len(allowed.json()["diagnostics"]) == 2


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("[link-check]\ntimeout = 'soon'\n", "'timeout' must be a number"),
        ("[link-check]\ntimout = 5\n", "unknown key 'timout' (did you mean 'timeout'?)"),
        ("[link-check]\ncache-ttl = 'forever'\n", "link-check: 'cache-ttl' must be a number of seconds or a duration"),
        ("[link-check]\naccept = ['2xx']\n", "'accept' must be a list of HTTP status codes (100-999) or ranges"),
        ("[link-check]\nexclude = ['(unclosed']\n", "'exclude': invalid regex '(unclosed'"),
        ("[link-check]\nper-host = 0\n", "'per-host' must be a positive integer"),
        ("[link-check]\nallow = ['not a host!']\n", "must be a list of host names, addresses or networks"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, config: str, words: str) -> None:
    (tmp_path / "plans.md").write_text(
        "# Action 1: X\n\n## Office\n\n### Progress during 2019\n\nText.\n", encoding="utf-8"
    )
    (tmp_path / ".response-lint.toml").write_text(config, encoding="utf-8")
    result = run_cli("check", "--links", ".", cwd=tmp_path)
    assert result.code == 2
    assert words in result.err
    assert ".response-lint.toml" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("cache-ttl = 'forever'", "'cache-ttl' must be a number of seconds or a duration such as '30m', '12h' or '1d'"),
        ("broken-after = '2y'", "'broken-after' must be a number of seconds or a duration"),
        ("accept = [403, '2xx']", "'accept' must be a list of HTTP status codes (100-999) or ranges"),
        ("accept = ['300-200']", "'accept' must be a list of HTTP status codes"),
        ("allow = ['not a host!']", "'allow' must be a list of host names, addresses or networks"),
        ('user-agent = "two\\nlines"', "'user-agent' must be one line of text"),
        ("cache-path = ' '", "'cache-path' must be a file path"),
        ("timeout = 0", "'timeout' must be a number, more than 0, got 0"),
    ],
)
def test_link_settings_are_checked_when_the_config_loads(tmp_path: Path, setting: str, words: str) -> None:
    """Link settings are typed options: a bad value stops the run at load, without --links and
    before any file is read, naming the config file and the key as other options do."""
    config = tmp_path / ".response-lint.toml"
    config.write_text(f"[link-check]\n{setting}\n", encoding="utf-8")
    result = run_cli("check", "no-such-folder", cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"response-lint: error: {config}: link-check: {words}"), result.err


def test_link_flags_are_checked_before_files_are_read(tmp_path: Path) -> None:
    result = run_cli("check", "--links", "--cache-ttl", "forever", "no-such-folder", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("response-lint: error: command line: 'cache-ttl' must be a number of seconds")


def test_bad_flag_value_is_a_clear_error(project: Path) -> None:
    result = run_cli("check", "--links", "--cache-ttl", "forever", ".", cwd=project)
    assert result.code == 2
    assert "command line: 'cache-ttl' must be a number of seconds or a duration" in result.err
    result = run_cli("check", "--links", "--link-timeout", "0", ".", cwd=project)
    assert result.code == 2
    assert "command line: 'timeout' must be a number, more than 0, got 0.0" in result.err


def test_offline_run_never_imports_aiohttp() -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lint", "check", str(SEEDS / "001.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "lint.engine" in proc.stderr  # importtime did report
    assert "aiohttp" not in proc.stderr
    assert "lint.links.client" not in proc.stderr


def test_rule_docs_mention_links(project: Path) -> None:
    result = run_cli("rule", "moved-link", cwd=project)
    assert result.code == 0
    assert "--links" in result.out and "--fix" in result.out
    listing = json.loads(run_cli("rules", "--json", cwd=project).out)
    assert any(r["name"] == "moved-link" and r["fixable"] for r in listing)


class _HostileReason(socketserver.BaseRequestHandler):
    """Answers any request with a 404 whose reason phrase would clear a terminal, set its
    title and reverse what follows (aiohttp's server refuses to send one, so it is written raw)."""

    def handle(self) -> None:
        self.request.recv(65536)
        reason = "Gone\x1b[2J\x1b]0;pwned\x07\u202e\x9b".encode()
        self.request.sendall(b"HTTP/1.1 404 " + reason + b"\r\nContent-Length: 4\r\nConnection: close\r\n\r\ngone")


def test_a_hostile_reason_phrase_reaches_no_output_raw(tmp_path: Path) -> None:
    from tests.formats_support import validate_checkstyle, validate_junit, validate_sarif
    from tests.test_escape import RAW

    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), _HostileReason) as raw:
        threading.Thread(target=raw.serve_forever, daemon=True).start()
        try:
            _hostile_reason_run(tmp_path, f"http://127.0.0.1:{raw.server_address[1]}", RAW)
        finally:
            raw.shutdown()
    validate_sarif((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    validate_junit((tmp_path / "out.junit").read_text(encoding="utf-8"))
    validate_checkstyle((tmp_path / "out.checkstyle").read_text(encoding="utf-8"))


def _hostile_reason_run(tmp_path: Path, base: str, raw: re.Pattern[str]) -> None:
    (tmp_path / "plans.md").write_text(
        f"# Action 1: Plans\n\n## Board\n\n### Progress during 2019\n\nSee [the guide]({base}/hostile-reason).\n",
        encoding="utf-8",
    )
    (tmp_path / ".response-lint.toml").write_text(
        "select = ['broken-link']\n\n[link-check]\nallow-private = true\nretries = 0\ntimeout = 2\n"
        "cache-path = 'cache/links.sqlite3'\n",
        encoding="utf-8",
    )
    formats = ("text", "concise", "github", "json", "sarif", "gitlab", "junit", "checkstyle")
    args = ["check", "--links", "plans.md", "--format", "text"]
    for fmt in formats:
        args += ["--also-write", f"{fmt}=out.{fmt}"]
    result = run_process(*args, cwd=tmp_path)
    assert result.code == 1, result.err
    outputs = {fmt: (tmp_path / f"out.{fmt}").read_text(encoding="utf-8") for fmt in formats}
    outputs["stdout"], outputs["stderr"] = result.out, result.err
    for fmt, text in outputs.items():
        assert not raw.search(text), (fmt, raw.search(text))
    assert "broken link: 404 Gone\\x1b[2J" in outputs["concise"], outputs["concise"]  # escaped, where a person reads it
