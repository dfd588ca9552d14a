"""Paragraph answers kept across documents (:class:`lint.checks.perdoc.Remembered`): bounded, and a
check that reads them gives the findings a check starting from nothing gives."""

from __future__ import annotations

import pytest

from lint.checks import perdoc, phrases, readability, spelling, spelling_tokens, wordlist
from lint.checks.api import Context
from lint.config import Config
from lint.engine import available_rules, run
from lint.readers.phases import ReaderOptions
from lint.source import parse_bytes

RULES = available_rules(Config())
PARAGRAPHS = [
    "We will deliver a robust agenda going forward, and we will drive out waste where we can.",
    "Coming soon...",
    "The department, which has been working with partners across the country since the start of the "
    "programme, will continue to publish data that shows how the service has performed, and it will "
    "also report on how it has spent the money it was given for the work in the year.",
    "Sites will be added by [insert date] once the Driving Standards Agency has agreed the list.",
    "Progress has been good. We met every milestone and recieved the tables, see https://example.org/recieved.",
]
MEMOS: dict[str, perdoc.Remembered] = {
    "readability": readability._FOUND,
    "placeholder": phrases._FOUND,
    "plain-english": wordlist._FOUND,
}


def _forget() -> None:
    """Every answer kept: the memos, and spelling's tokens of runs and tokens passed (by settings)."""
    for memo in MEMOS.values():
        memo.clear()
    spelling_tokens._RUNS.clear()
    spelling._PASSED.clear()


def _document(paragraphs: list[str], path: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"# Action 1: Test\n\n## Office of Tests\n\n### Progress during 2013\n\n{body}\n"


def _findings(text: str, rule: str, path: str) -> list[tuple[int, int, str]]:
    document = parse_bytes(path, text.encode(), ReaderOptions())
    return [(d.span.start, d.span.end, d.message) for d in run([document], [RULES[rule]], Config())]


@pytest.mark.parametrize("rule", ["readability", "placeholder", "plain-english", "spelling"])
def test_findings_from_kept_answers_are_those_of_a_fresh_check(rule: str) -> None:
    first = _document(PARAGRAPHS, "a.md")
    # the same paragraphs at other offsets and in another order, after one that is new
    second = _document(["A paragraph that comes first this time.", *reversed(PARAGRAPHS)], "b.md")
    _forget()
    _findings(first, rule, "a.md")  # keeps every paragraph's answer
    kept = _findings(second, rule, "b.md")
    _forget()
    fresh = _findings(second, rule, "b.md")
    assert fresh  # each rule finds something in these paragraphs
    assert kept == fresh


def test_kept_answers_are_bounded_by_their_text() -> None:
    memo: perdoc.Remembered[int] = perdoc.Remembered()
    answers = memo.under(("settings",))
    text = "x" * 1000
    for i in range(5000):  # about 5 MB of text offered
        memo.keep(answers, f"{i} {text}", i)
        answers = memo.under(("settings",))
    held = sum(len(t) for t in answers)
    assert 0 < held <= perdoc._KEPT_MAX
    assert answers[f"4999 {text}"] == 4999
    long = "y" * (perdoc._LONGEST + 1)
    assert memo.keep(answers, long, 7) == 7
    assert long not in answers


def _other(value: object) -> object:
    """A value of the same type as ``value``, not equal to it."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if value is None:
        return "x"
    if isinstance(value, list):
        return [*value, "x"]
    if isinstance(value, dict):
        return {**value, "x": "y"}
    raise AssertionError(f"no other value for {value!r}")


@pytest.mark.parametrize("rule", sorted(MEMOS))
def test_any_option_changed_misses_what_was_kept(rule: str) -> None:
    """The key is made from every option the rule has (Context.settings), not from a list of them that
    a new option could be left out of: with any one option changed, nothing kept is read."""
    base = RULES[rule]
    memo = MEMOS[rule]
    memo.clear()
    _findings(_document(PARAGRAPHS, "a.md"), rule, "a.md")
    kept = memo.under(Context(rule, base.severity, base.options).settings())
    assert kept  # the paragraphs' answers, under the rule's options
    for name, value in base.options.items():
        changed = Context(rule, base.severity, {**base.options, name: _other(value)})
        assert memo.under(changed.settings()) is not kept, name
        assert not memo.under(changed.settings()), name


def test_a_contexts_settings_are_made_once_for_its_options_and_are_what_they_were() -> None:
    """Context.settings keeps the key it made for an options mapping: a check asks for it once a
    document. The key is the one made from the options each time, and other options get theirs."""
    from lint.checks.api import _hashable

    base = RULES["placeholder"]
    context = Context("placeholder", base.severity, base.options)
    first = context.settings()
    assert first == _hashable(base.options)
    assert context.settings() is first  # kept, not made again
    assert Context("placeholder", base.severity, base.options).settings() is first  # by the options
    other = Context("placeholder", base.severity, {**base.options, "short-words": 3})
    assert other.settings() != first
    assert other.settings() == _hashable({**base.options, "short-words": 3})
