"""The ``opml`` exporter: the journey tree as an OPML 2.0 outline (``.opml``).

``head/title`` is the journey's title and ``dateCreated`` its date (RFC 822,
midnight UTC); ``body`` holds one ``outline`` for the root of the journey
tree (see ``docs/mindmaps.md``), every node an ``outline`` with ``text``.
Long text goes into the ``_note`` attribute that outliners and pandoc read
(pandoc treats it as Markdown). OPML has no icons: the emotion face and the
severity are part of the text, and a moment of truth has its mark after its
text (``Demo call (★ moment of truth)``). UTF-8 with an XML declaration.

>>> import io, journeymap as jm
>>> stream = io.BytesIO()
>>> OpmlExporter().write(jm.Journey(title="Buying <a> course", stages=["Awareness"]), stream, lang="en")
>>> print(stream.getvalue().decode())
<?xml version='1.0' encoding='UTF-8'?>
<opml version="2.0">
  <head>
    <title>Buying &lt;a&gt; course</title>
    <dateCreated>Mon, 01 Jan 2024 00:00:00 GMT</dateCreated>
  </head>
  <body>
    <outline text="Buying &lt;a&gt; course">
      <outline text="Awareness" />
    </outline>
  </body>
</opml>
<BLANKLINE>
"""

from __future__ import annotations

import email.utils
import xml.etree.ElementTree as ET
from typing import Any, BinaryIO

from journeymap.builtin._xml import check_xml_text
from journeymap.builtin.mindmaps._tree import Node, build, marked_text, timestamp_ms
from journeymap.model import Journey
from journeymap.plugin import ExporterRegistry, check_options, hookimpl

__all__ = ["OpmlExporter", "register_exporters"]


def _outline(parent: ET.Element, node: Node) -> None:
    element = ET.SubElement(parent, "outline", {"text": marked_text(node)})
    if node.note:
        element.set("_note", node.note)
    for child in node.children:
        _outline(element, child)


class OpmlExporter:
    """Writes the journey tree as OPML 2.0 (``.opml``); takes no options."""

    name = "opml"
    suffixes = (".opml",)
    description = "OPML 2.0 outline (outliners, mind-map apps, pandoc)"
    extra: str | None = None

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` as an OPML 2.0 outline with labels in ``lang``."""
        check_options(self.name, options)
        check_xml_text(journey, "an OPML file")
        root = ET.Element("opml", {"version": "2.0"})
        head = ET.SubElement(root, "head")
        ET.SubElement(head, "title").text = journey.title
        created = email.utils.formatdate(timestamp_ms(journey) / 1000, usegmt=True)
        ET.SubElement(head, "dateCreated").text = created
        _outline(ET.SubElement(root, "body"), build(journey, lang))
        ET.indent(root)
        ET.ElementTree(root).write(stream, encoding="UTF-8", xml_declaration=True)
        stream.write(b"\n")


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``opml`` exporter."""
    registry.register(OpmlExporter())
