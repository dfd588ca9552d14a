"""The corpus of :mod:`bench.bench_copies`: entries in Markdown files, with copies of each kind planted.

A seeded generator (:class:`Generator`) writes prose from a pool of invented words, so
that text nobody copied is not similar by accident; :func:`build_corpus` writes the files
and plants the copies (:data:`KINDS`), returning where each one is (:class:`Plant`), which
is what the benchmark scores the copy rules' findings against.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

PHASES = (("commitment", 2016), ("progress", 2017), ("plan", 2018), ("progress", 2018), ("plan", 2019))
# (earlier, later) phases a copy is planted between: not a plan restating a commitment or progress,
# which year-copy judges a continuation (``continuation-severity``, off by default), not a copy
COPY_PAIRS = [
    (earlier, later)
    for later in range(1, len(PHASES))
    for earlier in range(later)
    if PHASES[later][0] != "plan" or PHASES[earlier][0] == "plan"
]
HEADINGS = {
    "commitment": "Commitments ({year})",
    "progress": "Progress during {year}",
    "plan": "Planned activities in {year}",
}
FUNCTION_WORDS = (
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "by",
    "from",
    "its",
    "their",
    "across",
    "through",
    "a",
    "new",
    "more",
    "each",
)
KINDS = ("verbatim", "near", "tense", "partial", "cross-entry", "echo")


@dataclass(frozen=True)
class Plant:
    kind: str
    path: str
    entry: str
    phase: str
    source: tuple[str, str, str]  # (path, entry, phase) of the text copied (or the title)


@dataclass
class _Entry:
    name: str
    acronym: str
    phases: list[list[str]] = field(default_factory=list)  # per phase: paragraphs


class Generator:
    """Word-pool prose, organisations and documents, all from one seeded RNG."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"bench-copies {seed}")
        self.words = self._pool(6000)
        self.verbs = self.words[:400]
        self.names: set[str] = set()

    def _pool(self, size: int) -> list[str]:
        onsets = [
            "b",
            "c",
            "d",
            "f",
            "g",
            "h",
            "j",
            "k",
            "l",
            "m",
            "n",
            "p",
            "r",
            "s",
            "t",
            "v",
            "w",
            "z",
            "br",
            "cl",
            "dr",
            "fl",
            "gr",
            "pl",
            "pr",
            "st",
            "tr",
            "sk",
            "sn",
            "th",
        ]
        vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
        codas = ["", "", "n", "r", "l", "m", "nd", "st", "rk", "x"]
        skip = set(FUNCTION_WORDS) | {
            "will",
            "has",
            "have",
            "had",
            "was",
            "were",
            "are",
            "is",
            "be",
            "been",
            "shall",
            "continue",
            "continued",
        }
        pool: set[str] = set()
        rng = self.rng
        while len(pool) < size:
            word = "".join(
                rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.choice((2, 2, 3)))
            )
            if word not in skip and not word.endswith(("s", "e", "ed", "ing", "y")):
                pool.add(word)
        return sorted(pool)

    def word(self) -> str:
        return self.rng.choice(self.words)

    def words_run(self, count: int) -> list[str]:
        rng = self.rng
        return [rng.choice(FUNCTION_WORDS) if rng.random() < 0.3 else self.word() for _ in range(count)]

    def sentence(self, subject: str, low: int = 10, high: int = 22) -> str:
        rng = self.rng
        body = self.words_run(rng.randint(low, high))
        if rng.random() < 0.15:
            body.insert(rng.randrange(len(body)), str(rng.randint(2, 9000)))
        lead = subject if rng.random() < 0.5 else body.pop(0).capitalize()
        return " ".join([lead, *body]) + "."

    def paragraph(self, subject: str, sentences: int | None = None) -> str:
        count = sentences or self.rng.choice((1, 2, 2, 3))
        return " ".join(self.sentence(subject) for _ in range(count))

    def organisation(self) -> tuple[str, str]:
        rng = self.rng
        while True:
            first, second = self.word().capitalize(), self.word().capitalize()
            kind = rng.choice(("Agency", "Office", "Board", "Service", "Commission"))
            name = f"{first} {second} {kind}"
            if name not in self.names:
                self.names.add(name)
                return name, (first[0] + second[0] + kind[0]).upper()


def _swap_word(gen: Generator, text: str) -> str:
    words = text.split()
    for _ in range(20):
        i = gen.rng.randrange(1, len(words))
        if words[i].isalpha() and words[i] not in FUNCTION_WORDS:
            words[i] = gen.word()
            break
    return " ".join(words)


