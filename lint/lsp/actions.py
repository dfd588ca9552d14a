"""Code actions for the editor server: a finding's fix, fix all in the file, and
``disable-next-line`` for the finding's rule where the format has comments."""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types as lsp

from lint import fixes
from lint.lsp import convert
from lint.lsp.analysis import Result

FIX_ALL = lsp.CodeActionKind.SourceFixAll + ".response-lint"


def _overlaps(result: Result, span_start: int, span_end: int, start: int, end: int) -> bool:
    return span_start <= end and start <= max(span_end, span_start)


def actions(
    result: Result,
    uri: str,
    params: lsp.CodeActionParams,
    encoding: str,
    docs: Callable[[Result], dict[str, str]],
) -> list[lsp.CodeAction]:
    document = result.document
    start = convert.offset_of(document, params.range.start, encoding)
    end = convert.offset_of(document, params.range.end, encoding)
    only = params.context.only
    wanted = [d for d in result.diagnostics if _overlaps(result, d.span.start, d.span.end, start, end)]
    links = docs(result)
    out: list[lsp.CodeAction] = []
    quick = not only or any(k.startswith(lsp.CodeActionKind.QuickFix) for k in only)
    if quick:
        for d in wanted:
            diag = convert.diagnostic(d, result, encoding, links)
            if d.fix is not None:
                edits = [
                    lsp.TextEdit(range=convert.range_of(document, e.span, encoding), new_text=e.replacement)
                    for e in d.fix.edits
                ]
                out.append(
                    lsp.CodeAction(
                        title=f"{d.fix.description} ({d.rule})",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        is_preferred=True,
                        edit=lsp.WorkspaceEdit(changes={uri: edits}),
                    )
                )
            comment = convert.suppression_edit(document, d, encoding)
            if comment is not None:
                out.append(
                    lsp.CodeAction(
                        title=f"Disable {d.rule} for this line",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        edit=lsp.WorkspaceEdit(changes={uri: [comment]}),
                    )
                )
    fixable = [d for d in result.diagnostics if d.fix is not None]
    fix_all = not only or any(FIX_ALL.startswith(k) for k in only)
    if fixable and fix_all:
        new_text, applied = fixes.fixed_text(document, fixable)
        if applied and new_text != document.text:
            out.append(
                lsp.CodeAction(
                    title=f"Fix all response-lint findings ({applied} fix" + ("" if applied == 1 else "es") + ")",
                    kind=FIX_ALL,
                    edit=lsp.WorkspaceEdit(
                        changes={uri: [lsp.TextEdit(range=convert.whole(document, encoding), new_text=new_text)]}
                    ),
                )
            )
    return out
