"""Everything a plugin author imports to write an exporter or an importer.

A plugin is a module with functions marked :data:`hookimpl` whose names are
the hooks of :mod:`journeymap.hookspecs`. Its exporters and importers check
their options with :func:`check_options`, import heavy libraries inside
``write``/``read`` through :func:`require`, and raise the errors below for
input their format cannot hold. See ``docs/plugins.md``.

>>> from journeymap.plugin import ExporterRegistry, check_options, hookimpl
>>> class Upper:
...     name = "upper"
...     suffixes = (".up",)
...     description = "The title in capitals."
...     extra = None
...     def write(self, journey, stream, *, lang, **options):
...         check_options(self.name, options)
...         stream.write(journey.title.upper().encode())
>>> @hookimpl
... def register_exporters(registry: ExporterRegistry) -> None:
...     registry.register(Upper())
"""

from __future__ import annotations

from journeymap._checks import check_options, require
from journeymap.errors import (
    ExportError,
    JourneyMapError,
    JourneyMapWarning,
    MissingDependencyError,
    ParseError,
    Problem,
    ValidationError,
)
from journeymap.hookspecs import Exporter, ExporterRegistry, Importer, ImporterRegistry, hookimpl

__all__ = [
    "ExportError",
    "Exporter",
    "ExporterRegistry",
    "Importer",
    "ImporterRegistry",
    "JourneyMapError",
    "JourneyMapWarning",
    "MissingDependencyError",
    "ParseError",
    "Problem",
    "ValidationError",
    "check_options",
    "hookimpl",
    "require",
]
