"""Text and colours of the journey map poster (private): the one place user text is drawn, and the labels
the layout does not fit (lane titles, the emotion scale).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeymap._measure import ellipsize, text_width, wrap
from journeymap.charts._layout import COLORS, TEXT
from journeymap.charts._text import clean
from journeymap.layout import LEADING, PAD, MapLayout

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["INK", "SEVERITY", "SMALL", "lane_label", "scale_number", "scale_width", "small", "write"]

SMALL = 8.0
"""The smallest font on the poster, in points (readable on A3)."""

INK = {
    "text": "#1d2733",
    "heading": "#1f3b57",
    "muted": "#5f6b78",
    "band": "#eef2f7",
    "label": "#e3e9f1",
    "stripe": "#f6f8fb",
    "rule": "#c5cfdb",
    "risk": COLORS["risk"],
    "risk_shade": "#fbe3e0",
    "touchpoint": "#16406e",
    "opportunity": "#1e6b43",
    "metric": "#1f5fa8",
}
"""Colours of the poster."""

SEVERITY = {"minor": "#a87d00", "major": "#d35400", "critical": "#b0211a"}
"""Colour of a barrier by severity (text and marker)."""


def small(layout: MapLayout) -> float:
    """The size of secondary text: a point under the body text, never under :data:`SMALL`."""
    return max(SMALL, layout.font_size - 1)


def write(ax: Axes, x: float, y: float, text: str, size: float, **style: Any) -> None:
    """Draw one line of user text, its top left at (x, y) unless ``ha``/``va`` say otherwise.

    Characters the font lacks (emoji) and control characters are left out; the text is never mathtext.
    """
    shown = clean(text) if text.strip() else ""
    if not shown:
        return
    options: dict[str, Any] = {"ha": "left", "va": "top", "color": INK["text"], "clip_on": False, **TEXT}
    options.update(style)
    ax.text(x, y, shown, fontsize=size, **options)


def lane_label(text: str, width: float, height: float, size: float) -> tuple[list[str], float, bool]:
    """A lane title's lines, font size and weight: bold at ``size`` if it fits without breaking a word, else smaller.

    >>> lane_label("Customer goals", 70, 40, 9)
    (['Customer ', 'goals'], 9, True)
    """
    for font, bold in ((size, True), (max(SMALL, size - 1), True), (SMALL, False)):
        rows = max(1, int((height - 2 * PAD) // (font * LEADING)))
        lines = wrap(text, width, font, bold)
        if len(lines) <= rows and all(text_width(word, font, bold) <= width for word in text.split()):
            return lines, font, bold
    rows = max(1, int((height - 2 * PAD) // (SMALL * LEADING)))
    return wrap(ellipsize(text, width, SMALL, rows), width, SMALL), SMALL, False


def scale_width(layout: MapLayout) -> float:
    """Width of the widest face of the emotion scale, drawn left of the curve (the numbers go right of it)."""
    return max(text_width(layout.words.face(step), small(layout)) for step in range(-2, 3))


def scale_number(step: int) -> str:
    """A step of the −2 … +2 scale as written: ``+2``, ``0``, ``−1`` (a real minus sign).

    >>> [scale_number(step) for step in (-2, 0, 1)]
    ['−2', '0', '+1']
    """
    return "0" if step == 0 else f"{step:+d}".replace("-", "−")
