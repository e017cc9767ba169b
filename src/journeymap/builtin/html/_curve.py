"""The emotion curve as inline SVG geometry, from the layout's curve points (private).

The SVG spans every stage column, :data:`COLUMN` user units per stage, and is drawn at the width of the
columns, so its points sit under their stages. Scores run from +2 at the top to −2 at the bottom; a
touchpoint without an emotion breaks the line and shows as a hollow mark on the zero line; each barrier
of a touchpoint is a triangle under its point, bigger for a worse severity; stages at risk are shaded.
Numbers are written with one decimal so the same journey gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import attrs

from journeymap.builtin.html._details import score_text
from journeymap.layout import CurvePoint, MapLayout

__all__ = ["COLUMN", "HEIGHT", "Curve", "Mark", "PersonaLine", "Point", "curve"]

COLUMN = 200.0
"""Width of one stage in the SVG's user units."""
HEIGHT = 170.0
"""Height of the SVG in user units."""
_TOP, _BOTTOM = 16.0, 136.0  # where +2 and −2 sit
_MARK = {"minor": 4.0, "major": 6.0, "critical": 8.0}  # half-width of a barrier triangle


@attrs.frozen(kw_only=True)
class Point:
    """A touchpoint on the curve; ``scored`` False for a gap (drawn on the zero line)."""

    x: str
    y: str
    tone: str
    title: str
    target: str
    scored: bool
    colour: str = ""
    """A persona's colour (``#rrggbb``) for a point of a persona's curve; empty for the map's own curve."""


@attrs.frozen(kw_only=True)
class Mark:
    """A barrier triangle: its corners as an SVG ``points`` list, its severity and a tooltip."""

    points: str
    severity: str
    title: str


@attrs.frozen(kw_only=True)
class PersonaLine:
    """One persona's curve: its name and colour (``#rrggbb``), its runs and its points."""

    name: str
    colour: str
    width: str
    """The stroke width: the first persona's widest, drawn first, so a run the personas share shows them all."""
    paths: tuple[str, ...]
    points: tuple[Point, ...]


@attrs.frozen(kw_only=True)
class Curve:
    """Everything the SVG draws, as text ready for attributes."""

    width: str
    height: str
    grid: tuple[tuple[str, str], ...]
    """(y, label) of the lines at +2 … −2."""
    stages: tuple[tuple[str, bool], ...]
    """(x, at risk) of each stage column."""
    column: str
    paths: tuple[str, ...]
    """One ``d`` per run of scored touchpoints (a gap ends a run)."""
    points: tuple[Point, ...]
    marks: tuple[Mark, ...]
    stars: tuple[Mark, ...] = ()
    """A ★ over each moment of truth's point."""
    personas: tuple[PersonaLine, ...] = ()
    """One curve per persona on a map of several personas (then ``paths`` and ``points`` are empty)."""
    persona_points: tuple[Point, ...] = ()
    """The personas' points, one where several personas' points meet (its tooltip names them all)."""


def _n(value: float) -> str:
    return f"{value:.1f}"


def _score_y(score: float) -> float:
    return _TOP + (2 - score) / 4 * (_BOTTOM - _TOP)


def _tone(score: float | None) -> str:
    if score is None:
        return "gap"
    return "good" if score > 0.25 else "bad" if score < -0.25 else "neutral"


