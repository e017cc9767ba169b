"""Drawing a stage × column matrix of counts (private): the barrier heatmap and coverage matrix.

Rows are stages, first at the top; each non-zero cell shows its count when
the cell is big enough; the row labels (and the right-hand figures) are
thinned when there are more rows than the height can label.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeymap._measure import chars_in
from journeymap.charts._layout import COLORS, FONT, TEXT, axes_size, thin
from journeymap.charts._text import clean, fit, shorten

if TYPE_CHECKING:
    import numpy
    from matplotlib.axes import Axes
    from numpy.typing import NDArray

__all__ = ["draw_matrix", "matrix_size"]

_ROW_CHARS = 30


def matrix_size(rows: int, columns: int) -> tuple[float, float]:
    """Figure size (inches) for a matrix of ``rows`` × ``columns`` cells, at most 14 × 14."""
    return (min(4 + 0.55 * columns, 14), min(max(3.0, 1.6 + 0.32 * rows), 14))


def draw_matrix(
    ax: Axes,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    *,
    cmap: str,
    right: Sequence[str],
    right_title: str,
    highlight: Sequence[int] = (),
    muted: Sequence[int] = (),
) -> None:
    """Draw ``counts`` (one list per row) as a heatmap with row, column and right-hand labels.

    ``highlight`` rows get a red outline and red labels (abandonment risk);
    ``muted`` rows grey labels (empty stages).
    """
    import numpy as np

    data = np.array(counts, dtype=float).reshape(len(rows), len(columns))
    width, height = axes_size(ax)
    cell_w = width / max(len(columns), 1)
    cell_h = height / max(len(rows), 1)
    top = float(data.max()) if data.size else 0.0
    mesh = ax.pcolormesh(
        data,
        cmap=cmap,
        vmin=0,
        vmax=max(top, 1.0),
        edgecolors="white",
        linewidth=0.8 if cell_h >= 6 and cell_w >= 6 else 0,
    )
    mesh.set_gid("cells")
    ax.set_xlim(0, max(len(columns), 1))
    ax.set_ylim(max(len(rows), 1), 0)
    if cell_w >= FONT * 1.8 and cell_h >= FONT * 1.3:
        _cell_counts(ax, data, top)
    kept = thin(range(len(rows)), FONT * 1.35, unit=cell_h)
    _row_labels(ax, rows, kept, cell_h, set(highlight), set(muted))
    if cell_h >= FONT * 1.5:
        _risk_outlines(ax, highlight, len(columns))
    _column_labels(ax, columns, cell_w)
    _right_labels(ax, right, right_title, kept, set(highlight))


def _cell_counts(ax: Axes, data: NDArray[numpy.float64], top: float) -> None:
    """The count in each non-zero cell, white on the darkest cells."""
    import numpy as np

    for r, c in zip(*np.nonzero(data), strict=True):
        value = data[r, c]
        ax.text(
            c + 0.5,
            r + 0.5,
            f"{value:g}",
            ha="center",
            va="center",
            fontsize=FONT,
            color="white" if value > 0.6 * top else "black",
            gid="cell",
            **TEXT,
        )


def _row_labels(
    ax: Axes, rows: Sequence[str], kept: Sequence[int], cell_h: float, flagged: set[int], grey: set[int]
) -> None:
    """The ``kept`` row names on the left (two lines in tall rows); flagged rows red and bold, grey ones italic."""
    lines = 2 if cell_h >= FONT * 2.8 else 1
    ax.set_yticks(
        [r + 0.5 for r in kept],
        [fit(clean(rows[r]), _ROW_CHARS, lines) if lines == 2 else shorten(clean(rows[r]), _ROW_CHARS) for r in kept],
        fontsize=FONT,
        **TEXT,
    )
    for label, r in zip(ax.get_yticklabels(), kept, strict=True):
        if r in flagged:
            label.set_color(COLORS["risk"])
            label.set_fontweight("bold")
        elif r in grey:
            label.set_color(COLORS["empty"])
            label.set_fontstyle("italic")


def _risk_outlines(ax: Axes, highlight: Sequence[int], columns: int) -> None:
    """A red outline round each ``highlight`` row of ``columns`` cells."""
    from matplotlib.patches import Rectangle

    for r in highlight:
        ax.add_patch(
            Rectangle(
                (0.02, r + 0.04),
                max(columns, 1) - 0.04,
                0.92,
                fill=False,
                edgecolor=COLORS["risk"],
                lw=1.8,
                zorder=3,
                gid=f"risk-{r}",
            )
        )


def _column_labels(ax: Axes, columns: Sequence[str], cell_w: float) -> None:
    """The column names on top: level when every one fits its cell, else shortened and slanted."""
    chars = chars_in(cell_w, FONT)
    horizontal = all(len(clean(c)) <= chars for c in columns)
    ax.xaxis.tick_top()
    ax.set_xticks(
        [c + 0.5 for c in range(len(columns))],
        [clean(c) if horizontal else shorten(clean(c), 20) for c in columns],
        fontsize=FONT,
        rotation=0 if horizontal else 45,
        ha="center" if horizontal else "left",
        rotation_mode="anchor",
        **TEXT,
    )
    ax.tick_params(length=0)


def _right_labels(ax: Axes, right: Sequence[str], title: str, kept: Sequence[int], flagged: set[int]) -> None:
    """The right-hand figure of each ``kept`` row under ``title`` (flagged ones red and bold); no spines."""
    side = ax.secondary_yaxis("right")
    side.set_yticks([r + 0.5 for r in kept], [right[r] for r in kept], fontsize=FONT, **TEXT)
    side.tick_params(length=0)
    side.set_ylabel(title, fontsize=FONT, **TEXT)
    for label, r in zip(side.get_yticklabels(), kept, strict=True):
        if r in flagged:
            label.set_color(COLORS["risk"])
            label.set_fontweight("bold")
    for spine in (*ax.spines.values(), *side.spines.values()):
        spine.set_visible(False)
