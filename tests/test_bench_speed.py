"""bench_speed's choice of figures (``--only``): the letters of its figures, anything else refused."""

from __future__ import annotations

import argparse

import pytest

from bench.bench_speed import FIGURES, chosen_figures


def test_only_takes_the_figures_letters_in_any_spelling() -> None:
    assert chosen_figures("d") == {"d"}
    assert chosen_figures("d,e") == chosen_figures("de") == chosen_figures("E, D") == {"d", "e"}
    assert chosen_figures(FIGURES) == set("abcdefg")


@pytest.mark.parametrize("text", ["", ",", "h", "d,x", "dd1"])
def test_only_refuses_what_names_no_figure(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        chosen_figures(text)


def test_many_changed_changes_more_files_than_a_corpus_rule_follows(tmp_path) -> None:
    """(g)'s last run: one word changed in more files than lint.gathered.AGAIN_MOST, spread over the run;
    a file it cannot change (not UTF-8, no long word) is passed over."""
    from bench.bench_speed import _many_changed
    from lint.gathered import AGAIN_MOST

    for k in range(200):
        data = f"Heading {k}\n\nThe department reviewed every commitment carefully this year {k}.\n".encode()
        (tmp_path / f"{k:03}.txt").write_bytes(data if k % 7 else b"\xff\xfe not utf-8 \xff")
    before = _many_changed(tmp_path, 200)
    assert len(before) == AGAIN_MOST + 8
    assert len({int(path.stem) // 10 for path in before}) >= 15  # spread over the run, not its first files
    for path, data in before.items():
        now = path.read_bytes()
        assert now != data and now.replace(b"rewritten0", b"") != now
