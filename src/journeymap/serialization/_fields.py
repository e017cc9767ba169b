"""What the file format reads off the model classes: the classes, their field types, the date form (private).

The JSON Schema (:mod:`journeymap.serialization.schema`) and the cattrs
converter (:mod:`journeymap.serialization._converter`) both derive from the
attrs classes of :mod:`journeymap.model` and the rules of :mod:`journeymap._rules`;
the facts they share live here.
"""

from __future__ import annotations

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

__all__ = ["ISO_DATE", "MODEL_CLASSES", "field_type"]

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
    Journey,
)
"""Every model class of the file format, leaves first (a cattrs hook is made from its fields' hooks)."""

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
"""How a date is written: YYYY-MM-DD."""


def field_type(kind: type, field: attrs.Attribute[Any]) -> tuple[Any, bool, bool]:
    """(base type, is a tuple of it, may be None) of a field's type hint.

    >>> field_type(Touchpoint, attrs.fields(Touchpoint).barriers)
    (<class 'journeymap.model._stage.Barrier'>, True, False)
    >>> field_type(Touchpoint, attrs.fields(Touchpoint).reach)
    (<class 'int'>, False, True)
    """
    hint = _hints(kind)[field.name]
    nullable = False
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        nullable = len(rest) < len(typing.get_args(hint))
        if len(rest) != 1:
            raise TypeError(f"unsupported field type {hint!r}")
        hint = rest[0]
    if typing.get_origin(hint) is tuple:
        return typing.get_args(hint)[0], True, nullable
    return hint, False, nullable


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
