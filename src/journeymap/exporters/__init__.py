"""The built-in exporters, each a default plugin in its own module.

They register through :func:`journeymap.hookspecs.register_exporters` exactly
like third-party plugins. The plugin manager imports each module listed in
:data:`DEFAULT_PLUGINS` lazily, one at a time, when it is first used; a
module that fails (say, a syntax error) is reported like any broken plugin.
This package imports nothing heavy.
"""

from __future__ import annotations

__all__ = ["DEFAULT_PLUGINS"]

DEFAULT_PLUGINS: tuple[str, ...] = (
    "journeymap.exporters.json_yaml",
    "journeymap.exporters.xlsx",
    "journeymap.exporters.pptx",
    "journeymap.exporters.images",
    "journeymap.exporters.freeplane",
    "journeymap.exporters.xmind",
    "journeymap.exporters.opml",
    "journeymap.exporters.mermaid",
    "journeymap.importers.mermaid",
)
"""Module names of the built-in exporter plugins, registered in this order before any entry point."""
