"""The engine's own habits, checked: each module of lint/ says its one job in a docstring and stays small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LINT = Path(__file__).resolve().parent.parent / "lint"
MAX_LINES = 400
MODULES = sorted(LINT.rglob("*.py"))


def test_the_engine_has_modules_to_check() -> None:
    assert len(MODULES) > 50


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(LINT.parent)))
def test_a_module_is_at_most_400_lines_and_says_its_job(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_LINES, f"{path.relative_to(LINT.parent)}: split it, it is past {MAX_LINES} lines"
    if path.name != "__init__.py" or text.strip():
        assert ast.get_docstring(ast.parse(text)), f"{path.relative_to(LINT.parent)}: no module docstring"
