"""``sarif``: a SARIF 2.1.0 log for code scanning (GitHub, Azure DevOps, IDE viewers).

One run: ``tool.driver`` lists the rules that ran, with their summary
(``shortDescription``), documentation (``fullDescription``, ``help``) and default level
from the rule files; each finding is a result with its region, the entry and phase as
properties, ``relatedLocations`` for the places a copy was first written, the fix as
``fixes`` when it has one, and ``partialFingerprints`` that do not depend on line
numbers (see :mod:`lint.fingerprints`).

Regions use SARIF's 1-based lines and columns; the run declares
``columnKind: unicodeCodePoints`` because columns count code points, as in every format
of this tool, and ``endColumn`` is the column after the last character (exclusive), as
SARIF defines it. Relative paths become relative URIs against ``%SRCROOT%`` (the
repository checkout for code scanning); absolute paths become ``file:`` URIs.
"""

from __future__ import annotations

from typing import Any, TextIO
from urllib.parse import quote

from lint.escape import json_text
from lint.fingerprints import fingerprints
from lint.formats import Settings
from lint.model import Diagnostic, Severity, Span
from lint.report import Location, Report, RuleInfo, locate

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "responseLint/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation for a path as the report shows it."""
    if path.startswith("/") or (len(path) > 2 and path[1] == ":" and path[2] == "/"):
        uri = (
            "file://"
            + ("" if path.startswith("/") else "/")
            + quote(path.encode("utf-8", "surrogateescape"), safe="/:")
        )
        return {"uri": uri}
    while path.startswith("./"):
        path = path[2:]
    return {"uri": quote(path.encode("utf-8", "surrogateescape"), safe="/"), "uriBaseId": "%SRCROOT%"}


def region(location: Location, snippet: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "startLine": location.line,
        "startColumn": location.column,
        "endLine": location.end_line,
        "endColumn": location.end_column,
    }
    if snippet:
        data["snippet"] = {"text": snippet}
    return data


def _markdown_help(rule: RuleInfo) -> str:
    parts = [f"**{rule.summary}**"]
    if rule.docs:
        parts.append(rule.docs)
    parts.append(
        f"Severity: `{rule.severity}`. Check kind: `{rule.check}`." if rule.check else f"Severity: `{rule.severity}`."
    )
    parts.append(f"`response-lint rule {rule.name}` shows its options and examples.")
    return "\n\n".join(parts)


def rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.name,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs or rule.summary},
        "help": {"text": rule.help or rule.docs or rule.summary, "markdown": _markdown_help(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
    }
    properties: dict[str, Any] = {}
    if rule.tags:
        properties["tags"] = list(rule.tags)
    if rule.check:
        properties["check"] = rule.check
    if rule.fixable:
        properties["fixable"] = True
    if properties:
        descriptor["properties"] = properties
    return descriptor


def _fixes(diagnostic: Diagnostic, report: Report) -> list[dict[str, Any]]:
    if diagnostic.fix is None or not diagnostic.fix.edits:
        return []
    document = report.documents[diagnostic.path]
    replacements = []
    for edit in diagnostic.fix.edits:
        replacements.append(
            {"deletedRegion": region(locate(document.lines, edit.span)), "insertedContent": {"text": edit.replacement}}
        )
    return [
        {
            "description": {"text": diagnostic.fix.description},
            "artifactChanges": [{"artifactLocation": artifact_location(diagnostic.path), "replacements": replacements}],
        }
    ]


def _snippet(report: Report, path: str, span: Span) -> str | None:
    document = report.documents.get(path)
    return span.slice(document.text) if document is not None else None


def document(report: Report, settings: Settings) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    rules = [report.rules[name] for name in sorted(report.rules)]
    index = {rule.name: i for i, rule in enumerate(rules)}
    descriptors = [rule_descriptor(rule) for rule in rules]
    for item in report.items:  # a finding of a rule the report does not describe: name it at least
        name = item.diagnostic.rule
        if name not in index:
            index[name] = len(descriptors)
            descriptors.append({"id": name, "name": name})
    texts = {path: doc.text for path, doc in report.documents.items()}
    prints = fingerprints([item.diagnostic for item in report.items], texts)
    results = []
    for item, fingerprint in zip(report.items, prints, strict=True):
        d = item.diagnostic
        result: dict[str, Any] = {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(d.path),
                        "region": region(item.location, _snippet(report, d.path, d.span)),
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
        if item.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "message": {"text": rel.related.message},
                    "physicalLocation": {
                        "artifactLocation": artifact_location(rel.related.path),
                        "region": region(rel.location, rel.excerpt or None),
                    },
                }
                for i, rel in enumerate(item.related, start=1)
            ]
        fixes = _fixes(d, report)
        if fixes:
            result["fixes"] = fixes
        properties = {key: value for key, value in (("entry", d.entry), ("phase", d.phase)) if value}
        if properties:
            result["properties"] = properties
        results.append(result)
    driver: dict[str, Any] = {"name": "response-lint", "rules": descriptors}
    if settings.tool_version:
        driver["version"] = settings.tool_version
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.notes:
        invocation["toolExecutionNotifications"] = [
            {"message": {"text": note}, "level": "warning"} for note in report.notes
        ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, out: TextIO, settings: Settings) -> None:
    out.write(json_text(document(report, settings)))
    out.write("\n")
