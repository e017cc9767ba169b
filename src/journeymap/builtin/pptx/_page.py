"""Lists above a table on one slide or more: sizes, widths and the split into "(cont.)" slides (private).

:func:`columns_and_table` lays out a slide kind the deck has many of (stage,
persona, barriers, coverage, actions, blueprint):

- **One slide when it fits**: the lists and the table take the largest of
  their sizes (lists and table each from their own scale, the table never
  larger than the lists nor more than 2 pt smaller) at which both fit the
  body; columns sized by content (:mod:`._fit`).
- **Else "(cont.)" slides**: lists at :data:`~._style.BODY`, the table at
  :data:`TABLE_SIZE`; the lists flow first, the table's rows follow below
  the last of them. The split is **balanced**: every "(cont.)" slide holds at
  least :data:`MIN_CONT` of a slide (every page's room is shrunk alike until
  the last page holds that much, never adding a slide), so no slide is left
  with one list or one row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from journeymap._measure import text_width, wrap
from journeymap.builtin.pptx._deck import Box, Deck
from journeymap.builtin.pptx._fit import column_widths, table_widths
from journeymap.builtin.pptx._flow import Row, Section, flow_columns, flow_rows, row_height
from journeymap.builtin.pptx._style import BODY, GAP
from journeymap.builtin.pptx._text import INSET_X, LEADING, MIN_SIZE, Para, height

__all__ = ["MIN_CONT", "TABLE_SIZE", "TABLE_SIZES", "Table", "columns_and_table"]

TABLE_SIZE = 11.0
"""A table's size when it continues on "(cont.)" slides."""
TABLE_SIZES = (14.0, 13.0, 12.0, TABLE_SIZE, MIN_SIZE)
"""Sizes a table tries, largest first, to fit on one slide (a table a little too long for one slide at 11 pt
takes 10 pt rather than a "(cont.)" slide)."""
MIN_CONT = 0.4
"""Part of the body height a "(cont.)" slide's content reaches at least (when the split can be balanced)."""
_STEP_DOWN = 2.0
"""A table under lists is set at most this many points smaller than they are (one page reads as one size)."""
_HEADER_MAX = 110.0
"""Tallest a table's header row gets when its names are set vertically (longer names wrap)."""
_SHRINK = 0.5
"""The least part of its room a page of a balanced split is given."""
_STEPS = 7
"""Halvings of the search for the room that evens a split out (to within 0.4 % of a page)."""


class Table(NamedTuple):
    """A table: ``header``; ``shares`` of the width per column (``None``: by content, see :mod:`._fit`); ``rows``;
    optional ``fills`` per row and cell; ``groups``: indexes of rows that are headings spanning the table;
    ``vertical``: the header's names from the second column on set vertically (narrow columns of short counts)."""

    header: Sequence[str]
    shares: Sequence[float] | None
    rows: Sequence[Sequence[str]]
    fills: Sequence[Sequence[Any]] | None = None
    groups: frozenset[int] = frozenset()
    vertical: bool = False


class _Plan(NamedTuple):
    """What goes where: list pages and their heights, the table's rows per page, sizes and widths."""

    col_widths: list[float]
    col_pages: list[list[list[Para]]]
    block: list[float]
    rows: list[list[Row]]
    widths: list[float]
    size: float
    header_height: float


def columns_and_table(
    deck: Deck,
    title: str,
    columns: Sequence[Sequence[Section]],
    table: Table | None,
    notes: str,
    *,
    first_page: int = 0,
    list_sizes: Sequence[float] = (BODY,),
    table_sizes: Sequence[float] = TABLE_SIZES,
    decorate: Callable[[Any], None] | None = None,
) -> int:
    """Slides with ``columns`` of headed lists above a ``table``, continued on "(cont.)" slides until all is shown.

    ``first_page`` > 0 marks every slide "(cont.)"; ``decorate`` is called
    with each slide; returns the number of slides added.
    """
    body = deck.body
    plan = _one_slide(body, columns, table, list_sizes, table_sizes, deck.words.continued)
    if plan is None:
        plan = _balanced(body, columns, table, min(BODY, list_sizes[0]), min(TABLE_SIZE, table_sizes[0]), deck)
    pages = _count(plan)
    for page in range(pages):
        slide = deck.slide(title, page=first_page + page, notes=notes)
        if decorate is not None:
            decorate(slide)
        top = body.top
        if page < len(plan.col_pages):
            left = body.left
            for width, paras in zip(plan.col_widths, plan.col_pages[page], strict=True):
                if paras:
                    deck.text(slide, Box(left, top, width, plan.block[page]), paras)
                left += width + GAP
            top += plan.block[page] + GAP
        if table is not None and page < len(plan.rows) and plan.rows[page]:
            _put_rows(deck, slide, Box(body.left, top, body.width, 0), table, plan, page)
        elif page == 0 and not plan.col_pages:
            deck.text(slide, Box(body.left, top, body.width, 40), [Para("–", BODY)])
    return pages


