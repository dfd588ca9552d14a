"""The categories a content team acts on, each in its own scenario against real loopback
servers: pages behind a login, slow pages, redirect chains (with the fix), credentials
in URLs (offline too) and certificate problems (trustme certificates)."""

from __future__ import annotations

import datetime
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.links_support import Server, _no_proxy_from_outside, server

__all__ = ["_no_proxy_from_outside", "server"]

RULES = ["broken-link", "moved-link", "link-unreliable", "link-login", "link-slow", "link-redirect-chain"]
RULES += ["link-tls", "link-credentials"]


def project(tmp_path: Path, links: list[str], extra: str = "") -> Path:
    body = "\n".join(f"- See [page {i}]({url})." for i, url in enumerate(links))
    (tmp_path / "plans.md").write_text(
        f"# Action 7: Open data\n\n## Survey Office\n\n### Progress during 2019\n\n{body}\n", encoding="utf-8"
    )
    (tmp_path / ".response-lint.toml").write_text(
        f"select = {RULES!r}\n\n[link-check]\nallow-private = true\nretries = 0\ntimeout = 5\n"
        f"cache-path = 'cache/links.sqlite3'\n{extra}",
        encoding="utf-8",
    )
    return tmp_path


def found(folder: Path, *flags: str) -> list[tuple[int, str, str]]:
    result = run_cli("check", "--format", "json", *flags, ".", cwd=folder)
    assert result.code in (0, 1), result.err
    return sorted((d["line"] - 6, d["rule"], d["message"]) for d in result.json()["diagnostics"])


def test_login(tmp_path: Path, server: Server) -> None:
    folder = project(tmp_path, [server.url("/status/401"), server.url("/status/403"), server.url("/to-login")])
    assert found(folder, "--links") == [
        (1, "link-login", "readers may not be able to see this page: the server answers 401 Unauthorized"),
        (2, "link-login", "readers may not be able to see this page: the server answers 403 Forbidden"),
        (
            3,
            "link-login",
            "readers may not be able to see this page: it redirects to a sign-in page, "
            f"{server.url('/account/login')}?next=/to-login",
        ),
    ]


def test_slow(tmp_path: Path, server: Server) -> None:
    folder = project(
        tmp_path,
        [server.url("/slow?s=0.6"), server.url("/ok/quick")],
        "\n[rules.link-slow]\nslow-after = 0.3\n",
    )
    first = found(folder, "--links")
    assert [(line, rule) for line, rule, _ in first] == [(1, "link-slow")]
    assert first[0][2].startswith(f"slow page: {server.url('/slow?s=0.6')} took ")
    assert first[0][2].endswith("s to answer (more than 0.3 s)")
    result = run_cli("check", "--links", "--format", "json", ".", cwd=folder)
    assert "2 cached" in result.err
    assert [d["rule"] for d in result.json()["diagnostics"]] == ["link-slow"]  # the time is kept in the history


def test_redirect_chain_and_its_fix(tmp_path: Path, server: Server) -> None:
    links = [server.url(path) for path in ("/chain-1", "/paren-1", "/temporary-307", "/moved-then-302")]
    folder = project(tmp_path, links)
    assert found(folder, "--links") == [
        (1, "link-redirect-chain", f"link directly to {server.url('/ok')}: {links[0]} goes through 3 redirects"),
        (
            2,
            "link-redirect-chain",
            f"link directly to {server.url('/ok/report%20(2019)')}: {links[1]} goes through 2 redirects",
        ),
        # a chain that starts with a permanent move is moved-link's
        (4, "moved-link", f"link target {links[3]} has moved: moved permanently to {server.url('/chain-3')}"),
    ]
    result = run_cli("check", "--links", "--fix", "--select", "link-redirect-chain", ".", cwd=folder)
    assert result.code == 0, result.out + result.err
    text = (folder / "plans.md").read_text(encoding="utf-8")
    assert f"[page 0]({server.url('/ok')})" in text
    assert f"[page 1]({server.url('/ok/report%20%282019%29')})" in text  # escaped: a ')' would end the link
    assert found(folder, "--links") == [
        (4, "moved-link", f"link target {links[3]} has moved: moved permanently to {server.url('/chain-3')}")
    ]


