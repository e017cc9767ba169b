"""A streaming reader of XES event logs (``.xes`` and ``.xes.gz``) into rows.

Trace attributes become columns prefixed ``case:`` (so the trace's
``concept:name``, the customer, is ``case:concept:name``); event attributes
keep their keys (``concept:name``, ``time:timestamp``, ``lifecycle:transition``…).
Nested ``list``/``container`` attributes are skipped. This is the column
naming PM4Py uses when it turns a log into a table.
"""

from __future__ import annotations

import csv
import gzip
import itertools
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, cast

__all__ = ["BUFFER_ROWS", "CUSTOMER", "TIMESTAMP", "TOUCHPOINT", "read_xes", "write_csv"]

CUSTOMER = "case:concept:name"
TOUCHPOINT = "concept:name"
TIMESTAMP = "time:timestamp"
_SIMPLE = {"string", "date", "int", "float", "boolean", "id"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def read_xes(path: str | os.PathLike[str]) -> Iterator[dict[str, str]]:
    """Yield one dict per event, trace attributes included (``case:`` prefix).

    Raises :class:`xml.etree.ElementTree.ParseError` on malformed XML or an encoding expat cannot read.
    """
    trace: dict[str, str] = {}
    depth = 0
    event: dict[str, str] | None = None
    with _open(Path(path)) as stream:
        try:
            for kind, element in ET.iterparse(stream, events=("start", "end")):
                tag = _local(element.tag)
                if kind == "start":
                    depth += 1
                    if tag == "trace":
                        trace = {}
                    elif tag == "event":
                        event = {}
                    continue
                depth -= 1
                if tag == "event" and event is not None:
                    yield {**trace, **event}
                    event = None
                    element.clear()
                elif tag == "trace":
                    element.clear()
                elif tag in _SIMPLE and "key" in element.attrib:
                    # direct attribute of an event (depth 3) or a trace (depth 2); deeper ones are nested
                    if event is not None and depth == 3:
                        event[element.attrib["key"]] = element.attrib.get("value", "")
                    elif event is None and depth == 2:
                        trace["case:" + element.attrib["key"]] = element.attrib.get("value", "")
        except (ValueError, LookupError) as error:  # a declared encoding expat cannot use: multi-byte, unknown,
            raise ET.ParseError(f"the declared encoding cannot be read: {error}") from None  # not a text codec


BUFFER_ROWS = 200_000
"""Rows :func:`write_csv` holds in memory; a longer log is read twice instead (columns first, then rows)."""


def write_csv(
    rows: Iterator[dict[str, str]], target: Path, *, again: Callable[[], Iterator[dict[str, str]]] | None = None
) -> list[str]:
    """Write rows to a CSV file (columns in order of first appearance); return the columns.

    Up to :data:`BUFFER_ROWS` rows are held in memory. With more, and ``again`` (a function reading the
    same rows afresh), a first pass finds the columns and a second one streams the rows, so memory stays
    flat however long the log is; without ``again`` every row is held.
    """
    head = list(itertools.islice(rows, BUFFER_ROWS))
    if len(head) == BUFFER_ROWS and again is not None:
        del head
        columns: dict[str, None] = {}
        for row in again():
            columns.update(dict.fromkeys(row))
        return _write(again(), list(columns), target)
    data = [*head, *rows]
    columns = {}
    for row in data:
        columns.update(dict.fromkeys(row))
    return _write(iter(data), list(columns), target)


def _write(rows: Iterator[dict[str, str]], columns: list[str], target: Path) -> list[str]:
    with target.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return columns
