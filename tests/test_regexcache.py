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
    monkeypatch.setattr(regexcache, "_used", {})

    def next_run():
        regexcache.save()
        monkeypatch.setattr(regexcache, "_entries", None)
        monkeypatch.setattr(regexcache, "_added", False)
        monkeypatch.setattr(regexcache, "_used", {})

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
    phrases._shapes.cache_clear()
    phrases._FOUND.clear()  # (the paragraphs' findings too: else no pattern is needed)
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


def test_the_trie_of_a_word_list_is_built_once_and_kept(fresh, monkeypatch):
    from lint.checks import wordlist

    built: list[list[str]] = []
    follow: list[object] = []
    trie = wordlist._trie
    monkeypatch.setattr(
        wordlist,
        "_trie",
        lambda words, after=None: built.append(list(words)) or follow.append(after) or trie(words, after),
    )
    phrases = ("deliver+", "going forward", "utilise", "key stage")
    first = wordlist.Matcher(phrases, True).heads()
    fresh()
    again = wordlist.Matcher(phrases, True).heads()  # a later run: the kept trie, not built again
    # nor for the words in another order (a set's, which changes with the hash seed from run to run)
    reordered = wordlist.Matcher(phrases[::-1], True).heads()
    assert first is not None and again == first == reordered and len(built) == 1
    assert sorted(built[0]) == sorted({*wordlist.inflections("deliver"), "going", "utilise", "key"})
    assert follow[0] == {"going": ["forward"], "key": ["stage"]}
    assert trie(built[0], follow[0]) in first.pattern and first.search("we will deliver it").group(0) == "deliver"


