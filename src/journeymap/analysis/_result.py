"""The base of every analysis result: frozen data with a ``to_dict()`` (private)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["Result", "plain"]


def plain(value: Any) -> Any:
    """``value`` as plain JSON-ready data: attrs classes become dicts in field order,
    enums their values, tuples lists; mappings keep their insertion order.

    >>> from journeymap import Severity
    >>> plain((Severity.MAJOR, {"a": (1, 2.5)}))
    ['major', {'a': [1, 2.5]}]
    """
    if attrs.has(type(value)):
        return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    return value


class Result:
    """Mixin for analysis results: ``to_dict()`` gives plain data with a stable key order."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The result as plain data (dicts, lists, str, int, float, bool, None), ready for JSON."""
        data: dict[str, Any] = plain(self)
        return data
