"""A real LSP client (pygls's) driving ``python -m lint lsp`` as a subprocess, for the editor tests."""

from __future__ import annotations

import asyncio
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient


class Session:
    """One server process and a client that records every ``publishDiagnostics``."""

    def __init__(self, root: Path, pull: bool = False) -> None:
        self.root = root
        self.pull = pull
        self.client = LanguageClient("response-lint-tests", "1")
        self.published: dict[str, list[lsp.PublishDiagnosticsParams]] = defaultdict(list)
        self._arrived = asyncio.Event()
        self.versions: dict[str, int] = {}

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: lsp.PublishDiagnosticsParams) -> None:
            self.published[params.uri].append(params)
            self._arrived.set()

    async def __aenter__(self) -> Session:
        await self.client.start_io(sys.executable, "-m", "lint", "lsp", cwd=str(self.root))
        text = lsp.TextDocumentClientCapabilities(
            diagnostic=lsp.DiagnosticClientCapabilities(related_document_support=True) if self.pull else None,
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(related_information=True),
            hover=lsp.HoverClientCapabilities(content_format=[lsp.MarkupKind.Markdown]),
            document_symbol=lsp.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
        )
        await self.client.initialize_async(
            lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(text_document=text),
                root_uri=self.root.as_uri(),
                workspace_folders=[lsp.WorkspaceFolder(uri=self.root.as_uri(), name="root")],
            )
        )
        self.client.initialized(lsp.InitializedParams())
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def open(self, name: str, text: str | None = None) -> str:
        uri = self.uri(name)
        self.versions[uri] = 1
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=uri,
                    language_id="markdown",
                    version=1,
                    text=(self.root / name).read_text(encoding="utf-8") if text is None else text,
                )
            )
        )
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return self.versions[uri]

    async def diagnostics(self, uri: str, version: int | None = None, timeout: float = 30) -> list[lsp.Diagnostic]:
        """The diagnostics pushed for ``uri`` (at ``version``, when given)."""

        async def wait() -> list[lsp.Diagnostic]:
            while True:
                for params in reversed(self.published.get(uri, [])):
                    if version is None or params.version == version:
                        return list(params.diagnostics)
                self._arrived.clear()
                await self._arrived.wait()

        return await asyncio.wait_for(wait(), timeout)

    async def pulled(self, uri: str) -> list[lsp.Diagnostic]:
        report = await self.client.text_document_diagnostic_async(
            lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        )
        return list(report.items)
