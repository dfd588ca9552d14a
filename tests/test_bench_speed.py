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
