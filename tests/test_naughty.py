"""The Big List of Naughty Strings in every text field, through every built-in exporter.

Each exporter writes a file that its own library reads back with the title, stage and touchpoint names
intact (openpyxl, python-pptx, the XML parsers, journeymap's loader for YAML and JSON), or refuses the
journey naming the field (allowed only for text with control characters). The strings are bundled in
``journeymap.testing`` (MIT licence), so this needs no ``../shared``. The charts (PNG, SVG,
PDF) take all strings in each field at once (two journeys); PowerPoint all strings too, 40 joined in each field
(14 decks: a deck's cost grows with its text, so fewer, longer journeys would not be faster).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

import journeymap as jm
from journeymap.builtin.mermaid._syntax import KEYWORD_GUARD, LOOK_ALIKES, decode_entity_codes, encode_entity_codes
from journeymap.errors import JourneyMapWarning
from journeymap.serialization._converter import unstructure
from journeymap.testing import check_naughty_strings, naughty_strings


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _journey_file(path: Path) -> str:
    return "\n".join(_strings(unstructure(jm.load(path))))


def _xml_texts(root: ET.Element) -> Iterator[str]:
    for element in root.iter():
        yield from element.attrib.values()
        yield element.text or ""
        yield element.tail or ""


def _xml_file(path: Path) -> str:
    return "\n".join(_xml_texts(ET.parse(path).getroot()))


_PAIR = re.compile(r"&#x(d[89ab][0-9a-f]{2});&#x(d[c-f][0-9a-f]{2});", re.IGNORECASE)


def _freeplane(path: Path) -> str:
    """Freeplane writes a character beyond U+FFFF as its UTF-16 surrogate pair of references, as Freeplane
    itself does; a strict XML parser refuses those, so the pair is joined first, as Freeplane reads it."""

    def joined(match: re.Match[str]) -> str:
        high, low = int(match[1], 16), int(match[2], 16)
        return f"&#x{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):x};"

    text = _PAIR.sub(joined, path.read_text(encoding="utf-8"))
    return "\n".join(_xml_texts(ET.fromstring(text.encode())))


def _xmind(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if "content.json" in names:
            return "\n".join(_strings(json.loads(archive.read("content.json"))))
        return "\n".join(_xml_texts(ET.fromstring(archive.read("content.xml"))))


def _xlsx(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return "\n".join(
        str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row if value
    )


def _pptx(path: Path) -> str:
    from pptx import Presentation

    def shape_texts(shapes: object) -> Iterator[str]:
        for shape in shapes:  # type: ignore[attr-defined]
            if getattr(shape, "has_text_frame", False):
                yield shape.text_frame.text
            if getattr(shape, "has_table", False):
                yield from (cell.text for row in shape.table.rows for cell in row.cells)
            if hasattr(shape, "shapes"):
                yield from shape_texts(shape.shapes)

    deck = Presentation(str(path))
    texts = [text for slide in deck.slides for text in shape_texts(slide.shapes)]
    texts += [slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide]
    return "\n".join(texts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(value for _, value in attrs if value)


def _html(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def _mermaid_journey(path: Path) -> str:
    """A journey's names with Mermaid's entity codes (``#lt;``) read as Mermaid draws them."""
    return decode_entity_codes(encode_entity_codes(path.read_text(encoding="utf-8")))


def _mermaid_mindmap(path: Path) -> str:
    """A mind map's labels are HTML-escaped (Mermaid strips tags), ``#`` written as Mermaid's entity code ``#35;``."""
    return html.unescape(_mermaid_journey(path))


_ORIGINALS = str.maketrans({look: original for original, look in LOOK_ALIKES.items()} | {KEYWORD_GUARD: ""})


def _without_look_alikes(text: str) -> str:
    """Mermaid's documented substitutions undone (full-width ``：；＃，``, the keyword guard), on both sides."""
    return text.translate(_ORIGINALS)


def _svg(path: Path) -> str:
    """The SVG's text through a strict XML parser: the ``<title>`` each drawn label carries with its whole text."""
    return "\n".join(title.text or "" for title in ET.parse(path).getroot().iter("{http://www.w3.org/2000/svg}title"))


def _png(path: Path) -> str:
    """A PNG has no text to read back; it must open as an image of the poster's size."""
    from PIL import Image

    with Image.open(path) as image:
        image.verify()
    return ""


def _pdf(path: Path) -> str:
    """The PDF must be read by poppler's ``pdftotext`` (when installed); the poster shortens its text to fit."""
    if shutil.which("pdftotext") is not None:
        subprocess.run(["pdftotext", "-q", str(path), "-"], check=True, capture_output=True)
    return ""


READ_BACK: dict[str, Callable[[Path], str] | None] = {
    "json": _journey_file,
    "yaml": _journey_file,
    "freeplane": _freeplane,
    "opml": _xml_file,
    "xmind": _xmind,
    "mermaid-journey": _mermaid_journey,
    "mermaid-mindmap": _mermaid_mindmap,
    "html": _html,
    "xlsx": _xlsx,
}
SLOW: dict[str, Callable[[Path], str] | None] = {"pptx": _pptx}
CHARTS: dict[str, Callable[[Path], str]] = {"svg": _svg, "png": _png, "pdf": _pdf}
_XML_CANNOT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def test_every_built_in_exporter_is_tried() -> None:
    built_in = {info.name for info in jm.formats() if info.writes and info.distribution == "journeymap"}
    assert built_in == set(READ_BACK) | set(SLOW) | set(CHARTS)


def test_the_bundled_list_is_the_whole_list() -> None:
    assert len(naughty_strings()) == 514  # 515, without the empty string


@pytest.mark.parametrize("name", sorted(READ_BACK))
def test_naughty_strings_in_every_field_are_written_intact(name: str, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", JourneyMapWarning)  # what a format cannot hold is written otherwise
        normalise = _without_look_alikes if name.startswith("mermaid") else str
        written = check_naughty_strings(name, tmp_path, read_back=READ_BACK[name], normalise=normalise)
    assert written >= 13


@pytest.mark.parametrize("name", sorted(SLOW))
def test_slow_exporters_take_every_naughty_string_in_every_field(name: str, tmp_path: Path) -> None:
    """All 514 strings, 40 joined in each field (14 journeys, 14 decks): python-pptx reads every one back whole."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", JourneyMapWarning)
        written = check_naughty_strings(name, tmp_path, read_back=SLOW[name], per_field=40)
    assert written >= 13


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_charts_take_every_naughty_string_in_every_field(name: str, tmp_path: Path) -> None:
    """All 514 strings joined in each field (one journey, and one of control characters): the poster is drawn,
    the SVG holds every title, stage and touchpoint name whole in its labels' ``<title>`` (less what XML cannot
    hold), the PNG opens, poppler reads the PDF."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", JourneyMapWarning)
        normalise = (lambda text: _XML_CANNOT.sub("", text)) if name == "svg" else str
        shown = re.compile(r"title|stages\[\d+\]\.(touchpoints\[\d+\]\.)?name" if name == "svg" else "(?!)")
        written = check_naughty_strings(
            name, tmp_path, read_back=CHARTS[name], shown=shown, per_field=600, normalise=normalise
        )
    assert written == 2
