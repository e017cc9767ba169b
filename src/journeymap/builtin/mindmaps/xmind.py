"""The ``xmind`` exporter: an XMind mind map (``.xmind``).

The file is the current XMind format, a zip holding ``content.json`` (one
sheet whose ``rootTopic`` is the journey tree, see ``docs/mindmaps.md``),
``metadata.json`` and ``manifest.json``, plus the small ``content.xml`` real
files carry so that XMind 8 and older readers show an "open this in a newer
XMind" topic instead of failing. Stage branches are ``"branch": "folded"``,
long text is a plain-text note, emotions are smiley markers, barrier
severities flag markers and moments of truth a star marker. Topic ids derive from each node's place in the
journey and zip entries carry the journey's date, so the same journey always
gives the same bytes.

>>> import io, json, zipfile, journeymap as jm
>>> stream = io.BytesIO()
>>> XmindExporter().write(jm.Journey(title="Buying a course", stages=["Awareness"]), stream, lang="en")
>>> archive = zipfile.ZipFile(stream)
>>> archive.namelist()
['content.json', 'metadata.json', 'manifest.json', 'content.xml']
>>> root = json.loads(archive.read("content.json"))[0]["rootTopic"]
>>> root["title"], root["children"]["attached"][0]["branch"]
('Buying a course', 'folded')
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from journeymap.builtin._xml import check_xml_text
from journeymap.builtin._zip import ZIP_TIME, DateTime, write_zip
from journeymap.builtin.mindmaps._tree import Node, build
from journeymap.i18n import labels
from journeymap.model import Journey, Severity, emotion_step
from journeymap.plugin import ExporterRegistry, check_options, hookimpl

__all__ = ["EMOTION_MARKERS", "MOMENT_OF_TRUTH_MARKER", "SEVERITY_MARKERS", "XmindExporter", "register_exporters"]

EMOTION_MARKERS = ("smiley-angry", "smiley-cry", "smiley-boring", "smiley-smile", "smiley-laugh")
"""XMind marker ids for the emotion steps −2, −1, 0, +1, +2."""

SEVERITY_MARKERS = {Severity.MINOR: "flag-yellow", Severity.MAJOR: "flag-orange", Severity.CRITICAL: "flag-red"}
"""XMind marker ids for barrier severities."""

MOMENT_OF_TRUTH_MARKER = "star-red"
"""XMind marker id on a touchpoint that is a moment of truth."""

_OLD_READERS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    '<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" version="2.0">'
    '<sheet id="{sheet}"><topic id="{topic}"><title>{text}</title></topic>'
    "<title>{title}</title></sheet></xmap-content>"
)
_OLD_READERS_TEXT = "This map was made for XMind 2020 or later. Please open it in a newer version of XMind."

_NO_DATE: DateTime = (2024, 1, 1, 0, 0, 0)
"""The date of the zip entries for a journey without a date (or one before 1980), as the other mind maps use."""

_ENTRY_MODE = 0o644
"""Unix permissions of the zip entries: read and write for the owner, read for others."""


def _topic(node: Node) -> dict[str, Any]:
    topic: dict[str, Any] = {"id": f"{node.uid:026x}", "class": "topic", "title": node.text}
    if node.kind == "journey":
        topic["structureClass"] = "org.xmind.ui.map.unbalanced"
    if node.note:
        topic["notes"] = {"plain": {"content": node.note}}
    markers = []
    if node.score is not None:
        markers.append({"markerId": EMOTION_MARKERS[emotion_step(node.score) + 2]})
    if node.severity is not None:
        markers.append({"markerId": SEVERITY_MARKERS[node.severity]})
    if node.mark is not None:
        markers.append({"markerId": MOMENT_OF_TRUTH_MARKER})
    if markers:
        topic["markers"] = markers
    if node.folded:
        topic["branch"] = "folded"
    if node.children:
        topic["children"] = {"attached": [_topic(child) for child in node.children]}
    return topic


def _entry_date(journey: Journey) -> DateTime:
    """The date of the zip entries: the journey's date at midnight, else :data:`_NO_DATE` (a zip holds 1980 on)."""
    if journey.date is not None and journey.date.year >= ZIP_TIME[0]:
        return (journey.date.year, journey.date.month, journey.date.day, 0, 0, 0)
    return _NO_DATE


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=None, separators=(",", ":")).encode("utf-8")


class XmindExporter:
    """Writes the journey tree as an XMind file (``.xmind``); takes no options."""

    name = "xmind"
    suffixes = (".xmind",)
    description = "XMind mind map"
    extra: str | None = None

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` as an XMind zip with labels in ``lang``."""
        check_options(self.name, options)
        check_xml_text(journey, "an XMind file")
        tree = build(journey, lang)
        sheet_title = labels(lang).sheet_map
        sheet_id = f"{tree.uid + 1:026x}"
        content = [
            {
                "id": sheet_id,
                "class": "sheet",
                "title": sheet_title,
                "rootTopic": _topic(tree),
                "topicPositioning": "fixed",
            }
        ]
        parts = {
            "content.json": _json(content),
            "metadata.json": _json(
                {"dataStructureVersion": "2", "layoutEngineVersion": "3", "creator": {"name": "journeymap"}}
            ),
            "manifest.json": _json({"file-entries": {"content.json": {}, "metadata.json": {}}}),
            "content.xml": _OLD_READERS.format(
                sheet=sheet_id, topic=f"{tree.uid:026x}", text=_OLD_READERS_TEXT, title=escape(sheet_title)
            ).encode("utf-8"),
        }
        stream.write(write_zip(parts.items(), date_time=_entry_date(journey), mode=_ENTRY_MODE))


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``xmind`` exporter."""
    registry.register(XmindExporter())
