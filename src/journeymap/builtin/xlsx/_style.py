"""Shared look of the Excel workbook: fonts, fills, print setup, row heights (private)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "BAD",
    "GOOD",
    "HEADER_FILL",
    "MIDDLE",
    "emotion_colour",
    "emotion_scale",
    "landscape",
    "line_height",
]

BAD = "F8696B"
"""Red end of the emotion scale (−2)."""
MIDDLE = "FFFFFF"
"""White middle of the emotion scale (0)."""
GOOD = "63BE7B"
"""Green end of the emotion scale (+2)."""
HEADER_FILL = "1F4E78"
"""Dark blue of header rows (white bold text on it)."""

_POINTS_PER_LINE = 15.0
_MAX_ROW_HEIGHT = 409.0


def emotion_colour(score: float) -> str:
    """The colour of ``score`` on the red–white–green scale, as Excel's colour scale draws it.

    >>> emotion_colour(-2), emotion_colour(0), emotion_colour(2)
    ('F8696B', 'FFFFFF', '63BE7B')
    """
    share = max(-1.0, min(1.0, score / 2))
    end = GOOD if share > 0 else BAD
    channels = []
    for index in (0, 2, 4):
        low, high = int(MIDDLE[index : index + 2], 16), int(end[index : index + 2], 16)
        channels.append(round(low + (high - low) * abs(share)))
    return "".join(f"{c:02X}" for c in channels)


def emotion_scale() -> ColorScaleRule:
    """The red–white–green colour scale of emotion scores, fixed at −2, 0 and +2."""
    from openpyxl.formatting.rule import ColorScaleRule

    return ColorScaleRule(
        start_type="num",
        start_value=-2,
        start_color=BAD,
        mid_type="num",
        mid_value=0,
        mid_color=MIDDLE,
        end_type="num",
        end_value=2,
        end_color=GOOD,
    )


def line_height(text: str, width: float) -> float:
    """Row height in points that shows all of ``text`` wrapped in a column ``width`` characters wide."""
    per_line = max(1, int(width * 1.05) - 1)
    lines = sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))
    return min(_MAX_ROW_HEIGHT, lines * _POINTS_PER_LINE + 4)


def landscape(sheet: Worksheet, *, title_rows: str | None = None, title_cols: str | None = None) -> None:
    """Print ``sheet`` landscape on A4, one page wide, repeating the given header rows and columns."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    if title_rows:
        sheet.print_title_rows = title_rows
    if title_cols:
        sheet.print_title_cols = title_cols
