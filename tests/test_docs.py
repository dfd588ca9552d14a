"""The README's rule table and rules/README.md's check kinds come from the registry, and are up to date."""

from __future__ import annotations

from lint import docs
from lint.checks import all_kinds
from lint.config import Config
from lint.engine import available_rules


def test_committed_docs_are_not_stale() -> None:
    for path, text in docs.generated().items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `python -m lint.docs`"
    assert docs.main(["--check"]) == 0


def test_every_rule_kind_and_option_is_documented() -> None:
    generated = docs.generated()
    readme = generated[docs.ROOT / "README.md"]
    pack = generated[docs.ROOT / "rules" / "README.md"]
    for name in available_rules(Config()):
        assert f"| `{name}` |" in readme
    for name, kind in all_kinds().items():
        assert f"### `{name}`" in pack
        for spec in kind.options:
            assert f"| `{spec.name}` |" in pack
            if spec.extendable:
                assert f"| `extend-{spec.name}` |" in pack


def test_a_stale_file_is_found(tmp_path, monkeypatch) -> None:
    (tmp_path / "rules").mkdir()
    for name in ("README.md", "rules/README.md"):
        text = (docs.ROOT / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("| `placeholder` |", "| `placeholdr` |"), encoding="utf-8")
    monkeypatch.setattr(docs, "ROOT", tmp_path)
    assert docs.main(["--check"]) == 1
    assert docs.main([]) == 0  # rewrites them
    assert docs.main(["--check"]) == 0
