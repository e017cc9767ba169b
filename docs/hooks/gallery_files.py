"""An MkDocs hook: the docs build writes every example journey's files into ``site/gallery/``.

The gallery page (``docs/gallery.md``) links and embeds them: the interactive HTML map, the workbook, the mind
maps, the Mermaid texts, the JSON copy. They are exported from ``examples/*.yaml`` by journeymap itself at each
build, so they are never stale and never committed. Used by ``mkdocs.yml`` (``hooks:``).
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

import journeymap as jm

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = (
    ("Interactive HTML map", ".html", "html"),
    ("Excel workbook", ".xlsx", "xlsx"),
    ("Freeplane mind map", ".mm", "freeplane"),
    ("XMind mind map", ".xmind", "xmind"),
    ("OPML outline", ".opml", "opml"),
    ("Mermaid mind map", ".mmd", "mermaid-mindmap"),
    ("Mermaid journey", ".journey.mmd", "mermaid-journey"),
    ("JSON", ".json", "json"),
)
"""(link text, suffix, exporter) of each file written per example into ``site/gallery/``."""


def on_files(files: Any, config: Any) -> Any:
    """Add ``gallery/<example><suffix>`` for every example and every entry of :data:`FILES`."""
    from mkdocs.structure.files import File

    for source in sorted(EXAMPLES.glob("*.yaml")):
        journey = jm.load(source)
        for _, suffix, exporter in FILES:
            stream = io.BytesIO()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # Mermaid's notes on characters it cannot hold: see docs/mermaid.md
                jm.export(journey, stream, format=exporter)
            files.append(File.generated(config, f"gallery/{source.stem}{suffix}", content=stream.getvalue()))
    return files
