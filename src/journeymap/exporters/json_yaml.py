"""Built-in ``yaml`` and ``json`` exporters: the journey file format itself.

They write what :func:`journeymap.dumps` writes (UTF-8, the compact form a
person edits), so ``journeymap export map.yaml -o map.json`` converts a
journey between the two. Both take no options; ``lang`` does not apply (the
file format is the same in every language).
"""

from __future__ import annotations

from typing import Any, BinaryIO

import attrs

from journeymap.hookspecs import ExporterRegistry, hookimpl
from journeymap.io import dumps
from journeymap.model import Journey
from journeymap.plugins import check_options

__all__ = ["JOURNEY_EXPORTERS", "JourneyFileExporter", "register_exporters"]


@attrs.frozen
class JourneyFileExporter:
    """Writes the journey file format (``yaml`` or ``json``) as UTF-8."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    extra: str | None = None

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` as :func:`journeymap.dumps` would; ``lang`` is ignored."""
        check_options(self.name, options)
        stream.write(dumps(journey, format=self.name).encode("utf-8"))


JOURNEY_EXPORTERS = (
    JourneyFileExporter(
        name="yaml", suffixes=(".yaml", ".yml"), description="Journey file, YAML (the format you edit)"
    ),
    JourneyFileExporter(name="json", suffixes=(".json",), description="Journey file, JSON (for programs and APIs)"),
)


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``yaml`` and ``json`` exporters."""
    for exporter in JOURNEY_EXPORTERS:
        registry.register(exporter)
