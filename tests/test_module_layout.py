"""The project's own habits, checked: each module of lint/ and bench/ says its job in a docstring and stays small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = ROOT / "lint"
BENCH = ROOT / "bench"
MAX_LINES = 400
MODULES = sorted([*LINT.rglob("*.py"), *BENCH.glob("*.py")])


def test_there_are_modules_to_check() -> None:
    assert len(MODULES) > 50


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_module_is_at_most_400_lines_and_says_its_job(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_LINES, f"{path.relative_to(ROOT)}: split it, it is past {MAX_LINES} lines"
    if path.name != "__init__.py" or text.strip():
        assert ast.get_docstring(ast.parse(text)), f"{path.relative_to(ROOT)}: no module docstring"
