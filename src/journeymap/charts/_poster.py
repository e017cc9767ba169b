"""The journey map poster, :func:`journey_map`, and its paper sizes (private; see :mod:`journeymap.charts`)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from journeymap.analysis.barriers import DEFAULT_THRESHOLD, check_threshold
from journeymap.charts._layout import chart_style
from journeymap.errors import ValidationError
from journeymap.layout import A2, A3, A4, layout_map
from journeymap.model import Journey

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["PAPER", "journey_map", "paper_size"]

PAPER: Final = {"A4": A4, "A3": A3, "A2": A2}
"""Paper sizes the poster knows by name, landscape, (width, height) in points."""

_LIMIT = 14400.0  # points: 200 inches


def paper_size(size: str | tuple[float, float]) -> tuple[float, float]:
    """(width, height) in points of ``"A4"``, ``"A3"``, ``"A2"`` or a pair of points; a ValidationError naming ``size``.

    >>> paper_size("a4"), paper_size((600, 400))
    ((841.89, 595.28), (600.0, 400.0))
    """
    if isinstance(size, str):
        found = PAPER.get(size.strip().upper())
        if found is None:
            raise ValidationError.at("size", f"must be A4, A3, A2 or (width, height) in points, got {size!r}")
        return found
    pair = tuple(size) if isinstance(size, tuple | list) else ()
    if len(pair) != 2 or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and 72 <= v <= _LIMIT for v in pair
    ):
        raise ValidationError.at("size", f"must be A4, A3, A2 or (width, height) in points (72 to 14400), got {size!r}")
    return float(pair[0]), float(pair[1])


def journey_map(
    journey: Journey,
    *,
    lang: str | None = None,
    size: str | tuple[float, float] = "A3",
    lanes: Sequence[str] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    font_size: float = 9.0,
) -> Figure:
    """The journey map as one poster: every stage a column, every lane a row; returns the Figure.

    On top, the title and the persona, segment, product and client. Each stage's header holds its name,
    its phase and its barrier count (``▲ n``); a stage with more than ``threshold`` barriers (default 2:
    an abandonment risk)
    has a red header and a shaded column. The lanes (:data:`journeymap.layout.LANES`; empty ones are left
    out, ``lanes=`` chooses and orders them, custom lane ids included) hold the stage's goals, expectations,
    questions, doing, actions, touchpoints (the channel on a small second line, ``★`` before a moment of
    truth), thinking, barriers (coloured by severity), the service blueprint's frontstage, backstage and
    support steps (the lines of interaction and visibility between them, dashed and labelled),
    opportunities, KPIs, measured figures (a journey from :func:`journeymap.mining.enrich`), owner and the
    journey's custom lanes. The emotion lane draws the curve across all stages on a −2 … +2 scale with faces
    (one curve per persona, in its colour, when several personas have emotions); a touchpoint without an
    emotion breaks the line; ▲ marks its barriers, larger and redder for a worse severity; ★ a moment of
    truth. A legend line ends the page. Evidence is in the SVG's tooltips, not on the printed page.

    The figure is the page: ``size`` (``"A3"`` landscape by default, ``"A4"``, ``"A2"`` or (width,
    height) in points), made wider or taller when the journey needs more room (12 stages and 120
    touchpoints stay readable on A3; more stages than fit make the page wider, and then only as tall as its
    content: 50 stages make a long strip); on a page with room to spare the lanes share it down to the
    legend. Text is wrapped and shortened with "…" to fit its cell, in
    ``font_size`` points (8 to 16; nothing is drawn smaller than 8); saved with :func:`save_figure` as SVG,
    each label's group carries the whole text as a ``<title>``. Unlike the other charts it owns its figure (no
    ``ax=``): the page size is the layout's. Raises :class:`~journeymap.ValidationError` naming ``lanes``,
    ``size``, ``threshold`` or ``font_size``.
    """
    from journeymap.charts._map import draw_map

    check_threshold(threshold)
    if isinstance(font_size, bool) or not isinstance(font_size, int | float) or not 8 <= font_size <= 16:
        raise ValidationError.at("font_size", f"must be a number from 8 to 16 (points), got {font_size!r}")
    page = paper_size(size)
    lay = functools.partial(layout_map, journey, size=page, font_size=font_size, lanes=lanes, lang=lang)
    layout = lay(threshold=threshold, fill=True)
    wider = layout.width > page[0] + 0.5
    if wider:  # a long strip, only as tall as its content: no room to share
        layout = lay(threshold=threshold)
    with chart_style():
        return draw_map(layout, trim=wider)
