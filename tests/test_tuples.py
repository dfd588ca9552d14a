"""lint.tuples.NamedTuple makes the classes typing.NamedTuple makes, without compiling annotations."""

from __future__ import annotations

import builtins
import pickle
import typing

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
