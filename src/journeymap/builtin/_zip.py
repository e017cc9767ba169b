"""What the zip-based exporters (xlsx, pptx, xmind) share: how zip entries are dated; the ``threshold`` and
``metrics`` options.

Private. Every entry of a zip deliverable is made by :func:`zip_entry`, the
one place that dates entries: a fixed date (:data:`ZIP_TIME` unless the
exporter passes another fixed one, as XMind passes the journey's date),
deflated, with fixed permissions, so the same content gives the same bytes.
:func:`write_zip` builds a zip from parts; :func:`redate_zip` rebuilds one a
library wrote (with the time of saving) that way.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeAlias

from journeymap.analysis import DEFAULT_THRESHOLD
from journeymap.errors import ValidationError

__all__ = ["ZIP_TIME", "DateTime", "redate_zip", "threshold_option", "write_zip", "zip_entry"]

DateTime: TypeAlias = tuple[int, int, int, int, int, int]
"""A zip entry's date: year, month, day, hour, minute, second."""

ZIP_TIME: DateTime = (1980, 1, 1, 0, 0, 0)
"""The date every zip entry gets by default (the earliest a zip can hold), so the same content gives the same bytes."""

_MODE = 0o600
"""Permissions of an entry by default (owner read and write)."""


def zip_entry(name: str, date_time: DateTime = ZIP_TIME, mode: int = _MODE) -> zipfile.ZipInfo:
    """The header of a deflated zip entry called ``name``, dated ``date_time``, with Unix permissions ``mode``."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = mode << 16
    return info


def write_zip(parts: Iterable[tuple[str, bytes]], *, date_time: DateTime = ZIP_TIME, mode: int = _MODE) -> bytes:
    """A zip of ``parts`` (entry names with their contents), in order, each entry made by :func:`zip_entry`.

    >>> import zipfile, io
    >>> entry = zipfile.ZipFile(io.BytesIO(write_zip([("a.txt", b"hi")]))).infolist()[0]
    >>> entry.filename, entry.date_time, entry.compress_type == zipfile.ZIP_DEFLATED
    ('a.txt', (1980, 1, 1, 0, 0, 0), True)
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            archive.writestr(zip_entry(name, date_time, mode), content)
    return buffer.getvalue()


def redate_zip(data: bytes, change: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """``data`` (a zip) copied entry by entry, in order, each dated :data:`ZIP_TIME`.

    ``change(name, content)`` may return new content for an entry (a core
    properties part whose "modified" stamp the library set to now, say).
    """

    def parts(source: zipfile.ZipFile) -> Iterator[tuple[str, bytes]]:
        for entry in source.infolist():
            content = source.read(entry)
            yield entry.filename, content if change is None else change(entry.filename, content)

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return write_zip(parts(source))


def threshold_option(options: Mapping[str, Any]) -> int:
    """The ``threshold`` exporter option: an int from Python or a string from the command line.

    >>> threshold_option({"threshold": "3"}), threshold_option({})
    (3, 2)
    """
    value = options.get("threshold", DEFAULT_THRESHOLD)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError.at("options.threshold", f"must be a whole number of at least 0, got {value!r}")
    return value


def differences_option(options: Mapping[str, Any]) -> tuple[Any, ...]:
    """The segment differences of the ``metrics`` option (a ``mine(..., segment=...)`` result), or none.

    >>> differences_option({})
    ()
    """
    metrics = options.get("metrics")
    if metrics is None:
        return ()
    from journeymap.mining import JourneyMetrics, differences

    if not isinstance(metrics, JourneyMetrics) or not metrics.segments:
        raise ValidationError.at("options.metrics", "must be what mine(..., segment=COLUMN) returns")
    return differences(metrics)
