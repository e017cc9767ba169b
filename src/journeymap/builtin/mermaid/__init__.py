"""Mermaid: the ``mermaid-journey`` and ``mermaid-mindmap`` writers and the ``mermaid-journey`` reader.

Two default plugins live here, :mod:`~journeymap.builtin.mermaid.writer`
(the exporters) and :mod:`~journeymap.builtin.mermaid.reader` (the
importer); what both must agree on (the score scale, the characters a
journey name cannot hold, the keyword guard) is in one private module
beside them. See ``docs/mermaid.md``.
"""

from __future__ import annotations

from journeymap.builtin.mermaid._syntax import KEYWORD_GUARD, LOOK_ALIKES, MermaidWarning, journey_score
from journeymap.builtin.mermaid.reader import NO_SECTION, MermaidJourneyImporter, js_number, parse_journey
from journeymap.builtin.mermaid.writer import MermaidJourneyExporter, MermaidMindmapExporter, mindmap_label

__all__ = [
    "KEYWORD_GUARD",
    "LOOK_ALIKES",
    "NO_SECTION",
    "MermaidJourneyExporter",
    "MermaidJourneyImporter",
    "MermaidMindmapExporter",
    "MermaidWarning",
    "journey_score",
    "js_number",
    "mindmap_label",
    "parse_journey",
]
