"""The Map sheet of the Excel workbook: the classic journey grid (private).

One column per stage (name and phase as headers), one row per lane, then a
hidden row of stage ids; the Doing and Thinking lanes and the team's custom
lanes (after Opportunities) only when a stage fills them. A moment of truth
is marked ★. Lists in a cell are cut at 40 items with a "… and N more" line;
the full lists are on the Touchpoints and Barriers sheets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from journeymap.builtin.xlsx._cells import bullets, put
from journeymap.builtin.xlsx._style import (
    HEADER_FILL,
    emotion_colour,
    emotion_scale,
    landscape,
    line_height,
)
from journeymap.i18n import Labels
from journeymap.model import Barrier, Journey, Kpi, Severity, Stage, Touchpoint

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "FIRST_LANE_ROW",
    "ID_LABEL",
    "MOMENT_OF_TRUTH",
    "Lane",
    "map_lanes",
    "thoughts",
    "touchpoint_line",
    "write_map",
]

LANE_WIDTH = 22.0
STAGE_WIDTH = 34.0
FIRST_LANE_ROW = 5
ID_LABEL = "id"
"""Label of the hidden row below the lanes that holds each stage's id."""
MOMENT_OF_TRUTH = "★"
"""Mark of a touchpoint that is a moment of truth."""
_SEVERITY_FILL = {Severity.CRITICAL: "FFC7CE", Severity.MAJOR: "FFEB9C"}
_SEVERITY_MARK = {Severity.MINOR: "!", Severity.MAJOR: "!!", Severity.CRITICAL: "!!!"}


def write_map(sheet: Worksheet, journey: Journey, words: Labels, means: Sequence[float | None]) -> None:
    """Fill ``sheet`` with the journey grid; ``means`` is the mean emotion of each stage (None: no scores)."""
    from openpyxl.utils import get_column_letter

    stages = journey.stages
    mean_of = dict(zip((stage.id for stage in stages), means, strict=True))
    lanes = map_lanes(journey, words, mean_of)
    rows = {key: FIRST_LANE_ROW + offset for offset, (key, _, _) in enumerate(lanes)}
    _write_titles(sheet, journey, words)
    _write_stage_headers(sheet, stages, words)
    _write_lanes(sheet, stages, lanes)
    _write_ids(sheet, stages, FIRST_LANE_ROW + len(lanes))
    _colour_emotions(sheet, rows["feeling"], means)
    _colour_barriers(sheet, rows["barriers"], stages)

    if stages:
        last = get_column_letter(len(stages) + 1)
        sheet.conditional_formatting.add(f"B{rows['emotion']}:{last}{rows['emotion']}", emotion_scale())
    sheet.column_dimensions["A"].width = LANE_WIDTH
    for column in range(2, len(stages) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = STAGE_WIDTH
    sheet.freeze_panes = "B5"
    landscape(sheet, title_rows="3:4", title_cols="A:A")


def _write_titles(sheet: Worksheet, journey: Journey, words: Labels) -> None:
    """Rows 1 and 2: the title and the subtitle, merged across the grid."""
    from openpyxl.styles import Alignment, Font

    stages = journey.stages
    # Title and subtitle span the grid and wrap inside it, so they never widen the printed page.
    grid_width = LANE_WIDTH + STAGE_WIDTH * len(stages)
    for row, value, size, font in (
        (1, journey.title, 14, Font(bold=True, size=14)),
        (2, _subtitle(journey, words), 11, Font(italic=True, color="595959")),
    ):
        made = put(sheet, row, 1, value or None)
        made.font, made.alignment = font, Alignment(wrap_text=True, vertical="top")
        if stages:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(stages) + 1)
        sheet.row_dimensions[row].height = line_height(value, grid_width * 11 / size) * size / 11


