"""Reading the cells of a workbook back: one :class:`Grid` per sheet, with formulas and merges found (private).

Sheets are read in openpyxl's read-only mode, values only (the fast path).
Formulas and merged ranges are found in the sheet's XML: a ``<f>`` element
sends that one sheet through the slow path that tells a formula from text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError as XmlError

import attrs

from journeymap.errors import ParseError, Problem

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["Book", "Grid", "cell_name", "open_book", "range_name"]

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    XmlError,
    KeyError,
    OSError,
    ValueError,
    NotImplementedError,  # zipfile: a zip version or compression method it does not support
    RuntimeError,  # zipfile: an encrypted member
)
"""What a damaged archive raises from openpyxl or zipfile, when the workbook is opened or a sheet is read
(a sheet is inflated only when read, so a corrupt deflate stream can surface late)."""


def _not_a_workbook(error: Exception, source: str | None) -> ParseError:
    message = f"not an Excel workbook (.xlsx) openpyxl can open: {error}"
    return ParseError([Problem(message=message, file=source)])


def cell_name(sheet: str, row: int, column: int) -> str:
    """``Sheet!C14``: where a cell is, as Excel writes it (the sheet name quoted when it has spaces).

    >>> cell_name("Touchpoints", 14, 3), cell_name("Точки контакта", 2, 1)
    ('Touchpoints!C14', "'Точки контакта'!A2")
    """
    from openpyxl.utils import get_column_letter

    return range_name(sheet, f"{get_column_letter(column)}{row}")


def range_name(sheet: str, ref: str) -> str:
    """``Sheet!B7:C7``: a cell or range on a sheet, the sheet's name quoted when it is not one word."""
    quoted = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{ref}"


@attrs.define
class Grid:
    """The values of one sheet, row 1 first, and the merged ranges in it (``A1:E1``)."""

    name: str
    rows: list[tuple[Any, ...]]
    merged: list[str]

    def value(self, row: int, column: int) -> Any:
        """The value at ``row``, ``column`` (from 1); None when empty or missing; a date-time at midnight is a day."""
        if row > len(self.rows):
            return None
        values = self.rows[row - 1]
        value = values[column - 1] if column <= len(values) else None
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.date()  # a due date
        return None if value == "" else value

    def where(self, row: int, column: int) -> str:
        """The cell's name, e.g. ``Touchpoints!C14``."""
        return cell_name(self.name, row, column)


@attrs.define
class Book:
    """The sheets of a workbook by name, read on demand; formulas found on the way become problems."""

    workbook: Workbook
    archive: zipfile.ZipFile
    source: str | None
    problems: list[Problem] = attrs.Factory(list)
    _grids: dict[str, Grid] = attrs.Factory(dict)

    @property
    def names(self) -> list[str]:
        """The sheet names, in workbook order."""
        return list(self.workbook.sheetnames)

    def grid(self, name: str) -> Grid:
        """Read the sheet ``name`` (once); every formula in it is added to :attr:`problems`."""
        if name in self._grids:
            return self._grids[name]
        sheet = self.workbook[name]
        try:
            xml = self.archive.read(getattr(sheet, "_worksheet_path").lstrip("/"))  # noqa: B009 - openpyxl's path
            merged = [match.decode() for match in _MERGE.findall(xml)]
            formulas = _FORMULA.search(xml)
            rows = list(self._with_formulas(name) if formulas else sheet.iter_rows(values_only=True))
        except _DAMAGED as error:
            raise _not_a_workbook(error, self.source) from None
        self._grids[name] = Grid(name=name, rows=rows, merged=merged)
        return self._grids[name]

    def _with_formulas(self, name: str) -> Iterator[tuple[Any, ...]]:
        """The slow path: each cell with its type, so a formula is told from text that starts with ``=``."""
        for number, row in enumerate(self.workbook[name].iter_rows(), start=1):
            values = []
            for column, cell in enumerate(row, start=1):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    message = f"a formula ({value}) cannot be read back; type the value instead"
                    self.problems.append(Problem(message=message, path=cell_name(name, number, column)))
                    value = None
                values.append(value)
            yield tuple(values)


def open_book(data: bytes, source: str | None) -> Book:
    """Open the workbook in ``data`` read-only; a file that is not an ``.xlsx`` workbook is a ParseError."""
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except _DAMAGED as error:
        raise _not_a_workbook(error, source) from None
    return Book(workbook=workbook, archive=archive, source=source)
