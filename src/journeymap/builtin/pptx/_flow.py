"""Pagination for the PowerPoint exporter: lists and tables that continue on "(cont.)" slides (private).

Everything is decided by measured text height (:mod:`._text`). An item
(bullet or paragraph) or a table row that does not fit the rest of a page
moves whole to the next page when it fits an empty one; only an item or row
taller than a whole page is split between lines, and then with at least
:data:`KEEP` lines on each side (widow and orphan control). A heading stays
with its first item; on a page where its section continues it is repeated
with the "(cont.)" label, and the rest of a split item starts with "…".
Sizes are in points.

>>> pages = flow_columns([[Section("Goals", ("a", "b", "c"))]], width=200, size=12, caps=lambda page: 70)
>>> [[p.text for p in page[0]] for page in pages]
[['Goals', '• a', '• b'], ['Goals (cont.)', '• c']]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import attrs

from journeymap._measure import split, wrap
from journeymap.builtin.pptx._text import INSET_X, INSET_Y, LEADING, Para, height, lines_height

__all__ = ["BULLET", "KEEP", "MORE", "Row", "Section", "flow_columns", "flow_rows", "row_height"]

BULLET = "• "
"""Prefix of a list item."""

MORE = "… "
"""Prefix of the rest of an item split between pages."""

KEEP = 2
"""Fewest lines a split item or row leaves on either page (unless a page cannot hold that many)."""

Caps = Callable[[int], float]
"""Height available on page ``n`` (0-based)."""

_EPSILON = 1e-6  # heights are sums of floats: a tie must count as a fit


@attrs.frozen
class Section:
    """A heading and its items, in one column; ``bullet=False`` for facts such as ``Age: 34``."""

    heading: str
    items: tuple[str, ...]
    bullet: bool = True


def flow_columns(
    columns: Sequence[Sequence[Section]], width: float, size: float, caps: Caps, continued: str = "(cont.)"
) -> list[list[list[Para]]]:
    """Pages of paragraphs per column: ``pages[n][c]`` is what column ``c`` shows on page ``n``.

    Each column flows on its own; a section continued on a later page repeats
    its heading followed by ``continued``. Every page of a column holds at
    least one line of an item, never a heading alone.
    """
    flowed = [_Column(width, size, caps, continued).flow(column) for column in columns]
    count = max((len(pages) for pages in flowed), default=0)
    return [[pages[n] if n < len(pages) else [] for pages in flowed] for n in range(count)]


class _Column:
    """One column being filled page by page."""

    def __init__(self, width: float, size: float, caps: Caps, continued: str) -> None:
        self.width, self.size, self.caps, self.continued = width, size, caps, continued
        self.inner = width - 2 * INSET_X
        self.pages: list[list[Para]] = []
        self.page: list[Para] = []
        self.used = 2 * INSET_Y
        self.shown = False
        """Whether the section being placed has shown any of its items yet."""

    def need(self, para: Para) -> float:
        return height([para], self.width) - 2 * INSET_Y

    def lines(self, para: Para) -> int:
        return len(wrap(para.text, self.inner - para.indent, para.size, para.bold))

    def add(self, *paras: Para) -> None:
        for para in paras:
            self.page.append(para)
            self.used += self.need(para)

    def turn(self) -> None:
        self.pages.append(self.page)
        self.page, self.used = [], 2 * INSET_Y

    def flow(self, column: Sequence[Section]) -> list[list[Para]]:
        for section in column:
            prefix = BULLET if section.bullet else ""
            heading = Para(section.heading, self.size, bold=True)
            again = attrs.evolve(heading, text=f"{section.heading} {self.continued}")
            self.shown = False
            if not section.items:  # a heading without items stands alone
                self._place(heading, None, None)
            for text in section.items:
                self._place(Para(prefix + text, self.size), heading, again)
        if self.page:
            self.pages.append(self.page)
        return self.pages

    def _place(self, item: Para, heading: Para | None, again: Para | None) -> None:
        """Put ``item`` on the current page or the next ones, under ``heading`` (``again`` where it continues)."""
        while True:
            title = heading if not self.shown else again if not self.page else None
            top = [title] if title is not None else []
            room = self.caps(len(self.pages)) - self.used - sum(self.need(p) for p in top)
            if self.need(item) <= room + _EPSILON:
                self.add(*top, item)
                self.shown = True
                return
            title = again if self.shown else heading
            fresh = self.caps(len(self.pages) + 1) - 2 * INSET_Y - (self.need(title) if title is not None else 0.0)
            if self.need(item) <= fresh + _EPSILON and (self.page or fresh > room):  # it fits a new page: move it whole
                self.turn()
                continue
            free = int((room - item.after) // (item.size * LEADING))
            take = min(free, self.lines(item) - KEEP)
            if take >= KEEP or (not self.page and free >= 1):  # taller than a page: split between lines
                head, rest = split(item.text, self.inner - item.indent, item.size, max(take, 1), item.bold)
                self.add(*top, attrs.evolve(item, text=head))
                self.shown = True
                item = attrs.evolve(item, text=MORE + rest)
            elif not self.page:  # not one line fits even a new page: place it rather than loop
                self.add(*top, item)
                self.shown = True
                return
            self.turn()


@attrs.frozen
class Row:
    """One table row: the text of each cell and the row's measured height."""

    cells: tuple[str, ...]
    height: float
    source: int
    """Index of the input row it shows (a split row shows the same source twice)."""


