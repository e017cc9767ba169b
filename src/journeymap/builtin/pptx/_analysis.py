"""The analysis slides: overview (stages, emotion curve, barriers), measured funnel, barriers summary, coverage
(private).

Every number comes from :mod:`journeymap.analysis`; nothing is recomputed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from journeymap._measure import ellipsize, text_width
from journeymap.analysis import Report
from journeymap.analysis.funnel import duration, percent
from journeymap.builtin.pptx._deck import Box, Deck, emu, rgb
from journeymap.builtin.pptx._notes import journey_notes
from journeymap.builtin.pptx._page import Table, columns_and_table
from journeymap.builtin.pptx._text import INSET_X, Para, height
from journeymap.model import Journey

__all__ = ["STAGES_PER_OVERVIEW", "barrier_slides", "coverage_slides", "funnel_slides", "overview_slides"]

STAGES_PER_OVERVIEW = 6
"""Stages shown on one overview slide at most; more continue on "(cont.)" slides, shared evenly."""

RISK = "C0392B"
RISK_FILL = "F8C9C4"
_CHEVRON_HEIGHT = 54.0
_COUNT_HEIGHT = 44.0
_CHANNEL_WIDTH = 36.0
"""A coverage column at its narrowest: a count, and its channel's name on two lines set vertically."""
_CHANNEL_MAX = 80.0
_STAGE_WIDTH = 150.0
_COVERAGE_FILLS = ("F2F2F2", "D9EAD3", "B6D7A8", "93C47D")


def overview_slides(deck: Deck, journey: Journey, report: Report) -> None:
    """The stages as a chevron strip, barrier counts with abandonment risks marked, and the emotion curve.

    The curve is a native line chart with one point per touchpoint; a
    touchpoint without an emotion is a gap in the line (never 0).
    """
    stages = journey.stages
    notes = journey_notes(report, deck.words)
    per = overview_share([stage.name for stage in stages], deck.body.width)
    chunks = [range(i, min(i + per, len(stages))) for i in range(0, len(stages), per)]
    for page, chunk in enumerate(chunks or [range(0)]):
        slide = deck.slide(deck.words.overview, page=page, notes=notes)
        if not chunk:
            continue
        _strip(deck, slide, report, chunk, per)
        _curve(deck, slide, journey, report, chunk)


def overview_share(names: Sequence[str], width: float) -> int:
    """Stages on each overview slide (``names`` of the stages, body ``width`` points): up to
    :data:`STAGES_PER_OVERVIEW`, shared evenly (7 stages: 4 + 3, not 6 + 1), fewer (down to 3) while a word of a
    name would be broken in its chevron even at 10 pt.

    >>> overview_share(["Awareness"] * 7, 660.0), overview_share(["Осведомлённость"] * 6, 660.0)
    (4, 3)
    """
    count = len(names)
    widest = max((text_width(word, 10, bold=True) for name in names for word in name.split()), default=0.0)
    for most in range(STAGES_PER_OVERVIEW, 2, -1):
        per = -(-count // -(-count // most)) if count else 1
        if widest <= _label_room(width / per) or most == 3:
            return per
    return 1  # not reached


def _label_room(width: float) -> float:
    """The text width of a chevron's name in a chevron ``width`` points wide (its middle 60 %)."""
    return width * 0.6 - 2 * INSET_X


def _strip(deck: Deck, slide: Any, report: Report, chunk: range, per: int) -> None:
    """The chevrons, ``per`` to the body's width (as wide as the slides' share of stages allows), with the
    barrier counts under them."""
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR

    body, w = deck.body, deck.words
    width = body.width / per
    for n, index in enumerate(chunk):
        barriers = report.barriers.stages[index]
        left = body.left + n * width
        shape = slide.shapes.add_shape(MSO_SHAPE.CHEVRON, emu(left), emu(body.top), emu(width), emu(_CHEVRON_HEIGHT))
        shape.fill.solid()
        if barriers.at_risk:
            shape.fill.fore_color.rgb = rgb(RISK)
        else:
            shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
        shape.line.fill.background()
        inner = width * 0.6
        name, size = _chevron_label(barriers.name, _label_room(width))
        label = deck.text(
            slide,
            Box(left + (width - inner) / 2, body.top, inner, _CHEVRON_HEIGHT),
            [Para(name, size, bold=True, after=0, colour="FFFFFF")],
            centre=True,
        )
        label.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        lines = [Para(ellipsize(f"{w.barriers}: {barriers.total}", width - 16, 11, 1), 11, after=0)]
        if barriers.at_risk:
            risk = ellipsize(f"⚠ {w.abandonment_risk}", width - 16, 11, 1)
            lines.append(Para(risk, 11, bold=True, after=0, colour=RISK))
        deck.text(slide, Box(left, body.top + _CHEVRON_HEIGHT + 4, width, _COUNT_HEIGHT), lines, centre=True)


def _chevron_label(name: str, room: float) -> tuple[str, float]:
    """A stage's name in its overview chevron, text ``room`` points wide: 11 pt bold on two lines, or 10 pt on
    three when a word is only whole at 10 pt (a word wider even then is broken; longer names end in "…")."""
    widest = max((text_width(word, 11, bold=True) for word in name.split()), default=0.0)
    if widest <= room:
        return ellipsize(name, room, 11, 2, bold=True), 11.0
    return ellipsize(name, room, 10, 3, bold=True), 10.0


def _curve(deck: Deck, slide: Any, journey: Journey, report: Report, chunk: range) -> None:
    from pptx.chart.data import CategoryChartData as _ChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_TICK_LABEL_POSITION
    from pptx.util import Pt

    body, w = deck.body, deck.words
    top = body.top + _CHEVRON_HEIGHT + _COUNT_HEIGHT + 10
    box = Box(body.left, top, body.width, body.top + body.height - top)
    touchpoints = [tp for index in chunk for tp in journey.stages[index].touchpoints]
    if not any(tp.emotion is not None for tp in touchpoints):
        deck.text(
            slide,
            Box(box.left, box.top, box.width, height([Para(w.no_emotions, 12)], box.width)),
            [Para(w.no_emotions, 12)],
        )
        return
    data: Any = cast(Any, _ChartData)()
    data.categories = [ellipsize(tp.name, 150, 10, 1) for tp in touchpoints]
    data.add_series(w.emotion_curve, [tp.emotion.score if tp.emotion else None for tp in touchpoints])
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS, emu(box.left), emu(box.top), emu(box.width), emu(box.height), data
    )
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = True
    chart.chart_title.text_frame.text = w.emotion_curve
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    chart.font.size = Pt(10)
    value_axis = chart.value_axis
    value_axis.minimum_scale, value_axis.maximum_scale, value_axis.major_unit = -2, 2, 1
    value_axis.has_major_gridlines = True
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    blanks = chart._chartSpace.chart.find("{http://schemas.openxmlformats.org/drawingml/2006/chart}dispBlanksAs")
    if blanks is not None:
        blanks.set("val", "gap")
    chart.plots[0].series[0].smooth = False


