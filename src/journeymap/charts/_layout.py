"""What the charts share (private): style, colours, the Axes, the opening of every chart, sizes, label thinning.

Everything here uses matplotlib's object API (``matplotlib.figure.Figure``),
never pyplot, and imports matplotlib inside the functions.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from journeymap.charts._text import clean, shorten
from journeymap.i18n import Labels, labels
from journeymap.model import Journey

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "COLORS",
    "FONT",
    "HASH_SALT",
    "TEXT",
    "TITLE_CHARS",
    "axes_size",
    "chart_style",
    "draw_chart",
    "label_step",
    "new_axes",
    "no_data",
    "set_title",
    "side_legend",
    "thin",
    "words_for",
]

FONT = 8.0
"""Font size of labels, in points."""

TEXT: dict[str, Any] = {"parse_math": False}
"""Keyword arguments for every text holding user text: never mathtext."""

TITLE_CHARS = 90
"""Titles longer than this many characters are shortened with an ellipsis."""

HASH_SALT = "journeymap"
"""``svg.hashsalt`` used when saving, so the same chart gives the same SVG bytes."""

COLORS = {
    "curve": "#1f5fa8",
    "band": "#eef2f7",
    "band_alt": "#ffffff",
    "risk_band": "#fde7e4",
    "neutral": "#888888",
    "low": "#c0392b",
    "drop": "#d35400",
    "barrier": "#b03a2e",
    "risk": "#c0392b",
    "empty": "#9a9a9a",
}
"""Colours of the chart elements; the curves of several journeys use the default colour cycle."""


@contextlib.contextmanager
def chart_style() -> Iterator[None]:
    """rc settings while a chart is built: no mathtext, no TeX, fixed SVG hash salt."""
    import matplotlib

    with matplotlib.rc_context(
        {"text.parse_math": False, "text.usetex": False, "svg.hashsalt": HASH_SALT, "axes.titlesize": 10}
    ):
        yield


def new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """``ax`` itself, or the Axes of a new constrained-layout Figure of ``figsize`` inches."""
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    figure = Figure(figsize=figsize, layout="constrained")
    return figure.add_subplot()


def axes_size(ax: Axes) -> tuple[float, float]:
    """Approximate width and height of ``ax`` in points (before layout adjusts it slightly)."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    width, height = figure.get_size_inches()
    box = ax.get_position()
    return float(box.width * width * 72), float(box.height * height * 72)


def label_step(count: int, length: float, needed: float) -> int:
    """Show every n-th of ``count`` labels so each gets ``needed`` points along ``length`` points.

    >>> label_step(10, 500, 12), label_step(1000, 600, 12)
    (1, 20)
    """
    if count <= 1 or length <= 0:
        return 1
    return max(1, math.ceil(needed / (length / count)))


def thin(positions: Sequence[float], gap: float, unit: float = 1.0) -> list[int]:
    """Indexes of the ``positions`` to label, greedily from the first, so that labelled ones are ``gap`` points apart.

    ``positions`` are in units of ``unit`` points (points by default).

    >>> thin([0, 5, 10, 15, 20], 10), thin(range(5), 10, unit=4)
    ([0, 2, 4], [0, 3])
    """
    kept: list[int] = []
    for index, position in enumerate(positions):
        if not kept or (position - positions[kept[-1]]) * unit >= gap:
            kept.append(index)
    return kept


def no_data(ax: Axes, message: str) -> None:
    """Write ``message`` in the middle of an empty chart."""
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=COLORS["empty"],
        fontsize=FONT + 2,
        gid="no-data",
        **TEXT,
    )
    ax.set_xticks([])
    ax.set_yticks([])


def words_for(journey: Journey, lang: str | None) -> Labels:
    """The labels in ``lang``, else in the journey's language."""
    return labels(lang or journey.language)


def set_title(ax: Axes, default: str, title: str | None) -> None:
    """Title ``ax`` with ``title``, or ``default`` when it is None; ``""`` draws no title."""
    text = default if title is None else title
    if text:
        ax.set_title(shorten(clean(text), TITLE_CHARS), fontsize=FONT + 2, loc="left", **TEXT)


def draw_chart(
    journey: Journey,
    *,
    lang: str | None,
    ax: Axes | None,
    figsize: tuple[float, float],
    heading: Callable[[Labels], str],
    title: str | None,
    empty: bool,
    draw: Callable[[Axes, Labels], None],
) -> Axes:
    """The opening every one-Axes chart shares, then ``draw``; returns the Axes.

    Labels in ``lang`` (else the language of ``journey``), the chart style,
    ``ax`` or a new Figure's Axes of ``figsize``, the title (``heading`` of
    the labels unless ``title`` is given); then ``draw(ax, words)``, or the
    "no data" message when the chart is ``empty``.
    """
    words = words_for(journey, lang)
    with chart_style():
        axes = new_axes(ax, figsize)
        set_title(axes, heading(words), title)
        if empty:
            no_data(axes, words.no_data)
        else:
            draw(axes, words)
    return axes


def side_legend(ax: Axes, **options: Any) -> None:
    """The legend outside the Axes, at its top right."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=FONT, frameon=False, **options)
