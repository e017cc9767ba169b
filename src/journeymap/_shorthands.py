"""Shorthands and the converters of the model's fields (private).

A shorthand is a lone value in place of a whole object (``emotion: -1``,
``barriers: [Price hidden]``): :func:`shorthand` registers the field it fills,
:func:`expand` makes the object. The converters turn what a constructor is
given (a list, one text, nothing, a mapping) into what the model holds.
The rules that check the values are in :mod:`journeymap._rules`.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from journeymap._rules import Number, rule_of

__all__ = [
    "COMPACT",
    "SHORTHANDS",
    "collect",
    "expand",
    "keyed",
    "shorthand",
    "shorthand_field",
    "takes_number",
    "to_enum",
    "to_texts",
]

T = TypeVar("T")
K = TypeVar("K", bound=type)


SHORTHANDS: dict[type, str] = {}
"""Model classes a single value can stand for, and the field it fills (filled by :func:`shorthand`)."""


COMPACT: set[type] = set()
"""Shorthand classes written back as their lone value when nothing else is set (``emotion: -1``)."""


def shorthand(field_name: str, *, compact: bool = False) -> Callable[[K], K]:
    """Class decorator: a lone value in place of this class fills ``field_name`` (``barriers: [Price hidden]``).

    ``compact``: files are written with the shorthand too, when the object holds nothing else.
    """

    def register(kind: K) -> K:
        SHORTHANDS[kind] = field_name
        if compact:
            COMPACT.add(kind)
        return kind

    return register


def shorthand_field(kind: type) -> attrs.Attribute[Any] | None:
    """The field a lone value fills for this class, or None when the class has no shorthand."""
    name = SHORTHANDS.get(kind)
    return None if name is None else attrs.fields_dict(kind)[name]


def takes_number(field: attrs.Attribute[Any]) -> bool:
    """Whether a field holds a number (its rule is a :class:`Number`)."""
    return isinstance(rule_of(field), Number)


@functools.cache
def expand(kind: type[T]) -> Callable[[Any], T]:
    """The converter of one value of ``kind``: the shorthand becomes an instance; other values pass to the rule."""
    field = shorthand_field(kind)
    if field is None:
        return lambda value: value
    name = field.name
    if takes_number(field):
        return lambda value: kind(**{name: value}) if isinstance(value, int | float) else value
    return lambda value: kind(**{name: value}) if isinstance(value, str) else value


def to_texts(value: Iterable[str] | str | None) -> tuple[str, ...]:
    """Convert a list of text (or one text, or nothing) to a tuple."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return value if value.__class__ is tuple else tuple(value)


def collect(value: Iterable[Any] | None, make: Callable[[Any], T]) -> tuple[T, ...]:
    """Turn an iterable of items or shorthands (or one shorthand, or nothing) into a tuple."""
    if value is None or value == ():
        return ()
    if isinstance(value, str | bytes):
        value = (value,)
    return tuple(make(item) for item in value)


def keyed(value: Mapping[str, Any] | None, make: Callable[[Any], T]) -> dict[str, T]:
    """Convert a mapping field's value: nothing is an empty mapping, each value goes through ``make``."""
    if value is None or (value.__class__ is dict and not value):  # the common case, fast
        return {}
    if not isinstance(value, Mapping):
        return value  # the rule names what is wrong
    return {key: make(item) for key, item in value.items()}


def to_enum(kind: type[enum.Enum], value: object) -> object:
    """An enum member from its value in any letter case; other input is left for the rule."""
    if isinstance(value, str) and not isinstance(value, kind):
        try:
            return kind(value.strip().lower())
        except ValueError:
            return value
    return value