def _row_lines(cells: Sequence[str], widths: Sequence[float], size: float, bold: bool = False) -> int:
    return max((len(wrap(text, w - 2 * INSET_X, size, bold)) for text, w in zip(cells, widths, strict=True)), default=1)


def row_height(cells: Sequence[str], widths: Sequence[float], size: float, bold: bool = False) -> float:
    """Height a table row needs: its tallest cell plus the cell margins."""
    return lines_height(_row_lines(cells, widths, size, bold), size) + 2 * INSET_Y


def flow_rows(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    size: float,
    header: float,
    caps: Caps,
    *,
    continued: str | None = None,
    keep: Collection[int] = (),
) -> list[list[Row]]:
    """Pages of table rows under a header row ``header`` points high.

    A row that does not fit moves whole to the next page when it fits an
    empty one; a row taller than a whole page is split between lines, at
    least :data:`KEEP` lines on each side, its rest continuing on the next
    page, where its first cell (the row's label), when it was shown whole,
    is repeated followed by ``continued``. A page too short for the row stays
    empty. A row whose index is in ``keep`` (a heading) stays on the page of
    the row after it.
    """
    pages: list[list[Row]] = []
    page: list[Row] = []
    used = header
    queue = [(tuple(cells), index) for index, cells in enumerate(rows)]
    line = size * LEADING
    while queue:
        cells, source = queue[0]
        cap = caps(len(pages))
        need = row_height(cells, widths, size)
        follow = row_height(queue[1][0], widths, size) if source in keep and len(queue) > 1 else 0.0
        if used + need + follow <= cap + _EPSILON or (follow and not page and used + need <= cap + _EPSILON):
            page.append(Row(cells, need, source))
            used += need
            queue.pop(0)
            continue
        fresh = caps(len(pages) + 1) - header
        if not (need <= fresh + _EPSILON and (page or fresh > cap - used)):  # taller than a page: split between lines
            free = int((cap - used - 2 * INSET_Y) // line)
            take = min(free, _row_lines(cells, widths, size) - KEEP)
            if take >= KEEP or (not page and free >= 1):
                parts = [
                    split(text, w - 2 * INSET_X, size, max(take, 1)) for text, w in zip(cells, widths, strict=True)
                ]
                head = tuple(part[0] for part in parts)
                page.append(Row(head, row_height(head, widths, size), source))
                rest = [part[1] for part in parts]
                if continued is not None and not rest[0].strip() and head[0].strip():
                    rest[0] = f"{head[0].strip()} {continued}"
                queue[0] = (tuple(rest), source)
            elif not page:  # not one line fits even a new page: place it rather than loop
                page.append(Row(cells, need, source))
                queue.pop(0)
                continue
        pages.append(page)
        page, used = [], header
    if page:
        pages.append(page)
    return pages
