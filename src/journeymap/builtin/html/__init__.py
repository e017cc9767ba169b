"""Built-in ``html`` exporter: the journey map as one interactive, offline HTML page (``.html``, ``.htm``).

The page shows what :func:`journeymap.layout.layout_map` lays out — stage columns, lane rows, every
touchpoint, barrier and goal in full, the emotion curve as inline SVG — with a header naming the persona
and the segment. A reader hides and shows lanes, and opens a touchpoint, a barrier or a stage (click,
Enter or Space) to see all of it in a side panel. Without scripts it is a static map whose details open
in place; printed, it is the map in landscape without the controls.

The file holds everything it needs: no CDN, no link, no font or image to fetch. A Content-Security-Policy
allows only its own inline style and script, by their SHA-256, so even a journey whose text is markup
(``<script>…``) shows that text and runs nothing (Jinja2 escapes every value). Text with control
characters HTML cannot hold is refused, naming the field, as the XML writers do. The same journey and
options give the same bytes. Needs Jinja2: ``pip install 'journeymap[html]'``. See ``docs/html.md``.

Options (from the command line they arrive as strings):

* ``lanes`` — the lanes to show, in order: ``"goals,touchpoints,emotions"`` or a list (default: every lane
  with content; names in :data:`journeymap.layout.LANES` and the journey's custom lane ids).
* ``paths`` — from Python only: a :func:`journeymap.mining.paths` result, or a list of them. Each becomes an
  interactive flows view after the map (a Sankey of the steps before and after the touchpoint or stage;
  pointing at or selecting a step or a path highlights where those customers went), with the most
  frequent paths and every move as tables.

>>> import io, journeymap as jm
>>> stream = io.BytesIO()
>>> journey = jm.Journey(title="Buying <a> course", stages=[jm.Stage(name="Awareness", touchpoints=["Ad"])])
>>> HtmlExporter().write(journey, stream, lang="en")
>>> page = stream.getvalue().decode()
>>> "<h1>Buying &lt;a&gt; course</h1>" in page, "://" in page
(True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, BinaryIO

from journeymap.builtin._xml import check_xml_text
from journeymap.errors import ValidationError
from journeymap.layout import lane_keys
from journeymap.model import Journey
from journeymap.plugin import ExporterRegistry, check_options, hookimpl, require

__all__ = ["HtmlExporter", "register_exporters"]

_OPTIONS = ("lanes", "paths")


class HtmlExporter:
    """Writes the journey map as a self-contained interactive HTML page; takes ``lanes=`` and ``paths=``."""

    name = "html"
    suffixes = (".html", ".htm")
    description = "Interactive HTML map, one offline file (lanes=goals,touchpoints,…)"
    extra: str | None = "html"

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write the page of ``journey`` with labels in ``lang`` to ``stream`` (UTF-8)."""
        check_options(self.name, options, _OPTIONS)
        lanes = _lanes(options.get("lanes"), lane_keys(journey))
        from journeymap.builtin.html._flows import paths_option

        paths = paths_option(options)
        check_xml_text(journey, "an HTML page")  # control characters: parse errors in HTML, refused as in XML
        require("jinja2", self.extra or "html")
        from journeymap.builtin.html._render import render
        from journeymap.builtin.html._view import page

        stream.write(render(page(journey, lang, lanes, paths)).encode("utf-8"))


def _lanes(value: object, known: tuple[str, ...]) -> list[str] | None:
    """The lanes asked for, from ``"goals,touchpoints"`` or a list of names, checked against ``known`` (the
    built-in lanes and the journey's custom lanes); None for every lane."""
    if value is None:
        return None
    if isinstance(value, str):
        written = [name.strip() for name in value.split(",") if name.strip()]
    elif isinstance(value, Sequence) and all(isinstance(name, str) for name in value):
        written = [name.strip() for name in value]
    else:
        raise ValidationError.at("options.lanes", f"must be lane names separated by commas, got {value!r}")
    names = [name if name in known else name.lower() for name in written]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        shown = f"unknown lane {unknown[0]!r}" if unknown else "no lane given"
        raise ValidationError.at("options.lanes", f"{shown}; lanes: {', '.join(known)}")
    return names


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``html`` exporter."""
    registry.register(HtmlExporter())
