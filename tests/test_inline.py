"""Inline markup of one paragraph: links, bare URLs and the plain text, with exact spans."""

from __future__ import annotations

import pytest

from lint.model import Span
from lint.readers.inline import build_paragraph


def parse(text: str, base: int = 100):
    return build_paragraph([(base, text)], Span(base, base + len(text)))


def links_of(text: str) -> list[tuple[str, str | None, str]]:
    """``(link text, target, the marked-up source)`` of each link found in ``text``."""
    para = parse(text, 0)
    return [(link.text, link.target, link.span.slice(text)) for link in para.links]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a link's own target is not also a bare URL
        ("See [Read more »](http://www.x.gov.uk/a) now.", [("Read more »", "http://www.x.gov.uk/a", None)]),
        # a bare URL before a link, after it and between two links: each once, in order
        (
            "Go to www.a.org. Then [b](https://b.org) or http://c.org/x, [d](http://d.org)!",
            [
                ("www.a.org", "www.a.org", None),
                ("b", "https://b.org", None),
                ("http://c.org/x", "http://c.org/x", None),
                ("d", "http://d.org", None),
            ],
        ),
        # "w." in ordinary words is not a URL; a URL in upper case is
        ("We follow. We review. HTTPS://E.ORG/P.", [("HTTPS://E.ORG/P", "HTTPS://E.ORG/P", None)]),
        # a label that holds a URL is link text, not a bare URL
        ("[http://f.org](http://f.org/long)", [("http://f.org", "http://f.org/long", None)]),
        # a bracket with no target is a link with no target; an unclosed one ends the scan
        ("[Read more »] and [x", [("Read more »", None, "[Read more »]")]),
        # nested parentheses in a target, an image, a target in angle brackets, a title
        (
            '[w](http://g.org/a_(b)) ![i](h.png) [c](<http://h.org/a b>) [t](http://i.org "T")',
            [
                ("w", "http://g.org/a_(b)", None),
                ("i", "h.png", "![i](h.png)"),
                ("c", "http://h.org/a b", None),
                ("t", "http://i.org", None),
            ],
        ),
    ],
)
def test_links_and_bare_urls(text, expected):
    found = links_of(text)
    assert [(t, target) for t, target, _ in found] == [(t, target) for t, target, _ in expected]
    for (_, _, source), (_, _, want) in zip(found, expected, strict=True):
        if want is not None:
            assert source == want


def test_plain_text_drops_markup_and_maps_back():
    text = "Read [the plan](http://x.org/p) at www.y.org today."
    para = parse(text)
    assert para.text == "Read the plan at www.y.org today."
    for i, ch in enumerate(para.text):
        assert text[para.to_offset(i) - 100] == ch
    link = para.links[0]
    assert link.span == Span(105, 131)
    assert link.text_span == Span(106, 114)
    assert link.target_span == Span(116, 130)
    url = para.links[1]
    assert (url.span, url.text_span, url.target_span) == (Span(135, 144),) * 3


def test_nested_parentheses_close_where_they_balance_asked_in_any_order():
    from lint.readers.inline import _Parens

    text = "a(b(c)d)(e(f\n(g))h"
    parens = _Parens(text)
    want = {1: 7, 3: 5, 8: -1, 10: -1, 13: 15}  # a line break closes nothing across it
    for i in (*sorted(want), *sorted(want, reverse=True), 0, 2):
        assert parens.close_of(i) == want.get(i, -1), i
    assert links_of("[x](a(b)c) and [y](d(e)") == [("x", "a(b)c", "[x](a(b)c)")]
