"""``sarif``: a SARIF 2.1.0 log for code scanning (GitHub, Azure DevOps, IDE viewers).

One run: ``tool.driver`` lists the rules that ran, with their summary
(``shortDescription``), documentation (``fullDescription``, ``help``) and default level
from the rule files; each finding is a result with its region, the entry and phase as
properties, ``relatedLocations`` for the places a copy was first written, the fix as
``fixes`` when it has one, and ``partialFingerprints`` that do not depend on line
numbers (see :mod:`lint.fingerprints`). Rules carry a Pascal-case ``name`` distinct from
their id and a ``helpUri``; the driver an ``informationUri``. A run holds at most
:data:`MAX_RESULTS` results (GitHub's limit), errors first, with a warning naming the rest.

Regions use SARIF's 1-based lines and columns; the run declares
``columnKind: unicodeCodePoints`` because columns count code points, as in every format
of this tool, and ``endColumn`` is the column after the last character (exclusive), as
SARIF defines it. Relative paths become relative URIs against ``%SRCROOT%`` (the
repository checkout for code scanning); absolute paths become ``file:`` URIs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO
from urllib.parse import quote

from lint import HOMEPAGE
from lint.escape import json_text, say
from lint.fingerprints import fingerprints
from lint.formats import Settings
from lint.model import Diagnostic, Severity, Span
from lint.report import Item, Location, Report, RuleInfo, locate

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000  # GitHub code scanning rejects a run with more results
_INDENTED = 1_000  # more results than this are written without indentation
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


def friendly_name(rule_id: str) -> str:
    """SARIF's ``name``: a Pascal-case identifier distinct from the id, even without case
    (``year-copy`` → ``YearCopy``, ``spelling`` → ``SpellingRule``)."""
    words = [word for word in "".join(c if c.isalnum() else " " for c in rule_id).split() if word]
    name = "".join(word[:1].upper() + word[1:] for word in words) or "Rule"
    name = name if name[0].isalpha() else "Rule" + name
    # SARIF1001 compares without case: a one-word id needs more than a capital letter
    return name + "Rule" if name.casefold() == rule_id.casefold() else name


def _names(ids: list[str]) -> dict[str, str]:
    """A distinct friendly name for each rule id (a clash gets a number)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for rule_id in ids:
        name = base = friendly_name(rule_id)
        count = 2
        while name.casefold() in taken:
            name, count = f"{base}{count}", count + 1
        names[rule_id] = name
        taken.add(name.casefold())
    return names


def rule_descriptor(rule: RuleInfo, name: str | None = None) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.name,
        "name": name or friendly_name(rule.name),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs or rule.summary},
        "help": {"text": rule.help or rule.docs or rule.summary, "markdown": _markdown_help(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
    }
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
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


def cap(items: Sequence[Item], limit: int = MAX_RESULTS) -> tuple[list[Item], str]:
    """At most ``limit`` items, errors first, then warnings, then info (each in report order),
    and a note naming what was left out ("" when nothing was)."""
    if len(items) <= limit:
        return list(items), ""
    ranked = sorted(range(len(items)), key=lambda i: -items[i].diagnostic.severity)
    keep = set(ranked[:limit])
    kept = [item for i, item in enumerate(items) if i in keep]
    dropped = [item.diagnostic for i, item in enumerate(items) if i not in keep]
    by_severity = Counter(str(d.severity) for d in dropped)
    by_rule = Counter(d.rule for d in dropped)
    severities = ", ".join(f"{by_severity[s]} {s}" for s in ("error", "warning", "info") if by_severity[s])
    rules = ", ".join(f"{rule} {count}" for rule, count in sorted(by_rule.items(), key=lambda p: (-p[1], p[0])))
    return kept, (
        f"SARIF holds {limit} of {len(items)} findings (GitHub code scanning accepts at most {MAX_RESULTS} "
        f"results a run), errors first: left out {len(dropped)} ({severities}): {rules}; "
        "narrow the run (--min-severity, --select, --baseline) or use another format for all of them"
    )


def document(report: Report, settings: Settings, max_results: int = MAX_RESULTS) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict; at most ``max_results`` results (see :func:`cap`)."""
    rules = [report.rules[name] for name in sorted(report.rules)]
    index = {rule.name: i for i, rule in enumerate(rules)}
    names = _names([*index, *sorted({item.diagnostic.rule for item in report.items} - set(index))])
    descriptors = [rule_descriptor(rule, names[rule.name]) for rule in rules]
    for item in report.items:  # a finding of a rule the report does not describe: name it at least
        name = item.diagnostic.rule
        if name not in index:
            index[name] = len(descriptors)
            descriptors.append({"id": name, "name": names[name]})
    kept, left_out = cap(report.items, max_results)
    texts = {path: doc.text for path, doc in report.documents.items()}
    prints = fingerprints([item.diagnostic for item in kept], texts)
    results = []
    for item, fingerprint in zip(kept, prints, strict=True):
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
    driver: dict[str, Any] = {"name": "response-lint", "informationUri": HOMEPAGE, "rules": descriptors}
    if settings.tool_version:
        driver["version"] = settings.tool_version
    invocation: dict[str, Any] = {"executionSuccessful": True}
    notes = [*report.notes, *([left_out] if left_out else [])]
    if notes:
        invocation["toolExecutionNotifications"] = [{"message": {"text": note}, "level": "warning"} for note in notes]
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
    log = document(report, settings)
    if len(report.items) > MAX_RESULTS:
        say(log["runs"][0]["invocations"][0]["toolExecutionNotifications"][-1]["message"]["text"])
    # large logs compactly: GitHub limits the upload's size, and indentation is much of it
    out.write(json_text(log, indent=2 if len(report.items) <= _INDENTED else None))
    out.write("\n")
