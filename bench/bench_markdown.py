"""The Markdown reader's choice (issue 16): our line scanner against markdown-it-py.

Two measurements, printed side by side:

- correctness: on small cases of real Markdown structure (setext and ATX headings,
  kramdown's ``###Heading`` with no space, an HTML heading block, other HTML blocks,
  inline and fenced code), does each parser find the entry and phase headings and
  keep markup out of the prose? markdown-it-py is judged on its token stream
  (CommonMark); ours on the Document it gives.
- speed: best of 5 passes over a generated Markdown corpus, in MB/s of CPU time,
  markdown-it-py's ``parse`` (block and inline tokens, no positions inside a line)
  against our ``read`` (a whole Document with exact spans for every paragraph and link).

    .venv/bin/python bench/bench_markdown.py [--quick]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lint.readers import read
from lint.readers.phases import ReaderOptions

ENTRY = "Coast Agency"
HEAD = "# Action 1: Plan\n\n## Coast Agency\n\n"
PHASE = HEAD + "### Progress during 2013\n\n"
CASES: dict[str, str] = {
    "setext entry heading": "# Action 1: Plan\n\nCoast Agency\n------------\n\n### Progress during 2013\n\nDone.\n",
    "kramdown ###Heading": HEAD + "###Progress during 2013\nDone.\n",
    "HTML heading block": HEAD + "<h3><span>Progress during 2013</span></h3>\n\nDone.\n",
    "HTML block not prose": PHASE + '<div class="x">\nTBC\n</div>\n\nDone.\n',
    "inline code not prose": PHASE + "`TBC` Done.\n",
    "fenced code not prose": PHASE + "```\nTBC\n```\n\nDone.\n",
}


def ours_right(text: str) -> bool:
    doc = read("case.md", text, ReaderOptions())
    prose = " ".join(p.text for p in doc.paragraphs)
    return (
        [e.name for e in doc.entries] == [ENTRY]
        and [p.key for p in doc.entries[0].phases] == ["progress 2013"]
        and "TBC" not in prose
        and "Done." in prose
    )


def markdown_it_right(text: str) -> bool:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    prose = " ".join(
        child.content
        for t in tokens
        if t.type == "inline" and not (tokens.index(t) > 0 and tokens[tokens.index(t) - 1].type == "heading_open")
        for child in (t.children or [])
        if child.type == "text"
    )
    return ("h2", ENTRY) in headings and ("h3", "Progress during 2013") in headings and "TBC" not in prose


def best_rate(fn: Callable[[str], object], texts: list[str], passes: int) -> float:
    """MB/s of CPU time of ``fn`` over every text (one call a file), best of ``passes``."""
    from bench.measure import best_of

    def every() -> None:
        for text in texts:
            fn(text)

    return sum(map(len, texts)) / 1e6 / best_of(passes, every, time.process_time)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    print("markdown reader: line scanner (ours) vs markdown-it-py, correctness then speed")
    ours = theirs = 0
    for name, text in CASES.items():
        a, b = ours_right(text), markdown_it_right(text)
        ours += a
        theirs += b
        print(f"  {name:24} ours: {'right' if a else 'WRONG':5}   markdown-it-py: {'right' if b else 'WRONG'}")
    print(f"  correct: ours {ours}/{len(CASES)}, markdown-it-py {theirs}/{len(CASES)}")
    from bench.corpus import generate

    files = generate(40 if quick else 200, seed=3, formats=("markdown",))
    texts = [f.data.decode("utf-8", "replace") for f in files]  # some files are planted Windows-1252
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    passes = 3 if quick else 5
    ours_rate = best_rate(lambda t: read("corpus.md", t, ReaderOptions()), texts, passes)
    theirs_rate = best_rate(md.parse, texts, passes)
    size = sum(map(len, texts)) / 1e6
    print(f"  speed on {len(texts)} files, {size:.2f} MB of generated Markdown, best of {passes}, CPU time:")
    print(f"    ours (Document with exact spans)      {ours_rate:6.2f} MB/s")
    print(f"    markdown-it-py parse (tokens only)    {theirs_rate:6.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
