"""``checkstyle``: Checkstyle's XML result format (read by Jenkins, Sonar, reviewdog, …).

``<checkstyle version="4.3">`` holds one ``<file name="…">`` per linted file (files
without findings too, as Checkstyle writes them), each with one ``<error line column
severity message source>`` per finding; ``source`` is ``response-lint.rules.RULE``.
Version 4.3 is the format version that other linters' Checkstyle output declares and
that readers accept.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from lint.formats import Settings
from lint.formats.xmlutil import write
from lint.report import Item, Report

FORMAT_VERSION = "4.3"


def _message(item: Item) -> str:
    d = item.diagnostic
    where = ", ".join(part for part in (d.entry, d.phase) if part)
    return f"{d.message} ({where})" if where else d.message


def build(report: Report) -> ET.Element:
    root = ET.Element("checkstyle", version=FORMAT_VERSION)
    by_path: dict[str, list[Item]] = {path: [] for path in report.documents}
    for item in report.items:
        by_path.setdefault(item.path, []).append(item)
    for path, items in by_path.items():
        file = ET.SubElement(root, "file", name=path)
        for item in items:
            d = item.diagnostic
            ET.SubElement(
                file,
                "error",
                line=str(item.location.line),
                column=str(item.location.column),
                severity=str(d.severity),
                message=_message(item),
                source=f"response-lint.rules.{d.rule}",
            )
    return root


def render(report: Report, out: TextIO, settings: Settings) -> None:
    write(build(report), out)
