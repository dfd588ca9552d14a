"""The value classes that replaced dataclasses (lint.record): equal, hashed, shown and copied by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.checkoptions import CheckOptions
from lint.config import Config, RuleConfig
from lint.options import Option


def test_frozen_values_compare_hash_and_show_by_field():
    a = Option("limit", "int", 3, "how many", min=1)
    assert a == Option("limit", "int", 3, "how many", min=1)
    assert a != Option("limit", "int", 4, "how many", min=1)
    assert a != ("limit", "int", 3, "how many")  # only the same class compares equal
    assert hash(a) == hash(Option("limit", "int", 3, "how many", min=1))
    assert "default=3" in repr(a) and "min=1" in repr(a) and repr(a).startswith("Option(")
    with pytest.raises(AttributeError, match="immutable"):
        a.default = 5  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del a.default  # type: ignore[misc]


def test_replace_copies_through_the_constructor_and_refuses_unknown_fields():
    listed = Option("words", "list[str]", [], "words", extendable=True)
    assert listed._replace(help="other") == Option("words", "list[str]", [], "other", extendable=True)
    with pytest.raises(TypeError, match="only lists and tables"):  # __init__'s own checks run again
        listed._replace(type="int")
    with pytest.raises(TypeError, match="no field 'colour'"):
        listed._replace(colour="red")
    assert listed.extension().extends == "words" and listed.extension().name == "extend-words"


def test_defaults_are_fresh_for_each_object():
    first, second = Config(), Config()
    assert first == second and first.formats == {} and first.root == Path.cwd()
    assert first.formats is not second.formats
    assert CheckOptions().extra is not CheckOptions().extra


def test_a_config_with_an_unhashable_value_is_not_hashable_as_a_frozen_dataclass_was_not():
    config = Config(rules={"spelling": RuleConfig("warning", {"words": ["a"]})})
    assert config == Config(rules={"spelling": RuleConfig("warning", {"words": ["a"]})})
    assert config != Config(rules={"spelling": RuleConfig("warning", {"words": ["b"]})})
    with pytest.raises(TypeError):
        hash(config)


def test_mutable_records_are_not_hashable_and_say_every_field():
    options = CheckOptions(paths=["a.md"])
    options.jobs = 2
    assert options == CheckOptions(paths=["a.md"], jobs=2)
    assert options._asdict()["jobs"] == 2 and tuple(options._asdict()) == options.__slots__
    with pytest.raises(TypeError):
        hash(options)
