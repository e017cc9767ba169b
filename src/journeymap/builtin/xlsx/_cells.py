"""Safe cells for the Excel exporter: user text is always text (private).

Every string a sheet writes goes through :func:`text`, which builds a cell
with data type ``s`` (so ``=cmd()`` or ``#N/A`` never becomes a formula or an
error value) and sets ``quotePrefix`` on text Excel would read as a formula,
so editing the cell keeps it text. :func:`check_journey` refuses, before
anything is written, text that an ``.xlsx`` file cannot hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from journeymap.builtin._xml import text_fields, xml_problem
from journeymap.errors import Problem, ValidationError

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["MAX_CELL_TEXT", "bullets", "cell", "cells", "check_journey", "put", "text"]

MAX_CELL_TEXT = 32_767
"""Excel keeps at most this many characters in a cell."""

FORMULA_START = ("=", "+", "-", "@")
"""Text starting with one of these is read as a formula when typed into Excel."""


def text(sheet: Worksheet, value: str) -> Cell:
    """A cell holding ``value`` as text, never as a formula or an error value."""
    from openpyxl.cell.cell import Cell

    made = Cell(sheet, value=value)
    made.data_type = "s"
    if value.startswith(FORMULA_START):
        made.quotePrefix = True
    return made


def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Set the cell at ``row``, ``column`` to ``value``; text stays text (see :func:`text`)."""
    target: Cell = sheet.cell(row=row, column=column)
    target.value = value
    if isinstance(value, str):
        target.data_type = "s"
        if value.startswith(FORMULA_START):
            target.quotePrefix = True
    return target


def cell(sheet: Worksheet, value: object) -> Any:
    """``value`` ready for ``append``: text through :func:`text`, numbers, dates and None as they are."""
    if isinstance(value, str):
        return text(sheet, value)
    return value


def cells(sheet: Worksheet) -> Callable[[Sequence[object]], list[Any]]:
    """A fast row maker for ``sheet.append``: like :func:`cell` on every value, for large sheets."""
    from openpyxl.cell.cell import Cell

    def row(values: Sequence[object]) -> list[Any]:
        made: list[Any] = []
        for value in values:
            if isinstance(value, str):
                target = Cell(sheet, value=value)
                target.data_type = "s"
                if value.startswith(FORMULA_START):
                    target.quotePrefix = True
                made.append(target)
            else:
                made.append(value)
        return made

    return row


def bullets(items: Iterable[str], *, more: str, limit: int = 40, marker: str = "• ") -> str:
    """Join ``items`` one per line, at most ``limit`` of them and never over Excel's cell limit.

    Items left out are counted in a last line made from ``more`` (a format
    string with ``{count}``); the full lists live on the other sheets.

    >>> bullets(["a", "b", "c"], more="… and {count} more", limit=2)
    '• a\\n• b\\n… and 1 more'
    """
    items = list(items)
    lines: list[str] = []
    size = 0
    reserve = len(more) + 20
    for item in items:
        line = marker + item if marker and len(items) > 1 else item
        if len(lines) == limit or size + len(line) + 1 > MAX_CELL_TEXT - reserve:
            break
        lines.append(line)
        size += len(line) + 1
    if len(lines) < len(items):
        lines.append(more.format(count=len(items) - len(lines)))
    return "\n".join(lines)


def check_journey(journey: object) -> None:
    """Raise :class:`ValidationError` listing every text an ``.xlsx`` file cannot hold.

    >>> from journeymap import Journey, Stage
    >>> check_journey(Journey(title="ok", stages=[Stage(name="A", notes="bell\\a")]))
    Traceback (most recent call last):
    ...
    journeymap.errors.ValidationError: stages[0].notes: contains control character U+0007, which Excel cannot store
    """
    problems = []
    for path, value in text_fields(journey):
        message = xml_problem(value, "Excel")
        if message is None and len(value) > MAX_CELL_TEXT:
            message = f"is {len(value):,} characters long; an Excel cell holds at most {MAX_CELL_TEXT:,}"
        if message is not None:
            problems.append(Problem(path=path, message=message))
    if problems:
        raise ValidationError(problems)
