"""Built-in ``png``, ``svg`` and ``pdf`` exporters: the dashboard, the journey map poster, or one chart.

They draw with :mod:`journeymap.charts` (matplotlib; ``pip install
'journeymap[charts]'``) and write the same bytes for the same journey and
options (fixed SVG hash salt, no dates). See ``docs/charts.md``.

Options (from the command line they arrive as strings):

* ``chart`` — ``map`` (the journey map poster, :func:`journeymap.charts.journey_map`;
  the default of ``svg`` and ``pdf``, print formats), ``dashboard`` (the default of
  ``png``), ``emotion_curve``, ``barrier_heatmap``, ``coverage_matrix``, or for a
  journey measured from an event log (``journeymap mine``) ``funnel`` or ``transitions``;
* ``by`` — ``touchpoint`` (default) or ``stage``: the points of the emotion curve;
* ``size`` — width x height in inches, e.g. ``"12x8"`` or ``(12, 8)``; for the map also
  a paper size, ``A4``, ``A3`` (its default) or ``A2``, landscape;
* ``lanes`` — the map's lanes, in order, e.g. ``"goals,touchpoints,emotions,barriers"`` (the built-in lanes of
  :data:`journeymap.layout.LANES` and the journey's custom lanes by id);
* ``dpi`` — dots per inch of a PNG (default 150; ignored by vector formats' layout);
* ``threshold`` — a stage with more barriers than this is an abandonment risk (default 2).

>>> import io
>>> from journeymap import Journey
>>> buffer = io.BytesIO()
>>> IMAGE_EXPORTERS[1].write(Journey(title="t", stages=["Awareness"]), buffer, lang="en", chart="barrier_heatmap")
>>> buffer.getvalue()[:5]
b'<?xml'
"""

from __future__ import annotations

import contextlib
import math
import re
from typing import Any, BinaryIO

import attrs

from journeymap.analysis import DEFAULT_THRESHOLD
from journeymap.errors import ValidationError
from journeymap.layout import lane_keys
from journeymap.model import Journey
from journeymap.plugin import ExporterRegistry, check_options, hookimpl, require

__all__ = ["IMAGE_EXPORTERS", "ImageExporter", "register_exporters"]

_OPTIONS = ("by", "chart", "dpi", "lanes", "size", "threshold")
_CHARTS = ("dashboard", "map", "emotion_curve", "barrier_heatmap", "coverage_matrix", "funnel", "transitions")
_PAPER = ("A4", "A3", "A2")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×,]\s*(\d+(?:\.\d+)?)\s*$")
_LIMIT = 100.0  # inches


@attrs.frozen
class ImageExporter:
    """Writes the ``default`` chart (or ``chart=NAME``) as a ``png``, ``svg`` or ``pdf`` file."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    extra: str | None = "charts"
    default: str = "dashboard"
    """The chart drawn without ``chart=``: the dashboard for PNG, the journey map for the print formats."""

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Draw the chart chosen by ``options`` and write it to ``stream``."""
        check_options(self.name, options, _OPTIONS)
        chart = _choice("chart", options.get("chart", self.default), _CHARTS)
        by = _choice("by", options.get("by", "touchpoint"), ("touchpoint", "stage"))
        paper = chart == "map" and isinstance(options.get("size"), str) and options["size"].strip().upper() in _PAPER
        size = None if paper else _size(options.get("size"))
        lanes = _lanes(options.get("lanes"), chart, lane_keys(journey))
        dpi = _number("dpi", options.get("dpi", 150), 10, 1200)
        threshold = int(_number("threshold", options.get("threshold", DEFAULT_THRESHOLD), 0, None, whole=True))
        require("matplotlib", self.extra or "charts")
        from journeymap import charts

        if chart == "map":
            page = options["size"].strip().upper() if paper else "A3" if size is None else (size[0] * 72, size[1] * 72)
            poster = charts.journey_map(journey, lang=lang, size=page, lanes=lanes, threshold=threshold)
            charts.save_figure(poster, stream, self.name, dpi=dpi)
            return
        style: dict[str, Any] = {"lang": lang}
        if chart in ("dashboard", "emotion_curve"):
            style["by"] = by
        if chart in ("dashboard", "emotion_curve", "barrier_heatmap"):
            style["threshold"] = threshold
        if size is not None:
            style["figsize"] = size
        drawn = charts.CHARTS[chart](journey, **style)
        figure = drawn if chart == "dashboard" else drawn.get_figure()
        charts.save_figure(figure, stream, self.name, dpi=dpi)


