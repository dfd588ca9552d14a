"""``gitlab``: a GitLab Code Quality report (the Code Climate subset GitLab reads).

A JSON array with one issue per finding: ``description`` (the message, with the entry
and phase), ``check_name`` (the rule), ``fingerprint`` (line-independent, unique in
the report; see :mod:`lint.fingerprints`), ``severity`` (error → ``major``, warning →
``minor``, info → ``info``, as other linters map theirs) and ``location`` with the
path and ``lines.begin``/``lines.end``. Declare it in ``.gitlab-ci.yml`` under
``artifacts: reports: codequality:``.
"""

from __future__ import annotations

from typing import Any, TextIO

from lint.escape import json_text
from lint.fingerprints import fingerprints
from lint.formats import Settings
from lint.model import Severity
from lint.report import Report

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issues(report: Report) -> list[dict[str, Any]]:
    texts = {path: doc.text for path, doc in report.documents.items()}
    prints = fingerprints([item.diagnostic for item in report.items], texts)
    result = []
    for item, fingerprint in zip(report.items, prints, strict=True):
        d = item.diagnostic
        description = d.message
        where = ", ".join(part for part in (d.entry, d.phase) if part)
        if where:
            description += f" ({where})"
        path = d.path[2:] if d.path.startswith("./") else d.path
        result.append(
            {
                "type": "issue",
                "description": description,
                "check_name": d.rule,
                "fingerprint": fingerprint,
                "severity": SEVERITY[d.severity],
                "categories": ["Style"],
                "location": {"path": path, "lines": {"begin": item.location.line, "end": item.location.end_line}},
            }
        )
    return result


def render(report: Report, out: TextIO, settings: Settings) -> None:
    out.write(json_text(issues(report)))
    out.write("\n")
