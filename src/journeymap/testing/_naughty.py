"""The Big List of Naughty Strings in every text field of a journey, for the exporter kit (private).

The strings (``data/blns.json``, MIT licence in ``data/BLNS-LICENSE``) are
laid into the text fields of the ``adversarial`` sample — every field a
person writes, not ids, enums or references — in batches: each field holds
a few dozen strings joined by spaces, and the batches rotate over the fields
from one journey to the next, so that after as many journeys as there are
batches every string has been in every field. Strings holding characters an
XML or spreadsheet format cannot hold (control characters, U+FFFE, U+FFFF)
go into journeys of their own, which an exporter may refuse naming a field.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import attrs

from journeymap.errors import JourneyMapError, join_path
from journeymap.model import Journey
from journeymap.serialization import loads
from journeymap.serialization._converter import unstructure

__all__ = ["UNWRITABLE", "NaughtyJourney", "naughty_journeys", "naughty_strings", "text_fields"]

UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters XML 1.0 (and so xlsx, pptx, Freeplane, OPML) cannot hold; a text with one may be refused."""
_PROBE = "naughty probe ✓"


@attrs.frozen
class NaughtyJourney:
    """A journey with naughty strings in its text fields; ``fields`` maps each field path to its strings."""

    journey: Journey
    fields: Mapping[str, tuple[str, ...]]
    may_reject: bool
    """Whether its strings hold :data:`UNWRITABLE` characters, so that an exporter may refuse it."""


@functools.cache
def naughty_strings() -> tuple[str, ...]:
    """The Big List of Naughty Strings (515 of them), without the empty string.

    >>> strings = naughty_strings()
    >>> len(strings) > 500, "<script>alert(123)</script>" in strings
    (True, True)
    """
    text = resources.files("journeymap.testing").joinpath("data/blns.json").read_text(encoding="utf-8")
    return tuple(string for string in json.loads(text) if string)


def _texts(data: object, parts: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(data, str):
        yield parts
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield from _texts(value, (*parts, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*parts, index))


def _put(data: Any, parts: tuple[str | int, ...], value: str) -> None:
    for part in parts[:-1]:
        data = data[part]
    data[parts[-1]] = value


def _path(parts: tuple[str | int, ...]) -> str:
    return join_path(*parts)


def _within(field: str, path: str) -> bool:
    """Whether ``path`` is ``field`` or inside it (a shorthand text that was read as a structure)."""
    return path == field or path.startswith((f"{field}.", f"{field}["))


def _template() -> Any:
    """The ``adversarial`` sample, unstructured, with every stage and touchpoint id written out.

    Ids made from names would change with the names and break what refers to them.
    """
    from journeymap.testing._samples import sample_journeys

    journey = sample_journeys()["adversarial"]
    data = unstructure(journey)
    for stage, stage_data in zip(journey.stages, data["stages"], strict=True):
        stage_data["id"] = stage.id
        for touchpoint, touchpoint_data in zip(stage.touchpoints, stage_data.get("touchpoints", []), strict=True):
            touchpoint_data["id"] = touchpoint.id
    return data


@functools.cache
def text_fields() -> tuple[str, ...]:
    """The field paths of the ``adversarial`` sample that take free text (found by trying: not ids, enums, links).

    >>> fields = text_fields()
    >>> "title" in fields, "stages[0].touchpoints[0].name" in fields, "language" in fields
    (True, True, False)
    """
    data = _template()
    free = {_path(parts): parts for parts in _texts(data) if parts[-1] != "id"}  # what references point at
    for _ in range(len(free)):
        trial = json.loads(json.dumps(data))
        for number, parts in enumerate(free.values()):
            _put(trial, parts, f"{_PROBE} {number}")  # each its own, so that a reference no longer matches
        try:
            loads(json.dumps(trial), format="json")
        except JourneyMapError as error:
            refused = [problem.path for problem in getattr(error, "problems", ())]
            kept = {path: parts for path, parts in free.items() if not any(_within(path, at) for at in refused)}
            if len(kept) == len(free):
                raise
            free = kept
        else:
            return tuple(free)
    raise AssertionError("no set of free-text fields of the adversarial sample loads")  # pragma: no cover


def naughty_journeys(strings: tuple[str, ...] | None = None, *, per_field: int = 40) -> Iterator[NaughtyJourney]:
    """Journeys that together put every one of ``strings`` (default :func:`naughty_strings`) in every text field.

    >>> first = next(naughty_journeys(("a<b", "c&d", "e]]>f"), per_field=2))
    >>> first.fields["title"], first.journey.title
    (('a<b', 'c&d'), 'a<b c&d')
    """
    every = naughty_strings() if strings is None else strings
    data = _template()
    fields = text_fields()
    where = {_path(parts): parts for parts in _texts(data)}
    for may_reject in (False, True):
        chosen = [string for string in every if bool(UNWRITABLE.search(string)) is may_reject]
        batches = [tuple(chosen[start : start + per_field]) for start in range(0, len(chosen), per_field)]
        for turn in range(len(batches)):
            trial = json.loads(json.dumps(data))
            laid = {}
            for number, field in enumerate(fields):
                laid[field] = batches[(turn + number) % len(batches)]
                _put(trial, where[field], " ".join(laid[field]))
            journey = loads(json.dumps(trial, ensure_ascii=False), format="json", source="naughty.json")
            yield NaughtyJourney(journey=journey, fields=laid, may_reject=may_reject)
