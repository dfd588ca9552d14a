"""Score ``placeholder`` and ``broken-link`` on blind sets written by someone who never saw the rules.

``fixtures/blind/placeholder.jsonl`` holds phase bodies (``text``, ``label``: true for an
unfinished statement); ``fixtures/blind/link_targets.jsonl`` holds Markdown links
(``markdown``, ``label``: true for a target that goes nowhere). See
``fixtures/blind/README.md`` for how they were written. Each item becomes one Markdown
response file (``# Action``, ``## organisation``, ``### Progress during 2015``, then
the item), the ordinary command line lints them all in one run with only the rule
under test selected, and an item counts as reported when the rule reports anything in
its file.

    python bench/real.py --blind          # or: python bench/blind.py [--json] [--verbose]
    python bench/blind.py --folder fixtures/dev --verbose   # the development set (tune on this one)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "fixtures" / "blind"
SETS = (("placeholder", "placeholder.jsonl", "text"), ("broken-link", "link_targets.jsonl", "markdown"))


def _document(item_id: str, body: str, field: str) -> str:
    text = body if field == "text" else f"The team published {body} for readers."
    return f"# Action 1: Blind test\n\n## Office {item_id}\n\n### Progress during 2015\n\n{text}\n"


def score(rule: str, name: str, field: str, folder: Path = BLIND) -> dict[str, Any]:
    """Recall and precision of ``rule`` on the blind set ``name``."""
    items = [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for item in items:
            path = Path(tmp) / f"{item['id']}.md"
            path.write_text(_document(item["id"], item[field], field), encoding="utf-8")
            paths[path.name] = item
        command = [sys.executable, "-m", "lint", "check", "--select", rule, "--format", "json", "--fail-on", "never"]
        result = subprocess.run([*command, "--no-links", "."], cwd=tmp, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"response-lint exited {result.returncode}: {result.stderr.strip()}")
        found = [d for d in json.loads(result.stdout)["diagnostics"] if d["rule"] == rule]
        reported = {Path(d["path"]).name for d in found}
    words = sum(len(str(item[field]).split()) for item in items)
    tp = [p for p, item in paths.items() if item["label"] and p in reported]
    fp = [p for p, item in paths.items() if not item["label"] and p in reported]
    fn = [p for p, item in paths.items() if item["label"] and p not in reported]
    positives = sum(1 for item in items if item["label"])
    return {
        "rule": rule,
        "items": len(items),
        "words": words,
        "findings": len(found),
        "per_1000_words": 1000 * len(found) / words if words else 0.0,
        "positives": positives,
        "negatives": len(items) - positives,
        "true_positives": len(tp),
        "false_positives": len(fp),
        "recall": len(tp) / positives if positives else None,
        "precision": len(tp) / (len(tp) + len(fp)) if tp or fp else None,
        "missed": [f"{paths[p]['id']}: {paths[p][field]}" for p in sorted(fn)],
        "false": [f"{paths[p]['id']}: {paths[p][field]}" for p in sorted(fp)],
    }


def main(json_output: bool = False, verbose: bool = False, folder: Path = BLIND) -> int:
    results = [score(rule, name, field, folder) for rule, name, field in SETS]
    if json_output:
        print(json.dumps(results, indent=1))
        return 0
    label = "blind" if folder == BLIND else folder.name
    for r in results:
        recall = "-" if r["recall"] is None else f"{100 * r['recall']:.0f}%"
        precision = "-" if r["precision"] is None else f"{100 * r['precision']:.0f}%"
        print(
            f"{r['rule']:<12} {label} set: {r['positives']} positives, {r['negatives']} hard negatives: "
            f"recall {recall} ({r['true_positives']}/{r['positives']}), precision {precision} "
            f"({r['true_positives']}/{r['true_positives'] + r['false_positives']}); "
            f"{r['findings']} findings in {r['words']} words of items ({r['per_1000_words']:.0f} per 1,000)"
        )
        if verbose:
            for line in r["missed"]:
                print("  missed: " + line)
            for line in r["false"]:
                print("  false:  " + line)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--folder", type=Path, default=BLIND, help="another set in the same format (fixtures/dev)")
    args = parser.parse_args()
    sys.exit(main(args.json, args.verbose, args.folder.resolve()))
