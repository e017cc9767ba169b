"""Saving a figure as PNG, SVG or PDF with the same bytes every time (private).

The SVG hash salt is fixed, the SVG's internal ids are numbered in order of
appearance, and the dates are left out of the metadata. A chart may attach
``<title>`` texts to its SVG groups by gid (:func:`svg_titles`): the whole
text of a label it shortened, shown as a tooltip and kept in the file's text.
"""

from __future__ import annotations

import io
import re
import weakref
from typing import IO, Any, Final
from xml.sax.saxutils import escape

from journeymap.charts._layout import HASH_SALT
from journeymap.errors import ValidationError

__all__ = ["add_svg_titles", "number_svg_ids", "save", "svg_titles"]

_METADATA: Final = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {"Software": None}}
_SVG_HASH_ID = re.compile(rb'id="([a-z][0-9a-f]{10})"')
_SVG_GROUP = re.compile(rb'<g id="([^"]+)">')
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TITLES: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def svg_titles(figure: Any) -> dict[str, str]:
    """The ``<title>`` texts to give the SVG groups of ``figure``, by gid; the chart fills it, :func:`save` reads it."""
    return _TITLES.setdefault(figure, {})


def save(figure: Any, target: IO[bytes] | str, format: str, dpi: float) -> None:
    """Write ``figure`` to ``target`` (a path or a binary stream) as ``format`` (png, svg or pdf) at ``dpi``."""
    import matplotlib

    if format not in _METADATA:
        raise ValidationError.at("format", f"must be png, svg or pdf, got {format!r}")
    with matplotlib.rc_context({"svg.hashsalt": HASH_SALT, "text.parse_math": False}):
        if format != "svg":
            figure.savefig(target, format=format, dpi=dpi, metadata=_METADATA[format])
            return
        buffer = io.BytesIO()
        figure.savefig(buffer, format=format, dpi=dpi, metadata=_METADATA[format])
    data = add_svg_titles(number_svg_ids(buffer.getvalue()), _TITLES.get(figure, {}))
    if isinstance(target, str):
        with open(target, "wb") as stream:
            stream.write(data)
    else:
        target.write(data)


def number_svg_ids(svg: bytes) -> bytes:
    """Rename matplotlib's hashed SVG ids (clip paths, markers) to ``jm1``, ``jm2``… in order of appearance.

    matplotlib hashes a clip rectangle's float bounds into its id, and those
    floats can differ in the last digit between two layouts of the same figure
    even when every drawn coordinate is the same; numbering makes the file
    byte-identical.

    >>> number_svg_ids(b'<path id="p0123456789"/><use href="#p0123456789"/>')
    b'<path id="jm1"/><use href="#jm1"/>'
    """
    names = {old: f"jm{index}".encode() for index, old in enumerate(dict.fromkeys(_SVG_HASH_ID.findall(svg)), 1)}
    if not names:
        return svg
    pattern = re.compile(rb'(id="|url\(#|href="#)(' + b"|".join(re.escape(old) for old in names) + rb")\b")
    return pattern.sub(lambda match: match.group(1) + names[match.group(2)], svg)


def add_svg_titles(svg: bytes, titles: dict[str, str]) -> bytes:
    """Give each group ``<g id="GID">`` of ``svg`` a ``<title>`` child holding ``titles[GID]`` (escaped).

    Characters XML cannot hold (control characters, U+FFFE) are left out of the title.

    >>> add_svg_titles(b'<g id="map-a">\\n<path/></g>', {"map-a": "R&D <b>"})
    b'<g id="map-a"><title>R&amp;D &lt;b&gt;</title>\\n<path/></g>'
    """
    if not titles:
        return svg

    def title(match: re.Match[bytes]) -> bytes:
        text = titles.get(match.group(1).decode())
        if text is None:
            return match.group(0)
        return match.group(0) + b"<title>" + escape(_NOT_XML.sub("", text)).encode() + b"</title>"

    return _SVG_GROUP.sub(title, svg)
