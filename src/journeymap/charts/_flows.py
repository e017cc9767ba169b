"""Drawing paths as a Sankey-style flow (private): one column per position, bands between neighbours.

Reads anything shaped like :class:`journeymap.mining.around.Paths` (charts
do not import mining): ``around``, ``before`` and ``links`` of ``offset``,
``source``, ``target``, ``count``. Each column stacks its steps, most
customers on top, the ``_KEEP`` largest shown and the rest merged into "…";
a band joins a step to the step after it, as wide as the customers who went
that way. ``gid``: ``flow-node-<column>-<row>`` (height = customers) and
``flow-band-<column>-<row>-<row>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from journeymap.charts._layout import COLORS, FONT, TEXT
from journeymap.charts._text import clean, shorten
from journeymap.i18n import Labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["FlowLink", "FlowPaths", "draw_paths", "kept_steps", "step_columns"]

_KEEP = 6  # steps shown per column; the rest become one "…" node
_GAP = 0.02  # vertical gap between the nodes of a column, as a share of the customers
_NODE = 0.12  # node width in column units
_OTHER = "…"


class FlowLink(Protocol):
    """A move between neighbouring positions."""

    @property
    def offset(self) -> int: ...
    @property
    def source(self) -> str | None: ...
    @property
    def target(self) -> str | None: ...
    @property
    def count(self) -> int: ...


class FlowPaths(Protocol):
    """What :func:`draw_paths` reads."""

    @property
    def around(self) -> str: ...
    @property
    def before(self) -> int: ...
    @property
    def links(self) -> Sequence[FlowLink]: ...
    @property
    def by(self) -> str: ...


def step_columns(paths: FlowPaths) -> list[dict[str | None, int]]:
    """Customers per step in each column, left to right."""
    offsets = sorted({link.offset for link in paths.links})
    if not offsets:
        return []
    columns: list[dict[str | None, int]] = [{} for _ in range(len(offsets) + 1)]
    for link in paths.links:
        column = link.offset - offsets[0]
        columns[column][link.source] = columns[column].get(link.source, 0) + link.count
        columns[column + 1][link.target] = columns[column + 1].get(link.target, 0) + link.count
    for index in range(1, len(columns) - 1):  # inner columns were counted from both sides
        columns[index] = {step: n // 2 for step, n in columns[index].items()}
    return columns


def kept_steps(column: dict[str | None, int]) -> list[str | None]:
    """The steps of a column drawn on their own: the six with most customers (ties by name)."""
    ordered = sorted(column, key=lambda step: (-column[step], str(step)))
    return ordered[:_KEEP]


def draw_paths(ax: Axes, paths: FlowPaths, words: Labels, color: str, names: Mapping[str, str]) -> None:
    """The flow of ``paths`` into ``ax``: nodes per position, bands per move; a step is written as ``names[step]``."""
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path

    columns = step_columns(paths)
    total = max((sum(c.values()) for c in columns), default=1) or 1
    first = min((link.offset for link in paths.links), default=0)
    place: list[dict[str | None, tuple[float, float]]] = []  # node -> (top, height), y grows downwards
    for x, column in enumerate(columns):
        kept = kept_steps(column)
        other = sum(n for step, n in column.items() if step not in kept)
        nodes: dict[str | None, tuple[float, float]] = {}
        top = 0.0
        for row, step in enumerate([*kept, _OTHER] if other else kept):
            height = (other if step == _OTHER else column[step]) / total
            nodes[step] = (top, height)
            anchor = step is not None and (first + x) == 0
            ax.add_patch(
                Rectangle(
                    (x - _NODE / 2, top),
                    _NODE,
                    height,
                    color=COLORS["drop"] if anchor else (COLORS["neutral"] if step is None else color),
                    gid=f"flow-node-{x}-{row}",
                )
            )
            end = words.path_start if first + x < 0 else words.path_end
            name = end if step is None else names.get(step, step)
            count = other if step == _OTHER else column[step]
            ax.text(
                x + _NODE / 2 + 0.03,
                top + height / 2,
                f"{shorten(clean(str(name)), 18)} ({count})",
                ha="left",
                va="center",
                fontsize=FONT - 1,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
                **TEXT,
            )
            top += height + _GAP
        place.append(nodes)
    out_used: dict[tuple[int, str | None], float] = {}
    in_used: dict[tuple[int, str | None], float] = {}
    ordered = sorted(paths.links, key=lambda link: (link.offset, -link.count, str(link.source), str(link.target)))
    for link in ordered:
        x = link.offset - first
        source = link.source if link.source in place[x] else _OTHER
        target = link.target if link.target in place[x + 1] else _OTHER
        height = link.count / total
        y0 = place[x][source][0] + out_used.get((x, source), 0.0)
        y1 = place[x + 1][target][0] + in_used.get((x + 1, target), 0.0)
        out_used[(x, source)] = out_used.get((x, source), 0.0) + height
        in_used[(x + 1, target)] = in_used.get((x + 1, target), 0.0) + height
        left, right, mid = x + _NODE / 2, x + 1 - _NODE / 2, x + 0.5
        vertices = [
            (left, y0),
            (mid, y0),
            (mid, y1),
            (right, y1),
            (right, y1 + height),
            (mid, y1 + height),
            (mid, y0 + height),
            (left, y0 + height),
            (left, y0),
        ]
        codes = [Path.MOVETO, *[Path.CURVE4] * 3, Path.LINETO, *[Path.CURVE4] * 3, Path.CLOSEPOLY]
        rows = list(place[x]).index(source), list(place[x + 1]).index(target)
        ax.add_patch(
            PathPatch(
                Path(vertices, codes), facecolor=color, alpha=0.25, lw=0, gid=f"flow-band-{x}-{rows[0]}-{rows[1]}"
            )
        )
    height = max((sum(h + _GAP for _, h in nodes.values()) for nodes in place), default=1.0)
    ax.set_xlim(-0.3, max(len(columns) - 1, 0) + 0.9)
    ax.set_ylim(height, -0.02)
    ax.set_xticks(range(len(columns)), [f"{first + x:+d}" if first + x else "0" for x in range(len(columns))])
    ax.tick_params(axis="x", labelsize=FONT - 1, length=0)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
