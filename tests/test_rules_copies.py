"""The copy rules: year-copy, entry-copy and action-echo, and the text levelling behind them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lint import engine
from lint.checks import copies
from lint.checks.api import Context
from lint.checks.entry_copy import check_corpus as check_summaries
from lint.checks.entry_copy import summarise
from lint.config import Config, ConfigError
from lint.model import Severity
from lint.readers import read
from lint.source import load

from .conftest import ROOT, SEEDS, run_process

FIXTURES = ROOT / "fixtures" / "rules"
RULES = engine.available_rules(Config())


def run(rule: str, *paths: Path, **options):
    """Diagnostics of one rule on some files, with option overrides."""
    chosen = RULES[rule]
    if options:
        chosen = chosen.with_config(None, {k.replace("_", "-"): v for k, v in options.items()}, "test")
    documents = [load(str(p), Config().reader) for p in paths]
    by_path = {d.path: d for d in documents}
    found = engine.run(documents, [chosen], Config())
    return found, by_path


def related_phases(diagnostic, documents) -> list[tuple[str | None, str | None]]:
    """(entry, phase) of each related place of a diagnostic."""
    places = []
    for rel in diagnostic.related:
        entry, phase = documents[rel.path].phase_at(rel.span.start)
        places.append((entry.name if entry else None, phase.key if phase else None))
    return places


def by_entry_phase(diagnostics):
    return {(d.entry, d.phase): d for d in diagnostics}


# ---------------------------------------------------------------- year-copy on seed 000


@pytest.fixture(scope="module")
def seed_year_copy():
    found, documents = run("year-copy", SEEDS / "000.txt")
    return by_entry_phase(found), documents


def test_seed_ago_plans_repeat_word_for_word(seed_year_copy):
    found, documents = seed_year_copy
    ago = found[("The Attorney General’s Office", "plan 2015")]
    assert ago.severity == Severity.ERROR
    assert "word for word" in ago.message and "plan 2014" in ago.message
    assert related_phases(ago, documents)[0] == ("The Attorney General’s Office", "plan 2014")
    assert ago.span.slice(documents[ago.path].text).startswith("AGO will continue to encourage")


def test_seed_dfe_tense_shifted_copies_are_near(seed_year_copy):
    found, documents = seed_year_copy
    # one statement repeated: one finding, on the latest repeat, pointing at each earlier copy of it;
    # the 2014 plan only restates the 2013 progress (a continuation, off by default), so the 2013
    # progress is not part of the group, and the 2014 plan is not reported on its own
    assert ("Department for Education", "progress 2014") not in found
    assert ("Department for Education", "plan 2014") not in found
    plan = found[("Department for Education", "plan 2015")]
    assert plan.severity == Severity.WARNING and "in 3 phases" in plan.message
    assert related_phases(plan, documents) == [
        ("Department for Education", "progress 2014"),
        ("Department for Education", "plan 2014"),
    ]


def test_seed_decc_repeats_its_2012_commitment(seed_year_copy):
    found, documents = seed_year_copy
    decc = {phase: d for (entry, phase), d in found.items() if entry == "Department of Energy and Climate Change"}
    # two things to fix: the 2013 progress restates the commitment, the 2015 plan repeats the 2014 plan
    assert set(decc) == {"progress 2013", "plan 2015"}
    assert all(d.severity == Severity.WARNING for d in decc.values())
    assert related_phases(decc["progress 2013"], documents) == [
        ("Department of Energy and Climate Change", "commitment 2012")
    ]
    assert related_phases(decc["plan 2015"], documents) == [("Department of Energy and Climate Change", "plan 2014")]


def test_seed_fco_plan_repeats_its_progress(seed_year_copy):
    found, documents = seed_year_copy
    # "FCO will continue to support ..." after "FCO has supported ...": a continuation, shown only when asked
    assert ("Foreign and Commonwealth Office", "plan 2014") not in found
    shown = by_entry_phase(run("year-copy", SEEDS / "000.txt", continuation_severity="info")[0])
    fco = shown[("Foreign and Commonwealth Office", "plan 2014")]
    assert fco.severity == Severity.INFO and "only restates, as a plan" in fco.message
    assert related_phases(fco, documents) == [("Foreign and Commonwealth Office", "progress 2013")]


def test_seed_not_applicable_repeats_are_not_reported_unless_asked(seed_year_copy):
    found, _ = seed_year_copy
    quiet = ("HM Treasury", "Department for Culture, Media and Sport")
    assert not [d for (entry, _), d in found.items() if entry in quiet]  # exempt-severity = "off" by default
    shown = by_entry_phase(run("year-copy", SEEDS / "000.txt", exempt_severity="info")[0])
    quiet_found = [d for (entry, _), d in shown.items() if entry in quiet]
    assert {d.phase for d in quiet_found if d.entry == "HM Treasury"} == {"plan 2015"}  # one group of 4
    assert {d.phase for d in quiet_found if d.entry != "HM Treasury"} == {"plan 2014"}
    assert all(d.severity == Severity.INFO for d in quiet_found)


def test_seed_new_things_in_similar_words_are_not_copies(seed_year_copy):
    found, _ = seed_year_copy
    assert ("Department of Energy and Climate Change", "progress 2014") not in found
    assert ("Cabinet Office", "plan 2015") not in found
    assert not [key for key in found if key[0] in ("Cabinet Office", "Department of Health", "HM Revenue and Customs")]


def test_seed_source_2012_has_one_phase_per_entry_and_no_year_copies():
    found, _ = run("year-copy", SEEDS / "001.txt")
    assert found == []


# ---------------------------------------------------------------- year-copy on its fixtures


def test_year_copy_fixture_kinds_lines_and_related():
    found, documents = run("year-copy", FIXTURES / "year-copy" / "bad.md", exempt_severity="info")
    text = documents[found[0].path].text
    lines = [(documents[d.path].lines.line_of(d.span.start), str(d.severity)) for d in found]
    assert lines == [(11, "warning"), (19, "warning"), (23, "error"), (59, "info")]
    near, partial, verbatim, exempt = found
    assert near.entry == "Marine Licensing Agency" and "commitment 2019" in near.message
    assert partial.span.slice(text).startswith("Skippers asked for text message reminders")
    assert partial.span.slice(text).endswith("in two ports.")
    assert "18-word sentence" in partial.message
    (rel,) = partial.related
    assert rel.span.slice(text) == partial.span.slice(text)
    assert verbatim.related[0].span.slice(text).startswith("MLA will extend the online service")
    assert exempt.entry == "Coastal Survey Office"
    assert not [d for d in found if d.entry == "Office of Rail Standards"]


def test_year_copy_good_fixture_is_quiet():
    assert run("year-copy", FIXTURES / "year-copy" / "good.txt")[0] == []


def test_year_copy_severity_per_kind_and_exemptions_are_options():
    path = FIXTURES / "year-copy" / "bad.md"
    found, _ = run("year-copy", path, near_severity="error", exempt_severity="off")
    assert [str(d.severity) for d in found] == ["error", "warning", "error"]
    found, _ = run("year-copy", path, exempt_severity="warning", verbatim_severity="info")
    assert [str(d.severity) for d in found] == ["warning", "warning", "info", "warning"]
    found, _ = run("year-copy", path, exempt=[])
    assert str(found[-1].severity) == "error"  # no exemption: a verbatim repeat like any other


def test_year_copy_thresholds_are_options():
    path = FIXTURES / "year-copy" / "bad.md"
    found, _ = run("year-copy", path, partial_words=19)
    assert [d.phase for d in found if d.entry == "Marine Licensing Agency"] == ["progress 2020", "plan 2022"]
    found, _ = run("year-copy", path, near_threshold=100.0, exempt_severity="off")
    assert "progress 2020" in {d.phase for d in found}  # levelled text is identical: still 100
    found = by_entry_phase(run("year-copy", SEEDS / "000.txt", near_threshold=96.0, exempt_severity="off")[0])
    assert "nearly repeats" not in found[("Department for Education", "progress 2014")].message  # 94: not near,
    assert "carries over" in found[("Department for Education", "progress 2014")].message  # but its sentence is
    # the 2015 plan is 94 against the 2014 plan (not near) and 100 against the 2014 progress (a continuation),
    # but its sentence is the 2014 plan's again
    assert "carries over" in found[("Department for Education", "plan 2015")].message
    assert "from plan 2014" in found[("Department for Education", "plan 2015")].message


def test_year_copy_bad_severity_option_is_a_config_error(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.response-lint.rules.year-copy]\nnear-severity = "loud"\n', encoding="utf-8"
    )
    target = tmp_path / "a.md"
    target.write_text((FIXTURES / "year-copy" / "bad.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("check", str(target), "--select", "year-copy", cwd=tmp_path)
    assert result.code == 2
    assert "near-severity" in result.err and "loud" in result.err and "Traceback" not in result.err


def test_exempt_patterns_are_checked_at_load():
    year_copy = RULES["year-copy"]
    with pytest.raises(ConfigError, match=r"'year-copy' option 'exempt': invalid regex '\(unclosed'"):
        year_copy.with_config(None, {"exempt": ["(unclosed"]}, "cfg.toml")
    # each compiles alone, but one regex cannot hold the same group name twice
    with pytest.raises(ConfigError, match="'entry-copy' option 'exempt': the patterns cannot be combined"):
        RULES["entry-copy"].with_config(None, {"exempt": ["(?P<x>a)", "(?P<x>b)"]}, "cfg.toml")
    assert copies.exemption("entry-copy", []) is None
    assert copies.exemption("entry-copy", ["nothing to report", "n/?a"]).fullmatch("N/A")


def test_text_output_underlines_the_copy_and_names_the_earlier_text(cli):
    result = cli("check", str(FIXTURES / "year-copy" / "bad.md"), "--select", "year-copy", "--no-color", cwd=ROOT)
    out = result.out
    assert result.code == 1
    block = out.split("\n\n")[1]  # the partial copy
    lines = block.splitlines()
    assert "carries over an 18-word sentence from plan 2021" in lines[0]
    source, caret = lines[1], lines[2]
    start = caret.index("^")
    assert source[start:].startswith("Skippers asked")
    assert caret.count("^") == len(
        "Skippers asked for text message reminders before a licence expires, and MLA will trial them in two ports."
    )
    assert "= first written here in plan 2021: " in lines[3] and lines[3].endswith("bad.md:15:103")
    assert (
        lines[4].strip() == "15 | Skippers asked for text message reminders before a licence expires, "
        "and MLA will trial them in two ports."
    )


def test_json_output_carries_related_locations(cli):
    result = cli("check", "fixtures/seeds/000.txt", "--select", "year-copy", "--format", "json", cwd=ROOT)
    found = result.json()["diagnostics"]
    ago = next(d for d in found if d["line"] == 15)
    assert ago["severity"] == "error" and ago["phase"] == "plan 2015"
    assert ago["related"] == [
        {
            "path": "fixtures/seeds/000.txt",
            "line": 11,
            "column": 1,
            "end_line": 11,
            "end_column": 110,
            "message": "first written here in plan 2014",
        }
    ]


# ---------------------------------------------------------------- entry-copy


def test_seed_entry_copy_links_the_shared_boilerplate():
    found, documents = run("entry-copy", SEEDS / "000.txt", SEEDS / "001.txt")
    entries = {d.entry for d in found}
    assert entries == {
        "The Attorney General’s Office",
        "Department for Education",
        "Department of Energy and Climate Change",
    }
    ago = next(d for d in found if d.entry == "The Attorney General’s Office")
    assert ago.phase == "progress 2014"
    assert related_phases(ago, documents)[0][0] == "Department of Energy and Climate Change"
    for diagnostic in found:
        assert diagnostic.severity == Severity.WARNING
        assert all(entry != diagnostic.entry for entry, _ in related_phases(diagnostic, documents))
    # the same organisation in the 2012 source and the 2015 publication is one entry
    assert not [d for d in found if d.path.endswith("001.txt")]


def test_entry_copy_across_files():
    folder = FIXTURES / "entry-copy" / "corpus"
    found, documents = run("entry-copy", folder / "coast-2021.md", folder / "waterways-2020.md")
    assert [(Path(d.path).name, documents[d.path].lines.line_of(d.span.start), d.entry) for d in found] == [
        ("coast-2021.md", 11, "Coastal Survey Office"),
        ("waterways-2020.md", 17, "Fisheries Licensing Authority"),
    ]
    for diagnostic in found:
        assert related_phases(diagnostic, documents) == [("Inland Waterways Board", "commitment 2019")]


def test_entry_copy_good_fixture_and_exemptions():
    assert run("entry-copy", FIXTURES / "entry-copy" / "good.md")[0] == []
    found, _ = run("entry-copy", FIXTURES / "entry-copy" / "good.md", exempt_severity="info")
    assert [(d.entry, str(d.severity)) for d in found] == [("Marine Licensing Agency", "info")]


def check_corpus(documents, context):
    """entry-copy over documents, as the engine runs it: on each document's summary."""
    return list(check_summaries([summarise(d, context) for d in documents], context))


