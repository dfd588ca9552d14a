"""lint.messages.fill: str.format_map fills a template as string.Formatter().vformat did."""

from __future__ import annotations

import string
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from lint.messages import _Args, fill

ARGS: dict[str, Any] = {"text": "promoting", "count": 3, "ratio": 0.93, "names": ["a", "b"], "none": None}
TEMPLATES = [
    "plain",
    "'{text}' is on the list",
    "{text!r} {count:>4} {ratio:.0%} {names[1]} {names[0]!s:>3}",
    "{missing} stays, {missing:>12} too, {text}",
    "{{braces}} {text}",
    "{text.upper} {count.real} {missing.attr}",
    "{}",
    "{0}",
    "{text:{count}}",
    "{text:{missing}}",
    "{text:{count:{count}}}",
    "{text",
    "text}",
    "{text!x}",
    "{count:q}",
    "{names[5]}",
    "{text[0]}",
    "{ text }",
]


def _vformat(template: str, args: dict[str, Any]) -> str:
    """What fill did before: string.Formatter().vformat, the template as is on any error."""
    try:
        return string.Formatter().vformat(template, (), _Args(args))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        return template


def test_fill_is_vformat_on_templates_of_every_shape():
    for template in TEMPLATES:
        assert fill(template, ARGS) == _vformat(template, ARGS), template


@given(st.text(alphabet="{}!:.[]0123456789 textcoungr>%s", max_size=24))
def test_fill_is_vformat_on_any_template(template):
    assert fill(template, ARGS) == _vformat(template, ARGS)
