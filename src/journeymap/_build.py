"""One pass from plain data to model objects, for documents with nothing wrong (private).

The reference path, :func:`journeymap._convert.structure`, goes through cattrs
and then the validated constructors of :mod:`journeymap.model`: each value is
checked twice (its kind by a cattrs hook, its value by the attrs validator)
and passes through a dozen function calls on the way. That path is the one
that explains what is wrong, with field paths. Most documents have nothing
wrong, and for them this module builds the same objects in one pass: for
each model class it generates a function that checks every field as that
field's validator does, inline, and sets the slots directly.

A builder never explains. At the first value it is not sure of it raises
:class:`Decline`, and the caller takes the reference path, which gives the
error, or the object for the rare valid input the builders leave to it
(a count written ``3.0``, a severity written ``Major``). Accepting no more
than the reference path accepts and building equal objects is what the
differential tests in ``tests/test_load_paths.py`` check.

The rules come from the model, as the JSON Schema's do: a field's rule is
chosen by its type hint and validator, and a field whose validator or
converter no rule knows is an error when the builders are generated, not a
gap a document could slip through.

>>> build({"title": "t", "stages": [{"name": "Visit", "touchpoints": ["Ad"]}]}).stages[0].touchpoints
(Touchpoint(name='Ad', id='ad', ...),)
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import linecache
import math
import types
from collections.abc import Callable
from typing import Any, cast

import attrs

from journeymap import _validate, model
from journeymap._shape import ISO_DATE, MODEL_CLASSES, NUMBER_SHORTHAND, SHORTHAND_FIELD, field_type
from journeymap._validate import _LANGUAGE_TAG, _SURROGATE
from journeymap._yaml import Plain, is_null, plain_bool, plain_is_null, plain_number
from journeymap.errors import ValidationError

__all__ = ["Decline", "build"]


class Decline(Exception):
    """A builder is not sure of a value: the reference path decides."""


class _Missing:
    """The value of a required field that the document leaves out."""


MISSING = _Missing()
EMPTY: tuple[()] = ()


def build(data: object) -> model.Journey:
    """The journey of a plain-data document, or :class:`Decline`.

    Raises :class:`Decline` for anything the reference path must look at,
    including every invalid document.
    """
    try:
        journey: model.Journey = _builders()[model.Journey](data)
    except ValidationError:  # a rule across fields (unique ids, action stages): the reference path says which
        raise Decline from None
    return journey


# Helpers the generated code calls for the values it does not settle inline
# (anything but exact str, int, bool and None). Each returns the value the
# reference path would store, or raises Decline.


def _text(value: Any) -> str:
    if value.__class__ is Plain:
        return str(value)
    raise Decline


def _optional_text(value: Any) -> str | None:
    if value.__class__ is Plain:
        return None if plain_is_null(value) else str(value)
    raise Decline


def _age(value: Any) -> str | None:
    if value.__class__ is int:
        return str(value)
    return _optional_text(value)


def _texts(value: Any) -> tuple[str, ...]:
    if is_null(value):
        return ()
    result = []
    for item in value if value.__class__ is list else [value]:
        if item.__class__ is not str:
            item = _text(item)
        if not item or item.isspace() or (not item.isascii() and _SURROGATE.search(item)):
            raise Decline
        result.append(item)
    return tuple(result)


def _number(value: Any) -> int | float | None:
    """A finite number from anything but an exact int; None for a YAML null."""
    if value.__class__ is float:
        if math.isfinite(value):
            return float(value)
        raise Decline
    if value.__class__ is Plain:
        if plain_is_null(value):
            return None
        number = plain_number(value)
        if number.__class__ is int or (number is not None and math.isfinite(number)):
            return number
    raise Decline


def _whole(value: Any) -> int | None:
    number = _number(value)
    if number is None or isinstance(number, int):
        return number
    raise Decline  # 3.0 counts as 3 on the reference path


def _flag(value: Any) -> bool | None:
    if value.__class__ is Plain:
        if plain_is_null(value):
            return None
        flag = plain_bool(value)
        if flag is not None:
            return flag
    raise Decline


def _date(value: Any) -> dt.date | None:
    if is_null(value):
        return None
    if (value.__class__ is str or value.__class__ is Plain) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise Decline


def _member(value: Any, members: dict[str, enum.Enum]) -> enum.Enum:
    if value.__class__ is str or value.__class__ is Plain:
        member = members.get(value)
        if member is not None:
            return member
    raise Decline  # other letter cases and spaces are read on the reference path


def _optional_member(value: Any, members: dict[str, enum.Enum]) -> enum.Enum | None:
    return None if is_null(value) else _member(value, members)


_HELPERS: dict[str, object] = {
    "Decline": Decline,
    "MISSING": MISSING,
    "EMPTY": EMPTY,
    "Plain": Plain,
    "new": object.__new__,
    "surrogate": _SURROGATE.search,
    "language": _LANGUAGE_TAG.match,
    "is_null": is_null,
    "text": _text,
    "optional_text": _optional_text,
    "age": _age,
    "texts": _texts,
    "number": _number,
    "whole": _whole,
    "flag": _flag,
    "date": _date,
    "member": _member,
    "optional_member": _optional_member,
}

# Each rule writes the lines that check the value ``v`` of one field in place
# and leave in ``v`` what the reference path stores.
_CHECK_TEXT = "    if not v.isascii() and surrogate(v):\n        raise Decline\n"
_SCALAR_RULES: dict[tuple[Callable[..., Any], bool], str] = {
    (model._name, False): (
        "    if v.__class__ is not str:\n        v = text(v)\n"
        "    if not v or v.isspace() or not v.isascii() and surrogate(v):\n        raise Decline\n"
    ),
    (model._text, False): "    if v.__class__ is not str:\n        v = text(v)\n" + _CHECK_TEXT,
    (model._text, True): (
        "    if v is not None:\n        if v.__class__ is not str:\n            v = optional_text(v)\n"
        "        if v is not None and not v.isascii() and surrogate(v):\n            raise Decline\n"
    ),
    (model._language, False): (
        "    if v.__class__ is not str:\n        v = text(v)\n    if not language(v):\n        raise Decline\n"
    ),
    (model._score, False): (
        "    if v.__class__ is not int:\n        v = number(v)\n"
        f"    if v is None or not {model.EMOTION_MIN} <= v <= {model.EMOTION_MAX}:\n        raise Decline\n"
    ),
    (model._number, True): "    if v is not None and v.__class__ is not int:\n        v = number(v)\n",
    (model._seconds, True): (
        "    if v is not None and v.__class__ is not int:\n        v = number(v)\n"
        "    if v is not None and v < 0:\n        raise Decline\n"
    ),
    (model._count, False): (
        "    if v.__class__ is not int:\n        v = whole(v)\n    if v is None or v < 0:\n        raise Decline\n"
    ),
    (model._count, True): (
        "    if v is not None:\n        if v.__class__ is not int:\n            v = whole(v)\n"
        "        if v is not None and v < 0:\n            raise Decline\n"
    ),
    (model._schema_version, False): (
        "    if v.__class__ is not int:\n        v = whole(v)\n"
        f"    if v is None or not 1 <= v <= {model.SCHEMA_VERSION}:\n        raise Decline\n"
    ),
    (model._flag, True): "    if v is not None and v.__class__ is not bool:\n        v = flag(v)\n",
    (model._date, True): "    if v is not None:\n        v = date(v)\n",
}
_AGE_RULE = _SCALAR_RULES[(model._text, True)].replace("optional_text(v)", "age(v)")  # text, or a whole number
# Converters the rules above and below already do the work of.
_CONVERTED_BY_RULE: set[object] = {
    model._age,
    _validate.texts,
    model._emotion,
    model._persona,
    model._segment,
    model._severity,
    model._phase,
    model._status,
    model._barriers,
    model._touchpoints,
    model._stages,
    model._kpis,
    model._actions,
    model._moves,
}


def _field_rule(kind: type, field: attrs.Attribute[Any], names: dict[str, object]) -> str:
    """The lines that check and convert the value ``v`` of one field."""
    base, many, nullable = field_type(kind, field)
    prefix = f"{kind.__name__}_{field.name}"
    validator, converter = field.validator, cast(object, field.converter)
    if converter is not None and converter not in _CONVERTED_BY_RULE:
        raise TypeError(f"no one-pass rule for the converter of {kind.__name__}.{field.name}")
    if base is str and many:
        _expect(validator is model._texts, kind, field)
        return "    if v is not EMPTY:\n        v = texts(v)\n"
    if attrs.has(base):
        _expect(_made_by(validator, "_of"), kind, field)
        return _nested_rule(base, many, nullable)
    if isinstance(base, type) and issubclass(base, enum.Enum):
        _expect(_made_by(validator, "_optional_enum" if nullable else "_enum"), kind, field)
        names[f"{prefix}_members"] = {member.value: member for member in base}
        if nullable:
            return f"    if v is not None:\n        v = optional_member(v, {prefix}_members)\n"
        if field.default is attrs.NOTHING:
            return f"    v = member(v, {prefix}_members)\n"
        return f"    if v is not {prefix}_default:\n        v = member(v, {prefix}_members)\n"  # set by _class_source
    if converter is model._age:
        return _AGE_RULE
    rule = _SCALAR_RULES.get((validator, nullable))  # type: ignore[arg-type]
    if rule is None:
        raise TypeError(f"no one-pass rule for {kind.__name__}.{field.name} (validator {validator!r})")
    return rule


def _nested_rule(base: type, many: bool, nullable: bool) -> str:
    name = base.__name__
    if many:
        return (
            "    if v is not EMPTY:\n"
            "        if v.__class__ is list:\n"
            f"            v = tuple([build_{name}(x) if x.__class__ is dict else short_{name}(x) for x in v])\n"
            "        elif is_null(v):\n            v = EMPTY\n"
            "        else:\n            raise Decline\n"
        )
    if not nullable:
        raise TypeError(f"no one-pass rule for a required {name}")
    return (
        "    if v is not None:\n"
        f"        if v.__class__ is dict:\n            v = build_{name}(v)\n"
        "        elif is_null(v):\n            v = None\n"
        f"        else:\n            v = short_{name}(v)\n"
    )


def _expect(ok: bool, kind: type, field: attrs.Attribute[Any]) -> None:
    if not ok:
        raise TypeError(f"no one-pass rule for {kind.__name__}.{field.name} (validator {field.validator!r})")


def _made_by(validator: object, factory: str) -> bool:
    """Whether a validator is the closure that ``model.<factory>`` returns."""
    return getattr(validator, "__qualname__", "") == f"{factory}.<locals>.validate"


def _class_source(kind: type, names: dict[str, object]) -> str:
    """Source of ``build_<Class>(data)`` and ``short_<Class>(value)`` for one model class.

    ``build`` reads a mapping; ``short`` the text or number that stands for
    the whole object (``emotion: -1``), every other field at its default.
    """
    name = kind.__name__
    names[name] = kind
    names[f"{name}_keys"] = frozenset(field.name for field in attrs.fields(kind) if field.init)
    shorthand = SHORTHAND_FIELD.get(kind) or NUMBER_SHORTHAND.get(kind)
    build = [
        f"def build_{name}(data):",
        f"    if data.__class__ is not dict or not data.keys() <= {name}_keys:",
        "        raise Decline  # not a mapping, or a key that is not a field",
        "    get = data.get",
        f"    o = new({name})",
    ]
    short = [f"def short_{name}(v):", f"    o = new({name})"] if shorthand else []
    for field in attrs.fields(kind):
        slot = kind.__dict__.get(field.name)
        if not isinstance(slot, types.MemberDescriptorType):
            raise TypeError(f"{name}.{field.name} is not a slot")
        setter = f"{name}_set_{field.name}"
        names[setter] = slot.__set__
        default = f"{name}_{field.name}_default"
        names[default] = _default(field)
        if not field.init:
            build.append(f"    {setter}(o, {default})")
            short.append(f"    {setter}(o, {default})")
            continue
        rule = _field_rule(kind, field, names).rstrip("\n")
        build.append(
            f"    v = get({field.name!r})" if field.default is None else f"    v = get({field.name!r}, {default})"
        )
        build += [rule, f"    {setter}(o, v)"]
        if field.name == shorthand:
            short += [rule, f"    {setter}(o, v)"]
        elif shorthand:
            short.append(f"    {setter}(o, {default})")
    ending = ["    return o"]
    if hasattr(kind, "__attrs_post_init__"):
        names[f"{name}_post_init"] = kind.__attrs_post_init__
        ending.insert(0, f"    {name}_post_init(o)")
    if not shorthand:
        short = [f"def short_{name}(v):", "    raise Decline"]
    elif kind in SHORTHAND_FIELD:  # only a text stands for the object
        short[1:1] = ["    if v.__class__ is not str and v.__class__ is not Plain:", "        raise Decline"]
        short += ending
    else:
        short += ending
    return "\n".join([*build, *ending, "", "", *short]) + "\n"


def _default(field: attrs.Attribute[Any]) -> object:
    default: Any = field.default
    if default is attrs.NOTHING:
        return MISSING
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            raise TypeError(f"no one-pass rule for the default of {field.name}")
        value = default.factory()
        return EMPTY if value == () else value
    return default


@functools.cache
def _builders() -> dict[type, Callable[[Any], Any]]:
    """Generate, compile and return the builder of every model class (on first use)."""
    names: dict[str, object] = dict(_HELPERS)
    source = "\n\n".join(_class_source(kind, names) for kind in MODEL_CLASSES)
    filename = "<journeymap one-pass builders>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec"), names)
    return {kind: names[f"build_{kind.__name__}"] for kind in MODEL_CLASSES}  # type: ignore[misc]
