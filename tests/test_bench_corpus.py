"""The benchmark corpus generator writes files the readers understand as intended."""

from __future__ import annotations

from bench.corpus import ALL_FORMATS, SEED_FORMATS, generate, generate_one, main
from lint.readers.phases import ReaderOptions
from lint.source import parse_bytes


def test_readers_find_the_structure_each_file_was_written_with() -> None:
    files = generate(18, seed=5, formats=ALL_FORMATS, scale=0.5)
    assert {f.format for f in files} == set(ALL_FORMATS)
    for item in files:
        document = parse_bytes(item.name, item.data, ReaderOptions())
        assert document.format == item.format, item.name
        found = tuple((entry.name, tuple(phase.key for phase in entry.phases)) for entry in document.entries)
        assert found == item.structure, item.name
        # generated files are well formed: at most the Windows-1252 warning of a "Word export"
        assert {issue.code for issue in document.issues} <= {"encoding"}, (item.name, document.issues)


def test_files_depend_on_seed_and_index_only() -> None:
    assert generate_one(3, seed=2) == generate(5, seed=2)[3]
    assert generate_one(3, seed=2).data != generate_one(3, seed=3).data
    assert generate_one(3, seed=2).data != generate_one(5, seed=2).data


def test_an_action_group_shares_its_title_and_most_organisations() -> None:
    source, publication = (parse_bytes(f.name, f.data, ReaderOptions()) for f in generate(2, seed=8))
    assert (source.format, publication.format) == SEED_FORMATS
    assert source.action == publication.action == "1"
    names_a = {e.key for e in source.entries}
    names_b = {e.key for e in publication.entries}
    assert len(names_a & names_b) >= min(len(names_a), len(names_b)) - 1


def test_the_command_writes_a_corpus(tmp_path, capsys) -> None:
    assert main(["--count", "3", "--seed", "4", "--out", str(tmp_path / "c"), "--formats", "markdown"]) == 0
    written = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert written == ["00000-markdown.md", "00001-markdown.md", "00002-markdown.md"]
    assert "wrote 3 files" in capsys.readouterr().out
