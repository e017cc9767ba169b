"""Loading plain data: what dumps writes comes back equal, and a damaged document is refused field by field.

``jm.loads`` parses the text and hands the data to the converter (cattrs
reading each value as its field's type, then the validated constructors).
These properties hold it to two promises: every journey ``dumps`` writes
loads back as the same journey, and any document, damaged anywhere, gives a
journey or a :class:`~journeymap.ValidationError` whose every problem names
a place in that document: never another exception.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import attrs
import cattrs
import pytest
from cattrs.gen import make_dict_structure_fn, override
from hypothesis import given
from hypothesis import strategies as st

import journeymap as jm
from journeymap.errors import ValidationError, split_path
from journeymap.serialization import _yaml
from journeymap.serialization._converter import FieldsHooks, _make_converter, _problems, structure

from .strategies import journeys

Plain = _yaml.Plain


def plain_data(journey: jm.Journey, fmt: str) -> Any:
    """The journey as the parser hands it over: JSON types, or YAML's dicts, lists, str and Plain."""
    text = jm.dumps(journey, fmt)
    return json.loads(text) if fmt == "json" else _yaml.parse(text)[0]


@given(journeys(), st.sampled_from(["json", "yaml"]))
def test_what_dumps_writes_loads_back_as_the_same_journey(journey: jm.Journey, fmt: str) -> None:
    loaded = structure(plain_data(journey, fmt))
    assert loaded == journey
    assert jm.dumps(loaded) == jm.dumps(journey)  # the same types too: 1 stays 1, not 1.0


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


def reaches(data: Any, path: str) -> bool:
    """Whether a field path leads into the document up to its last step (which may be the missing or odd value).

    A shorthand (``emotion: 1`` for ``emotion: {score: 1}``) ends the walk early, so its own fields count as reached.
    """
    *steps, _last = split_path(path) or [""]
    value = data
    for step in steps:
        if not isinstance(value, dict | list):
            return True
        if step not in (value if isinstance(value, dict) else range(len(value))):
            return False
        value = value[step]
    return True


@given(damaged())
def test_a_damaged_document_loads_or_names_a_place_in_it_for_every_problem(data: Any) -> None:
    try:
        journey = structure(data)
    except ValidationError as error:
        for problem in error.problems:
            assert problem.message
            assert reaches(data, problem.path), f"{problem} names no place in the document"
        return
    again = jm.loads(jm.dumps(journey))
    assert again == journey


EDGE_DOCUMENTS: list[tuple[Any, str]] = [
    ([], "a journey document must be a mapping of fields (title, stages, …), got a list"),
    ("title", "a journey document must be a mapping of fields (title, stages, …), got the text 'title'"),
    (
        {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "emotion": {"score": 1.0}}]}]},
        "title: t\nstages:\n- name: a\n  touchpoints:\n  - name: b\n    emotion: 1.0\n",
    ),
    (
        {"title": "t", "stages": ["a", "a", {"name": "a", "id": "a-2"}]},
        "title: t\nstages:\n- name: a\n- name: a\n  id: a-3\n- name: a\n  id: a-2\n",
    ),
    (
        {"title": "t", "stages": [{"name": "a", "id": "x"}, {"name": "b", "id": "x"}]},
        "stages[1].id: duplicate id 'x' (also at stages[0])",
    ),
    ({"title": "t", "persona": {"name": "Anna", "age": 34}}, "title: t\npersona:\n  name: Anna\n  age: '34'\n"),
    ({"title": "t", "persona": {"name": "Anna", "age": True}}, "persona.age: must be text, got true"),
    (
        {"title": "t", "stages": [{"name": "a", "touchpoints": [{"name": "b", "reach": 10**400}]}]},
        f"title: t\nstages:\n- name: a\n  touchpoints:\n  - name: b\n    reach: {10**400}\n",
    ),
    ({"title": "t", "kpis": [{"name": "k", "target": 10**400}]}, f"title: t\nkpis:\n- name: k\n  target: {10**400}\n"),
    (
        {  # valid, in forms a person may write: letter case and spaces in enums, 3.0 for a count
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
        "title: t\nstages:\n- name: a\n  phase: purchase\n  touchpoints:\n  - name: b\n    barriers:\n    - x\n"
        "    reach: 3\nactions:\n- title: x\n  stage: a\n  due: '2026-01-05'\n  status: done\n",
    ),
]


@pytest.mark.parametrize(("document", "expected"), EDGE_DOCUMENTS)
def test_edge_documents_load_as_written_down(document: Any, expected: str) -> None:
    """Each gives the journey written as YAML (without the schema_version line), or the error text."""
    try:
        outcome = jm.dumps(structure(document)).removeprefix("schema_version: 1\n")
    except ValidationError as error:
        outcome = str(error)
    assert outcome == expected


def _constructor_hook(converter: cattrs.Converter, cls: type, hooks: FieldsHooks) -> Any:
    """cattrs' own generated hook over the same field hooks: it ends in ``cls(**fields)``, the validated constructor."""
    fields = {name: override(struct_hook=hook) for name, (hook, _) in hooks.items()}
    return make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True, **fields)


_THROUGH_CONSTRUCTORS = _make_converter(_constructor_hook)


def through_constructors(data: Any) -> jm.Journey:
    """What the loader did before its per-class plans: cattrs' generated hooks, then attrs' ``__init__``."""
    try:
        journey: jm.Journey = _THROUGH_CONSTRUCTORS.structure(data, jm.Journey)
    except Exception as error:
        raise ValidationError(_problems(error, [])) from None
    return journey


@given(damaged())
def test_a_damaged_document_gives_what_the_validated_constructors_give(data: Any) -> None:
    """The loader skips the conversion and check of absent fields' defaults; nothing a user sees changes."""
    assert _outcome(structure, data) == _outcome(through_constructors, data)


def _outcome(load: Any, data: Any) -> Any:
    """The journey, or the problems of the :class:`ValidationError`."""
    try:
        return load(data)
    except ValidationError as error:
        return error.problems


def test_absent_mappings_are_not_shared_between_objects() -> None:
    journey = jm.loads("title: t\nstages: [A, B]\n")
    first, second = journey.stages
    assert first.lanes == second.lanes == {}
    assert first.lanes is not second.lanes


def test_with_validators_disabled_the_loader_accepts_what_the_constructor_accepts() -> None:
    with attrs.validators.disabled():
        journey = jm.loads('title: t\nstages:\n- name: A\n  touchpoints:\n  - {name: " ", reach: -1}\n')
        touchpoint = jm.Touchpoint(name=" ", reach=-1)
    assert journey.stages[0].touchpoints[0] == touchpoint
    with pytest.raises(ValidationError, match=r"stages\[0\]\.touchpoints\[0\]\.name: must not be empty"):
        jm.loads('title: t\nstages:\n- name: A\n  touchpoints:\n  - {name: " ", reach: -1}\n')
