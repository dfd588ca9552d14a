"""``NamedTuple`` for our value types: :class:`typing.NamedTuple`'s classes, made without compiling annotations.

Under ``from __future__ import annotations`` every field's annotation reaches
``typing.NamedTuple`` as a string, which it checks by making a ``ForwardRef``, that is by
compiling the string (``compile()``). The first compile of a process also sets up the
compiler's syntax-tree types (9 M instructions), and every field costs one more: 3% of
a one-file run (issue 11 (d)), for annotations nothing reads at run time.

``class Span(NamedTuple): ...`` with this ``NamedTuple`` makes the class ``typing``'s would:
a :func:`collections.namedtuple` of the annotated fields, with their defaults, and the
class body's methods, properties and docstring; the same errors for a field without a
default after one with, or for a body that redefines a named tuple's own attribute. The
annotations are kept as written (strings). Type checkers see ``typing.NamedTuple`` itself.
Imports nothing of ours.
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    # as typing's NamedTupleMeta: attributes a class body may not set, and ones it does not copy
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace"}
        | {"_asdict", "_source"}
    )
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _Maker(type):
        """Makes each ``class X(NamedTuple)``: the named tuple of its annotated fields and its body."""

        def __new__(cls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
            if bases != (_Base,):
                raise TypeError("can only inherit from a NamedTuple type")
            types = ns.get("__annotations__", {})
            with_default: list[str] = []
            for name in types:
                if name in ns:
                    with_default.append(name)
                elif with_default:
                    raise TypeError(
                        f"Non-default namedtuple field {name} cannot follow default field"
                        f"{'s' if len(with_default) > 1 else ''} {', '.join(with_default)}"
                    )
            made = collections.namedtuple(  # what typing.NamedTuple makes
                typename, list(types), defaults=[ns[name] for name in with_default], module=ns["__module__"]
            )
            made.__annotations__ = made.__new__.__annotations__ = dict(types)
            for key, value in ns.items():
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, value)
            return made

    _Base = type.__new__(_Maker, "NamedTuple", (), {})

    def NamedTuple(typename: str, fields: Any = None, /, **kwargs: Any) -> Any:
        """The call form, ``NamedTuple("Name", [("field", type), ...])``: typing's own."""
        import typing

        return typing.NamedTuple(typename, fields, **kwargs)

    NamedTuple.__mro_entries__ = lambda bases: (_Base,)
