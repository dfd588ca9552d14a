"""Property-based: no reader raises on arbitrary text, and every span lies inside its file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.model import Document, Span
from lint.readers import FORMATS, read
from lint.readers.lines import LineTable, line_table, split_lines
from lint.readers.phases import ReaderOptions
from lint.source import decode, parse_bytes

# text built from the pieces the readers care about, so the interesting paths are hit
PIECES = st.sampled_from(
    [
        "{div .department}",
        "{div .statement}",
        "{/div}",
        "{div",
        "{: .logo}",
        "{navigation}",
        "{{X}}",
        "{bad}",
        "##Name<br>Here",
        "#Action 1: Title",
        "# Action 2",
        "## Org",
        "### Progress during 2013",
        "Progress during 2014",
        "Planned activities in 2015",
        "Departmental digital strategy commitments (December 2012)",
        "- bullet",
        "* item",
        "1. first",
        "[Read more »](http://x.example/a)",
        "[Read more »]",
        "[x](",
        "](",
        "[",
        "<!-- response-lint: disable -->",
        "<!--",
        "-->",
        "```",
        "~~~",
        "---",
        "Coming soon...",
        "",
        " ",
        "\t",
        "é",
        "’",
        "\u2028",
        "\x85",
        "http://www.example.gov.uk/a.",
        "(",
        ")",
        "A short line",
        "Text. More text.",
    ]
)
LINE_END = st.sampled_from(["\n", "\r\n", "\r"])
TEXT = st.lists(st.tuples(st.one_of(PIECES, st.text(max_size=12)), LINE_END), max_size=40).map(
    lambda parts: "".join(a + b for a, b in parts)
)


def spans(doc: Document) -> list[Span]:
    found: list[Span] = [i.span for i in doc.issues] + [c.span for c in doc.comments]
    if doc.title_span:
        found.append(doc.title_span)
    paragraphs = list(doc.preamble)
    for entry in doc.entries:
        found += [entry.span, entry.name_span]
        for phase in entry.phases:
            found += [phase.span, phase.body_span]
            if phase.heading_span:
                found.append(phase.heading_span)
            paragraphs += phase.paragraphs
    for para in paragraphs:
        found.append(para.span)
        for link in para.links:
            found += [link.span, link.text_span]
            if link.target_span:
                found.append(link.target_span)
        for i in range(len(para.text)):
            offset = para.to_offset(i)
            found.append(Span(offset, offset + 1))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(TEXT, st.text(max_size=300)), fmt=st.sampled_from(sorted(FORMATS)))
def test_no_reader_raises_and_spans_stay_inside(text, fmt):
    doc = read("x", text, ReaderOptions(), fmt)
    n = len(text)
    for span in spans(doc):
        assert 0 <= span.start <= span.end <= n


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    doc = parse_bytes("x.bin", data, ReaderOptions())
    for span in spans(doc):
        assert 0 <= span.start <= span.end <= len(doc.text)


@settings(max_examples=100, deadline=None)
@given(
    data=st.one_of(TEXT.map(lambda t: t.encode("utf-8")), st.binary(max_size=400)), fmt=st.sampled_from(sorted(FORMATS))
)
def test_a_documents_text_is_its_bytes_decoded_or_empty(data, fmt):
    """What the result cache relies on to keep an entry without its text (``checking.check_one``)."""
    doc = parse_bytes("x.txt", data, ReaderOptions(), fmt)
    assert doc.text in ("", decode(data)[0])


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(TEXT, st.text(alphabet="ab \t\r\n\x85\u2028", max_size=60)))
def test_line_table_is_split_lines_as_two_lists(text):
    lines = list(split_lines(text))
    texts, starts = line_table(text)
    assert (texts, list(starts)) == ([line.text for line in lines], [line.start for line in lines])
    table = LineTable(text)  # the same Line tuples, made on demand
    assert list(table) == lines and len(table) == len(lines)
    for first in range(len(lines) + 1):
        assert list(table[first:]) == lines[first:]
    if lines:
        assert table[-1] == lines[-1]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, fmt=st.sampled_from(sorted(FORMATS)))
def test_paragraph_text_maps_back_to_the_document(text, fmt):
    doc = read("x", text, ReaderOptions(), fmt)
    for para in doc.paragraphs:
        for i, ch in enumerate(para.text):
            if ch != " ":  # a space may join two lines
                assert text[para.to_offset(i)] == ch
        for link in para.links:
            assert link.text_span.slice(text) == link.text
            if link.target_span is not None:
                assert link.target_span.slice(text) == link.target
