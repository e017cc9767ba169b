"""Measuring text (private): glyph widths, text width, wrap, split and ellipsize, shared by the charts and the deck.

Widths are the glyph advances of DejaVu Sans, the font matplotlib ships,
read with Pillow (which python-pptx depends on). DejaVu Sans is wider than
Calibri, Arial or Carlito, so a text that fits here fits in those fonts
too. Without matplotlib a conservative :data:`GLYPH_EM` per character is
used instead; the charts use the same estimate to size their labels
(:func:`chars_width`, :func:`chars_in`).

Nothing here imports matplotlib or Pillow until a width is asked for. All
sizes are in points.

>>> lines = wrap("Customer goals and expectations", width=80, size=12)
>>> len(lines) > 1, "".join(lines).replace(" ", "") == "Customergoalsandexpectations"
(True, True)
>>> chars_in(100, 8), chars_width(10, 8) == 10 * 8 * GLYPH_EM
(20, True)
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

__all__ = [
    "DEJAVU",
    "ELLIPSIS",
    "GLYPH_EM",
    "Face",
    "chars_in",
    "chars_width",
    "ellipsize",
    "measured_in",
    "split",
    "text_width",
    "wrap",
]

GLYPH_EM: Final = 0.62
"""Average glyph width, in ems: the estimate for text whose real widths are not measured."""

ELLIPSIS: Final = "…"
"""What ends a shortened text."""

_TOKEN = re.compile(r"\S+\s*|\s+")
_EMOJI_EM = 1.0  # glyphs DejaVu lacks are drawn by another font, about one em wide
Face = tuple[str | None, str | None, float]
"""A font to measure with: its regular and bold font files (``None``: DejaVu Sans) and a factor on its widths."""

DEJAVU: Final[tuple[Face, ...]] = ((None, None, 1.0),)
_FACES: contextvars.ContextVar[tuple[Face, ...]] = contextvars.ContextVar("journeymap_measure_faces", default=DEJAVU)


@contextlib.contextmanager
def measured_in(faces: tuple[Face, ...]) -> Iterator[None]:
    """Within the block a text's width is the widest it sets in any of ``faces`` (a template's fonts).

    >>> with measured_in(((None, None, 1.5),)):
    ...     text_width("abc", 10) == 1.5 * text_width("abc", 10, faces=DEJAVU)
    True
    """
    token = _FACES.set(faces)
    try:
        yield
    finally:
        _FACES.reset(token)


def chars_width(count: int, size: float) -> float:
    """Estimated width of ``count`` characters at ``size`` points, in points (:data:`GLYPH_EM` each)."""
    return count * size * GLYPH_EM


def chars_in(width: float, size: float) -> int:
    """How many characters at ``size`` points fit in ``width`` points, by the :data:`GLYPH_EM` estimate."""
    return int(width / (size * GLYPH_EM))


@functools.cache
def _font(bold: bool, file: str | None = None) -> Any:
    """A Pillow font of ``file`` (else DejaVu Sans) at 1000 px per em, or None when matplotlib (its fonts) is absent."""
    from PIL import ImageFont

    if file is not None:
        return ImageFont.truetype(file, size=1000, layout_engine=ImageFont.Layout.BASIC)
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf" / name
    if not path.is_file():
        return None
    return ImageFont.truetype(str(path), size=1000, layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=65536)
def _em_width(token: str, bold: bool, faces: tuple[Face, ...] = DEJAVU) -> float:
    """Width of ``token`` in ems: the widest of its widths in ``faces``."""
    return max(_face_width(token, bold, face) for face in faces)


def _face_width(token: str, bold: bool, face: Face) -> float:
    """Width of ``token`` in ems in one face."""
    regular, heavy, factor = face
    font = _font(bold, heavy if bold else regular)
    if font is None:
        return len(token) * GLYPH_EM * factor
    width = 0.0
    plain = []
    for char in token:
        if ord(char) > 0xFFFF:
            width += _EMOJI_EM
        else:
            plain.append(char)
    return factor * (width + (float(font.getlength("".join(plain))) / 1000 if plain else 0.0))


def text_width(text: str, size: float, bold: bool = False, *, faces: tuple[Face, ...] | None = None) -> float:
    """Width of one line of ``text`` at ``size`` points, in points, in ``faces`` (else :func:`measured_in`'s).

    >>> text_width("", 12)
    0.0
    >>> text_width("WWW", 10) > text_width("iii", 10)
    True
    """
    return _em_width(text, bold, _FACES.get() if faces is None else faces) * size if text else 0.0


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break ``text`` into the lines a frame ``width`` points wide shows (line feeds start new lines).

    Lines break after white space; a word longer than the width is broken
    between characters. Joining the lines (with the line feeds) gives back
    the text; each line keeps the spaces that follow it.
    """
    return list(_wrapped(text, width, size, bold, _FACES.get()))


@functools.lru_cache(maxsize=4096)
def _wrapped(text: str, width: float, size: float, bold: bool, faces: tuple[Face, ...]) -> tuple[str, ...]:
    """:func:`wrap`, remembered: a deck measures the same item many times (fit, page fill, split, each size).

    ``faces`` is what :func:`measured_in` set, so that a result is only reused for the same fonts.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_line(paragraph, max(width, size), size, bold))
    return tuple(lines)


def _wrap_line(text: str, width: float, size: float, bold: bool) -> list[str]:
    """The lines of one paragraph (no line feeds) at ``width`` points."""
    if not text:
        return [""]
    lines: list[str] = []
    current = ""
    for token in _TOKEN.findall(text):
        candidate = current + token
        if text_width(candidate.rstrip(), size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        if text_width(token.rstrip(), size, bold) > width:
            token = _cut(token, width, size, bold, lines)
        current = token
    if current or not lines:
        lines.append(current)
    return lines


def _cut(token: str, width: float, size: float, bold: bool, lines: list[str]) -> str:
    """Cut a word wider than the line between characters: append the full lines to ``lines``, return the rest.

    Each cut is found from its own start (:func:`_longest_prefix` gallops), so the word is measured about
    once in all, not once a line: a word of 10,000 characters does not take seconds.
    """
    while True:
        cut = _longest_prefix(token, width, size, bold)
        rest = token.rstrip()
        if cut >= len(rest) and (cut > 1 or text_width(rest, size, bold) <= width):  # the rest fits
            return token
        lines.append(token[:cut])
        token = token[cut:]


def _longest_prefix(token: str, width: float, size: float, bold: bool) -> int:
    """Length of the longest prefix of ``token`` (at least one character) that fits ``width``.

    The search gallops from the start (2, 4, 8 … characters) before it halves, so a cut costs about the
    length of the line it makes, not of the whole word: a 10,000-character word is cut in linear time.

    >>> _longest_prefix("abcdefgh", text_width("abc", 10), 10, False), _longest_prefix("W", 1, 10, False)
    (3, 1)
    """
    low, probe = 1, 2
    while probe <= len(token) and text_width(token[:probe], size, bold) <= width:
        low, probe = probe, probe * 2
    high = min(probe - 1, len(token))
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(token[:middle], size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def split(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> tuple[str, str]:
    """``text`` cut after the first ``max_lines`` wrapped lines: (head, rest); rest is ``""`` when it all fits.

    >>> split("one two three", 1000, 12, 1)
    ('one two three', '')
    """
    lines = wrap(text, width, size, bold)
    if len(lines) <= max_lines:
        return text, ""
    end = _end_of(lines[:max_lines], text)
    return text[:end].rstrip(), text[end:].lstrip(" \n")


def _end_of(lines: list[str], text: str) -> int:
    """Where in ``text`` the wrapped ``lines`` end (they are consecutive pieces of it)."""
    position = 0
    for line in lines:
        if line:
            position = text.index(line, position) + len(line)
    return position


def ellipsize(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> str:
    """``text`` shortened with ``…`` so that it wraps into at most ``max_lines`` lines.

    >>> ellipsize("short", 500, 12, 1)
    'short'
    >>> ellipsize("a long title " * 20, 100, 12, 1).endswith("…")
    True
    """
    head, rest = split(text, width, size, max_lines, bold)
    if not rest:
        return text
    while head and len(wrap(head + ELLIPSIS, width, size, bold)) > max_lines:
        head = head[:-1]
    return head.rstrip() + ELLIPSIS
