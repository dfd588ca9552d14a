"""Docs from the registry: the README's rule table and rules/README.md's check kinds and options.

``python -m lint.docs`` rewrites the generated parts of both files (between
``<!-- generated: NAME -->`` and ``<!-- end generated: NAME -->``) from the built-in
rule pack and the check kinds' specs; ``python -m lint.docs --check`` exits 1 when
they are stale, and the test suite runs that check. Nothing else writes these tables.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from lint.checks import all_kinds
from lint.checks.api import CheckKind
from lint.options import Option, expand
from lint.pack import builtin_rules_dir
from lint.rules import Rule, load_rules

ROOT = Path(__file__).resolve().parent.parent


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _value(value: object) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    if len(shown) > 40:
        shown = shown[:37] + "…"
    return f"`{shown}`".replace("|", "\\|")


def rule_table(rules: Sequence[Rule]) -> str:
    """The README's table: every built-in rule, its severity, check kind and summary."""
    lines = ["| rule | severity | check kind | what it reports |", "|---|---|---|---|"]
    for rule in sorted(rules, key=lambda r: r.name):
        flags = [flag for flag, on in (("opt-in", not rule.default), ("fixable", rule.fixable)) if on]
        note = f" ({', '.join(flags)})" if flags else ""
        lines.append(f"| `{rule.name}` | {rule.severity} | `{rule.check}` | {_cell(rule.summary)}{note} |")
    return "\n".join(lines)


def _type(spec: Option) -> str:
    extra = ""
    if spec.choices:
        extra = ": " + ", ".join(f"`{c}`" for c in spec.choices)
    elif spec.min is not None or spec.max is not None:
        low = "" if spec.min is None else f"{spec.min:g}"
        high = "" if spec.max is None else f"{spec.max:g}"
        extra = f", {low}–{high}" if low and high else (f", ≥ {low}" if low else f", ≤ {high}")
    return f"{spec.type}{extra}"


def kind_section(kind: CheckKind, used_by: Sequence[str]) -> str:
    """One check kind: what it finds, its scope and message fields, and its options table."""
    fields = ", ".join(f"`{{{f}}}`" for f in sorted(kind.message_fields)) or "none (the message is written whole)"
    rules = ", ".join(f"`{r}`" for r in used_by) or "none built in"
    out = [
        f"### `{kind.name}`",
        "",
        f"{_cell(kind.summary)}.",
        "",
        f"Scope: {kind.scope}. Message fields: {fields}. Built-in rules: {rules}.",
    ]
    if kind.answer_text:
        out += [
            "",
            "Its findings are about an answer's own words: where one answer is published with the same text "
            "on several pages of a run, each is reported once, on the first page, naming the others "
            "(config `republished-once`).",
        ]
    specs = expand(kind.options)
    if specs:
        out += ["", "| option | type | default | meaning |", "|---|---|---|---|"]
        for spec in specs:
            out.append(f"| `{spec.name}` | {_type(spec)} | {_value(spec.default)} | {_cell(spec.help)} |")
    return "\n".join(out)


def kinds_section(rules: Sequence[Rule]) -> str:
    """rules/README.md's part: every check kind with its options."""
    by_kind: dict[str, list[str]] = {}
    for rule in rules:
        by_kind.setdefault(rule.check, []).append(rule.name)
    return "\n\n".join(kind_section(kind, sorted(by_kind.get(name, []))) for name, kind in all_kinds().items())


def _replace(text: str, name: str, body: str, path: Path) -> str:
    begin, end = f"<!-- generated: {name} -->", f"<!-- end generated: {name} -->"
    start = text.find(begin)
    stop = text.find(end)
    if start < 0 or stop < start:
        raise SystemExit(f"{path}: no '{begin}' ... '{end}' markers")
    note = "<!-- written by `python -m lint.docs` from the rule files and check kinds: do not edit -->"
    return text[: start + len(begin)] + f"\n{note}\n\n{body}\n\n" + text[stop:]


def generated() -> dict[Path, str]:
    """The two files as they should read."""
    rules = list(load_rules([builtin_rules_dir()]).values())
    readme = ROOT / "README.md"
    pack = ROOT / "rules" / "README.md"
    return {
        readme: _replace(readme.read_text(encoding="utf-8"), "rules", rule_table(rules), readme),
        pack: _replace(pack.read_text(encoding="utf-8"), "check-kinds", kinds_section(rules), pack),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    stale = []
    for path, text in generated().items():
        if path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{path}: {'stale: run python -m lint.docs' if check else 'regenerated'}", file=sys.stderr)
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
