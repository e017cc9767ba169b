"""The Segments sheet (private): the top differences between segments of a measured log.

Written when the exporter gets ``metrics=`` (a :func:`journeymap.mining.mine`
result measured with ``segment=``): one row per difference from
:func:`journeymap.mining.differences`, most certain first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeymap.builtin.xlsx._analysis import _header
from journeymap.builtin.xlsx._cells import put
from journeymap.i18n import Labels

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from journeymap.mining import SegmentDifference

__all__ = ["TOP", "write_segments"]

TOP = 20
"""Differences shown on the sheet (and the slide)."""


def write_segments(sheet: Worksheet, found: Sequence[SegmentDifference], words: Labels) -> None:
    """A table: segment, compared with, stage or touchpoint, figure, both shares, difference, interval, p-value."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    put(sheet, 1, 1, words.segment_differences).font = Font(bold=True, size=13)
    headings = (
        words.segment,
        words.baseline,
        f"{words.stage} / {words.touchpoint}",
        "",
        words.segment,
        words.baseline,
        words.difference,
        words.confidence_interval,
        "",
        words.p_value,
    )
    _header(sheet, 2, headings)
    for row, d in enumerate(found[:TOP], start=3):
        put(sheet, row, 1, d.segment)
        put(sheet, row, 2, words.rest if d.baseline == "(rest)" else d.baseline)
        put(sheet, row, 3, d.name)
        put(sheet, row, 4, words.reach if d.figure == "reach" else words.conversion)
        for column, value in enumerate((d.share, d.baseline_share, d.difference, d.low, d.high), start=5):
            put(sheet, row, column, value).number_format = "0.0%"
        put(sheet, row, 10, d.p_value).number_format = "0.0000"
        if d.significant:
            sheet.cell(row=row, column=7).font = Font(bold=True)
    for column, width in enumerate((14, 14, 28, 12, 11, 11, 11, 10, 10, 10), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A3"