def funnel_slides(deck: Deck, journey: Journey, report: Report) -> None:
    """For a journey measured from an event log: the funnel table (continued on "(cont.)" slides when long).

    Per stage: customers reached, went further, conversion, dropped, median
    and 75th-percentile time to the next stage, backward moves. Nothing for
    a journey without measured figures.
    """
    funnel = report.funnel
    if funnel is None or not funnel.stages:
        return
    w = deck.words
    rows = [
        (
            s.name,
            _count(s.reached),
            _count(s.converted),
            percent(s.conversion),
            _count(s.dropped),
            duration(s.median_seconds, w.time_units),
            duration(s.p75_seconds, w.time_units),
            _count(s.backward),
        )
        for s in funnel.stages
    ]
    fills = [
        [None, None, None, rgb(RISK_FILL) if s.conversion is not None and s.conversion < 0.5 else None] + [None] * 4
        for s in funnel.stages[:-1]
    ] + [[None] * 8]
    header = (
        w.stage,
        w.reached,
        w.went_further,
        w.conversion,
        w.dropped,
        w.median_to_next,
        w.p75_to_next,
        w.backward_moves,
    )
    shares = (0.24, 0.1, 0.1, 0.1, 0.1, 0.13, 0.13, 0.1)
    columns_and_table(deck, w.funnel, [], Table(header, shares, rows, fills), journey_notes(report, w))


def _count(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def barrier_slides(deck: Deck, journey: Journey, report: Report) -> None:
    """The Pareto set (heaviest barriers making 80 % of the weight), then critical barriers with remedies."""
    w = deck.words
    names = {s.id: s.name for s in journey.stages}
    tps = {tp.id: tp.name for _, tp in journey.touchpoints()}
    notes = journey_notes(report, w)

    def where(stage: str, touchpoint: str | None) -> str:
        return names[stage] + (f" · {tps[touchpoint]}" if touchpoint else "")

    pareto = [
        (str(n), b.description, w.severity(b.severity), where(b.stage, b.touchpoint))
        for n, b in enumerate(report.barriers.pareto, start=1)
    ]
    header = ("#", w.barrier, w.severity_heading, w.stage)
    columns_and_table(deck, w.pareto, [], Table(header, None, pareto), notes)
    critical = [
        (b.description, where(b.stage, b.touchpoint), b.remedy or "–")
        for b in report.barriers.ranked
        if b.severity.value == "critical"
    ]
    columns_and_table(deck, w.critical_barriers, [], Table((w.barrier, w.stage, w.remedy), None, critical), notes)


def coverage_slides(deck: Deck, journey: Journey, report: Report) -> None:
    """The stage × channel matrix as a coloured table (touchpoints per cell), the channels' names set bottom to top
    over narrow columns (so up to 12 channels and "(no channel)" fit one slide, even a 4:3 one), split over slides
    only if more."""

    w, body = deck.words, deck.body
    coverage = report.coverage
    channels = [*coverage.channels, w.no_channel]
    fit = max(1, int((body.width - _STAGE_WIDTH) // _CHANNEL_WIDTH))
    slides = -(-len(channels) // fit)
    per_slide = -(-len(channels) // slides)
    width = min(_CHANNEL_MAX, (body.width - _STAGE_WIDTH) / per_slide)
    notes = journey_notes(report, w)
    done = 0
    for start in range(0, len(channels), per_slide):
        group = channels[start : start + per_slide]
        rows, fills = [], []
        for stage in coverage.stages:
            counts = [
                stage.channels.get(c, 0)
                if c != w.no_channel or start + n < len(coverage.channels)
                else stage.no_channel
                for n, c in enumerate(group)
            ]
            rows.append((stage.name, *(str(c) for c in counts)))
            fills.append([None, *(rgb(_COVERAGE_FILLS[min(c, 3)]) for c in counts)])
        shares = [_STAGE_WIDTH / body.width, *([width / body.width] * len(group))]
        table = Table((w.stage, *group), shares, rows, fills, vertical=True)
        done += columns_and_table(deck, w.coverage, [], table, notes, first_page=done)
