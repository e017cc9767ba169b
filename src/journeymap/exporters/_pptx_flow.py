"""Pagination for the PowerPoint exporter: lists and tables that continue on "(cont.)" slides (private).

Everything is decided by measured text height (:mod:`._pptx_text`): a
column of headed lists is cut where the next paragraph would not fit, and a
table where the next row would not; a paragraph or a row taller than a whole
slide is itself split between lines. Sizes are in points.

>>> pages = flow_columns([[Section("Goals", ("a", "b", "c"))]], width=200, size=12, caps=lambda page: 70)
>>> [[p.text for p in page[0]] for page in pages]
[['Goals', '• a', '• b'], ['Goals', '• c']]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from journeymap.exporters._pptx_text import INSET_X, INSET_Y, LEADING, Para, height, lines_height, split, wrap

__all__ = ["BULLET", "Row", "Section", "flow_columns", "flow_rows", "row_height"]

BULLET = "• "
"""Prefix of a list item."""

Caps = Callable[[int], float]
"""Height available on page ``n`` (0-based)."""


@attrs.frozen
class Section:
    """A heading and its items, in one column; ``bullet=False`` for facts such as ``Age: 34``."""

    heading: str
    items: tuple[str, ...]
    bullet: bool = True


def _paras(section: Section, size: float) -> list[Para]:
    prefix = BULLET if section.bullet else ""
    return [Para(section.heading, size, bold=True), *(Para(prefix + item, size) for item in section.items)]


def flow_columns(columns: Sequence[Sequence[Section]], width: float, size: float, caps: Caps) -> list[list[list[Para]]]:
    """Pages of paragraphs per column: ``pages[n][c]`` is what column ``c`` shows on page ``n``.

    Each column flows on its own; a section cut by a page break repeats its
    heading on the next page. Every page holds at least one line.
    """
    flowed = [_flow_column(column, width, size, caps) for column in columns]
    count = max((len(pages) for pages in flowed), default=0)
    return [[pages[n] if n < len(pages) else [] for pages in flowed] for n in range(count)]


def _flow_column(column: Sequence[Section], width: float, size: float, caps: Caps) -> list[list[Para]]:
    pages: list[list[Para]] = []
    page: list[Para] = []
    used = 2 * INSET_Y
    inner = width - 2 * INSET_X

    def need(para: Para) -> float:
        return height([para], width) - 2 * INSET_Y

    def room() -> float:
        return caps(len(pages)) - used

    def add(para: Para) -> None:
        nonlocal used
        page.append(para)
        used += need(para)

    def turn() -> None:
        nonlocal page, used
        pages.append(page)
        page, used = [], 2 * INSET_Y

    for section in column:
        heading, *items = _paras(section, size)
        first_line = lines_height(1, items[0].size) + items[0].after if items else 0.0
        if page and need(heading) + first_line > room():  # keep a heading with its first line
            turn()
        add(heading)
        for item in items:
            while True:
                if need(item) <= room():
                    add(item)
                    break
                free = int((room() - item.after) // (item.size * LEADING))
                if free >= 1:
                    head, rest = split(item.text, inner - item.indent, item.size, free, item.bold)
                    add(attrs.evolve(item, text=head))
                    item = attrs.evolve(item, text=rest)
                elif page in ([], [heading]):  # no line fits even a fresh page: place it rather than loop
                    add(item)
                    break
                turn()
                add(heading)
    if page:
        pages.append(page)
    return pages


@attrs.frozen
class Row:
    """One table row: the text of each cell and the row's measured height."""

    cells: tuple[str, ...]
    height: float
    source: int
    """Index of the input row it shows (a split row shows the same source twice)."""


def row_height(cells: Sequence[str], widths: Sequence[float], size: float, bold: bool = False) -> float:
    """Height a table row needs: its tallest cell plus the cell margins."""
    lines = max(
        (len(wrap(text, w - 2 * INSET_X, size, bold)) for text, w in zip(cells, widths, strict=True)), default=1
    )
    return lines_height(lines, size) + 2 * INSET_Y


def flow_rows(
    rows: Sequence[Sequence[str]], widths: Sequence[float], size: float, header: float, caps: Caps
) -> list[list[Row]]:
    """Pages of table rows under a header row ``header`` points high.

    A row that does not fit goes to the next page; a row taller than a whole
    page is split between lines, its rest continuing on the next page. A
    page too short for the header and one line stays empty.
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
        if used + need <= cap:
            page.append(Row(cells, need, source))
            used += need
            queue.pop(0)
            continue
        free = int((cap - used - 2 * INSET_Y) // line)
        if free >= 1 and (not page or need > cap - header):
            parts = [split(text, w - 2 * INSET_X, size, free) for text, w in zip(cells, widths, strict=True)]
            head = tuple(part[0] for part in parts)
            page.append(Row(head, row_height(head, widths, size), source))
            queue[0] = (tuple(part[1] for part in parts), source)
        pages.append(page)
        page, used = [], header
    if page:
        pages.append(page)
    return pages
