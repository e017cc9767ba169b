"""The two checks every exporter and importer makes: its optional library is there, and it knows its options.

Public through :mod:`journeymap.plugin` (and :mod:`journeymap.plugins`); kept
apart so that the plugin host can offer them without importing pluggy.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from types import ModuleType

from journeymap.errors import MissingDependencyError, ValidationError

__all__ = ["check_options", "require"]


def require(module: str, extra: str) -> ModuleType:
    """Import an optional library, or raise :class:`~journeymap.errors.MissingDependencyError` naming the extra.

    Call it inside :meth:`~journeymap.hookspecs.Exporter.write` (or an
    importer's ``read``), never at import.

    >>> require("json", "none").dumps(1)
    '1'
    >>> require("no_such_module", "xlsx")
    Traceback (most recent call last):
    ...
    journeymap.errors.MissingDependencyError: no_such_module is not installed; install it with: pip install ...
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingDependencyError(module, extra) from error


def check_options(
    part: str, options: Mapping[str, object], known: Iterable[str] = (), *, kind: str = "exporter"
) -> None:
    """Refuse options an exporter (or an importer: ``kind="importer"``) does not take, as ``options.<key>``.

    >>> check_options("json", {"indent": "4"})
    Traceback (most recent call last):
    ...
    journeymap.errors.ValidationError: options.indent: the json exporter takes no options
    """
    allowed = sorted(known)
    for key in options:
        if key not in allowed:
            takes = f"takes: {', '.join(allowed)}" if allowed else "takes no options"
            raise ValidationError.at(f"options.{key}", f"the {part} {kind} {takes}")
