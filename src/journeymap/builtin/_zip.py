"""What the zip-based exporters (xlsx, pptx) share: fixed zip dates and the ``threshold`` option (private)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from typing import Any

from journeymap.analysis import DEFAULT_THRESHOLD
from journeymap.errors import ValidationError

__all__ = ["ZIP_TIME", "redate_zip", "threshold_option"]

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The date every zip entry gets (the earliest a zip can hold), so the same content gives the same bytes."""


def redate_zip(data: bytes, change: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """``data`` (a zip) copied entry by entry, in order, each dated :data:`ZIP_TIME`.

    ``change(name, content)`` may return new content for an entry (a core
    properties part whose "modified" stamp the library set to now, say).
    """
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if change is not None:
                content = change(entry.filename, content)
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return fixed.getvalue()


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