def _lists(
    body: Box, columns: Sequence[Sequence[Section]], size: float, caps: Callable[[int], float], continued: str
) -> tuple[list[float], list[list[list[Para]]], list[float]]:
    """Column widths by content at ``size``, the lists' pages, and each page's height (its tallest column)."""
    room = body.width - GAP * (len(columns) - 1)
    if not columns:
        return [], [], []
    widths = column_widths(columns, room, size)
    flowed = [flow_columns([column], w, size, caps, continued) for column, w in zip(columns, widths, strict=True)]
    count = max(len(f) for f in flowed)
    pages = [[f[n][0] if n < len(f) else [] for f in flowed] for n in range(count)]
    block = [max((height(p, w) for p, w in zip(page, widths, strict=True) if p), default=0.0) for page in pages]
    return widths, pages, block


def _widths(body: Box, table: Table, size: float) -> list[float]:
    if table.shares is not None:
        return [body.width * s for s in table.shares]
    return table_widths(table.header, table.rows, body.width, size)


def _header_height(table: Table, widths: Sequence[float], size: float) -> float:
    """The header row's height: its names wrapped in their columns, or, set vertically, the longest name's length."""
    if not table.vertical:
        return row_height(table.header, widths, size, bold=True)
    across = row_height(table.header[:1], widths[:1], size, bold=True)
    longest = max((text_width(name, size, bold=True) for name in table.header[1:]), default=0.0)
    along = min(_HEADER_MAX, longest + 2 * INSET_X + 2)
    lines = max((len(wrap(n, along - 2 * INSET_X, size, True)) for n in table.header[1:]), default=1)
    fits = lines * size * LEADING + 2 * INSET_X <= min(widths[1:], default=along)
    return max(across, along if fits else _HEADER_MAX)


def _table_height(body: Box, table: Table, size: float) -> tuple[list[float], float, float]:
    """Column widths, header height and whole height of ``table`` at ``size``."""
    widths = _widths(body, table, size)
    header = _header_height(table, widths, size)
    return widths, header, header + sum(row_height(row, widths, size) for row in table.rows)


def _one_slide(
    body: Box,
    columns: Sequence[Sequence[Section]],
    table: Table | None,
    list_sizes: Sequence[float],
    table_sizes: Sequence[float],
    continued: str,
) -> _Plan | None:
    """The largest sizes at which the lists and the table fit one slide together; ``None`` when none do.

    The pair of the largest sum (the lists' size breaks ties); the table is never set larger than the lists,
    nor more than :data:`_STEP_DOWN` smaller.
    """
    ample = lambda page: float("inf")  # noqa: E731  (one page whatever it holds)
    lists: dict[float, tuple[list[float], list[list[list[Para]]], list[float]]] = {}
    tables: dict[float, tuple[list[float], float, float]] = {}
    list_options = list(list_sizes if columns else list_sizes[:1])
    table_options = list(table_sizes if table is not None and table.rows else table_sizes[:1])

    def allowed(ls: float) -> list[float]:
        return [ts for ts in table_options if ls - _STEP_DOWN <= ts <= ls or not columns or table is None]

    def fits(ls: float, ts: float) -> bool:
        if ls not in lists:
            lists[ls] = _lists(body, columns, ls, ample, continued)
        block = lists[ls][2]
        used = (block[0] + GAP) if block else 0.0
        if used - GAP > body.height or table is None or not table.rows:
            return used - GAP <= body.height
        if ts not in tables:
            tables[ts] = _table_height(body, table, ts)
        return used + tables[ts][2] <= body.height

    def possible(ls: float) -> bool:  # with the smallest table it may take
        return bool(allowed(ls)) and fits(ls, allowed(ls)[-1])

    # The largest lists' size that fits with some table size, then the largest table size with it: the pair of
    # the largest sum (a smaller lists' size cannot make it up, the table being at most 2 pt smaller). Heights
    # grow with the size, so the search halves.
    low, high = 0, len(list_options) - 1
    if not possible(list_options[high]):
        return None
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if possible(list_options[middle]) else (middle + 1, high)
    ls = list_options[low]
    ts = next(ts for ts in allowed(ls) if fits(ls, ts))
    return _fitted(*lists[ls], table, tables.get(ts), ts)


