"""Drawing emotion curves (private): slots on the x axis, stage bands, annotations.

The x axis is a row of *slots*: one per touchpoint (``by="touchpoint"``;
an empty stage keeps one slot so its band and name still show) or one per
stage (``by="stage"``). Several journeys share the union of their slots, in
order of first appearance, matched by stage id and touchpoint id. A slot
with no score is NaN, which matplotlib draws as a gap — never as 0.

Every figure comes from :mod:`journeymap.analysis`; nothing is recomputed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from journeymap._measure import chars_in, chars_width
from journeymap.analysis import BarrierReport, EmotionReport
from journeymap.charts._layout import COLORS, FONT, TEXT, axes_size, side_legend, thin
from journeymap.charts._text import clean, fit, shorten
from journeymap.errors import ValidationError
from journeymap.i18n import Labels
from journeymap.model import Journey

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["By", "Slot", "check_by", "draw_curves", "slots", "values"]

By = Literal["touchpoint", "stage"]

_TICK_CHARS = 28
_BAND_CHARS = 18
_Y_LIMITS = (-2.85, 2.75)
_MARK_Y = 2.4  # barrier markers, above +2
_MAX_LOWEST = 3


@attrs.frozen
class Slot:
    """One position on the x axis."""

    stage: str
    stage_name: str
    touchpoint: str | None
    name: str


def check_by(by: str) -> By:
    """``by`` if it is ``"touchpoint"`` or ``"stage"``, else a ValidationError naming it."""
    if by not in ("touchpoint", "stage"):
        raise ValidationError.at("by", f"must be 'touchpoint' or 'stage', got {by!r}")
    return by  # type: ignore[return-value]


def slots(journeys: Sequence[Journey], by: By) -> list[Slot]:
    """The union of the journeys' slots, in order of first appearance."""
    stage_order: list[str] = []
    stage_names: dict[str, str] = {}
    members: dict[str, list[Slot]] = {}
    for journey in journeys:
        for stage in journey.stages:
            if stage.id not in stage_names:
                stage_order.append(stage.id)
                stage_names[stage.id] = stage.name
                members[stage.id] = []
            if by == "stage":
                continue
            known = {slot.touchpoint for slot in members[stage.id]}
            for touchpoint in stage.touchpoints:
                if touchpoint.id not in known:
                    members[stage.id].append(Slot(stage.id, stage_names[stage.id], touchpoint.id, touchpoint.name))
                    known.add(touchpoint.id)
    result: list[Slot] = []
    for stage_id in stage_order:
        name = stage_names[stage_id]
        result.extend(members[stage_id] or [Slot(stage_id, name, None, name)])
    return result


def values(report: EmotionReport, places: Sequence[Slot], by: By) -> list[float]:
    """The journey's score at each slot (a stage's mean for ``by="stage"``); NaN where there is none."""
    if by == "stage":
        means = {stage.id: stage.mean for stage in report.stages}
        found = [means.get(slot.stage) for slot in places]
    else:
        scores = {(moment.stage, moment.touchpoint): moment.score for moment in report.curve}
        found = [scores.get((slot.stage, slot.touchpoint)) if slot.touchpoint else None for slot in places]
    return [math.nan if value is None else float(value) for value in found]


def _bands(places: Sequence[Slot]) -> list[tuple[str, str, int, int]]:
    """(stage id, stage name, first slot, last slot) for each run of slots of one stage."""
    bands: list[tuple[str, str, int, int]] = []
    for index, slot in enumerate(places):
        if bands and bands[-1][0] == slot.stage:
            stage, name, first, _ = bands[-1]
            bands[-1] = (stage, name, first, index)
        else:
            bands.append((slot.stage, slot.stage_name, index, index))
    return bands