def build_corpus(folder: Path, entries: int, per_file: int, planted: int, seed: int) -> list[Plant]:
    """Write the corpus into ``folder``; the list of planted copies."""
    gen = Generator(seed)
    rng = gen.rng
    files: list[tuple[str, str, list[_Entry]]] = []
    for f in range(max(1, entries // per_file)):
        lead = gen.organisation()[0]
        words = gen.words_run(14)
        while sum(w not in FUNCTION_WORDS for w in words) < 8:  # an action says what will be done
            words = gen.words_run(14)
        title = f"Action {f + 1}: {lead} will " + " ".join(words)
        docs: list[_Entry] = []
        for _ in range(per_file):
            name, acronym = gen.organisation()
            entry = _Entry(name, acronym)
            entry.phases.append([f"The {name} ({acronym}) will " + gen.paragraph(acronym)[len(acronym) + 1 :]])
            for _ in PHASES[1:]:
                entry.phases.append([gen.paragraph(acronym) for _ in range(rng.choice((1, 1, 2)))])
            docs.append(entry)
        files.append((str(folder / f"actions-{f:03d}.md"), title, docs))

    slots = [(fi, ei) for fi in range(len(files)) for ei in range(per_file)]
    rng.shuffle(slots)
    plants: list[Plant] = []

    def key(fi: int, ei: int, pi: int) -> tuple[str, str, str]:
        kind, year = PHASES[pi]
        return files[fi][0], files[fi][2][ei].name, f"{kind} {year}"

    echo_slots = [slot for slot in slots if slot[1] == 0]  # one echo per file: echoes of one title are copies
    slots = [slot for slot in slots if slot[1] != 0]
    for kind in KINDS:
        for _ in range(planted):
            fi, ei = echo_slots.pop() if kind == "echo" else slots.pop()
            entry = files[fi][2][ei]
            earlier, later = rng.choice(COPY_PAIRS)
            acr = entry.acronym
            if kind == "verbatim":
                text = gen.paragraph(acr, 2)
                entry.phases[earlier] = [text]
                entry.phases[later] = [text.upper() if rng.random() < 0.2 else text.replace(".", " .")]
            elif kind == "near":
                text = gen.paragraph(acr, 2)
                entry.phases[earlier] = [text]
                if rng.random() < 0.5:
                    entry.phases[later] = [_swap_word(gen, text)]
                else:
                    cut = text.index(". ") if ". " in text else len(text) - 1
                    clause = " ".join(["and", *gen.words_run(3)])
                    entry.phases[later] = [text[:cut] + " " + clause + text[cut:]]
            elif kind == "tense":
                rest = " ".join(gen.words_run(rng.randint(12, 20)))
                verb = rng.choice(gen.verbs)
                earlier = rng.choice([i for i, p in enumerate(PHASES[:-1]) if p[0] != "progress"])
                later = rng.choice([i for i, p in enumerate(PHASES) if p[0] == "progress" and i > earlier])
                extra = gen.sentence(acr)
                entry.phases[earlier] = [f"{acr} will continue to {verb} {rest}. {extra}"]
                shifted = rng.choice(("continued to", "has continued to"))
                entry.phases[later] = [f"{acr} {shifted} {verb} {rest}. {extra}"]
            elif kind == "partial":
                carried = gen.sentence(acr, 14, 20)
                entry.phases[earlier] = [gen.sentence(acr) + " " + carried]
                entry.phases[later] = [gen.paragraph(acr, 2) + " " + carried + " " + gen.sentence(acr)]
            elif kind == "cross-entry":
                sfi, sei = slots.pop()
                source = files[sfi][2][sei]
                pi = rng.randrange(1, len(PHASES))
                sentence = gen.sentence(source.acronym, 12, 20)
                if not sentence.startswith(source.acronym):
                    sentence = f"{source.acronym} {sentence[0].lower()}{sentence[1:]}"
                source.phases[pi] = [*source.phases[pi], sentence]
                copied = acr + sentence[len(source.acronym) :]
                if rng.random() < 0.5:  # a near copy: one word swapped
                    copied = _swap_word(gen, copied)
                entry.phases[later] = [*entry.phases[later], copied]
                plants.append(Plant(kind, *key(fi, ei, later), source=key(sfi, sei, pi)))
                continue
            else:  # echo: a progress phase restating the action's title
                later = rng.choice([i for i, p in enumerate(PHASES) if p[0] == "progress"])
                title = files[fi][1]
                entry.phases[later] = [f"{acr} has supported " + title.split(" will ", 1)[1] + "."]
                plants.append(Plant(kind, *key(fi, ei, later), source=(files[fi][0], "", "title")))
                continue
            plants.append(Plant(kind, *key(fi, ei, later), source=key(fi, ei, earlier)))

    for path, title, docs in files:
        out = [f"# {title}", ""]
        for entry in docs:
            out += [f"## {entry.name}", ""]
            for (kind, year), paragraphs in zip(PHASES, entry.phases, strict=True):
                out += [f"### {HEADINGS[kind].format(year=year)}", ""]
                for text in paragraphs:
                    out += [text, ""]
        Path(path).write_text("\n".join(out), encoding="utf-8")
    return plants
