"""Drawing the journey map poster (private): a :class:`~journeymap.layout.MapLayout` on one matplotlib page.

The figure is the layout's page: ``layout.width`` × ``layout.height`` points,
one Axes covering it with one data unit per point and ``y`` downwards, so
every place and font size of the layout is used as it is. Nothing is
measured here except the few labels the layout does not fit (lane titles,
a stage's phase line, the legend); every text comes wrapped or shortened,
and its whole text goes to the SVG as a ``<title>`` of its group
(:func:`~journeymap.charts._save.svg_titles`). Imported only when a poster is drawn (it imports
matplotlib).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure

from journeymap._measure import ellipsize, text_width
from journeymap.charts._map_curve import MOMENT, draw_curve
from journeymap.charts._map_text import INK, SEVERITY, lane_label, scale_width, small, write
from journeymap.charts._save import svg_titles
from journeymap.layout import LEADING, PAD, Item, Lane, MapLayout

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Poster", "draw_map"]

_KIND_COLOR = {"touchpoint": "touchpoint", "opportunity": "opportunity", "metric": "metric", "more": "muted"}
_ITALIC = frozenset({"more", "thought"})


class Poster(Figure):
    """The journey map's page: a Figure drawing its text unhinted, as wide as the layout measured it.

    FreeType's hinting widens small text on a PNG by up to 5 % at 100 dpi; the layout fits text to the
    point with unhinted DejaVu Sans advances. Vector files are not hinted either way.
    """

    def draw(self, renderer: RendererBase) -> None:
        """Draw with ``text.hinting`` off."""
        with matplotlib.rc_context({"text.hinting": "none"}):
            super().draw(renderer)


def draw_map(layout: MapLayout, trim: bool = False) -> Figure:
    """The poster of ``layout`` as a new Figure the size of its page (``trim``: only as tall as its content)."""
    height = (
        min(layout.height, _bottom(layout) + PAD / 2 + small(layout) * LEADING + layout.margin)
        if trim
        else layout.height
    )
    figure = Poster(figsize=(layout.width / 72, height / 72), facecolor="white")
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, layout.width)
    ax.set_ylim(height, 0)
    ax.set_axis_off()
    titles = svg_titles(figure)
    _header(ax, layout, titles)
    _grid(ax, layout)
    _stages(ax, layout, titles)
    for lane in layout.lanes:
        _lane_title(ax, layout, lane, titles)
        for cell in lane.cells:
            for number, item in enumerate(cell.items):
                _item(ax, layout, item, cell.x + PAD, f"map-{lane.key}-{cell.stage}-{number}", titles)
    _lines(ax, layout)
    if layout.curve:
        draw_curve(ax, layout, titles)
    _legend(ax, layout)
    return figure


def _bottom(layout: MapLayout) -> float:
    """Where the last lane ends."""
    return layout.lanes[-1].y + layout.lanes[-1].height if layout.lanes else layout.stage_top + layout.stage_height


def _header(ax: Axes, layout: MapLayout, titles: dict[str, str]) -> None:
    """The band on top: the title, and persona, segment, product and client under it."""
    from matplotlib.patches import Rectangle

    band = layout.stage_top - PAD / 2
    ax.add_patch(Rectangle((0, 0), layout.width, band, facecolor=INK["band"], lw=0, zorder=0))
    ax.add_patch(Rectangle((0, band - 1.5), layout.width, 1.5, facecolor=INK["heading"], lw=0, zorder=0))
    size = layout.font_size * 2
    write(
        ax, layout.margin, layout.margin, layout.title, size, fontweight="bold", color=INK["heading"], gid="map-title"
    )
    titles["map-title"] = layout.full_title
    if layout.subtitle:
        top = layout.margin + size * LEADING
        write(ax, layout.margin, top, layout.subtitle, layout.font_size, color=INK["muted"], gid="map-subtitle")
        titles["map-subtitle"] = layout.full_subtitle


def _grid(ax: Axes, layout: MapLayout) -> None:
    """Lane stripes, the lane titles' column, abandonment-risk columns shaded, and the rules between."""
    from matplotlib.patches import Rectangle

    left, right = layout.margin, layout.width - layout.margin
    cells_left = left + layout.label_width
    top, bottom = layout.stage_top + layout.stage_height, _bottom(layout)
    for number, lane in enumerate(layout.lanes):
        if number % 2:
            ax.add_patch(Rectangle((cells_left, lane.y), right - cells_left, lane.height, fc=INK["stripe"], lw=0))
        ax.add_patch(Rectangle((left, lane.y), layout.label_width, lane.height, fc=INK["label"], lw=0, zorder=0.5))
    for column in layout.columns:
        if column.at_risk:
            shade = Rectangle((column.x, top), column.width, bottom - top, fc=INK["risk_shade"], lw=0, alpha=0.7)
            ax.add_patch(shade)
    rules = sorted({lane.y for lane in layout.lanes} | {lane.y + lane.height for lane in layout.lanes})
    ax.hlines(rules or [bottom], left, right, colors=INK["rule"], lw=0.6, zorder=1)
    edges = [column.x for column in layout.columns[1:]]
    spans = [(top, bottom)] if not layout.lines else [(lane.y, lane.y + lane.height) for lane in layout.lanes]
    if edges and spans:  # the column rules stop at the blueprint's lines, which run across the page
        xs = [x for x in edges for _ in spans]
        ax.vlines(
            xs,
            [a for _ in edges for a, _ in spans],
            [b for _ in edges for _, b in spans],
            colors=INK["rule"],
            lw=0.5,
            zorder=1,
        )


