"""Benchmark the copy rules (year-copy, entry-copy, action-echo) on planted copies.

Generates a corpus of 10,000 entries x 5 phases (Markdown, 100 entries per file)
from a seeded random generator and a pool of invented words, so that text nobody
copied is not similar by accident. Into it go a known number of copies of each
kind: verbatim, near (a word swapped or a clause added), tense-shifted ("will
continue to" -> "continued to"), partial (one long sentence carried over into
new text), cross-entry (a sentence of another organisation, its name swapped,
half of them with a word swapped too) and title echoes. Then it reads the corpus, runs the three rules through the
engine, and prints recall and precision on the planted copies and the time of
the copy rules next to the reading-only time.

    python bench/bench_copies.py                 # the full corpus
    python bench/bench_copies.py --entries 2000 --planted 20  # a quicker run (QUICK_ARGS)

Exit code 0 when every target is met (all planted copies found, none false, the
copy rules under 5 s of CPU time), 1 when one is missed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import timeit
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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
RULE_OF = {
    "verbatim": "year-copy",
    "near": "year-copy",
    "tense": "year-copy",
    "partial": "year-copy",
    "cross-entry": "entry-copy",
    "echo": "action-echo",
}
EXPECTED_KIND = {"verbatim": "verbatim", "near": "near", "tense": "near", "partial": "partial"}
TARGET_SECONDS = 5.0
QUICK_ARGS = ["--entries", "2000", "--planted", "20"]


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


def _reference_ms() -> float:
    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) * 1000


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _kind_of(message: str) -> str:
    """The kind of a year-copy finding, from the wording of its message (``rules/year-copy.toml``)."""
    if "word for word" in message:
        return "verbatim"
    if "nearly repeats" in message or "only tense, names or numbers changed" in message:
        return "near"
    if "carries over" in message:
        return "partial"
    return "other"


def score(plants: Sequence[Plant], diagnostics: Sequence, documents: dict) -> tuple[Counter, Counter, int, int]:
    """(found per kind, planted per kind, true findings, false findings)."""
    wanted: dict[tuple[str, str, str, str], Plant] = {}
    for plant in plants:
        if plant.kind == "cross-entry":
            wanted[("entry-copy", *sorted([(plant.path, plant.entry, plant.phase), plant.source]))] = plant
        else:
            wanted[(RULE_OF[plant.kind], plant.path, plant.entry, plant.phase)] = plant
    found: set[Plant] = set()
    true = false = 0
    for d in diagnostics:
        plant = None
        if d.rule == "entry-copy" and d.related:
            rel = d.related[0]
            entry, phase = documents[rel.path].phase_at(rel.span.start)
            other = (rel.path, entry.name if entry else "", phase.key if phase else "")
            plant = wanted.get(("entry-copy", *sorted([(d.path, d.entry, d.phase), other])))
        elif d.rule in ("year-copy", "action-echo"):
            plant = wanted.get((d.rule, d.path, d.entry, d.phase))
            if plant is not None and d.rule == "year-copy" and _kind_of(d.message) != EXPECTED_KIND[plant.kind]:
                plant = None
        if plant is None:
            false += 1
        else:
            true += 1
            found.add(plant)
    return Counter(p.kind for p in found), Counter(p.kind for p in plants), true, false


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/bench_copies.py", description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000, help="entries in the corpus (default 10,000)")
    parser.add_argument("--per-file", type=int, default=100, help="entries per file (default 100)")
    parser.add_argument("--planted", type=int, default=100, help="planted copies of each kind (default 100)")
    parser.add_argument("--seed", type=int, default=4, help="random seed (default 4)")
    args = parser.parse_args(argv)
    if args.entries < args.per_file or args.per_file < 2 or args.planted < 1:
        parser.error("need --entries >= --per-file >= 2 and --planted >= 1")
    if args.planted * (len(KINDS) + 1) > args.entries or args.planted > args.entries // args.per_file:
        parser.error("too many planted copies for the corpus size (at most one title echo per file)")

    from lint import engine
    from lint.checks import copies
    from lint.config import Config
    from lint.source import load

    config = Config()
    rules = engine.available_rules(config)
    chosen = [rules[name] for name in ("year-copy", "entry-copy", "action-echo")]
    with tempfile.TemporaryDirectory(prefix="bench-copies-") as folder:
        started = time.perf_counter()
        plants = build_corpus(Path(folder), args.entries, args.per_file, args.planted, args.seed)
        generated = time.perf_counter() - started
        paths = sorted(str(p) for p in Path(folder).glob("*.md"))
        size = sum(Path(p).stat().st_size for p in paths)

        started, started_cpu = time.perf_counter(), time.process_time()
        documents = [load(p, config.reader, None, config.max_file_size) for p in paths]
        reading, reading_cpu = time.perf_counter() - started, time.process_time() - started_cpu

        copies.clear_caches()  # as a new process would start
        timings: dict[str, float] = {}
        cpu: dict[str, float] = {}
        diagnostics = []
        for rule in chosen:
            started, started_cpu = time.perf_counter(), time.process_time()
            diagnostics += engine.run(documents, [rule], config)
            timings[rule.name] = time.perf_counter() - started
            cpu[rule.name] = time.process_time() - started_cpu
    by_path = {d.path: d for d in documents}
    found, planted, true, false = score(plants, diagnostics, by_path)
    entries = sum(len(d.entries) for d in documents)
    phases = sum(len(e.phases) for d in documents for e in d.entries)
    total, total_cpu = sum(timings.values()), sum(cpu.values())
    all_planted, all_found = sum(planted.values()), sum(found.values())
    recall = all_found / all_planted if all_planted else 1.0
    precision = true / (true + false) if true + false else 1.0
    target = TARGET_SECONDS * entries / 10_000  # the target is for 10,000 entries
    fast, complete, exact = total_cpu < target, all_found == all_planted, false == 0

    print(
        f"corpus: {entries:,} entries, {phases:,} phases in {len(paths)} files ({size / 1e6:.1f} MB), "
        f"generated in {generated:.2f} s"
    )
    print(f"reading only      {reading_cpu:6.2f} s CPU ({reading:.2f} s wall)")
    print(f"machine           {_reference_ms():6.1f} ms for sum(range(10**6)), best of 5 (to compare machines)")
    print(
        f"copy rules        {total_cpu:6.2f} s CPU ({total:.2f} s wall)   target < {target:.2g} s CPU, one core"
        f"   {_verdict(fast)}"
    )
    print(
        "                  "
        + ", ".join(f"{name} {cpu[name]:.2f} s" for name in cpu)
        + f"; {total_cpu / max(reading_cpu, 1e-9):.1f}x the reading time"
    )
    print(f"{'planted copies':<16} {'count':>6} {'found':>6}")
    for kind in KINDS:
        print(f"  {kind:<14} {planted[kind]:>6} {found[kind]:>6}")
    print(
        f"recall            {100 * recall:5.1f}% ({all_found}/{all_planted})   target: all found   {_verdict(complete)}"
    )
    print(
        f"precision         {100 * precision:5.1f}% ({true} true, {false} false of {len(diagnostics)} findings)"
        f"   target: none false   {_verdict(exact)}"
    )
    return 0 if fast and complete and exact else 1


if __name__ == "__main__":
    sys.exit(main())