def _choice(field: str, value: object, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value.strip().lower() not in choices:
        raise ValidationError.at(f"options.{field}", f"must be one of {', '.join(choices)}, got {value!r}")
    return value.strip().lower()


def _lanes(value: object, chart: str, known: tuple[str, ...]) -> list[str] | None:
    """The map's lanes from ``"goals,touchpoints"`` or a list of names, checked against ``known`` (the built-in
    lanes and the journey's custom lanes); None when not given."""
    if value is None:
        return None
    if chart != "map":
        raise ValidationError.at("options.lanes", f"only chart=map has lanes, not chart={chart}")
    names = value.split(",") if isinstance(value, str) else value if isinstance(value, list | tuple) else None
    chosen = [_key(str(name), known) for name in names or () if str(name).strip()]
    unknown = [name for name in chosen if name not in known]
    if names is None or not chosen or unknown:
        raise ValidationError.at("options.lanes", f"must name lanes among {', '.join(known)}; got {value!r}")
    return chosen


def _key(name: str, known: tuple[str, ...]) -> str:
    """A lane's key as written when a lane has that id (custom lane ids keep their case), else in lower case."""
    name = name.strip()
    return name if name in known else name.lower()


def _size(value: object) -> tuple[float, float] | None:
    """Width and height in inches from ``"12x8"`` or a pair of numbers; None when not given."""
    if value is None:
        return None
    pair: tuple[Any, ...] | None = None
    if isinstance(value, str) and (match := _SIZE.match(value)):
        pair = (float(match[1]), float(match[2]))
    elif isinstance(value, tuple | list) and len(value) == 2:
        pair = tuple(value)
    if pair is None or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and 1 <= v <= _LIMIT for v in pair
    ):
        raise ValidationError.at(
            "options.size", f"must be WIDTHxHEIGHT in inches (1 to 100), e.g. '12x8'; got {value!r}"
        )
    return float(pair[0]), float(pair[1])


def _number(field: str, value: object, low: float, high: float | None, whole: bool = False) -> float:
    """A number within bounds from Python or from command-line text; a ValidationError naming the option."""
    number: float | None = None
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            number = float(value.strip())
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    ok = number is not None and math.isfinite(number) and number >= low and (high is None or number <= high)
    if number is None or not ok or (whole and not number.is_integer()):
        kind = "a whole number" if whole else "a number"
        bounds = f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
        raise ValidationError.at(f"options.{field}", f"must be {kind} {bounds}, got {value!r}")
    return number


IMAGE_EXPORTERS = (
    ImageExporter(
        name="png", suffixes=(".png",), description="PNG image: dashboard, journey map or one chart (chart=NAME)"
    ),
    ImageExporter(
        name="svg",
        suffixes=(".svg",),
        description="SVG image: journey map poster or one chart (chart=NAME)",
        default="map",
    ),
    ImageExporter(
        name="pdf",
        suffixes=(".pdf",),
        description="PDF page: journey map poster or one chart (chart=NAME)",
        default="map",
    ),
)
"""The ``png``, ``svg`` and ``pdf`` exporters."""


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``png``, ``svg`` and ``pdf`` exporters."""
    for exporter in IMAGE_EXPORTERS:
        registry.register(exporter)
