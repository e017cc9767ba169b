"""The Analysis sheet of the Excel workbook (private).

Barrier counts per stage with the abandonment-risk flag, mean emotion per
stage, a native line chart of the emotion curve, and the stage × channel
coverage matrix with a colour scale; below it, for a journey measured from
an event log (``journeymap mine``), the funnel table. The figures come from
:mod:`journeymap.analysis`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap.analysis import BarrierReport, CoverageReport, EmotionReport, FunnelReport
from journeymap.builtin.xlsx._cells import put
from journeymap.builtin.xlsx._style import HEADER_FILL, emotion_scale, landscape
from journeymap.i18n import Labels

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["CHART_ANCHOR", "write_analysis"]

CHART_ANCHOR = "H2"
"""Top-left cell of the emotion chart, right of the per-stage table."""
_CHART_ROWS = 22
"""Rows the chart covers; the coverage matrix starts below it."""


def write_analysis(
    sheet: Worksheet,
    words: Labels,
    barriers: BarrierReport,
    emotions: EmotionReport,
    coverage: CoverageReport,
    funnel: FunnelReport | None = None,
) -> None:
    """Fill ``sheet`` with the per-stage figures, the emotion chart, the coverage matrix and the funnel, if any."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    stages = len(barriers.stages)
    put(sheet, 1, 1, words.barriers_per_stage).font = Font(bold=True, size=13)
    headings = (
        words.stage,
        words.barrier_count,
        words.weighted_barriers,
        words.risk,
        words.mean_emotion,
        words.touchpoints,
    )
    _header(sheet, 2, headings)
    sheet.row_dimensions[2].height = 32  # two-line headings
    for row, (counted, felt, covered) in enumerate(
        zip(barriers.stages, emotions.stages, coverage.stages, strict=True), start=3
    ):
        put(sheet, row, 1, counted.name)
        put(sheet, row, 2, counted.total)
        put(sheet, row, 3, counted.weight)
        put(sheet, row, 4, words.abandonment_risk if counted.at_risk else None)
        put(sheet, row, 5, felt.mean).number_format = "+0.00;-0.00;0.00"
        put(sheet, row, 6, covered.touchpoints)
    last = stages + 2
    if stages:
        risky = PatternFill("solid", bgColor="FFC7CE")
        sheet.conditional_formatting.add(
            f"B3:B{last}",
            FormulaRule(formula=[f"B3>{barriers.threshold}"], fill=risky, font=Font(bold=True, color="9C0006")),
        )
        sheet.conditional_formatting.add(
            f"D3:D{last}", FormulaRule(formula=["LEN(D3)>0"], fill=risky, font=Font(bold=True, color="9C0006"))
        )
        sheet.conditional_formatting.add(
            f"E3:E{last}",
            emotion_scale(),
        )
        sheet.add_chart(_emotion_chart(sheet, words, last), CHART_ANCHOR)
    below = _coverage(sheet, max(last, _CHART_ROWS) + 3, words, coverage)
    if funnel is not None:
        _funnel(sheet, below + 3, words, funnel)
    for column, width in zip("ABCDEF", (34, 11, 11, 18, 11, 12), strict=True):
        sheet.column_dimensions[column].width = width
    landscape(sheet)


def _header(sheet: Worksheet, row: int, headings: tuple[str, ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for column, heading in enumerate(headings, start=1):
        made = put(sheet, row, column, heading)
        made.font, made.fill = Font(bold=True, color="FFFFFF"), fill
        made.alignment = Alignment(wrap_text=True, vertical="center")


def _emotion_chart(sheet: Worksheet, words: Labels, last: int) -> object:
    """A line chart of the mean emotion per stage; stage names sit below the plot even under negative values.

    The category axis has no title: the stage names say it, and a title would collide with long rotated names.
    """
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.title = words.emotion_curve
    chart.style = 2
    chart.legend = None
    chart.height, chart.width = 10.5, 17.0
    chart.add_data(Reference(sheet, min_col=5, min_row=2, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=3, max_row=last))
    series = chart.series[0]
    series.marker.symbol = "circle"
    series.marker.size = 7
    series.smooth = False
    chart.display_blanks = "gap"
    chart.y_axis.title = words.emotion_heading
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = -2, 2
    chart.y_axis.majorUnit = 1
    chart.y_axis.number_format = "+0;-0;0"
    chart.x_axis.tickLblPos = "low"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


def _coverage(sheet: Worksheet, top: int, words: Labels, coverage: CoverageReport) -> int:
    """The stage × channel matrix of touchpoint counts, shaded by a white-to-blue colour scale; returns its last row."""
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    put(sheet, top, 1, words.coverage).font = Font(bold=True, size=13)
    unlabelled = any(stage.no_channel for stage in coverage.stages)
    columns = (*coverage.channels, *((words.no_channel,) if unlabelled else ()))
    _header(sheet, top + 1, (words.stage, *columns))
    for row, stage in enumerate(coverage.stages, start=top + 2):
        put(sheet, row, 1, stage.name).alignment = Alignment(wrap_text=True, vertical="top")
        counts = [stage.channels.get(channel, 0) for channel in coverage.channels]
        if unlabelled:
            counts.append(stage.no_channel)
        for column, count in enumerate(counts, start=2):
            put(sheet, row, column, count).alignment = Alignment(horizontal="center")
    if coverage.stages and columns:
        first = get_column_letter(2)
        end = get_column_letter(len(columns) + 1)
        sheet.conditional_formatting.add(
            f"{first}{top + 2}:{end}{top + 1 + len(coverage.stages)}",
            ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF", end_type="max", end_color="5B9BD5"),
        )
    sheet.row_dimensions[top + 1].height = 32
    for column in range(7, len(columns) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    return top + 1 + len(coverage.stages)


def _funnel(sheet: Worksheet, top: int, words: Labels, funnel: FunnelReport) -> None:
    """The measured funnel: per stage reached, went further, conversion, dropped, median and p75 time to the next.

    Counts are numbers, conversion a percentage, times durations (``[h]:mm:ss``); an unknown figure is empty.
    """
    import datetime as dt

    from openpyxl.formatting.rule import DataBarRule
    from openpyxl.styles import Font

    put(sheet, top, 1, words.funnel).font = Font(bold=True, size=13)
    headings = (
        words.stage,
        words.reached,
        words.went_further,
        words.conversion,
        words.dropped,
        words.median_to_next,
        words.p75_to_next,
        words.backward_moves,
    )
    _header(sheet, top + 1, headings)
    sheet.row_dimensions[top + 1].height = 48  # three-line headings
    for row, stage in enumerate(funnel.stages, start=top + 2):
        put(sheet, row, 1, stage.name)
        put(sheet, row, 2, stage.reached)
        put(sheet, row, 3, stage.converted)
        put(sheet, row, 4, stage.conversion).number_format = "0%"
        put(sheet, row, 5, stage.dropped)
        for column, seconds in ((6, stage.median_seconds), (7, stage.p75_seconds)):
            value = None if seconds is None else dt.timedelta(seconds=seconds)
            put(sheet, row, column, value).number_format = "[h]:mm:ss"
        put(sheet, row, 8, stage.backward)
    if funnel.stages:
        end = top + 1 + len(funnel.stages)
        sheet.conditional_formatting.add(
            f"B{top + 2}:B{end}",
            DataBarRule(start_type="num", start_value=0, end_type="max", color="5B9BD5", showValue=True),
        )
    for letter in "GH":
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width or 0, 12)
