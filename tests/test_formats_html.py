"""``--format html`` rendered in real headless chromium: the documents table, the status
cells and their states, every finding highlighted on its exact span, the filters and the
keyboard, accessibility (table headers, contrast) and no request beyond the file itself."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from lint.model import LineIndex
from tests.browser import Browser, Page, chromium
from tests.conftest import ROOT, run_cli

PATHS = ("fixtures/seeds", "fixtures/real", "fixtures/rules/missing-phase")  # the last: real missing phases

STATE_WORDS = {"present", "placeholder", "copied", "missing", "broken link", "hard to read"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("html") / "report.html"
    paths = [p for p in PATHS if (ROOT / p).is_dir()]
    html = run_cli("check", *paths, "--format", "html", "--output", str(out), "--fail-on", "never")
    assert html.code == 0, html.err
    as_json = run_cli("check", *paths, "--format", "json", "--fail-on", "never")
    return out, as_json.json()["diagnostics"]


@pytest.fixture(scope="module")
def page(rendered: tuple[Path, list[dict[str, Any]]]) -> Any:
    binary = chromium()
    if binary is None:
        pytest.skip("Debian's chromium is not installed (.ci/system-deps installs it)")
    browser = Browser(binary)
    try:
        yield browser.open(rendered[0].as_uri())
    finally:
        browser.close()


def _cells(page: Page) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """path -> entry -> phase -> {states, text, href} from the rendered status tables."""
    return page.evaluate(
        """(() => {
        const out = {};
        document.querySelectorAll("section.document").forEach(section => {
          const path = section.querySelector("h2 code").textContent;
          const table = section.querySelector("table.status");
          if (!table) return;
          const columns = Array.from(table.querySelectorAll("thead th")).slice(1).map(th => th.textContent);
          const rows = {};
          table.querySelectorAll("tbody tr").forEach(tr => {
            const entry = tr.querySelector("th").firstChild.textContent.trim();
            const cells = {};
            tr.querySelectorAll("td").forEach((td, i) => {
              const a = td.querySelector("a");
              cells[columns[i]] = {states: td.dataset.states.split(" "), text: td.innerText,
                                   href: a ? a.getAttribute("href") : null,
                                   color: getComputedStyle(td).color, background: getComputedStyle(td).backgroundColor};
            });
            rows[entry] = cells;
          });
          out[path] = rows;
        });
        return out;
    })()"""
    )


def test_only_the_file_itself_is_requested(page: Page, rendered: tuple[Path, list[dict[str, Any]]]) -> None:
    assert page.requested() == [rendered[0].as_uri()]


def test_documents_table_counts_every_rule(page: Page, rendered: tuple[Path, list[dict[str, Any]]]) -> None:
    diagnostics = rendered[1]
    rows = page.evaluate(
        """Array.from(document.querySelectorAll("table.documents tbody tr")).map(tr =>
            [tr.querySelector("th").innerText, Array.from(tr.querySelectorAll("td")).map(td => +td.innerText)])"""
    )
    rules = page.evaluate("""Array.from(document.querySelectorAll("table.documents thead th")).map(t => t.innerText)""")
    expected = Counter((d["path"], d["rule"]) for d in diagnostics)
    assert len(rows) >= 2 and rules[:2] == ["document", "findings"]
    for path, numbers in rows:
        assert numbers[0] == sum(n for (p, _), n in expected.items() if p == path)
        assert numbers[1:] == [expected[path, rule] for rule in rules[2:]]


def test_status_cells_say_their_state_in_words(page: Page, rendered: tuple[Path, list[dict[str, Any]]]) -> None:
    cells = _cells(page)
    diagnostics = rendered[1]
    seed_000, seed_001 = cells["fixtures/seeds/000.txt"], cells["fixtures/seeds/001.txt"]
    dclg = "Department for Communities and Local Government"
    assert seed_001[dclg]["commitment 2012"]["states"][0] == "placeholder"
    assert "placeholder" in seed_001[dclg]["commitment 2012"]["text"]
    # DCLG answers in 001 but not in 000: a row of missing cells there, named by the finding only
    assert {c["text"].strip() for c in seed_000[dclg].values()} == {"✗ missing"}
    ago = seed_000["The Attorney General’s Office"]["plan 2015"]
    assert "copied" in ago["states"] and "copied from plan 2014" in ago["text"]
    role_state = {
        "placeholder": "placeholder",
        "year-copy": "copied",
        "entry-copy": "copied",
        "missing-phase": "missing",
        "retired-domain": "broken-link",
        "readability": "hard-to-read",
    }
    checked = Counter()
    for d in diagnostics:
        state = role_state.get(d["rule"])
        if state is None or d["entry"] is None or d["phase"] is None:
            continue
        cell = cells[d["path"]][d["entry"]][d["phase"]]
        assert state in cell["states"], (d, cell)
        assert state.replace("-", " ") in cell["text"]
        checked[state] += 1
    assert set(checked) == set(role_state.values())
    for rows in cells.values():
        for row in rows.values():
            for cell in row.values():
                assert any(word in cell["text"] for word in STATE_WORDS), cell  # never colour alone
                if cell["href"] is not None:
                    target = page.evaluate(f"document.getElementById({json.dumps(cell['href'][1:])}).className")
                    assert "finding" in target


def _luminance(css: str) -> float:
    r, g, b = (int(x) / 255 for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_contrast_meets_wcag_aa(page: Page) -> None:
    seen = set()
    for rows in _cells(page).values():
        for row in rows.values():
            for cell in row.values():
                seen.add((cell["color"], cell["background"], cell["states"][0]))
    assert {state for _, _, state in seen} >= {"present", "placeholder", "copied", "missing", "hard-to-read"}
    for color, background, state in seen:
        light, dark = sorted((_luminance(color), _luminance(background)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (state, color, background)


def test_every_finding_is_highlighted_on_its_exact_span(
    page: Page, rendered: tuple[Path, list[dict[str, Any]]]
) -> None:
    diagnostics = rendered[1]
    notes = page.evaluate(
        """Array.from(document.querySelectorAll(".finding")).map(f => ({
            id: f.id, rule: f.dataset.rule,
            marked: Array.from(document.querySelectorAll("mark.hl")).filter(m => m.dataset.f.split(" ").includes(f.id))
                .map(m => m.classList.contains("point") ? "" : m.textContent).join(""),
            points: document.querySelectorAll(`mark.point[data-f~="${f.id}"]`).length}))"""
    )
    assert len(notes) == len(diagnostics) > 100
    texts: dict[str, tuple[str, LineIndex]] = {}
    for note, d in zip(notes, diagnostics, strict=True):
        assert note["rule"] == d["rule"]
        if d["path"] not in texts:
            text = (ROOT / d["path"]).read_text(encoding="utf-8-sig")
            texts[d["path"]] = (text, LineIndex(text))
        text, index = texts[d["path"]]
        start = index.line_span(d["line"]).start + d["column"] - 1
        end = index.line_span(d["end_line"]).start + d["end_column"] - 1
        expected = text[start:end].replace("\r", "").replace("\n", "")
        assert note["marked"] == expected, d
        if start == end:
            assert note["points"] == 1, d


def test_copies_are_shown_side_by_side_with_shared_words(page: Page) -> None:
    pair = page.evaluate(
        """(() => {
        const f = Array.from(document.querySelectorAll('.finding[data-rule="year-copy"]'))
            .find(f => f.querySelector(".msg").textContent.includes("word for word"));
        const figures = f.querySelectorAll(".pair figure");
        return Array.from(figures).map(fig => ({caption: fig.querySelector("figcaption").textContent,
            words: fig.querySelector("p").textContent.split(/\\s+/).filter(Boolean).length,
            shared: fig.querySelectorAll("mark.shared").length}));
    })()"""
    )
    assert len(pair) == 2
    assert pair[1]["caption"].startswith("First written in ")
    assert all(side["shared"] == side["words"] > 3 for side in pair)  # a verbatim copy shares every word


def test_filters_work_in_the_page(page: Page, rendered: tuple[Path, list[dict[str, Any]]]) -> None:
    diagnostics = rendered[1]
    by_severity = Counter(d["severity"] for d in diagnostics)

    def visible() -> int:
        return page.evaluate("""document.querySelectorAll(".finding:not([hidden])").length""")

    assert visible() == len(diagnostics)
    page.evaluate("""document.querySelector('input[name="severity"][value="warning"]').click()""")
    assert visible() == len(diagnostics) - by_severity["warning"]
    assert page.evaluate("""document.getElementById("shown").textContent""") == (
        f"Showing {len(diagnostics) - by_severity['warning']} of {len(diagnostics)} findings."
    )
    # highlights of warnings only are switched off, the others stay
    off = page.evaluate("""Array.from(document.querySelectorAll("mark.hl.off")).length""")
    assert off > 0
    assert page.evaluate("""document.querySelectorAll('.finding[data-severity="warning"]:not([hidden])').length""") == 0
    page.evaluate("""document.querySelector('input[name="severity"][value="warning"]').click()""")
    page.evaluate("""document.querySelector('button[data-none="rule"]').click()""")
    page.evaluate("""document.querySelector('input[name="rule"][value="placeholder"]').click()""")
    assert visible() == sum(1 for d in diagnostics if d["rule"] == "placeholder") > 0
    # keyboard: n moves to the next shown finding
    page.key("n")
    focused = page.evaluate("""[document.activeElement.className, document.activeElement.dataset.rule]""")
    assert focused == ["finding sev-error", "placeholder"]
    page.evaluate("""document.querySelector('button[data-all="rule"]').click()""")
    assert visible() == len(diagnostics)


def test_structure_for_assistive_technology(page: Page) -> None:
    facts = page.evaluate(
        """({h1: document.querySelectorAll("h1").length,
            headScopes: Array.from(document.querySelectorAll("thead th")).map(th => th.getAttribute("scope")),
            rowScopes: Array.from(document.querySelectorAll("tbody th")).map(th => th.getAttribute("scope")),
            captions: document.querySelectorAll("table.status caption").length,
            statusTables: document.querySelectorAll("table.status").length,
            lang: document.documentElement.lang,
            unlabelled: Array.from(document.querySelectorAll("input")).filter(i => !i.closest("label")).length})"""
    )
    assert facts["h1"] == 1 and facts["lang"] == "en" and facts["unlabelled"] == 0
    assert set(facts["headScopes"]) == {"col"} and set(facts["rowScopes"]) == {"row"}
    assert facts["captions"] == facts["statusTables"] > 2


def test_screenshot_is_kept(page: Page, tmp_path_factory: pytest.TempPathFactory) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    shot = page.screenshot(tmp_path_factory.mktemp("artifacts") / "html-report.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    print(f"screenshot: {shot}")


def test_untrusted_text_is_escaped(tmp_path: Path) -> None:
    bad = (
        "# Action 1: <script>alert(1)</script>\n\n## <img src=x onerror=alert(2)>\n\n### Progress during 2020\n\nTBC\n"
    )
    (tmp_path / "a&b.md").write_text(bad, encoding="utf-8")
    out = tmp_path / "r.html"
    result = run_cli("check", str(tmp_path / "a&b.md"), "--format", "html", "-o", str(out))
    assert result.code == 1, result.err
    html = out.read_text(encoding="utf-8")
    assert "<img" not in html and "alert(1)</script>" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "a&amp;b.md" in html
    assert html.count("<script>") == 1  # our own, inline
