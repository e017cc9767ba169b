"""The journey map laid out once: columns, lanes, fitted cells and the emotion curve, for every renderer.

:func:`layout_map` places the stages as columns and the lanes as rows on a
page of a given size (in points), wraps each cell's text with the DejaVu
Sans metrics the deck and the charts use, and shortens what still does not
fit with an ellipsis, keeping the whole text on the item (``Item.full``)
for a tooltip or a note. The poster (:func:`journeymap.charts.journey_map`),
the map slide of the deck and the HTML map draw the same :class:`MapLayout`,
so they agree on what is shown where.

Lanes with nothing in them are left out; ``lanes=`` chooses and orders them
(:data:`LANES` lists the built-in lanes; :func:`lane_keys` adds the journey's
custom lanes, which come last, titled in the map's language). Labels are in
the journey's language.

Below the customer's lanes (goals … thinking, the emotion curve, barriers) come
the service blueprint's (:data:`BLUEPRINT`: frontstage, backstage, support, a
step written ``description (owner)``), with the **lines** of interaction and
visibility between them (:attr:`MapLayout.lines`, each in a band of its own
that no cell reaches into). What a cell does not show but a tooltip or a note
should — the touchpoint a step serves, evidence — is the item's ``note``. A
moment of truth's name starts with :data:`MOMENT_OF_TRUTH` and its curve point
is marked; a map with several personas' emotions has one curve each
(:attr:`MapLayout.personas`).

>>> import journeymap as jm
>>> journey = jm.Journey(title="Buying a course", stages=[
...     jm.Stage(name="Awareness", goals=["Find a course"], touchpoints=[
...         jm.Touchpoint(name="Instagram ad", channel="social", emotion=1, barriers=["Price not shown"])]),
...     jm.Stage(name="Purchase", touchpoints=[jm.Touchpoint(name="Checkout", emotion=-1)]),
... ])
>>> layout = layout_map(journey)
>>> [lane.key for lane in layout.lanes]
['goals', 'touchpoints', 'emotions', 'barriers']
>>> [round(point.score) for point in layout.curve]
[1, -1]
>>> layout.lane("touchpoints").cells[0].items[0].channel_line
'social'
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from journeymap._measure import ellipsize, text_width, wrap
from journeymap.analysis.barriers import DEFAULT_THRESHOLD, count_barriers
from journeymap.errors import ValidationError
from journeymap.i18n import Labels, labels
from journeymap.layout._content import (
    BLUEPRINT,
    LANES,
    MOMENT_OF_TRUTH,
    Entry,
    contexts,
    entries,
    lane_keys,
    lane_title,
)
from journeymap.layout._curve import PERSONA_COLOURS, curve_points, persona_curves
from journeymap.layout._fit import Item, fit, natural_lines
from journeymap.layout._shapes import Cell, Column, CurvePoint, Lane, MapLayout, MapLine, PersonaCurve
from journeymap.model import Journey

__all__ = [
    "A2",
    "A3",
    "A4",
    "BLUEPRINT",
    "LANES",
    "MOMENT_OF_TRUTH",
    "PERSONA_COLOURS",
    "Cell",
    "Column",
    "CurvePoint",
    "Item",
    "Lane",
    "MapLayout",
    "MapLine",
    "PersonaCurve",
    "lane_keys",
    "layout_map",
]

A4 = (841.89, 595.28)
"""A4 landscape, width and height in points."""
A3 = (1190.55, 841.89)
"""A3 landscape, width and height in points (the poster's default)."""
A2 = (1683.78, 1190.55)
"""A2 landscape, width and height in points."""

LEADING = 1.25
"""Line height as a multiple of the font size."""
PAD = 4.0
"""Space inside a cell, in points, on every side."""
MIN_COLUMN = 84.0
"""The narrowest a stage column gets; more stages make the page wider."""


def layout_map(
    journey: Journey,
    *,
    size: tuple[float, float] = A3,
    font_size: float = 9.0,
    lanes: Sequence[str] | None = None,
    lang: str | None = None,
    stages: Sequence[int] | None = None,
    grow: bool = True,
    threshold: int = DEFAULT_THRESHOLD,
    fill: bool = False,
    title_width: float | None = None,
) -> MapLayout:
    """Lay the journey map out on a page of ``size`` (width, height) points.

    ``stages`` picks the stage columns by index (a slide shows some of them); ``grow=False`` keeps the
    page's width and height whatever the content, shortening more text instead (a slide cannot grow). A stage
    with more barriers than ``threshold`` (default 2, the seed rule) is an abandonment risk (``Column.at_risk``).
    ``fill=True`` shares the room left at the bottom of the page among the text lanes (a poster's cells
    then end at the legend, with space to write in); by default lanes are as tall as their text.
    ``lanes`` may name the journey's custom lanes by id (:func:`lane_keys` lists every lane it knows).
    ``title_width`` sets the lane titles' column (points); by default it is as wide as the widest title on one
    line, up to 150 points (a slide short of room may prefer a narrower one to dropping a lane).
    Raises :class:`~journeymap.ValidationError` (``lanes``) for an unknown lane.
    """
    words = labels(lang or journey.language)
    chosen = _chosen_lanes(lanes, journey)
    indexes = list(range(len(journey.stages))) if stages is None else list(stages)
    width, margin, line = size[0], max(12.0, font_size * 2), font_size * LEADING
    found, keys = _lane_entries(journey, chosen, indexes, words)
    label_width = title_width or _label_width(keys, words, font_size, journey)  # the titles of the lanes shown
    if grow:
        width = max(width, 2 * margin + label_width + MIN_COLUMN * max(1, len(indexes)))
    column_width = (width - 2 * margin - label_width) / max(1, len(indexes))
    columns = _columns(journey, indexes, margin + label_width, column_width, font_size, words, threshold)
    stage_height = max((len(c.lines) for c in columns), default=1) * (font_size + 1) * LEADING + line + 2 * PAD
    header_height = font_size * 2 * LEADING + line + PAD
    top = margin + header_height + stage_height
    bands = _line_places(keys)
    title_lines = {
        key: len(wrap(lane_title(key, words, journey), label_width - 2 * PAD, font_size)) for key in keys
    }  # a lane is never shorter than its title
    heights, budgets, height = _lane_heights(
        {key: found[key] for key in keys if key != "emotions"},
        "emotions" in keys,
        _Room(top=top + len(bands) * line, height=size[1], margin=margin, line=line, text_width=column_width - 2 * PAD),
        grow=grow,
        fill=fill,
        floors=title_lines,
    )
    laid: list[Lane] = []
    lines: list[MapLine] = []
    for key in keys:
        if key in bands:
            kind = bands[key]
            title = words.line_of_interaction if kind == "interaction" else words.line_of_visibility
            lines.append(MapLine(key=kind, title=title, y=top + line / 2, top=top, height=line, before=key))
            top += line
        cells = tuple(
            _cell(
                found.get(key, [[]] * len(indexes))[n], columns[n], top, heights[key], budgets.get(key, 0), line, words
            )
            for n in range(len(indexes))
        )
        laid.append(Lane(key=key, title=lane_title(key, words, journey), y=top, height=heights[key], cells=cells))
        top += heights[key]
    layout = _map(
        journey,
        words,
        size=(width, height),
        font_size=font_size,
        margin=margin,
        label_width=label_width,
        header_height=header_height,
        stage_height=stage_height,
        columns=columns,
        lanes=laid,
    )
    layout = attrs.evolve(layout, lines=tuple(lines))
    if "emotions" not in keys:
        return layout
    curve = curve_points(journey, layout, indexes)
    return attrs.evolve(layout, curve=curve, personas=persona_curves(journey, layout, indexes, curve))


def _line_places(keys: Sequence[str]) -> dict[str, str]:
    """Which lanes a line of the blueprint sits above: ``interaction`` over the first blueprint lane under a
    customer's lane, ``visibility`` over backstage or support right under the frontstage."""
    places: dict[str, str] = {}
    for above, below in itertools.pairwise(keys):
        if below in BLUEPRINT and above not in BLUEPRINT and "interaction" not in places.values():
            places[below] = "interaction"
        elif below in ("backstage", "support") and above == "frontstage":
            places[below] = "visibility"
    return places


def _map(
    journey: Journey,
    words: Labels,
    *,
    size: tuple[float, float],
    font_size: float,
    margin: float,
    label_width: float,
    header_height: float,
    stage_height: float,
    columns: Sequence[Column],
    lanes: Sequence[Lane],
) -> MapLayout:
    """The layout of the placed columns and lanes, with the title and subtitle fitted to the page."""
    width, height = size
    subtitle = _subtitle(journey, words)
    return MapLayout(
        width=width,
        height=height,
        font_size=font_size,
        line_height=font_size * LEADING,
        language=words.language,
        words=words,
        title=ellipsize(journey.title, width - 2 * margin, font_size * 2, 1, bold=True),
        subtitle=ellipsize(subtitle, width - 2 * margin, font_size, 1),
        margin=margin,
        label_width=label_width,
        header_height=header_height,
        stage_top=margin + header_height,
        stage_height=stage_height,
        columns=tuple(columns),
        lanes=tuple(lanes),
        curve=(),
        full_title=journey.title,
        full_subtitle=subtitle,
    )


def _lane_entries(
    journey: Journey, chosen: Sequence[str], indexes: Sequence[int], words: Labels
) -> tuple[dict[str, list[list[Entry]]], list[str]]:
    """Each text lane's entries per shown stage, and the lanes to show (those with something in them)."""
    context = contexts(journey, words)
    found = {
        key: [entries(key, journey.stages[index], index, context) for index in indexes]
        for key in chosen
        if key != "emotions"
    }
    keys = [key for key in chosen if (_has_emotions(journey, indexes) if key == "emotions" else any(found[key]))]
    return found, keys


@attrs.frozen(kw_only=True)
class _Room:
    """The page below the stage headers: where the lanes start, the page height, margin, line and text width."""

    top: float
    height: float
    margin: float
    line: float
    text_width: float


def _lane_heights(
    found: dict[str, list[list[Entry]]],
    curve: bool,
    room: _Room,
    *,
    grow: bool,
    fill: bool,
    floors: dict[str, int] | None = None,
) -> tuple[dict[str, float], dict[str, int], float]:
    """Each lane's height, each text lane's line budget (never below its ``floors``: the lines of its title), and
    the page height (grown when ``grow``)."""
    line = room.line
    free = room.height - room.top - room.margin - line  # a line for the legend at the bottom
    curve_height = min(max(free * 0.2, 6 * line), 12 * line) if curve else 0.0
    size = line / LEADING
    least = floors or {}
    needs = {
        key: max(least.get(key, 1), *(_cell_lines(cell, room.text_width, size) for cell in cells))
        for key, cells in found.items()
    }
    budgets = _budgets(needs, free - curve_height, line, least)
    needed = room.top + curve_height + sum(_lane_height(lines, line) for lines in budgets.values())
    height = max(room.height, needed + room.margin + line) if grow else room.height
    spare = max(0.0, height - room.margin - line - needed) / max(1, len(budgets)) if fill else 0.0
    heights = {key: _lane_height(lines, line) + spare for key, lines in budgets.items()}
    if curve:
        heights["emotions"] = curve_height
    return heights, budgets, height


def _chosen_lanes(lanes: Sequence[str] | None, journey: Journey) -> list[str]:
    """The lanes asked for, checked, in their order (every lane of :func:`lane_keys` by default)."""
    known = lane_keys(journey)
    if lanes is None:
        return list(known)
    chosen = [_lane_key(str(lane), known) for lane in lanes]
    for lane in chosen:
        if lane not in known:
            raise ValidationError.at("lanes", f"unknown lane {lane!r}; lanes: {', '.join(known)}")
    return list(dict.fromkeys(chosen))


def _lane_key(name: str, known: Sequence[str]) -> str:
    """``name`` as a lane key: as written when a lane has that id, else in lower case."""
    return name if name in known else name.strip().lower()


def _label_width(lanes: Sequence[str], words: Labels, size: float, journey: Journey) -> float:
    """Width of the lane titles' column: the widest title on one line (so no title wraps) when that is at most
    150 points, else the widest title that fits in 150 points (a longer one wraps, its lane as tall as its lines
    while the page has room), never below the widest word nor 60 points (measured bold)."""
    titles = [lane_title(lane, words, journey) for lane in lanes]
    word = max((text_width(w, size, bold=True) for title in titles for w in title.split()), default=0.0)
    wholes = [text_width(title, size, bold=True) + 2 * PAD for title in titles]
    whole = max((width for width in wholes if width <= 150.0), default=0.0)
    return max(60.0, whole, min(150.0, word + 2 * PAD))


def _subtitle(journey: Journey, words: Labels) -> str:
    """The whole subtitle: persona, segment, product and client."""
    parts = [
        f"{heading}: {value}"
        for heading, value in (
            (words.persona, journey.persona.name if journey.persona else None),
            (words.segment, journey.segment.name if journey.segment else None),
            (words.product, journey.product),
            (words.client, journey.client),
        )
        if value
    ]
    return " · ".join(parts)


def _columns(
    journey: Journey, indexes: Sequence[int], left: float, width: float, size: float, words: Labels, threshold: int
) -> list[Column]:
    """The stage columns, names wrapped in at most three bold lines."""
    report = {stage.id: stage for stage in count_barriers(journey, threshold).stages}
    columns = []
    for number, index in enumerate(indexes):
        stage = journey.stages[index]
        name = ellipsize(stage.name, width - 2 * PAD, size + 1, 3, bold=True)
        counted = report[stage.id]
        columns.append(
            Column(
                stage=index,
                id=stage.id,
                name=stage.name,
                lines=tuple(wrap(name, width - 2 * PAD, size + 1, bold=True)),
                x=left + number * width,
                width=width,
                phase=words.phase(stage.phase),
                barriers=counted.total,
                at_risk=counted.at_risk,
            )
        )
    return columns


def _has_emotions(journey: Journey, indexes: Sequence[int]) -> bool:
    return any(tp.emotion is not None or tp.emotions for index in indexes for tp in journey.stages[index].touchpoints)


def _cell_lines(cell: Sequence[Entry], width: float, size: float) -> int:
    return sum(natural_lines(entry, width, size) for entry in cell)


def _budgets(needs: dict[str, int], room: float, line: float, floors: dict[str, int]) -> dict[str, int]:
    """Lines per lane: what each needs when it fits, else taken one at a time from the lane with the most lines
    above its floor (its title's lines), then, when the floors do not fit either, from the fullest lane."""
    budgets = dict(needs)
    for least in (floors, {}):
        while budgets and sum(_lane_height(lines, line) for lines in budgets.values()) > room:
            fullest = max(budgets, key=lambda key: budgets[key] - least.get(key, 1))
            if budgets[fullest] <= least.get(fullest, 1):
                break  # one line each is the least; the page grows (or a fixed page shortens each to one line)
            budgets[fullest] -= 1
    return budgets


def _lane_height(lines: int, line: float) -> float:
    return lines * line + 2 * PAD


def _cell(
    found: Sequence[Entry], column: Column, y: float, height: float, budget: int, line: float, words: Labels
) -> Cell:
    """One cell, its items fitted to ``budget`` lines and placed top to bottom."""
    size = line / LEADING
    items = fit(found, column.width - 2 * PAD, size, budget, words.more)
    placed, top = [], y + PAD
    for item in items:
        placed.append(attrs.evolve(item, y=top))
        top += item.line_count * line
    return Cell(stage=column.stage, x=column.x, y=y, width=column.width, height=height, items=tuple(placed))
