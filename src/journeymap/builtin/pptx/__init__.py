"""Built-in ``pptx`` exporter: the slide deck an agency presents to its client.

A 16:9 deck in the journey's language (en, ru, ro; ``lang`` overrides), in
this order: title, persona, journey overview (chevron strip of the stages,
barrier counts with abandonment risks marked, a native line chart of the
emotion curve), the journey map (stages as columns, lanes as rows, the
emotion curve drawn over them; up to seven stages a slide), the service
blueprint (for a journey with frontstage, backstage or support steps: a table
of stages with the lines of interaction and visibility), one slide per stage
(its lists, doing and thinking, custom lanes, the touchpoint table with ★ on
moments of truth), barriers summary (Pareto set, critical barriers with
remedies), coverage (stage × channel matrix) and the action plan. Every
slide's speaker notes hold an analysis summary. Everything is native,
editable PowerPoint. See ``docs/pptx.md``.

Nothing overflows: text is measured with DejaVu Sans metrics and long lists
and tables continue on "(cont.)" slides; no text is smaller than 10 pt.

Options: ``template`` (path of a ``.pptx`` or ``.potx``: its layouts, theme
colours and fonts are used and its own slides dropped); ``threshold`` (whole
number, default 2: a stage with more barriers is an abandonment risk);
``map`` (default true; false leaves the map slides out).

Safety: text a PowerPoint file cannot hold (control characters other than
tab and line feed, U+FFFE, U+FFFF) raises
:class:`~journeymap.errors.ValidationError` naming each field; a carriage
return is written as a line break. The same journey and options give
byte-identical files.

>>> import io, zipfile
>>> from journeymap import Journey
>>> buffer = io.BytesIO()
>>> PptxExporter().write(Journey(title="Buying a course", stages=["Awareness"]), buffer, lang="ro")
>>> "ppt/slides/slide1.xml" in zipfile.ZipFile(buffer).namelist()
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from journeymap.analysis import DEFAULT_THRESHOLD, analyze
from journeymap.builtin._xml import check_xml_text
from journeymap.builtin._zip import differences_option, threshold_option
from journeymap.errors import ValidationError
from journeymap.i18n import labels
from journeymap.model import Journey
from journeymap.plugin import ExporterRegistry, check_options, hookimpl, require

__all__ = ["PptxExporter", "register_exporters"]

_OPTIONS = ("map", "metrics", "template", "threshold")


class PptxExporter:
    """Writes a journey as a PowerPoint deck (``.pptx``) with python-pptx."""

    name = "pptx"
    suffixes = (".pptx",)
    description = "PowerPoint deck: overview, emotion chart, stages, barriers, coverage, action plan"
    extra = "pptx"

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` to ``stream`` as a deck with labels in ``lang``."""
        check_options(self.name, options, _OPTIONS)
        threshold = threshold_option(options)
        template = _template(options.get("template"))
        show_map = _flag(options, "map")
        check_xml_text(journey, "a PowerPoint file")
        require("pptx", self.extra)
        found = differences_option(options)
        stream.write(
            build(
                _line_feeds(journey), lang, template=template, threshold=threshold, show_map=show_map, differences=found
            )
        )


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``pptx`` exporter."""
    registry.register(PptxExporter())


def build(
    journey: Journey,
    lang: str,
    *,
    template: Path | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    show_map: bool = True,
    differences: Sequence[Any] = (),
) -> bytes:
    """The deck's bytes: one private function per slide kind, called in deck order (``show_map``: the map slides)."""
    from journeymap._measure import measured_in
    from journeymap.builtin.pptx._analysis import barrier_slides, coverage_slides, funnel_slides, overview_slides
    from journeymap.builtin.pptx._blueprint import blueprint_slides
    from journeymap.builtin.pptx._deck import EPOCH, open_deck, set_properties, to_bytes
    from journeymap.builtin.pptx._fonts import faces
    from journeymap.builtin.pptx._map import map_slides
    from journeymap.builtin.pptx._segments import segment_slides
    from journeymap.builtin.pptx._slides import action_slides, opening_slide, persona_slides, stage_slides

    deck = open_deck(template, labels(lang))
    report = analyze(journey, threshold=threshold)
    adders = (
        opening_slide,
        persona_slides,
        overview_slides,
        *((map_slides,) if show_map else ()),
        blueprint_slides,
        funnel_slides,
        lambda deck, _journey, _report: segment_slides(deck, differences),
        stage_slides,
        barrier_slides,
        coverage_slides,
        action_slides,
    )
    with measured_in(faces(deck.prs)):  # a template's fonts: every text measured in the widest of them
        for add in adders:
            add(deck, journey, report)
    set_properties(
        deck.prs,
        title=journey.title,
        subject=journey.product,
        author=journey.author,
        language=journey.language,
        date=journey.date,
    )
    moment = dt.datetime.combine(journey.date, dt.time()) if journey.date else EPOCH
    return to_bytes(deck.prs, moment)


def _line_feeds(journey: Journey) -> Journey:
    """The journey with ``\\r\\n`` and ``\\r`` as ``\\n`` (python-pptx would write ``\\r`` as ``_x000D_``)."""
    changed: Journey = _map_text(
        journey, lambda text: text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    )
    return changed


def _map_text(value: Any, change: Any) -> Any:
    """``value`` with ``change`` applied to every text in it; unchanged objects are returned as they are."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, tuple):
        items = tuple(_map_text(item, change) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, Mapping):  # keys too: they are ids (persona, lane) that other fields name
        pairs = [(_map_text(k, change), _map_text(v, change)) for k, v in value.items()]
        same = all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True))
        return value if same else dict(pairs)
    if attrs.has(type(value)):
        fields = [f for f in attrs.fields(type(value)) if f.init]
        new = {f: _map_text(getattr(value, f.name), change) for f in fields}
        changed = {f.alias: v for f, v in new.items() if v is not getattr(value, f.name)}
        if changed:
            return attrs.evolve(value, **changed)
    return value


_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def _flag(options: dict[str, Any], name: str, default: bool = True) -> bool:
    """A yes/no option: a bool, or the text ``true``/``false`` (also ``yes``/``no``, ``on``/``off``, ``1``/``0``)."""
    value = options.get(name, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ValidationError.at(f"options.{name}", f"must be true or false, got {value!r}")


def _template(value: object) -> Path | None:
    """The template path, which must name an existing ``.pptx`` or ``.potx`` file."""
    if value is None or value == "":
        return None
    if not isinstance(value, str | Path):
        raise ValidationError.at("options.template", f"must be a file path, got {type(value).__name__}")
    path = Path(value)
    if path.suffix.lower() not in (".pptx", ".potx"):
        raise ValidationError.at("options.template", f"must be a .pptx or .potx file, got {path.name!r}")
    if not path.is_file():
        raise ValidationError.at("options.template", f"no such file: {path}")
    return path