def _write_stage_headers(sheet: Worksheet, stages: Sequence[Stage], words: Labels) -> None:
    """Rows 3 and 4: each stage's name and phase above its column."""
    from openpyxl.styles import Alignment, Font, PatternFill

    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    phase_fill = PatternFill("solid", fgColor="DDEBF7")
    for column, (name, phase) in enumerate(
        [(words.stage, words.phase_heading)] + [(s.name, words.phase(s.phase)) for s in stages], start=1
    ):
        head = put(sheet, 3, column, name)
        head.font, head.fill, head.alignment = header_font, header_fill, centred
        below = put(sheet, 4, column, phase)
        below.font, below.fill, below.alignment = Font(italic=True, bold=column == 1), phase_fill, centred
    sheet.row_dimensions[3].height = max(line_height(s.name, STAGE_WIDTH) for s in stages) if stages else None


def _write_lanes(sheet: Worksheet, stages: Sequence[Stage], lanes: Sequence[Lane]) -> None:
    """One row per lane from :data:`FIRST_LANE_ROW`: its label, then its content in each stage's column."""
    from openpyxl.styles import Alignment, Font, PatternFill

    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top = Alignment(vertical="top", wrap_text=True)
    lane_fill = PatternFill("solid", fgColor="F2F2F2")
    for offset, (_, label, render) in enumerate(lanes):
        row = FIRST_LANE_ROW + offset
        head = put(sheet, row, 1, label)
        head.font, head.fill, head.alignment = Font(bold=True), lane_fill, top
        height = line_height(label, LANE_WIDTH)
        for column, stage in enumerate(stages, start=2):
            content = render(stage)
            target = put(sheet, row, column, (content or None) if isinstance(content, str) else content)
            target.alignment = top
            if isinstance(content, str):
                height = max(height, line_height(content, STAGE_WIDTH))
            elif content is not None:
                target.number_format = "+0.0;-0.0;0.0"
                target.alignment = centred
        sheet.row_dimensions[row].height = height


def _write_ids(sheet: Worksheet, stages: Sequence[Stage], row: int) -> None:
    """A hidden row below the lanes with each stage's id under its column, so the reader knows the columns."""
    for column, value in enumerate([ID_LABEL, *(stage.id for stage in stages)], start=1):
        put(sheet, row, column, value)
    sheet.row_dimensions[row].hidden = True


Lane = tuple[str, str, Callable[[Stage], str | float | None]]
"""A row of the grid: its key, its label and how a stage fills its cell."""

_OPTIONAL = frozenset({"doing", "thinking"})
"""Lanes left out when no stage fills them (with the custom lanes); every other lane is always shown."""


def _lanes(journey: Journey, words: Labels, mean_of: dict[str, float | None]) -> list[Lane]:
    """Every lane in order: the built-in ones, with the team's custom lanes after the opportunities."""

    def listed(items: Sequence[str]) -> str:
        return bullets(items, more=words.more)

    def custom(lane_id: str) -> Callable[[Stage], str]:
        return lambda s: listed(s.lanes.get(lane_id, ()))

    return [
        ("goals", words.goals, lambda s: listed(s.goals)),
        ("expectations", words.expectations, lambda s: listed(s.expectations)),
        ("questions", words.questions, lambda s: listed(s.questions)),
        ("doing", words.doing, lambda s: listed(s.doing)),
        ("touchpoints", words.touchpoints, lambda s: listed([touchpoint_line(t) for t in s.touchpoints])),
        ("thinking", words.thinking, lambda s: listed(thoughts(s))),
        ("emotion", words.emotion_heading, lambda s: mean_of[s.id]),
        ("feeling", words.feeling, lambda s: _feeling(s, mean_of[s.id], words)),
        ("barriers", words.barriers, lambda s: listed([_barrier(b, where, words) for b, where in _stage_barriers(s)])),
        (
            "opportunities",
            words.opportunities,
            lambda s: listed([*s.opportunities, *(o for t in s.touchpoints for o in t.opportunities)]),
        ),
        *((f"lane:{key}", lane.title_in(journey.language), custom(key)) for key, lane in journey.lanes.items()),
        ("kpis", words.kpis, lambda s: listed([_kpi(k, words) for k in s.kpis])),
        ("owner", words.owner, lambda s: s.owner or ""),
    ]