def test_entry_copy_groups_a_paragraph_and_respects_min_words():
    text = (
        "# Action 1: Test\n\n## Harbour Board\n\n### Progress during 2030\n\n"
        "The board replaced every paper permit with an online form for skippers. "
        "It trained forty harbour staff to answer questions about the form by phone.\n\n"
        "## River Authority\n\n### Progress during 2031\n\n"
        "The authority replaced every paper permit with an online form for skippers. "
        "It trained forty harbour staff to answer questions about the form by phone.\n"
    )
    document = read("t.md", text)
    context = Context("entry-copy", Severity.WARNING, RULES["entry-copy"].options)
    (finding,) = check_corpus([document], context)
    assert finding.span.slice(text).startswith("The authority replaced") and finding.span.slice(text).endswith("phone.")
    assert finding.args["count"] == 2 and finding.args["total"] == 2 and len(finding.related) == 2
    strict = Context("entry-copy", Severity.WARNING, {**RULES["entry-copy"].options, "min-words": 40})
    assert list(check_corpus([document], strict)) == []


def test_entry_copy_same_template_with_other_figures_is_not_a_copy():
    text = (
        "# Action 1: Test\n\n## Harbour Board\n\n### Progress during 2030\n\n"
        "Take-up of the new mooring service reached 37% of skippers by the end of May 2030.\n\n"
        "## River Authority\n\n### Progress during 2030\n\n"
        "Take-up of the new mooring service reached 3% of skippers by the end of May 2031.\n"
    )
    document = read("f.md", text)
    context = Context("entry-copy", Severity.WARNING, RULES["entry-copy"].options)
    assert list(check_corpus([document], context)) == []
    loose = Context("entry-copy", Severity.WARNING, {**RULES["entry-copy"].options, "same-figures": False})
    (finding,) = check_corpus([document], loose)
    assert finding.args["other"] == "Harbour Board"


