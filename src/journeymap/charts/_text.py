"""User text on charts (private): drop what the font cannot draw, shorten and wrap to fit.

The default font (DejaVu Sans) draws Latin with ș/ț, Cyrillic, Greek, Hebrew
and (unshaped) Arabic, but no emoji: an emoji would be an empty box. So every
character the font lacks is removed (``"Cumpărare 🛒"`` → ``"Cumpărare"``),
as are control characters and format characters (category Cf: U+FEFF, the zero-width joiners, bidi
marks, the soft hyphen; matplotlib lays out no bidi text and its PDF backend fails on U+FEFF); a text
left empty becomes ``"?"``.

Texts are later drawn with ``parse_math=False``, so ``$`` and ``_`` stay as
written. Imports matplotlib only when a font is asked about.
"""

from __future__ import annotations

import functools
import textwrap
import unicodedata

from journeymap._measure import ELLIPSIS

__all__ = ["ELLIPSIS", "clean", "drawable", "fit", "shorten"]


@functools.cache
def _charmap(path: str) -> frozenset[int]:
    """The code points the font file at ``path`` has glyphs for."""
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


@functools.cache
def _font_path() -> str:
    """The file of the font matplotlib draws text with."""
    from matplotlib import font_manager, rcParams

    family = rcParams["font.family"]
    return str(font_manager.findfont(font_manager.FontProperties(family=family)))


def drawable(char: str) -> bool:
    """True when the chart font has a glyph for ``char`` (spaces always count)."""
    if char.isspace():
        return True
    return ord(char) in _charmap(_font_path())


def clean(text: str) -> str:
    """``text`` with control, format and undrawable characters removed, spaces collapsed.

    >>> clean("Cumpărare ș ț 🛒"), clean("🛒"), clean("a\\x07b\\nc"), clean("\\ufeffBOM")
    ('Cumpărare ș ț', '?', 'ab c', 'BOM')
    """
    kept = []
    for char in text:
        if char in "\n\r\t":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Cn") or not drawable(char):
            continue
        else:
            kept.append(char)
    result = " ".join("".join(kept).split())
    return result or "?"


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in an ellipsis when cut.

    >>> shorten("Committee demo with Head of Growth", 12)
    'Committee d…'
    >>> shorten("Short", 12)
    'Short'
    """
    width = max(width, 1)
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + ELLIPSIS


def fit(text: str, width: int, lines: int = 2) -> str:
    """``text`` wrapped at ``width`` characters into at most ``lines`` lines; the last one ellipsized.

    >>> print(fit("Renewal, expansion and advocacy", 12))
    Renewal,
    expansion a…
    """
    width = max(width, 1)
    wrapped = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True) or [text]
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    head = wrapped[: lines - 1]
    rest = " ".join(wrapped[lines - 1 :])
    return "\n".join([*head, shorten(rest, width)])
