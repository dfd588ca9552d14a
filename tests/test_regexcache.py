"""lint.regexcache: patterns built from kept programs are the patterns re.compile gives."""

from __future__ import annotations

import re

import pytest

from lint import regexcache


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache folder of the test's own, and the module as a new process finds it."""
    monkeypatch.setenv("RESPONSE_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexcache, "_entries", None)
    monkeypatch.setattr(regexcache, "_path", None)
    monkeypatch.setattr(regexcache, "_added", False)

    def next_run():
        regexcache.save()
        monkeypatch.setattr(regexcache, "_entries", None)
        monkeypatch.setattr(regexcache, "_added", False)

    return next_run


PATTERNS = [
    (r"^(?P<kind>[a-z]+)\s+(?P<year>\d{4})$", re.IGNORECASE),
    (r"(?:jan(?:uary)?|feb(?:ruary)?)\.?\s+(?:19|20)\d\d|q[1-4]", re.IGNORECASE),
    (r"(?<![\w-])(?:to be confirmed|tbc)(?![\w-])", 0),
    (r"“[^”\n]{1,300}”|(?<!\w)'[^'\n]{1,300}'(?!\w)", re.MULTILINE),
    (r"[^\W_]+(?:'[^\W_]+)*", 0),
]


def test_patterns_built_from_kept_programs_equal_re_compile(fresh, monkeypatch):
    first = [regexcache.compile(p, f) for p, f in PATTERNS]
    fresh()
    assert list(regexcache._file().parent.glob("regex-*.marshal"))

    def no_parsing(*args):
        raise AssertionError("parsed again: the kept program was not used")

    monkeypatch.setattr(regexcache, "_program", no_parsing)
    monkeypatch.setattr(re, "compile", no_parsing)
    again = [regexcache.compile(p, f) for p, f in PATTERNS]
    monkeypatch.undo()
    for (pattern, flags), one, two in zip(PATTERNS, first, again, strict=True):
        expected = re.compile(pattern, flags)
        assert one == two == expected  # flags, text and program
        assert two.groupindex == expected.groupindex and two.groups == expected.groups
        text = "Progress 2013 january 2014 Q3 tbc “quoted” 'it's' don't"
        assert [m.span() for m in two.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_a_bad_pattern_raises_as_re_compile_does(fresh):
    with pytest.raises(re.error):
        regexcache.compile("TBC(")


def test_a_damaged_or_foreign_cache_only_costs_time(fresh, tmp_path):
    regexcache.compile(*PATTERNS[0])
    fresh()
    (path,) = tmp_path.glob("regex-*.marshal")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert regexcache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])  # checksum fails: compiled afresh
    fresh()
    # a kept program _sre refuses (another build's opcodes): compiled afresh, and replaced
    regexcache._load()[PATTERNS[1]] = (0, [9999, 1, 2], 0, {}, ())
    assert regexcache.compile(*PATTERNS[1]) == re.compile(*PATTERNS[1])
    assert regexcache._load()[PATTERNS[1]][1] != [9999, 1, 2]


def test_a_run_keeps_only_programs_that_rebuild_its_patterns(fresh):
    from lint.app import CheckOptions, check
    from lint.checks import phrases
    from lint.readers import phases
    from tests.conftest import SEEDS

    phases._combined.cache_clear()  # compiled again in this run, not kept from an earlier test
    phrases._compile.cache_clear()
    check(CheckOptions(paths=[str(SEEDS / "000.txt")], output="/dev/null"))
    kept = {key: value for key, value in regexcache._load().items() if len(key) == 2}  # not derived texts
    assert phases._combined(phases.DEFAULT_HEADINGS).pattern in {pattern for pattern, _ in kept}
    assert len(kept) >= 3  # the headings, and the placeholder and plain-english phrase lists
    import _sre

    for (pattern, flags), (final, code, groups, groupindex, indexgroup) in kept.items():
        built = _sre.compile(pattern, final, memoryview(code).cast("I").tolist(), groups, groupindex, indexgroup)
        assert built == re.compile(pattern, flags), pattern


def test_a_derived_pattern_is_worked_out_once_and_kept(fresh):
    from lint.checks import firstchars

    calls = []

    def guard(pattern: str, flags: int) -> str:
        calls.append(pattern)
        return firstchars.guarded(pattern, flags)

    body = r"(?:\[insert[^\]]*\])|(?:\blorem ipsum\b)"
    first = regexcache.derived(body, re.IGNORECASE, guard)
    fresh()
    again = regexcache.derived(body, re.IGNORECASE, guard)
    other = regexcache.derived(body, 0, guard)  # other flags: worked out again
    assert first == again == firstchars.guarded(body, re.IGNORECASE) != body
    assert other == firstchars.guarded(body, 0) and calls == [body, body]
