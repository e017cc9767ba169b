"""What a cell a person edited means: text, a list, a number, a choice (private).

Every function takes the cell's value as openpyxl reads it and either returns
the model's value or raises :class:`CellError` with the message for that cell
(``must be between -2 and 2, got 7``); the reader adds the cell's name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from journeymap.i18n import Labels
from journeymap.model import Evidence, EvidenceKind

__all__ = [
    "BULLET",
    "CellError",
    "as_date",
    "as_lines",
    "as_number",
    "as_text",
    "as_whole",
    "choice",
    "evidence",
    "hidden_tail",
    "same",
]

T = TypeVar("T")

BULLET = "•"
"""The list marker the exporter writes before each item of a cell that lists several."""


class CellError(ValueError):
    """A cell's value cannot be read as what its column holds; the message says why."""


def same(actual: Any, expected: Any) -> bool:
    """Whether a cell still shows what the exporter wrote (None and ``""`` are both empty; floats to 13 digits)."""
    if actual in (None, "") or expected in (None, ""):
        return actual in (None, "") and expected in (None, "")
    if isinstance(actual, bool) or isinstance(expected, bool):
        return actual is expected
    if isinstance(actual, int | float) and isinstance(expected, int | float):
        # openpyxl writes a float with 15 significant digits or so: 1.6666666666666667 reads back as 1.666666666666667
        return math.isclose(actual, expected, rel_tol=1e-13, abs_tol=1e-300)
    return bool(actual == expected) and type(actual) is type(expected)


def as_text(value: Any) -> str | None:
    """A cell as text, surrounding spaces removed; None when empty. A number typed in a text column is its digits."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = str(value).strip()
    return text or None


def as_lines(value: Any) -> list[str]:
    """The items of a list cell: one a line, the ``•`` marker and surrounding spaces removed, empty lines dropped.

    >>> as_lines("• Find a school\\n\\n• Compare prices ")
    ['Find a school', 'Compare prices']
    """
    text = as_text(value)
    if text is None:
        return []
    items = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith(BULLET):
            line = line[len(BULLET) :].strip()
        if line:
            items.append(line)
    return items


def hidden_tail(lines: list[str], more: str) -> tuple[list[str], int | None]:
    """The lines without a last ``… and N more`` line, and N (None when there is no such line).

    >>> hidden_tail(["a", "… and 3 more"], "… and {count} more")
    (['a'], 3)
    """
    head, _, tail = more.partition("{count}")
    pattern = re.compile(re.escape(head) + r"(\d+)" + re.escape(tail))
    if lines and (found := pattern.fullmatch(lines[-1])):
        return lines[:-1], int(found.group(1))
    return lines, None


def as_number(value: Any) -> float | int | None:
    """A number cell (also a number typed as text, with a comma or a point); None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(f"must be a number, got {value!r}")
    if isinstance(value, int | float):
        return value
    text = str(value).strip().replace("\u2212", "-").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise CellError(f"must be a number, got {str(value)!r}") from None
    return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number


def as_whole(value: Any) -> int | None:
    """A whole-number cell; None when empty."""
    number = as_number(value)
    if number is None:
        return None
    if isinstance(number, float):
        if not number.is_integer():
            raise CellError(f"must be a whole number, got {number:g}")
        return int(number)
    return number


def as_date(value: Any) -> dt.date | None:
    """A date cell (a date, or text YYYY-MM-DD); None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CellError(f"must be a date (YYYY-MM-DD), got {str(value)!r}") from None


def choice(value: Any, options: Mapping[str, T], what: str) -> T | None:
    """The option whose label (any letter case) is the cell's text; None when empty.

    >>> choice("Critical", {"critical": 3, "minor": 1}, "severity")
    3
    """
    text = as_text(value)
    if text is None:
        return None
    folded = {label.casefold(): option for label, option in options.items()}
    if text.casefold() in folded:
        return folded[text.casefold()]
    labels = ", ".join(dict.fromkeys(options))
    raise CellError(f"{what} must be one of: {labels}; got {text!r}")


def evidence(value: Any, words: Labels) -> Evidence | None:
    """``observed: 12 interviews`` (the kind in the workbook's language or in English) as :class:`Evidence`."""
    text = as_text(value)
    if text is None:
        return None
    kinds: dict[str, EvidenceKind] = {}
    for member in EvidenceKind:
        kinds[words.evidence_kind(member)] = member
        kinds[member.value] = member
    head, colon, source = text.partition(":")
    kind = choice(head, kinds, "evidence")
    if kind is None:
        raise CellError(
            f"evidence needs its kind before the colon ({', '.join(words.evidence_kind(k) for k in EvidenceKind)})"
        )
    return Evidence(kind=kind, source=source.strip() or None) if colon else Evidence(kind=kind)
