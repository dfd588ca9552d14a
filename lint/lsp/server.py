"""``response-lint lsp``: the language server (pygls, over stdio).

Diagnostics on open, change (debounced: a change after a quiet moment is linted at
once, a burst of changes once at its end) and save, pushed (``publishDiagnostics``)
unless the client pulls them (``textDocument/diagnostic``); document symbols (entries
with their phases); hover; go to definition on a copy; code actions (a finding's fix,
fix all, disable the rule on this line).
"""

from __future__ import annotations

import asyncio
import os

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from lint import __version__
from lint.lsp import convert
from lint.lsp.analysis import Analyzer, Result, path_to_uri, uri_to_path

DEBOUNCE = 0.2  # seconds between two lints of the same buffer while it is being typed in
CONFIG_NAMES = (".response-lint.toml", "pyproject.toml")


class Server(LanguageServer):
    def __init__(self) -> None:
        super().__init__("response-lint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.analyzer = Analyzer()
        self.results: dict[str, Result] = {}
        self.push = True
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._last: dict[str, float] = {}

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_codec.encoding)

    def docs(self, result: Result) -> dict[str, str]:
        """Rule name -> a link to its documentation (its rule file)."""
        return {rule.name: path_to_uri(str(rule.source)) for rule in result.project.rules if rule.source}

    def copy_rules(self, result: Result) -> frozenset[str]:
        return frozenset(name for name, info in result.report.rules.items() if info.summary_role == "copied")

    def lint(self, uri: str) -> Result:
        path = uri_to_path(uri)
        document = self.workspace.text_documents.get(uri)
        if document is not None:
            self.analyzer.buffers[path] = document.source
        result = self.analyzer.lint(path)
        self.results[uri] = result
        return result

    def diagnostics(self, uri: str) -> list[lsp.Diagnostic]:
        result = self.lint(uri)
        docs = self.docs(result)
        return [convert.diagnostic(d, result, self.encoding, docs) for d in result.diagnostics]

    def publish(self, uri: str) -> None:
        self._pending.pop(uri, None)
        self._last[uri] = asyncio.get_event_loop().time()
        if uri not in self.workspace.text_documents:
            return
        version = self.workspace.text_documents[uri].version
        items = self.diagnostics(uri)
        if self.push:
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=version)
            )
        elif self.client_supports_refresh():
            self.workspace_diagnostic_refresh(None)

    def client_supports_refresh(self) -> bool:
        workspace = self.client_capabilities.workspace
        return bool(workspace and workspace.diagnostics and workspace.diagnostics.refresh_support)

    def schedule(self, uri: str) -> None:
        """Lint now if the buffer was quiet for DEBOUNCE, else once at the end of the burst."""
        loop = asyncio.get_event_loop()
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        wait = max(0.0, self._last.get(uri, -DEBOUNCE) + DEBOUNCE - loop.time())
        self._pending[uri] = loop.call_later(wait, self.publish, uri)

    def result_for(self, uri: str) -> Result:
        result = self.results.get(uri)
        document = self.workspace.text_documents.get(uri)
        if result is None or document is None or result.document.text != document.source:
            result = self.lint(uri)
        return result


server = Server()


@server.feature(lsp.INITIALIZE)
def initialize(ls: Server, params: lsp.InitializeParams) -> None:
    roots = [uri_to_path(f.uri) for f in params.workspace_folders or ()]
    if params.root_uri:
        roots.append(uri_to_path(params.root_uri))
    ls.analyzer = Analyzer(roots)
    options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    pulls = bool(params.capabilities.text_document and params.capabilities.text_document.diagnostic)
    ls.push = bool(options.get("push", not pulls))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: Server, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: Server, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: Server, params: lsp.DidSaveTextDocumentParams) -> None:
    path = uri_to_path(params.text_document.uri)
    if os.path.basename(path) in CONFIG_NAMES:
        ls.analyzer.forget_configs()
    ls.analyzer.file_saved(path)
    for uri in list(ls.workspace.text_documents):  # cross-document rules: every open buffer may change
        ls.publish(uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: Server, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.analyzer.buffers.pop(uri_to_path(uri), None)
    ls.results.pop(uri, None)
    pending = ls._pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    if ls.push:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(
    lsp.TEXT_DOCUMENT_DIAGNOSTIC,
    lsp.DiagnosticOptions(identifier="response-lint", inter_file_dependencies=True, workspace_diagnostics=False),
)
def pull(ls: Server, params: lsp.DocumentDiagnosticParams) -> lsp.RelatedFullDocumentDiagnosticReport:
    return lsp.RelatedFullDocumentDiagnosticReport(items=ls.diagnostics(params.text_document.uri))


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: Server, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    return convert.symbols(ls.result_for(params.text_document.uri).document, ls.encoding)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: Server, params: lsp.HoverParams) -> lsp.Hover | None:
    result = ls.result_for(params.text_document.uri)
    offset = convert.offset_of(result.document, params.position, ls.encoding)
    text = convert.hover(result, offset, ls.copy_rules(result))
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: Server, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
    result = ls.result_for(params.text_document.uri)
    offset = convert.offset_of(result.document, params.position, ls.encoding)
    return convert.definition(result, offset, ls.copy_rules(result), ls.encoding) or None


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]),
)
def code_actions(ls: Server, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    from lint.lsp.actions import actions

    uri = params.text_document.uri
    return actions(ls.result_for(uri), uri, params, ls.encoding, ls.docs)


def run() -> int:
    server.start_io()
    return 0


__all__ = ["Server", "run", "server"]
