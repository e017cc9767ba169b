"""The ``xlsx`` importer: read back a workbook the ``xlsx`` exporter wrote, after a person edited it.

The exporter keeps the whole journey, as JSON, in a very hidden sheet called
``journeymap`` (with the workbook's format version and language). The
reader starts from that journey and applies what a person changed on the
visible sheets, matched by the ids the workbook carries — the hidden id
column of the Touchpoints, Barriers and Actions tables and the hidden row of
stage ids on the Map — never by row position:

* **Map**: the title, stage names and phases, and each stage's goals,
  expectations, questions, doing, thinking, opportunities, custom lanes and
  owner; the column order is the stage order.
* **Touchpoints**, **Barriers**, **Actions**: every column but the number of
  barriers; a new row (empty id) is a new item, a deleted row a deleted item;
  sorting and filtering change nothing.
* **Persona**: the persona's, the segment's and the map's facts.

What a workbook cannot hold back — a formula typed into a cell, cells merged
across a stage or a table, a value the journey refuses, a copied row with
the same id — is a :class:`~journeymap.errors.ValidationError` naming every
cell (``Touchpoints!E14: emotion must be between -2 and 2, got 7``); nothing
is read then. An edit that is not read back (a lane drawn from another sheet,
the Blueprint and Analysis sheets, a sheet or column journeymap does not
write) is an :class:`XlsxWarning` naming the cell. See ``docs/xlsx.md``.
"""

from __future__ import annotations

import gc
import warnings
from typing import Any

from journeymap.builtin._blueprint import has_blueprint
from journeymap.builtin.xlsx._book import Book, Grid, open_book, range_name
from journeymap.builtin.xlsx._draft import Draft
from journeymap.builtin.xlsx._embed import DATA_SHEET, FORMAT_VERSION
from journeymap.builtin.xlsx._read_map import read_map
from journeymap.builtin.xlsx._read_persona import read_persona
from journeymap.builtin.xlsx._read_tables import read_actions, read_barriers, read_touchpoints
from journeymap.builtin.xlsx._values import same
from journeymap.errors import JourneyMapWarning, ParseError, Problem, ProblemsError, ValidationError
from journeymap.i18n import Labels, labels
from journeymap.model import Journey
from journeymap.plugin import check_options, require
from journeymap.serialization import loads

__all__ = ["XlsxImporter", "XlsxWarning", "read_workbook"]


class XlsxWarning(JourneyMapWarning):
    """Something a person changed in the workbook is not read back; the message names the cell."""


class XlsxImporter:
    """Reads back a workbook the ``xlsx`` exporter wrote (``.xlsx``); no options."""

    name = "xlsx"
    suffixes = (".xlsx",)
    description = "Excel workbook: map grid, touchpoints, barriers, persona, actions, analysis"
    extra = "xlsx"

    def read(self, data: bytes, *, source: str | None = None, **options: Any) -> Journey:
        """Read the journey from the bytes of a workbook; ``source`` names the file in errors and warnings."""
        check_options(self.name, options, kind="importer")
        require("openpyxl", self.extra)
        return read_workbook(data, source=source)