def test_web_addresses_are_not_prose():
    assert copies.canonical("The 2017 update is at https://www.example.gov.uk/about/strategy.pdf today.") == (
        copies.canonical("The 2019 update is at www.other.org.uk/digital today.")
    )
    assert copies.figures("Costs fell by £16.6m, i.e. 25% of the 2015 budget (see www.x.gov.uk/2).") == ["16.6", "25"]


# ---------------------------------------------------------------- action-echo


def test_seed_action_echo_is_fco_2013_only():
    found, _ = run("action-echo", SEEDS / "000.txt", SEEDS / "001.txt")
    assert [(d.entry, d.phase) for d in found] == [("Foreign and Commonwealth Office", "progress 2013")]
    (fco,) = found
    assert fco.related[0].span.start == 0 and fco.related[0].message == "the action's title"


def test_action_echo_fixtures_and_options():
    found, documents = run("action-echo", FIXTURES / "action-echo" / "bad.md")
    assert [(d.entry, d.phase, documents[d.path].lines.line_of(d.span.start)) for d in found] == [
        ("Office of Rail Standards", "progress 2020", 11)
    ]
    assert run("action-echo", FIXTURES / "action-echo" / "good.md")[0] == []
    plans, _ = run("action-echo", FIXTURES / "action-echo" / "good.md", phases=["plan"])
    assert [d.phase for d in plans] == ["plan 2021"]
    assert run("action-echo", FIXTURES / "action-echo" / "bad.md", threshold=90.0)[0] == []