def test_the_spelling_mask_is_built_from_a_kept_program(fresh, monkeypatch):
    """spelling's pattern of URLs, addresses and markup, compiled by one run, is built from its kept
    program by the next (compiling it cost a cold run 3.5 M instructions)."""
    from re import _compiler

    from lint.checks import spelling_tokens

    spelling_tokens.mask.cache_clear()
    first = spelling_tokens.mask()
    fresh()
    spelling_tokens.mask.cache_clear()
    re.purge()

    def compiled_again(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(_compiler, "compile", compiled_again)
    try:
        assert spelling_tokens.mask() == first
    finally:
        spelling_tokens.mask.cache_clear()


def test_a_derived_text_is_worked_out_again_once_the_code_deriving_it_changed(fresh, tmp_path, monkeypatch):
    """A kept text is keyed by the deriving module's file (size, modification time): after an upgrade
    or an edit of that code a later run works it out again, never uses the old code's answer."""
    import importlib
    import os

    folder = tmp_path / "code"
    folder.mkdir()
    module = folder / "deriving_code.py"
    module.write_text("def make(pattern, flags):\n    return pattern + '-v1'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setattr(regexcache, "_makers", {})
    deriving = importlib.import_module("deriving_code")
    assert regexcache.derived("abc", 0, deriving.make) == "abc-v1"
    fresh()
    assert regexcache.derived("abc", 0, deriving.make) == "abc-v1"  # kept: the same code

    module.write_text("def make(pattern, flags):\n    return pattern + '-v2, changed'\n", encoding="utf-8")
    os.utime(module, ns=(1, 1))
    monkeypatch.setattr(regexcache, "_makers", {})  # a new process
    deriving = importlib.reload(deriving)
    fresh()
    assert regexcache.derived("abc", 0, deriving.make) == "abc-v2, changed"
    monkeypatch.delitem(__import__("sys").modules, "deriving_code")


def _alternation(tag: str, count: int = 60) -> str:
    """A pattern whose program takes a few kilobytes."""
    return "|".join(f"{tag}{i:03d}word" for i in range(count))


def _kept_patterns() -> list[str]:
    return [key[0] for key in regexcache._load()]


def test_the_file_keeps_under_its_byte_bound_dropping_the_least_recently_used(fresh, monkeypatch):
    early = [_alternation(f"p{n:02d}") for n in range(20)]
    for pattern in early:
        regexcache.compile(pattern)
    fresh()
    (path,) = regexcache._file().parent.glob("regex-*.marshal")
    assert _kept_patterns() == early
    bound = path.stat().st_size * 9 // 20  # room for about nine of the twenty
    monkeypatch.setattr(regexcache, "MAX_BYTES", bound)
    used = [early[5], early[7]]  # a later run uses two of them, and compiles four new ones
    later = [_alternation(f"q{n:02d}") for n in range(4)]
    for pattern in used + later:
        regexcache.compile(pattern)
    fresh()
    assert path.stat().st_size <= bound + 4  # and the checksum's 4 bytes
    survivors = _kept_patterns()
    assert survivors[-6:] == used + later  # this run's, most recently used last
    unused = [p for p in early if p not in used]
    stale = survivors[:-6]
    assert 0 < len(stale) < len(unused) and stale == unused[-len(stale) :]  # the least recent went first


def test_a_run_never_drops_what_it_used_itself(fresh, monkeypatch):
    monkeypatch.setattr(regexcache, "MAX_BYTES", 1)
    patterns = [_alternation(f"r{n}") for n in range(3)]
    for pattern in patterns:
        regexcache.compile(pattern)
    fresh()
    assert _kept_patterns() == patterns  # over the bound, but all this run's own
    regexcache.compile(patterns[1])
    regexcache.compile(_alternation("s"))
    fresh()
    assert _kept_patterns() == [patterns[1], _alternation("s")]


def test_a_long_lived_process_forgets_the_least_recently_used(fresh, monkeypatch):
    monkeypatch.setattr(regexcache, "MAX_ENTRIES", 3)
    for n in range(5):
        regexcache.compile(f"x{n}y")
        if n == 2:
            regexcache.compile("x0y")  # used again: now more recent than x1y and x2y
    assert set(regexcache._load()) == {("x0y", 0), ("x3y", 0), ("x4y", 0)}


def _summing(monkeypatch) -> list[int]:
    """The sizes of the whole-file checksums computed from now on."""
    import zlib

    summed: list[int] = []
    real = zlib.crc32

    def counting(data, *args):
        if len(data) > 200:  # the file's, not the name of the build's
            summed.append(len(data))
        return real(data, *args)

    monkeypatch.setattr(zlib, "crc32", counting)
    return summed


def test_an_unchanged_cache_file_is_checksummed_once_and_a_changed_one_again(fresh, tmp_path, monkeypatch):
    import os

    from lint import checkedfile

    monkeypatch.setattr(checkedfile, "RACY_NS", 0)  # as though the file were written long ago
    regexcache.compile(*PATTERNS[0])
    fresh()  # writes the file
    (path,) = tmp_path.glob("regex-*.marshal")
    summed = _summing(monkeypatch)
    assert regexcache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    assert len(summed) == 1 and os.path.exists(f"{path}.checked")  # summed, and marked
    monkeypatch.setattr(regexcache, "_entries", None)  # another run, nothing new to write
    assert regexcache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    assert len(summed) == 1  # trusted: not summed again
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # damaged in place, the same size ...
    stat = path.stat()
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ... even with its old modification time
    monkeypatch.setattr(regexcache, "_entries", None)
    assert regexcache._load() == {}  # its change time moved: summed again, and refused
    assert len(summed) == 2


def test_a_cache_file_just_written_is_not_marked(fresh, tmp_path, monkeypatch):
    from lint import checkedfile

    monkeypatch.setattr(checkedfile, "RACY_NS", 10**12)  # a file changed within the last 1,000 s
    regexcache.compile(*PATTERNS[0])
    fresh()
    monkeypatch.setattr(regexcache, "_entries", None)
    assert regexcache._load()
    assert not list(tmp_path.glob("*.checked"))
