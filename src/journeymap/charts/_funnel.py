"""Drawing the measured figures (private): the funnel and the stage-to-stage flows.

Both read a :class:`~journeymap.analysis.funnel.FunnelReport`; nothing is
measured here. Every element a test reads back carries a ``gid``:
``funnel-bar-<row>`` (width = customers reached), ``funnel-figures-<row>``;
``flow-<from>-<to>`` arrows and ``flow-count-<from>-<to>`` texts, with the
stage positions in journey order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap._measure import chars_in, chars_width
from journeymap.analysis.funnel import Flow, FunnelReport, duration, percent
from journeymap.charts._layout import COLORS, FONT, TEXT, axes_size, label_step, side_legend
from journeymap.charts._text import clean, fit, shorten
from journeymap.i18n import Labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_flows", "draw_funnel"]

_RIGHT = 0.62  # share of the x range right of the widest bar, for the figures
_ARC = 0.5  # control-point height per stage of span: an arc over k stages peaks at k / 4
_END = 0.07  # arcs start and end this far above/below a stage's node


def _n(count: int) -> str:
    """A count with a thin space between thousands."""
    return f"{count:,}".replace(",", "\u202f")


def draw_funnel(ax: Axes, report: FunnelReport, words: Labels, color: str) -> None:
    """Centred bars of the customers reaching each stage, first stage on top, with conversion and drop-off."""
    stages = report.stages
    widest = max((s.reached for s in stages), default=0) or 1
    first = stages[0].reached if stages else 0
    width, height = axes_size(ax)
    row_pt = height / max(len(stages), 1)
    room = max(8, chars_in(width * _RIGHT / (1 + _RIGHT), FONT))
    label_chars = max(6, chars_in(width * 0.22, FONT))
    ax.set_xlim(0, widest * (1 + _RIGHT))
    ax.set_ylim(len(stages) - 0.5, -0.5)
    for row, stage in enumerate(stages):
        bar = ax.barh(row, stage.reached, left=(widest - stage.reached) / 2, height=0.7, color=color)[0]
        bar.set_gid(f"funnel-bar-{row}")
        share = f" ({percent(stage.reached / first)})" if first and row else ""
        ax.text(
            widest / 2,
            row,
            _n(stage.reached) + share,
            ha="center",
            va="center",
            fontsize=FONT,
            fontweight="bold",
            gid=f"funnel-reached-{row}",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            **TEXT,
        )
        if row_pt < FONT * 1.3 or row == len(stages) - 1:
            continue  # the last stage has no later stage to convert to
        lines = [f"{words.conversion}: {percent(stage.conversion)} · {words.dropped}: {stage.dropped:,}"]
        if row_pt >= FONT * 2.6 and stage.median_seconds is not None:
            lines.append(f"{words.median_to_next}: {duration(stage.median_seconds, words.time_units)}")
        ax.text(
            widest * 1.04,
            row,
            "\n".join(shorten(line, room) for line in lines),
            va="center",
            fontsize=FONT,
            color=COLORS["risk"]
            if stage.conversion is not None and stage.conversion < 0.5 and row < len(stages) - 1
            else "#333333",
            gid=f"funnel-figures-{row}",
            **TEXT,
        )
    step = label_step(len(stages), height, FONT * 1.4)
    shown = range(0, len(stages), step)
    ax.set_yticks(
        list(shown), [fit(clean(stages[i].name), label_chars, 2 if row_pt >= FONT * 2.6 else 1) for i in shown]
    )
    ax.set_xticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0, labelsize=FONT)


def draw_flows(ax: Axes, report: FunnelReport, stage_names: list[str], words: Labels, colors: tuple[str, str]) -> None:
    """Stages as nodes left to right; forward moves arc above, backward moves (the squiggle) below.

    An arc's width grows with its count; the count is written at its top.
    """
    from matplotlib.lines import Line2D

    order = {stage.id: index for index, stage in enumerate(report.stages)}
    count = len(report.stages)
    flows = [f for f in report.flows if f.source in order and f.target in order]
    biggest = max((f.count for f in flows), default=1)
    spans = {back: [abs(order[f.target] - order[f.source]) for f in flows if f.backward == back] for back in (0, 1)}
    up, down = (_ARC * max(spans[back], default=0) / 2 + _END + 0.3 for back in (0, 1))
    ax.set_xlim(-0.6, count - 0.4)
    ax.set_ylim(-down, up)
    ax.axhline(0, color=COLORS["neutral"], linewidth=0.6, zorder=1)
    nodes = ax.plot(range(count), [0] * count, "o", color="#444444", markersize=7, zorder=4)[0]
    nodes.set_gid("flow-nodes")
    for flow in flows:
        _draw_arc(ax, order[flow.source], order[flow.target], flow, biggest, colors[1] if flow.backward else colors[0])
    _stage_labels(ax, stage_names, count)
    back = sum(f.count for f in flows if f.backward)
    forward = sum(f.count for f in flows if not f.backward)
    handles = [
        Line2D([], [], color=colors[0], linewidth=3, label=f"{words.forward_moves}: {_n(forward)}"),
        Line2D([], [], color=colors[1], linewidth=3, label=f"{words.backward_moves}: {_n(back)}"),
    ]
    side_legend(ax, handles=handles)


def _draw_arc(ax: Axes, a: int, b: int, flow: Flow, biggest: int, colour: str) -> None:
    """The arc of ``flow`` from stage ``a`` to stage ``b``, above (forward) or below (backward), with its count."""
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path

    sign = -1.0 if flow.backward else 1.0
    lift = sign * _ARC * abs(b - a)
    path = Path([(a, sign * _END), ((a + b) / 2, lift), (b, sign * _END)], [Path.MOVETO, Path.CURVE3, Path.CURVE3])
    arrow = FancyArrowPatch(
        path=path,
        arrowstyle="-|>",
        mutation_scale=10,
        linewidth=0.8 + 5.2 * flow.count / biggest,
        color=colour,
        alpha=0.85,
        zorder=3,
    )
    arrow.set_gid(f"flow-{a}-{b}")
    ax.add_patch(arrow)
    ax.annotate(
        _n(flow.count),
        ((a + b) / 2, (lift + sign * _END) / 2),  # the top of the arc
        xytext=(0, sign * 3),
        textcoords="offset points",
        ha="center",
        va="bottom" if sign > 0 else "top",
        fontsize=FONT,
        color=colour,
        gid=f"flow-count-{a}-{b}",
        bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        **TEXT,
    )


def _stage_labels(ax: Axes, stage_names: list[str], count: int) -> None:
    """The stage names under the nodes, wrapped to their share of the width and thinned when crowded; no spines."""
    width, _ = axes_size(ax)
    chars = max(4, chars_in(width / max(count, 1), FONT))
    step = label_step(count, width, chars_width(min(chars, 14), FONT))
    shown = range(0, count, step)
    ax.set_xticks(list(shown), [fit(clean(stage_names[i]), chars, 2) for i in shown])
    ax.set_yticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0, labelsize=FONT)
