"""Run a rule's pass/fail examples: the rule-pack test used by the test suite and by
``response-lint rules --test`` (so users can test their own rule packs)."""

from __future__ import annotations

import os
import tempfile

from lint import engine
from lint.config import Config
from lint.model import Diagnostic
from lint.record import Frozen, fill
from lint.rules import Example, Rule
from lint.source import load

_SUFFIX = {"markdown": ".md", None: ".txt"}


class ExampleResult(Frozen):
    """How one example of a rule fared: its findings, and what was wrong (None: it passed)."""

    __slots__ = ("columns", "diagnostics", "example", "index", "lines", "problem", "rule")
    rule: str
    index: int
    example: Example
    diagnostics: tuple[Diagnostic, ...]
    lines: tuple[int, ...]
    problem: str | None
    columns: tuple[int, ...]

    def __init__(
        self,
        rule: str,
        index: int,
        example: Example,
        diagnostics: tuple[Diagnostic, ...],
        lines: tuple[int, ...],
        problem: str | None,
        columns: tuple[int, ...] = (),
    ) -> None:
        fill(self, locals())

    @property
    def ok(self) -> bool:
        return self.problem is None


def run_example(rule: Rule, index: int, example: Example, config: Config | None = None) -> ExampleResult:
    """Lint the example's text (or files) with ``rule`` alone and judge the verdict."""
    config = config or Config()
    options = example.options
    bound = rule.with_config(None, options, f"{rule.source}: examples[{index}]") if options else rule
    with tempfile.TemporaryDirectory(prefix="response-lint-example-") as folder:
        files = (
            dict(example.files)
            if example.files
            else {"example" + _SUFFIX.get(example.format, ".txt"): example.text or ""}
        )
        documents = []
        for name, text in files.items():
            path = os.path.join(folder, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            documents.append(load(path, config.reader, example.format, config.max_file_size))
        links = None
        if example.links is not None:
            from lint.links.verdict import example_results

            links = example_results(example.links)
        diagnostics = [d for d in engine.run(documents, [bound], config, links) if d.rule == rule.name]
        by_path = {doc.path: doc for doc in documents}
        lines = tuple(by_path[d.path].lines.line_of(d.span.start) for d in diagnostics)
        columns = tuple(
            d.span.start - by_path[d.path].lines.line_span(line).start + 1
            for d, line in zip(diagnostics, lines, strict=True)
        )
        fixed = None
        if example.fixed is not None:
            from lint.fixes import fixed_text

            fixed = fixed_text(documents[0], diagnostics)[0]
    problem = None
    if example.verdict == "pass" and diagnostics:
        problem = f"expected no finding, got {len(diagnostics)}: " + "; ".join(
            f"line {line}: {d.message}" for d, line in zip(diagnostics, lines, strict=True)
        )
    elif example.verdict == "fail" and not diagnostics:
        problem = "expected a finding, got none"
    elif example.count is not None and len(diagnostics) != example.count:
        problem = f"expected {example.count} findings, got {len(diagnostics)}: " + "; ".join(
            f"line {line}: {d.message}" for d, line in zip(diagnostics, lines, strict=True)
        )
    elif example.lines is not None and tuple(sorted(set(lines))) != tuple(sorted(set(example.lines))):
        problem = f"expected findings on lines {list(example.lines)}, got {sorted(set(lines))}"
    elif example.columns is not None and tuple(sorted(set(columns))) != tuple(sorted(set(example.columns))):
        problem = f"expected findings at columns {list(example.columns)}, got {sorted(set(columns))}"
    elif example.messages is not None and tuple(d.message for d in diagnostics) != example.messages:
        problem = f"expected the messages {list(example.messages)}, got {[d.message for d in diagnostics]}"
    elif example.fixed is not None and fixed != example.fixed:
        problem = f"expected the fixed text {example.fixed!r}, got {fixed!r}"
    return ExampleResult(rule.name, index, example, tuple(diagnostics), lines, problem, columns)
