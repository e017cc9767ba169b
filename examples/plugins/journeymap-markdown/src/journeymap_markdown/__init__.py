"""journeymap-markdown: a journeymap exporter plugin writing a Markdown report.

Installed, it adds the ``markdown`` format (``.md``) to journeymap::

    journeymap export school.yaml -o school.md

The package registers itself through the entry-point group ``journeymap``
(see ``pyproject.toml``); journeymap calls :func:`register_exporters`.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from journeymap import Journey
from journeymap.hookspecs import ExporterRegistry, hookimpl
from journeymap.plugins import check_options
from journeymap_markdown._report import render

__all__ = ["MarkdownExporter", "register_exporters"]

__version__ = "0.1.0"


class MarkdownExporter:
    """A readable report: title, persona, one table of touchpoints per stage, the action plan."""

    name = "markdown"
    suffixes = (".md", ".markdown")
    description = "Markdown report: persona, stages with touchpoints, action plan"
    extra = None

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write the report as UTF-8 with headings in ``lang``; takes no options."""
        check_options(self.name, options)
        stream.write(render(journey, lang).encode("utf-8"))


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``markdown`` exporter."""
    registry.register(MarkdownExporter())
