"""One escape per output kind: the same hostile names in every format stay inert and valid.

A file name with a newline and ``::error …``, ESC, BEL, C1 and bidi overrides, a file
name that is not UTF-8, an entry name with an OSC title sequence, and a user rule whose
message holds control characters: one real run writes every format, and each must be valid
for its consumer and carry no raw control character.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from lint.escape import for_github, for_json, for_terminal, for_xml, json_text
from lint.model import Severity

from .conftest import ROOT, run_process
from .formats_support import validate_checkstyle, validate_gitlab, validate_junit, validate_sarif

HOSTILE_NAME = "evil\n::error file=x::pwned\x1b[31m\u202e\x9b\x07.md"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
FORMATS = ("text", "concise", "github", "json", "sarif", "gitlab", "junit", "checkstyle")


# text json_text writes as the json module does: no surrogates, no C1 or format (bidi) characters
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")) | st.sampled_from('\n\t"\\\x00'))
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | _TEXT
    | st.sampled_from(list(Severity))  # an int subclass, as the json module writes it
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=30,
)


@given(_DATA, st.sampled_from([0, 1, 2, 4]))
def test_json_text_writes_what_the_json_module_writes(value, indent):
    """The indented writer gives the json module's text, byte for byte."""
    assert json_text(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_json_text_leaves_other_keys_and_types_to_the_json_module():
    assert json_text({1: [float("nan")]}) == json.dumps({1: [float("nan")]}, indent=2)
    assert json_text({"a": {}, "b": [], "c": ()}, 2) == '{\n  "a": {},\n  "b": [],\n  "c": []\n}'


def test_for_terminal_shows_controls_escaped():
    assert for_terminal("a\x1b[2Jb\x07\x9b\u202e\n\t") == "a\\x1b[2Jb\\x07\\x9b\\u202e\\n\\t"
    assert for_terminal("plain ünïcode, 日本") == "plain ünïcode, 日本"
    assert for_terminal(os.fsdecode(b"bad\xff")) == "bad\\xff"


def test_for_github_escapes_as_documented_and_shows_controls():
    assert for_github("50%\r\n::error x") == "50%25%0D%0A::error x"
    assert for_github("a:b,c", prop=True) == "a%3Ab%2Cc"
    assert for_github("\x1b[31m") == "\\x1b[31m"


def test_for_xml_and_json_replace_what_cannot_be_written():
    assert for_xml("a\x01b\x0bc\td") == "a\ufffdb\ufffdc\td"
    assert for_xml(os.fsdecode(b"x\xfe")) == "x\\xfe"
    assert for_json(os.fsdecode(b"x\xfe")) == "x\\xfe"
    assert for_json("\x1b") == "\x1b"  # JSON escapes it itself


def _hostile_tree(tmp_path):
    (tmp_path / HOSTILE_NAME).write_text(
        "# Action 1: Test\n\n## Org \x1b]0;owned\x07 \u202eName\n\n### Progress during 2017\n\nComing soon...\n",
        encoding="utf-8",
    )
    (tmp_path / os.fsdecode(b"bad\xff.md")).write_bytes(
        b"# Action 1: Test\n\n## Org\n\n### Progress during 2017\n\nTBC\n"
    )
    rules = tmp_path / "style"
    rules.mkdir()
    text = (ROOT / "rules" / "placeholder.toml").read_text(encoding="utf-8")
    # a rule's name cannot hold control characters (refused at load), but its message can
    text = text.replace('name = "placeholder"', 'name = "evil-rule"', 1)
    text = text.replace('message = "placeholder text', 'message = "evil\\u0001\\u001b[2J\\u0085\\u202erule: text', 1)
    (rules / "evil-rule.toml").write_text(text, encoding="utf-8")
    (tmp_path / ".response-lint.toml").write_text(
        'rule-paths = ["style"]\nselect = ["placeholder", "evil*", "missing-entry"]\n', encoding="utf-8"
    )


def test_hostile_names_in_every_format(tmp_path):
    _hostile_tree(tmp_path)
    args = ["check", ".", "--format", "text"]
    for fmt in FORMATS:
        args += ["--also-write", f"{fmt}=../out.{fmt}"]
    work = tmp_path / "work"
    work.mkdir()
    for path in list(tmp_path.iterdir()):
        if path.name != "work":
            path.rename(work / path.name)
    result = run_process(*args, cwd=work)
    assert result.code == 1, result.err
    outputs = {fmt: (tmp_path / f"out.{fmt}").read_text(encoding="utf-8") for fmt in FORMATS}
    outputs["stdout"] = result.out
    outputs["stderr"] = result.err
    for fmt, text in outputs.items():
        assert not RAW.search(text), (fmt, RAW.search(text))
    # no line of the line formats starts a workflow command but the github format's own
    for fmt in ("text", "concise", "stdout", "stderr"):
        assert not any(line.lstrip().startswith("::") for line in outputs[fmt].splitlines()), fmt
    commands = [line for line in outputs["github"].splitlines() if line.startswith("::")]
    assert len(commands) == len(json.loads(outputs["json"])["diagnostics"]) == 6
    assert all(re.match(r"::(error|warning|notice) file=[^:]*,line=\d+", line) for line in commands)
    # every finding names its file, escaped the same way in the line formats
    assert "evil\\n::error file=x::pwned\\x1b[31m\\u202e\\x9b\\x07.md:7:1" in outputs["concise"]
    assert "bad\\xff.md:7:1" in outputs["text"]
    assert "evil\\x01\\x1b[2J\\x85\\u202erule: text 'TBC' stands in for content [evil-rule]\n" in outputs["concise"]
    # the structured formats are valid for their consumers
    validate_sarif(outputs["sarif"])
    validate_gitlab(outputs["gitlab"])
    validate_junit(outputs["junit"])
    validate_checkstyle(outputs["checkstyle"])
    for fmt in ("junit", "checkstyle"):
        ET.fromstring(outputs[fmt].encode("utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(outputs["sarif"])["runs"][0]["results"]
    }
    assert "bad%FF.md" in uris  # the file's own bytes, percent-encoded


def test_text_that_is_printable_holds_no_character_an_escape_replaces():
    # for_terminal and the others return printable text as it is, without their regex (start-up time)
    from lint import escape

    every = "".join(map(chr, range(0x110000)))
    for name in ("_TERMINAL", "_GITHUB", "_XML", "_SURROGATE", "_JSON_INERT"):
        found = escape._chars(getattr(escape, name)).findall(every)
        assert found and not any(char.isprintable() for char in found), name


def test_json_text_escapes_every_character_its_classes_name():
    """json_text finds the characters to escape without its regexes, as they would have."""
    from lint import escape

    every = "".join(map(chr, range(0x110000)))
    assert set(escape._chars(escape._JSON_INERT).findall(every)) == escape._JSON_INERT_SET
    for text in (every, every[:0x2100], "’plain", "a\u2028b\u200f", "name\udcff.md", "\ud800\u202e", "ascii"):
        written = json.dumps(escape.json_safe(text), ensure_ascii=False)
        expected = escape._chars(escape._JSON_INERT).sub(lambda m: f"\\u{ord(m.group()):04x}", written)
        assert json_text(text, None) == expected == json_text([text], 2)[4:-2]
