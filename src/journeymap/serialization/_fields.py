"""What the file format reads off the model classes: the classes, their field types, the date form (private).

The JSON Schema (:mod:`journeymap.serialization.schema`) and the cattrs
converter (:mod:`journeymap.serialization._converter`) both derive from the
attrs classes of :mod:`journeymap.model` and the rules of :mod:`journeymap._rules`;
the facts they share live here.
"""

from __future__ import annotations

import collections.abc
import functools
import re
import types
import typing
from typing import Any

import attrs

from journeymap.model import (
    Action,
    Barrier,
    BlueprintStep,
    CustomLane,
    Emotion,
    Evidence,
    Journey,
    Kpi,
    Persona,
    Segment,
    Stage,
    StageMetrics,
    StageMove,
    Touchpoint,
)

__all__ = ["ISO_DATE", "MODEL_CLASSES", "FieldType", "field_type"]

MODEL_CLASSES = (
    Evidence,
    Emotion,
    Barrier,
    Kpi,
    Touchpoint,
    StageMove,
    StageMetrics,
    BlueprintStep,
    Stage,
    Persona,
    Segment,
    Action,
    CustomLane,
    Journey,
)
"""Every model class of the file format, leaves first (a cattrs hook is made from its fields' hooks)."""

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
"""How a date is written: YYYY-MM-DD."""


class FieldType(typing.NamedTuple):
    """What a field's type hint says a file holds there."""

    base: Any
    """The type of one value: a model class, an enum, ``str``, ``int``…"""
    many: bool
    """A list of values (a tuple in the model)."""
    nullable: bool
    """May be None."""
    keyed: bool = False
    """A mapping from ids to values (or to lists of values, with ``many``)."""


def field_type(kind: type, field: attrs.Attribute[Any]) -> FieldType:
    """What a field holds, read off its type hint.

    >>> field_type(Touchpoint, attrs.fields(Touchpoint).barriers)
    FieldType(base=<class 'journeymap.model._stage.Barrier'>, many=True, nullable=False, keyed=False)
    >>> field_type(Touchpoint, attrs.fields(Touchpoint).reach)
    FieldType(base=<class 'int'>, many=False, nullable=True, keyed=False)
    >>> field_type(Stage, attrs.fields(Stage).lanes)
    FieldType(base=<class 'str'>, many=True, nullable=False, keyed=True)
    """
    hint = _hints(kind)[field.name]
    nullable = keyed = False
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        nullable = len(rest) < len(typing.get_args(hint))
        if len(rest) != 1:
            raise TypeError(f"unsupported field type {hint!r}")
        hint = rest[0]
    if typing.get_origin(hint) is collections.abc.Mapping:
        keyed, hint = True, typing.get_args(hint)[1]
    if typing.get_origin(hint) is tuple:
        return FieldType(typing.get_args(hint)[0], True, nullable, keyed)
    return FieldType(hint, False, nullable, keyed)


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
