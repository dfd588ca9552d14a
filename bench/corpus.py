"""Generate realistic response files for the benchmarks, from a seeded random generator.

Three formats, as the readers know them: ``source-2012`` (``{div .department}``
blocks, ``##Name<br>Name`` headings, one ``{div .statement}`` each, ``[Read more »]``
links), ``publication-2015`` (a title, a name line per organisation, phase headings,
one paragraph per line, ``- `` bullets) and ``markdown`` (``#`` action, ``##``
organisation, ``###`` phase). Organisations, wording, years, heading spellings, sizes,
line endings and encodings vary from file to file, and a realistic share of files
carry the defects the rules look for (placeholders, links without a target, retired
domains, text copied between years, a missing phase, a variant heading, very long
sentences, an organisation missing from one file of an action). Consecutive files
form a group answering the same action, one file per format, with mostly the same
organisations (as the 2012 source and the 2015 publication of one action do), so
checks that compare documents see realistic pairs. File ``i`` depends only on the
seed and ``i``, not on the count.

Use it from a benchmark::

    from bench.corpus import generate
    files = generate(2000, seed=1)            # list of CorpusFile (bytes in memory)

or write a corpus to disk (``bench/out/`` is git-ignored)::

    python -m bench.corpus --count 200 --out bench/out/corpus
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.corpus_prose import Clause, Writer
from bench.corpus_vocab import (
    ACTIONS,
    LINK_TEXTS,
    MONTHS,
    NOT_APPLICABLE,
    PLACEHOLDERS,
    STRATEGIES,
    UNITS,
    Org,
    organisations,
    slug,
)

SEED_FORMATS: tuple[str, ...] = ("source-2012", "publication-2015")
ALL_FORMATS: tuple[str, ...] = ("source-2012", "publication-2015", "markdown")

EXTENSION = {"source-2012": ".txt", "publication-2015": ".txt", "markdown": ".md"}


@dataclass(frozen=True)
class CorpusFile:
    """One generated file and the structure it was written with.

    ``structure`` holds, per entry, its display name and its phase keys (``"progress 2014"``),
    which is what a reader should find in ``data``.
    """

    name: str
    format: str
    data: bytes
    structure: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def phase_count(self) -> int:
        return sum(len(phases) for _, phases in self.structure)


# --- documents -----------------------------------------------------------------------------


def _phase_plan(rng: random.Random, start: int, count: int) -> list[tuple[str, int]]:
    """``count`` phases from a commitment in ``start``: progress and plans alternating, as in the seeds."""
    phases = [("commitment", start)]
    year = start + 1
    while len(phases) < count:
        phases.append(("progress", year))
        if len(phases) < count:
            phases.append(("plan", year + 1))
        year += 1
    return phases


_HEADING_STYLES = [
    {
        "commitment": "Departmental digital strategy commitments ({month} {year})",
        "progress": "Progress during {year}",
        "plan": "Planned activities in {year}",
    },
    {
        "commitment": "Commitments ({month} {year})",
        "progress": "Progress in {year}",
        "plan": "Planned activities for {year}",
    },
    {"commitment": "Commitment for {year}", "progress": "Progress for {year}", "plan": "Plans for {year}"},
    {
        "commitment": "Digital strategy commitments ({year})",
        "progress": "Progress during {year}",
        "plan": "Plans in {year}",
    },
]


class _Document:
    """The parts every format shares: organisations, their phases and their prose."""

    def __init__(self, rng: random.Random, group: random.Random, action: int, fmt: str, scale: float) -> None:
        # what the files of one action share comes from ``group``: title, years, organisations
        self.start = group.randint(2008, 2022)
        self.month = group.choice(MONTHS)
        self.action = action
        lead = group.choice(["Cabinet Office", "Each department", "Departments", "The centre", "Government"])
        self.title = f"Action {action}: {lead} will {group.choice(ACTIONS)}"
        self.orgs = organisations(group, max(2, round(group.uniform(8, 17) * scale)))
        self.rng = rng
        self.fmt = fmt
        if len(self.orgs) > 2 and rng.random() < 0.08:  # one organisation did not answer in this file
            del self.orgs[rng.randrange(len(self.orgs))]
        self.style = rng.choice(_HEADING_STYLES)
        self.phase_count = 1 if fmt == "source-2012" else rng.randint(3, 7)
        self.writer = Writer(rng, self.orgs, curly=rng.random() < 0.6)

    def heading(self, kind: str, year: int) -> str:
        text = self.style[kind].format(month=self.month, year=year)
        if self.rng.random() < 0.03:  # a variant spelling of the same phase
            text = text.title() if self.rng.random() < 0.5 else text.lower()
        return text

    def phase_body(
        self, org: Org, kind: str, year: int, earlier: list[tuple[str, list[list[Clause]]]]
    ) -> tuple[list[list[str]], list[list[Clause]]]:
        """Paragraphs (each a list of lines: one line, or an intro and its bullets) and their clauses."""
        rng = self.rng
        writer = self.writer
        tense = "past" if kind == "progress" else "future"
        roll = rng.random()
        if roll < 0.02:
            return [[rng.choice(PLACEHOLDERS).format(acr=org.acronym)]], []
        if roll < 0.025:
            return [], []
        if roll < 0.04:
            return [[rng.choice(NOT_APPLICABLE).format(acr=org.acronym)]], []
        if roll < 0.08 and earlier:  # text copied from another year, verbatim or with the tense changed
            _, copied = rng.choice(earlier)
            return [[" ".join(writer.render(c, tense) for c in para)] for para in copied], copied
        paragraphs: list[list[str]] = []
        clauses: list[list[Clause]] = []
        for _ in range(rng.choice((1, 1, 1, 1, 2, 2, 3))):
            if self.fmt != "source-2012" and rng.random() < 0.12:
                intro = rng.choice(
                    ["This included:", "The work covered:", "Highlights were:"]
                    if tense == "past"
                    else [f"{org.acronym} will focus on:", "The plans cover:", "Priorities are:"]
                )
                paragraphs.append([intro, *(writer.thing(year) for _ in range(rng.randint(2, 6)))])
                continue
            para = [writer.clause(org, year) for _ in range(rng.choice((1, 2, 2, 2, 3, 3, 4)))]
            text = " ".join(
                writer.render(c, tense) if rng.random() < 0.9 else writer.sentence(org, year, tense) for c in para
            )
            if self.fmt == "publication-2015" and rng.random() < 0.04:
                where = rng.choice(
                    [
                        "Details are at",
                        "The plan is published at",
                        "See",
                        "More information:",
                        f"{org.acronym} reports progress at",
                        "The {year} update is at",
                    ]
                )
                text += f" {where.format(year=year)} {writer.url(org, year)}"
            paragraphs.append([text])
            clauses.append(para)
        return paragraphs, clauses

    def entries(self) -> list[tuple[Org, list[tuple[str, int, str, list[list[str]]]]]]:
        """Per organisation: ``(kind, year, heading, paragraphs)`` for each phase."""
        result = []
        for org in self.orgs:
            plan = _phase_plan(self.rng, self.start, self.phase_count)
            if len(plan) >= 3 and self.rng.random() < 0.04:  # a missing phase
                del plan[self.rng.randrange(1, len(plan) - 1)]
            phases = []
            earlier: list[tuple[str, list[list[Clause]]]] = []
            for kind, year in plan:
                paragraphs, clauses = self.phase_body(org, kind, year, earlier)
                if clauses:
                    earlier.append((kind, clauses))
                phases.append((kind, year, self.heading(kind, year), paragraphs))
            result.append((org, phases))
        return result


def _source_2012(doc: _Document) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    rng = doc.rng
    out = [
        "{{DEPARTMENTRESPONSE}}",
        f"#{doc.title}",
        "",
        "{div .section}",
        "",
        "{navigation}",
        "",
        rng.choice(
            [
                "Here's how departments are responding to this action:",
                "Here’s how organisations are responding to this action:",
                "Responses from each organisation are below.",
            ]
        ),
        "",
        "",
    ]
    br = rng.choice(["<br>", " <br> ", "<br/>"])
    structure: list[tuple[str, tuple[str, ...]]] = []
    for org, phases in doc.entries():
        words = org.name.split()
        cuts = (
            sorted(rng.sample(range(1, len(words)), min(len(words) - 1, rng.randint(0, 3)))) if len(words) > 1 else []
        )
        chunks = [" ".join(words[a:b]) for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)]
        out += [
            "{div .department}",
            "##" + br.join(chunks),
            f"{{: .logo-{rng.choice(['single', slug(org.acronym)])}}}",
        ]
        if rng.random() < 0.3:
            out.append("")
        out.append("{div .statement}")
        _, _, _, paragraphs = phases[0]
        for k, para in enumerate(paragraphs):
            text = para[0]
            if k == len(paragraphs) - 1 and not text.startswith(("Coming", "TBC", "To be", "Awaiting", "[")):
                roll = rng.random()
                if roll < 0.8:
                    text += f" [{rng.choice(LINK_TEXTS)}]({doc.writer.url(org, doc.start)})"
                elif roll < 0.86:
                    text += " [Read more »]"
            if k:
                out.append("")
            out.append(text)
        out += ["{/div}", "{/div}", ""]
        # the reader takes a statement for the commitment of 2012 (its default statement-phase)
        structure.append((org.name, ("commitment 2012",)))
    out += ["{navigation}", "{/div}", "", ""]
    return "\n".join(out), structure


def _publication(doc: _Document) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    rng = doc.rng
    day = rng.randint(1, 28)
    out = [
        doc.title,
        f"Updated {day} {rng.choice(MONTHS)} {doc.start + doc.phase_count // 2 + 1}",
        f"This action forms part of the {rng.choice(STRATEGIES)}.",
        rng.choice(
            [
                "Here’s how departments are responding to this action:",
                "Here's how organisations are responding to this action:",
                "Each organisation's response follows.",
            ]
        ),
    ]
    structure = []
    for org, phases in doc.entries():
        out.append(org.name)
        keys = []
        for kind, year, heading, paragraphs in phases:
            out.append(heading)
            keys.append(f"{kind} {year}")
            for para in paragraphs:
                out.append(para[0])
                out += [f"- {item}" for item in para[1:]]
        structure.append((org.name, tuple(keys)))
    return "\n".join(out) + "\n", structure


def _markdown(doc: _Document) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    rng = doc.rng
    out: list[str] = []
    if rng.random() < 0.2:
        out += ["---", f'title: "{doc.title}"', f"updated: {doc.start + 2}-{rng.randint(1, 12):02d}-01", "---", ""]
    out += [f"# {doc.title}", "", f"This action forms part of the {rng.choice(STRATEGIES)}.", ""]
    marker = rng.choice(["-", "*", "1."])
    structure = []
    for org, phases in doc.entries():
        out += [f"## {org.name}", ""]
        keys = []
        for kind, year, heading, paragraphs in phases:
            out += [f"### {heading}", ""]
            keys.append(f"{kind} {year}")
            for para in paragraphs:
                text = para[0]
                if len(para) == 1 and rng.random() < 0.15:
                    text += f" See [{rng.choice(LINK_TEXTS)}]({doc.writer.url(org, year)})."
                if len(para) == 1 and len(text) > 160 and rng.random() < 0.3:  # a hard-wrapped paragraph
                    cut = text.rfind(" ", 0, len(text) // 2)
                    text = text[:cut] + "\n" + text[cut + 1 :]
                out += [text, ""]
                if len(para) > 1:
                    out += [f"{marker} {item}" for item in para[1:]] + [""]
            if rng.random() < 0.03:
                out += [f"<!-- checked by the {rng.choice(UNITS)} team -->", ""]
        structure.append((org.name, tuple(keys)))
    return "\n".join(out), structure


_WRITERS = {"source-2012": _source_2012, "publication-2015": _publication, "markdown": _markdown}


def generate_one(index: int, seed: int = 1, formats: Sequence[str] = SEED_FORMATS, scale: float = 1.0) -> CorpusFile:
    """File ``index`` of the corpus for ``seed``: the same file whatever the corpus size.

    Consecutive files form a group, one file per format, answering the same action
    (number ``index // len(formats) + 1``) with mostly the same organisations, as the
    2012 source and the 2015 publication of one action do.
    """
    rng = random.Random(f"response-lint bench {seed} {index}")
    number = index // len(formats)
    group = random.Random(f"response-lint bench {seed} action {number}")
    fmt = formats[index % len(formats)]
    doc = _Document(rng, group, number + 1, fmt, scale)
    text, structure = _WRITERS[fmt](doc)
    roll = rng.random()
    if roll < 0.05:
        text = text.replace("\n", "\r\n")
    encoding, bom = "utf-8", b""
    roll = rng.random()
    if roll < 0.02:
        bom = b"\xef\xbb\xbf"
    elif roll < 0.03:
        encoding = "cp1252"  # as Word exports it
    data = bom + text.encode(encoding)
    name = f"{index:05d}-{fmt}{EXTENSION[fmt]}"
    return CorpusFile(name, fmt, data, tuple(structure))


def generate(count: int, seed: int = 1, formats: Sequence[str] = SEED_FORMATS, scale: float = 1.0) -> list[CorpusFile]:
    """``count`` files, cycling through ``formats``; ``scale`` multiplies the entries per file (8 to 17)."""
    unknown = [f for f in formats if f not in _WRITERS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)} (expected {', '.join(ALL_FORMATS)})")
    return [generate_one(i, seed, formats, scale) for i in range(count)]


def write(files: Sequence[CorpusFile], folder: Path) -> list[Path]:
    """Write ``files`` into ``folder`` (created if needed); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in files:
        path = folder / item.name
        path.write_bytes(item.data)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="number of files (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiplies the entries per file, 8 to 17 at 1 (default 1)"
    )
    parser.add_argument(
        "--formats",
        default=",".join(SEED_FORMATS),
        help=f"comma-separated formats (default: the seed formats; all: {','.join(ALL_FORMATS)})",
    )
    parser.add_argument("--out", type=Path, default=Path("bench/out/corpus"), help="folder to write into")
    args = parser.parse_args(argv)
    if args.count < 1 or args.scale <= 0:
        parser.error("--count must be at least 1 and --scale above 0")
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    try:
        files = generate(args.count, args.seed, formats, args.scale)
    except ValueError as exc:
        parser.error(str(exc))
    write(files, args.out)
    total = sum(len(f.data) for f in files)
    print(f"wrote {len(files)} files, {total / 1e6:.2f} MB, into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
