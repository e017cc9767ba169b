"""The deck's design system: type scale, spacing grid and colour roles (private).

Every size the slides use comes from here, so that one place decides how
the deck looks:

- **Type scale** (points): :data:`TITLE_SIZES` for slide titles (largest that
  fits), :data:`LIST_SIZES` for a stage's lists (largest that fits on the
  slide, else :data:`BODY` on "(cont.)" slides), :data:`BODY` for tables,
  :data:`SMALL` (= :data:`~._text.MIN_SIZE`, the floor) for furniture such
  as the journey strip. Nothing is ever smaller than ``SMALL``.
- **Spacing grid**: multiples of :data:`GRID`; :data:`GAP` between blocks.
- **Colour roles** are theme colours, so a client template recolours
  everything: :data:`PRIMARY` (``accent1``) for what is in focus,
  :data:`ON_PRIMARY` (``bg1``) for text on it, :data:`QUIET` (``bg2``) for
  what is around it, :data:`INK` (``tx1``) for text on that. Colours that
  carry meaning (risk, emotion, severity, coverage) stay fixed.
- **Tables** use the template's own "Medium Style 2 – Accent 1" table style
  (python-pptx's default table style id), so their header and bands take
  the theme's accent colour too.

>>> SMALL <= min(LIST_SIZES) and GAP == 2 * GRID
True
"""

from __future__ import annotations

from typing import Final

from journeymap.builtin.pptx._text import MIN_SIZE

__all__ = [
    "BODY",
    "GAP",
    "GRID",
    "INK",
    "LIST_SIZES",
    "ON_PRIMARY",
    "PRIMARY",
    "QUIET",
    "SMALL",
    "STRIP_HEIGHT",
    "TITLE_SIZES",
]

TITLE_SIZES: Final = (28.0, 24.0, 20.0, 18.0)
"""A content slide's title: the largest of these that fits the title placeholder."""
LIST_SIZES: Final = (16.0, 14.0, 13.0, 12.0, 11.0, MIN_SIZE)
"""A stage's lists: the largest at which they fit on one slide with the table; else 12 pt, continued."""
BODY: Final = 12.0
"""Lists that continue on "(cont.)" slides."""
SMALL: Final = MIN_SIZE
"""Slide furniture (the journey strip); the smallest text in the deck."""

GRID: Final = 6.0
"""The spacing unit (points)."""
GAP: Final = 2 * GRID
"""Space between blocks on a slide."""
STRIP_HEIGHT: Final = 4 * GRID
"""Height of the journey strip in a stage slide's bottom margin."""

PRIMARY: Final = "accent1"
ON_PRIMARY: Final = "bg1"
QUIET: Final = "bg2"
INK: Final = "tx1"
