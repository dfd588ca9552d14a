"""Link rules: broken-link (offline part), link-text and retired-domain."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.checks import broken_link
from lint.checks.api import Context
from lint.checks.link_syntax import host_of, url_problem
from lint.checks.retired_domain import domain_table, retired
from lint.config import Config
from lint.engine import available_rules
from lint.readers.phases import ReaderOptions
from lint.source import load

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures" / "rules"
SCHEMES = ("http", "https", "mailto")


def findings(cli, *paths: Path, select: str, cwd: Path | None = None):
    result = cli(
        "check", *(str(p) for p in paths), "--format", "json", "--select", select, "--fail-on", "never", cwd=cwd
    )
    assert result.code == 0, result.err
    return result.json()["diagnostics"]


def write_config(folder: Path, body: str) -> None:
    (folder / "pyproject.toml").write_text("[tool.response-lint]\n" + body, encoding="utf-8")


# ---------------------------------------------------------------- broken-link


def test_broken_link_in_the_2012_format(cli):
    found = findings(cli, FIX / "broken-link" / "bad-2013.txt", select="broken-link")
    assert [(d["line"], d["column"]) for d in found] == [
        (10, 41),
        (18, 35),
        (26, 16),
        (26, 45),
        (26, 72),
        (26, 148),
        (26, 202),
    ]
    messages = [d["message"] for d in found]
    assert messages[0] == "broken link: link [Read more »] has no target: expected (url) right after it"
    assert "misspelt scheme 'htp:'" in messages[1]
    assert "empty target" in messages[2]
    assert "it has no host" in messages[3]
    assert "contains a space" in messages[4]
    assert "scheme 'file:'" in messages[5]
    assert "has no email address" in messages[6]
    assert found[0]["entry"] == "Pensions Advisory Board"
    # the no-target finding spans the bracketed text; the others span the target
    assert (found[0]["column"], found[0]["end_column"]) == (41, 54)
    assert found[1]["end_column"] - found[1]["column"] == len("htp:/www.aviation-standards.example/plan")


def test_broken_link_leaves_placeholders_footnotes_and_references_alone(cli):
    assert findings(cli, FIX / "broken-link" / "good.md", select="broken-link") == []


def test_broken_link_relative_targets_only_when_absolute_is_required(cli, tmp_path):
    source = FIX / "broken-link" / "relative.md"
    assert findings(cli, source, select="broken-link") == []
    (tmp_path / "relative.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    write_config(tmp_path, "[tool.response-lint.rules.broken-link]\nrequire-absolute = true\n")
    found = findings(cli, tmp_path / "relative.md", select="broken-link", cwd=tmp_path)
    assert ["'/publications/digital-plan'" in found[0]["message"], "'annex.html'" in found[1]["message"]] == [
        True,
        True,
    ]
    assert len(found) == 2  # '#top' stays: a fragment cannot be made absolute


def test_broken_link_extend_not_links_and_schemes(cli, tmp_path):
    (tmp_path / "a.md").write_text(
        "# Action 1: Example\n\n## Museum Office\n\n### Progress during 2020\n\n"
        "Call [our desk](tel:+441234567890) or read the [catalogue] and [Museum name here].\n",
        encoding="utf-8",
    )
    found = findings(cli, tmp_path / "a.md", select="broken-link", cwd=tmp_path)
    assert len(found) == 3
    write_config(
        tmp_path,
        '[tool.response-lint.rules.broken-link]\nschemes = ["http", "https", "mailto", "tel"]\n'
        'extend-not-links = [".*\\\\bname here"]\n',
    )
    found = findings(cli, tmp_path / "a.md", select="broken-link", cwd=tmp_path)
    assert [d["message"] for d in found] == [
        "broken link: link [catalogue] has no target: expected (url) right after it"
    ]


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("htp:/x", "malformed"),
        ("hhtps://www.example.org/", "malformed"),
        ("http://", "malformed"),
        ("http:/www.example.org", "malformed"),
        ("https:www.example.org", "malformed"),
        ("http://www.exa mple.org/", "malformed"),
        ("http://www..example.org/", "malformed"),
        ("http://intranet/home", "malformed"),
        ("http://300.1.1.1/", "malformed"),
        ("https://www.example.org:99999/", "malformed"),
        ("https://www.example.org/100%", "malformed"),
        ("https://-x-.example.org/", "malformed"),
        ("mailto:", "malformed"),
        ("mailto:office", "malformed"),
        ("ftp://files.example.org/a.csv", "scheme"),
        ("javascript:void(0)", "scheme"),
        ("C:\\Users\\me\\plan.docx", "scheme"),
        ("www.example.org/plan", "no-scheme"),
        ("example.gov.uk/plan", "no-scheme"),
        ("https://www.example.org/a?b=c#d", None),
        ("http://localhost:8080/", None),
        ("https://[2001:db8::1]/x", None),
        ("https://café.example.org/menu", None),
        ("mailto:office@example.org?subject=Hello%20there", None),
        ("//cdn.example.org/x.js", None),
        ("/guidance/plan", None),
        ("#section-2", None),
    ],
)
def test_url_problem(target, code):
    found = url_problem(target, SCHEMES)
    assert (found[0] if found else None) == code, found


def test_url_problem_relative_and_bare():
    assert url_problem("plan.html", SCHEMES, require_absolute=True)[0] == "relative"
    assert url_problem("www.example.org/plan", SCHEMES, bare=True) is None


def test_links_to_fetch_gives_only_well_formed_web_links():
    rule = available_rules(Config())["broken-link"]
    context = Context(rule.name, rule.severity, rule.options)
    document = load(str(FIX / "broken-link" / "bad-2013.txt"), ReaderOptions())
    assert [link.target for link in broken_link.links_to_fetch(document, context)] == [
        "https://www.heritagepanel.example/digital"
    ]
    good = load(str(FIX / "broken-link" / "good.md"), ReaderOptions())
    assert [link.target for link in broken_link.links_to_fetch(good, context)] == [
        "https://www.heritagepanel.example/digital-plan",
        "www.heritagepanel.example/news",
        "https://www.heritagepanel.example/annex",
        "https://www.heritagepanel.example/glossary",
    ]


# ---------------------------------------------------------------- link-text


def test_link_text_one_finding_per_document_with_a_count(cli):
    (found,) = findings(cli, FIX / "link-text" / "bad.txt", select="link-text")
    assert (found["line"], found["column"]) == (7, 42)
    assert found["message"] == (
        "link text 'Read more »' or 'click here' or 'More...' says nothing of where "
        "the link goes (3 in this file): name the destination instead"
    )
    assert [(r["line"], r["column"]) for r in found["related"]] == [(14, 22), (21, 90)]
    assert findings(cli, FIX / "link-text" / "good.md", select="link-text") == []


def test_link_text_per_link_and_extended_phrases(cli, tmp_path):
    (tmp_path / "bad.txt").write_text((FIX / "link-text" / "bad.txt").read_text(encoding="utf-8"), encoding="utf-8")
    write_config(
        tmp_path,
        '[tool.response-lint.rules.link-text]\nper-link = true\nextend-phrases = ["digital plan for seed testing"]\n',
    )
    found = findings(cli, tmp_path / "bad.txt", select="link-text", cwd=tmp_path)
    assert [d["line"] for d in found] == [7, 14, 21, 21]


# ---------------------------------------------------------------- retired-domain


def test_retired_domain_in_links_and_running_text(cli):
    found = findings(cli, FIX / "retired-domain" / "bad.txt", select="retired-domain")
    assert [(d["line"], d["message"].split()[4].rstrip(":")) for d in found] == [
        (5, "www.education.gov.uk"),
        (8, "www.decc.gov.uk"),
        (11, "businesslink.gov.uk"),
        (14, "www.hm-treasury.gov.uk"),
    ]
    assert all(d["severity"] == "warning" for d in found)
    markdown = findings(cli, FIX / "retired-domain" / "bad.md", select="retired-domain")
    assert [(d["line"], d["column"]) for d in markdown] == [(7, 20), (13, 29)]
    assert findings(cli, FIX / "retired-domain" / "good.md", select="retired-domain") == []


def test_retired_domain_extend_keeps_the_built_in_list(cli, tmp_path):
    (tmp_path / "bad.md").write_text((FIX / "retired-domain" / "bad.md").read_text(encoding="utf-8"), encoding="utf-8")
    write_config(
        tmp_path, '[tool.response-lint.rules.retired-domain]\nextend-domains = ["*.artscouncil-legacy.example"]\n'
    )
    found = findings(cli, tmp_path / "bad.md", select="retired-domain", cwd=tmp_path)
    assert [d["line"] for d in found] == [7, 7, 13]


def test_domain_matching():
    exact, wildcard = domain_table(["www.oldsite.example", "https://legacy.example/path", "*.gone.example", ""])
    assert retired("oldsite.example", exact, wildcard)
    assert retired("www.oldsite.example", exact, wildcard)
    assert not retired("news.oldsite.example", exact, wildcard)
    assert retired("www.legacy.example", exact, wildcard)
    assert retired("a.b.gone.example", exact, wildcard) and retired("gone.example", exact, wildcard)
    assert not retired("notgone.example", exact, wildcard)
    assert host_of("HTTP://WWW.Example.ORG.:8080/x") == "www.example.org"
    assert host_of("www.example.org/x") == "www.example.org"
    assert host_of("/relative/path") is None and host_of(None) is None


def test_online_results_are_reported_under_the_same_rule():
    from lint.links.results import LinkResult, LinkResults

    rule = available_rules(Config())["broken-link"]
    document = load(str(FIX / "broken-link" / "bad-2013.txt"), ReaderOptions())
    target = "https://www.heritagepanel.example/digital"
    results = LinkResults({target: LinkResult(target, target, "broken", cause="410 Gone", code="410")})
    offline = list(broken_link.check(document, Context(rule.name, rule.severity, rule.options)))
    online = list(broken_link.check(document, Context(rule.name, rule.severity, rule.options, links=results)))
    assert len(online) == len(offline) + 1
    extra = online[-1]
    assert extra.args["problem"] == "410 Gone" and extra.args["code"] == "online-410"
    assert extra.span.slice(document.text) == target
