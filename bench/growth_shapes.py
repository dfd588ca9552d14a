"""Input shapes that once took time or memory out of proportion to their size, by size ``n``.

Each shape makes the text of one response file (and says which rules to run on it) whose
size grows in proportion to ``n``: ``bench/bench_growth.py`` times them at n, 2n, 4n and
8n, and ``tests/test_growth.py`` counts the work done on them at small sizes.
"""

from __future__ import annotations

from typing import NamedTuple


class Shape(NamedTuple):
    name: str
    suffix: str  # the file name's ending, which picks the reader
    rules: str  # --select
    base: int  # n for the benchmark
    what: str


def entries(n: int) -> str:
    """``n`` Markdown entries, each with a placeholder: a finding per entry, each finding looked up."""
    parts = ["# Action 1: Growth\n\n"]
    parts += [f"## Organisation {i}\n\n### Progress during 2017\n\nTBC\n\n" for i in range(n)]
    return "".join(parts)


def divs(n: int) -> str:
    """``n`` unclosed ``{div .department}`` of the 2012 source, each with a placeholder statement."""
    parts = ["#Action 1: Growth\n\n"]
    parts += [f"{{div .department}}\n##Organisation {i}\n{{div .statement}}\nTBC\n\n" for i in range(n)]
    return "".join(parts)


def nested(n: int) -> str:
    """A department, ``n`` nested unclosed divs in it, then ``n`` lines of text in them."""
    return "#Action 1: Growth\n\n{div .department}\n##Org\n" + "{div .section}\n" * n + "Text.\n" * n


def brackets(n: int) -> str:
    """One line of ``n`` ``[`` closed at its end (the inline reader)."""
    return f"# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\n{'[' * n}](x)\n"


def link_opens(n: int) -> str:
    """One line of ``n`` ``[a]((``: links whose target never closes."""
    return f"# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\n{'[a]((' * (n // 5)})\n"


def sentences(n: int) -> str:
    """One paragraph of ``n`` short sentences (the sentence splitter, readability)."""
    return "# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\n" + "We did it. " * (n // 11) + "\n"


def dots(n: int) -> str:
    """One line of ``n`` full stops."""
    return "# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\n" + "." * n + "\n"


def dotted(n: int) -> str:
    """A run of ``n`` letters and full stops before a slash (the spelling mask's web addresses)."""
    return "# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\nSee " + "a." * (n // 2) + "/ now\n"


def equals(n: int) -> str:
    """One line of ``n`` ``=``."""
    return "# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\nText " + "=" * n + "\n"


def urls(n: int) -> str:
    """``n`` bare URLs on one line (links and the spelling mask)."""
    line = " ".join(f"https://example.org/page{i}" for i in range(n))
    return f"# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\nSee {line} and teh rest.\n"


def suppressions(n: int) -> str:
    """``n`` ``disable-next-line`` comments, each before a placeholder it suppresses."""
    parts = ["# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\n"]
    parts += ["<!-- response-lint: disable-next-line=placeholder -->\nTBC\n\n" for _ in range(n)]
    return "".join(parts)


def changed(n: int) -> str:
    """``n`` lines, each a placeholder (the benchmark commits an empty file first: every line changed)."""
    return "# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\n" + "TBC\n\n" * n


def word(n: int) -> str:
    """One unknown word ``n`` letters long (spelling suggestions)."""
    return f"# Action 1: Growth\n\n## Org\n\n### Progress during 2017\n\nWe wrote {'qz' * (n // 2)} today.\n"


def copied(n: int) -> str:
    """``n`` entries whose paragraphs are copies of each other and hold links (entry-copy's
    comparison of copied paragraphs, and their links; once a walk per paragraph of its pieces)."""
    parts = ["# Action 1: Growth\n\n"]
    paragraph = (
        "We worked with [our partners](https://example.org/partners) across the sector to deliver "
        "the [new programme](https://example.org/programme) and reached more people than planned.\n\n"
    )
    parts += [f"## Organisation {i}\n\n### Progress during 2017\n\n{paragraph}" for i in range(n)]
    return "".join(parts)


SHAPES: dict[str, tuple[Shape, object]] = {
    "entries": (Shape("entries", ".md", "placeholder", 2000, "entries with a finding each"), entries),
    "divs": (Shape("divs", ".txt", "placeholder,syntax", 2000, "unclosed {div .department}"), divs),
    "nested": (Shape("nested", ".txt", "syntax", 4000, "nested unclosed divs"), nested),
    "brackets": (Shape("brackets", ".md", "broken-link", 128000, "a line of ["), brackets),
    "link-opens": (Shape("link-opens", ".md", "broken-link", 128000, "a line of [a](("), link_opens),
    "sentences": (Shape("sentences", ".md", "readability", 16000, "sentences in a paragraph"), sentences),
    "dots": (Shape("dots", ".md", "readability", 4000, "a line of ."), dots),
    "dotted": (Shape("dotted", ".md", "spelling", 4000, "a dotted run before a slash"), dotted),
    "equals": (Shape("equals", ".md", "readability", 4000, "a line of ="), equals),
    "urls": (Shape("urls", ".md", "spelling,broken-link", 2000, "bare URLs on one line"), urls),
    "suppressions": (
        Shape("suppressions", ".md", "placeholder,unused-suppression", 2000, "suppression comments"),
        suppressions,
    ),
    "changed": (Shape("changed", ".md", "placeholder", 4000, "changed lines (--changed-since)"), changed),
    "word": (Shape("word", ".md", "spelling", 250000, "letters in one unknown word"), word),
    "copied": (Shape("copied", ".md", "entry-copy,broken-link", 500, "copied entries with links"), copied),
}


def make(name: str, n: int) -> str:
    """The text of shape ``name`` at size ``n``."""
    maker = SHAPES[name][1]
    assert callable(maker)
    text: str = maker(n)
    return text