def read_workbook(data: bytes, *, source: str | None = None) -> Journey:
    """The journey in a workbook the exporter wrote, with a person's edits applied (see the module's doc).

    The cyclic garbage collector is paused meanwhile (as :func:`journeymap.loads` does): reading makes many
    objects and no cycles, and with a large workbook's cells alive, collections cost much and find nothing.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read(data, source)
    finally:
        if paused:
            gc.enable()


def _read(data: bytes, source: str | None) -> Journey:
    book = open_book(data, source)
    base, words = _embedded(book)
    draft = Draft(base=base, words=words, problems=book.problems)
    names = _sheets(book, base, words, draft)
    _merges(book, names, base, draft)
    if not draft.problems:
        read_map(book.grid(words.sheet_map), draft)
    for name, read in (
        (words.sheet_touchpoints, read_touchpoints),
        (words.sheet_barriers, read_barriers),
        (words.sheet_actions, read_actions),
    ):
        if not draft.problems:
            read(book.grid(name), draft)
    if not draft.problems and words.sheet_persona in names:
        read_persona(book.grid(words.sheet_persona), draft)
    if not draft.problems and words.sheet_blueprint in names and has_blueprint(base):
        _blueprint(book.grid(words.sheet_blueprint), draft)
    try:
        if draft.problems:
            raise ValidationError(draft.problems)
        journey = draft.build()
    except ProblemsError as error:
        raise error.located(source) from None
    where = f"{source}: " if source else ""
    for message in draft.warnings:
        warnings.warn(f"{where}{message}", XlsxWarning, stacklevel=5)
    return journey


def _embedded(book: Book) -> tuple[Journey, Labels]:
    """The journey in the hidden sheet and the labels of the workbook's language."""
    source = book.source
    if DATA_SHEET not in book.names:
        message = (
            f"the hidden {DATA_SHEET!r} sheet is missing: journeymap reads back only workbooks its xlsx exporter"
            " wrote, with that sheet kept"
        )
        raise ParseError([Problem(message=message, file=source)])
    grid = book.grid(DATA_SHEET)
    version = grid.value(1, 2)
    if grid.value(1, 1) != DATA_SHEET or not isinstance(version, int) or isinstance(version, bool):
        raise ParseError([Problem(message="is not the sheet journeymap wrote", path=f"{DATA_SHEET}!A1", file=source)])
    if version > FORMAT_VERSION:
        message = f"the workbook's format is version {version}; this journeymap reads up to {FORMAT_VERSION} (upgrade)"
        raise ParseError([Problem(message=message, path=f"{DATA_SHEET}!B1", file=source)])
    language = grid.value(2, 2)
    text = "".join(str(row[1]) for row in grid.rows[2:] if len(row) > 1 and row[1] is not None)
    try:
        base = loads(text, "json")
    except ProblemsError as error:
        first = error.problems[0]
        message = f"the journey kept in the workbook does not read ({first.path or 'document'}: {first.message})"
        raise ParseError([Problem(message=message, path=f"{DATA_SHEET}!B3", file=source)]) from None
    return base, labels(str(language) if language else base.language)


def _sheets(book: Book, base: Journey, words: Labels, draft: Draft) -> set[str]:
    """The sheet names present; a sheet journeymap does not write is a warning, a table sheet missing a problem."""
    needed = [words.sheet_map, words.sheet_touchpoints, words.sheet_barriers, words.sheet_actions]
    known = {*needed, words.sheet_persona, words.sheet_analysis, words.sheet_blueprint, DATA_SHEET}
    known.add(words.segment_differences[:31])  # written with metrics=, read-only figures
    names = set(book.names)
    for name in book.names:
        if name not in known:
            draft.warn(f"sheet {name!r}", "is not a sheet journeymap writes; it is not read")
    for name in needed:
        if name not in names:
            draft.error(f"sheet {name!r}", "is missing (renamed or deleted); it is needed to read the workbook back")
    return names


def _merges(book: Book, names: set[str], base: Journey, draft: Draft) -> None:
    """Merged cells on a sheet that is read, beyond the Map's title rows, are problems: a merge hides values."""
    from openpyxl.utils import get_column_letter

    words = draft.words
    last = get_column_letter(len(base.stages) + 1)
    allowed = {f"A1:{last}1", f"A2:{last}2"} if base.stages else set()
    for name in (words.sheet_map, words.sheet_touchpoints, words.sheet_barriers, words.sheet_actions):
        if name not in names:
            continue
        for merged in book.grid(name).merged:
            if name != words.sheet_map or merged not in allowed:
                message = "merged cells cannot be read back (only the first cell keeps its value); unmerge them"
                draft.error(range_name(name, merged), message)


def _blueprint(grid: Grid, draft: Draft) -> None:
    """The Blueprint sheet is not read back: a warning names the first cell that differs from what was written."""
    from openpyxl import Workbook

    from journeymap.builtin.xlsx._blueprint import write_blueprint

    sheet = Workbook().active
    assert sheet is not None
    write_blueprint(sheet, draft.base, draft.words)
    for row in sheet.iter_rows():
        for cell in row:
            if not same(grid.value(cell.row, cell.column), cell.value):
                message = "the Blueprint sheet is not read back; change service blueprint steps in the journey file"
                draft.warn(grid.where(cell.row, cell.column), message)
                return
