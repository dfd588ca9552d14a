"""The failure history across runs: a passing outage is ``link-unreliable`` and never
``broken-link``; a lasting one becomes ``broken-link`` only past both thresholds; the
history file is portable, survives concurrent runs and a corrupt one is set aside;
``links report`` prints it worst first. Loopback servers only; the history's time
source is set by the tests, nothing sleeps."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lint.links import history
from lint.links.history import Observation, Record, advance, past_thresholds
from lint.links.report import state_of
from lint.links.results import Probe
from lint.links.settings import Settings
from lint.links.urls import parse_target
from lint.links.verdict import judge, observation
from tests.conftest import ROOT, run_cli
from tests.links_support import Server, _no_proxy_from_outside, server

__all__ = ["_no_proxy_from_outside", "server"]

DAY = 86400.0
T0 = 1_795_132_800.0  # 2026-11-20 00:00 UTC

DOC = """\
# Action 3: Flood data

## Environment Office

### Progress during 2019

The [gauge readings]({url}) are published hourly.
"""


class Clock:
    """The history's time source, moved by the tests."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = T0
        monkeypatch.setattr(history, "now", lambda: self.now)


def project(tmp_path: Path, urls: list[str], history_file: bool = True) -> Path:
    for i, url in enumerate(urls):
        (tmp_path / f"plan-{i}.md").write_text(DOC.format(url=url), encoding="utf-8")
    (tmp_path / ".response-lint.toml").write_text(
        "select = ['broken-link', 'link-unreliable']\n\n"
        "[link-check]\nallow-private = true\nretries = 0\ntimeout = 2\ncache-path = 'cache/links.sqlite3'\n"
        + ("history = 'link-history.sqlite3'\n" if history_file else ""),
        encoding="utf-8",
    )
    return tmp_path


def findings(folder: Path, *extra: str) -> tuple[int, list[tuple[str, str]], str]:
    result = run_cli("check", "--links", "--format", "json", *extra, ".", cwd=folder)
    assert result.code in (0, 1), result.err
    return result.code, [(d["rule"], d["message"]) for d in result.json()["diagnostics"]], result.err


