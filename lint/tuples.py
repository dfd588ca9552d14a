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

The class itself is made as :func:`collections.namedtuple` makes it (:func:`named_tuple`), but
for ``__new__``: ``collections`` writes its source and evaluates it for every class (56% of
the 370 k instructions a named tuple's class took); here one compiled ``__new__`` serves every
class with as many fields, its parameters renamed (``CodeType.replace``). Imports nothing of ours.
"""

from __future__ import annotations

import sys
from keyword import iskeyword
from typing import TYPE_CHECKING, Any

try:
    from _collections import _tuplegetter
except ImportError:  # another Python: what collections does then
    from operator import itemgetter

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)


_NEW: dict[int, Any] = {}  # field count -> a compiled __new__ with that many parameters


def _new(typename: str, field_names: tuple[str, ...]) -> Any:
    """``collections.namedtuple``'s ``__new__`` (``lambda _cls, a, b: _tuple_new(_cls, (a, b))``),
    the same code with the parameters named, in a namespace of its own as there."""
    template = _NEW.get(len(field_names))
    if template is None:
        args = ", ".join(f"_{i}" for i in range(len(field_names))) + ("," if len(field_names) == 1 else "")
        template = _NEW[len(field_names)] = eval(  # our own text, as collections does
            f"lambda _cls, {args}: _tuple_new(_cls, ({args}))", {"_tuple_new": tuple.__new__, "__builtins__": {}}
        )
    namespace = {"_tuple_new": tuple.__new__, "__builtins__": {}, "__name__": f"namedtuple_{typename}"}
    return type(template)(template.__code__.replace(co_varnames=("_cls", *field_names)), namespace)


def named_tuple(typename: str, field_names: list[str], *, defaults: Any = None, module: str | None = None) -> type:
    """``collections.namedtuple(typename, field_names, defaults=defaults, module=module)``, the same
    class (its code, less ``rename``), made without compiling its ``__new__`` each time."""
    field_names = list(map(str, field_names))
    typename = sys.intern(str(typename))
    for name in [typename, *field_names]:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
        if iskeyword(name):
            raise ValueError(f"Type names and field names cannot be a keyword: {name!r}")
    seen = set()
    for name in field_names:
        if name.startswith("_"):
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(reversed(list(zip(reversed(field_names), reversed(defaults), strict=False))))

    fields = tuple(map(sys.intern, field_names))
    num_fields = len(fields)
    arg_list = ", ".join(fields)
    if num_fields == 1:
        arg_list += ","
    repr_fmt = "(" + ", ".join(f"{name}=%r" for name in fields) + ")"
    tuple_new = tuple.__new__
    _dict, _tuple, _len, _map, _zip = dict, tuple, len, map, zip

    __new__ = _new(typename, fields)
    __new__.__name__ = "__new__"
    __new__.__doc__ = f"Create new instance of {typename}({arg_list})"
    if defaults is not None:
        __new__.__defaults__ = defaults

    def _make(cls: Any, iterable: Any) -> Any:
        result = tuple_new(cls, iterable)
        if _len(result) != num_fields:
            raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
        return result

    _make.__doc__ = f"Make a new {typename} object from a sequence or iterable"

    def _replace(self: Any, /, **kwds: Any) -> Any:
        result = self._make(_map(kwds.pop, fields, self))
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    _replace.__doc__ = f"Return a new {typename} object replacing specified fields with new values"

    def __repr__(self: Any) -> str:
        "Return a nicely formatted representation string"
        return self.__class__.__name__ + repr_fmt % self

    def _asdict(self: Any) -> dict[str, Any]:
        "Return a new dict which maps field names to their values."
        return _dict(_zip(self._fields, self))

    def __getnewargs__(self: Any) -> tuple[Any, ...]:
        "Return self as a plain tuple.  Used by copy and pickle."
        return _tuple(self)

    for method in (__new__, _make, _replace, __repr__, _asdict, __getnewargs__):
        method.__qualname__ = f"{typename}.{method.__name__}"

    class_namespace = {
        "__doc__": f"{typename}({arg_list})",
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": classmethod(_make),
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": fields,
    }
    for index, name in enumerate(fields):
        class_namespace[name] = _tuplegetter(index, sys.intern(f"Alias for field number {index}"))
    result = type(typename, (tuple,), class_namespace)
    if module is None:
        module = sys._getframe(1).f_globals.get("__name__", "__main__")
    result.__module__ = module
    return result


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
            made = named_tuple(
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
