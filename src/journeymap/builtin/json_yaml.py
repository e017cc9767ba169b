"""Built-in ``yaml`` and ``json``: the journey file format itself, as an exporter and an importer.

They write what :func:`journeymap.dumps` writes (UTF-8, the compact form a
person edits), so ``journeymap export map.yaml -o map.json`` converts a
journey between the two, and read what :func:`journeymap.loads` reads.
Neither takes options; ``lang`` does not apply (the file format is the same
in every language). :func:`journeymap.load` reads these files without the
plugin manager; the importers make the two formats show in
``journeymap formats`` as read and written, and serve ``get_importer("yaml")``.
"""

from __future__ import annotations

from typing import Any, BinaryIO

import attrs

from journeymap.model import Journey
from journeymap.plugin import ExporterRegistry, ImporterRegistry, ValidationError, check_options, hookimpl
from journeymap.serialization import dumps, loads

__all__ = ["JOURNEY_FILES", "JourneyFile", "register_exporters", "register_importers"]


@attrs.frozen
class JourneyFile:
    """Reads and writes the journey file format (``yaml`` or ``json``) as UTF-8."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    extra: str | None = None

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` as :func:`journeymap.dumps` would; ``lang`` is ignored."""
        check_options(self.name, options)
        stream.write(dumps(journey, format=self.name).encode("utf-8"))

    def read(self, data: bytes, *, source: str | None = None, **options: Any) -> Journey:
        """Read a journey as :func:`journeymap.loads` would; ``source`` names the file in errors."""
        if options:
            raise ValidationError.at(f"options.{next(iter(options))}", "YAML and JSON journey files take no options")
        return loads(data, format=self.name, source=source)


JOURNEY_FILES = (
    JourneyFile(name="yaml", suffixes=(".yaml", ".yml"), description="Journey file, YAML (the format you edit)"),
    JourneyFile(name="json", suffixes=(".json",), description="Journey file, JSON (for programs and APIs)"),
)
"""The ``yaml`` and ``json`` formats, each registered as both exporter and importer."""


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``yaml`` and ``json`` exporters."""
    for journey_file in JOURNEY_FILES:
        registry.register(journey_file)


@hookimpl
def register_importers(registry: ImporterRegistry) -> None:
    """Register the ``yaml`` and ``json`` importers."""
    for journey_file in JOURNEY_FILES:
        registry.register(journey_file)
