"""Judge the default rules on real pages: findings per 1,000 words, precision and recall.

``fixtures/real/`` holds real response files (GOV.UK pages of both layouts, other
publishers' progress reports), each with a ``NAME.labels.toml`` beside it: what a
GOV.UK content designer would act on there. Each label names a rule and a line
range, with a one-line reason:

    [[must]]        # the rule must report something starting on these lines
    rule = "placeholder"
    lines = [9, 9]
    reason = "'Commitment Status Under Review' is all the entry says"

    [[may]]         # either way is fine (neither counted right nor wrong)
    [[must-not]]    # a finding here is wrong (a trap worth naming)

A finding is *right* when it starts on the lines of a ``must`` label of its rule;
a finding on a ``may`` label is not counted; every other finding is *wrong*: the
labels list everything the designer would act on, so a finding they would not
act on is noise whether or not a ``must-not`` names it. Precision is right / (right
+ wrong); recall is the share of ``must`` labels that some finding of the rule
starts on.

The files fall in two sets, scored and printed apart: the *tuning* set
(``govuk/`` and ``other/``), whose labels rules may be worked out from, and the
*holdout* set (``holdout/``), labelled by an independent judge and used for scoring
only. Each set is linted by the ordinary command line (``python -m lint check
--format json``) in *runs*: the files of a run are linted at once, so that rules
comparing documents see every page of the run and nothing of the other set. A set
is one run unless ``fixtures/real/runs.toml`` splits it, and every run must be
*closed* (``fixtures/real/README``): an answer (organisation, action) held by one
of its pages is held by its other page too when that page is in the run. The stored
copies of the pages stop after about 2,000 characters, so a cut page lacks answers
that the real page has; a run that is not closed would score those artefacts, and
the command stops with exit 2 naming the answer.

    python bench/real.py                  # a table per set, each figure beside its target
    python bench/real.py --set holdout    # one set only
    python bench/real.py --json           # the same figures as JSON (for tests)
    python bench/real.py --blind          # recall and precision of placeholder and broken-link on fixtures/blind

Exit code 0 when the run and the labels are sound, whatever the figures (``--strict``:
1 when a target of the tuning set is missed), 2 when a label file is malformed, a file has
none, or a run is not closed.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.real_labels import ROOT, SETS, LabelError, open_answers, read_labels, set_runs

MAX_PER_1000 = 12.0  # target: findings per 1,000 words, all default rules
MIN_PRECISION = 0.9  # target: share of each default rule's findings that are right
_WORD = re.compile(r"[^\W_][\w’'-]*")


def default_rules() -> set[str]:
    from lint.rules import builtin_rules_dir, load_rules

    return {name for name, rule in load_rules([builtin_rules_dir()]).items() if rule.default}


def lint_json(paths: list[Path], cwd: Path = ROOT) -> dict[str, Any]:
    """The JSON report of one ordinary run of the command line over ``paths``."""
    command = [sys.executable, "-m", "lint", "check", "--format", "json", "--fail-on", "never", "--no-links"]
    result = subprocess.run(
        [*command, *(str(p.relative_to(cwd)) for p in paths)], cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"response-lint exited {result.returncode}: {result.stderr.strip()}")
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@dataclass
class Score:
    findings: int = 0
    right: int = 0
    wrong: int = 0
    maybe: int = 0
    must: int = 0
    found: int = 0

    @property
    def precision(self) -> float | None:
        judged = self.right + self.wrong
        return self.right / judged if judged else None

    @property
    def recall(self) -> float | None:
        return self.found / self.must if self.must else None


def places(diagnostic: dict[str, Any]) -> list[tuple[str, int]]:
    """Where a finding of the JSON report reports something, as (path, line): where it stands,
    then, for one answer published with the same text on several pages of the run, the same
    place on each other page (:mod:`lint.republished` reports it once, on the first page, with
    a related location on each other one)."""
    from lint.republished import ALSO

    found = [(diagnostic["path"].removeprefix("./"), diagnostic["line"])]
    found += [(r["path"].removeprefix("./"), r["line"]) for r in diagnostic.get("related", ()) if r["message"] == ALSO]
    return found


def judge(runs: list[list[Path]]) -> dict[str, Any]:
    """Lint each run of files at once and score every default rule's findings against the labels."""
    files = sorted(p for run in runs for p in run)
    rules = default_rules()
    labels = {p: read_labels(p, rules) for p in files}
    for run in runs:
        problems = open_answers(run)
        if problems:
            names = ", ".join(p.relative_to(ROOT).as_posix() for p in run)
            raise LabelError(f"the run {names} is not closed: {problems[0]} (see fixtures/real/README)")
    report = {"diagnostics": [d for run in runs for d in lint_json(run)["diagnostics"]]}
    words = {p: len(_WORD.findall(p.read_text(encoding="utf-8"))) for p in files}
    by_rel = {p.relative_to(ROOT).as_posix(): p for p in files}
    scores: dict[str, Score] = {rule: Score() for rule in sorted(rules)}
    linted: Counter[str] = Counter()
    wrong: list[str] = []
    hit: set[tuple[Path, int]] = set()
    for d in report["diagnostics"]:
        path = by_rel.get(d["path"].removeprefix("./"))
        if path is None or d["rule"] not in scores:
            continue
        linted[d["path"]] += 1
        score = scores[d["rule"]]
        score.findings += 1  # once, even when it names other pages of the same answer
        mine = [(i, lab) for i, lab in enumerate(labels[path]) if lab.rule == d["rule"] and lab.covers(d["line"])]
        kinds = {lab.kind for _, lab in mine}
        if "must" in kinds:
            score.right += 1
        elif "may" in kinds:
            score.maybe += 1
        else:
            score.wrong += 1
            wrong.append(f"{d['path']}:{d['line']}: [{d['rule']}] {d['message']}")
        # recall: the labels of its rule at each place it reports (the other pages of one answer too)
        for where, line in places(d):
            page = by_rel.get(where)
            if page is not None:
                hit.update(
                    (page, i)
                    for i, lab in enumerate(labels[page])
                    if lab.kind == "must" and lab.rule == d["rule"] and lab.covers(line)
                )
    missed = []
    for path, found in labels.items():
        for i, lab in enumerate(found):
            if lab.kind == "must":
                scores[lab.rule].must += 1
                if (path, i) in hit:
                    scores[lab.rule].found += 1
                else:
                    missed.append(f"{path.relative_to(ROOT).as_posix()}:{lab.first}: [{lab.rule}] {lab.reason}")
    total_words = sum(words.values())
    total = sum(s.findings for s in scores.values())
    folders: dict[str, dict[str, int]] = {}
    for path in files:
        folder = folders.setdefault(path.parent.name, {"words": 0, "findings": 0})
        folder["words"] += words[path]
        folder["findings"] += linted[path.relative_to(ROOT).as_posix()]
    return {
        "files": [p.relative_to(ROOT).as_posix() for p in files],
        "runs": [[p.relative_to(ROOT).as_posix() for p in run] for run in runs],
        "labels": sum(len(v) for v in labels.values()),
        "words": total_words,
        "findings": total,
        "per_1000_words": 1000 * total / total_words if total_words else 0.0,
        "folders": folders,
        "rules": {
            name: {
                "findings": s.findings,
                "per_1000_words": 1000 * s.findings / total_words if total_words else 0.0,
                "right": s.right,
                "wrong": s.wrong,
                "maybe": s.maybe,
                "must": s.must,
                "found": s.found,
                "precision": s.precision,
                "recall": s.recall,
            }
            for name, s in scores.items()
        },
        "wrong": wrong,
        "missed": missed,
    }


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:3.0f}%"


