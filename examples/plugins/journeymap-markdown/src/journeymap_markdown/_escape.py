"""Markdown escaping of user text, and the refusal of text Markdown cannot show."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from journeymap import Journey
from journeymap.errors import ValidationError

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones that change rendering
# (including GitHub's $math$ and ~strike~).
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~&$!])")
# At the start of a line: list markers, setext underlines, numbered lists.
_MARKER = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text shown literally by any CommonMark reader.

    >>> escape("=SUM(A1) | *bold* <b>")
    '\\\\=SUM(A1) \\\\| \\\\*bold\\\\* \\\\<b\\\\>'
    """
    text = _INLINE.sub(r"\\\1", text)
    return _NUMBERED.sub(r"\1\\\2", _MARKER.sub(r"\1\\\2", text))


def cell(text: str) -> str:
    """Text for one table cell: escaped, each line break shown as ``<br>``."""
    return "<br>".join(escape(line.strip()) for line in text.strip().splitlines()) if text.strip() else ""


def check_writable(journey: Journey) -> None:
    """Refuse control characters (a Markdown report cannot show them), naming the field."""
    for path, value in _texts(attrs.asdict(journey, recurse=True), ""):
        found = _CONTROL.search(value)
        if found:
            raise ValidationError.at(
                path, f"contains the control character U+{ord(found.group()):04X}, which a Markdown report cannot show"
            )


def _texts(data: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if not key.startswith("_"):
                yield from _texts(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            yield from _texts(value, f"{path}[{index}]")
