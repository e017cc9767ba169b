"""The Blueprint sheet of the Excel workbook: the service blueprint under the customer's steps (private).

Only for a journey with frontstage, backstage or support steps. One column per
stage, rows from the top: customer actions, touchpoints, the line of
interaction, frontstage, the line of visibility, backstage, support. The lines
are labelled separator rows across the grid, drawn with a dashed border. A step
shows its owner in brackets and, when it serves a touchpoint, ``→`` and the
touchpoint's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from journeymap.builtin._blueprint import customer_actions, step_text, touchpoint_names
from journeymap.builtin.xlsx._cells import bullets, put
from journeymap.builtin.xlsx._map import LANE_WIDTH, STAGE_WIDTH, touchpoint_line
from journeymap.builtin.xlsx._style import HEADER_FILL, landscape, line_height
from journeymap.i18n import Labels
from journeymap.model import BlueprintStep, Journey, Stage

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["write_blueprint"]

LINE_COLOUR = "1F4E78"
"""Colour of the dashed lines of interaction and visibility."""
_LINE_FILL = "DDEBF7"
_LINE_HEIGHT = 18.0


def write_blueprint(sheet: Worksheet, journey: Journey, words: Labels) -> None:
    """Fill ``sheet`` with the blueprint grid of ``journey``."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    stages = journey.stages
    names = touchpoint_names(journey)

    def listed(items: Sequence[str]) -> str:
        return bullets(items, more=words.more)

    def steps(pick: Callable[[Stage], Sequence[BlueprintStep]]) -> Callable[[Stage], str]:
        return lambda stage: listed([step_text(step, names) for step in pick(stage)])

    rows: list[tuple[str, Callable[[Stage], str] | None]] = [
        (words.customer_actions, lambda s: listed(customer_actions(s))),
        (words.touchpoints, lambda s: listed([touchpoint_line(tp) for tp in s.touchpoints])),
        (words.line_of_interaction, None),
        (words.frontstage, steps(lambda s: s.frontstage)),
        (words.line_of_visibility, None),
        (words.backstage, steps(lambda s: s.backstage)),
        (words.support, steps(lambda s: s.support)),
    ]
    top = Alignment(vertical="top", wrap_text=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_font, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor=HEADER_FILL)
    lane_fill, line_fill = PatternFill("solid", fgColor="F2F2F2"), PatternFill("solid", fgColor=_LINE_FILL)
    dashed = Side(style="mediumDashed", color=LINE_COLOUR)
    last = len(stages) + 1

    for column, name in enumerate([words.stage, *(s.name for s in stages)], start=1):
        head = put(sheet, 1, column, name)
        head.font, head.fill, head.alignment = header_font, header_fill, centred
    sheet.row_dimensions[1].height = max((line_height(s.name, STAGE_WIDTH) for s in stages), default=None)
    for row, (label, render) in enumerate(rows, start=2):
        if render is None:  # a line: a labelled separator row with a dashed border above and below
            put(sheet, row, 1, label)
            for column in range(1, last + 1):
                target = sheet.cell(row=row, column=column)
                target.fill, target.border = line_fill, Border(top=dashed, bottom=dashed)
                target.font, target.alignment = Font(italic=True, bold=True, color=LINE_COLOUR), centred
            if last > 1:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            sheet.row_dimensions[row].height = _LINE_HEIGHT
            continue
        head = put(sheet, row, 1, label)
        head.font, head.fill, head.alignment = Font(bold=True), lane_fill, top
        height = line_height(label, LANE_WIDTH)
        for column, stage in enumerate(stages, start=2):
            content = render(stage)
            put(sheet, row, column, content or None).alignment = top
            height = max(height, line_height(content, STAGE_WIDTH))
        sheet.row_dimensions[row].height = height

    sheet.column_dimensions["A"].width = LANE_WIDTH
    for column in range(2, last + 1):
        sheet.column_dimensions[get_column_letter(column)].width = STAGE_WIDTH
    sheet.freeze_panes = "B2"
    landscape(sheet, title_rows="1:1", title_cols="A:A")