def test_outage_that_passes_is_never_a_broken_link(
    tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    folder = project(tmp_path, [server.url("/down/2/outage")])
    seen = []
    for hour in range(3):
        clock.now = T0 + hour * 3600
        seen.append(findings(folder))
    (code1, first, err1), (code2, second, _), (code3, third, _) = seen
    assert first == [
        ("link-unreliable", "link may be unreliable: 503 Service Unavailable (failing since 2026-11-20, 1 run)")
    ]
    assert second == [
        ("link-unreliable", "link may be unreliable: 503 Service Unavailable (failing since 2026-11-20, 2 runs)")
    ]
    assert third == []
    assert (code1, code2, code3) == (0, 0, 0)  # a warning does not fail the run
    assert "1 unreliable" in err1
    assert server.seen.count("/down/2/outage") == 3  # transient failures are asked again, not cached
    records = history.History.open(folder / "link-history.sqlite3", portable=True)
    assert records is not None
    record = records.records()[server.url("/down/2/outage")]
    records.close()
    assert record.failing_runs == 0 and record.first_failure is None and record.last_success == T0 + 2 * 3600


def test_lasting_failure_becomes_broken_past_both_thresholds(
    tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    folder = project(tmp_path, [server.url("/status/503")])
    rules = []
    for when in (T0, T0 + 1 * DAY, T0 + 2 * DAY, T0 + 3 * DAY):
        clock.now = when
        code, found, _ = findings(folder)
        rules.append((code, found))
    assert [r[1][0][0] for r in rules] == ["link-unreliable"] * 3 + ["broken-link"]
    # three runs by the third, but only two days: still unreliable
    assert rules[2][1] == [
        ("link-unreliable", "link may be unreliable: 503 Service Unavailable (failing since 2026-11-20, 3 runs)")
    ]
    assert rules[3] == (1, [("broken-link", "broken link: 503 Service Unavailable (failing since 2026-11-20, 4 runs)")])


def test_time_alone_is_not_enough(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock(monkeypatch)
    folder = project(tmp_path, [server.url("/status/502")])
    clock.now = T0
    findings(folder)
    clock.now = T0 + 10 * DAY  # ten days, but only the second run
    assert [rule for rule, _ in findings(folder)[1]] == ["link-unreliable"]


def test_definite_failure_is_broken_at_once(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    Clock(monkeypatch)
    folder = project(tmp_path, [server.url("/status/410")])
    assert findings(folder)[1] == [("broken-link", "broken link: 410 Gone")]


def test_history_lives_in_the_cache_without_a_history_file(
    tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    folder = project(tmp_path, [server.url("/status/504")], history_file=False)
    for day in range(4):
        clock.now = T0 + day * DAY
        found = findings(folder)[1]
    assert [rule for rule, _ in found] == ["broken-link"]
    with sqlite3.connect(folder / "cache" / "links.sqlite3") as db:
        assert db.execute("SELECT failing_runs FROM history").fetchall() == [(4,)]


def test_thresholds_are_settings(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    Clock(monkeypatch)
    folder = project(tmp_path, [server.url("/status/500")])
    config = folder / ".response-lint.toml"
    base = config.read_text(encoding="utf-8")
    config.write_text(base + "broken-after-runs = 1\nbroken-after = 0\n", encoding="utf-8")
    assert [rule for rule, _ in findings(folder)[1]] == ["broken-link"]
    config.write_text(base + "broken-after-runs = 0\n", encoding="utf-8")
    result = run_cli("check", "--links", ".", cwd=folder)
    assert result.code == 2 and "broken-after-runs" in result.err and "positive" in result.err, result.err
    config.write_text(base + "broken-after = 'soon'\n", encoding="utf-8")
    result = run_cli("check", "--links", ".", cwd=folder)
    assert result.code == 2 and "link-check: 'broken-after' must be a number of seconds or a duration" in result.err, (
        result.err
    )


def test_advance_and_thresholds() -> None:
    fail = Observation("u", False, "503 Service Unavailable", "503", transient=True)
    one = advance(None, fail, T0)
    two = advance(one, fail, T0 + DAY)
    assert (two.first_failure, two.last_failure, two.failing_runs) == (T0, T0 + DAY, 2)
    assert not past_thresholds(two, 2, 3 * DAY, T0 + DAY)  # runs, not time
    assert past_thresholds(two, 2, 3 * DAY, T0 + 3 * DAY)
    healed = advance(two, Observation("u", True, "200 OK", "200"), T0 + 4 * DAY)
    assert healed == Record(
        "u", last_success=T0 + 4 * DAY, last_status="200 OK", last_code="200", updated_at=healed.updated_at
    )
    again = advance(healed, fail, T0 + 5 * DAY)
    assert (again.first_failure, again.failing_runs, again.last_success) == (T0 + 5 * DAY, 1, T0 + 4 * DAY)
    assert history.describe(again) == "failing since 2026-11-25, 1 run"


def test_corrupt_history_file_is_set_aside(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    Clock(monkeypatch)
    folder = project(tmp_path, [server.url("/status/503")])
    garbage = b"this is not a database, but it claims to hold 9 failing runs" * 20
    (folder / "link-history.sqlite3").write_bytes(garbage)
    _, found, err = findings(folder)
    assert [rule for rule, _ in found] == ["link-unreliable"]  # the corrupt file was not trusted
    assert "link history" in err and "is corrupt" in err and "set aside" in err
    assert (folder / "link-history.sqlite3.corrupt").read_bytes() == garbage
    with sqlite3.connect(folder / "link-history.sqlite3") as db:
        assert db.execute("SELECT failing_runs FROM history").fetchall() == [(1,)]


def test_history_file_is_one_portable_file(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    Clock(monkeypatch)
    folder = project(tmp_path, [server.url("/status/503")])
    findings(folder)
    assert sorted(p.name for p in folder.glob("link-history*")) == ["link-history.sqlite3"]  # no -wal, no -journal
    with sqlite3.connect(folder / "link-history.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_history_file_survives_two_concurrent_runs(tmp_path: Path, server: Server) -> None:
    """Two processes write one history file at once: both runs are counted, nothing is lost."""
    shared = [server.url(f"/status/503?shared={i}") for i in range(15)]
    folders = []
    for name in ("a", "b"):
        own = [server.url(f"/status/500?{name}={i}") for i in range(15)]
        folder = tmp_path / name
        folder.mkdir()
        folders.append(project(folder, shared + own))
    history_file = tmp_path / "shared-history.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RESPONSE_LINT_CACHE_DIR": str(tmp_path / "user-cache")}
    command = [sys.executable, "-m", "lint", "check", "--links", "--no-cache", "--link-history", str(history_file), "."]
    for _ in range(2):
        procs = [
            subprocess.Popen(command, cwd=f, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for f in folders
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err  # only warnings
            assert "Traceback" not in err and "could not be" not in err, err
    store = history.History.open(history_file, portable=True)
    assert store is not None
    records = store.records()
    store.close()
    assert len(records) == 45
    assert {records[url].failing_runs for url in shared} == {4}  # two runs each, twice
    assert {r.failing_runs for url, r in records.items() if url not in shared} == {2}


def test_links_report(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock(monkeypatch)
    urls = [server.url("/status/503"), server.url("/status/404"), server.url("/ok/fine"), server.url("/status/502")]
    folder = project(tmp_path, urls[:3])
    for day in (0, 1, 2, 3):
        clock.now = T0 + day * DAY
        if day == 2:  # /status/502 is linked from the third run on
            (folder / "plan-3.md").write_text(DOC.format(url=urls[3]), encoding="utf-8")
        findings(folder)
    result = run_cli("links", "report", "--format", "json", cwd=folder)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["history"].endswith("link-history.sqlite3")
    table = [(t["target"], t["state"], t["runs"]) for t in data["targets"]]
    assert table == [
        (urls[0], "broken", 4),  # past both thresholds: worst
        (urls[1], "broken", 1),  # a definite failure: cached for a day, so asked (and counted) once
        (urls[3], "unreliable", 2),
        (urls[2], "ok", 0),
    ]
    assert data["targets"][0]["since"] == "2026-11-20T00:00:00Z"
    assert data["targets"][0]["last_status"] == "503 Service Unavailable"
    text = run_cli("links", "report", "--failing", cwd=folder).out.splitlines()
    assert text[0].split() == ["STATE", "SINCE", "RUNS", "TARGET", "(LAST", "ANSWER)"]
    assert text[1].split()[:4] == ["broken", "2026-11-20", "4", urls[0]]
    assert len(text) == 5 and text[-1] == "3 targets, 3 failing"
    other = run_cli("links", "report", "--link-history", str(tmp_path / "none.sqlite3"), cwd=folder)
    assert other.code == 0 and "no targets" in other.out


@pytest.mark.parametrize(
    "probe",
    [
        Probe("https://a.example/", status=503, reason="Service Unavailable"),
        Probe("https://a.example/", status=404, reason="Not Found"),
        Probe("https://a.example/", status=401, reason="Unauthorized"),
        Probe("https://a.example/", status=403, reason="Forbidden"),
        Probe("https://a.example/", error="tls", detail="TLS certificate error: certificate has expired"),
        Probe("https://a.example/", error="timeout", detail="timed out after 20 s"),
        Probe("https://a.example/", error="dns", detail="no such host"),
        Probe("https://a.example/", status=200, reason="OK"),
    ],
)
@pytest.mark.parametrize("runs", [1, 5])
def test_links_report_states_are_what_check_would_say(probe: Probe, runs: int) -> None:
    """`links report` judges a target's last answer with check's own verdict, runs after runs."""
    settings = Settings()
    record = None
    for day in range(runs):
        seen = observation(probe, settings)
        assert seen is not None
        record = advance(record, seen, T0 + day * DAY)
    assert record is not None
    at = T0 + runs * DAY
    target = parse_target(probe.url)
    assert target is not None
    result = judge(target, probe, settings, record, at)
    assert state_of(record, settings, at) == (result.category or result.state)


def test_links_report_applies_the_accept_list_as_check_does() -> None:
    """A status the config now accepts reads "ok", as the next check would call it (the report
    used to re-derive the state from the record and said "login" or "broken")."""
    for status, before in ((403, "login"), (404, "broken")):
        record = None
        for day in range(3):
            seen = Observation("https://a.example/", False, f"{status} X", str(status))
            record = advance(record, seen, T0 + day * DAY)
        assert record is not None
        assert state_of(record, Settings(), T0 + 3 * DAY) == before
        assert state_of(record, Settings(accept=frozenset({status})), T0 + 3 * DAY) == "ok"


def test_offline_run_imports_nothing_of_the_link_checker(tmp_path: Path) -> None:
    """The link rules are loaded (and run) offline: the link checker's modules are not imported for that."""
    (tmp_path / "plan.md").write_text(DOC.format(url="https://editor:pw@example.org/p"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lint", "check", "--no-cache", str(tmp_path / "plan.md")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "RESPONSE_LINT_CACHE_DIR": str(tmp_path / "cache")},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]  # link-credentials found the password
    assert "lint.engine" in proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert not imported & {f"lint.links.{m}" for m in ("history", "verdict", "urls", "settings", "cache", "client")}


def test_damaged_history_file_is_set_aside(tmp_path: Path) -> None:
    """A file with a good header and damaged pages is caught at open, not trusted later."""
    path = tmp_path / "history.sqlite3"
    store = history.History.open(path, portable=True)
    assert store is not None
    fail = [Observation(f"https://a.example/{i}", False, "503 Service Unavailable", "503", True) for i in range(3000)]
    store.record_run(fail, T0)
    store.close()
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\x5a" * 4096
    path.write_bytes(bytes(data))
    warnings: list[str] = []
    again = history.History.open(path, portable=True, warn=warnings.append)
    assert again is not None and again.records() == {}
    again.close()
    assert len(warnings) == 1 and "is corrupt" in warnings[0] and "set aside" in warnings[0]
    assert (tmp_path / "history.sqlite3.corrupt").read_bytes() == bytes(data)


def test_a_corrupt_history_that_cannot_be_moved_or_removed_is_left_and_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither rename nor removal allowed (a read-only mount): one warning, no history, no traceback."""
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 50)

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "unlink", refuse)
    warnings: list[str] = []
    assert history.History.open(path, portable=True, warn=warnings.append) is None
    assert len(warnings) == 1 and "cannot be set aside" in warnings[0]
    assert path.read_bytes() == b"this is not a database" * 50  # the user's file is as it was


def test_a_corrupt_history_that_cannot_be_moved_is_said_to_be_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rename refused, removal allowed: the warning says the file was removed, not that it was set
    aside under a name that does not exist (the history's own copy of set-aside said so)."""
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 50)

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    warnings: list[str] = []
    store = history.History.open(path, portable=True, warn=warnings.append)
    assert store is not None and store.records() == {}
    store.close()
    assert len(warnings) == 1 and "is corrupt" in warnings[0] and "removed it and started afresh" in warnings[0]
    assert ".corrupt" not in warnings[0] and list(tmp_path.glob("*.corrupt*")) == []


def test_corrupt_history_files_are_numbered_so_earlier_ones_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    for n in (1, 2):
        path.write_bytes(b"damaged %d " % n * 50)
        store = history.History.open(path, portable=True, warn=lambda _: None)
        assert store is not None
        store.close()
    assert (tmp_path / "history.sqlite3.corrupt").read_bytes() == b"damaged 1 " * 50
    assert (tmp_path / "history.sqlite3.corrupt2").read_bytes() == b"damaged 2 " * 50


def test_a_history_whose_table_vanished_is_damaged_as_for_the_cache(tmp_path: Path) -> None:
    """ "no such table" reads as a damaged file for the history as it does for the link cache
    (the two used to keep their own lists of SQLite's words, and only the cache had this one)."""
    path = tmp_path / "history.sqlite3"
    warnings: list[str] = []
    store = history.History.open(path, portable=True, warn=warnings.append)
    assert store is not None
    with sqlite3.connect(path) as other:
        other.execute("DROP TABLE history")
    assert store.records(["https://a.example/"]) == {}
    assert len(warnings) == 1 and "no such table" in warnings[0] and "set aside as" in warnings[0]
    assert (tmp_path / "history.sqlite3.corrupt").exists()


def test_history_warnings_are_escaped_for_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bad\x1b[31mname"
    folder.mkdir()
    path = folder / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 50)
    history.History.open(path, portable=True)
    err = capsys.readouterr().err
    assert "is corrupt" in err and "\x1b" not in err