def draw_curves(
    ax: Axes,
    journeys: Sequence[Journey],
    reports: Sequence[EmotionReport],
    names: Sequence[str],
    by: By,
    words: Labels,
    barriers: BarrierReport | None = None,
    color: str | None = None,
) -> None:
    """Draw one curve per journey on ``ax``, with their legend; with ``barriers`` (one journey) also the annotations."""
    places = slots(journeys, by)
    count = len(places)
    width, _ = axes_size(ax)
    slot_pt = width / max(count, 1)
    xs = list(range(count))
    bands = _bands(places)
    risky = set(barriers.at_risk) if barriers is not None else set()
    for number, (stage, _, first, last) in enumerate(bands):
        fill = COLORS["risk_band"] if stage in risky else COLORS["band" if number % 2 == 0 else "band_alt"]
        ax.axvspan(first - 0.5, last + 0.5, color=fill, lw=0, zorder=0, gid=f"band-{stage}")
    ax.axhline(0, color=COLORS["neutral"], lw=1, ls="--", zorder=1, gid="neutral")
    single = barriers is not None
    for journey_index, (report, name) in enumerate(zip(reports, names, strict=True)):
        ys = values(report, places, by)
        line_color = color if single and color else (COLORS["curve"] if single else f"C{journey_index}")
        ax.plot(
            xs,
            ys,
            color=line_color,
            lw=2,
            marker="o",
            ms=4 if count <= 200 else 2,
            zorder=3,
            label=clean(name),
            gid=f"curve-{journey_index}",
        )
    ax.set_xlim(-0.5, max(count, 1) - 0.5)
    ax.set_ylim(*_Y_LIMITS)
    ax.set_yticks(
        [-2, -1, 0, 1, 2],
        [f"{step:+d} {words.emotion(step)}".replace("+0", "0").replace("-", "−") for step in range(-2, 3)],
        fontsize=FONT,
    )
    ax.grid(axis="y", color="#dddddd", lw=0.6, zorder=0)
    ax.tick_params(axis="x", length=0)
    ax.set_ylabel(words.emotion_heading, fontsize=FONT + 1, **TEXT)
    if single and barriers is not None:
        _annotate(ax, places, reports[0], barriers, by, words, slot_pt)
    _label_axes(ax, places, bands, by, width)
    side_legend(ax)


def _label_axes(
    ax: Axes, places: Sequence[Slot], bands: Sequence[tuple[str, str, int, int]], by: By, width: float
) -> None:
    """The slot names under the x axis and (``by="touchpoint"``) the stage names on top, fitted or thinned."""
    count = max(len(places), 1)
    slot_pt = width / count
    if by == "stage":
        chars = chars_in(slot_pt, FONT)
        if chars >= 6:
            ax.set_xticks(range(len(places)), [fit(clean(s.name), chars) for s in places], fontsize=FONT, **TEXT)
            return
        kept = thin([i * slot_pt for i in range(len(places))], FONT * 1.5)
        ax.set_xticks(
            kept, [shorten(clean(places[i].name), _TICK_CHARS) for i in kept], fontsize=FONT, rotation=90, **TEXT
        )
        return
    kept = thin([i * slot_pt for i in range(len(places))], FONT * 1.6)
    ax.set_xticks(
        kept,
        [shorten(clean(places[i].name), _TICK_CHARS) for i in kept],
        fontsize=FONT,
        rotation=40,
        ha="right",
        rotation_mode="anchor",
        **TEXT,
    )
    top = ax.secondary_xaxis("top")
    top.tick_params(length=0)
    centers = [(first + last) / 2 for _, _, first, last in bands]
    band_chars = [chars_in((last - first + 1) * slot_pt, FONT) for _, _, first, last in bands]
    if min(band_chars, default=0) >= 6:
        texts = [fit(clean(name), chars) for (_, name, _, _), chars in zip(bands, band_chars, strict=True)]
        top.set_xticks(centers, texts, fontsize=FONT, fontweight="bold", **TEXT)
    else:
        keep = thin([c * slot_pt for c in centers], FONT * 1.6)
        top.set_xticks(
            [centers[i] for i in keep],
            [shorten(clean(bands[i][1]), _BAND_CHARS) for i in keep],
            fontsize=FONT,
            fontweight="bold",
            rotation=90,
            **TEXT,
        )


def _annotate(
    ax: Axes,
    places: Sequence[Slot],
    report: EmotionReport,
    barriers: BarrierReport,
    by: By,
    words: Labels,
    slot_pt: float,
) -> None:
    """Barrier markers, the lowest moments and the sharp drops of one journey."""
    where = {(slot.stage, slot.touchpoint): index for index, slot in enumerate(places)}
    stage_slot = {slot.stage: index for index, slot in enumerate(places)}
    _draw_barriers(ax, _barrier_marks(barriers, by, where, stage_slot), words, slot_pt)
    if by == "stage":
        _draw_ranges(ax, report, stage_slot)
    if report.lowest:
        xs = [stage_slot[m.stage] if by == "stage" else where[(m.stage, m.touchpoint)] for m in report.lowest]
        _draw_lowest(ax, report, xs, len(places), words, slot_pt)
    if by == "touchpoint" and report.drops:
        _draw_drops(ax, report, where, words, slot_pt)