def map_lanes(journey: Journey, words: Labels, mean_of: dict[str, float | None]) -> list[Lane]:
    """The lanes the Map shows, in order from :data:`FIRST_LANE_ROW`; ``mean_of`` is each stage's mean emotion."""
    return _shown(_lanes(journey, words, mean_of), journey.stages)


def _shown(lanes: Sequence[Lane], stages: Sequence[Stage]) -> list[Lane]:
    """The lanes to show: the optional and custom ones only when some stage fills them."""
    return [
        lane
        for lane in lanes
        if not (lane[0] in _OPTIONAL or lane[0].startswith("lane:")) or any(lane[2](stage) for stage in stages)
    ]


def thoughts(stage: Stage) -> list[str]:
    """What the customer thinks at ``stage``: the stage's thoughts, then each touchpoint's, naming it."""
    return [*stage.thinking, *(f"{t} ({tp.name})" for tp in stage.touchpoints for t in tp.thinking)]


def _subtitle(journey: Journey, words: Labels) -> str:
    parts = [
        f"{label}: {value}"
        for label, value in (
            (words.persona, journey.persona.name if journey.persona else None),
            (words.segment, journey.segment.name if journey.segment else None),
            (words.product, journey.product),
            (words.client, journey.client),
            (words.date, journey.date.isoformat() if journey.date else None),
        )
        if value
    ]
    return " · ".join(parts)


def touchpoint_line(tp: Touchpoint) -> str:
    """A touchpoint in a grid cell: ``★`` first for a moment of truth, the channel in brackets."""
    mark = f"{MOMENT_OF_TRUTH} " if tp.moment_of_truth else ""
    return f"{mark}{tp.name} ({tp.channel})" if tp.channel else f"{mark}{tp.name}"


def _feeling(stage: Stage, mean: float | None, words: Labels) -> str:
    if mean is None:
        return ""
    named = list(dict.fromkeys(t.emotion.label for t in stage.touchpoints if t.emotion and t.emotion.label))
    head = f"{words.face(mean)} {words.emotion(mean)}"
    return head + ("\n" + bullets(named, more=words.more, limit=10, marker="") if named else "")


def _stage_barriers(stage: Stage) -> list[tuple[Barrier, str | None]]:
    """Touchpoint barriers in touchpoint order, then the stage's own (the order of barrier analysis)."""
    found: list[tuple[Barrier, str | None]] = [(b, t.name) for t in stage.touchpoints for b in t.barriers]
    return found + [(b, None) for b in stage.barriers]


def _barrier(barrier: Barrier, where: str | None, words: Labels) -> str:
    mark = f"{_SEVERITY_MARK[barrier.severity]} {words.severity(barrier.severity)}: {barrier.description}"
    return f"{mark} ({where})" if where else mark


def _kpi(kpi: Kpi, words: Labels) -> str:
    unit = f" {kpi.unit}" if kpi.unit else ""
    figures = [
        f"{label} {_number(value)}{unit}"
        for label, value in ((words.actual, kpi.actual), (words.target, kpi.target))
        if value is not None
    ]
    return f"{kpi.name}: {', '.join(figures)}" if figures else kpi.name


def _number(value: float) -> str:
    return f"{value:g}"


def _colour_emotions(sheet: Worksheet, row: int, means: Sequence[float | None]) -> None:
    """Fill the Feeling lane (``row``) with the colour the Emotion lane's colour scale gives its mean."""
    from openpyxl.styles import PatternFill

    for column, mean in enumerate(means, start=2):
        if mean is not None:
            sheet.cell(row=row, column=column).fill = PatternFill("solid", fgColor=emotion_colour(mean))


def _colour_barriers(sheet: Worksheet, row: int, stages: Sequence[Stage]) -> None:
    """Shade a stage's barrier cell (in ``row``) by its worst severity."""
    from openpyxl.styles import PatternFill

    for column, stage in enumerate(stages, start=2):
        weights = [b.severity for b, _ in _stage_barriers(stage)]
        worst = max(weights, key=lambda s: s.weight) if weights else None
        if worst in _SEVERITY_FILL:
            sheet.cell(row=row, column=column).fill = PatternFill("solid", fgColor=_SEVERITY_FILL[worst])
