"""Widths by content: list columns and table columns sized to what they hold (private).

A slide's list columns share the width in proportion to how much text each
holds (so they end at about the same height), none narrower than its longest
word or :data:`MIN_SHARE` of the width. A table's columns narrower than a fair share
keep their longest line; the others share the rest in proportion to their
longest lines, none narrower than its longest word (no word breaks
mid-word); a table whose lines all fit is stretched in proportion to them. Sizes are in points.

>>> share_out(100, wants=[1, 3], floors=[40.0, 0.0])
[40.0, 60.0]
>>> [round(w) for w in table_widths(("Name", "Channel"), [("A long name of a touchpoint", "web")], 400, 12)]
[290, 110]
"""

from __future__ import annotations

from collections.abc import Sequence

from journeymap._measure import text_width
from journeymap.builtin.pptx._flow import BULLET, Section
from journeymap.builtin.pptx._text import INSET_X

__all__ = ["MIN_SHARE", "column_widths", "share_out", "table_widths"]

MIN_SHARE = 0.12
"""The narrowest a list column gets, as a part of the width the columns share."""
_MAX_FLOOR = 0.4
"""A table column's longest word claims at most this part of the width (a URL wraps rather than crowd the rest)."""
_SLACK = 1.0
"""Points added to a measured width (rounding to EMU must not push a word to the next line)."""


def share_out(total: float, wants: Sequence[float], floors: Sequence[float]) -> list[float]:
    """``total`` split in proportion to ``wants`` (equally when none wants any), no part below its floor.

    Parts that would fall below their floor get it, and the rest is shared
    again among the others; floors that add up to more than ``total`` are
    scaled down to it.
    """
    if sum(floors) >= total:
        scale = total / sum(floors)
        return [f * scale for f in floors]
    fixed: dict[int, float] = {}
    while True:
        rest = [i for i in range(len(wants)) if i not in fixed]
        free = total - sum(fixed.values())
        weight = sum(wants[i] for i in rest)
        parts = {i: free * (wants[i] / weight if weight > 0 else 1 / len(rest)) for i in rest}
        low = [i for i in rest if parts[i] < floors[i]]
        if not low:
            return [fixed.get(i, parts.get(i, 0.0)) for i in range(len(wants))]
        fixed.update((i, floors[i]) for i in low)


def _longest_word(texts: Sequence[str], size: float, bold: bool = False) -> float:
    return max((text_width(word, size, bold) for text in texts for word in text.split()), default=0.0)


def column_widths(columns: Sequence[Sequence[Section]], total: float, size: float) -> list[float]:
    """Widths of list ``columns`` sharing ``total`` points (the gaps between them already taken out)."""
    wants, floors = [], []
    for column in columns:
        texts = [BULLET + item if section.bullet else item for section in column for item in section.items]
        headings = [section.heading for section in column]
        wants.append(sum(text_width(t, size) for t in texts) + sum(text_width(h, size, True) for h in headings))
        word = max(_longest_word(texts, size), _longest_word(headings, size, True))
        floors.append(max(total * MIN_SHARE, min(word + 2 * INSET_X + _SLACK, total / max(1, len(columns)))))
    return share_out(total, wants, floors)


def table_widths(
    header: Sequence[str], rows: Sequence[Sequence[str]], total: float, size: float, *, keep: Sequence[float] = ()
) -> list[float]:
    """Widths of a table's columns sharing ``total`` points, by the text of ``header`` (bold) and ``rows``.

    ``keep`` fixes the widths of the first columns (points); the others are
    sized by content in what is left.
    """
    first = len(keep)
    left = total - sum(keep)
    natural, floors = [], []
    for c in range(first, len(header)):
        lines = [line for row in rows for line in row[c].split("\n")]
        longest = max(max((text_width(line, size) for line in lines), default=0.0), text_width(header[c], size, True))
        word = max(_longest_word(lines, size), _longest_word([header[c]], size, True))
        natural.append(longest + 2 * INSET_X + _SLACK)
        floors.append(min(word + 2 * INSET_X + _SLACK, left * _MAX_FLOOR))
    if sum(natural) <= left:
        return [*keep, *share_out(left, natural, [0.0] * len(natural))]
    fixed: dict[int, float] = {}  # columns narrower than a fair share of what is left keep their longest line
    while True:
        rest = [i for i in range(len(natural)) if i not in fixed]
        free = left - sum(fixed.values())
        small = [i for i in rest if natural[i] <= free / len(rest)]
        if not small or len(small) == len(rest):
            break
        fixed.update((i, natural[i]) for i in small)
    parts = share_out(free, [natural[i] for i in rest], [floors[i] for i in rest])
    shared = dict(zip(rest, parts, strict=True))
    return [*keep, *(fixed.get(i, shared.get(i, 0.0)) for i in range(len(natural)))]
