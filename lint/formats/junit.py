"""``junit``: JUnit XML, as CI systems show test results (GitLab, Jenkins, Azure, …).

``<testsuites>`` holds one ``<testsuite>`` per linted file, and that one
``<testcase classname="PATH" name="RULE">`` per rule that ran (and per rule that
reported there); a test case with findings at or above the run's ``--fail-on`` level
carries one ``<failure>`` whose ``type`` is the highest severity, whose ``message`` counts
them and whose text lists them, one ``line:column: severity message`` line each; findings
below that level are listed in ``<system-out>`` and the test case passes, as the exit code
does. Durations are not measured: ``time`` is 0.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from lint.formats import Settings
from lint.formats.xmlutil import write
from lint.model import Severity
from lint.report import Item, Report


def _line(item: Item) -> str:
    d = item.diagnostic
    loc = item.location
    where = ", ".join(part for part in (d.entry, d.phase) if part)
    text = f"{loc.line}:{loc.column}: {d.severity} {d.message}"
    if where:
        text += f" ({where})"
    for rel in item.related:
        text += f"\n    {rel.related.message}: {rel.related.path}:{rel.location.line}:{rel.location.column}"
    return text


def _plural(n: int) -> str:
    return f"{n} finding" + ("" if n == 1 else "s")


def _fails(item: Item, fail_on: str) -> bool:
    return fail_on != "never" and item.diagnostic.severity >= Severity.parse(fail_on)


def build(report: Report, settings: Settings | None = None) -> ET.Element:
    settings = settings or Settings()
    by_path: dict[str, dict[str, list[Item]]] = {path: {} for path in report.documents}
    for item in report.items:
        by_path.setdefault(item.path, {}).setdefault(item.diagnostic.rule, []).append(item)
    root = ET.Element("testsuites", name="response-lint")
    total_tests = total_failures = 0
    for path, found in by_path.items():
        names = sorted(set(report.rules) | set(found))
        failures = sum(1 for name in names if any(_fails(item, settings.fail_on) for item in found.get(name, ())))
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(len(names)),
            failures=str(failures),
            errors="0",
            skipped="0",
            time="0",
        )
        for name in names:
            case = ET.SubElement(suite, "testcase", classname=path, name=name, time="0")
            items = found.get(name, [])
            failing = [item for item in items if _fails(item, settings.fail_on)]
            if failing:
                worst = max(item.diagnostic.severity for item in failing)
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=str(worst),
                    message=f"{_plural(len(failing))}: {failing[0].diagnostic.message}",
                )
                failure.text = "\n".join(_line(item) for item in failing)
            passing = [item for item in items if not _fails(item, settings.fail_on)]
            if passing:  # below --fail-on: shown, but the test case passes, as the run's exit code says
                ET.SubElement(case, "system-out").text = "\n".join(_line(item) for item in passing)
        total_tests += len(names)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("time", "0")
    return root


def render(report: Report, out: TextIO, settings: Settings) -> None:
    write(build(report, settings), out)