def _fitted(
    widths: list[float],
    pages: list[list[list[Para]]],
    block: list[float],
    table: Table | None,
    measured: tuple[list[float], float, float] | None,
    ts: float,
) -> _Plan:
    """The one-slide plan of lists measured at some size and the table (``measured``: its widths, header and
    height) at ``ts``."""
    if table is None or not table.rows or measured is None:
        return _Plan(widths, pages, block, [], [], ts, 0.0)
    t_widths, header, _ = measured
    rows = [Row(tuple(row), row_height(row, t_widths, ts), r) for r, row in enumerate(table.rows)]
    return _Plan(widths, pages, block, [rows], t_widths, ts, header)


def _balanced(
    body: Box, columns: Sequence[Sequence[Section]], table: Table | None, ls: float, ts: float, deck: Deck
) -> _Plan:
    """Lists at ``ls`` then the table at ``ts`` over as many slides as they need; when a "(cont.)" slide would
    hold less than :data:`MIN_CONT` of the body, the room of the last two pages shrinks just enough for the
    last to hold that much without adding a slide (else as far as adds none: the evenest split); the pages
    before stay full."""
    continued = deck.words.continued
    plan = _split(body, columns, table, ls, ts, lambda page: body.height, continued)
    count = _count(plan)
    if all(extent >= MIN_CONT * body.height for extent in _extents(plan)[1:]):
        return plan
    tail = max(0, count - 2)
    good, even = None, plan
    low, high = _SHRINK, 1.0  # the most room for the last two pages at which the last holds enough, no slide added
    for _ in range(_STEPS):
        middle = (low + high) / 2

        def room(page: int, middle: float = middle) -> float:
            return body.height * (middle if page >= tail else 1.0)

        trial = _split(body, columns, table, ls, ts, room, continued)
        if _count(trial) > count:  # too little room: a slide more
            low = middle
            continue
        even = trial  # the least room so far that adds no slide: the evenest split
        if all(extent >= MIN_CONT * body.height for extent in _extents(trial)[1:]):
            good, low = trial, middle
        else:
            high = middle
    return good or even


def _count(plan: _Plan) -> int:
    return max(len(plan.col_pages), len(plan.rows), 1)


def _split(
    body: Box,
    columns: Sequence[Sequence[Section]],
    table: Table | None,
    ls: float,
    ts: float,
    room: Callable[[int], float],
    continued: str,
) -> _Plan:
    """Lists then rows, page ``n`` holding at most ``room(n)`` points."""
    widths, pages, block = _lists(body, columns, ls, room, continued)
    if table is None or not table.rows:
        return _Plan(widths, pages, block, [], [], ts, 0.0)
    t_widths = _widths(body, table, ts)
    header = _header_height(table, t_widths, ts)
    start = max(0, len(pages) - 1)  # rows start below the last page of lists

    def cap(page: int) -> float:
        index = start + page
        return room(index) - (block[index] + GAP if index < len(block) else 0.0)

    shown = flow_rows(table.rows, t_widths, ts, header, cap, continued=continued, keep=table.groups)
    rows: list[list[Row]] = [[] for _ in range(start)] + shown
    return _Plan(widths, pages, block, rows, t_widths, ts, header)


def _extents(plan: _Plan) -> list[float]:
    """How far down the body each page's content reaches."""
    extents = []
    for page in range(_count(plan)):
        lists = plan.block[page] if page < len(plan.block) else 0.0
        rows = plan.rows[page] if page < len(plan.rows) else []
        table = plan.header_height + sum(r.height for r in rows) if rows else 0.0
        extents.append(lists + (GAP if lists and table else 0.0) + table)
    return extents


def _put_rows(deck: Deck, slide: Any, box: Box, table: Table, plan: _Plan, page: int) -> None:
    """The table with the header and the rows of ``page`` at ``box``."""
    here = plan.rows[page]
    deck.table(
        slide,
        box,
        plan.widths,
        table.header,
        [(r.cells, r.height) for r in here],
        size=plan.size,
        header_height=plan.header_height,
        fills=[table.fills[r.source] for r in here] if table.fills else None,
        groups={n for n, r in enumerate(here) if r.source in table.groups},
        vertical=table.vertical,
    )
