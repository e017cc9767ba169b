"""What a laid-out map is made of: cells, lanes, columns, the curve's points, the lines (private).

:mod:`journeymap.layout` exports every class; renderers import them from there.
"""

from __future__ import annotations

import attrs

from journeymap.i18n import Labels
from journeymap.layout._fit import Item

__all__ = ["Cell", "Column", "CurvePoint", "Lane", "MapLayout", "MapLine", "PersonaCurve"]


@attrs.frozen(kw_only=True)
class Cell:
    """What one lane shows at one stage, and where (points from the page's top left)."""

    stage: int
    x: float
    y: float
    width: float
    height: float
    items: tuple[Item, ...]


@attrs.frozen(kw_only=True)
class Lane:
    """One row of the map: its key (see :data:`LANES`), its title, its place, and its cells left to right."""

    key: str
    title: str
    y: float
    height: float
    cells: tuple[Cell, ...]


@attrs.frozen(kw_only=True)
class Column:
    """One stage: its name as wrapped lines, its place, and what the stage header shows."""

    stage: int
    id: str
    name: str
    lines: tuple[str, ...]
    x: float
    width: float
    phase: str
    barriers: int
    at_risk: bool
    """More barriers than the seed rule allows (two): the customer will likely abandon here."""


@attrs.frozen(kw_only=True)
class CurvePoint:
    """A touchpoint on the emotion curve; ``y`` and ``score`` are None for a touchpoint without an emotion."""

    stage: int
    x: float
    y: float | None
    score: float | None
    name: str
    path: str
    label: str
    """The word for the score in the map's language, or ``""``."""
    barriers: tuple[str, ...]
    """Severities of the touchpoint's barriers, to mark on the curve."""
    moment_of_truth: bool = False
    """The touchpoint is a moment of truth (a ★ on the curve)."""
    note: str = ""
    """The emotion's evidence (``Evidence: observed — 12 interviews``), for a tooltip or a note, or ``""``."""


@attrs.frozen(kw_only=True)
class PersonaCurve:
    """One persona's emotion curve, when the map holds several personas' emotions: who, in which colour."""

    id: str
    name: str
    colour: str
    """A ``#rrggbb`` colour from :data:`PERSONA_COLOURS`."""
    points: tuple[CurvePoint, ...]
    """A point per touchpoint, where the map's own curve has it; ``y`` None where the persona has no emotion
    (or does not meet the touchpoint)."""


@attrs.frozen(kw_only=True)
class MapLine:
    """A line of the service blueprint between two lanes: a dashed rule in a band of its own, with its label.

    ``key`` is ``interaction`` (the line of interaction, above the first blueprint lane) or ``visibility``
    (the line of visibility, between the frontstage and what is out of the customer's view).
    """

    key: str
    title: str
    y: float
    """Where the rule is drawn (the middle of its band)."""
    top: float
    height: float
    """The band's top and height: no cell reaches into it."""
    before: str
    """The key of the lane right under the line."""


@attrs.frozen(kw_only=True)
class MapLayout:
    """The whole map on one page: sizes in points, ``y`` growing downwards."""

    width: float
    height: float
    font_size: float
    line_height: float
    language: str
    words: Labels
    title: str
    subtitle: str
    """Persona, segment, product and client, as one line (possibly shortened)."""
    margin: float
    label_width: float
    header_height: float
    stage_top: float
    stage_height: float
    columns: tuple[Column, ...]
    lanes: tuple[Lane, ...]
    curve: tuple[CurvePoint, ...]
    lines: tuple[MapLine, ...] = ()
    """The lines of interaction and visibility, when the lanes they separate are shown."""
    personas: tuple[PersonaCurve, ...] = ()
    """One curve per persona when the map holds several personas' emotions; empty for a one-persona map."""
    full_title: str = ""
    """The whole title (``title`` may be shortened)."""
    full_subtitle: str = ""
    """The whole subtitle (``subtitle`` may be shortened)."""

    def lane(self, key: str) -> Lane:
        """The lane with this key (KeyError when it was left out)."""
        for lane in self.lanes:
            if lane.key == key:
                return lane
        raise KeyError(key)

    def score_y(self, score: float) -> float:
        """Where a score of the −2 … +2 scale sits in the emotion lane (the lane must be present)."""
        lane = self.lane("emotions")
        top, bottom = lane.y + self.line_height, lane.y + lane.height - self.line_height
        return top + (2 - score) / 4 * (bottom - top)