def print_table(name: str, result: dict[str, Any], verbose: bool) -> bool:
    """Print the figures of set ``name`` beside their targets; True when every target is met."""
    ok = result["per_1000_words"] <= MAX_PER_1000
    folders = ", ".join(f"fixtures/real/{sub}" for sub in SETS[name])
    runs = len(result["runs"])
    print(
        f"{name} set ({folders}): {len(result['files'])} files in {runs} run{'s' * (runs != 1)}, "
        f"{result['words']} words, {result['labels']} labels"
    )
    print(
        f"findings: {result['findings']} = {result['per_1000_words']:.1f} per 1,000 words "
        f"(target <= {MAX_PER_1000:g}) {'ok' if ok else 'MISSED'}"
    )
    if len(result["folders"]) > 1:
        print(
            "  by folder: "
            + "; ".join(
                f"{sub}/ {f['findings']} in {f['words']} words = {1000 * f['findings'] / f['words']:.1f}"
                for sub, f in result["folders"].items()
                if f["words"]
            )
        )
    print(f"{'rule':<20} {'found':>5} {'/1000w':>6} {'right':>5} {'wrong':>5} {'may':>4} {'prec':>5} {'recall':>7}")
    for name, r in result["rules"].items():
        if not r["findings"] and not r["must"]:
            continue
        met = r["precision"] is None or r["precision"] >= MIN_PRECISION
        ok = ok and met
        print(
            f"{name:<20} {r['findings']:>5} {r['per_1000_words']:>6.1f} {r['right']:>5} {r['wrong']:>5} "
            f"{r['maybe']:>4} {_pct(r['precision']):>5} {_pct(r['recall']):>4} of {r['must']:<3}"
            f"{'' if met else f' precision under {MIN_PRECISION:.0%}'}"
        )
    print(f"target: precision >= {MIN_PRECISION:.0%} for every default rule; {'all met' if ok else 'NOT all met'}")
    if verbose:
        for line in result["wrong"]:
            print("  wrong: " + line)
        for line in result["missed"]:
            print("  missed: " + line)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the wrong findings and missed labels")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--blind", action="store_true", help="score placeholder and broken-link on fixtures/blind")
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="score only this set (repeatable)")
    args = parser.parse_args(argv)
    if args.blind:
        from bench.blind import main as blind_main

        return blind_main(json_output=args.json, verbose=args.verbose)
    names = [name for name in SETS if name in (args.set or SETS)]
    try:
        results = {name: judge(set_runs(name)) for name in names}
    except LabelError as exc:
        print(f"real: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"sets": results}, indent=1))
        return 0
    met = {}
    for i, name in enumerate(names):
        if i:
            print()
        met[name] = print_table(name, results[name], args.verbose)
    return 1 if args.strict and not met.get("tuning", True) else 0


if __name__ == "__main__":
    sys.exit(main())