# ---------------------------------------------------------------- the levelling behind them


def test_tense_auxiliaries_names_and_numbers_are_levelled():
    names = copies.Names(
        "Department for Education", frozenset({"DfE", "DfE's"}), {"DfE": "Qzqorgqzq", "DfE's": "Qzqorgqzq"}
    )
    forms = [
        "DfE will continue to work with GDS on 3 platforms.",
        "DfE continued to work with GDS on 12 platforms.",
        "The Department for Education has continued to work with GDS on 1,300 platforms.",
        "Department for Education (DfE) continues to work with Government Digital Service (GDS) on 4 platforms.",
    ]
    levelled = {copies.canonical(text, names) for text in forms}
    assert levelled == {"@org continu to work with gds on # platform"}


def test_entry_names_and_acronyms_come_from_the_entry():
    document = read(
        "n.md",
        "# A\n\n## Department for Environment, Food and Rural Affairs\n\n### Progress during 2020\n\n"
        "The Department for Environment, Food and Rural Affairs (Defra) met GDS. Defra's plan.\n",
    )
    names = copies.Names.of(document.entries[0])
    assert {"Defra", "Defra's"} <= names.acronyms
    assert (
        copies.canonical("Defra's plan and the Department for Environment, Food and Rural Affairs", names)
        == "@org plan and @org"
    )
    assert copies.Names.of(document.entries[0]) is names  # one instance per entry text: cheap cache keys


