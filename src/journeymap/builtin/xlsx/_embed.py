"""The hidden ``journeymap`` sheet: the whole journey as JSON, so a workbook reads back without loss (private).

Layout (column A the label, column B the value)::

    A1 journeymap      B1 format version (1)
    A2 language        B2 the language of the labels (en, ru, ro…)
    A3 journey         B3, B4, … the journey as compact JSON, cut into pieces

The sheet is *very hidden* (Excel's ``veryHidden``: not listed under
Unhide). Pieces hold at most :data:`PIECE` characters, so that even text
outside the Basic Multilingual Plane (two UTF-16 units a character) stays
under Excel's limit of 32,767 per cell.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from journeymap.builtin.xlsx._cells import text
from journeymap.model import Journey
from journeymap.serialization._converter import unstructure

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["DATA_SHEET", "FORMAT_VERSION", "PIECE", "journey_json", "write_data"]

DATA_SHEET = "journeymap"
"""Name of the hidden sheet (the same in every language)."""

FORMAT_VERSION = 1
"""Version of the workbook layout the reader understands; a later one is refused."""

PIECE = 16_000
"""Characters of JSON per cell."""


def journey_json(journey: Journey) -> str:
    """The journey as compact JSON (the form :func:`journeymap.serialization.loads` reads)."""
    return json.dumps(unstructure(journey), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def write_data(workbook: Workbook, journey: Journey, language: str) -> None:
    """Add the hidden sheet, last, holding the format version, ``language`` and the journey."""
    sheet = workbook.create_sheet(DATA_SHEET)
    sheet.sheet_state = "veryHidden"
    data = journey_json(journey)
    sheet.append([text(sheet, DATA_SHEET), FORMAT_VERSION])
    sheet.append([text(sheet, "language"), text(sheet, language)])
    for start in range(0, max(len(data), 1), PIECE):
        sheet.append([text(sheet, "journey") if start == 0 else None, text(sheet, data[start : start + PIECE])])
