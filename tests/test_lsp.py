"""``response-lint lsp`` driven by pygls's real client over stdio: diagnostics pushed and pulled,
UTF-16 ranges, config found upward, cross-document rules with unsaved buffers winning,
document symbols, hover, go to definition and code actions. And: ``check`` never imports pygls."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from tests.conftest import ROOT, SEEDS, run_cli
from tests.lsp_support import Session

UNICODE_MD = (
    "# Action 2: Forms\n\n## Office of Forms\n\n### Progress during 2020\n\n"
    "We » ’ 😀 recieved the forms.\n\n### PLANNED ACTIVITIES IN 2021\n\nWe will publish the forms online.\n"
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for name in ("000.txt", "001.txt"):
        shutil.copy(SEEDS / name, content / name)
    # found upward from the files' folder, as check finds it
    (tmp_path / ".response-lint.toml").write_text('ignore = ["plain-english"]\n', encoding="utf-8")
    (content / "forms.md").write_text(UNICODE_MD, encoding="utf-8")
    return tmp_path


def _expected(workspace: Path, name: str) -> list[tuple[str, int, int]]:
    result = run_cli("check", f"content/{name}", "content", "--format", "json", "--fail-on", "never", cwd=workspace)
    return sorted(
        (d["rule"], d["line"] - 1, d["end_line"] - 1)
        for d in result.json()["diagnostics"]
        if d["path"] == f"content/{name}"
    )


def _got(diagnostics: list[lsp.Diagnostic]) -> list[tuple[str, int, int]]:
    return sorted((str(d.code), d.range.start.line, d.range.end.line) for d in diagnostics)


def test_push_diagnostics_match_check_and_follow_changes(workspace: Path) -> None:
    expected_000 = _expected(workspace, "000.txt")
    seed_001 = (workspace / "content" / "001.txt").read_text(encoding="utf-8")

    async def scenario() -> None:
        async with Session(workspace) as session:
            uri = session.open("content/000.txt")
            diagnostics = await session.diagnostics(uri, version=1)
            assert _got(diagnostics) == expected_000  # the workspace's 001 read from disk for missing-entry
            assert not any(d.code == "plain-english" for d in diagnostics)  # the config upward was used
            missing = next(d for d in diagnostics if d.code == "missing-entry")
            assert missing.severity == lsp.DiagnosticSeverity.Error and missing.source == "response-lint"
            assert missing.code_description is not None
            assert missing.code_description.href.endswith("/missing-entry.toml")
            related = missing.related_information or []
            assert [r.location.uri for r in related] == [session.uri("content/001.txt")]
            copy = next(d for d in diagnostics if d.code == "year-copy" and d.range.start.line == 14)
            assert [r.location.range.start.line for r in copy.related_information or []] == [10]

            # an unsaved buffer wins over the disk: 001 without DCLG's answer, so 000 misses nothing
            other = session.open("content/001.txt")
            await session.diagnostics(other, version=1)
            name = seed_001.index("##Department for<br>Communities")
            start = seed_001.rindex("{div .department}", 0, name)
            end = seed_001.index("{/div}\n{/div}", name) + len("{/div}\n{/div}")
            assert "Communities" in seed_001[start:end] and seed_001[start:end].count("{div .department}") == 1
            version = session.change(other, seed_001[:start] + seed_001[end:])
            await session.diagnostics(other, version=version)
            version = session.change(uri, (workspace / "content" / "000.txt").read_text(encoding="utf-8") + "\n")
            after = await session.diagnostics(uri, version=version)
            assert "missing-entry" not in {d.code for d in after}

            # a change removes a finding: the 2012 placeholder answered
            version = session.change(other, seed_001.replace("Coming soon...", "We published our plan in May."))
            placeholders = [d for d in await session.diagnostics(other, version=version) if d.code == "placeholder"]
            assert placeholders == []

            # saving one file re-lints every open buffer (the cross-document rules may change)
            before = len(session.published[uri])
            session.client.text_document_did_save(
                lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=other))
            )
            for _ in range(100):
                if len(session.published[uri]) > before:
                    break
                await asyncio.sleep(0.1)
            assert len(session.published[uri]) > before

    asyncio.run(scenario())


def test_utf16_ranges_pull_diagnostics_and_code_actions(workspace: Path) -> None:
    async def scenario() -> None:
        async with Session(workspace, pull=True) as session:
            uri = session.open("content/forms.md")
            items = await session.pulled(uri)
            assert not session.published.get(uri)  # a pulling client gets no pushes
            spelling = next(d for d in items if d.code == "spelling")
            line = UNICODE_MD.splitlines()[spelling.range.start.line]
            prefix = line[: line.index("recieved")]
            assert spelling.range.start.character == len(prefix.encode("utf-16-le")) // 2 == len(prefix) + 1
            assert spelling.range.end.character - spelling.range.start.character == len("recieved")

            heading = next(d for d in items if d.code == "heading-style")
            actions = await session.client.text_document_code_action_async(
                lsp.CodeActionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri),
                    range=heading.range,
                    context=lsp.CodeActionContext(diagnostics=[heading]),
                )
            )
            titles = [a.title for a in actions or [] if isinstance(a, lsp.CodeAction)]
            fix = next(a for a in actions or [] if isinstance(a, lsp.CodeAction) and a.is_preferred)
            assert fix.edit is not None and fix.edit.changes is not None
            assert [e.new_text for e in fix.edit.changes[uri]] == ["Planned activities in 2021"]
            assert "Disable heading-style for this line" in titles
            assert any(t.startswith("Fix all response-lint findings") for t in titles)

            # the suppression comment, applied, silences the finding
            disable = next(a for a in actions or [] if isinstance(a, lsp.CodeAction) and a.title.startswith("Disable"))
            assert disable.edit is not None and disable.edit.changes is not None
            (edit,) = disable.edit.changes[uri]
            lines = UNICODE_MD.splitlines(keepends=True)
            assert edit.range.start == edit.range.end == lsp.Position(line=heading.range.start.line, character=0)
            assert edit.new_text == "<!-- response-lint: disable-next-line=heading-style -->\n"
            lines.insert(edit.range.start.line, edit.new_text)
            session.change(uri, "".join(lines))
            assert "heading-style" not in {d.code for d in await session.pulled(uri)}

            # a format without comments gets no suppression action
            seed = session.open("content/000.txt")
            first = (await session.pulled(seed))[0]
            actions = await session.client.text_document_code_action_async(
                lsp.CodeActionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=seed),
                    range=first.range,
                    context=lsp.CodeActionContext(diagnostics=[first]),
                )
            )
            assert not [a for a in actions or [] if isinstance(a, lsp.CodeAction) and a.title.startswith("Disable")]

    asyncio.run(scenario())


def test_symbols_hover_and_definition(workspace: Path) -> None:
    outline = run_cli("outline", str(workspace / "content" / "000.txt")).json()

    async def scenario() -> None:
        async with Session(workspace) as session:
            uri = session.open("content/000.txt")
            diagnostics = await session.diagnostics(uri, version=1)
            symbols = await session.client.text_document_document_symbol_async(
                lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
            )
            assert symbols is not None
            entries = [s for s in symbols if isinstance(s, lsp.DocumentSymbol)]
            assert [s.name for s in entries] == [e["name"] for e in outline["entries"]]
            assert len(entries) == 17
            first = entries[0]
            assert [c.detail for c in first.children or []] == [p["phase"] for p in outline["entries"][0]["phases"]]
            assert all(
                (c.range.start.line, c.range.start.character) >= (first.range.start.line, first.range.start.character)
                for c in first.children or []
            )

            near = next(d for d in diagnostics if d.code == "year-copy" and d.range.start.line == 70)
            hover = await session.client.text_document_hover_async(
                lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=near.range.start)
            )
            assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
            text = hover.contents.value
            assert "`year-copy`" in text and "A phase that repeats" in text
            assert "words that differ in bold" in text and "**" in text.split("words that differ in bold")[1]

            places = await session.client.text_document_definition_async(
                lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=near.range.start)
            )
            assert isinstance(places, list) and places
            assert places[0].uri == uri and places[0].range.start.line == 66  # progress 2013: first written there

    asyncio.run(scenario())


def _loaded(statement: str) -> list[str]:
    code = (
        f"import json, sys; {statement}; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')); "
        "print(json.dumps(loaded), file=sys.stderr)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_check_does_not_import_pygls() -> None:
    assert _loaded("from lint.cli import main; main(['check', 'fixtures/seeds/001.txt', '--format', 'json'])") == []
    assert "pygls" in _loaded("import lint.lsp.server")  # the same probe sees it when the server is loaded


def test_one_buffer_lint_equals_the_whole_run(tmp_path: Path) -> None:
    """The server lints a changed buffer's own rules on it alone and the cross-document rules on
    the project: the findings must be those of ``check`` on the whole folder."""
    from lint.lsp.analysis import Analyzer

    for folder in ("seeds", "formats", "rules/missing-entry/corpus-bad", "rules/entry-copy"):
        shutil.copytree(ROOT / "fixtures" / folder, tmp_path / folder.replace("/", "-"))
    whole = run_cli("check", ".", "--format", "json", "--fail-on", "never", cwd=tmp_path).json()["diagnostics"]
    analyzer = Analyzer([str(tmp_path)])
    files = sorted({d["path"] for d in whole})
    assert len(files) > 5 and any(d["rule"] in ("missing-entry", "entry-copy") for d in whole)
    for name in files:
        result = analyzer.lint(str(tmp_path / name))
        got = [(d.rule, d.message) for d in result.diagnostics]
        assert got == [(d["rule"], d["message"].replace("./", "")) for d in whole if d["path"] == name], name


def test_a_file_outside_config_and_workspace_is_linted_alone(tmp_path: Path) -> None:
    from lint.lsp.analysis import Analyzer

    shutil.copy(SEEDS / "000.txt", tmp_path / "000.txt")
    shutil.copy(SEEDS / "001.txt", tmp_path / "001.txt")
    alone = Analyzer([]).lint(str(tmp_path / "000.txt"))
    assert list(alone.report.documents) == ["000.txt"]
    assert "missing-entry" not in {d.rule for d in alone.diagnostics}
    in_workspace = Analyzer([str(tmp_path)]).lint(str(tmp_path / "000.txt"))
    assert sorted(in_workspace.report.documents) == ["000.txt", "001.txt"]
    assert "missing-entry" in {d.rule for d in in_workspace.diagnostics}


def test_a_buffer_with_suppressions_is_judged_against_the_rules_loaded_once(tmp_path: Path, monkeypatch) -> None:
    """Each change re-lints a buffer: a suppression naming a rule must not make it read every
    rule file again (the project keeps the names it loaded), in the local and the corpus pass."""
    from lint.lsp.analysis import Analyzer

    text = (
        "# Action 1: Roads\n\n## Office of Roads\n\n### Progress during 2021\n\n"
        "<!-- response-lint: disable-next-line=placholder -->\nTBC\n"
    )
    (tmp_path / "roads.md").write_text(text, encoding="utf-8")
    (tmp_path / "other.md").write_text(text.replace("Action 1", "Action 2"), encoding="utf-8")
    analyzer = Analyzer([str(tmp_path)])
    analyzer.project_for(str(tmp_path / "roads.md"))  # the project loads the rules once

    def reload(*args: object) -> set[str]:
        raise AssertionError("the suppression pass loaded the rule files again")

    monkeypatch.setattr("lint.suppress.known_rule_names", reload)
    found = analyzer.lint(str(tmp_path / "roads.md")).diagnostics
    invalid = [d for d in found if d.rule == "invalid-suppression"]
    assert len(invalid) == 1 and "no rule matches 'placholder'" in invalid[0].message
    assert "placeholder" in {d.rule for d in found}


def test_a_change_checks_again_only_the_documents_that_changed(tmp_path: Path, monkeypatch) -> None:
    """The cross-document rules keep each unchanged document's result: a buffer change checks
    that buffer again, a file changed on disk is checked again, an unchanged file is not."""
    from lint import engine
    from lint.lsp.analysis import Analyzer

    for name in ("000.txt", "001.txt"):
        shutil.copy(SEEDS / name, tmp_path / name)
    (tmp_path / "forms.md").write_text(UNICODE_MD, encoding="utf-8")
    checked: list[str] = []
    check_document = engine.check_document

    def counting(plan: engine.Plan, document: object) -> engine.DocumentResult:
        result = check_document(plan, document)  # type: ignore[arg-type]
        if any(b.kind.check_corpus is not None for b in plan.bound):  # the corpus pass, not the buffer's own rules
            checked.append(result.path)
        return result

    monkeypatch.setattr(engine, "check_document", counting)
    analyzer = Analyzer([str(tmp_path)])
    first = analyzer.lint(str(tmp_path / "000.txt"))
    assert sorted(checked) == ["000.txt", "001.txt", "forms.md"] and "missing-entry" in {
        d.rule for d in first.diagnostics
    }

    checked.clear()
    seed = (tmp_path / "000.txt").read_text(encoding="utf-8")
    analyzer.buffers[str(tmp_path / "000.txt")] = seed + "\n"
    analyzer.lint(str(tmp_path / "000.txt"))
    assert checked == ["000.txt"]  # the edited buffer only

    checked.clear()
    analyzer.lint(str(tmp_path / "000.txt"))
    assert checked == []  # nothing changed

    checked.clear()
    seed_001 = (tmp_path / "001.txt").read_text(encoding="utf-8")
    name = seed_001.index("##Department for<br>Communities")
    start = seed_001.rindex("{div .department}", 0, name)
    end = seed_001.index("{/div}\n{/div}", name) + len("{/div}\n{/div}")
    (tmp_path / "001.txt").write_text(seed_001[:start] + seed_001[end:], encoding="utf-8")  # DCLG's answer gone
    after = analyzer.lint(str(tmp_path / "000.txt"))
    assert checked == ["001.txt"]  # changed on disk: checked again
    fresh = Analyzer([str(tmp_path)])
    fresh.buffers = dict(analyzer.buffers)
    assert after.diagnostics == fresh.lint(str(tmp_path / "000.txt")).diagnostics
    assert "missing-entry" not in {d.rule for d in after.diagnostics}  # 000 misses nothing now


def test_edits_reuse_the_projects_plans(tmp_path: Path, monkeypatch) -> None:
    """A change to a buffer checks it with the plans the project made once: binding the rules
    (and reading the files they name) is not paid again on every keystroke."""
    from lint import engine
    from lint.lsp.analysis import Analyzer

    shutil.copy(SEEDS / "000.txt", tmp_path / "000.txt")
    made: list[int] = []
    plan_init = engine.Plan.__init__

    def counting(self: engine.Plan, *args: object, **kwargs: object) -> None:
        made.append(1)
        plan_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.Plan, "__init__", counting)
    analyzer = Analyzer([str(tmp_path)])
    path = str(tmp_path / "000.txt")
    first = analyzer.lint(path).diagnostics
    after_first = len(made)
    assert after_first == 2  # the buffer's own rules and the cross-document ones
    seed = (tmp_path / "000.txt").read_text(encoding="utf-8")
    for extra in ("\n", "\n\n", ""):
        analyzer.buffers[path] = seed + extra
        found = analyzer.lint(path).diagnostics
    assert len(made) == after_first
    assert found == first  # the same buffer, the same findings
