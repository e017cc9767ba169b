"""How much wider than DejaVu Sans a deck's theme fonts set text (private).

The deck measures text with DejaVu Sans (:mod:`journeymap._measure`). A
client template may name wider fonts; :func:`width_factor` reads the theme's
heading and body fonts and gives the faces to measure with (:func:`faces`):
a text is as wide as the widest it sets in DejaVu Sans or any theme font:

- a font installed on this machine (found by matplotlib's font manager) is
  measured in its own files (regular and bold);
- a font known to be no wider than DejaVu Sans (Calibri, Arial, …) is DejaVu Sans;
- any other font is DejaVu Sans times :data:`UNKNOWN_FACTOR`, wider than any
  common proportional font.
"""

from __future__ import annotations

import importlib.util
from typing import Any, Final

from journeymap._measure import DEJAVU, Face, text_width

__all__ = ["NARROW", "UNKNOWN_FACTOR", "faces", "theme_fonts", "width_factor"]

UNKNOWN_FACTOR: Final = 1.25
"""Width factor on DejaVu Sans for a theme font neither installed nor known (Verdana is 1.0, monospaced ~1.15)."""

NARROW: Final = frozenset(
    name.casefold()
    for name in (
        "Arial",
        "Calibri",
        "Calibri Light",
        "Carlito",
        "Helvetica",
        "Liberation Sans",
        "Aptos",
        "Segoe UI",
        "Roboto",
        "Open Sans",
        "Times New Roman",
        "Georgia",
        "Cambria",
        "Garamond",
        "Tahoma",
        "DejaVu Sans",
        "DejaVu Serif",
        "DejaVu Sans Condensed",
    )
)
"""Fonts whose text is no wider than DejaVu Sans's (so a factor of 1 is safe)."""

_SAMPLE = "Customer journey: goals, questions and barriers at every touchpoint 0123456789"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def theme_fonts(prs: Any) -> list[str]:
    """The latin typefaces of the first slide master's theme: heading font, then body font."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    theme = parse_xml(prs.slide_masters[0].part.part_related_by(RT.THEME).blob)
    names = []
    for kind in ("majorFont", "minorFont"):
        latin = theme.find(f".//{_A}fontScheme/{_A}{kind}/{_A}latin")
        if latin is not None and latin.get("typeface"):
            names.append(str(latin.get("typeface")))
    return names


def faces(prs: Any) -> tuple[Face, ...]:
    """What to measure the deck's text in: DejaVu Sans and each theme font (its files, or DejaVu times a factor).

    A text is then as wide as the widest it sets in any of them, so it fits
    whichever of the theme's fonts a slide uses.
    """
    found: list[Face] = [*DEJAVU]
    for name in theme_fonts(prs):
        if name.casefold() in NARROW:
            continue  # measured as DejaVu Sans, without looking for its files
        files = (_installed(name, False), _installed(name, True))
        if files[0] is not None and files[1] is not None:
            face: Face = (files[0], files[1], 1.0)
        else:
            face = (None, None, UNKNOWN_FACTOR)
        if face not in found:
            found.append(face)
    return tuple(found)


def width_factor(name: str) -> float:
    """How much wider than DejaVu Sans font ``name`` sets a sample text: measured if installed, else estimated."""
    if name.casefold() in NARROW:
        return 1.0
    files = (_installed(name, False), _installed(name, True))
    if files[0] is None or files[1] is None:
        return UNKNOWN_FACTOR
    return max(
        text_width(_SAMPLE, 1.0, bold, faces=((files[0], files[1], 1.0),))
        / text_width(_SAMPLE, 1.0, bold, faces=DEJAVU)
        for bold in (False, True)
    )


def _installed(name: str, bold: bool) -> str | None:
    """The file of font family ``name`` (its bold face if ``bold``) on this machine, or None (or no matplotlib)."""
    if importlib.util.find_spec("matplotlib") is None:
        return None
    from matplotlib.font_manager import FontProperties, findfont

    try:
        return str(
            findfont(FontProperties(family=name, weight="bold" if bold else "normal"), fallback_to_default=False)
        )
    except ValueError:
        return None
