"""Small value classes without :mod:`dataclasses`: equality, hash, repr and ``_replace`` by field.

Importing ``dataclasses`` (it pulls in ``inspect``, ``ast`` and ``dis``) and generating each
class's methods with ``exec`` took about 14% of a one-file run (issue 11 (d)). A class here
names its fields once, in ``__slots__``, and writes its own ``__init__`` (typed, with its
defaults), ending it with :func:`fill` for an immutable one. Equality and ``repr`` are a
dataclass's: by the field values, in order, between objects of the same class.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only: a TypeVar bound by name compiles it, and a process's first compile() costs 9 M instructions
    from typing import TypeVar

    _R = TypeVar("_R", bound="Record")
_set = object.__setattr__


class Record:
    """A mutable value class (a dataclass's ``eq=True``): not hashable."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self.__slots__])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    # (defining __eq__ without __hash__ makes a class unhashable, as a dataclass with eq=True)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({shown})"

    def _asdict(self) -> dict[str, Any]:
        """The fields and their values, in order."""
        return {name: getattr(self, name) for name in self.__slots__}

    def _replace(self: _R, **changes: Any) -> _R:
        """A copy with ``changes`` (field name: value), made by the class's ``__init__`` (which checks them)."""
        values = self._asdict()
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"{self.__class__.__qualname__} has no field {sorted(unknown)[0]!r}")
        values.update(changes)
        return self.__class__(**values)


class Frozen(Record):
    """An immutable value class (a dataclass's ``frozen=True``): hashable when its values are."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {self.__class__.__qualname__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {self.__class__.__qualname__} is immutable")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its fields, made again by its ``__init__`` (a slot that is no field is not kept)."""
        return (_rebuild, (self.__class__, self._asdict()))


def _rebuild(cls: type[_R], fields: dict[str, Any]) -> _R:
    return cls(**fields)


def fill(record: Record, values: Mapping[str, Any]) -> None:
    """Set each field of ``record`` from ``values`` (an ``__init__``'s ``locals()``), immutable or not."""
    for name in record.__slots__:
        _set(record, name, values[name])