def test_verbatim_key_ignores_case_punctuation_quotes_and_spacing():
    assert copies.verbatim_key("The Law Officers’ departments —  ‘open data’!") == copies.verbatim_key(
        "the law officers' departments 'OPEN DATA'"
    )


def test_copy_checks_split_sentences_with_the_one_splitter():
    text = "One (e.g. GOV.UK) works. Prof. Smith left the U.K. on Monday!  “Quoted.” See para. 4 of it. Next one"
    assert [text[s.start : s.end] for s in copies.paragraph_sentences(text)] == [
        "One (e.g. GOV.UK) works.",
        "Prof. Smith left the U.K. on Monday!",
        "“Quoted.”",
        "See para. 4 of it.",
        "Next one",
    ]


def test_paragraph_sentences_agree_with_whole_paragraph_levelling():
    names = copies.Names(
        "Marine Licensing Agency", frozenset({"MLA", "MLA's"}), {"MLA": "Qzqorgqzq", "MLA's": "Qzqorgqzq"}
    )
    text = "The Marine Licensing Agency (MLA) will act. MLA has 3 ports. It grew!"
    found = copies.paragraph_sentences(text, names)
    assert [(text[s.start : s.end], s.canonical, s.words) for s in found] == [
        ("The Marine Licensing Agency (MLA) will act.", "@org act", 7),
        ("MLA has 3 ports.", "@org # port", 4),
        ("It grew!", "it grow", 2),
    ]
    whole = copies.paragraph_text(text, names)
    assert whole.canonical == " ".join(s.canonical for s in found) and whole.words == 13


def test_shingle_index_offers_earlier_texts_that_share_shingles():
    index = copies.ShingleIndex(max_bucket=3)
    grams = [
        copies.paragraph_text(t).grams
        for t in (
            "alpha beta gamma delta epsilon",
            "zeta eta theta iota kappa",
            "alpha beta gamma delta omega",
            "alpha beta gamma mu nu",
            "alpha beta gamma xi",
            "lambda mu nu xi omicron",
        )
    ]
    assert index.add(grams[0]) == {}
    assert index.add(grams[1]) == {}
    assert dict(index.add(grams[2])) == {0: 2}  # "alpha beta gamma", "beta gamma delta"
    assert dict(index.add(grams[3])) == {0: 1, 2: 1}
    # "alpha beta gamma" is now in max_bucket texts: a stock phrase that offers no candidates
    assert index.add(grams[4]) == {}
    assert index.add(grams[5]) == {}
    assert len(index) == 6


def test_similarity_counts_a_clause_added_or_dropped():
    long = (
        "@org support the development of common technology platform and work with gds on the development "
        "of a common federat approach to onlin identity assuranc"
    )
    short = "@org support the development of common technology platform and work with gds on identity assuranc"
    from rapidfuzz import fuzz

    assert fuzz.ratio(short, long) < 85
    assert copies.similarity(short, long, 85) == 100.0
    assert copies.similarity("alpha beta gamma", "delta epsilon zeta", 85) < 50