def test_credentials_offline_and_fixed(tmp_path: Path, server: Server) -> None:
    port = server.port
    folder = project(
        tmp_path,
        [f"http://editor:Spring2019@127.0.0.1:{port}/ok/a", "https://uploads@files.example/in", "mailto:a@b.example"],
    )
    server.seen.clear()
    assert found(folder) == [
        (1, "link-credentials", "link target carries a user name and password: anyone reading can use them"),
        (2, "link-credentials", "link target carries a user name: anyone reading can use them"),
    ]
    assert server.seen.total() == 0  # offline
    online = found(folder, "--links", "--link-exclude", "files.example")
    assert [rule for _, rule, _ in online] == ["link-credentials", "link-credentials"]
    assert "Authorization" not in server.seen.headers["/ok/a"]
    assert run_cli("check", "--fix", "--select", "link-credentials", ".", cwd=folder).code == 0
    text = (folder / "plans.md").read_text(encoding="utf-8")
    assert f"(http://127.0.0.1:{port}/ok/a)" in text and "(https://files.example/in)" in text
    assert "Spring2019" not in text


@pytest.fixture(scope="module")
def bad_certificates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Server], Path]]:
    trustme = pytest.importorskip("trustme")
    ca, stranger = trustme.CA(), trustme.CA()

    def context(cert: object) -> ssl.SSLContext:
        made = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(made)  # type: ignore[attr-defined]
        return made

    old = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    self_signed = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    folder = tmp_path_factory.mktemp("certs")
    stranger.cert_pem.write_to_path(str(folder / "self.pem"))
    stranger.private_key_pem.write_to_path(str(folder / "self.key"))
    self_signed.load_cert_chain(folder / "self.pem", folder / "self.key")  # a CA's own certificate, trusted by nobody
    servers = {
        "expired": Server(context(ca.issue_cert("127.0.0.1", not_before=old, not_after=old + datetime.timedelta(1)))),
        "wrong-host": Server(context(ca.issue_cert("elsewhere.test"))),
        "self-signed": Server(self_signed),
        "good": Server(context(ca.issue_cert("127.0.0.1"))),
    }
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    yield servers, folder / "ca.pem"
    for instance in servers.values():
        instance.close()


def test_tls(tmp_path: Path, bad_certificates: tuple[dict[str, Server], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    servers, ca_file = bad_certificates
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    names = ["expired", "wrong-host", "self-signed", "good"]
    folder = project(tmp_path, [servers[name].url("/ok") for name in names])
    results = found(folder, "--links")
    assert [(line, rule) for line, rule, _ in results] == [(1, "link-tls"), (2, "link-tls"), (3, "link-tls")]
    messages = [message for _, _, message in results]
    assert messages[0].startswith("readers will see a security warning: its certificate has expired (")
    assert messages[1].startswith("readers will see a security warning: its certificate is for another host (")
    assert messages[2].startswith("readers will see a security warning: its certificate is self-signed (")
    assert all(servers[name].seen.total() == 0 for name in names[:3])  # no request got through


def test_rule_example_answers_are_checked_at_load(tmp_path: Path) -> None:
    from lint.rules import RuleError, load_rules

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "my-login.toml").write_text(
        'name = "my-login"\ncheck = "link-login"\nseverity = "info"\nsummary = "s"\nmessage = "{cause}"\n'
        '[[examples]]\nverdict = "fail"\ntext = "[a](https://x.example/)"\n'
        'links = { "https://x.example/" = { staus = 403 } }\n',
        encoding="utf-8",
    )
    with pytest.raises(
        RuleError, match=r"my-login\.toml: examples\[0\]: links: 'https://x.example/': unknown key 'staus'"
    ):
        load_rules([pack])


@pytest.mark.parametrize(
    ("url", "bare", "written"),
    [
        ("https://a.example/report (2019).pdf", False, "https://a.example/report%20%282019%29.pdf"),
        ("https://a.example/x?q=[1]", False, "https://a.example/x?q=%5B1%5D"),
        ("https://a.example/page.", True, "https://a.example/page%2E"),  # a reader would drop a bare URL's '.'
        ("https://a.example/page.", False, "https://a.example/page."),
        ("https://a.example/caf\u00e9#s", False, "https://a.example/caf\u00e9#s"),
    ],
)
def test_fix_targets_are_escaped_for_the_link_syntax(url: str, bare: bool, written: str) -> None:
    from lint.checks.link_results import escape_target

    assert escape_target(url, bare) == written
