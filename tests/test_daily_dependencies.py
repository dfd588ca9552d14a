"""Every declared runtime dependency is one the code imports (or looks up by name), and no
test-only package is among them."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import packages_distributions

from .conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def test_each_runtime_dependency_is_imported_by_the_code():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    test_only = {_name(r) for r in project["optional-dependencies"]["test"]}
    assert not declared & test_only, "a package is both a runtime and a test dependency"
    modules: dict[str, set[str]] = {}
    for module, distributions in packages_distributions().items():
        for distribution in distributions:
            modules.setdefault(distribution.lower().replace("_", "-"), set()).add(module)
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "lint").rglob("*.py"))
    for dependency in sorted(declared):
        names = modules.get(dependency, set())
        assert names, f"{dependency} is declared but not installed"
        used = any(
            re.search(rf"^\s*(?:import|from)\s+{re.escape(m)}\b|find_spec\([\"']{re.escape(m)}[\"']\)", code, re.M)
            for m in names
        )
        assert used, f"{dependency} is declared in pyproject.toml but nothing in lint/ imports it"