def curve(layout: MapLayout, targets: dict[str, str], severities: dict[str, str], moment: str = "") -> Curve:
    """The SVG geometry of ``layout``'s curve; ``targets`` maps a touchpoint's path to its element id.

    ``severities`` gives the words for barrier severities (``minor`` → ``minor`` in English); ``moment`` the
    words for a moment of truth (in a star's tooltip). On a map of several personas each persona's curve is
    drawn in its colour instead of the map's own.
    """
    place = {column.stage: number for number, column in enumerate(layout.columns)}

    def x_of(point: CurvePoint) -> float:
        column = layout.columns[place[point.stage]]
        return (place[point.stage] + (point.x - column.x) / column.width) * COLUMN

    paths, points = _line(layout.curve, x_of, targets, "")
    marks: list[Mark] = []
    stars: list[Mark] = []
    for point in layout.curve:
        x = x_of(point)
        y = _score_y(point.score) if point.score is not None else _score_y(0)
        marks.extend(_marks(x, y, point.name, point.barriers, severities))
        if point.moment_of_truth:
            stars.append(_star(x, max(y - 13, 7.5), f"{moment}: {point.name}"))
    personas = tuple(
        PersonaLine(
            name=persona.name,
            colour=persona.colour,
            width=_n(2.0 + 2.0 * (len(layout.personas) - 1 - number)),
            paths=lines,
            points=dots,
        )
        for number, persona in enumerate(layout.personas)
        for lines, dots in [_line(persona.points, x_of, targets, persona.name)]
    )
    return Curve(
        width=_n(COLUMN * len(layout.columns)),
        height=_n(HEIGHT),
        grid=tuple((_n(_score_y(score)), score_text(score)) for score in (2, 1, 0, -1, -2)),
        stages=tuple((_n(number * COLUMN), column.at_risk) for number, column in enumerate(layout.columns)),
        column=_n(COLUMN),
        paths=() if personas else paths,
        points=() if personas else points,
        marks=tuple(marks),
        stars=tuple(stars),
        personas=personas,
        persona_points=_merged(personas),
    )


def _merged(personas: tuple[PersonaLine, ...]) -> tuple[Point, ...]:
    """Every persona's points in the first persona's colour where they meet, one point per place (so the one
    on top is the one clicked), its tooltips one line per persona."""
    found: dict[tuple[str, str], Point] = {}
    for persona in personas:
        for point in persona.points:
            place = (point.x, point.y)
            if place in found:
                found[place] = attrs.evolve(found[place], title=f"{found[place].title}\n{point.title}")
            else:
                found[place] = attrs.evolve(point, colour=persona.colour)
    return tuple(found.values())


def _line(
    curve: tuple[CurvePoint, ...], x_of: Callable[[CurvePoint], float], targets: dict[str, str], who: str
) -> tuple[tuple[str, ...], tuple[Point, ...]]:
    """The runs (``d`` of each path; a touchpoint without an emotion ends a run) and the points of a curve;
    ``who`` names the persona in the points' tooltips (empty for the map's own curve)."""
    points: list[Point] = []
    paths: list[list[str]] = []
    run: list[str] = []
    for point in curve:
        x = x_of(point)
        y = _score_y(point.score) if point.score is not None else _score_y(0)
        if point.score is None:
            title = f"{point.name}: \N{EM DASH}"
            paths.append(run)
            run = []
        else:
            title = f"{point.name}: {score_text(point.score)} {point.label}"
            run.append(f"{_n(x)} {_n(y)}")
        title = (f"{who} — " if who else "") + title + (f"\n{point.note}" if point.note else "")
        if who and point.score is None:
            continue  # a persona's gap is just the break in its line
        points.append(
            Point(
                x=_n(x),
                y=_n(y),
                tone=_tone(point.score),
                title=title,
                target=targets.get(point.path, ""),
                scored=point.score is not None,
            )
        )
    paths.append(run)
    return tuple("M" + " L".join(steps) for steps in paths if len(steps) > 1), tuple(points)


def _star(x: float, y: float, title: str) -> Mark:
    """A five-pointed star centred at (x, y)."""
    corners = []
    for number in range(10):
        radius = 7.0 if number % 2 == 0 else 3.0
        angle = math.pi / 2 + number * math.pi / 5
        corners.append(f"{_n(x + radius * math.cos(angle))},{_n(y - radius * math.sin(angle))}")
    return Mark(points=" ".join(corners), severity="moment", title=title)


def _marks(x: float, y: float, name: str, barriers: tuple[str, ...], severities: dict[str, str]) -> list[Mark]:
    """One triangle per barrier, side by side under the point, sized by severity."""
    marks = []
    step = 14.0
    left = x - step * (len(barriers) - 1) / 2
    top = y + 9  # the lowest point (−2) leaves room for the biggest triangle within HEIGHT
    for number, severity in enumerate(barriers):
        half = _MARK.get(severity, 6.0)
        middle = left + number * step
        corners = ((middle, top), (middle + half, top + 1.7 * half), (middle - half, top + 1.7 * half))
        marks.append(
            Mark(
                points=" ".join(f"{_n(cx)},{_n(cy)}" for cx, cy in corners),
                severity=severity,
                title=f"{name}: {severities.get(severity, severity)}",
            )
        )
    return marks
