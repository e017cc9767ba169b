"""Errors of event-log mining: each names the input and, where it can, the column and row."""

from __future__ import annotations

from journeymap.errors import InputError

__all__ = ["EmptyLogError", "EventLogError", "MissingColumnError", "ObjectCentricLogError", "TimestampError"]


class EventLogError(InputError, ValueError):
    """An event log journeymap cannot measure; ``source`` names the file (or the kind of table)."""

    def __init__(self, source: str, message: str, *, column: str | None = None, row: int | None = None) -> None:
        self.source = source
        self.column = column
        self.row = row
        where = source
        if column is not None:
            where += f": column {column!r}"
        if row is not None:
            where += f", row {row}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.source, str(self), self.column, self.row))


def _rebuild(kind: type[EventLogError], source: str, text: str, column: str | None, row: int | None) -> EventLogError:
    error = kind.__new__(kind)
    InputError.__init__(error, text)
    error.source, error.column, error.row = source, column, row
    return error


class MissingColumnError(EventLogError):
    """A column that ``mine()`` was told to read is not in the log."""


class TimestampError(EventLogError):
    """A timestamp is missing or cannot be read; ``row`` is the 1-based data row (the header is not counted)."""


class EmptyLogError(EventLogError):
    """The log holds no events."""


class ObjectCentricLogError(EventLogError):
    """One event belongs to several customers (an object-centric log); flatten it to one customer column first."""
