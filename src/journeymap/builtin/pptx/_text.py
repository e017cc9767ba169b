"""Text frames of the PowerPoint exporter: sizes, insets, paragraphs and their height (private).

Slides never rely on PowerPoint shrinking text. Every text is wrapped into
lines at the width of its shape with :mod:`journeymap._measure` (the glyph
advances of DejaVu Sans, wider than the deck's real font, so a text that
fits there fits on the slide; without matplotlib a conservative
:data:`~journeymap._measure.GLYPH_EM` per character).

All sizes are in points. A line is :data:`LEADING` times the font size high.

>>> height([Para("One line", 12)], width=300) == 12 * LEADING + 2 * INSET_Y + Para("x", 12).after
True
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from journeymap._measure import wrap

__all__ = [
    "INSET_X",
    "INSET_Y",
    "LEADING",
    "MIN_SIZE",
    "Para",
    "height",
    "lines_height",
]

MIN_SIZE = 10.0
"""No text on a slide is smaller than this (points)."""

LEADING = 1.25
"""Line height as a multiple of the font size (PowerPoint single spacing is about 1.2)."""

INSET_X = 7.2
"""Left and right inset of every text frame (PowerPoint's default, 0.1 inch)."""

INSET_Y = 3.6
"""Top and bottom inset of every text frame (PowerPoint's default, 0.05 inch)."""


@attrs.frozen
class Para:
    """One paragraph of a text frame: its text, size, weight, space after it, left indent (points) and colour."""

    text: str
    size: float
    bold: bool = False
    after: float = 3.0
    indent: float = 0.0
    colour: str | None = None
    """``"RRGGBB"``, a theme colour role such as ``"accent1"``, or ``None`` for the frame's own colour."""


def lines_height(count: int, size: float) -> float:
    """Height of ``count`` lines at ``size`` points."""
    return count * size * LEADING


def height(paras: Sequence[Para], width: float) -> float:
    """Height a text frame ``width`` points wide needs for ``paras``, insets included."""
    inner = width - 2 * INSET_X
    total = 2 * INSET_Y
    for para in paras:
        total += lines_height(len(wrap(para.text, inner - para.indent, para.size, para.bold)), para.size) + para.after
    return total
