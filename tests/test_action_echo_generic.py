"""action-echo: sharing only the plan's common words with the action is no echo."""

from __future__ import annotations

from pathlib import Path

from .test_rules_copies import run

TITLE = "# Action 4: Departments will support and improve the digital services that users need across government\n\n"


def _doc(tmp_path: Path, progress: str) -> Path:
    path = tmp_path / "a.md"
    path.write_text(f"{TITLE}## Tideway Authority\n\n### Progress during 2022\n\n{progress}\n", encoding="utf-8")
    return path


GENERIC_ONLY = "The authority continued to support and improve the digital services that users need across government."
SPECIFIC = "The authority supported and improved the digital services for mooring permits and harbour dues."


def test_generic_only_overlap_is_not_an_echo(tmp_path: Path):
    # every content word of the phase follows the title, but they are all the plan's common words
    assert run("action-echo", _doc(tmp_path, GENERIC_ONLY))[0] == []
    # without the generic list (or with min-specific 0) the same phase is an echo: the list decides
    (found,) = run("action-echo", _doc(tmp_path, GENERIC_ONLY), generic=[])[0]
    assert "restates the action's title" in found.message
    assert len(run("action-echo", _doc(tmp_path, GENERIC_ONLY), min_specific=0)[0]) == 1


def test_an_echo_with_specific_words_is_still_reported(tmp_path: Path):
    title = "# Action 4: Departments will support and improve the digital services for mooring permits and harbour dues"
    path = tmp_path / "b.md"
    path.write_text(f"{title}\n\n## Tideway Authority\n\n### Progress during 2022\n\n{SPECIFIC}\n", encoding="utf-8")
    # mooring, permits, harbour, dues: four specific words restated in order, the default asks for three
    assert len(run("action-echo", path)[0]) == 1
    assert len(run("action-echo", path, min_specific=4)[0]) == 1
    assert run("action-echo", path, min_specific=5)[0] == []


def test_generic_words_are_extendable_and_levelled(tmp_path: Path):
    title = "# Action 9: Boards will publish quarterly harbour statistics for every port\n\n"
    path = tmp_path / "c.md"
    text = "The board published quarterly harbour statistics for every port."
    path.write_text(f"{title}## Tideway Authority\n\n### Progress during 2022\n\n{text}\n", encoding="utf-8")
    assert len(run("action-echo", path, min_shared=4)[0]) == 1
    # 'publishes', 'statistic', 'ports' are levelled as the text is: the phase restates only generic words then
    extra = ["publishes", "quarterly", "harbour", "statistic", "ports", "boards"]
    assert run("action-echo", path, min_shared=4, extend_generic=extra)[0] == []
