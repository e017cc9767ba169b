"""The ``freeplane`` exporter: a Freeplane / FreeMind mind map (``.mm``).

The file has the shape Freeplane itself writes: ``<map version="freeplane
1.9.13">`` with no XML declaration, pure ASCII with every other character as
a numeric character reference (``&#x41e;``), one ``<node>`` per node of the
journey tree (see ``docs/mindmaps.md``) with a unique ``ID`` (``ID_`` and
ten digits derived from the node's place in the journey), ``CREATED`` and
``MODIFIED`` set to the journey's date (midnight UTC, epoch milliseconds) so
the same journey always gives the same bytes, stage branches
``FOLDED="true"``, long text in ``<richcontent TYPE="NOTE">``, emotions,
barrier severities and moments of truth as built-in icons.

Freeplane runs node text that starts with ``=`` as a formula, and reads text
that starts with ``<html>`` as HTML. Such text is written with a ZERO WIDTH
SPACE (U+200B) in front, so it shows as written and is never evaluated.

>>> import io, journeymap as jm
>>> stream = io.BytesIO()
>>> FreeplaneExporter().write(jm.Journey(title="Путь", stages=["=1+1"]), stream, lang="en")
>>> print(stream.getvalue().decode("ascii"))  # doctest: +ELLIPSIS
<map version="freeplane 1.9.13">
<!--...-->
<node TEXT="&#x41f;&#x443;&#x442;&#x44c;" FOLDED="false" ID="ID_..." CREATED="1704067200000" MODIFIED="1704067200000">
<node TEXT="&#x200b;=1+1" FOLDED="true" ID="ID_..." CREATED="1704067200000" MODIFIED="1704067200000" POSITION="right"/>
</node>
</map>
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from journeymap.builtin._xml import check_xml_text
from journeymap.builtin.mindmaps._tree import Node, build, timestamp_ms
from journeymap.model import Journey, Severity, emotion_step
from journeymap.plugin import ExporterRegistry, check_options, hookimpl

__all__ = [
    "EMOTION_ICONS",
    "MAP_VERSION",
    "MOMENT_OF_TRUTH_ICON",
    "SEVERITY_ICONS",
    "FreeplaneExporter",
    "escape_text",
    "register_exporters",
]

MAP_VERSION = "freeplane 1.9.13"
"""The ``version`` attribute of ``<map>``: the Freeplane format written (``1.0.1`` would mean FreeMind)."""

EMOTION_ICONS = ("smiley-angry", "smily_bad", "smiley-neutral", "ksmiletris", "ksmiletris")
"""Built-in Freeplane icons for the emotion steps −2, −1, 0, +1, +2."""

SEVERITY_ICONS = {Severity.MINOR: "info", Severity.MAJOR: "messagebox_warning", Severity.CRITICAL: "stop-sign"}
"""Built-in Freeplane icons for barrier severities."""

MOMENT_OF_TRUTH_ICON = "bookmark"
"""The built-in Freeplane icon (a star, "Excellent") on a touchpoint that is a moment of truth."""

ZERO_WIDTH_SPACE = "\u200b"


def escape_text(text: str) -> str:
    """Node text Freeplane shows as written: a ZERO WIDTH SPACE before a leading ``=`` or ``<html>``.

    >>> escape_text("=SUM(1)"), escape_text("a = b")
    ('\\u200b=SUM(1)', 'a = b')
    """
    if text.startswith("=") or text[:6].lower() == "<html>":
        return ZERO_WIDTH_SPACE + text
    return text


def _ascii(text: str, attribute: bool) -> str:
    """XML-escape ``text`` and write every non-ASCII character (and, in attributes, line breaks) as a reference."""
    out = []
    for char in text:
        code = ord(char)
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == '"' and attribute:
            out.append("&quot;")
        elif code > 0xFFFF:
            # Freeplane's reader keeps 16 bits of a reference (U+1F600 would come back as U+F600), and
            # Freeplane itself writes such a character as its UTF-16 surrogate pair: so do we.
            code -= 0x10000
            out.append(f"&#x{0xD800 + (code >> 10):x};&#x{0xDC00 + (code & 0x3FF):x};")
        elif code > 126 or (attribute and char in "\n\r\t"):
            out.append(f"&#x{code:x};")
        else:
            out.append(char)
    return "".join(out)


class FreeplaneExporter:
    """Writes the journey tree as a Freeplane map (``.mm``); takes no options."""

    name = "freeplane"
    suffixes = (".mm",)
    description = "Freeplane / FreeMind mind map"
    extra: str | None = None

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` as a Freeplane map with labels in ``lang``."""
        check_options(self.name, options)
        check_xml_text(journey, "a Freeplane map")
        lines = [
            f'<map version="{MAP_VERSION}">',
            "<!--To view this file, download free mind mapping software Freeplane from https://www.freeplane.org -->",
        ]
        stamp = timestamp_ms(journey)
        _node(build(journey, lang), lines.append, stamp, position=None)
        lines.append("</map>")
        stream.write(("\n".join(lines) + "\n").encode("ascii"))


def _node(node: Node, emit: Callable[[str], None], stamp: int, position: str | None) -> None:
    attributes = (
        f'TEXT="{_ascii(escape_text(node.text), True)}" FOLDED="{"true" if node.folded else "false"}" '
        f'ID="ID_{node.uid}" CREATED="{stamp}" MODIFIED="{stamp}"'
    )
    if position:
        attributes += f' POSITION="{position}"'
    inner: list[str] = []
    if node.score is not None:
        inner.append(f'<icon BUILTIN="{EMOTION_ICONS[emotion_step(node.score) + 2]}"/>')
    if node.severity is not None:
        inner.append(f'<icon BUILTIN="{SEVERITY_ICONS[node.severity]}"/>')
    if node.mark is not None:
        inner.append(f'<icon BUILTIN="{MOMENT_OF_TRUTH_ICON}"/>')
    if node.note:
        paragraphs = "\n".join(f"<p>{_ascii(line, False)}</p>" for line in node.note.split("\n"))
        inner.append(
            f'<richcontent TYPE="NOTE" CONTENT-TYPE="xml/">\n<html>\n<head>\n</head>\n<body>\n{paragraphs}\n'
            "</body>\n</html>\n</richcontent>"
        )
    if not inner and not node.children:
        emit(f"<node {attributes}/>")
        return
    emit(f"<node {attributes}>")
    for line in inner:
        emit(line)
    root = position is None
    for child in node.children:
        side = ("left" if child.kind in ("persona", "segment") else "right") if root else None
        _node(child, emit, stamp, side)
    emit("</node>")


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``freeplane`` exporter."""
    registry.register(FreeplaneExporter())
