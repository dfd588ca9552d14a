"""Render a rule's documentation for ``response-lint rule NAME``, from its rule file."""

from __future__ import annotations

import json

from lint.rules import Rule


def _value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _shown(value: object) -> list[str]:
    """An option's value in full: a long list or table one item a line, as TOML would take it."""
    flat = _value(value)
    if len(flat) <= 100 or not isinstance(value, list | dict) or not value:
        return [f"      = {flat}"]
    if isinstance(value, list):
        items = [f"        {_value(item)}," for item in value]
        return ["      = [", *items, "      ]"]
    pairs = [f"        {_value(key)} = {_value(item)}," for key, item in value.items()]
    return ["      = {", *pairs, "      }"]


def explain(rule: Rule) -> str:
    out = [
        f"{rule.name} ({rule.severity}{', fixable' if rule.fixable else ''}"
        f"{', opt-in' if not rule.default else ''}): {rule.summary}",
        "",
    ]
    if rule.docs:
        out += [rule.docs, ""]
    out.append(f"Check kind: {rule.check}    Defined in: {rule.source.name}")
    out.append(f"Message: {rule.message}")
    if rule.option_specs:
        out += ["", "Options (set them under [tool.response-lint.rules." + rule.name + "]):"]
        for spec in rule.option_specs:
            current = rule.options.get(spec.name, spec.default)
            out.append(f"  {spec.name} ({spec.type}): {spec.help}")
            out += _shown(current)
    for example in rule.examples:
        label = "FAIL" if example.verdict == "fail" else "PASS"
        extra = f" ({example.note})" if example.note else ""
        fmt = f" [{example.format}]" if example.format else ""
        out += ["", f"{label}{fmt}{extra}:"]
        if example.text is not None:
            out += ["    " + line for line in example.text.strip("\n").splitlines()]
        else:
            for name, text in example.files.items():
                out.append(f"  {name}:")
                out += ["    " + line for line in text.strip("\n").splitlines()]
        if example.links:
            out.append("  online, the servers answer:")
            for target, answer in example.links.items():
                shown = ", ".join(f"{key} = {value!r}" for key, value in answer.items())
                out.append(f"    {target}: {shown}")
    return "\n".join(out) + "\n"