def _lines(ax: Axes, layout: MapLayout) -> None:
    """The lines of interaction and visibility: a dashed rule across the cells in its own band, its label first."""
    left = layout.margin + layout.label_width + PAD
    right = layout.width - layout.margin
    size = small(layout)
    for line in layout.lines:
        label = ellipsize(line.title, right - left - 4 * PAD, size, 1)
        write(
            ax,
            left,
            line.y,
            label,
            size,
            va="center",
            fontstyle="italic",
            color=INK["heading"],
            gid=f"map-line-{line.key}",
        )
        start = left + text_width(label, size) + PAD
        ax.hlines([line.y], start, right, colors=INK["heading"], linestyles=(0, (4, 3)), lw=0.9, zorder=1.5)


def _stages(ax: Axes, layout: MapLayout, titles: dict[str, str]) -> None:
    """Each stage's header: its name, its phase and its barrier count; red for an abandonment risk."""
    from matplotlib.patches import Rectangle

    name_size = layout.font_size + 1
    for column in layout.columns:
        risk = column.at_risk
        fill = INK["risk"] if risk else INK["label"]
        box = Rectangle((column.x, layout.stage_top), column.width, layout.stage_height, fc=fill, ec="white", lw=1)
        ax.add_patch(box)
        ink = "white" if risk else INK["heading"]
        gid = f"map-stage-{column.stage}"
        for number, line in enumerate(column.lines):
            top = layout.stage_top + PAD + number * name_size * LEADING
            write(
                ax, column.x + PAD, top, line, name_size, fontweight="bold", color=ink, gid=gid if not number else None
            )
        titles[gid] = column.name
        _stage_footer(ax, layout, column.x, column.width, column.phase, column.barriers, risk, column.stage, titles)


def _stage_footer(
    ax: Axes,
    layout: MapLayout,
    x: float,
    width: float,
    phase: str,
    barriers: int,
    risk: bool,
    stage: int,
    titles: dict[str, str],
) -> None:
    """The last line of a stage header: the phase on the left, ``▲ n`` (barriers) on the right."""
    size = small(layout)
    bottom = layout.stage_top + layout.stage_height - PAD / 2
    badge = f"▲ {barriers}"
    badge_width = text_width(badge, size, bold=True)
    badge_ink = "white" if risk else (INK["risk"] if barriers else INK["muted"])
    write(ax, x + width - PAD, bottom, badge, size, ha="right", va="bottom", fontweight="bold", color=badge_ink)
    room = width - 3 * PAD - badge_width
    if phase and room > size:
        shown = ellipsize(phase, room, size, 1)
        gid = f"map-phase-{stage}"
        write(ax, x + PAD, bottom, shown, size, va="bottom", color="white" if risk else INK["muted"], gid=gid)
        titles[gid] = phase


def _lane_title(ax: Axes, layout: MapLayout, lane: Lane, titles: dict[str, str]) -> None:
    """The lane's title in the left column (narrower in the emotion lane, whose scale it shares)."""
    width = layout.label_width - 2 * PAD
    if lane.key == "emotions":
        width -= scale_width(layout) + PAD
    lines, size, bold = lane_label(lane.title, width, lane.height, layout.font_size)
    gid = f"map-lane-{lane.key}"
    for number, line in enumerate(lines):
        top = lane.y + PAD + number * size * LEADING
        weight = "bold" if bold else "normal"
        write(
            ax,
            layout.margin + PAD,
            top,
            line,
            size,
            fontweight=weight,
            color=INK["heading"],
            gid=None if number else gid,
        )
    titles[gid] = lane.title


def _item(ax: Axes, layout: MapLayout, item: Item, x: float, gid: str, titles: dict[str, str]) -> None:
    """One fitted item of a cell, its text from ``x``: its lines, then a touchpoint's channel as a small grey line."""
    ink = (
        SEVERITY.get(item.severity or "", INK["text"])
        if item.kind == "barrier"
        else INK[_KIND_COLOR.get(item.kind, "text")]
    )
    style = "italic" if item.kind in _ITALIC else "normal"
    for number, line in enumerate(item.lines):
        top = item.y + number * layout.line_height
        write(ax, x, top, line, layout.font_size, color=ink, fontstyle=style, gid=None if number else gid)
    if item.channel_line is not None:
        top = item.y + len(item.lines) * layout.line_height
        write(ax, x, top, item.channel_line, small(layout), color=INK["muted"])
    whole = item.full if item.channel is None else f"{item.full} · {item.channel}"
    titles[gid] = f"{whole}\n{item.note}" if item.note else whole


def _legend(ax: Axes, layout: MapLayout) -> None:
    """The legend line under the lanes: what the marks mean, then the barrier colours by severity, the ★ of a
    moment of truth, and each persona's curve in its colour."""
    size = small(layout)
    top = _bottom(layout) + PAD / 2
    samples = [(f"▲ {layout.words.severity(name)}", color) for name, color in SEVERITY.items()]
    if any(point.moment_of_truth for point in layout.curve):
        samples.append((layout.words.moment_mark(), MOMENT))
    samples += [(f"— {persona.name}", persona.colour) for persona in layout.personas]
    tail = sum(text_width(text, size) + 2 * PAD for text, _ in samples)
    room = layout.width - 2 * layout.margin - tail - 2 * PAD
    legend = ellipsize(layout.words.map_legend, max(room, size), size, 1)
    write(ax, layout.margin, top, legend, size, color=INK["muted"], gid="map-legend")
    x = layout.margin + text_width(legend, size) + 3 * PAD
    for text, color in samples:
        write(ax, x, top, text, size, color=color)
        x += text_width(text, size) + 2 * PAD
