"""The emotion lane of the poster (private): the −2 … +2 scale, the curve with its gaps, the barrier marks.

Every place comes from the layout (:attr:`~journeymap.layout.MapLayout.curve`,
:meth:`~journeymap.layout.MapLayout.score_y`). A touchpoint without an
emotion breaks the line (NaN); a barrier is a ▲ under its touchpoint's point,
larger and redder for a worse severity (on the neutral line when the
touchpoint has no emotion).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from journeymap.charts._layout import COLORS
from journeymap.charts._map_text import INK, SEVERITY, scale_number, small, write
from journeymap.layout import PAD, CurvePoint, MapLayout

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["MARKER", "MOMENT", "SINGLE", "draw_curve", "worst"]

MOMENT = "#c99700"
"""Colour of the ★ over a moment of truth's point."""

MARKER = {"minor": 5.0, "major": 6.5, "critical": 8.0}
"""Size (points) of a barrier's ▲ by severity."""

SINGLE = 300
"""Up to this many touchpoints, each point of the curve is its own SVG group with a tooltip."""

_ORDER = ("minor", "major", "critical")


def worst(severities: tuple[str, ...]) -> str:
    """The worst of the severities (``minor`` < ``major`` < ``critical``).

    >>> worst(("minor", "critical", "major"))
    'critical'
    """
    return max(severities, key=lambda value: _ORDER.index(value) if value in _ORDER else 0)


def draw_curve(ax: Axes, layout: MapLayout, titles: dict[str, str]) -> None:
    """The scale, the neutral line, the curve across every stage, its points and the barrier marks."""
    left = layout.margin + layout.label_width
    right = layout.width - layout.margin
    for step in range(-2, 3):
        y = layout.score_y(step)
        neutral = step == 0
        color = COLORS["neutral"] if neutral else "#dde3ea"
        ax.hlines(
            [y], left, right, colors=color, linestyles="--" if neutral else "-", lw=0.8 if neutral else 0.4, zorder=1.5
        )
        write(
            ax, left - PAD / 2, y, layout.words.face(step), small(layout), ha="right", va="center", color=INK["muted"]
        )
        write(ax, right + PAD / 2, y, scale_number(step), small(layout), ha="left", va="center", color=INK["muted"])
    if layout.personas:
        _persona_curves(ax, layout, titles)
    else:
        points = layout.curve
        xs = [point.x for point in points]
        ys = [math.nan if point.y is None else point.y for point in points]
        ax.plot(xs, ys, color=COLORS["curve"], lw=1.8, zorder=3, gid="map-curve", solid_capstyle="round")
    _marks(ax, layout, titles)
    _moments(ax, layout, titles)


def _persona_curves(ax: Axes, layout: MapLayout, titles: dict[str, str]) -> None:
    """Each persona's curve in its colour, with a dot per scored touchpoint (its tooltip names the persona)."""
    dot = _point_size(layout) * 0.8
    single = len(layout.curve) <= SINGLE
    for number, persona in enumerate(layout.personas):
        xs = [point.x for point in persona.points]
        ys = [math.nan if point.y is None else point.y for point in persona.points]
        gid = f"map-persona-{number}"
        width = 1.4 + 1.2 * (len(layout.personas) - 1 - number)  # the first widest and lowest: shared runs show all
        ax.plot(xs, ys, color=persona.colour, lw=width, zorder=3, gid=gid, solid_capstyle="round")
        titles[gid] = persona.name
        for index, point in enumerate(persona.points):
            if point.y is None or not single:
                continue
            dot_gid = f"map-persona-{number}-point-{index}"
            ax.plot(
                [point.x],
                [point.y],
                ls="",
                marker="o",
                ms=dot,
                color=persona.colour,
                mec="white",
                mew=0.5,
                zorder=4,
                gid=dot_gid,
            )
            titles[dot_gid] = f"{persona.name} — {_tooltip(layout, point)}"


