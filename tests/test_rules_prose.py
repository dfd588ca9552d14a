"""Prose rules: sentence splitting, readability, plain-english and spelling, online and offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint import cachedir
from lint.checks import british, flesch, lexicon, sentences, syllables, wordlist
from lint.checks.api import Context
from lint.config import Config
from lint.engine import available_rules, run
from lint.model import Document, Severity
from lint.readers.phases import ReaderOptions
from lint.source import parse_bytes

from .conftest import FIXTURES, ROOT, SEEDS, run_cli

RULES = available_rules(Config())


def load(path: Path) -> Document:
    return parse_bytes(str(path), path.read_bytes(), ReaderOptions())


def lint(paths: list[Path], rule: str, **options: object) -> list:
    bound = RULES[rule].with_config(None, options, "test") if options else RULES[rule]
    return run([load(p) for p in paths], [bound], Config())


def text_of(document: Document, diagnostic) -> str:
    return diagnostic.span.slice(document.text)


# --- sentences -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We use GOV.UK for this. It works.", ["We use GOV.UK for this.", "It works."]),
        (
            "It costs £2.5m a year, e.g. for hosting, i.e. servers. Next.",
            ["It costs £2.5m a year, e.g. for hosting, i.e. servers.", "Next."],
        ),
        ("Mr. Smith and Dr. Jones agreed. They left.", ["Mr. Smith and Dr. Jones agreed.", "They left."]),
        ("Pens, paper etc. were bought. Then more.", ["Pens, paper etc. were bought.", "Then more."]),
        ("Pens, paper etc. The end.", ["Pens, paper etc.", "The end."]),
        ("Growth was 1.5 per cent. It rose.", ["Growth was 1.5 per cent.", "It rose."]),
        (
            "The U.K. Government agreed. We left the U.K. The end.",
            ["The U.K. Government agreed.", "We left the U.K.", "The end."],
        ),
        (
            "See No. 10 Downing Street. Is it? Yes! Coming soon... Then more.",
            ["See No. 10 Downing Street.", "Is it?", "Yes!", "Coming soon...", "Then more."],
        ),
        (
            'J. R. Hartley wrote it. A reply (sent later.) Another "quote." End',
            ["J. R. Hartley wrote it.", "A reply (sent later.)", 'Another "quote."', "End"],
        ),
        ("  lower case after a stop. does not split", ["lower case after a stop. does not split"]),
        ("", []),
    ],
)
def test_sentence_split(text, expected):
    assert [text[s:e] for s, e in sentences.split(text)] == expected


def test_sentence_offsets_map_back_to_the_document(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(
        "# Action 1: X\n\n## Office of Y\n\n### Progress during 2019\n\n"
        "We moved to GOV.UK in May. It cost\n£2.5m, e.g. for hosting. Done.\n",
        encoding="utf-8",
    )
    doc = load(path)
    paragraph = doc.entries[0].phases[0].paragraphs[0]
    spans = [paragraph.to_span(s, e) for s, e in sentences.split(paragraph.text)]
    assert [span.slice(doc.text) for span in spans] == [
        "We moved to GOV.UK in May.",
        "It cost\n£2.5m, e.g. for hosting.",
        "Done.",
    ]


def test_words_count_tokens_with_letters_or_digits():
    text = "The £2.5m GOV.UK co-operate – plan (2015) ."
    assert [text[s:e] for s, e in sentences.words(text)] == ["The", "£2.5m", "GOV.UK", "co-operate", "plan", "(2015)"]


# --- syllables and scores ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("table", 2),
        ("organisation", 5),
        ("programme", 2),
        ("created", 3),
        ("made", 1),
        ("business", 2),
        ("platforms", 2),
        ("the", 1),
        ("government", 3),
        ("digital", 3),
        ("services", 3),
        ("HMRC", 4),
        ("GDS", 3),
        ("DfE", 3),
        ("2015", 1),
        ("co-operate", 4),
        ("department’s", 3),
    ],
)
def test_syllables(word, count):
    assert syllables.token(word) == count


def test_syllable_estimate_agrees_with_the_cmu_dictionary_on_the_seeds():
    textstat_rs = pytest.importorskip("textstat_rs")
    words = [
        w.lower()
        for path in SEEDS.glob("*.txt")
        for w in __import__("re").findall(r"\b[a-z]{2,}\b", path.read_text(encoding="utf-8"))
    ]
    same = sum(syllables.estimate(w) == textstat_rs.syllable_count(w) for w in words)
    assert same / len(words) > 0.93
    estimated = sum(map(syllables.estimate, words))
    reference = sum(textstat_rs.syllable_count(w) for w in words)
    assert abs(estimated - reference) / reference < 0.03


def test_flesch_scores_match_textstat_formulas_and_the_cmudict_counter():
    text = "The cat sat on the mat. It was a sunny day."
    scores = flesch.score(text)
    assert scores is not None and (scores.sentences, scores.words, scores.syllables) == (2, 11, 12)
    assert scores.reading_ease == pytest.approx(206.835 - 1.015 * 11 / 2 - 84.6 * 12 / 11)
    assert scores.grade == pytest.approx(0.39 * 11 / 2 + 11.8 * 12 / 11 - 15.59)
    pytest.importorskip("textstat_rs")
    exact = flesch.counter("cmudict")
    diffs = []
    for path in SEEDS.glob("*.txt"):
        for phase in load(path).phases:
            for paragraph in phase.paragraphs:
                if len(sentences.words(paragraph.text)) >= 40:
                    a, b = flesch.score(paragraph.text), flesch.score(paragraph.text, exact)
                    assert a is not None and b is not None
                    diffs.append(abs(a.reading_ease - b.reading_ease))
    assert diffs and sum(diffs) / len(diffs) < 2.5


# --- readability -------------------------------------------------------------------------------------------


def test_readability_reports_the_dfe_sentence_with_its_figure_and_limit():
    doc = load(SEEDS / "001.txt")
    found = [d for d in lint([SEEDS / "001.txt"], "readability") if d.entry == "Department for Education"]
    assert found, "DfE's 60-word commitment is one sentence"
    first = found[0]
    assert first.severity is Severity.WARNING
    assert text_of(doc, first).startswith("DfE is nearing the completion")
    assert text_of(doc, first).endswith("delivery of associated cost savings.")
    assert first.message.startswith("sentence has ") and first.message.endswith("words (limit 25)")
    assert int(first.message.split()[2]) > 55


def test_readability_paragraph_finding_states_scores_and_thresholds():
    path = FIXTURES / "rules" / "readability" / "scottish-council.md"
    doc = load(path)
    found = lint([path], "readability")
    paragraphs = [d for d in found if d.message.startswith("paragraph is hard to read")]
    assert len(paragraphs) == 1
    assert "Flesch reading ease" in paragraphs[0].message and "(minimum 0)" in paragraphs[0].message
    assert "(maximum 18)" in paragraphs[0].message
    assert text_of(doc, paragraphs[0]).startswith("Interoperability considerations")
    assert text_of(doc, paragraphs[0]).endswith("appraisal methodology.")
    sentences_found = [d for d in found if d.message.startswith("sentence has")]
    assert [text_of(doc, d)[:30] for d in sentences_found] == ["The council intends, subject t"]
    assert all(d.entry for d in found)


def test_readability_thresholds_and_min_words_come_from_options():
    path = FIXTURES / "rules" / "readability" / "scottish-council.md"
    strict = lint([path], "readability", **{"min-reading-ease": 90.0, "min-words": 10})
    lenient = lint([path], "readability", **{"min-reading-ease": -500.0, "max-grade": 99.0, "max-sentence-words": 60})
    assert len(strict) > 2
    assert lenient == []


def test_readability_cmudict_counter_gives_the_same_findings_on_seed_000():
    pytest.importorskip("textstat_rs")
    estimate = lint([SEEDS / "000.txt"], "readability")
    exact = lint([SEEDS / "000.txt"], "readability", syllables="cmudict")
    assert [d.span for d in estimate if "sentence" in d.message] == [d.span for d in exact if "sentence" in d.message]
    assert abs(len(estimate) - len(exact)) <= 3


def test_readability_bad_options_are_reported_not_raised(tmp_path):
    (tmp_path / ".response-lint.toml").write_text(
        '[rules.readability]\nmeasures = ["sentence-length", "fog"]\n', encoding="utf-8"
    )
    shutil.copy(SEEDS / "000.txt", tmp_path / "000.txt")
    result = run_cli("check", "--select", "readability", str(tmp_path / "000.txt"), cwd=tmp_path)
    assert result.code == 2
    assert "'fog'" in result.err and "Traceback" not in result.err


# --- plain-english -----------------------------------------------------------------------------------------


def test_inflections():
    assert wordlist.inflections("deliver") == [
        "deliver",
        "delivers",
        "delivered",
        "deliverred",
        "delivering",
        "deliverring",
    ]
    assert wordlist.inflections("utilise")[:4] == ["utilise", "utilises", "utilised", "utilising"]
    assert "committed" in wordlist.inflections("commit")
    assert "driven" in wordlist.inflections("drive")


def test_plain_english_on_other_organisations():
    path = FIXTURES / "rules" / "plain-english" / "nhs-and-council.txt"
    doc = load(path)
    found = lint([path], "plain-english")
    words = [text_of(doc, d) for d in found]
    assert words == [
        "leverage",
        "robust",
        "facilitate",
        "drive",
        "going forward",
        "utilised",
        "collaborated",
        "In order to",
        "streamline",
        "initiate",
    ]
    assert all(d.severity is Severity.INFO for d in found)
    assert found[0].message == (
        "'leverage' is on the GOV.UK list of words to avoid: unless in the financial "
        "sense, say 'use' or 'take advantage of'"
    )
    # "driving licence", "key worker" and "key stage" are exceptions
    assert "driving" not in words and "key" not in words


def test_plain_english_options_extend_and_drop_the_list():
    path = FIXTURES / "rules" / "plain-english" / "nhs-and-council.txt"
    doc = load(path)
    found = lint(
        [path], "plain-english", extra={"pool cars": "say 'shared cars'", "residents": ""}, allow=["robust", "drive+"]
    )
    words = [text_of(doc, d) for d in found]
    assert "pool cars" in words and words.count("residents") == 1  # once per entry, with the count
    assert "robust" not in words and "drive" not in words
    residents = next(d for d in found if text_of(doc, d) == "residents")
    assert residents.message == "'residents' is on the GOV.UK list of words to avoid (used 2 times in this entry)"
    assert len(residents.related) == 1 and residents.related[0].message == "also used here"


def test_plain_english_on_the_seeds_finds_whole_words_only():
    found = lint([SEEDS / "000.txt", SEEDS / "001.txt"], "plain-english")
    docs = {str(p): load(p) for p in (SEEDS / "000.txt", SEEDS / "001.txt")}
    words = {text_of(docs[d.path], d).lower() for d in found}
    assert {"deliver", "collaborate", "facilitate", "key"} <= words
    assert "delivery" not in words and "keyboard" not in words


# --- spelling ----------------------------------------------------------------------------------------------

BRITISH = [
    "organisation",
    "organisations",
    "organisational",
    "reorganisation",
    "programme",
    "programmes",
    "centre",
    "centres",
    "centred",
    "defence",
    "licence",
    "colour",
    "colourful",
    "analyse",
    "analysed",
    "analysing",
    "digitisation",
    "digitise",
    "prioritise",
    "prioritisation",
    "recognisable",
    "behaviour",
    "behavioural",
    "favourite",
    "honourable",
    "neighbourhood",
    "catalogue",
    "dialogue",
    "travelled",
    "modelling",
    "cancelled",
    "labelled",
    "fulfil",
    "fulfilment",
    "enrolment",
    "skilful",
    "paediatric",
    "oestrogen",
    "manoeuvre",
    "judgement",
    "ageing",
    "cheque",
    "tyre",
    "mould",
    "plough",
    "sceptical",
    "offence",
    "standardisation",
    "utilise",
    "minimise",
    "optimisation",
    "summarise",
    "categorise",
    "modernisation",
    "authorisation",
    "visualisation",
    "metre",
    "theatre",
    "fibre",
    "litre",
]


def test_british_spellings_are_derived_not_listed():
    lex = lexicon.load()
    known = lex.lookup(BRITISH)
    for word in BRITISH:
        if word in known:
            continue
        forms = british.american_forms(word)
        assert lex.lookup(forms), f"{word}: none of {sorted(forms)} is known"
    assert "organization" in british.american_forms("organisation")
    assert "colorizations" in british.american_forms("colourisations")
    assert british.american_forms("government") == set()


def test_spelling_seeds_give_at_most_two_findings():
    assert len(lint([SEEDS / "000.txt", SEEDS / "001.txt"], "spelling")) <= 2


def test_spelling_finds_typos_with_suggestions():
    path = FIXTURES / "rules" / "spelling" / "typos.md"
    doc = load(path)
    found = lint([path], "spelling")
    assert [(text_of(doc, d), d.message) for d in found] == [
        ("goverment", "unknown word 'goverment' (did you mean 'government'?)"),
        ("departmnet", "unknown word 'departmnet' (did you mean 'department'?)"),
        ("recieve", "unknown word 'recieve' (did you mean 'receive' or 'relieve'?)"),
        ("accross", "unknown word 'accross' (did you mean 'across'?)"),
        ("Goverment", "unknown word 'Goverment' (did you mean 'Government'?)"),
        ("seperate", "unknown word 'seperate' (did you mean 'separate'?)"),
        ("Decemeber", "unknown word 'Decemeber' (did you mean 'December'?)"),
    ]
    assert all(d.severity is Severity.WARNING for d in found)
    quiet = lint([path], "spelling", suggestions=0)
    assert [d.message for d in quiet][:1] == ["unknown word 'goverment'"]


@pytest.mark.parametrize("name", ["nhs-trust.md", "council.txt", "welsh-government.txt"])
def test_spelling_other_organisations_prose_is_clean(name):
    found = lint([FIXTURES / "rules" / "spelling" / name], "spelling")
    assert found == [], [d.message for d in found]


def write_doc(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(
        f"# Action 1: Example\n\n## Office of Examples\n\n### Progress during 2019\n\n{body}\n", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    "body",
    [
        "HMRC, DfE, DfT, GDS and 1HMG met on GOV.UK.",
        "Staff co-operate on cross-government wi-fi and e-learning.",
        "See https://www.gov.uk/qzxv, www.qzxv.gov.uk or mail qzxv@qzxv.gov.uk.",
        'Text with <span class="qzxv">markup</span> and a {qzxv} directive and `qzxvcode`.',
        "Read [the page](https://example.com/qzxv) and the [www.qzxvy.gov.uk](https://www.qzxvy.gov.uk) site.",
        "The Attorney General’s Office, the departments’ plans and HMRC’s roadmaps don’t change.",
        "Blaby, Kirklees and Llywodraeth Cymru work with Ofsted on the iPlayer pilot.",
        "The ‘[t]ransformation’ board met [sic] twice, as the organi[s]ation planned.",
    ],
)
def test_spelling_does_not_report(tmp_path, body):
    found = lint([write_doc(tmp_path, body)], "spelling")
    assert found == [], [d.message for d in found]


def test_spelling_checks_compounds_as_wholes_and_link_text(tmp_path):
    path = write_doc(tmp_path, "A cross-goverment plan. Read [the recieve page](https://example.com/ok).")
    doc = load(path)
    assert [text_of(doc, d) for d in lint([path], "spelling")] == ["cross-goverment", "recieve"]


def test_spelling_user_words_and_words_file(tmp_path):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "words.txt").write_text("# our words\nqzxvplan\nQwertyhub  # a product\n", encoding="utf-8")
    (project / ".response-lint.toml").write_text(
        '[rules.spelling]\nwords = ["zzyzx"]\nwords-file = "docs/words.txt"\n', encoding="utf-8"
    )
    write_doc(project, "The qzxvplan and qwertyhub use zzyzx, but not wibblewobble.")
    result = run_cli("check", "--select", "spelling", "--format", "json", "doc.md", cwd=project)
    messages = [d["message"] for d in result.json()["diagnostics"]]
    assert messages == ["unknown word 'wibblewobble'"]


def test_spelling_missing_words_file_is_a_clear_error(tmp_path):
    (tmp_path / ".response-lint.toml").write_text('[rules.spelling]\nwords-file = "nope.txt"\n', encoding="utf-8")
    write_doc(tmp_path, "Some text.")
    result = run_cli("check", "--select", "spelling", "doc.md", cwd=tmp_path)
    assert result.code == 2
    assert "nope.txt" in result.err and "does not exist" in result.err and "Traceback" not in result.err


def test_lexicon_cache_is_written_once_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv(cachedir.CACHE_ENV, str(tmp_path / "cache"))
    lexicon.load.cache_clear()
    try:
        first = lexicon.load()
        files = list((tmp_path / "cache").glob("words-en-v*.words"))
        assert len(files) == 1 and isinstance(first, lexicon.BucketLexicon)
        assert first.lookup(["government", "qzxv"]) == {"government": pytest.approx(130955, rel=0.5)}
        lexicon.load.cache_clear()
        stamp = files[0].stat().st_mtime_ns
        second = lexicon.load()
        assert isinstance(second, lexicon.BucketLexicon) and files[0].stat().st_mtime_ns == stamp
        monkeypatch.setenv(cachedir.CACHE_ENV, "")
        lexicon.load.cache_clear()
        memory = lexicon.load()
        assert isinstance(memory, lexicon.MemoryLexicon) and "government" in memory.lookup(["government"])
    finally:
        lexicon.load.cache_clear()


def test_lexicon_unwritable_cache_falls_back_to_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cachedir.CACHE_ENV, str(blocker / "cache"))
    lexicon.load.cache_clear()
    try:
        assert isinstance(lexicon.load(), lexicon.MemoryLexicon)
    finally:
        lexicon.load.cache_clear()


def test_spelling_loads_no_dictionary_without_words(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(
        "## Office of Examples\n\n### Progress during 2019\n\nHMRC, DfE: 2019.\n\n### Progress during 2020\n",
        encoding="utf-8",
    )
    lexicon.load.cache_clear()
    rule = RULES["spelling"]
    from lint.checks import spelling

    assert list(spelling.check(load(path), Context(rule.name, rule.severity, rule.options, "."))) == []
    assert lexicon.load.cache_info().misses == 0


def test_suggestions_at_distance_two_only_when_asked():
    lex = lexicon.load()
    assert lexicon.suggest(lex, ["goverrnmant"], distance=1) == {}
    assert lexicon.suggest(lex, ["goverrnmant"], distance=2)["goverrnmant"][0] == "government"


# --- no network --------------------------------------------------------------------------------------------

_OFFLINE_SCRIPT = """
import json, sys
from lint.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('nltk', 'textstat'))
print(json.dumps({'code': code, 'heavy': heavy}), file=sys.stderr)
"""


def _offline_command() -> tuple[list[str], dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n"], env
    dead = "http://127.0.0.1:9"  # the discard port: nothing listens there
    env.update(
        {
            "HTTP_PROXY": dead,
            "HTTPS_PROXY": dead,
            "http_proxy": dead,
            "https_proxy": dead,
            "NO_PROXY": "",
            "no_proxy": "",
        }
    )
    return [], env


@pytest.mark.parametrize("syllable_counter", ["estimate", "cmudict"])
def test_prose_rules_work_with_no_network(tmp_path, syllable_counter):
    if syllable_counter == "cmudict":
        pytest.importorskip("textstat_rs")
    prefix, env = _offline_command()
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env.update({"NLTK_DATA": str(empty), "HOME": str(tmp_path), "RESPONSE_LINT_CACHE_DIR": str(tmp_path / "c")})
    (tmp_path / ".response-lint.toml").write_text(
        f'[rules.readability]\nsyllables = "{syllable_counter}"\n', encoding="utf-8"
    )
    shutil.copy(SEEDS / "000.txt", tmp_path / "000.txt")
    shutil.copy(FIXTURES / "rules" / "spelling" / "typos.md", tmp_path / "typos.md")
    proc = subprocess.run(
        [
            *prefix,
            sys.executable,
            "-c",
            _OFFLINE_SCRIPT,
            "check",
            "--format",
            "json",
            "--fail-on",
            "info",
            "--select",
            "readability,plain-english,spelling",
            "000.txt",
            "typos.md",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    status = json.loads(proc.stderr.strip().splitlines()[-1])
    assert status == {"code": 1, "heavy": []}, proc.stderr
    rules = {d["rule"] for d in json.loads(proc.stdout)["diagnostics"]}
    assert rules == {"readability", "plain-english", "spelling"}
    assert list((tmp_path / "c").glob("words-en-v*.words")), "the dictionary cache was built offline"


def test_module_import_is_light():
    code = (
        "import sys, lint.checks.readability, lint.checks.spelling, lint.checks.wordlist; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('spellchecker', 'sqlite3', 'textstat_rs', 'textstat', 'nltk', 'platformdirs')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