def _barrier_marks(
    barriers: BarrierReport, by: By, where: dict[tuple[str, str | None], int], stage_slot: dict[str, int]
) -> list[tuple[int, int]]:
    """(slot, barrier count) for every touchpoint (``by="touchpoint"``) or stage with barriers."""
    marks: list[tuple[int, int]] = []
    for stage in barriers.stages:
        if by == "stage":
            if stage.total:
                marks.append((stage_slot[stage.id], stage.total))
        else:
            marks.extend((where[(stage.id, tp.id)], tp.count) for tp in stage.touchpoints if tp.count)
    return marks


def _draw_barriers(ax: Axes, marks: Sequence[tuple[int, int]], words: Labels, slot_pt: float) -> None:
    """A ▼ above each slot with barriers, with the count when the slots are wide enough."""
    if not marks:
        return
    ax.plot(
        [x for x, _ in marks],
        [_MARK_Y] * len(marks),
        ls="",
        marker="v",
        ms=6 if slot_pt >= 6 else 3,
        color=COLORS["barrier"],
        label=words.barriers,
        zorder=4,
        gid="barriers",
    )
    if slot_pt < FONT * 1.4:
        return
    for x, number in marks:
        ax.annotate(
            str(number),
            (x, _MARK_Y),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=FONT - 1,
            color=COLORS["barrier"],
            gid="barrier-count",
            **TEXT,
        )


def _draw_ranges(ax: Axes, report: EmotionReport, stage_slot: dict[str, int]) -> None:
    """A pale bar from each stage's lowest to its highest score."""
    spans = [(stage_slot[s.id], s.min, s.max) for s in report.stages if s.min is not None and s.max is not None]
    if spans:
        ax.vlines(
            [x for x, _, _ in spans],
            [low for _, low, _ in spans],
            [high for _, _, high in spans],
            color=COLORS["curve"],
            lw=6,
            alpha=0.25,
            zorder=2,
            gid="range",
        )


def _draw_lowest(ax: Axes, report: EmotionReport, xs: Sequence[int], count: int, words: Labels, slot_pt: float) -> None:
    """Rings on the lowest moments (at slots ``xs`` of ``count``) and the names of the first few that have room."""
    lowest = report.lowest
    ax.plot(
        xs,
        [m.score for m in lowest],
        ls="",
        marker="o",
        ms=9,
        mfc="none",
        mec=COLORS["low"],
        mew=1.6,
        zorder=5,
        label=words.lowest_moment,
        gid="lowest",
    )
    rows: list[float] = [-math.inf, -math.inf]  # right edge (points) of the last label in each row
    for moment, x in list(zip(lowest, xs, strict=True))[:_MAX_LOWEST]:
        text = shorten(clean(moment.name), 26)
        share = x / max(count - 1, 1)
        align = "left" if share < 0.15 else "right" if share > 0.85 else "center"
        span = chars_width(len(text), FONT)
        left = x * slot_pt - {"left": 0, "center": span / 2, "right": span}[align]
        row = next((r for r, edge in enumerate(rows) if left > edge + FONT), None)
        if row is None:
            continue  # no room: the ring still marks it
        rows[row] = left + span
        ax.annotate(
            text,
            (x, moment.score),
            xytext=(0, -9 - 11 * row),
            textcoords="offset points",
            ha=align,
            va="top",
            fontsize=FONT,
            color=COLORS["low"],
            gid="lowest-label",
            **TEXT,
        )


def _draw_drops(
    ax: Axes, report: EmotionReport, where: dict[tuple[str, str | None], int], words: Labels, slot_pt: float
) -> None:
    """Each sharp drop as a thick orange segment, with its fall when the slots are wide enough."""
    for number, drop in enumerate(report.drops):
        x0 = where[(drop.before.stage, drop.before.touchpoint)]
        x1 = where[(drop.after.stage, drop.after.touchpoint)]
        ax.plot(
            [x0, x1],
            [drop.before.score, drop.after.score],
            color=COLORS["drop"],
            lw=3.2,
            alpha=0.8,
            zorder=2,
            label=words.sharp_drop if number == 0 else "_drop",
            gid=f"drop-{number}",
        )
        if slot_pt >= FONT * 2:
            ax.annotate(
                f"−{drop.fall:g}",
                ((x0 + x1) / 2, (drop.before.score + drop.after.score) / 2),
                xytext=(5, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=FONT - 1,
                color=COLORS["drop"],
                fontweight="bold",
                gid="drop-label",
                **TEXT,
            )