def _moments(ax: Axes, layout: MapLayout, titles: dict[str, str]) -> None:
    """A ★ over the point of each moment of truth (on the neutral line when it has no emotion)."""
    dot = _point_size(layout)
    lane = layout.lane("emotions")
    for index, point in enumerate(layout.curve):
        if not point.moment_of_truth:
            continue
        y = max(lane.y + dot, (layout.score_y(0) if point.y is None else point.y) - dot - 2)
        gid = f"map-moment-{index}"
        ax.plot([point.x], [y], ls="", marker="*", ms=dot + 4, color=MOMENT, mec="white", mew=0.4, zorder=6, gid=gid)
        titles[gid] = f"{layout.words.moment_of_truth}: {point.name}"


def _marks(ax: Axes, layout: MapLayout, titles: dict[str, str]) -> None:
    """The points: a dot, or a ▲ for a touchpoint with barriers; each its own SVG group with a tooltip.

    Past :data:`SINGLE` points, marks that look alike share one artist (drawing stays fast), without
    tooltips: the touchpoint lane holds the names.
    """
    dot = _point_size(layout)
    groups: dict[tuple[str, bool], list[tuple[int, CurvePoint]]] = {}
    for index, point in enumerate(layout.curve):
        if point.barriers or (point.y is not None and not layout.personas):  # persona curves have their own dots
            key = (worst(point.barriers) if point.barriers else "", point.y is None)
            groups.setdefault(key, []).append((index, point))
    single = len(layout.curve) <= SINGLE
    for (severity, hollow), members in groups.items():
        style = _style(severity, hollow, dot)
        runs = [[member] for member in members] if single else [members]
        for run in runs:
            first = run[0][0]
            kind = "barrier" if severity else "point"
            gid = f"map-{kind}-{first}" if single else f"map-{kind}s-{severity or 'plain'}{'-open' if hollow else ''}"
            xs = [point.x for _, point in run]
            ys = [layout.score_y(0) if point.y is None else point.y for _, point in run]
            ax.plot(xs, ys, ls="", gid=gid, **style)
            if single:
                titles[gid] = _tooltip(layout, run[0][1])


def _style(severity: str, hollow: bool, dot: float) -> dict[str, Any]:
    """The marker of a plain point (no ``severity``) or of a touchpoint's worst barrier (``hollow``: no emotion)."""
    if not severity:
        return {"marker": "o", "ms": dot, "color": COLORS["curve"], "mec": "white", "mew": 0.6, "zorder": 4}
    color = SEVERITY.get(severity, SEVERITY["minor"])
    return {
        "marker": "^",
        "ms": max(dot + 1, MARKER.get(severity, MARKER["minor"])),
        "color": color,
        "mfc": "white" if hollow else color,
        "mec": color if hollow else "white",
        "mew": 1.0 if hollow else 0.5,
        "zorder": 5,
    }


def _tooltip(layout: MapLayout, point: CurvePoint) -> str:
    """What a point says when hovered in the SVG: the touchpoint, its score and word, its barriers, the
    emotion's evidence."""
    score = "" if point.y is None else f" {_score(point)} {point.label}"
    note = f"\n{point.note}" if point.note else ""
    if not point.barriers:
        return f"{point.name}:{score}{note}"
    names = ", ".join(layout.words.severity(value) for value in point.barriers)
    return f"{point.name}:{score}{';' if score else ''} {layout.words.barriers}: {names}{note}"


def _score(point: CurvePoint) -> str:
    """The score as written on the scale (``+1``, ``0``, ``−1.5``)."""
    score = point.score or 0.0
    return "0" if score == 0 else f"{score:+g}".replace("-", "−")


def _point_size(layout: MapLayout) -> float:
    """Marker size of the curve's points: smaller when a stage holds many touchpoints."""
    per_column = {column.stage: 0 for column in layout.columns}
    for point in layout.curve:
        per_column[point.stage] += 1
    spacing = min(column.width / max(1, per_column[column.stage]) for column in layout.columns)
    return max(2.5, min(5.0, spacing * 0.5))
