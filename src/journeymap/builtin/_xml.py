"""Text an XML-based file cannot hold, found before anything is written (private).

XML 1.0 has no way to store most C0 control characters (``\\x00``–``\\x08``,
``\\x0b``, ``\\x0c``, ``\\x0e``–``\\x1f``), lone surrogates or the
non-characters U+FFFE/U+FFFF, not even as ``&#…;`` references. Every XML
writer (Freeplane, XMind, OPML, and the Excel workbook) refuses such text with
a :class:`~journeymap.errors.ValidationError` naming each field, instead of
writing a file its reader rejects.

>>> from journeymap import Journey, Stage
>>> check_xml_text(Journey(title="ok", stages=[Stage(name="A", notes="bell\\a")]), "an OPML file")
Traceback (most recent call last):
...
journeymap.errors.ValidationError: stages[0].notes: contains control character U+0007, which an OPML file cannot store
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

import attrs

from journeymap.errors import Problem, ValidationError, join_path

__all__ = ["XML_ILLEGAL", "check_xml_text", "text_fields", "xml_problem"]

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 cannot hold in any form."""


def xml_problem(value: str, where: str) -> str | None:
    """Why ``value`` cannot be stored in ``where`` (e.g. ``"a Freeplane map"``), or ``None`` if it can.

    >>> xml_problem("tab\\tis fine", "XML"), xml_problem("\\x1b[0m", "XML")
    (None, 'contains control character U+001B, which XML cannot store')
    """
    found = XML_ILLEGAL.search(value)
    if found is None:
        return None
    char = found.group()
    kind = "control character" if char < " " else "character"
    return f"contains {kind} U+{ord(char):04X}, which {where} cannot store"


def text_fields(value: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str, str]]:
    """Every text of a journey (or any attrs object) with its field path, in field order.

    >>> from journeymap import Journey
    >>> list(text_fields(Journey(title="t", stages=["A"])))[:3]
    [('title', 't'), ('language', 'en'), ('stages[0].name', 'A')]
    """
    if isinstance(value, str):
        yield join_path(*path), value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from text_fields(item, (*path, index))
    elif isinstance(value, dict):  # keyed by ids or language tags, which are text too
        for key, item in value.items():
            yield join_path(*path, key), key
            yield from text_fields(item, (*path, key))
    elif attrs.has(type(value)):
        for field in attrs.fields(cast(Any, type(value))):
            if not field.name.startswith("_"):
                yield from text_fields(getattr(value, field.name), (*path, field.name))


def check_xml_text(journey: object, where: str) -> None:
    """Raise :class:`ValidationError` listing every text of ``journey`` that ``where`` cannot store."""
    problems = []
    for path, text in text_fields(journey):
        message = xml_problem(text, where)
        if message is not None:
            problems.append(Problem(path=path, message=message))
    if problems:
        raise ValidationError(problems)
