"""lint.tuples.NamedTuple makes the classes typing.NamedTuple makes, without compiling annotations."""

from __future__ import annotations

import builtins
import collections
import copy
import inspect
import pickle
import typing
from collections.abc import Callable
from typing import Any

import pytest

from lint import tuples


def _declare(base: typing.Any) -> type:
    class Place(base):
        """Where a finding is."""

        path: str
        line: int = 1
        tags: tuple[str, ...] = ()

        @property
        def shown(self) -> str:
            return f"{self.path}:{self.line}"

        def moved(self, by: int) -> Place:
            return self._replace(line=self.line + by)

    return Place


Ours = _declare(tuples.NamedTuple)
Typings = _declare(typing.NamedTuple)


def test_the_class_is_typings_named_tuple_with_the_annotations_as_written():
    for attribute in ("_fields", "_field_defaults", "__doc__", "__qualname__", "__module__", "__bases__"):
        assert getattr(Ours, attribute) == getattr(Typings, attribute), attribute
    assert Ours.__annotations__ == {"path": "str", "line": "int", "tags": "tuple[str, ...]"}
    assert {k: v.__forward_arg__ for k, v in Typings.__annotations__.items()} == Ours.__annotations__
    assert Ours.__new__.__annotations__ == Ours.__annotations__
    assert issubclass(Ours, tuple)


def test_instances_behave_as_typings():
    for cls in (Ours, Typings):
        place = cls("a.md")
        assert place == ("a.md", 1, ())
        assert place.shown == "a.md:1"
        assert place.moved(2) == cls("a.md", 3) and isinstance(place.moved(2), cls)
        assert place._asdict() == {"path": "a.md", "line": 1, "tags": ()}
        assert repr(cls("b", 2, ("x",))) == "Place(path='b', line=2, tags=('x',))"
        with pytest.raises(TypeError):
            cls()


def test_instances_pickle_by_their_class():
    assert pickle.loads(pickle.dumps(_Module("a.md", 3))) == _Module("a.md", 3)


class _Module(tuples.NamedTuple):
    path: str
    line: int


def test_the_same_errors_as_typing():
    for base in (tuples.NamedTuple, typing.NamedTuple):
        with pytest.raises(TypeError, match="Non-default namedtuple field b cannot follow default field a"):

            class Late(base):  # type: ignore[misc]
                a: int = 0
                b: int

        with pytest.raises(AttributeError, match="Cannot overwrite NamedTuple attribute _replace"):

            class Own(base):  # type: ignore[misc]
                a: int

                def _replace(self) -> None:  # type: ignore[override]
                    pass

    with pytest.raises(TypeError):

        class Twice(tuples.NamedTuple, _Module):  # type: ignore[misc]
            a: int


def test_no_annotation_is_compiled(monkeypatch):
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("compile() called")

    monkeypatch.setattr(builtins, "compile", refused)

    class Span(tuples.NamedTuple):
        start: int
        end: int

    assert Span(1, 2).end == 2
    with pytest.raises(AssertionError, match="compile"):

        class Typed(typing.NamedTuple):
            start: int


def test_the_call_form_is_typings():
    Pair = tuples.NamedTuple("Pair", [("a", int), ("b", str)])
    assert Pair._fields == ("a", "b") and Pair(1, "x").b == "x"


FIELD_LISTS = [
    (["a"], None),
    (["start", "end"], None),
    (["path", "line", "tags"], [1, ()]),
    (list("abcdefghijkl"), [0]),
]
CLASS_ATTRIBUTES = ("__doc__", "__module__", "__qualname__", "_fields", "_field_defaults", "__match_args__")
METHOD_ATTRIBUTES = ("__name__", "__qualname__", "__doc__", "__defaults__")  # (the methods' module: lint.tuples)
CODE_ATTRIBUTES = ("co_varnames", "co_argcount", "co_name", "co_qualname", "co_code", "co_names", "co_consts")


def _made_both(fields: list[str], defaults: list[object] | None) -> tuple[type, type]:
    ours = tuples.named_tuple("Point", fields, defaults=defaults, module="tests.test_tuples")
    theirs = collections.namedtuple("Point", fields, defaults=defaults, module="tests.test_tuples")
    return ours, theirs


@pytest.mark.parametrize(("fields", "defaults"), FIELD_LISTS)
def test_named_tuple_makes_collections_class(fields, defaults):
    ours, theirs = _made_both(fields, defaults)
    for name in CLASS_ATTRIBUTES:
        assert getattr(ours, name) == getattr(theirs, name), name
    assert ours.__bases__ == theirs.__bases__ == (tuple,) and ours.__slots__ == theirs.__slots__ == ()
    assert ours.__new__.__module__ == theirs.__new__.__module__ == "namedtuple_Point"
    assert sorted(vars(ours)) == sorted(vars(theirs))
    for name in ("__new__", "_make", "_replace", "__repr__", "_asdict", "__getnewargs__"):
        a, b = getattr(ours, name), getattr(theirs, name)
        for attribute in METHOD_ATTRIBUTES if name != "_make" else ("__qualname__", "__doc__"):
            assert getattr(a, attribute) == getattr(b, attribute), (name, attribute)
    for attribute in CODE_ATTRIBUTES:
        assert getattr(ours.__new__.__code__, attribute) == getattr(theirs.__new__.__code__, attribute), attribute
    assert inspect.signature(ours) == inspect.signature(theirs)
    for name in fields:
        assert vars(ours)[name].__doc__ == vars(theirs)[name].__doc__


def _outcome(call: Callable[[], object]) -> object:
    try:
        return ("value", repr(call()))
    except Exception as exc:  # the same error, with the same message
        return (type(exc).__name__, str(exc))


def _uses(cls: Any, fields: list[str]) -> list[object]:
    """What a named tuple class does, used every way (each value, or the error and its message)."""
    n = len(fields)
    calls: list[Callable[[], object]] = [
        lambda: cls(*range(n)),
        lambda: cls(*range(n + 1)),
        lambda: cls(),
        lambda: cls(**{name: i for i, name in enumerate(fields)}),
        lambda: cls(*range(n))._replace(**{fields[-1]: "x"}),
        lambda: cls(*range(n))._replace(nope=1),
        lambda: cls._make(range(n)),
        lambda: cls._make(range(n + 2)),
        lambda: cls(*range(n))._asdict(),
        lambda: cls(*range(n)).__getnewargs__(),
        lambda: getattr(cls(*range(n)), fields[0]),
        lambda: copy.copy(cls(*range(n))),
        lambda: cls(*range(n)) == tuple(range(n)),
    ]
    return [_outcome(call) for call in calls]


@pytest.mark.parametrize(("fields", "defaults"), FIELD_LISTS)
def test_named_tuple_instances_behave_as_collections(fields, defaults):
    ours, theirs = _made_both(fields, defaults)
    assert _uses(ours, fields) == _uses(theirs, fields)


@pytest.mark.parametrize(
    ("typename", "fields", "defaults"),
    [
        ("Point", ["a", "a"], None),
        ("Point", ["_a"], None),
        ("Point", ["class"], None),
        ("Point", ["a b"], None),
        ("def", ["a"], None),
        ("Point", [1], None),
        ("Point", ["a"], [1, 2]),
    ],
)
def test_named_tuple_refuses_what_collections_refuses(typename, fields, defaults):
    made = _outcome(lambda: tuples.named_tuple(typename, fields, defaults=defaults))
    assert made[0] != "value"
    assert made == _outcome(lambda: collections.namedtuple(typename, fields, defaults=defaults))
