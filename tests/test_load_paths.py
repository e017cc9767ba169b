"""A document loads the same whichever way it is read.

``jm.loads`` builds a document with nothing wrong in one pass and sends
anything else through the reference path (cattrs and the validated
constructors), which names every problem. These properties hold the two
together: the one pass is taken for what ``jm.dumps`` writes, it builds what
the reference path builds, and for any document, damaged anywhere, ``loads``
gives the reference path's journey or the reference path's error.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeymap as jm
from journeymap import _yaml
from journeymap._build import Decline, build
from journeymap._convert import reference_structure, structure
from journeymap.errors import ValidationError

from .conftest import example_files
from .strategies import journeys

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
Plain = _yaml.Plain


def plain_data(journey: jm.Journey, fmt: str) -> Any:
    """The journey as the parser hands it over: JSON types, or YAML's dicts, lists, str and Plain."""
    text = jm.dumps(journey, fmt)
    return json.loads(text) if fmt == "json" else _yaml.parse(text)[0]


def derived_ids(journey: jm.Journey) -> list[bool]:
    """Which stage and touchpoint ids were derived from the name (they are written back differently)."""
    return [thing._auto_id for stage in journey.stages for thing in (stage, *stage.touchpoints)]


def assert_same(one: jm.Journey, other: jm.Journey) -> None:
    assert one == other
    assert jm.dumps(one) == jm.dumps(other)  # the same types too: 1 stays 1, not 1.0
    assert derived_ids(one) == derived_ids(other)


def assert_loads_as(data: Any, expected: jm.Journey | str) -> None:
    """``structure`` (what ``loads`` calls) gives the expected journey, or the expected error text."""
    try:
        loaded: jm.Journey | str = structure(data)
    except ValidationError as error:
        loaded = str(error)
    if isinstance(expected, str):
        assert loaded == expected
    else:
        assert isinstance(loaded, jm.Journey)
        assert_same(loaded, expected)


def outcome(data: Any) -> jm.Journey | str:
    try:
        return reference_structure(data)
    except ValidationError as error:
        return str(error)


@SETTINGS
@given(journeys(), st.sampled_from(["json", "yaml"]))
def test_what_dumps_writes_is_built_in_one_pass(journey: jm.Journey, fmt: str) -> None:
    data = plain_data(journey, fmt)
    assert build(data) == journey
    assert_same(build(data), reference_structure(data))


@pytest.mark.parametrize("path", example_files(), ids=lambda path: path.stem)
def test_the_examples_are_built_in_one_pass(path: Any) -> None:
    data = _yaml.parse(path.read_text(encoding="utf-8"))[0]
    assert_same(build(data), reference_structure(data))


# Values that are wrong, or right only in some fields, or right but left to the reference path.
ODD_VALUES: list[Any] = [
    None,
    "",
    " ",
    "\t\n",
    "x",
    "Ок",
    "\ud800",
    "a\udfffb",
    0,
    -1,
    3,
    -3,
    2.5,
    -2.0,
    3.0,
    float("nan"),
    float("inf"),
    -float("inf"),
    10**400,
    True,
    False,
    [],
    {},
    [""],
    ["x"],
    ["x", " "],
    ["\ud800"],
    [None],
    [1],
    [[]],
    [{}],
    [{"name": "x"}],
    {"score": 1},
    {"score": 3},
    {"name": "x"},
    {"description": "x", "severity": "Major"},
    {"title": "x", "stage": "nowhere"},
    {"reached": 1, "converted": 2},
    {"reached": 2, "moves": [{"to": "nowhere", "count": 1}]},
    "2026-01-05",
    "2026-02-30",
    " 2026-01-05",
    "2026-01-05T10:00",
    "ro-MD",
    "en_US",
    "major",
    "MAJOR",
    " critical ",
    "in_progress",
    "post_purchase",
    "Purchase",
    *(
        Plain(text)
        for text in [
            "",
            "~",
            "null",
            "NULL",
            "true",
            "False",
            "yes",
            "NO",
            "1",
            "-2",
            "-3",
            "012",
            "0x1F",
            "0o17",
            "1e3",
            "1.5",
            "3.0",
            ".inf",
            "-.inf",
            ".nan",
            "2026-01-05",
            "2026-13-01",
            "major",
            "done",
            "ru",
            "x",
        ]
    ),
]
NEW_KEYS = [
    "title",
    "name",
    "id",
    "score",
    "emotion",
    "severity",
    "nmae",
    "stages",
    "_auto_id",
    "moves",
    "schema_version",
]


@st.composite
def damaged(draw: st.DrawFn) -> Any:
    """A document that ``dumps`` wrote, then changed in a few places: a value replaced, a key added or removed."""
    data = copy.deepcopy(plain_data(draw(journeys()), draw(st.sampled_from(["json", "yaml"]))))
    for _ in range(draw(st.integers(1, 3))):
        places = list(_places(data))
        container, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["replace", "replace", "add", "remove"]))
        if action == "replace" or not isinstance(container, dict):
            container[key] = draw(st.sampled_from(ODD_VALUES))
        elif action == "add":
            container[draw(st.sampled_from(NEW_KEYS))] = draw(st.sampled_from(ODD_VALUES))
        else:
            del container[key]
    return data


def _places(value: Any) -> Any:
    """(container, key or index) of every value inside a document."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, item in items:
        yield value, key
        yield from _places(item)


@SETTINGS
@given(damaged())
def test_a_damaged_document_loads_as_the_reference_path_says(data: Any) -> None:
    expected = outcome(data)
    try:
        built: jm.Journey | None = build(data)
    except Decline:
        built = None
    if isinstance(expected, str):
        assert built is None, f"the one pass accepted what the reference path refuses: {expected}"
    elif built is not None:
        assert_same(built, expected)
    assert_loads_as(data, expected)


@pytest.mark.parametrize(
    "document",
    [
        [],
        "title",
        {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "emotion": {"score": 1.0}}]}]},
        {"title": "t", "stages": ["a", "a", {"name": "a", "id": "a-2"}]},
        {"title": "t", "stages": [{"name": "a", "id": "x"}, {"name": "b", "id": "x"}]},
        {"title": "t", "persona": {"name": "Anna", "age": 34}},
        {"title": "t", "persona": {"name": "Anna", "age": True}},
        {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "reach": 10**400}]}]},
        {"title": "t", "kpis": [{"name": "k", "target": 10**400}]},
        {  # valid, in forms the one pass leaves to the reference path
            "title": "t",
            "stages": [
                {
                    "name": "a",
                    "phase": " Purchase",
                    "touchpoints": [
                        {"name": "b", "reach": 3.0, "barriers": [{"description": "x", "severity": "MAJOR"}]}
                    ],
                }
            ],
            "actions": [{"title": "x", "due": " 2026-01-05", "status": "Done", "stage": "a"}],
        },
    ],
)
def test_edge_documents_load_as_the_reference_path_says(document: Any) -> None:
    assert_loads_as(document, outcome(document))