def test_findings_do_not_depend_on_the_hash_seed(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = run_process(
            "check",
            "fixtures/seeds",
            "fixtures/rules/entry-copy",
            "--select",
            "year-copy,entry-copy,action-echo",
            "--format",
            "json",
            "--fail-on",
            "never",
            cwd=ROOT,
            env=env,
        )
        assert result.code == 0, result.err
        outputs.append(json.loads(result.out)["diagnostics"])
    assert outputs[0] == outputs[1] and len(outputs[0]) > 15


def test_copy_benchmark_finds_every_planted_copy_and_nothing_else(capsys):
    from bench.bench_copies import main

    main(["--entries", "400", "--per-file", "40", "--planted", "5"])  # figures only: no timed assertion
    out = capsys.readouterr().out
    assert "recall            100.0% (30/30)" in out
    assert "precision         100.0% (30 true, 0 false of 30 findings)" in out


_PASSAGE = """# Action 7: Shared booking

## Office of Rail Standards

### Progress during 2021

ORS agreed a timetable for moving inspection bookings with each of the four regional offices in March. \
Bookings for the northern region now go through the shared service and the paper forms have been withdrawn there. \
ORS trained forty inspectors from the regional offices to book inspections through the shared service. \
The eastern office asked for a later date because its booking clerks retire in the spring.

### Progress during 2022

Bookings for the northern region now go through the shared service and the paper forms have been withdrawn there. \
{between}ORS trained forty inspectors from the regional offices to book inspections through the shared service. \
The southern region joined the shared service in May, after a month of parallel running with the paper forms. \
Complaints about lost bookings fell from twelve a month to two.
"""


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        ("", ["carries over 2 sentences (34 words) from progress 2021"]),
        ("It works. ", ["carries over 2 sentences (34 words) from progress 2021"]),  # too short to part them
        (
            "The western office moved its own bookings to the shared service a month before the others. ",
            ["carries over a 19-word sentence", "carries over a 15-word sentence"],  # a new long sentence parts them
        ),
    ],
)
def test_consecutive_carried_over_sentences_are_one_passage(tmp_path: Path, between: str, expected: list[str]) -> None:
    path = tmp_path / "passage.md"
    path.write_text(_PASSAGE.replace("{between}", between), encoding="utf-8")
    found, _ = run("year-copy", path)
    assert [d.message.split(" from progress 2021")[0] for d in found] == [
        f"progress 2022 {e}".split(" from progress 2021")[0] for e in expected
    ]
    text = path.read_text(encoding="utf-8")
    first = found[0]
    copied = text[first.span.start : first.span.end]
    assert copied.startswith("Bookings for the northern region")
    if len(expected) == 1:  # the passage spans both sentences, and points at both in 2021
        assert copied.endswith("through the shared service.") and "ORS trained forty" in copied
        (related,) = first.related
        earlier = text[related.span.start : related.span.end]
        assert earlier.startswith("Bookings for the northern") and earlier.endswith("through the shared service.")


@pytest.mark.parametrize(
    ("text", "exempt"),
    [
        ("DCMS does not directly deliver any transactional services.", True),  # an adverb, any verb (seed 000)
        ("The Office does not work on any of the services this action names.", True),  # a particle
        ("The department has not launched any new digital services in 2014.", True),  # nothing done in the period
        ("The department has not yet started any work on the register.", True),
        # a contrast adds a claim: a copy of it is still a copy (fixtures/real/govuk/action-09.txt)
        (
            "Law Officers’ departments have not launched any new digital services or redesigned existing ones "
            "in 2014, but continue to support assisted digital.",
            False,
        ),
        (
            "Although DCMS does not directly deliver any transactional services, it looks forward to "
            "co-operating with GDS to define any common tools.",
            False,
        ),
        ("MLA did not publish the register as planned.", False),
        ("We have worked with GDS on any new services.", False),
        # a sign-off repeated on every update (fixtures/real/other/nz-ogp-check-progress-2018.txt)
        ("If you have any questions please feel free to contact us at ogpnz@ssc.govt.nz", True),
        ("Please do not hesitate to contact us on 020 7946 0000.", True),
        ("Email us at open@example.gov.uk or on 020 7946 0000.", True),
        ("Contact us at open@example.gov.uk to see the draft plan, which we published in May.", False),
        ("If you have any questions about the survey results, contact the data team.", False),
    ],
)
def test_not_applicable_statements_are_recognised_by_their_shape(text: str, exempt: bool) -> None:
    pattern = copies.exemption("year-copy", list(copies.NOT_APPLICABLE))
    assert copies.is_exempt(pattern, text) is exempt
